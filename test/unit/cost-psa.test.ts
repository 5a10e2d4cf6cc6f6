/**
 * Cost uncertainty (probabilistic sensitivity analysis of the £, shared/scenario/costUncertainty.ts):
 * the ranges hold the plan's values and say where they come from; draws are seeded; re-valuing a
 * year's cost at the plan's values gives the cost itself; an 80% cost range from the draws covers 80%
 * of costs drawn independently from the same model (constructed data); and the scenario tornadoes
 * are ordered by swing, with each input at the ends of its stated range.
 */
import { describe, expect, it } from 'vitest';
import { quantileSorted } from '#shared/forecast/stats.js';
import { tornado } from '#shared/forecast/tornado.js';
import {
  centralCostValues,
  costRanges,
  costValuesOf,
  drawCosts,
  revalueCost,
  scenarioSensitivity,
  sensitivityRows,
  type CostRange,
} from '#shared/scenario/costUncertainty.js';
import type { CostBreakdown, ScenarioContext } from '#shared/scenario/types.js';

/** A constructed context: the prices, locality costs and assumption ranges the cost ranges read. */
const context = {
  prices: {
    priceYear: '2023-24',
    localAuthority: 5_000,
    private: 6_000,
    voluntary: 5_500,
    blockContract: 5_900,
    fosterInHouse: 600,
    fosterAgency: 1_100,
    unmet: 15_000,
  },
  settings: { locality: { outsidePremium: 0.05, travelPerMileWeekly: 2.43, missingIncidentCost: 2_000 } },
  assumptions: [
    {
      key: 'locality.outsidePremium',
      label: 'Premium',
      value: 0.05,
      low: 0,
      high: 0.1,
      unit: 'share',
      rationale: 'r',
      source: null,
    },
    {
      key: 'locality.travelPerMileWeekly',
      label: 'Travel',
      value: 2.43,
      low: 0.65,
      high: 7.57,
      unit: '£',
      rationale: 'r',
      source: null,
    },
    {
      key: 'locality.missingIncidentCost',
      label: 'Missing',
      value: 2_000,
      low: 1_325,
      high: 3_000,
      unit: '£',
      rationale: 'r',
      source: null,
    },
  ],
} as unknown as ScenarioContext;

/** One year's constructed cost: £ by component. */
function yearCost(scale = 1): CostBreakdown {
  const c: CostBreakdown = {
    placementsBySector: {
      localAuthority: 20e6 * scale,
      private: 60e6 * scale,
      voluntary: 5e6 * scale,
      outsideConsortium: 90e6 * scale,
      unmet: 0,
    },
    blockContracts: 3e6,
    voids: 0.4e6,
    capital: 0,
    running: 1e6,
    programmes: 0.5e6,
    travel: 4e6 * scale,
    missingEpisodes: 2e6 * scale,
    residualValue: 0,
    total: 0,
  };
  const s = c.placementsBySector;
  c.total =
    s.localAuthority +
    s.private +
    s.voluntary +
    s.outsideConsortium +
    s.unmet +
    c.blockContracts +
    c.voids +
    c.capital +
    c.running +
    c.programmes +
    c.travel +
    c.missingEpisodes +
    c.residualValue;
  return c;
}

