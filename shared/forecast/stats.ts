/** Small numerical helpers: quantiles of sorted samples, the normal and Student t distributions. */

/** Linear-interpolation quantile (type 7, as d3.quantileSorted and R's default) of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number, offset = 0, length = sorted.length): number {
  if (length === 0) return NaN;
  const pos = (length - 1) * p;
  const lo = Math.floor(pos);
  const a = sorted[offset + lo] ?? NaN;
  if (lo + 1 >= length) return a;
  const b = sorted[offset + lo + 1] ?? NaN;
  return a + (b - a) * (pos - lo);
}

/** P10, P50 and P90 of a set of simulated values (copied, then sorted). */
export function percentilesOf(values: ArrayLike<number>): { p10: number; p50: number; p90: number } {
  const sorted = Float64Array.from(values).sort();
  return { p10: quantileSorted(sorted, 0.1), p50: quantileSorted(sorted, 0.5), p90: quantileSorted(sorted, 0.9) };
}

/** Standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 via erf; error < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** The 90th percentile of the standard normal: P10–P90 is ±1.2816 standard deviations. */
export const Z90 = 1.2815515655446004;

/** Exact 90th percentiles of Student's t for 1–10 degrees of freedom. */
const t90Table = [
  3.0776835, 1.8856181, 1.6377444, 1.5332063, 1.475884, 1.4397557, 1.4149239, 1.3968153, 1.3830287, 1.3721836,
];

/**
 * 90th percentile of Student's t with `df` degrees of freedom: exact table to 10, then the
 * Cornish–Fisher expansion (error below 1e-4 from 11 on). Infinite df gives the normal value.
 */
export function t90(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df <= 10 && Number.isInteger(df)) return t90Table[df - 1] ?? NaN;
  const z = Z90;
  const z3 = z * z * z;
  const z5 = z3 * z * z;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df);
}

/** Natural log of the gamma function (Lanczos, g = 7; relative error ~1e-15). */
const lanczos = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const xm = x - 1;
  let a = lanczos[0] ?? 0;
  const t = xm + 7.5;
  for (let i = 1; i < 9; i++) a += (lanczos[i] ?? 0) / (xm + i);
  return 0.5 * Math.log(2 * Math.PI) + (xm + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Ordinary least-squares line through (x, y): slope, intercept at x̄, residual sum of squares. */
export function olsLine(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
): { xbar: number; mean: number; slope: number; rss: number; sxx: number } {
  const n = xs.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += xs[i] ?? 0;
    sy += ys[i] ?? 0;
  }
  const xbar = sx / n;
  const mean = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] ?? 0) - xbar;
    sxx += dx * dx;
    sxy += dx * ((ys[i] ?? 0) - mean);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const r = (ys[i] ?? 0) - mean - slope * ((xs[i] ?? 0) - xbar);
    rss += r * r;
  }
  return { xbar, mean, slope, rss, sxx };
}
