import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { PlannerError } from '#shared/api/errors.js';
import { ScenarioWorkerCore } from '../../renderer/src/views/scenarios/engine/workerCore.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-scenarios-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

describe('scenarios held in a plan', () => {
  it('a new Greater Manchester plan has the baseline and two illustrative scenarios', async () => {
    const list = await context.handlers.listScenarios({});
    expect(list.map((s) => [s.name, s.editable, s.illustrative])).toEqual([
      ['Baseline', false, false],
      ['Joint block contract, 12 beds', true, true],
      ['Two consortium homes in Trafford from 2026-27', true, true],
    ]);
  });

  it('creates, renames, duplicates and deletes scenarios; the baseline cannot be edited or deleted', async () => {
    const { id } = await context.handlers.duplicateScenario({ id: 'joint-block-12', name: 'Block contract, 20 beds' });
    const copy = (await context.handlers.listScenarios({})).find((s) => s.id === id);
    expect(copy?.levers).toHaveLength(1);
    const lever = copy?.levers[0];
    if (!copy || lever?.type !== 'blockContract') throw new Error('expected a block contract');
    const state = await context.handlers.saveScenario({
      scenario: { ...copy, notes: 'Bid option B', levers: [{ ...lever, beds: 20 }] },
    });
    expect(state.dirty).toBe(true);
    const saved = (await context.handlers.listScenarios({})).find((s) => s.id === id);
    expect(saved?.notes).toBe('Bid option B');
    expect(saved?.levers[0]).toMatchObject({ beds: 20 });
    await expect(
      Promise.resolve().then(() =>
        context.handlers.saveScenario({ scenario: { ...copy, name: 'Joint block contract, 12 beds' } }),
      ),
    ).rejects.toThrow(/already a scenario called/);
    expect(() => context.handlers.deleteScenario({ id: 'baseline' })).toThrow(PlannerError);
    await context.handlers.deleteScenario({ id });
    expect((await context.handlers.listScenarios({})).map((s) => s.id)).not.toContain(id);
  });

  it('runs the scenarios against the baseline with five-year outcomes and differences', async () => {
    const result = await context.handlers.runScenarios({
      ids: ['joint-block-12', 'trafford-homes-2027'],
      simulations: 200,
    });
    expect(result.baseline.years).toHaveLength(5);
    expect(result.outcomes.map((o) => o.scenario.name)).toEqual([
      'Joint block contract, 12 beds',
      'Two consortium homes in Trafford from 2026-27',
    ]);
    for (const o of [result.baseline, ...result.outcomes]) {
      const t = o.totals;
      expect(t.placedOwnLa + t.placedElsewhereInConsortium + t.placedOutside + t.unmet).toBeCloseTo(t.children, 6);
    }
    expect(result.comparison).toBeDefined();
    const block = result.outcomes[0];
    expect(block?.totals.cost.blockContracts).toBeGreaterThan(0);
    expect(block?.totals.gap).toBeLessThan(result.baseline.totals.gap);
  });

  it('scenarios survive a save and reopen', async () => {
    const file = path.join(tmp.dir, 'scenarios.ccplan');
    await context.handlers.duplicateScenario({ id: 'trafford-homes-2027', name: 'Three homes' });
    context.plans.saveAs(file);
    const other = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data2') });
    other.plans.openPlan(file);
    expect((await other.handlers.listScenarios({})).map((s) => s.name)).toContain('Three homes');
    other.plans.dispose();
  });
});