describe('cost assumption ranges and draws', () => {
  const ranges = costRanges(context);

  it('gives prices by sector, price growth, the premium, travel and missing incidents a range holding the plan’s value, with a basis', () => {
    expect(ranges.map((r) => r.key).sort()).toEqual(
      [
        'locality.missingIncidentCost',
        'locality.outsidePremium',
        'locality.travelPerMileWeekly',
        'price.localAuthority',
        'price.private',
        'price.voluntary',
        'priceGrowth',
      ].sort(),
    );
    for (const r of ranges) {
      expect(r.low).toBeLessThanOrEqual(r.central);
      expect(r.high).toBeGreaterThanOrEqual(r.central);
      expect(r.high).toBeGreaterThan(r.low);
      expect(r.basis.length).toBeGreaterThan(0);
    }
    expect(ranges.find((r) => r.key === 'locality.travelPerMileWeekly')).toMatchObject({ low: 0.65, high: 7.57 });
    expect(ranges.find((r) => r.key === 'priceGrowth')).toMatchObject({ low: -0.01, central: 0, high: 0.05 });
    expect(ranges.find((r) => r.key === 'price.private')).toMatchObject({ low: 5_100, central: 6_000, high: 6_900 });
  });

  it('draws the same values for the same seed and others for another', () => {
    const a = drawCosts(ranges, 200, 42);
    const b = drawCosts(ranges, 200, 42);
    const c = drawCosts(ranges, 200, 43);
    for (const r of ranges) {
      expect(Array.from(a[r.key])).toEqual(Array.from(b[r.key]));
      expect(Array.from(a[r.key])).not.toEqual(Array.from(c[r.key]));
      for (const v of a[r.key]) {
        expect(v).toBeGreaterThanOrEqual(r.low);
        expect(v).toBeLessThanOrEqual(r.high);
      }
    }
  });

  it('re-values a year at the plan’s values to the cost itself, and each price moves only what it prices', () => {
    const central = centralCostValues(ranges);
    const c = yearCost();
    for (let h = 0; h < 5; h++) expect(revalueCost(c, h, central, central)).toBeCloseTo(c.total, 3);
    const s = c.placementsBySector;
    const dearer = revalueCost(c, 0, { ...central, 'price.private': 6_600 }, central);
    expect(dearer - c.total).toBeCloseTo(0.1 * (s.private + s.outsideConsortium), 3);
    const premium = revalueCost(c, 0, { ...central, 'locality.outsidePremium': 0.1 }, central);
    expect(premium - c.total).toBeCloseTo(s.outsideConsortium * (1.1 / 1.05 - 1), 3);
    // Growth compounds from the first projected year and leaves block contracts, voids and capital alone.
    const grown = revalueCost(c, 2, { ...central, priceGrowth: 0.05 }, central);
    const indexed =
      s.localAuthority + s.private + s.voluntary + s.outsideConsortium + s.unmet + c.running + c.programmes;
    expect(grown - c.total).toBeCloseTo(indexed * (1.05 ** 3 - 1), 3);
  });

  it('an 80% five-year cost range from the draws covers 80% of costs drawn independently from the same model (±3 points)', () => {
    // Constructed: five years of the cost above, children ± a lognormal forecast error that scales
    // the placement-driven parts; the true cost draws the same cost assumptions independently.
    const central = centralCostValues(ranges);
    const fiveYears = (seed: number, n: number): Float64Array => {
      const d = drawCosts(ranges, n, seed);
      let u = seed * 7919;
      const normal = () => {
        u = (u * 1103515245 + 12345) % 2 ** 31;
        const a = (u + 1) / (2 ** 31 + 1);
        u = (u * 1103515245 + 12345) % 2 ** 31;
        const b = (u + 1) / (2 ** 31 + 1);
        return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
      };
      return Float64Array.from({ length: n }, (_, s) => {
        const at = costValuesOf(d, s, central);
        let total = 0;
        for (let h = 0; h < 5; h++) total += revalueCost(yearCost(Math.exp(0.05 * normal())), h, at, central);
        return total;
      });
    };
    const model = fiveYears(11, 1000).sort();
    const lo = quantileSorted(model, 0.1);
    const hi = quantileSorted(model, 0.9);
    const outcomes = fiveYears(12345, 5000);
    const covered = outcomes.filter((x) => x > lo && x < hi).length / outcomes.length;
    expect(covered).toBeGreaterThan(0.77);
    expect(covered).toBeLessThan(0.83);
    // Without the cost assumptions drawn, the demand-only range is too narrow: it misses many more.
    const narrow = (() => {
      let u = 11 * 7919;
      const normal = () => {
        u = (u * 1103515245 + 12345) % 2 ** 31;
        const a = (u + 1) / (2 ** 31 + 1);
        u = (u * 1103515245 + 12345) % 2 ** 31;
        const b = (u + 1) / (2 ** 31 + 1);
        return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * b);
      };
      return Float64Array.from({ length: 1000 }, () => {
        let total = 0;
        for (let h = 0; h < 5; h++) total += revalueCost(yearCost(Math.exp(0.05 * normal())), h, central, central);
        return total;
      }).sort();
    })();
    const coveredNarrow =
      outcomes.filter((x) => x > quantileSorted(narrow, 0.1) && x < quantileSorted(narrow, 0.9)).length /
      outcomes.length;
    expect(coveredNarrow).toBeLessThan(0.6);
  });
});

