import { describe, expect, it } from 'vitest';
import {
  projectGlm,
  buildProjectionInputs,
  fitRateModel,
  project,
  type AreaSeries,
  type ProjectionInputs,
  type RateModelSummary,
} from '#shared/forecast/index.js';

/** Mid-year estimates 2015–2024 growing by `growth` a year from `start`. */
const estimates = (start: number, growth = 0): Record<string, number> =>
  Object.fromEntries(Array.from({ length: 10 }, (_, k) => [String(2015 + k), start * Math.pow(1 + growth, k)]));

/** Demand 2021–2025 exactly equal to rate × population (of the mid-year before) ÷ 10,000 × e^(trend × k). */
function exactSeries(code: string, rate: number, start: number, popGrowth = 0, trend = 0): AreaSeries {
  const populationEstimates = estimates(start, popGrowth);
  const demand: Record<string, number> = {};
  for (let year = 2021; year <= 2025; year++) {
    const pop = populationEstimates[String(year - 1)] ?? 0;
    demand[String(year)] = ((rate * pop) / 10_000) * Math.exp(trend * (year - 2021));
  }
  return { code, name: `LA ${code}`, demand, populationEstimates, registeredPlaces: 20, laRunPlaces: 4 };
}

const inputsOf = (areas: AreaSeries[]): ProjectionInputs => buildProjectionInputs({ consortiumName: 'Test', areas });

const rateModel = (r: ReturnType<typeof project>, code: string): RateModelSummary => {
  const model = r.areas.find((a) => a.code === code)?.model;
  if (model?.kind !== 'rate') throw new Error('expected a rate model');
  return model;
};

describe('rate-based projection: deterministic path', () => {
  it('gives exactly rate × population ÷ 10,000 for a constant rate and a known population', () => {
    const inputs = buildProjectionInputs({
      consortiumName: 'Test',
      areas: [exactSeries('A', 12, 50_000, 0.01), exactSeries('B', 7.5, 120_000, 0.01)],
      populationGrowthWithoutProjection: 0.01,
    });
    const result = projectGlm(inputs, { simulations: 0 });
    expect(result.baseYear).toBe('2025');
    expect(result.years).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(result.uncertainty).toBe('analytic');
    result.years.forEach((year, h) => {
      // Population for year Y is the mid-(Y − 1) figure, carried forward at the set 1% a year.
      const popA = 50_000 * Math.pow(1.01, Number(year) - 1 - 2015);
      const popB = 120_000 * Math.pow(1.01, Number(year) - 1 - 2015);
      const a = result.areas[0]?.years[h];
      const b = result.areas[1]?.years[h];
      expect(a?.population0to17).toBeCloseTo(popA, 6);
      expect(a?.demand.p50).toBeCloseTo((12 * popA) / 10_000, 9);
      expect(b?.demand.p50).toBeCloseTo((7.5 * popB) / 10_000, 9);
      expect(a?.ratePer10k.p50).toBeCloseTo(12, 9);
      expect(result.consortium.years[h]?.demand.p50).toBeCloseTo((12 * popA + 7.5 * popB) / 10_000, 9);
      // Intervals are ordered around the central path.
      expect(a?.demand.p10).toBeLessThan(a?.demand.p50 ?? 0);
      expect(a?.demand.p90).toBeGreaterThan(a?.demand.p50 ?? 0);
    });
    expect(rateModel(result, 'A').ratePer10k).toBeCloseTo(12, 9);
    expect(rateModel(result, 'A').pooledTrend).toBeCloseTo(0, 9);
  });

  it('extrapolates an exact log-linear trend, damped as set', () => {
    const inputs = inputsOf([exactSeries('A', 10, 80_000, 0, 0.1)]);
    const straight = projectGlm(inputs, { simulations: 0, trendDamping: 1 });
    const last = (10 * 80_000) / 10_000; // rate × population at 2021, then × e^(0.1 k)
    straight.areas[0]?.years.forEach((y, h) => expect(y.demand.p50).toBeCloseTo(last * Math.exp(0.1 * (4 + h + 1)), 6));
    const damped = projectGlm(inputs, { simulations: 0, trendDamping: 0.5 });
    // Year h ahead adds 0.5 + 0.25 + … of a year's trend.
    damped.areas[0]?.years.forEach((y, h) => {
      const steps = (0.5 * (1 - Math.pow(0.5, h + 1))) / 0.5;
      expect(y.demand.p50).toBeCloseTo(last * Math.exp(0.1 * (4 + steps)), 6);
    });
  });

  it('uses ONS projections where the inputs have them, and says when population was carried forward', () => {
    const series = exactSeries('A', 10, 50_000);
    series.populationProjections = { '2025': 60_000, '2026': 61_000 };
    const inputs = inputsOf([series]);
    const pop = inputs.areas[0]?.population ?? [];
    expect(pop.find((p) => p.year === '2026')).toMatchObject({ midYear: '2025', value: 60_000, basis: 'projection' });
    expect(pop.find((p) => p.year === '2028')?.basis).toBe('trend');
    const result = projectGlm(inputs, { simulations: 0 });
    expect(result.areas[0]?.years[0]?.demand.p50).toBeCloseTo(60, 9);
    expect(result.areas[0]?.years[1]?.demand.p50).toBeCloseTo(61, 9);
    expect(result.assumptions.map((a) => a.key)).toContain('populationGrowthWithoutProjection');
    // Held at the last projected figure, never extrapolated from the 2025–26 rise.
    expect(pop.find((p) => p.year === '2028')?.value).toBe(61_000);
  });
});

