/**
 * Triangular draws for assumptions known by a low, a central and a high value: the gap assumptions
 * (shared/forecast/assumptionUncertainty.ts) and the cost assumptions (shared/scenario/costUncertainty.ts).
 */
import type { UniformSource } from './poisson.js';

/** A triangular draw between low and high peaked at `mode`, by the inverse CDF of uniform `u`. */
export function triangular(u: number, low: number, mode: number, high: number): number {
  if (!(high > low)) return mode;
  const f = (mode - low) / (high - low);
  return u < f
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** `simulations` draws of each range, one range after another from `source`, keyed by the range's key. */
export function triangularDraws<K extends string>(
  ranges: readonly { key: K; low: number; central: number; high: number }[],
  simulations: number,
  source: UniformSource,
): Record<K, Float64Array> {
  const out = {} as Record<K, Float64Array>;
  for (const r of ranges) {
    const draws = new Float64Array(simulations);
    for (let s = 0; s < simulations; s++) draws[s] = triangular(source.uniform(), r.low, r.central, r.high);
    out[r.key] = draws;
  }
  return out;
}
