/**
 * A Greater Manchester plan whose members change under its scenarios: Bury and Trafford leave, so
 * the two worked examples (a block contract in Bury, two homes in Trafford) name non-members. Every
 * view that runs scenarios keeps working — the Compare and report calls, the report's own data
 * loader and document, the workbook, and `planner scenario compare` — running the baseline and the
 * valid scenarios and flagging the others with what to do; the list flags them with the nearest
 * member suggested; and once one is repaired and saved, it runs.
 */
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { planTables } from '../../electron/services/exportService.js';
import { dispatchCall } from '../../electron/services/dispatch.js';
import { readPlanData } from '../../electron/store/planData.js';
import { haversineMiles } from '#shared/allocate/distance.js';
import { repairScenario, type Scenario } from '#shared/scenario/index.js';
import { makeTempDir } from '../helpers/tmp.js';

const BURY = 'E08000002';
const TRAFFORD = 'E08000009';
const BOLTON = 'E08000001';
const ROCHDALE = 'E08000005';
const SALFORD = 'E08000006';
const BLOCK = 'joint-block-12';
const HOMES = 'trafford-homes-2027';
const PREVENTION = 'prevention-all';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let planFile: string;
/** The remaining member nearest each authority that left, by the plan's own centroids. */
const nearest: Record<string, { code: string; name: string }> = {};

beforeAll(async () => {
  tmp = makeTempDir('planner-scenario-repair-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data'), autosaveIntervalMs: 0 });
  context.plans.newPlan();
  const h = context.handlers;
  const members = (await h.getPlanSummary({})).authorities.filter((a) => a.isMember).map((a) => a.code);
  expect(members).toContain(BURY);
  context.plans.setMembership(members.filter((c) => c !== BURY && c !== TRAFFORD));
  const areas = context.plans.read((db) => readPlanData(db, { summaryOnly: true })).areas;
  for (const code of [BURY, TRAFFORD]) {
    const from = areas.find((a) => a.code === code);
    const miles = (a: (typeof areas)[number]) =>
      haversineMiles(from?.centroidLat ?? 0, from?.centroidLon ?? 0, a.centroidLat ?? 0, a.centroidLon ?? 0);
    const [best] = areas.filter((a) => a.isMember).sort((a, b) => miles(a) - miles(b));
    if (!best) throw new Error('expected members');
    nearest[code] = { code: best.code, name: best.name };
  }
  // Adjacent neighbours, whichever centroids the dataset has.
  expect([ROCHDALE, BOLTON]).toContain(nearest[BURY]?.code);
  expect(nearest[TRAFFORD]?.code).toBe(SALFORD);
  await h.saveScenario({
    scenario: {
      id: PREVENTION,
      name: 'Prevention everywhere',
      notes: '',
      illustrative: false,
      levers: [{ type: 'prevention', la: 'all', entriesReduction: 0.1, startYear: '2027', annualCost: 0 }],
    },
  });
  planFile = path.join(tmp.dir, 'eight.ccplan');
  context.plans.saveAs(planFile);
});

afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

