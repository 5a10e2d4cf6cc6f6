/** The modelled shares (inside, 20+ miles, other authorities' children) and the residuals the fit minimises; Pearson's r for the fit's summary. */
import { DISTANT_MILES } from '../distance.js';
import type { ShareFitSummary } from './types.js';

export interface Modelled {
  inside: (number | null)[];
  over20: (number | null)[];
  hostOther: (number | null)[];
  /** Other authorities' children placed in each host. */
  imported: number[];
}

export function measure(flows: Float64Array, far: Float64Array, o: Float64Array, d: Float64Array): Modelled {
  const n = o.length;
  const inside: (number | null)[] = [];
  const over20: (number | null)[] = [];
  const hostOther: (number | null)[] = [];
  const imported: number[] = [];
  for (let i = 0; i < n; i++) {
    const oi = o[i] ?? 0;
    const own = flows[i * n + i] ?? 0;
    if (oi > 0) {
      let distant = 0;
      for (let j = 0; j < n; j++) distant += (flows[i * n + j] ?? 0) * (far[i * n + j] ?? 0);
      inside.push(own / oi);
      over20.push(distant / oi);
    } else {
      inside.push(null);
      over20.push(null);
    }
    const dj = d[i] ?? 0;
    imported.push(Math.max(0, dj - own));
    hostOther.push(dj > 0 ? Math.max(0, dj - own) / dj : null);
  }
  return { inside, over20, hostOther, imported };
}

/**
 * The share of a flow from i to j counted as more than 20 miles from home: between two authorities, 1
 * when their centroids are more than 20 miles apart, else 0; inside an authority, its own (target)
 * share of in-boundary placements more than 20 miles away.
 */
export function distantShares(miles: ArrayLike<number>, n: number, inside: readonly number[]): Float64Array {
  const far = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      far[i * n + j] = i === j ? (inside[i] ?? 0) : (miles[i * n + j] ?? 0) > DISTANT_MILES ? 1 : 0;
  }
  return far;
}

export function summarise(
  targets: readonly (number | null)[],
  modelled: readonly (number | null)[],
  weights: ArrayLike<number>,
): ShareFitSummary {
  let count = 0;
  let abs = 0;
  let sq = 0;
  let w = 0;
  let wt = 0;
  let wm = 0;
  targets.forEach((t, k) => {
    const m = modelled[k];
    if (t === null || m === null || m === undefined) return;
    count++;
    abs += Math.abs(m - t);
    sq += (m - t) ** 2;
    const wk = weights[k] ?? 0;
    w += wk;
    wt += wk * t;
    wm += wk * m;
  });
  return {
    authorities: count,
    meanAbsoluteError: count > 0 ? abs / count : 0,
    rootMeanSquareError: count > 0 ? Math.sqrt(sq / count) : 0,
    targetMean: w > 0 ? wt / w : 0,
    modelledMean: w > 0 ? wm / w : 0,
  };
}

/** √(scale · w_k / W) · (modelled − target) for the pairs with a target, W the weight of those pairs. */
export function weightedResiduals(
  targets: readonly (number | null)[],
  modelled: readonly (number | null)[],
  weights: ArrayLike<number>,
  scale: number,
): number[] {
  let total = 0;
  targets.forEach((t, k) => {
    const m = modelled[k];
    const wk = weights[k] ?? 0;
    if (t !== null && m !== null && m !== undefined && wk > 0) total += wk;
  });
  if (!(total > 0) || !(scale > 0)) return [];
  return targets.flatMap((t, k) => {
    const m = modelled[k];
    const wk = weights[k] ?? 0;
    return t === null || m === null || m === undefined || !(wk > 0) ? [] : [Math.sqrt((scale * wk) / total) * (m - t)];
  });
}

/** Pearson correlation; 0 when either side has no spread. */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += xs[k] ?? 0;
    my += ys[k] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = (xs[k] ?? 0) - mx;
    const dy = (ys[k] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
