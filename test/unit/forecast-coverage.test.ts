/**
 * Calibration: on data generated from a known process of the kind the rate model assumes, the
 * P10–P90 intervals should contain the actual about 80% of the time, at LA and consortium level.
 *
 * The process: 60 consortia of 10 LAs (600 LA series) with populations from 20,000 to 128,000
 * children, rates of 8 to 14 per 10,000, a consortium trend drawn around +4% a year with LA trends
 * scattered about it, negative binomial counts (Poisson plus 5% extra variation) and year effects
 * shared by the LAs of a consortium (5%). Five years of history (as GM has), five years forecast.
 *
 * Coverage scores an actual on an interval end as half inside (counts are whole numbers).
 */
import { describe, expect, it } from 'vitest';
import { buildProjectionInputs, coverageScore, projectGlm, Rng } from '#shared/forecast/index.js';

const CONSORTIA = 60;
const LAS = 10;
const HISTORY = 5;
const H = 5;

interface Tally {
  inside: number;
  n: number;
}

function run(): { la: Tally[]; consortium: Tally[] } {
  const la = Array.from({ length: H }, () => ({ inside: 0, n: 0 }));
  const consortium = Array.from({ length: H }, () => ({ inside: 0, n: 0 }));
  for (let c = 0; c < CONSORTIA; c++) {
    const rng = new Rng(10_000 + c);
    const trend = 0.04 + 0.03 * rng.normal();
    const years = Array.from({ length: HISTORY + H }, (_, k) => 2016 + k);
    const yearEffect = years.map(() => 0.05 * rng.normal());
    const counts = Array.from({ length: LAS }, (_, i) => {
      const population = 20_000 + 12_000 * i;
      const rate = 8 + 6 * rng.uniform();
      const laTrend = trend + 0.02 * rng.normal();
      return years.map((_, k) =>
        rng.negativeBinomial((population / 10_000) * rate * Math.exp(laTrend * k + (yearEffect[k] ?? 0)), 0.05 ** 2),
      );
    });
    const inputs = buildProjectionInputs({
      consortiumName: `Synthetic ${c}`,
      areas: counts.map((series, i) => ({
        code: `L${i}`,
        name: `LA ${i}`,
        demand: Object.fromEntries(years.slice(0, HISTORY).map((y, k) => [String(y), series[k] ?? 0])),
        populationEstimates: Object.fromEntries(years.map((y) => [String(y - 1), 20_000 + 12_000 * i])),
        registeredPlaces: 20,
        laRunPlaces: 4,
      })),
    });
    const result = projectGlm(inputs, { simulations: 400, seed: c, trendDamping: 1, horizonYears: H });
    result.areas.forEach((area, i) =>
      area.years.forEach((y, h) => {
        const t = la[h];
        if (!t) return;
        t.inside += coverageScore(counts[i]?.[HISTORY + h] ?? NaN, y.demand);
        t.n++;
      }),
    );
    result.consortium.years.forEach((y, h) => {
      const t = consortium[h];
      if (!t) return;
      t.inside += coverageScore(
        counts.reduce((s, series) => s + (series[HISTORY + h] ?? 0), 0),
        y.demand,
      );
      t.n++;
    });
  }
  return { la, consortium };
}

const share = (tallies: Tally[]) => tallies.reduce((s, t) => s + t.inside, 0) / tallies.reduce((s, t) => s + t.n, 0);

describe('interval coverage on synthetic data from a known process', () => {
  const { la, consortium } = run();

  it('puts about 80% of LA actuals inside P10–P90', () => {
    expect(la.reduce((s, t) => s + t.n, 0)).toBe(CONSORTIA * LAS * H);
    expect(Math.abs(share(la) - 0.8)).toBeLessThanOrEqual(0.05);
    // Every horizon, not just on average (600 series each: standard error about 2 points).
    for (const t of la) expect(Math.abs(t.inside / t.n - 0.8)).toBeLessThanOrEqual(0.06);
  });

  it('puts about 80% of consortium actuals inside P10–P90', () => {
    expect(consortium.reduce((s, t) => s + t.n, 0)).toBe(CONSORTIA * H);
    expect(Math.abs(share(consortium) - 0.8)).toBeLessThanOrEqual(0.05);
  });
});
