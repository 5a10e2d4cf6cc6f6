/**
 * The reduction of a simulation column to percentiles, for the Monte Carlo (its random source is
 * shared/random/lcg.ts). Demand simulations are stored year-major in one Float64Array per area:
 * `samples[yearIndex * simulations + s]`.
 */
import { quantileSorted } from './stats.js';

/** Percentiles, mean and an exceedance count of one year's column of simulations. */
export interface ColumnStats {
  p10: number;
  p50: number;
  p90: number;
  mean: number;
  /** Share of simulations whose value ÷ `divisor` is strictly above `threshold`. */
  shareAbove: number;
}

/**
 * Summarises `samples[column * sims .. (column + 1) * sims)` using `scratch` (length ≥ sims) for the
 * sort, so nothing is allocated per simulation.
 */
export function columnStats(
  samples: Float64Array,
  column: number,
  sims: number,
  scratch: Float64Array,
  threshold: number,
  divisor = 1,
): ColumnStats {
  const start = column * sims;
  let sum = 0;
  let above = 0;
  for (let s = 0; s < sims; s++) {
    const x = samples[start + s] ?? 0;
    scratch[s] = x;
    sum += x;
    if (x / divisor > threshold) above++;
  }
  const view = scratch.subarray(0, sims);
  view.sort();
  return {
    p10: quantileSorted(view, 0.1),
    p50: quantileSorted(view, 0.5),
    p90: quantileSorted(view, 0.9),
    mean: sum / sims,
    shareAbove: above / sims,
  };
}
