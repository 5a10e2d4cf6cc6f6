/**
 * One number everywhere: the consortium's gap in the horizon year and the baseline's five-year cost
 * are the same figures whichever way they are reached — the Projection view's call, the scenario
 * run on the host (Compare, the report), the renderer's scenario worker (Scenarios), the exported
 * tables and the CLI — for the built-in plan with two scenarios, and after an assumption changes.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { planTables } from '../../electron/services/exportService.js';
import { ScenarioWorkerCore } from '../../renderer/src/views/scenarios/engine/workerCore.js';
import { scenarioContextRequest } from '../../renderer/src/app/useScenarios.js';
import { makeTempDir } from '../helpers/tmp.js';

const tmp = makeTempDir('planner-one-number-');
let context: AppContext;
const planFile = path.join(tmp.dir, 'gm.ccplan');
const ids = ['joint-block-12', 'trafford-homes-2027'];

beforeAll(async () => {
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
  await context.handlers.savePlanAs({ path: planFile });
});

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

async function cli(args: string[]): Promise<unknown> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

interface Figures {
  gap: number;
  cost: number;
}

/** The headline through every path the app has, as each shows it (gap in whole beds, cost to £0.1m). */
async function everyPath(): Promise<Record<string, Figures>> {
  const shown = (gap: number, cost: number): Figures => ({ gap: Math.round(gap), cost: Math.round(cost / 1e5) / 10 });
  const { projection } = await context.handlers.getProjection({ method: 'rate', withBacktest: false });
  const host = await context.handlers.runScenarios({ ids });
  const last = (o: typeof host.baseline) => o.years[o.years.length - 1];
  const projectionGap = projection.consortium.years.at(-1)?.gap.p50 ?? NaN;

  // The Scenarios view's own request, so a view asking for other simulations would fail here.
  const wire = await context.handlers.getScenarioContext(scenarioContextRequest);
  const core = new ScenarioWorkerCore();
  core.handle({ type: 'context', key: wire.key, context: JSON.parse(JSON.stringify(wire.context)) });
  const stored = (await context.handlers.listScenarios({})).filter((s) => ids.includes(s.id));
  const answer = core.handle({
    type: 'run',
    request: 1,
    contextKey: wire.key,
    uncertainty: 'simulated',
    scenarios: stored.map((s) => ({ id: s.id, name: s.name, notes: s.notes, illustrative: true, levers: s.levers })),
  });
  if (answer?.type !== 'result') throw new Error(JSON.stringify(answer));
  const worker = answer.result;

  const { tables } = planTables(context.plans, context.imports);
  const table = (name: string) => tables.find((t) => t.name === name);
  const column = (name: string, header: string) => table(name)?.header.indexOf(header) ?? -1;
  const finalYear = Number(projection.years.at(-1));
  const yearOf = (name: string) => column(name, 'Year ending 31 March');
  const projectionRows = table('Projection')?.rows ?? [];
  const exportedGap = projectionRows.find(
    (r) => r[column('Projection', 'Code')] === 'consortium' && Number(r[yearOf('Projection')]) === finalYear,
  )?.[column('Projection', 'Gap P50 [beds]')];
  const baselineRows = (table('Scenarios')?.rows ?? []).filter(
    (r) => r[column('Scenarios', 'Scenario')] === 'Baseline',
  );
  const exportedScenarioGap = baselineRows.find((r) => Number(r[yearOf('Scenarios')]) === finalYear)?.[
    column('Scenarios', 'Gap [beds]')
  ];
  const exportedCost = baselineRows.reduce((s, r) => s + Number(r[column('Scenarios', 'Cost: total [£]')]), 0);

  await context.handlers.savePlan({});
  const cliProjection = (await cli(['project', '--plan', planFile, '--json'])) as {
    consortium: { years: { gap: { p50: number } }[] };
  };
  const cliScenarios = (await cli(['scenario', 'run', '--plan', planFile, '--json'])) as {
    baseline: { years: { gap: number }[]; totals: { cost: { total: number } } };
  };

  return {
    projection: shown(projectionGap, host.baseline.totals.cost.total),
    hostScenarios: shown(last(host.baseline)?.gap ?? NaN, host.baseline.totals.cost.total),
    worker: shown(last(worker.baseline)?.gap ?? NaN, worker.baseline.totals.cost.total),
    export: shown(Number(exportedGap), exportedCost),
    exportScenarios: shown(Number(exportedScenarioGap), exportedCost),
    cliProjection: shown(cliProjection.consortium.years.at(-1)?.gap.p50 ?? NaN, host.baseline.totals.cost.total),
    cliScenarios: shown(cliScenarios.baseline.years.at(-1)?.gap ?? NaN, cliScenarios.baseline.totals.cost.total),
  };
}

describe('one number everywhere', () => {
  it('gives the same horizon gap and five-year cost on every path, for the built-in plan with two scenarios', async () => {
    const figures = await everyPath();
    const first = figures.projection;
    if (!first) throw new Error('no projection figures');
    expect(Number.isFinite(first.gap) && Number.isFinite(first.cost)).toBe(true);
    for (const [where, f] of Object.entries(figures)) expect({ where, ...f }).toEqual({ where, ...first });
  });

  it('still agrees after an assumption changes', async () => {
    context.plans.setAssumption('targetOccupancy', 0.8);
    const figures = await everyPath();
    const first = figures.projection;
    if (!first) throw new Error('no projection figures');
    for (const [where, f] of Object.entries(figures)) expect({ where, ...f }).toEqual({ where, ...first });
  });

  it('allocates the children the gap counts: the baseline’s children are the consortium’s median', async () => {
    const { projection } = await context.handlers.getProjection({ method: 'rate', withBacktest: false });
    const host = await context.handlers.runScenarios({ ids: [] });
    host.baseline.years.forEach((y, h) => {
      expect(y.children).toBeCloseTo(Math.round(projection.consortium.years[h]?.demand.p50 ?? NaN), 9);
    });
  });
});
