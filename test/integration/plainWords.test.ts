/**
 * Plain words wherever a user reads: every view as React renders it (react-dom/server, with the
 * plan's real calls behind window.planner), every lever form, the report as the PDF prints it, the
 * workbook and CSV files, and the command line's tables, scanned for words meant for developers —
 * schema paths ("levers.0.la"), a unit said twice ("Beds (beds)"), code identifiers
 * ("childrenInChildrensHomes") and code-comment phrasing ("True when … false for …", a label
 * lower-cased into "placed outside la boundary").
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { writeCsvFolder, writeWorkbook } from '../../electron/services/exportService.js';
import { dispatchCall } from '../../electron/services/dispatch.js';
import { needsRepairMessage } from '#shared/scenario/repair.js';
import { hits, readable, withoutAddresses } from '../helpers/plainWords.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

/** Runs `fn` with window.planner answering from the plan's own handlers, as the app's bridge does. */
async function withBridge<T>(fn: () => Promise<T>): Promise<T> {
  const bridge = new Proxy(
    {},
    {
      get: (_target, name) =>
        name === 'onMenuCommand'
          ? () => () => undefined
          : name === 'pathForFile'
            ? () => null
            : (args: unknown) => dispatchCall(context.handlers, String(name), args),
    },
  );
  (globalThis as { window?: unknown }).window = { planner: bridge, location: { search: '' } };
  try {
    return await fn();
  } finally {
    delete (globalThis as { window?: unknown }).window;
  }
}

beforeAll(() => {
  tmp = makeTempDir('planner-plain-words-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data'), autosaveIntervalMs: 0 });
  context.plans.newPlan();
});

afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

describe('the scanner', () => {
  it('finds each kind of developer wording', () => {
    expect(hits('t', 'Lever problem: levers.0.la: not a member')).toHaveLength(1);
    expect(hits('t', 'Beds (beds)')).toHaveLength(1);
    expect(hits('t', 'Registered places [places]')).toHaveLength(1);
    expect(hits('t', 'backtest of childrenInChildrensHomes')).toHaveLength(1);
    expect(hits('t', 'True when the beds are existing; false for new places.')).toHaveLength(2);
    expect(hits('t', 'No figures for placed outside la boundary.')).toHaveLength(1);
    expect(hits('t', 'Baseline: 262 in own la (34%)')).toHaveLength(1);
    expect(hits('t', 'children placed by other las')).toHaveLength(1);
    expect(hits('t', 'Source dfe-cla-la-of-placement-2024; in own council area; LA-run homes')).toEqual([]);
    expect(hits('t', 'Beds needed P50, Gap (beds), Weekly price (£ a bed a week), 20 miles (share)')).toEqual([]);
    expect(readable('<p title="x">A <a href="https://e.g/childrenLookedAfter">source</a></p>')).not.toMatch(
      /childrenLookedAfter/,
    );
  });
});

describe('plain words where a user reads', () => {
  it('in every view as rendered', async () => {
    const found = await withBridge(async () => {
      const { views } = await import('../../renderer/src/app/views.js');
      const { PlanContext } = await import('../../renderer/src/app/PlanContext.js');
      const plan = context.plans.state();
      if (!plan.open) throw new Error('no plan');
      const value = {
        appInfo: context.appInfo,
        plan,
        summary: context.plans.summary(),
        perform: async () => true,
        showDataSources: () => undefined,
        editMembers: () => undefined,
      };
      return views.map((v) => {
        const text = readable(
          renderToStaticMarkup(
            createElement(PlanContext.Provider, { value }, createElement(v.Component as ComponentType)),
          ),
        );
        return { view: v.label, length: text.replace(/\s+/g, ' ').length, hits: hits(`${v.label} view`, text) };
      });
    });
    // each view renders its first screen; the Data view its whole tables (figures that load later
    // are scanned in the report and the exports, which show them all)
    for (const f of found) expect(f.length, f.view).toBeGreaterThan(10);
    expect(found.find((f) => f.view === 'Data')?.length).toBeGreaterThan(10_000);
    expect(found.flatMap((f) => f.hits)).toEqual([]);
  });

  it('in every lever form, with its labels, units and help', async () => {
    const { leverTypes, leverToDraft, newLever } =
      await import('../../renderer/src/views/scenarios/leverFields/index.js');
    const { LeverForm } = await import('../../renderer/src/views/scenarios/LeverForm.js');
    const members = context.plans.summary().authorities.map((a) => ({ code: a.code, name: a.name }));
    const years = ['2026', '2027', '2028', '2029', '2030'];
    const found = leverTypes.flatMap((type, i) =>
      hits(
        `${type} form`,
        readable(
          renderToStaticMarkup(
            createElement(LeverForm, {
              draft: leverToDraft(newLever(type, { members, years })),
              index: i,
              members,
              years,
              errors: {},
              readOnly: false,
              onChange: () => undefined,
              onRemove: () => undefined,
            }),
          ),
        ),
      ),
    );
    expect(found).toEqual([]);
  });

  it('in the report as the PDF prints it', async () => {
    const html = await withBridge(async () => {
      const { loadReportData } = await import('../../renderer/src/views/report/reportData.js');
      const { ReportDocument } = await import('../../renderer/src/views/report/ReportDocument.js');
      const data = await loadReportData({ scenarioIds: null });
      return renderToStaticMarkup(createElement(ReportDocument, { data, standalone: true }));
    });
    expect(html.length).toBeGreaterThan(10_000);
    expect(hits('report', readable(html))).toEqual([]);
  }, 60_000);

  it('in the workbook and the CSV files', async () => {
    const file = await writeWorkbook(context.plans, context.imports, path.join(tmp.dir, 'plain.xlsx'));
    const sheets = await readExcelFile(fs.readFileSync(file));
    const found = sheets.flatMap((s) =>
      hits(
        `workbook ${s.sheet}`,
        withoutAddresses(s.data.map((r) => r.filter((c) => typeof c === 'string').join(' | ')).join('\n')),
      ),
    );
    const csv = writeCsvFolder(context.plans, context.imports, path.join(tmp.dir, 'csv'));
    for (const f of csv) found.push(...hits(path.basename(f), withoutAddresses(fs.readFileSync(f, 'utf8'))));
    expect(found).toEqual([]);
  }, 60_000);

  it('in a scenario that cannot run, as the report and the command line say it', () => {
    const message = needsRepairMessage({
      name: 'Block contract',
      nonMembers: [],
      issues: [{ path: 'levers.0.weeklyPrice', message: 'Give a price above £0.' }],
    });
    expect(message).toContain('Lever 1, weekly price: Give a price above £0.');
    expect(hits('repair message', message)).toEqual([]);
  });

  it('in the command line’s tables', async () => {
    const out: string[] = [];
    const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t) };
    const plan = path.join(tmp.dir, 'cli.ccplan');
    expect(await runCli(['new', '--out', plan, '--region', 'North West'], io)).toBe(0);
    for (const args of [['summary'], ['backtest'], ['project', '--sims', '200'], ['scenario', 'run', '--sims', '50']]) {
      out.length = 0;
      expect(await runCli([...args, '--plan', plan], io)).toBe(0);
      expect(hits(`planner ${args[0]}`, withoutAddresses(out.join('')))).toEqual([]);
    }
  }, 120_000);
});
