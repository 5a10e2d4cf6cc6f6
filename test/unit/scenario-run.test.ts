/**
 * Scenarios on the built-in Greater Manchester plan: the baseline reproduces the projection's gap;
 * every child is placed or reported unmet and no pool is over-filled; the calibration meets its
 * target; runs are deterministic; more beds never mean more children outside; uncertainty comes
 * through from simulations or percentile paths; comparisons are plain differences.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { PlanData } from '#shared/model/summarise.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';
import {
  baselineScenario,
  builtInScenarios,
  compareScenarios,
  runScenario,
  scenarioContextFromPlan,
  ScenarioError,
  type NewHomeLever,
  type ScenarioContext,
  type ScenarioOutcome,
} from '#shared/scenario/index.js';

const plan: PlanData = builtInPlanData();
const BURY = 'E08000002';
const TRAFFORD = 'E08000009';
const WIGAN = 'E08000010';

let projection: ProjectionResult;
let context: ScenarioContext;
let baseline: ScenarioOutcome;
let others: ScenarioOutcome[];

beforeAll(() => {
  projection = project(projectionInputsFromPlan(plan), { method: 'rate', simulations: 0, seed: 1 });
  context = scenarioContextFromPlan(plan, projection);
  baseline = runScenario(context, baselineScenario());
  others = builtInScenarios().map((s) => runScenario(context, s));
});

const home = (places: number): NewHomeLever => ({
  type: 'newHome',
  la: TRAFFORD,
  runBy: 'consortium',
  places,
  needType: 'mainstream',
  capitalCost: 1_000_000,
  runningCostPerYear: 950_000,
  openingYear: '2026',
  assetLifeYears: 25,
});

describe('context from the built-in plan', () => {
  it('has the ten members, their places by sector, prices and the projection’s years', () => {
    expect(context.members.map((m) => m.name)).toEqual([
      'Bolton',
      'Bury',
      'Manchester',
      'Oldham',
      'Rochdale',
      'Salford',
      'Stockport',
      'Tameside',
      'Trafford',
      'Wigan',
    ]);
    expect(context.years).toEqual(projection.years);
    expect(context.supplyPeriod).toBe('2023-03-31');
    const total = context.supply.reduce((s, x) => s + x.laRun + x.private + x.voluntary, 0);
    expect(total).toBe(754);
    expect(context.supply.find((s) => s.code === BURY)).toEqual({ code: BURY, laRun: 0, private: 40, voluntary: 0 });
    expect(context.prices).toMatchObject({
      private: 6_255,
      localAuthority: 5_317,
      voluntary: 5_818,
      blockContract: 5_943,
    });
    expect(context.settings.discountRate).toBe(0.035);
    expect(context.settings.missingRates).toEqual({ ownLa: 1.077, outOfArea: 1.616 });
    // The model's outside share differs from the illustrative flows', and says so.
    expect(context.warnings).toHaveLength(1);
    expect(context.warnings[0]).toMatch(
      /^In 2025 the plan’s placement flows have 27\.1% of children outside the consortium; the baseline allocation has 4\d\.\d%/,
    );
  });

  it('calibrates the outside market so the base year places the published share 20+ miles away', () => {
    const c = context.calibration;
    expect(c.year).toBe('2025');
    expect(c.children).toBe(727);
    // The members' own 20+ mile targets, children-weighted (shared/forecast/accessShares.ts), each met.
    const members = c.members ?? [];
    expect(members).toHaveLength(10);
    const weighted = members.reduce((t, m) => t + (m.over20MilesTarget ?? 0) * m.children, 0) / 727;
    expect(c.over20MilesTarget).toBeCloseTo(weighted, 9);
    expect(c.over20MilesTarget).toBeGreaterThan(0.2);
    expect(c.over20MilesTarget).toBeLessThan(0.3);
    expect(Math.abs(c.over20MilesAchieved - c.over20MilesTarget)).toBeLessThan(0.005);
    expect(c.nearOutsideCapacity).toBeGreaterThan(0);
    expect(c.nearOutsideCapacity).toBeLessThanOrEqual(c.modelled.outside);
    expect(c.modelled.ownLa + c.modelled.elsewhereInConsortium + c.modelled.outside + c.modelled.unmet).toBe(727);
    expect(c.observed).toMatchObject({ period: '2025', ownLa: 267, elsewhereInConsortium: 263, outside: 197 });
    // Exponential distances with P(> 20 miles) = 0.7313: mean −20 ÷ ln 0.7313 ≈ 63.9 miles.
    expect(context.outside.meanMiles).toBeCloseTo(-20 / Math.log(0.7313), 9);
    expect(context.outside.farMiles).toBeCloseTo(20 + context.outside.meanMiles, 9);
    expect(context.outside.nearMiles).toBeLessThan(20);
    const keys = context.assumptions.map((a) => a.key);
    expect(keys).toEqual(
      expect.arrayContaining(['nearOutsideCapacity', 'outsideMeanMiles', 'locality.travelPerMileWeekly']),
    );
  });
});

describe('baseline', () => {
  it('reproduces the projection’s consortium gap and accessible places', () => {
    baseline.years.forEach((y, h) => {
      const p = projection.consortium.years[h];
      expect(y.year).toBe(p?.year);
      expect(y.accessiblePlaces).toBeCloseTo(p?.accessiblePlaces ?? NaN, 9);
      expect(y.gap).toBeCloseTo(p?.gap.p50 ?? NaN, 9);
      expect(y.percentiles.gap.p10).toBeCloseTo(p?.gap.p10 ?? NaN, 9);
      expect(y.percentiles.gap.p90).toBeCloseTo(p?.gap.p90 ?? NaN, 9);
      expect(y.probabilityGapClosed).toBeCloseTo(1 - (p?.probabilityNeedExceedsAccessible ?? NaN), 6);
    });
  });

  it('places every child or reports them unmet, and fills no pool beyond its beds', () => {
    for (const outcome of [baseline, ...others]) {
      outcome.years.forEach((y, h) => {
        // The children allocated are the consortium's median (members' medians scaled to it), the
        // same children the gap counts, in whole children.
        expect(y.children).toBeCloseTo(Math.round(context.consortiumDemand.p50[h] ?? NaN), 9);
        expect(y.areas.reduce((s, a) => s + a.children, 0)).toBeCloseTo(y.children, 9);
        // Children are allocated in thousandths: sums agree to rounding.
        expect(y.placedOwnLa + y.placedElsewhereInConsortium + y.placedOutside + y.unmet).toBeCloseTo(y.children, 9);
        expect(y.unmet).toBe(0); // the outside market is unlimited by default
        const sum = (k: 'placedOwnLa' | 'placedElsewhereInConsortium' | 'placedOutside' | 'over20Miles') =>
          y.areas.reduce((s, a) => s + a[k], 0);
        expect(sum('placedOwnLa')).toBeCloseTo(y.placedOwnLa, 9);
        expect(sum('placedOutside')).toBeCloseTo(y.placedOutside, 9);
        expect(sum('over20Miles')).toBeCloseTo(y.over20Miles, 9);
        expect(y.flows.reduce((s, f) => s + f.children, 0)).toBeCloseTo(y.children - y.unmet, 9);
        // No more children in member LAs' beds than accessible places × occupancy allow (block beds
        // × the block fill instead).
        const inside = y.flows.filter((f) => f.hostArea !== 'OUTSIDE').reduce((s, f) => s + f.children, 0);
        const s = context.settings;
        const limit =
          (y.accessiblePlaces - y.blockBeds.contracted) * s.targetOccupancy + y.blockBeds.contracted * s.blockFill;
        expect(inside).toBeLessThanOrEqual(limit + 1e-9);
        const near = y.flows.filter((f) => f.pool === 'outsideNear').reduce((s, f) => s + f.children, 0);
        expect(near).toBeLessThanOrEqual(context.outside.nearCapacity);
        // LA-run homes take only their own LA's children (except the places a member's own children
        // do not fill in the calibrated base year); other members' share never the host's.
        const keepsLaRun = (code: string) =>
          (s.laRunOwnShareByMember?.[context.members.findIndex((m) => m.code === code)] ?? 1) === 1;
        for (const f of y.flows) {
          if (f.pool === 'openOwn' || (f.pool === 'laRun' && keepsLaRun(f.hostArea)))
            expect(f.hostArea).toBe(f.placingArea);
          if (f.pool === 'openOthers') expect(f.hostArea).not.toBe(f.placingArea);
          if (f.pool === 'outsideFar') expect(f.miles).toBeGreaterThan(20);
        }
        expect(y.over20MilesShare).toBeCloseTo(y.over20Miles / (y.children - y.unmet), 12);
        const rates = context.settings.missingRates;
        expect(y.expectedMissingIncidents).toBeCloseTo(
          y.placedOwnLa * rates.ownLa + (y.children - y.placedOwnLa) * rates.outOfArea,
          9,
        );
      });
    }
  });

  it('adds up totals and costs', () => {
    for (const o of [baseline, ...others]) {
      const sum = (f: (y: (typeof o.years)[number]) => number) => o.years.reduce((s, y) => s + f(y), 0);
      expect(o.totals.placedOutside).toBe(sum((y) => y.placedOutside));
      expect(o.totals.gap).toBeCloseTo(
        sum((y) => y.gap),
        9,
      );
      expect(o.totals.cost.total).toBeCloseTo(
        sum((y) => y.cost.total),
        3,
      );
      expect(o.npv.total).toBeCloseTo(
        sum((y) => y.presentValue),
        3,
      );
      expect(o.npv.total).toBeCloseTo(
        sum((y) => y.cost.total / 1.035 ** (Number(y.year) - 2025)),
        3,
      );
      for (const y of o.years) {
        const c = y.cost;
        const s = c.placementsBySector;
        const parts =
          s.localAuthority + s.private + s.voluntary + s.outsideConsortium + s.unmet + c.blockContracts + c.voids;
        expect(c.total).toBeCloseTo(
          parts + c.capital + c.running + c.programmes + c.travel + c.missingEpisodes + c.residualValue,
          3,
        );
        // Outside placements at the private spot price plus the 5% out-of-area premium.
        expect(s.outsideConsortium).toBeCloseTo(y.placedOutside * 6_255 * 1.05 * (365 / 7), 3);
        // Missing incidents at their public cost (£2,000 each).
        expect(c.missingEpisodes).toBeCloseTo(y.expectedMissingIncidents * 2_000, 3);
      }
    }
  });
});

describe('built-in scenarios', () => {
  it('joint block contract: 12 beds in Bury paid for 2025-26 to 2029-30, filled as far as transitions allow, voids costed', () => {
    const block = others[0];
    if (!block) throw new Error('missing');
    expect(block.scenario.illustrative).toBe(true);
    // A bed is empty 4 weeks between children of a mean 444 days: at most 94.1% of beds in use.
    expect(context.settings.blockFill).toBe(0.941);
    for (const y of block.years) {
      expect(y.blockBeds.contracted).toBe(12);
      // The consortium is short of beds, so every bed a child can use is used.
      expect(y.blockBeds.used).toBeCloseTo(12 * 0.941, 9);
      expect(y.cost.blockContracts).toBeCloseTo(12 * 0.941 * 5_943 * (365 / 7), 3);
      expect(y.cost.voids).toBeCloseTo(12 * 0.059 * 5_943 * (365 / 7), 3);
    }
    // Existing Bury beds: 12 − 60% × 12 = 4.8 more accessible places.
    expect(block.years[0]?.accessiblePlaces).toBeCloseTo((baseline.years[0]?.accessiblePlaces ?? 0) + 4.8, 9);
    expect(block.assumptions.find((a) => a.key === 'lever.bury-block')?.rationale).toMatch(/£5,943 a bed a week/);
  });

  it('two consortium homes in Trafford: capital in 2026, running from 2027, half the places the first year', () => {
    const homes = others[1];
    if (!homes) throw new Error('missing');
    const [y26, y27, y28] = homes.years;
    expect(y26?.cost.capital).toBe(2_000_000);
    expect(y26?.cost.running).toBe(0);
    expect(y27?.cost.running).toBe(1_900_000);
    expect(y27?.accessiblePlaces).toBeCloseTo((baseline.years[1]?.accessiblePlaces ?? 0) + 4, 9);
    expect(y28?.accessiblePlaces).toBeCloseTo((baseline.years[2]?.accessiblePlaces ?? 0) + 8, 9);
    expect(y26?.placedOutside).toBe(baseline.years[0]?.placedOutside);
    // The new places leave existing pools as they were: LA-run homes stay full of their own children.
    expect(homes.totals.cost.placementsBySector.localAuthority).toBeCloseTo(
      baseline.totals.cost.placementsBySector.localAuthority,
      3,
    );
    expect(y28?.placedOutside).toBeLessThan(baseline.years[2]?.placedOutside ?? 0);
  });

  it('compares with the baseline as plain differences', () => {
    const comparison = compareScenarios(baseline, others);
    expect(comparison.baseline).toEqual({ id: 'baseline', name: 'Baseline' });
    comparison.scenarios.forEach((d, k) => {
      const o = others[k];
      if (!o) throw new Error('missing');
      expect(d.totals.placedOutside).toBe(o.totals.placedOutside - baseline.totals.placedOutside);
      expect(d.totals.cost.total).toBeCloseTo(o.totals.cost.total - baseline.totals.cost.total, 3);
      expect(d.npv.total).toBeCloseTo(o.npv.total - baseline.npv.total, 3);
      expect(d.years[2]?.gap).toBeCloseTo((o.years[2]?.gap ?? 0) - (baseline.years[2]?.gap ?? 0), 9);
      expect(d.totals.gap).toBeLessThan(0);
      expect(d.totals.placedOutside).toBeLessThan(0);
    });
    const shorter = { ...others[0], years: others[0]?.years.slice(0, 3) } as ScenarioOutcome;
    expect(() => compareScenarios(baseline, [shorter])).toThrow(/same plan and projection/);
  });
});

describe('properties', () => {
  it('is deterministic: the same inputs give identical outcomes, from a fresh context too', () => {
    const again = builtInScenarios().map((s) => runScenario(scenarioContextFromPlan(plan, projection), s));
    expect(again).toEqual(others);
    expect(runScenario(context, baselineScenario())).toEqual(baseline);
  });

  it('more beds never put more children outside or leave more unmet', () => {
    let previous: ScenarioOutcome | null = null;
    for (const places of [0, 2, 4, 8, 16, 32]) {
      const o = runScenario(context, { id: `homes-${places}`, name: 'Homes', levers: places ? [home(places)] : [] });
      if (previous) {
        o.years.forEach((y, h) => {
          expect(y.placedOutside + y.unmet).toBeLessThanOrEqual(
            (previous?.years[h]?.placedOutside ?? 0) + (previous?.years[h]?.unmet ?? 0),
          );
          expect(y.gap).toBeLessThanOrEqual(previous?.years[h]?.gap ?? Infinity);
        });
      }
      previous = o;
    }
  });

  it('demand levers cut demand and the gap; closures widen it; a distance policy cuts distant placements', () => {
    const prevention = runScenario(context, {
      id: 'p',
      name: 'Prevention',
      levers: [{ type: 'prevention', la: 'all', entriesReduction: 0.1, startYear: '2026', annualCost: 1_000_000 }],
    });
    prevention.years.forEach((y, h) => {
      expect(y.demand).toBeLessThan(baseline.years[h]?.demand ?? 0);
      expect(y.gap).toBeLessThan(baseline.years[h]?.gap ?? 0);
    });
    const closure = runScenario(context, {
      id: 'c',
      name: 'Closure',
      levers: [{ type: 'closure', la: WIGAN, sector: 'Local Authority', places: 12, year: '2027' }],
    });
    expect(closure.years[0]?.gap).toBeCloseTo(baseline.years[0]?.gap ?? NaN, 9);
    expect(closure.years[1]?.gap).toBeCloseTo((baseline.years[1]?.gap ?? NaN) + 12, 9);
    // With every child under the policy, the fewest possible are placed more than 20 miles away.
    const policy = runScenario(context, {
      id: 'd',
      name: 'Distance policy',
      levers: [{ type: 'distancePolicy', la: 'all', startYear: '2026', rampUp: [1] }],
    });
    policy.years.forEach((y, h) => {
      expect(y.over20Miles).toBeLessThanOrEqual(baseline.years[h]?.over20Miles ?? 0);
      expect(y.placedOutside).toBe(baseline.years[h]?.placedOutside);
    });
    // By default it covers only children placed since it began.
    const phased = runScenario(context, {
      id: 'e',
      name: 'Distance policy, new placements',
      levers: [{ type: 'distancePolicy', la: WIGAN, startYear: '2026' }],
    });
    expect(phased.assumptions.find((a) => a.key.startsWith('lever.'))?.rationale).toMatch(/placed since it began/);
  });

  it('rejects a scenario naming a non-member or a year outside the horizon, listing every problem', () => {
    const run = () =>
      runScenario(context, {
        id: 'bad',
        name: 'Bad',
        levers: [
          { ...home(4), la: 'E09000001' },
          { ...home(4), openingYear: '2040' },
        ],
      });
    expect(run).toThrow(ScenarioError);
    expect(run).toThrow(/levers\.0\.la: E09000001 is not a member[\s\S]*levers\.1\.openingYear: The opening year 2040/);
  });
});

describe('uncertainty', () => {
  it('percentile paths: P10 ≤ P50 ≤ P90 for every figure, the central figures inside them', () => {
    expect(baseline.uncertainty).toBe('percentile paths');
    for (const y of baseline.years) {
      for (const p of Object.values(y.percentiles)) {
        expect(p.p10).toBeLessThanOrEqual(p.p50);
        expect(p.p50).toBeLessThanOrEqual(p.p90);
      }
      expect(y.percentiles.placedOutside.p50).toBe(y.placedOutside);
      expect(y.percentiles.placedOutside.p90).toBeGreaterThan(y.percentiles.placedOutside.p10);
    }
    expect(baseline.totals.percentiles.npv.p10).toBeLessThan(baseline.totals.percentiles.npv.p90);
  });

  it('simulations: every draw is allocated; the probability of closing the gap is the projection’s complement', () => {
    const simulated = project(projectionInputsFromPlan(plan), {
      method: 'rate',
      simulations: 300,
      seed: 7,
      keepSamples: true,
    });
    const ctx = scenarioContextFromPlan(plan, simulated);
    expect(ctx.simulations).toBe(300);
    const base = runScenario(ctx, baselineScenario());
    expect(base.uncertainty).toBe('simulated');
    expect(base.simulations).toBe(300);
    base.years.forEach((y, h) => {
      const p = simulated.consortium.years[h];
      expect(y.probabilityGapClosed).toBeCloseTo(1 - (p?.probabilityNeedExceedsAccessible ?? NaN), 12);
      expect(y.percentiles.gap.p50).toBeCloseTo(p?.gap.p50 ?? NaN, 6);
      expect(y.percentiles.placedOutside.p10).toBeLessThanOrEqual(y.percentiles.placedOutside.p90);
    });
    // A big enough increase in beds makes closing the gap likely.
    const lots = runScenario(ctx, { id: 'lots', name: 'Lots of homes', levers: [home(50), { ...home(50), la: BURY }] });
    expect(lots.years[0]?.probabilityGapClosed).toBeGreaterThanOrEqual(base.years[0]?.probabilityGapClosed ?? 1);
    const fewer = runScenario(ctx, baselineScenario(), { maxSimulations: 50 });
    expect(fewer.simulations).toBe(50);
    const paths = runScenario(ctx, baselineScenario(), { uncertainty: 'percentile paths' });
    expect(paths.uncertainty).toBe('percentile paths');
  });
});
