/**
 * Assumption uncertainty (probabilistic sensitivity analysis): the ranges and their basis, seeded
 * triangular draws, an 80% gap range that covers 80% of outcomes drawn independently from the same
 * model, the projection's median gap left at the plan's values while its range widens, the scenario
 * run drawing the same values, and the tornado of the headline gap.
 */
import { describe, expect, it } from 'vitest';
import { assumptionRanges, drawAssumptions, gapTornado } from '#shared/forecast/assumptionUncertainty.js';
import { defaultSettings, project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import { quantileSorted } from '#shared/forecast/stats.js';
import { baselineScenario, runScenario, scenarioContextFromPlan } from '#shared/scenario/index.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

describe('assumption ranges and draws', () => {
  it('gives every uncertain assumption a range holding the plan’s value, with its basis', () => {
    const ranges = assumptionRanges({ ...defaultSettings, openMarketAccessShare: 0.5 });
    expect(ranges.map((r) => r.key)).toEqual([
      'targetOccupancy',
      'openMarketAccessShare',
      'consortiumOpenMarketAccessShare',
    ]);
    for (const r of ranges) {
      expect(r.low).toBeLessThanOrEqual(r.central);
      expect(r.high).toBeGreaterThanOrEqual(r.central);
      expect(r.basis.length).toBeGreaterThan(40);
    }
    // A plan value outside the default range widens it.
    expect(ranges.find((r) => r.key === 'openMarketAccessShare')).toMatchObject({ central: 0.5, high: 0.5 });
  });

  it('draws triangular values, seeded, independent of each other', () => {
    const ranges = assumptionRanges(defaultSettings);
    const a = drawAssumptions(ranges, 20_000, 3);
    const b = drawAssumptions(ranges, 20_000, 3);
    expect(Array.from(a.targetOccupancy.subarray(0, 5))).toEqual(Array.from(b.targetOccupancy.subarray(0, 5)));
    for (const r of ranges) {
      const d = a[r.key];
      const mean = d.reduce((s, x) => s + x, 0) / d.length;
      expect(mean).toBeCloseTo((r.low + r.central + r.high) / 3, 2);
      expect(Math.min(...d)).toBeGreaterThanOrEqual(r.low);
      expect(Math.max(...d)).toBeLessThanOrEqual(r.high);
    }
    const occ = a.targetOccupancy;
    const share = a.consortiumOpenMarketAccessShare;
    const mo = occ.reduce((s, x) => s + x, 0) / occ.length;
    const ms = share.reduce((s, x) => s + x, 0) / share.length;
    let cov = 0;
    for (let s = 0; s < occ.length; s++) cov += ((occ[s] ?? 0) - mo) * ((share[s] ?? 0) - ms);
    expect(Math.abs(cov / occ.length)).toBeLessThan(1e-4);
  });

  it('an 80% gap range from the draws covers 80% of gaps drawn independently from the same model (±3 points)', () => {
    // Constructed: 400 children ± a lognormal forecast error, 300 LA-run and contracted places and 250
    // open-market places; the gap is children ÷ occupancy − (300 + share × 250).
    const ranges = assumptionRanges(defaultSettings);
    const gaps = (seed: number, n: number) => {
      const d = drawAssumptions(ranges, n, seed);
      let u = seed * 7919;
      const normal = () => {
        u = (u * 1103515245 + 12345) % 2 ** 31;
        const a = (u + 1) / (2 ** 31 + 1);
        u = (u * 1103515245 + 12345) % 2 ** 31;
        const b = (u + 1) / (2 ** 31 + 1);
        return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
      };
      return Float64Array.from({ length: n }, (_, s) => {
        const children = 400 * Math.exp(0.08 * normal());
        return children / (d.targetOccupancy[s] ?? 1) - (300 + (d.consortiumOpenMarketAccessShare[s] ?? 0) * 250);
      });
    };
    const model = gaps(11, 1000).sort();
    const lo = quantileSorted(model, 0.1);
    const hi = quantileSorted(model, 0.9);
    const outcomes = gaps(12345, 5000);
    const covered = outcomes.filter((g) => g > lo && g < hi).length / outcomes.length;
    expect(covered).toBeGreaterThan(0.77);
    expect(covered).toBeLessThan(0.83);
  });
});

describe('the projection and the scenarios draw the same assumptions', () => {
  const plan = builtInPlanData();
  const simulated = project(projectionInputsFromPlan(plan), {
    method: 'rate',
    simulations: 400,
    seed: 5,
    keepSamples: true,
  });

  it('keeps the median gap at the plan’s values and widens its range by the assumptions', () => {
    expect(simulated.assumptionRanges?.map((r) => r.key)).toContain('targetOccupancy');
    expect(simulated.assumptionDraws?.targetOccupancy).toHaveLength(400);
    for (const y of simulated.consortium.years) {
      expect(y.gap.p50).toBeCloseTo(y.bedsNeeded.p50 - y.accessiblePlaces, 9);
      const only = y.gapDemandOnly;
      expect(only).toBeDefined();
      expect(y.gap.p90 - y.gap.p10).toBeGreaterThan((only?.p90 ?? 0) - (only?.p10 ?? 0));
    }
    const analytic = project(projectionInputsFromPlan(plan), { method: 'rate', simulations: 0 });
    expect(analytic.consortium.years[0]?.gapDemandOnly).toBeUndefined();
  });

  it('gives the baseline scenario the projection’s gap range and chance of closing it', () => {
    const context = scenarioContextFromPlan(plan, simulated);
    expect(context.assumptionDraws?.targetOccupancy).toHaveLength(400);
    const base = runScenario(context, baselineScenario());
    base.years.forEach((y, h) => {
      const p = simulated.consortium.years[h];
      expect(y.percentiles.gap.p10).toBeCloseTo(p?.gap.p10 ?? NaN, 6);
      expect(y.percentiles.gap.p50).toBeCloseTo(p?.gap.p50 ?? NaN, 6);
      expect(y.percentiles.gap.p90).toBeCloseTo(p?.gap.p90 ?? NaN, 6);
      expect(y.probabilityGapClosed).toBeCloseTo(1 - (p?.probabilityNeedExceedsAccessible ?? NaN), 12);
    });
  });
});

describe('the tornado of the headline gap', () => {
  it('moves each input between its low and high with the others held, largest swing first', () => {
    const ranges = assumptionRanges(defaultSettings);
    const bars = gapTornado(
      { demand: { p10: 700, p50: 800, p90: 950 } },
      { laRunAndContracted: 120, openMarket: 600, changes: 0 },
      ranges,
    );
    expect(bars.map((b) => b.key).sort()).toEqual(['consortiumOpenMarketAccessShare', 'demand', 'targetOccupancy']);
    for (let i = 1; i < bars.length; i++) expect(bars[i - 1]?.swing).toBeGreaterThanOrEqual(bars[i]?.swing ?? 0);
    const central = 800 / 0.85 - (120 + 0.6 * 600);
    for (const b of bars) {
      expect(Math.min(b.gapAtLow, b.gapAtHigh)).toBeLessThanOrEqual(central + 1e-9);
      expect(Math.max(b.gapAtLow, b.gapAtHigh)).toBeGreaterThanOrEqual(central - 1e-9);
    }
    const occupancy = bars.find((b) => b.key === 'targetOccupancy');
    expect(occupancy?.gapAtLow).toBeCloseTo(800 / 0.78 - (120 + 0.6 * 600), 9);
    expect(occupancy?.gapAtHigh).toBeCloseTo(800 / 0.9 - (120 + 0.6 * 600), 9);
  });
});
