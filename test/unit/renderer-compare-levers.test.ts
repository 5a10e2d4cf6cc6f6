/**
 * The Compare view's lever notes, block break-even prices and residual value, on the built-in
 * Greater Manchester plan and its built-in scenarios (a 12-bed block contract in Bury, two homes in
 * Trafford) run by the shared model: what the view shows must be what the model worked out.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import {
  baselineScenario,
  builtInScenarios,
  compareScenarios,
  runScenario,
  scenarioContextFromPlan,
  type ScenarioOutcome,
} from '#shared/scenario/index.js';
import {
  blockBreakEvens,
  breakEvenText,
  keyFigureRows,
  leverNoteGroups,
} from '../../renderer/src/views/compare/compareModel.js';
import { formatMoney, formatPounds } from '../../renderer/src/format/money.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

let baseline: ScenarioOutcome;
let block: ScenarioOutcome;
let homes: ScenarioOutcome;
let idle: ScenarioOutcome;
let policy: ScenarioOutcome;

beforeAll(() => {
  const plan = builtInPlanData();
  const projection = project(projectionInputsFromPlan(plan), { method: 'rate', simulations: 0, seed: 1 });
  const context = scenarioContextFromPlan(plan, projection);
  baseline = runScenario(context, baselineScenario());
  const [blockScenario, homesScenario] = builtInScenarios().filter((s) => s.levers.length > 0);
  block = runScenario(context, blockScenario!);
  homes = runScenario(context, homesScenario!);
  // No price growth at all: the scenario changes nothing.
  idle = runScenario(context, {
    id: 'no-inflation',
    name: 'No price inflation',
    levers: [{ type: 'priceInflation', id: 'flat', annualRate: 0, startYear: '2026' }],
  });
  // A distance policy where no nearer bed is free: it says why it cannot move children.
  policy = runScenario(context, {
    id: 'distance-policy',
    name: 'Distance policy',
    levers: [{ type: 'distancePolicy', id: 'near', la: 'all', startYear: '2026' }],
  });
});

describe('the Compare view’s break-even prices and residual value', () => {
  it('puts each block contract’s break-even price beside the net cost, as the model works it out', () => {
    const rows = keyFigureRows(baseline, [block, homes]);
    const keys = rows.map((r) => r.key);
    const row = rows.find((r) => r.key === 'blockBreakEven')!;
    expect(row).toBeDefined();
    // Straight after the net present value (and its parts), before the chance the gap is closed.
    expect(keys.indexOf('blockBreakEven')).toBeGreaterThan(keys.indexOf('npv'));
    expect(keys.indexOf('blockBreakEven')).toBeLessThan(keys.indexOf('probabilityGapClosed'));
    const expected = compareScenarios(baseline, [block]).scenarios[0]!.breakEven;
    expect(expected).toHaveLength(1);
    expect(blockBreakEvens(block, baseline)).toEqual(expected);
    expect(row.cells.map((c) => c.text)).toEqual(['—', breakEvenText(expected[0]!), '—']);
    expect(row.cells[1]!.text).toMatch(/^(£[\d,]+ a bed a week( or a little more)? \(price £[\d,]+\)|none: .*)$/);
    expect(row.cells[1]!.text).toContain(`price ${formatPounds(expected[0]!.weeklyPrice)}`);
  });

  it('shows the new homes’ residual value as a credit in the net present value', () => {
    const rows = keyFigureRows(baseline, [block, homes]);
    const residual = rows.find((r) => r.key === 'npvResidualValue')!;
    expect(homes.npv.residualValue).toBeLessThan(0);
    expect(residual.cells.map((c) => c.text)).toEqual([
      formatMoney(0),
      formatMoney(0),
      formatMoney(homes.npv.residualValue),
    ]);
  });

  it('leaves the break-even row out when no scenario has a block contract', () => {
    expect(keyFigureRows(baseline, [homes]).some((r) => r.key === 'blockBreakEven')).toBe(false);
  });
});

describe('the Compare view’s lever notes', () => {
  it('gives each lever’s own notes, with the block contract’s break-even and each home’s residual value', () => {
    const groups = leverNoteGroups(baseline, [block, homes]);
    expect(groups.map((g) => g.scenarioId)).toEqual([block.scenario.id, homes.scenario.id]);
    const blockLever = groups[0]!.levers[0]!;
    expect(blockLever.label).toBe(block.levers[0]!.label);
    expect(blockLever.notes).toEqual(block.levers[0]!.notes);
    expect(blockLever.notes.join(' ')).toMatch(/Beds in use: .* in 20\d\d-\d\d/);
    expect(blockLever.breakEven).toBe(`Breaks even at ${breakEvenText(blockBreakEvens(block, baseline)[0]!)}.`);
    expect(groups[0]!.changesNothing).toBeNull();

    // Each home's own note gives its residual value at the horizon, in cash and present value.
    for (const [i, lever] of groups[1]!.levers.entries()) {
      const r = homes.levers[i]!.residual!;
      expect(r.value).toBeGreaterThan(0);
      expect(lever.breakEven).toBeNull();
      expect(lever.notes.join(' ')).toContain('credited in 2029-30');
      expect(lever.notes.join(' ')).toMatch(/is left, credited in 2029-30 \(£[\d,.]+m? in present value\)/);
    }
  });

  it('says first when a scenario changes nothing, and passes on why a lever could not act', () => {
    const [group] = leverNoteGroups(baseline, [idle]);
    expect(group!.changesNothing).toMatch(/changes nothing against the baseline/);
    expect(group!.levers.map((l) => l.key)).toEqual(['flat']);
    // On the built-in plan every bed within 20 miles is taken, so the policy moves no child: the
    // group says so first, and the lever's own note says why.
    const [near] = leverNoteGroups(baseline, [policy]);
    expect(near!.changesNothing).toMatch(/changes nothing against the baseline/);
    expect(near!.levers[0]!.notes).toEqual(policy.levers[0]!.notes);
    expect(near!.levers[0]!.notes.join(' ')).toMatch(/No nearer beds are free in any year/);
    expect(near!.levers[0]!.notes.join(' ')).not.toMatch(/\bin 20\d\d\b(?!-)/);
    // The baseline itself has no levers, so no group.
    expect(leverNoteGroups(baseline, [baseline])).toEqual([]);
  });
});
