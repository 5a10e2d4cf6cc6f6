/**
 * One origin of the national backtest: each authority's history up to the origin, every candidate
 * method (../candidates.ts) fitted on the years up to it only (φ, β and the pooling too), and one
 * candidate's forecast 1..H years ahead for one authority. Candidates that need a trend fall back to
 * the last value where the origin has only one year before it.
 */
import {
  dampedSum,
  dampedTrendOf,
  driftOf,
  estimatePooling,
  fromLog,
  LOG_OFFSET,
  pooledTrend,
  tuneSmoothing,
  type CandidateId,
  type SeriesWindow,
  type Smoothing,
  type TrendPooling,
} from '../candidates.js';
import type { PanelArea } from './panel.js';

/** The history of one authority up to an origin: the consecutive observed years ending there. */
export function windowAt(area: PanelArea, origin: number, group = area.group): SeriesWindow | null {
  if (!area.values.has(origin)) return null;
  let start = origin;
  while (area.values.has(start - 1)) start--;
  const values: number[] = [];
  const logCount: number[] = [];
  let logRate: number[] | null = [];
  for (let y = start; y <= origin; y++) {
    const v = area.values.get(y) ?? 0;
    values.push(v);
    logCount.push(Math.log(v + LOG_OFFSET));
    const p = area.population.get(y);
    if (logRate && p !== undefined && p > 0) logRate.push(Math.log(((v + LOG_OFFSET) / p) * 10_000));
    else logRate = null;
  }
  return { code: area.code, group, values, logCount, logRate, populationAtOrigin: area.population.get(origin) ?? null };
}

/** Everything the candidates need at one origin, fitted on data up to it. */
export interface OriginFit {
  origin: number;
  windows: SeriesWindow[];
  smoothing: { count: Smoothing; rate: Smoothing };
  pooling: { count: TrendPooling; rate: TrendPooling };
  /** Own damped trends per window (count and rate scale). */
  ownTrends: { count: number[]; rate: number[] };
}

export function fitOrigin(windows: SeriesWindow[], origin: number): OriginFit {
  const count = tuneSmoothing(windows, false);
  const withRate = windows.filter((w) => w.logRate !== null);
  const rate = withRate.length ? tuneSmoothing(withRate, true) : count;
  const countTrends = windows.map((w) => dampedTrendOf(w.logCount, count));
  const rateTrends = windows.map((w) => (w.logRate ? dampedTrendOf(w.logRate, rate) : NaN));
  const rateIdx = windows.map((w, i) => (w.logRate ? i : -1)).filter((i) => i >= 0);
  return {
    origin,
    windows,
    smoothing: { count, rate },
    pooling: {
      count: estimatePooling(windows, countTrends, count.beta),
      rate: estimatePooling(
        rateIdx.map((i) => windows[i] as SeriesWindow),
        rateIdx.map((i) => rateTrends[i] ?? 0),
        rate.beta,
      ),
    },
    ownTrends: { count: countTrends, rate: rateTrends },
  };
}

/** A candidate's forecast path for one authority, with the trend it used. */
export interface CandidatePath {
  /** Point forecasts for 1..H years ahead. */
  points: Float64Array;
  /** Trend used (log change per year; for rate candidates, of the rate). */
  trend: number;
  /** Own trend before pooling. */
  ownTrend: number;
  /** Weight kept on the own trend (1 when not pooled). */
  ownWeight: number;
  /** Trend pooled towards (group's, else England's); equal to the own trend when not pooled. */
  poolTarget: number;
  /** φ used (0 for last value, 1 for drift). */
  phi: number;
  /** True when a rate candidate fell back to counts (no population for some year). */
  onCounts: boolean;
}

/**
 * Forecasts one window with one candidate. `populationAt(year)` gives the population aged 0 to 17
 * for a target year (rate candidates fall back to counts where it is missing).
 */
export function candidatePath(
  fit: OriginFit,
  index: number,
  candidate: CandidateId,
  horizon: number,
  populationAt: (year: number) => number | undefined,
): CandidatePath {
  const w = fit.windows[index];
  const points = new Float64Array(horizon);
  if (!w) return { points, trend: 0, ownTrend: 0, ownWeight: 1, poolTarget: 0, phi: 0, onCounts: true };
  const last = w.values[w.values.length - 1] ?? 0;
  const zLast = w.logCount[w.logCount.length - 1] ?? 0;
  const wantsRate = candidate === 'dampedTrendRate' || candidate === 'pooledDampedTrendRate';
  const futurePop = wantsRate ? Array.from({ length: horizon }, (_, h) => populationAt(fit.origin + h + 1)) : [];
  const onRate = wantsRate && w.logRate !== null && w.populationAtOrigin !== null && futurePop.every((p) => p! > 0);
  const pooled = candidate === 'pooledDampedTrend' || candidate === 'pooledDampedTrendRate';
  if (candidate === 'lastValue' || w.values.length < 2) {
    points.fill(last);
    return { points, trend: 0, ownTrend: 0, ownWeight: 1, poolTarget: 0, phi: 0, onCounts: !onRate };
  }
  if (candidate === 'drift') {
    const g = driftOf(w.logCount);
    for (let h = 0; h < horizon; h++) points[h] = fromLog(zLast + g * (h + 1));
    return { points, trend: g, ownTrend: g, ownWeight: 1, poolTarget: g, phi: 1, onCounts: true };
  }
  const smoothing = onRate ? fit.smoothing.rate : fit.smoothing.count;
  const own = onRate ? (fit.ownTrends.rate[index] ?? 0) : (fit.ownTrends.count[index] ?? 0);
  let trend = own;
  let ownWeight = 1;
  let poolTarget = own;
  if (pooled) {
    const p = pooledTrend(w, own, onRate ? fit.pooling.rate : fit.pooling.count, smoothing.beta);
    trend = p.trend;
    ownWeight = p.ownWeight;
    poolTarget = p.target;
  }
  for (let h = 0; h < horizon; h++) {
    const step = trend * dampedSum(h + 1, smoothing.phi);
    // On the rate scale: the last count moved by the trend and by the population's own change.
    const popRatio = onRate ? (futurePop[h] ?? 1) / (w.populationAtOrigin ?? 1) : 1;
    points[h] = Math.max(0, (last + LOG_OFFSET) * popRatio * Math.exp(step) - LOG_OFFSET);
  }
  return { points, trend, ownTrend: own, ownWeight, poolTarget, phi: smoothing.phi, onCounts: !onRate };
}
