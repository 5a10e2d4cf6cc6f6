/**
 * Draws for corrected mode's Monte Carlo runs (./run.ts): the all-ages rates each category's
 * parameter draws pool towards, and a multinomial draw of where a category's children move.
 */
import type { Random } from '#shared/random/sfc32.js';
import { BANDS, CATEGORIES, OUTCOMES, type CorrectedModel } from './model.js';

export function pooledRates(model: CorrectedModel): Float64Array {
  const pooled = new Float64Array(CATEGORIES * OUTCOMES);
  for (let c = 0; c < CATEGORIES; c++) {
    let e = 0;
    for (let b = 0; b < BANDS; b++) e += model.exposure[b * CATEGORIES + c]!;
    for (let d = 0; d < OUTCOMES; d++) {
      let n = 0;
      for (let b = 0; b < BANDS; b++) n += model.counts[(b * CATEGORIES + c) * OUTCOMES + d]!;
      pooled[c * OUTCOMES + d] = e > 0 ? n / e : 0;
    }
  }
  return pooled;
}

/**
 * Multinomial(n, probabilities[offset .. offset + 5]) into `out`: the number leaving `stay` is
 * binomial, then the leavers are shared out one by one (few) or by conditional binomials (many).
 */
export function multinomial(
  rng: Random,
  n: number,
  probabilities: Float64Array,
  offset: number,
  stay: number,
  out: Float64Array,
): void {
  out.fill(0);
  const leaveProbability = 1 - probabilities[offset + stay]!;
  const leavers = leaveProbability > 0 ? rng.binomial(n, leaveProbability) : 0;
  out[stay] = n - leavers;
  if (leavers === 0) return;
  if (leavers <= 3) {
    for (let i = 0; i < leavers; i++) {
      let u = rng.next() * leaveProbability;
      let d = 0;
      for (; d < OUTCOMES - 1; d++) {
        if (d === stay) continue;
        u -= probabilities[offset + d]!;
        if (u < 0) break;
      }
      if (d === stay) d = OUTCOMES - 1;
      out[d]! += 1;
    }
    return;
  }
  let last = OUTCOMES - 1;
  while (last > 0 && (last === stay || !(probabilities[offset + last]! > 0))) last--;
  let remaining = leavers;
  let mass = leaveProbability;
  for (let d = 0; d < OUTCOMES && remaining > 0; d++) {
    if (d === stay) continue;
    const p = probabilities[offset + d]!;
    if (p <= 0) continue;
    const count = d === last || p >= mass ? remaining : rng.binomial(remaining, Math.min(1, p / mass));
    out[d] = count;
    remaining -= count;
    mass -= p;
  }
}