describe('planner scenario CLI', () => {
  const run = async (args: string[]) => {
    const { runCli } = await import('../../electron/cli/main.js');
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
  };

  it('lists, prints the schema, and runs a scenario described in a levers file', async () => {
    const list = await run(['scenario', 'list', '--json']);
    expect(JSON.parse(list.stdout).map((s: { name: string }) => s.name)).toContain('Joint block contract, 12 beds');
    const schema = JSON.parse((await run(['scenario', 'schema'])).stdout);
    expect(JSON.stringify(schema)).toContain('blockContract');
    const fs = await import('node:fs');
    const file = path.join(tmp.dir, 'levers.json');
    fs.writeFileSync(
      file,
      JSON.stringify({
        id: 'prevention-5',
        name: 'Edge-of-care prevention, 5%',
        levers: [{ type: 'prevention', la: 'E08000003', entriesReduction: 0.05, startYear: '2026' }],
      }),
    );
    const result = await run(['scenario', 'compare', '--levers', file, '--sims', '100', '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.outcomes[0].scenario.name).toBe('Edge-of-care prevention, 5%');
    expect(report.comparison).toBeDefined();
    const bad = path.join(tmp.dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ id: 'x', name: 'Bad', levers: [{ type: 'blockContract', beds: -3 }] }));
    const refused = await run(['scenario', 'run', '--levers', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('not a valid scenario');
  });

  it('compares in words with the locality costs, each lever’s notes and the block break-even, as the JSON has them', async () => {
    const text = await run(['scenario', 'compare', '--sims', '50']);
    expect(text.code).toBe(0);
    const json = JSON.parse((await run(['scenario', 'compare', '--sims', '50', '--json'])).stdout) as {
      comparison: { scenarios: { name: string; notes: string[]; breakEven: { breakEvenWeeklyPrice: number }[] }[] };
      outcomes: { scenario: { name: string }; totals: { cost: { travel: number; residualValue: number } } }[];
    };
    const block = json.comparison.scenarios.find((d) => d.name === 'Joint block contract, 12 beds')!;
    expect(block.breakEven).toHaveLength(1);
    // Every note the comparison holds is printed, under its scenario.
    for (const note of block.notes) expect(text.stdout).toContain(`  ${note}`);
    expect(text.stdout).toMatch(/breaks even against the baseline at £[\d,]+ a bed a week|would not pay for itself/);
    expect(text.stdout).toMatch(/^ {2}of the cost: travel and staff time £\d+\.\dm, missing incidents £\d+\.\dm$/m);
    const homes = json.outcomes.find((o) => o.scenario.name.startsWith('Two consortium homes'))!;
    expect(homes.totals.cost.residualValue).toBeLessThan(0);
    expect(text.stdout).toContain(
      `residual value of new homes −£${(Math.abs(homes.totals.cost.residualValue) / 1e6).toFixed(1)}m`,
    );
  });
});

describe('sensitivity of a scenario: each input at the ends of its stated range', () => {
  it('moves cost and gap in the expected directions, says what drives each, and matches the run', async () => {
    const result = await context.handlers.runSensitivity({ id: 'joint-block-12' });
    const bar = (key: string) => result.bars.find((b) => b.key === key);
    // More children needing a place: more cost and a bigger gap.
    expect(bar('demand')?.high.cost).toBeGreaterThan(result.base.cost);
    expect(bar('demand')?.high.gap).toBeGreaterThan(result.base.gap);
    expect(bar('demand')?.low.gap).toBeLessThan(result.base.gap);
    // Dearer private homes: more cost, the same gap.
    expect(bar('price.private')?.high.cost).toBeGreaterThan(result.base.cost);
    expect(bar('price.private')?.high.gap).toBeCloseTo(result.base.gap, 6);
    // Faster real price growth: more cost and more NPV.
    expect(bar('priceGrowth')?.high.npv).toBeGreaterThan(result.base.npv);
    // Occupancy moves the gap (lower occupancy: more beds needed), its cost is not estimated.
    expect(bar('targetOccupancy')?.low.gap).toBeGreaterThan(result.base.gap);
    expect(bar('targetOccupancy')?.notEstimated).toEqual(['cost']);
    // Bars that move the cost come widest cost swing first.
    const costBars = result.bars.filter((b) => !b.notEstimated);
    const swings = costBars.map((b) => Math.abs(b.high.cost - b.low.cost));
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    expect(result.sentences.cost).toMatch(/cost \(£[\d,.]+m\) moves most with /);
    expect(result.sentences.gap).toMatch(/gap \([\d,]+ beds\) moves most with /);
    // The same engine as the run the Scenarios and Compare views show.
    const run = await context.handlers.runScenarios({ ids: ['joint-block-12'] });
    expect(run.outcomes[0]?.sensitivity?.costSentence).toBe(result.sentences.cost);
  });
});

describe('the scenario context for the renderer’s worker', () => {
  it('runs in the worker exactly as on the host; its key follows the plan’s data, not its scenarios', async () => {
    const first = await context.handlers.getScenarioContext({ simulations: 120, seed: 3 });
    expect(first.key).toMatch(/^[0-9a-f]{32}$/);
    expect(first.context.members).toHaveLength(10);
    expect(first.context.simulations).toBe(120);

    // Through JSON, as the browser-mode bridge sends it, then into the worker's engine.
    const core = new ScenarioWorkerCore();
    core.handle({ type: 'context', key: first.key, context: JSON.parse(JSON.stringify(first.context)) });
    const [block] = (await context.handlers.listScenarios({})).filter((s) => s.id === 'joint-block-12');
    const answer = core.handle({
      type: 'run',
      request: 1,
      contextKey: first.key,
      uncertainty: 'simulated',
      scenarios: [{ id: block!.id, name: block!.name, notes: block!.notes, illustrative: true, levers: block!.levers }],
    });
    if (answer?.type !== 'result') throw new Error(JSON.stringify(answer));
    const onHost = await context.handlers.runScenarios({ ids: ['joint-block-12'], simulations: 120, seed: 3 });
    expect(answer.result.outcomes[0]?.totals).toEqual(onHost.outcomes[0]?.totals);
    expect(answer.result.comparison).toEqual(onHost.comparison);

    // Saving a scenario leaves the context as it was; changing an assumption does not.
    await context.handlers.duplicateScenario({ id: 'joint-block-12', name: 'Another' });
    expect((await context.handlers.getScenarioContext({ simulations: 120, seed: 3 })).key).toBe(first.key);
    context.plans.setAssumption('targetOccupancy', 0.8);
    const changed = await context.handlers.getScenarioContext({ simulations: 120, seed: 3 });
    expect(changed.key).not.toBe(first.key);
    expect(changed.context.settings.targetOccupancy).toBe(0.8);
  });
});