describe('partial pooling of trends', () => {
  it('pulls a small LA’s trend towards the consortium more than a large LA’s', () => {
    // Eight LAs with trends spread from 0 to 7% a year, then a large and a small LA with the same
    // steep own trend (20% a year). Only their size differs.
    const areas = Array.from({ length: 8 }, (_, i) => exactSeries(`M${i}`, 10, 60_000, 0, 0.01 * i));
    areas.push(exactSeries('BIG', 10, 250_000, 0, 0.2), exactSeries('SMALL', 10, 12_000, 0, 0.2));
    const fit = fitRateModel(inputsOf(areas));
    const big = fit.areas.find((f) => f.code === 'BIG');
    const small = fit.areas.find((f) => f.code === 'SMALL');
    expect(big?.ownTrend).toBeCloseTo(0.2, 6);
    expect(small?.ownTrend).toBeCloseTo(0.2, 6);
    expect(fit.betweenTrendVar).toBeGreaterThan(0);
    // B = weight kept on the own trend: lower for the small LA, whose trend is noisier.
    expect(small?.ownWeight ?? 1).toBeLessThan(big?.ownWeight ?? 0);
    const distance = (trend = 0) => Math.abs(trend - fit.consortiumTrend);
    expect(distance(small?.pooledTrend)).toBeLessThan(distance(big?.pooledTrend));
    // Both lie between their own trend and the consortium's.
    for (const f of [big, small]) {
      expect(f?.pooledTrend).toBeLessThan(0.2);
      expect(f?.pooledTrend).toBeGreaterThan(fit.consortiumTrend);
    }
    const result = projectGlm(inputsOf(areas), { simulations: 0 });
    expect(rateModel(result, 'SMALL').poolingWeight).toBeGreaterThan(rateModel(result, 'BIG').poolingWeight);
  });
});