describe('scenarios naming authorities that have left the consortium', () => {
  it('are flagged in the list with the nearest member suggested', async () => {
    const list = await context.handlers.listScenarios({});
    const flags = Object.fromEntries(
      list.map((s) => [s.id, (s.nonMembers ?? []).map((p) => [p.path, p.name, p.suggested?.name])]),
    );
    expect(flags).toEqual({
      baseline: [],
      [BLOCK]: [['levers.0.la', 'Bury', nearest[BURY]?.name]],
      [HOMES]: [
        ['levers.0.la', 'Trafford', 'Salford'],
        ['levers.1.la', 'Trafford', 'Salford'],
      ],
      [PREVENTION]: [],
    });
  });

  it('never fail a comparison: the baseline and the valid scenarios run, the others come back needing repair', async () => {
    const result = await context.handlers.runScenarios({ ids: [BLOCK, PREVENTION, HOMES], simulations: 100, seed: 1 });
    expect(result.baseline.years).toHaveLength(5);
    expect(result.outcomes.map((o) => o.scenario.id)).toEqual([PREVENTION]);
    expect(result.comparison.scenarios.map((s) => s.id)).toEqual([PREVENTION]);
    expect(result.needsRepair?.map((r) => [r.id, r.name, r.issues.map((i) => i.path)])).toEqual([
      [BLOCK, 'Joint block contract, 12 beds', ['levers.0.la']],
      [HOMES, 'Two consortium homes in Trafford from 2026-27', ['levers.0.la', 'levers.1.la']],
    ]);
    // Only broken scenarios: still the baseline, and no error.
    const only = await context.handlers.runScenarios({ ids: [BLOCK], simulations: 100, seed: 1 });
    expect(only.outcomes).toEqual([]);
    expect(only.needsRepair?.map((r) => r.id)).toEqual([BLOCK]);
  });

  it('the report loads and shows the notice beside the scenarios that ran', async () => {
    // The report's own loader, through the same dispatch as the IPC and HTTP bridges.
    const bridge = new Proxy(
      {},
      { get: (_target, name) => (args: unknown) => dispatchCall(context.handlers, String(name), args) },
    );
    (globalThis as { window?: unknown }).window = { planner: bridge };
    try {
      const { loadReportData } = await import('../../renderer/src/views/report/reportData.js');
      const { ReportDocument } = await import('../../renderer/src/views/report/ReportDocument.js');
      const data = await loadReportData({ scenarioIds: null });
      expect(data.scenarioProblem).toBeNull();
      expect(data.scenarioRun?.outcomes.map((o) => o.scenario.id)).toEqual([PREVENTION]);
      const html = renderToStaticMarkup(createElement(ReportDocument, { data, standalone: true }));
      expect(html).toContain(
        'Scenario “Joint block contract, 12 beds” names Bury, which is not a member of this consortium: open it in Scenarios to repair it.',
      );
      expect(html).toContain('names Trafford, which is not a member');
      expect(html).toContain('data-scenario="prevention-all"');
    } finally {
      delete (globalThis as { window?: unknown }).window;
    }
  });

  it('the workbook has the baseline and the valid scenarios', () => {
    const { tables } = planTables(context.plans, context.imports);
    const scenarios = tables.find((t) => t.name === 'Scenarios');
    expect(new Set(scenarios?.rows.map((r) => r[0]))).toEqual(new Set(['Baseline', 'Prevention everywhere']));
  });

  it('`planner scenario compare` lists them as skipped and exits 0', async () => {
    let out = '';
    let err = '';
    const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t) };
    const code = await runCli(['scenario', 'compare', '--plan', planFile, '--sims', '50'], io);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toMatch(/^Baseline: /m);
    expect(out).toMatch(/^Prevention everywhere: /m);
    expect(out).toContain(
      'Skipped: Scenario “Joint block contract, 12 beds” names Bury, which is not a member of this consortium: open it in Scenarios to repair it.',
    );
    expect(out).toContain('Skipped: Scenario “Two consortium homes in Trafford from 2026-27” names Trafford');

    out = '';
    expect(await runCli(['scenario', 'run', '--plan', planFile, '--sims', '50', '--json'], io)).toBe(0);
    const json = JSON.parse(out) as { outcomes: unknown[]; needsRepair: { id: string }[] };
    expect(json.outcomes).toHaveLength(1);
    expect(json.needsRepair.map((r) => r.id)).toEqual([BLOCK, HOMES]);
  });

  it('once repaired and saved, a scenario runs and is no longer flagged', async () => {
    const h = context.handlers;
    const stored = (await h.listScenarios({})).find((s) => s.id === HOMES);
    if (!stored) throw new Error('expected the Trafford homes');
    const { nonMembers, updatedAt, editable, ...scenario } = stored;
    void updatedAt;
    void editable;
    // The host's suggestions, as the editor would use them.
    const suggestions = Object.fromEntries(
      (nonMembers ?? []).flatMap((p) => (p.suggested ? [[p.code, p.suggested]] : [])),
    );
    const members = (await h.getPlanSummary({})).authorities.filter((a) => a.isMember);
    const repaired: Scenario = repairScenario(scenario, { members, suggestions }, { action: 'move' });
    expect(repaired.levers.map((l) => ('la' in l ? l.la : null))).toEqual([SALFORD, SALFORD]);
    await h.saveScenario({ scenario: repaired });

    const list = await h.listScenarios({});
    expect(list.find((s) => s.id === HOMES)?.nonMembers).toEqual([]);
    const result = await h.runScenarios({ ids: [BLOCK, HOMES], simulations: 100, seed: 1 });
    expect(result.outcomes.map((o) => o.scenario.id)).toEqual([HOMES]);
    expect(result.outcomes[0]?.totals.cost.capital).toBeGreaterThan(0);
    expect(result.needsRepair?.map((r) => r.id)).toEqual([BLOCK]);

    // The block contract moved to the member nearest Bury (the host's suggestion): everything runs.
    const block = list.find((s) => s.id === BLOCK);
    if (!block) throw new Error('expected the block contract');
    const moved = repairScenario(
      { id: block.id, name: block.name, notes: block.notes, illustrative: block.illustrative, levers: block.levers },
      { members, suggestions: { [BURY]: block.nonMembers?.[0]?.suggested ?? { code: '', name: '', miles: null } } },
      { action: 'move' },
    );
    expect(moved.levers[0]).toMatchObject({ la: nearest[BURY]?.code });
    await h.saveScenario({ scenario: moved });
    const all = await h.runScenarios({ ids: [BLOCK, HOMES], simulations: 100, seed: 1 });
    expect(all.outcomes.map((o) => o.scenario.id)).toEqual([BLOCK, HOMES]);
    expect(all.needsRepair).toEqual([]);
  });
});
