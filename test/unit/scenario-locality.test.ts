/**
 * Costs that value locality, on the built-in Greater Manchester plan: a closure costs money and adds
 * to the gap; a distance policy changes outcomes or says why not; the allocation minimises the £ cost
 * it reports, so constraining it never saves money and a block contract's net cost is convex in its
 * beds (12–24); the break-even price; the consortium homes' residual value; lever years shown as
 * financial years.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import {
  baselineScenario,
  builtInScenarios,
  compareScenarios,
  financialYear,
  financialYearSpan,
  fromWireContext,
  runScenario,
  scenarioContextFromPlan,
  toWireContext,
  type Lever,
  type ScenarioContext,
  type ScenarioOutcome,
} from '#shared/scenario/index.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

const BURY = 'E08000002';
let context: ScenarioContext;
let baseline: ScenarioOutcome;

beforeAll(() => {
  const plan = builtInPlanData();
  const projection = project(projectionInputsFromPlan(plan), { method: 'rate', simulations: 0, seed: 1 });
  context = scenarioContextFromPlan(plan, projection);
  baseline = runScenario(context, baselineScenario());
});

const run = (levers: Lever[]) => runScenario(context, { id: 'x', name: 'x', levers });

describe('locality is valued in £ on the built-in plan', () => {
  it('states each locality cost with its source and range, and derives the travel cost from them', () => {
    const find = (key: string) => context.assumptions.find((a) => a.key === key);
    for (const key of [
      'locality.outsidePremium',
      'locality.socialWorkerHourlyCost',
      'locality.missingIncidentCost',
      'blockContract.transitionWeeks',
      'prevention.maxShare',
      'prevention.costPerChild',
      'stepDown.maxShare',
    ]) {
      const a = find(key);
      expect(a, key).toBeDefined();
      expect(a!.low!).toBeLessThanOrEqual(a!.value);
      expect(a!.high!).toBeGreaterThanOrEqual(a!.value);
    }
    expect(find('locality.socialWorkerHourlyCost')?.rationale).toMatch(/PSSRU/);
    expect(find('locality.missingIncidentCost')?.rationale).toMatch(/£1,325–£2,415/);
    // 2 × 1.3 × (12 × (£60 ÷ 30 mph + 45p) + 12 × (£35 ÷ 30 + 45p)) ÷ 52.14 ≈ £2.43 a mile a week.
    const travel = (2 * 1.3 * (12 * (60 / 30 + 0.45) + 12 * (35 / 30 + 0.45))) / (365 / 7);
    expect(context.settings.locality.travelPerMileWeekly).toBeCloseTo(travel, 9);
    expect(find('distancePenaltyPerMile')).toBeUndefined();
  });

  it('a closure costs money and adds to the gap', () => {
    const closed = run([{ type: 'closure', la: BURY, sector: 'Private', places: 12, year: '2026' }]);
    expect(closed.totals.finalYearGap - baseline.totals.finalYearGap).toBeCloseTo(12 * 0.6, 9);
    expect(closed.npv.total - baseline.npv.total).toBeGreaterThan(500_000);
    expect(closed.totals.over20Miles).toBeGreaterThan(baseline.totals.over20Miles);
  });

  it('a distance policy reports why it changes nothing when no nearer bed is free, and never saves money', () => {
    const policy = run([{ type: 'distancePolicy', la: 'all', startYear: '2026' }]);
    expect(policy.totals.over20Miles).toBeCloseTo(baseline.totals.over20Miles, 6);
    expect(policy.levers[0]?.notes.join(' ')).toMatch(/No nearer beds are free in any year/);
    // A constraint on the same £ cost the allocation minimises cannot make it cheaper.
    expect(policy.npv.total).toBeGreaterThanOrEqual(baseline.npv.total - 1);
    const comparison = compareScenarios(baseline, [policy]).scenarios[0];
    expect(comparison?.notes.join(' ')).toMatch(/No nearer beds are free/);
  });

  it('a block contract’s net cost is convex in its beds from 12 to 24', () => {
    const lever = builtInScenarios()[0]!.levers[0]!;
    const net: number[] = [];
    for (let beds = 12; beds <= 24; beds++) net.push(run([{ ...lever, beds } as Lever]).npv.total - baseline.npv.total);
    const steps = net.slice(1).map((v, i) => v - (net[i] ?? 0));
    // Within £10 of NPV (on steps of about £44,000): the allocation prices arcs in whole pence, the
    // report in exact pounds, so ties between equally cheap placements can differ by a few pounds.
    steps.slice(1).forEach((step, i) => expect(step).toBeGreaterThanOrEqual((steps[i] ?? 0) - 10));
  });

  it('shows the built-in block contract’s break-even price, and its note agrees with its lever year', () => {
    const scenario = builtInScenarios()[0]!;
    const block = runScenario(context, scenario);
    const breakEven = compareScenarios(baseline, [block]).scenarios[0]?.breakEven[0];
    expect(breakEven?.lever).toBe('bury-block');
    expect(breakEven?.exact).toBe(true);
    const price = breakEven?.breakEvenWeeklyPrice ?? 0;
    const lever = scenario.levers[0]!;
    const at = run([{ ...lever, weeklyPrice: price } as Lever]);
    expect(at.npv.total - baseline.npv.total).toBeCloseTo(0, 2);
    expect(lever.type === 'blockContract' && lever.startYear).toBe('2026');
    expect(scenario.notes).toContain('from 2025-26 (the year ending 31 March 2026)');
  });

  it('credits the consortium homes’ residual value at the horizon in the NPV', () => {
    const homes = runScenario(context, builtInScenarios()[1]!);
    const last = homes.years[homes.years.length - 1]!;
    // Two homes, £1m each, opened 2026-27, 4 of 25 years used by the end of 2029-30.
    expect(last.year).toBe('2030');
    expect(last.cost.residualValue).toBeCloseTo(-2 * 1_000_000 * (1 - 4 / 25), 6);
    expect(homes.npv.residualValue).toBeCloseTo((-2 * 1_000_000 * (1 - 4 / 25)) / 1.035 ** 5, 6);
    expect(homes.levers[0]?.residual?.value).toBeCloseTo(840_000, 6);
    expect(builtInScenarios()[1]!.name).toBe('Two consortium homes in Trafford from 2026-27');
  });

  it('sends the locality settings to the renderer’s workers and back unchanged', () => {
    const back = fromWireContext(JSON.parse(JSON.stringify(toWireContext(context))));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.context.settings).toEqual(context.settings);
    const again = runScenario(back.context, builtInScenarios()[0]!);
    expect(again.npv.total).toBeCloseTo(runScenario(context, builtInScenarios()[0]!).npv.total, 6);
  });
});

describe('financial years', () => {
  it('shows a year ending 31 March as the financial year', () => {
    expect(financialYear('2027')).toBe('2026-27');
    expect(financialYear(2000)).toBe('1999-00');
    expect(financialYearSpan(['2026', '2027', '2030'])).toBe('2025-26 to 2029-30');
    expect(financialYearSpan([])).toBe('');
  });
});
