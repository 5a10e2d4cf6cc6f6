import { describe, expect, it } from 'vitest';
import {
  backtest,
  buildProjectionInputs,
  coverageScore,
  lastValueForecast,
  linearTrendForecast,
  type AreaSeries,
} from '#shared/forecast/index.js';

const series = (code: string, counts: number[], firstYear = 2021): AreaSeries => ({
  code,
  name: `LA ${code}`,
  demand: Object.fromEntries(counts.map((c, k) => [String(firstYear + k), c])),
  populationEstimates: Object.fromEntries(Array.from({ length: 12 }, (_, k) => [String(2013 + k), 50_000])),
  registeredPlaces: 10,
  laRunPlaces: 2,
});

describe('rolling-origin backtest', () => {
  // Doubling every year, constant population: 10, 20, 40, 80, 160 (2021–2025).
  const inputs = buildProjectionInputs({ consortiumName: 'Test', areas: [series('A', [10, 20, 40, 80, 160])] });

  it('matches hand-computed errors on a tiny example', () => {
    const b = backtest(inputs, { method: 'rate', simulations: 0, trendDamping: 1 });
    // Origins need three years of history: 2023 (10, 20, 40) and 2024 (… 80).
    expect(b.origins).toEqual(['2023', '2024']);
    expect(b.minHistoryYears).toBe(3);
    expect(b.horizons.map((h) => h.n)).toEqual([2, 1]);

    // The rate method now starts from the last observation and earns its trend on the panel's own
    // backtest; on an exact doubling it beats carrying the last value forward by far.
    expect(b.horizons[0]?.mae ?? Infinity).toBeLessThan(60 / 2);
    expect(b.horizons[1]?.mae ?? Infinity).toBeLessThan(120 / 2);

    // Last value: h1 |40 − 80| and |80 − 160| → MAE 60, MAPE 50%; h2 |40 − 160| = 120.
    const [lv1, lv2] = b.baselines.lastValue;
    expect(lv1).toMatchObject({ h: 1, n: 2, mae: 60, mape: 50, coverage80: 0 });
    expect(lv2).toMatchObject({ h: 2, n: 1, mae: 120, mape: 75 });

    // Linear trend: origin 2023 fits 23⅓ + 15 (t − 2022): 53⅓ for 2024, 68⅓ for 2025;
    // origin 2024 fits 37.5 + 23 (t − 2022.5): 95 for 2025.
    const [lt1, lt2] = b.baselines.linearTrend;
    expect(lt1?.mae).toBeCloseTo((80 - 160 / 3 + (160 - 95)) / 2, 9);
    expect(lt2?.mae).toBeCloseTo(160 - 205 / 3, 9);
    expect(lt1?.mape).toBeCloseTo((100 * ((80 - 160 / 3) / 80 + 65 / 160)) / 2, 9);

    // With one LA, the consortium is the LA.
    expect(b.consortium.lastValue[0]?.mae).toBe(60);
    expect(b.consortium.method.map((h) => h.n)).toEqual([2, 1]);
    expect(b.pairs.filter((p) => p.area === 'A')).toHaveLength(3);
    expect(b.pairs.filter((p) => p.area === 'consortium')).toHaveLength(3);
    expect(b.pairs[0]).toMatchObject({ area: 'A', origin: '2023', year: '2024', h: 1, actual: 80 });
    expect(b.notes.join(' ')).toMatch(/2 origins/);
  });

  it('falls back to two years of history when the data allow nothing else, and reports n', () => {
    const short = buildProjectionInputs({
      consortiumName: 'Test',
      areas: [series('A', [30, 33, 36], 2023), series('B', [10, 12, 11], 2023)],
    });
    const b = backtest(short, { method: 'rate', simulations: 200 });
    expect(b.minHistoryYears).toBe(2);
    expect(b.origins).toEqual(['2024']);
    expect(b.horizons).toEqual([expect.objectContaining({ h: 1, n: 2 })]);
    expect(b.notes.join(' ')).toMatch(/two/);
    // Two points give a line but no interval for the linear-trend baseline.
    expect(b.baselines.linearTrend[0]?.coverage80).toBeNull();
    expect(b.baselines.linearTrend[0]?.mae).toBeCloseTo((Math.abs(36 - 36) + Math.abs(14 - 11)) / 2, 9);
  });

  it('counts pairs over LAs and origins', () => {
    const two = buildProjectionInputs({
      consortiumName: 'Test',
      areas: [series('A', [30, 33, 36, 35, 40]), series('B', [10, 12, 11, 14, 13])],
    });
    const b = backtest(two, { method: 'manual', simulations: 0, minHistoryYears: 2 });
    expect(b.origins).toEqual(['2022', '2023', '2024']);
    expect(b.horizons.map((h) => h.n)).toEqual([6, 4, 2]);
    expect(b.consortium.method.map((h) => h.n)).toEqual([3, 2, 1]);
    // Manual growth defaults to 0, so the method is the last value.
    b.horizons.forEach((h, i) => expect(h.mae).toBeCloseTo(b.baselines.lastValue[i]?.mae ?? NaN, 9));
  });

  it('rejects fewer than two years of history', () => {
    expect(() => backtest(inputs, { method: 'rate', minHistoryYears: 1 })).toThrow(/at least 2/);
  });
});

describe('baselines and scoring', () => {
  it('gives the last value a random-walk interval', () => {
    const f = lastValueForecast([10, 20, 40], 1);
    // Changes 10 and 20: σ² = (100 + 400) ÷ 2; t(2 df) 90th percentile 1.8856.
    expect(f.p50).toBe(40);
    expect(f.p90 - 40).toBeCloseTo(1.8856181 * Math.sqrt(250), 5);
    expect(lastValueForecast([10, 20, 40], 4).p90 - 40).toBeCloseTo(1.8856181 * Math.sqrt(250 * 4), 5);
  });

  it('gives the linear trend the usual prediction interval', () => {
    const f = linearTrendForecast([2021, 2022, 2023, 2024], [10, 12, 13, 16], 2025);
    // Slope 1.9, mean 12.75 at 2022.5; residuals 0.1, 0.2, −0.7, 0.4: RSS 0.7 on 2 df.
    expect(f.p50).toBeCloseTo(12.75 + 1.9 * 2.5, 9);
    const se = Math.sqrt((0.7 / 2) * (1 + 1 / 4 + 6.25 / 5));
    expect(f.p90 - f.p50).toBeCloseTo(1.8856181 * se, 5);
  });

  it('counts an actual on an interval end as half inside', () => {
    expect(coverageScore(5, { p10: 4, p50: 5, p90: 6 })).toBe(1);
    expect(coverageScore(4, { p10: 4, p50: 5, p90: 6 })).toBe(0.5);
    expect(coverageScore(7, { p10: 4, p50: 5, p90: 6 })).toBe(0);
  });
});