describe('simulation', () => {
  const noisy = (): ProjectionInputs => {
    const areas = [
      { code: 'A', counts: [40, 44, 52, 55, 63], pop: 70_000 },
      { code: 'B', counts: [20, 18, 25, 22, 27], pop: 40_000 },
      { code: 'C', counts: [90, 85, 96, 110, 112], pop: 130_000 },
    ].map((a): AreaSeries => ({
      code: a.code,
      name: `LA ${a.code}`,
      demand: Object.fromEntries(a.counts.map((c, k) => [String(2021 + k), c])),
      populationEstimates: estimates(a.pop, 0.005),
      registeredPlaces: 50,
      laRunPlaces: 10,
    }));
    return inputsOf(areas);
  };

  it('is deterministic for a seed, and different for another seed', () => {
    const inputs = noisy();
    const a = projectGlm(inputs, { simulations: 500, seed: 7 });
    const b = projectGlm(inputs, { simulations: 500, seed: 7 });
    const c = projectGlm(inputs, { simulations: 500, seed: 8 });
    expect(b).toEqual(a);
    expect(c.consortium.years).not.toEqual(a.consortium.years);
    expect(a.uncertainty).toBe('simulated');
    expect(a.simulations).toBe(500);
  });

  it('agrees with the analytic approximation about the centre and spread', () => {
    const inputs = noisy();
    const sim = projectGlm(inputs, { simulations: 4000, seed: 3 });
    const ana = projectGlm(inputs, { simulations: 0 });
    sim.consortium.years.forEach((y, h) => {
      const a = ana.consortium.years[h];
      expect(y.demand.p50 / (a?.demand.p50 ?? 1)).toBeGreaterThan(0.95);
      expect(y.demand.p50 / (a?.demand.p50 ?? 1)).toBeLessThan(1.05);
      const width = (d = { p10: 0, p90: 0 }) => d.p90 - d.p10;
      expect(width(y.demand) / width(a?.demand)).toBeGreaterThan(0.75);
      expect(width(y.demand) / width(a?.demand)).toBeLessThan(1.33);
    });
  });

  it('takes consortium percentiles from joint simulations, not by adding LA percentiles', () => {
    const inputs = noisy();
    const r = projectGlm(inputs, { simulations: 1000, seed: 11, keepSamples: true });
    r.consortium.years.forEach((y, h) => {
      const sumP90 = r.areas.reduce((s, a) => s + (a.years[h]?.demand.p90 ?? 0), 0);
      const sumP10 = r.areas.reduce((s, a) => s + (a.years[h]?.demand.p10 ?? 0), 0);
      expect(y.demand.p90).toBeLessThan(sumP90);
      expect(y.demand.p10).toBeGreaterThan(sumP10);
    });
    // Each consortium simulation is the sum of the same simulation's LAs.
    const total = r.consortium.samples;
    expect(total?.length).toBe(5 * 1000);
    for (const k of [0, 1, 999, 2500, 4999]) {
      expect(total?.[k]).toBe(r.areas.reduce((s, a) => s + (a.samples?.[k] ?? 0), 0));
    }
  });

  it('makes the consortium P90 less than the sum of LA P90s when LAs are independent', () => {
    // Manual growth has no shared parameters: LAs' simulations are independent.
    const inputs = inputsOf(Array.from({ length: 10 }, (_, i) => exactSeries(`L${i}`, 10, 50_000)));
    const r = project(inputs, { method: 'manual', simulations: 2000, seed: 5 });
    r.consortium.years.forEach((y, h) => {
      const sumP90 = r.areas.reduce((s, a) => s + (a.years[h]?.demand.p90 ?? 0), 0);
      const sumP50 = r.areas.reduce((s, a) => s + (a.years[h]?.demand.p50 ?? 0), 0);
      expect(y.demand.p90).toBeLessThan(sumP90);
      // Independent spreads add in quadrature: about √10 ≈ 3.2 times one LA's, not 10 times.
      const laSpread = (r.areas[0]?.years[h]?.demand.p90 ?? 0) - (r.areas[0]?.years[h]?.demand.p50 ?? 0);
      expect(y.demand.p90 - y.demand.p50).toBeLessThan(5 * laSpread);
      expect(y.demand.p50).toBeGreaterThan(sumP50 - 5);
    });
  });
});

describe('options', () => {
  const inputs = inputsOf([exactSeries('A', 10, 50_000)]);

  it('projects 1 to 10 years', () => {
    expect(projectGlm(inputs, { horizonYears: 1, simulations: 0 }).years).toEqual(['2026']);
    const ten = projectGlm(inputs, { horizonYears: 10, simulations: 50 });
    expect(ten.years).toHaveLength(10);
    expect(ten.years.at(-1)).toBe('2035');
  });

  it('rejects out-of-range options with a clear message', () => {
    expect(() => project(inputs, { method: 'rate', horizonYears: 0 })).toThrow(/horizon.*1 to 10/);
    expect(() => project(inputs, { method: 'rate', horizonYears: 11 })).toThrow(/horizon/);
    expect(() => project(inputs, { method: 'rate', horizonYears: 2.5 })).toThrow(/horizon/);
    expect(() => project(inputs, { method: 'rate', targetOccupancy: 0 })).toThrow(/occupancy/i);
    expect(() => project(inputs, { method: 'rate', targetOccupancy: 1.1 })).toThrow(/occupancy/i);
    expect(() => project(inputs, { method: 'rate', simulations: -1 })).toThrow(/Simulations/);
    expect(() => project(inputs, { method: 'rate', needTypeShares: { mainstream: 0.5, soloComplex: 0.4 } })).toThrow(
      /sum to 1/,
    );
    expect(() => project(inputs, { method: 'rate', openMarketAccessShare: 1.5 })).toThrow(/open-market/);
    expect(() => project(inputs, { method: 'rate', trendDamping: 0 })).toThrow(/damping/i);
    expect(() => project(inputs, { method: 'stockFlow' as 'rate' })).toThrow(/Unknown projection method/);
  });

  it('accepts occupancy of exactly 1', () => {
    const r = projectGlm(inputs, { targetOccupancy: 1, simulations: 0 });
    expect(r.areas[0]?.years[0]?.bedsNeeded.p50).toBeCloseTo(r.areas[0]?.years[0]?.demand.p50 ?? 0, 9);
  });
});
