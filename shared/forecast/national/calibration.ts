/**
 * Calibrated intervals for one authority's forecast. Errors are measured as
 * r = log((actual + ½) ÷ (forecast + ½)). Their variance at horizon h is modelled as
 * a_h + b_h ÷ (forecast + ½) (a common relative part plus a Poisson-like part that shrinks with
 * size), fitted by least squares on r²; the standardised errors r ÷ σ give empirical (conformal)
 * 10th, 50th and 90th percentiles. An interval is then forecast × exp(q10 σ) … forecast × exp(q90 σ)
 * (on the +½ scale). The backtest (./backtest.ts) scores coverage leave-one-origin-out: the pairs
 * from each origin are judged against a calibration fitted on the other origins only.
 */
import { LOG_OFFSET } from '../candidates.js';
import { quantileSorted, Z90 } from '../stats.js';

/** Interval calibration at one horizon: σ² = a + b ÷ (forecast + ½); standardised-error quantiles. */
export interface HorizonCalibration {
  h: number;
  a: number;
  b: number;
  q10: number;
  q50: number;
  q90: number;
  /**
   * Variance of a total's log error beyond its members' independent errors (g², a common shock),
   * calibrated on summed groups (regions and random groups of 5–15 authorities).
   */
  commonVariance: number;
  /** The correlation between members' errors this implies for the median region (for the record). */
  correlation: number;
  /** Pairs the calibration rests on (authorities; summed groups). */
  pairs: number;
  groupPairs: number;
}

export interface ErrorPair {
  area: number;
  origin: number;
  h: number;
  forecast: number;
  actual: number;
  group: string | null;
}

const logError = (p: { forecast: number; actual: number }): number =>
  Math.log((p.actual + LOG_OFFSET) / (p.forecast + LOG_OFFSET));

/** Least-squares fit of r² = a + b x (x = 1 ÷ (forecast + ½)) with a, b ≥ 0. */
function fitVariance(pairs: readonly ErrorPair[]): { a: number; b: number } {
  const n = pairs.length;
  if (n === 0) return { a: 0.01, b: 1 };
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const p of pairs) {
    const x = 1 / (p.forecast + LOG_OFFSET);
    const y = logError(p) ** 2;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const mx = sx / n;
  const my = sy / n;
  const vx = sxx / n - mx * mx;
  let b = vx > 1e-12 ? (sxy / n - mx * my) / vx : 0;
  let a = my - b * mx;
  if (b < 0) {
    b = 0;
    a = my;
  }
  if (a < 0) {
    a = 0;
    b = sxx > 0 ? sxy / sxx : 0;
  }
  if (a + b === 0) a = 1e-4;
  return { a, b };
}

export const sigmaOf = (c: Pick<HorizonCalibration, 'a' | 'b'>, forecast: number): number =>
  Math.sqrt(c.a + c.b / (Math.max(0, forecast) + LOG_OFFSET));

/**
 * Fewer pairs than this and the standardised errors' percentiles are not read from the data (a
 * 10th percentile needs a few dozen values to mean anything): the normal's are used with the
 * fitted variance.
 */
export const MIN_QUANTILE_PAIRS = 30;

/**
 * Calibration at one horizon. With too few pairs for its own percentiles, a horizon takes the
 * standardised percentiles of the horizon before it (when that one had enough), so a median shift
 * learnt at short horizons does not vanish at a longer one and make the path jump; else the normal's.
 */
export function calibrateAuthorities(
  pairs: readonly ErrorPair[],
  h: number,
  before?: Pick<HorizonCalibration, 'q10' | 'q50' | 'q90'>,
): HorizonCalibration {
  const { a, b } = fitVariance(pairs);
  const z = Float64Array.from(pairs, (p) => logError(p) / sigmaOf({ a, b }, p.forecast)).sort();
  const q = (p: number, fallback: number) => (z.length >= MIN_QUANTILE_PAIRS ? quantileSorted(z, p) : fallback);
  return {
    h,
    a,
    b,
    q10: q(0.1, before?.q10 ?? -Z90),
    q50: q(0.5, before?.q50 ?? 0),
    q90: q(0.9, before?.q90 ?? Z90),
    commonVariance: 0,
    correlation: 0,
    pairs: pairs.length,
    groupPairs: 0,
  };
}

/** Log centre and spread of one authority's calibrated forecast (lognormal on the +½ scale). */
export function logSpread(c: HorizonCalibration, forecast: number): { centre: number; sd: number } {
  const s = sigmaOf(c, forecast);
  return { centre: ((c.q10 + c.q90) / 2) * s, sd: (((c.q90 - c.q10) / 2) * s) / Z90 };
}

/**
 * Calibration for a horizon beyond those backtested: the last calibrated horizon's, with the
 * variance grown in proportion to the horizon (as a random walk's), quantiles and correlation kept.
 */
export function calibrationAt(calibration: readonly HorizonCalibration[], h: number): HorizonCalibration | null {
  const exact = calibration.find((c) => c.h === h);
  if (exact) return exact;
  const below = calibration.filter((c) => c.h < h && c.pairs > 0).at(-1);
  if (!below) return null;
  const k = h / below.h;
  return { ...below, h, a: below.a * k, b: below.b * k, commonVariance: below.commonVariance * k };
}
