import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { PlannerError } from '../../shared/api/errors.js';
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
      ['Two consortium homes in Trafford from 2027', true, true],
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
      'Two consortium homes in Trafford from 2027',
    ]);
    for (const o of [result.baseline, ...result.outcomes]) {
      const t = o.totals;
      expect(t.placedOwnLa + t.placedElsewhereInConsortium + t.placedOutside + t.unmet).toBe(t.children);
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
