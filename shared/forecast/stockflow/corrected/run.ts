/**
 * Runs a fitted corrected-mode model (./index.ts) month by month: the expected path with every
 * child's age in months, then seeded Monte Carlo runs with parameter uncertainty and process noise,
 * giving P10/P50/P90 by month.
 */
import { Random } from '#shared/random/sfc32.js';
import { quantileSorted } from '../../stats.js';
import { entryAgeShares, entryMultiplier } from './entries.js';
import {
  AGE_MONTHS,
  BAND_FIRST_MONTH,
  BANDS,
  bandOfAgeMonths,
  CATEGORIES,
  MONTH_DAYS,
  OUTCOMES,
  type CorrectedModel,
} from './model.js';
import { multinomial, pooledRates } from './sampling.js';
import { transitionProbabilities } from './transitions.js';

export interface CorrectedRun {
  /** Expected stock by category (5) then total, for each report month: `[r * 6 + k]`. */
  mean: Float64Array;
  /** Percentiles (same layout), when simulations > 0. */
  p10: Float64Array | null;
  p50: Float64Array | null;
  p90: Float64Array | null;
}

/**
 * Projects month by month. `reportMonths` are months ahead (0 = start).
 *
 * The expected path (point estimates) keeps every child's age in months, so ageing and leaving
 * care at 18 are exact. The Monte Carlo runs then work on band × category stocks: each run draws
 * its parameters (gamma posteriors for every hazard and entry rate, a normal slope for a trend),
 * and each month draws the process noise per category — how many leave it (binomial) and where
 * they go (multinomial), and how many enter it (Poisson) — shared among the age bands in
 * proportion to the expected flows for that run's parameters; the share of each band's stock
 * that ages into the next band (or out of care at 18) that month comes from the expected path's
 * age profile. This keeps 1,000 runs of ten years to about a second while the category totals
 * (what is reported) carry the full binomial/Poisson noise. P10/P50/P90 are over the runs.
 */