describe('the scenario tornadoes', () => {
  const ranges = costRanges(context);
  const years = [yearCost(), yearCost(1.05), yearCost(1.1)];
  const total = years.reduce((t, c) => t + c.total, 0);
  const sensitivity = scenarioSensitivity({
    year: '2028',
    gap: 800 / 0.85 - 500,
    demand: { p10: 700, p50: 800, p90: 950 },
    occupancy: { low: 0.78, central: 0.85, high: 0.9, basis: 'b', label: 'Target occupancy' },
    share: { low: 0.4, central: 0.6, high: 0.75, basis: 'b', label: 'Consortium share' },
    accessible: 500,
    openMarket: 300,
    supplyDrawn: { p10: -20, p90: 15 },
    yearCosts: years,
    totalCost: total,
    demandCost: { p10: total * 0.9, p90: total * 1.12 },
    demandNpv: { p10: total * 0.8, p90: total * 1.0 },
    discountFactors: [1 / 1.035, 1 / 1.035 ** 2, 1 / 1.035 ** 3],
    ranges,
  });

  it('orders each tornado by swing, largest first, each input at the ends of its stated range', () => {
    for (const bars of [sensitivity.gap, sensitivity.cost]) {
      for (let i = 1; i < bars.length; i++) expect(bars[i - 1]!.swing).toBeGreaterThanOrEqual(bars[i]!.swing);
    }
    const byKey = (k: string) => sensitivity.cost.find((b) => b.key === k);
    for (const r of ranges as CostRange[]) {
      expect(byKey(r.key)).toMatchObject({ lowInput: r.low, highInput: r.high });
      // Each bar's cost lies on either side of the central cost (every cost rises with its price).
      expect(byKey(r.key)!.atLow).toBeLessThanOrEqual(total + 1e-6);
      expect(byKey(r.key)!.atHigh).toBeGreaterThanOrEqual(total - 1e-6);
    }
    expect(sensitivity.gap.map((b) => b.key).sort()).toEqual(
      ['consortiumOpenMarketAccessShare', 'demand', 'supply', 'targetOccupancy'].sort(),
    );
    const occ = sensitivity.gap.find((b) => b.key === 'targetOccupancy')!;
    expect(occ.atLow).toBeCloseTo(800 / 0.78 - 500, 9);
    expect(occ.atHigh).toBeCloseTo(800 / 0.9 - 500, 9);
    const supply = sensitivity.gap.find((b) => b.key === 'supply')!;
    expect(supply.atLow).toBeCloseTo(800 / 0.85 - 480, 9);
    expect(supply.atHigh).toBeCloseTo(800 / 0.85 - 515, 9);
  });

  it('names the input that drives each answer in a sentence', () => {
    const first = sensitivity.cost[0]!;
    expect(sensitivity.costSentence).toContain(
      `3-year cost (£${(Math.round(total / 1e5) / 10).toFixed(1)}m) moves most with`,
    );
    expect(sensitivity.costSentence.toLowerCase()).toContain(first.label.replace(/\s*\([^)]*\)\s*$/, '').toLowerCase());
    expect(sensitivity.gapSentence).toMatch(/^The 2028 gap \(441 beds\) moves most with /);
  });

  it('gives one row list with prices moving the cost only and occupancy the gap only', () => {
    const rows = sensitivityRows({
      sensitivity,
      totals: { cost: { total }, finalYearGap: 800 / 0.85 - 500 },
      npv: { total: total * 0.9 },
      assumptions: [],
    });
    const row = (k: string) => rows.find((r) => r.key === k)!;
    expect(row('price.private').low.gap).toBeCloseTo(800 / 0.85 - 500, 9);
    expect(row('targetOccupancy').notEstimated).toEqual(['cost']);
    expect(row('demand').high.gap).toBeCloseTo(950 / 0.85 - 500, 9);
    expect(row('demand').high.cost).toBeCloseTo(total * 1.12, 3);
  });

  it('keeps the given order among equal swings and drops inputs without a finite answer', () => {
    const bars = tornado([
      { key: 'a', label: 'A', lowInput: 0, highInput: 1, atLow: 1, atHigh: 2, basis: '' },
      { key: 'b', label: 'B', lowInput: 0, highInput: 1, atLow: 5, atHigh: 6, basis: '' },
      { key: 'c', label: 'C', lowInput: 0, highInput: 1, atLow: NaN, atHigh: 6, basis: '' },
      { key: 'd', label: 'D', lowInput: 0, highInput: 1, atLow: 0, atHigh: 9, basis: '' },
    ]);
    expect(bars.map((b) => b.key)).toEqual(['d', 'a', 'b']);
  });
});
