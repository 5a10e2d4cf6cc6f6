/**
 * Every English consortium in one step: a plan for each of the nine regions, for Greater Manchester
 * and for all of England, each projected, mapped, its example scenarios run and compared, its report
 * (as the PDF prints it) and workbook made — with no error, no Greater Manchester name outside the GM plan, and every
 * headline figure traced to a source the plan holds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { writeWorkbook } from '../../electron/services/exportService.js';
import { dispatchCall } from '../../electron/services/dispatch.js';
import { builtInTemplate } from '../../electron/services/template.js';
import { consortiumPresets, GREATER_MANCHESTER_CODES } from '#shared/model/consortia.js';
import {
  assumptionLines,
  bedNeedSentence,
  buildMethodology,
  gapByAuthority,
  headlineTable,
  keyFigures,
} from '../../renderer/src/views/report/reportModel/index.js';
import { buildGeometry } from '../../renderer/src/charts/map/geometry.js';
import { makeTempDir } from '../helpers/tmp.js';

const presets = consortiumPresets(builtInTemplate.areas);
const gmNames = builtInTemplate.areas
  .filter((a) => GREATER_MANCHESTER_CODES.includes(a.code))
  .map((a) => a.name)
  .concat(['Greater Manchester']);

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
beforeAll(() => {
  tmp = makeTempDir('planner-every-consortium-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data'), autosaveIntervalMs: 0 });
});
afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

/** The report document as the PDF prints it, loaded through the app's own calls. */
async function renderedReport(app: AppContext): Promise<string> {
  const bridge = new Proxy(
    {},
    { get: (_target, name) => (args: unknown) => dispatchCall(app.handlers, String(name), args) },
  );
  (globalThis as { window?: unknown }).window = { planner: bridge };
  try {
    const { loadReportData } = await import('../../renderer/src/views/report/reportData.js');
    const { ReportDocument } = await import('../../renderer/src/views/report/ReportDocument.js');
    const data = await loadReportData({ scenarioIds: null });
    return renderToStaticMarkup(createElement(ReportDocument, { data, standalone: true }));
  } finally {
    delete (globalThis as { window?: unknown }).window;
  }
}

/** The words of a value (strings anywhere inside it), for finding names. */
function textOf(value: unknown): string {
  return JSON.stringify(value);
}

/** GM names found in a text, as whole words (Bury is not "Buryton"). */
function gmNamesIn(text: string): string[] {
  return gmNames.filter((name) => new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(text));
}

/** Time allowed for one consortium's round trip: all of England is far larger than any region. */
const roundTripTimeout = (id: string): number => (id === 'england' ? 420_000 : 120_000);

describe('a plan for every English consortium', () => {
  it('has presets for the nine regions, Greater Manchester and England', () => {
    expect(presets.filter((p) => p.kind === 'region')).toHaveLength(9);
    expect(presets.find((p) => p.id === 'greater-manchester')?.members).toHaveLength(10);
    expect(presets.find((p) => p.id === 'england')?.members.length).toBeGreaterThanOrEqual(150);
  });

  for (const preset of presets) {
    it(
      `${preset.name}: projection, map, example scenarios, comparison, report (as printed) and workbook`,
      async () => {
        const h = context.handlers;
        await h.newPlan({ consortium: { name: preset.name, members: preset.members } });
        const summary = await h.getPlanSummary({});
        expect(summary.consortium.memberCount).toBe(preset.members.length);

        // comparators: the members' own region(s) and England, nothing else
        const regions = new Set(
          builtInTemplate.areas.filter((a) => preset.members.includes(a.code)).map((a) => a.regionCode),
        );
        for (const c of summary.comparators) expect(c.level === 'National' || regions.has(c.code)).toBe(true);
        expect(summary.comparators.some((c) => c.level === 'National')).toBe(true);

        // every headline figure names a source the plan holds
        const sourceIds = new Set(summary.sources.map((s) => s.id));
        for (const f of summary.consortium.headline) {
          for (const id of f.sources ?? []) expect(sourceIds.has(id)).toBe(true);
        }

        const { projection, backtest } = await h.getProjection({
          method: 'rate',
          simulations: 200,
          seed: 1,
          withBacktest: true,
        });
        expect(projection.years.length).toBeGreaterThan(0);
        // every member is projected, or the projection says why it is left out (all figures suppressed)
        const projected = new Set(projection.areas.map((a) => a.code));
        for (const code of preset.members) {
          if (projected.has(code)) continue;
          const name = builtInTemplate.areas.find((a) => a.code === code)?.name ?? code;
          expect(projection.warnings.some((w) => w.includes(name) && w.includes('left out of the projection'))).toBe(
            true,
          );
        }
        expect(projected.size).toBeGreaterThanOrEqual(preset.members.length * 0.9);

        const geometry = buildGeometry(await h.getMapData({}), 'hex');
        expect(geometry.missing).toEqual([]);
        expect(geometry.shapes).toHaveLength(preset.members.length);

        const scenarios = await h.listScenarios({});
        expect(scenarios.length).toBeGreaterThanOrEqual(2);
        const run = await h.runScenarios({
          ids: scenarios.filter((s) => s.editable).map((s) => s.id),
          simulations: 100,
          seed: 1,
        });
        expect(run.outcomes.length).toBe(scenarios.filter((s) => s.editable).length);

        const reportText = textOf([
          bedNeedSentence(summary.consortium.name, projection),
          keyFigures(summary, projection),
          headlineTable(summary),
          gapByAuthority(projection),
          assumptionLines(summary, projection, run.baseline.assumptions),
          buildMethodology({
            summary,
            projection,
            backtest,
            scenarios: run.baseline,
            hasScenarios: run.outcomes.length > 0,
          }),
          scenarios,
          run,
        ]);
        const workbook = path.join(tmp.dir, `${preset.id.replace(/[^a-z0-9]+/gi, '-')}.xlsx`);
        await writeWorkbook(context.plans, context.imports, workbook);
        expect(fs.statSync(workbook).size).toBeGreaterThan(0);
        const sheets = await readExcelFile(workbook);
        const workbookText = textOf(sheets.map((s) => s.data));

        // the whole report as the PDF prints it, loaded through the same calls as the app
        const html = await renderedReport(context);
        expect(html).toContain(preset.name);

        if (preset.id !== 'greater-manchester' && !preset.members.some((m) => GREATER_MANCHESTER_CODES.includes(m))) {
          expect(gmNamesIn(reportText)).toEqual([]);
          expect(gmNamesIn(workbookText)).toEqual([]);
          expect(gmNamesIn(html)).toEqual([]);
        } else if (preset.id === 'greater-manchester') {
          // the detector does find the names where they belong
          expect(gmNamesIn(html).length).toBeGreaterThanOrEqual(10);
        }
        // All of England (153 members) runs every scenario on the plan's own 1,000 simulations for the
        // workbook and the report, about 15 times GM's work: 131 s on an idle 2-core machine.
      },
      roundTripTimeout(preset.id),
    );
  }
});