export function runCorrected(
  model: CorrectedModel,
  reportMonths: readonly number[],
  horizonMonths: number,
  simulations: number,
  seed: number,
): CorrectedRun {
  const R = reportMonths.length;
  const K = OUTCOMES;
  const BC = BANDS * CATEGORIES;
  const reportAt = new Map<number, number[]>();
  reportMonths.forEach((m, i) => reportAt.set(m, [...(reportAt.get(m) ?? []), i]));
  const monthMid = (t: number): number => model.projectionStart + (t + 0.5) * MONTH_DAYS;
  const shares = entryAgeShares(model);
  const topMonth = BAND_FIRST_MONTH.slice(1).map((m) => m - 1);

  // Expected path with point estimates, recording for each month the share of each band ×
  // category's stock (after the month's moves) that is in the band's last month of age.
  const mean = new Float64Array(R * K);
  const ageing = new Float64Array(horizonMonths * BC);
  {
    const half = new Float64Array(BANDS * CATEGORIES * OUTCOMES);
    const monthly = transitionProbabilities(model.hazards, MONTH_DAYS, undefined, half);
    const logGrowth = model.entryTrend.kind === 'growth' ? model.entryTrend.logGrowth : 0;
    let x = Float64Array.from(model.initialStock);
    let next = new Float64Array(x.length);
    const moved = new Float64Array(BC);
    const movedTop = new Float64Array(BC);
    const record = (t: number): void => {
      for (const r of reportAt.get(t) ?? []) {
        for (let a = 0; a < AGE_MONTHS; a++) {
          for (let c = 0; c < CATEGORIES; c++) {
            const v = x[a * CATEGORIES + c]!;
            mean[r * K + c]! += v;
            mean[r * K + CATEGORIES]! += v;
          }
        }
      }
    };
    record(0);
    for (let t = 0; t < horizonMonths; t++) {
      next.fill(0);
      moved.fill(0);
      movedTop.fill(0);
      for (let a = 0; a < AGE_MONTHS; a++) {
        const b = bandOfAgeMonths(a);
        const top = a === topMonth[b];
        for (let c = 0; c < CATEGORIES; c++) {
          const v = x[a * CATEGORIES + c]!;
          if (v === 0) continue;
          const row = (b * CATEGORIES + c) * OUTCOMES;
          for (let d = 0; d < CATEGORIES; d++) {
            const w = v * monthly[row + d]!;
            moved[b * CATEGORIES + d]! += w;
            if (top) movedTop[b * CATEGORIES + d]! += w;
            // A month older; at 18 (a + 1 = 216) they leave care.
            if (a + 1 < AGE_MONTHS) next[(a + 1) * CATEGORIES + d]! += w;
          }
        }
      }
      for (let s = 0; s < BC; s++) ageing[t * BC + s] = moved[s]! > 0 ? movedTop[s]! / moved[s]! : 0;
      const g = entryMultiplier(model, monthMid(t), logGrowth);
      for (let b = 0; b < BANDS; b++) {
        for (let c = 0; c < CATEGORIES; c++) {
          const n = model.entryRates[b * CATEGORIES + c]! * MONTH_DAYS * g;
          if (n === 0) continue;
          const row = (b * CATEGORIES + c) * OUTCOMES;
          for (let a = BAND_FIRST_MONTH[b]!; a < BAND_FIRST_MONTH[b + 1]!; a++) {
            const f = shares[a]!;
            if (f === 0) continue;
            for (let d = 0; d < CATEGORIES; d++) next[a * CATEGORIES + d]! += n * f * half[row + d]!;
          }
        }
      }
      [x, next] = [next, x];
      record(t + 1);
    }
  }
  if (simulations <= 0) return { mean, p10: null, p50: null, p90: null };

  const rng = new Random(seed);
  const values = new Float64Array(simulations * R * K);
  const drawn = new Float64Array(model.hazards.length);
  const lambda = new Float64Array(BC);
  const pooled = pooledRates(model);
  const kappa = model.poolingDays;
  const monthly = new Float64Array(BC * OUTCOMES);
  const half = new Float64Array(BC * OUTCOMES);
  const start = new Float64Array(BC);
  for (let a = 0; a < AGE_MONTHS; a++) {
    for (let c = 0; c < CATEGORIES; c++)
      start[bandOfAgeMonths(a) * CATEGORIES + c]! += model.initialStock[a * CATEGORIES + c]!;
  }
  let x = new Float64Array(BC);
  let y = new Float64Array(BC);
  const draws = new Float64Array(OUTCOMES);
  const expected = new Float64Array(OUTCOMES);
  const flow = new Float64Array(BANDS * OUTCOMES);
  const factor = new Float64Array(OUTCOMES);
  const lambdaByCategory = new Float64Array(CATEGORIES);
  const trend = model.entryTrend;
  const multipliers = new Float64Array(horizonMonths);

  for (let sim = 0; sim < simulations; sim++) {
    for (let b = 0; b < BANDS; b++) {
      for (let c = 0; c < CATEGORIES; c++) {
        const e = model.exposure[b * CATEGORIES + c]!;
        for (let d = 0; d < OUTCOMES; d++) {
          const i = (b * CATEGORIES + c) * OUTCOMES + d;
          if (d === c) {
            drawn[i] = 0;
            continue;
          }
          const shape = model.counts[i]! + kappa * pooled[c * OUTCOMES + d]!;
          drawn[i] = e + kappa > 0 ? rng.gamma(shape, e + kappa) : 0;
        }
        const n = model.entrants[b * CATEGORIES + c]!;
        lambda[b * CATEGORIES + c] = n > 0 ? rng.gamma(n, model.windowDays) : 0;
      }
    }
    lambdaByCategory.fill(0);
    for (let s = 0; s < BC; s++) lambdaByCategory[s % CATEGORIES]! += lambda[s]!;
    const logGrowth = trend.kind === 'growth' ? trend.logGrowth + trend.standardError * rng.normal() : 0;
    for (let t = 0; t < horizonMonths; t++) multipliers[t] = entryMultiplier(model, monthMid(t), logGrowth);
    transitionProbabilities(drawn, MONTH_DAYS, monthly, half);

    x.set(start);
    const base = sim * R * K;
    const record = (t: number): void => {
      const list = reportAt.get(t);
      if (!list) return;
      for (const r of list) {
        const o = base + r * K;
        let total = 0;
        for (let c = 0; c < CATEGORIES; c++) {
          let v = 0;
          for (let b = 0; b < BANDS; b++) v += x[b * CATEGORIES + c]!;
          values[o + c] = v;
          total += v;
        }
        values[o + CATEGORIES] = total;
      }
    };
    record(0);
    for (let t = 0; t < horizonMonths; t++) {
      y.fill(0);
      // Moves out of each category: the number leaving is binomial and their destinations
      // multinomial (the category's stock rounded stochastically, without bias); each destination's
      // flow is shared among the bands in proportion to the expected flows.
      for (let c = 0; c < CATEGORIES; c++) {
        let stock = 0;
        for (let b = 0; b < BANDS; b++) stock += x[b * CATEGORIES + c]!;
        if (stock <= 0) continue;
        let leaving = 0;
        expected.fill(0);
        for (let b = 0; b < BANDS; b++) {
          const v = x[b * CATEGORIES + c]!;
          y[b * CATEGORIES + c]! += v;
          if (v === 0) continue;
          const row = (b * CATEGORIES + c) * OUTCOMES;
          for (let d = 0; d < OUTCOMES; d++) {
            if (d === c) continue;
            const e = v * monthly[row + d]!;
            flow[b * OUTCOMES + d] = e;
            expected[d]! += e;
            leaving += e;
          }
        }
        if (leaving <= 0) continue;
        const whole = Math.floor(stock);
        const n = whole + (rng.next() < stock - whole ? 1 : 0);
        if (n === 0) {
          flow.fill(0);
          continue;
        }
        for (let d = 0; d < OUTCOMES; d++) expected[d] = expected[d]! / stock;
        expected[c] = 1 - leaving / stock;
        multinomial(rng, n, expected, 0, c, draws);
        // Drawn ÷ expected, applied to every band's expected flow to each destination.
        const scale = stock / n;
        for (let d = 0; d < OUTCOMES; d++) {
          factor[d] = d === c || expected[d]! <= 0 ? 0 : (draws[d]! * scale) / (expected[d]! * stock);
        }
        for (let b = 0; b < BANDS; b++) {
          const v = x[b * CATEGORIES + c]!;
          if (v === 0) continue;
          let out = 0;
          for (let d = 0; d < OUTCOMES; d++) out += flow[b * OUTCOMES + d]! * factor[d]!;
          // A band cannot lose more than it had (possible only in the tail of a draw).
          const cap = out > v ? v / out : 1;
          y[b * CATEGORIES + c]! -= out * cap;
          for (let d = 0; d < CATEGORIES; d++) {
            if (d !== c) y[b * CATEGORIES + d]! += flow[b * OUTCOMES + d]! * factor[d]! * cap;
          }
        }
        flow.fill(0);
      }
      // Ageing: the expected path's share at the top of each band moves up (or leaves at 18).
      const row = t * BC;
      for (let b = BANDS - 1; b >= 0; b--) {
        for (let c = 0; c < CATEGORIES; c++) {
          const s = b * CATEGORIES + c;
          const up = y[s]! * ageing[row + s]!;
          y[s]! -= up;
          if (b + 1 < BANDS) y[s + CATEGORIES]! += up;
        }
      }
      // Entries: Poisson by category, shared among bands by their entry rates, then spread by
      // the expected half month of moves.
      const g = multipliers[t]!;
      for (let c = 0; c < CATEGORIES; c++) {
        const l = lambdaByCategory[c]!;
        if (l === 0) continue;
        const n = rng.poisson(l * MONTH_DAYS * g);
        if (n === 0) continue;
        for (let b = 0; b < BANDS; b++) {
          const s = b * CATEGORIES + c;
          const share = lambda[s]! / l;
          if (share === 0) continue;
          for (let d = 0; d < CATEGORIES; d++) y[b * CATEGORIES + d]! += n * share * half[s * OUTCOMES + d]!;
        }
      }
      [x, y] = [y, x];
      record(t + 1);
    }
  }

  const p10 = new Float64Array(R * K);
  const p50 = new Float64Array(R * K);
  const p90 = new Float64Array(R * K);
  const column = new Float64Array(simulations);
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      for (let sim = 0; sim < simulations; sim++) column[sim] = values[(sim * R + r) * K + k]!;
      column.sort();
      p10[r * K + k] = quantileSorted(column, 0.1);
      p50[r * K + k] = quantileSorted(column, 0.5);
      p90[r * K + k] = quantileSorted(column, 0.9);
    }
  }
  return { mean, p10, p50, p90 };
}
