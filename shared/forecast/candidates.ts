/**
 * The candidate forecasting methods the national backtest chooses between. Every one starts from the
 * last observed number (a stock of children in care behaves close to a random walk, so the last
 * observation is the best estimate of the current level; a fitted line is not) and differs only in
 * the trend it adds:
 *
 * - `lastValue` — no change (the naive forecast every other candidate must beat);
 * - `drift` — random walk with drift: the mean annual change in log(count) over the history;
 * - `dampedTrend` — damped-trend exponential smoothing on log(count) with the level smoothing at 1
 *   (so the level is the last observation): the trend is an exponentially weighted mean of annual
 *   log changes (weight β on the newest), and year k ahead adds φᵏ of it, so growth fades;
 * - `dampedTrendRate` — the same on the log rate per 10,000 children aged 0 to 17, times the
 *   population of the target year (so population change moves the forecast by itself);
 * - `pooledDampedTrend`, `pooledDampedTrendRate` — the same trends partially pooled (empirical
 *   Bayes) towards the mean trend of the authority's group (its consortium, or in the national
 *   backtest its region) and, through it, towards England's. Pooling strength is estimated from the
 *   panel: the between-authority variance of trends against each trend's own sampling variance.
 *
 * Counts are modelled as log(y + ½) so that an authority with no children in a year has a finite
 * log; forecasts are transformed back and floored at 0. φ and β are shared by every authority and
 * chosen on the panel's own in-sample one-step errors up to the origin (see {@link tuneSmoothing}),
 * never on the years being forecast.
 */

/** Candidate method ids, in the order they are shown. */
export const CANDIDATES = [
  'lastValue',
  'drift',
  'dampedTrend',
  'dampedTrendRate',
  'pooledDampedTrend',
  'pooledDampedTrendRate',
] as const;
export type CandidateId = (typeof CANDIDATES)[number];

export const candidateLabels: Record<CandidateId, string> = {
  lastValue: 'Last value (no change)',
  drift: 'Random walk with drift',
  dampedTrend: 'Damped trend on counts',
  dampedTrendRate: 'Damped trend on the rate per 10,000 × population',
  pooledDampedTrend: 'Damped trend on counts, pooled across authorities',
  pooledDampedTrendRate: 'Damped trend on the rate per 10,000 × population, pooled across authorities',
};

/** Offset added before taking logs, so that a year with no children has a finite log. */
export const LOG_OFFSET = 0.5;

/** Smoothing constants used when the panel has no in-sample one-step errors to choose them on. */
export const DEFAULT_SMOOTHING = { phi: 0.8, beta: 0.5 } as const;
const PHI_GRID = [0, 0.3, 0.5, 0.7, 0.8, 0.9, 0.98] as const;
const BETA_GRID = [0.2, 0.4, 0.6, 0.8, 1] as const;

export interface Smoothing {
  /** Damping: year k ahead adds φᵏ of the trend. */
  phi: number;
  /** Weight of the newest annual change in the trend. */
  beta: number;
  /** In-sample one-step scaled error the pair was chosen on (null: defaults, no errors to judge). */
  score: number | null;
}

/** One authority's history up to an origin, on the scales the candidates use. */
export interface SeriesWindow {
  code: string;
  /** Pooling group (consortium, or region in the national backtest); null pools towards England only. */
  group: string | null;
  /** Observed numbers, oldest first, consecutive years ending at the origin. */
  values: number[];
  /** log(y + ½). */
  logCount: number[];
  /** log((y + ½) ÷ population × 10,000), or null when some year lacks a population. */
  logRate: number[] | null;
  /** Population aged 0 to 17 for the origin year (the mid-year before it). */
  populationAtOrigin: number | null;
}

/** Trend (log change per year) of a damped Holt smoother with the level at the last observation. */
export function dampedTrendOf(z: readonly number[], s: Pick<Smoothing, 'phi' | 'beta'>): number {
  if (z.length < 2) return 0;
  let b = (z[1] ?? 0) - (z[0] ?? 0);
  for (let t = 2; t < z.length; t++) b = s.beta * ((z[t] ?? 0) - (z[t - 1] ?? 0)) + (1 - s.beta) * s.phi * b;
  return b;
}

/** Mean annual change of z: the drift of a random walk. */
export function driftOf(z: readonly number[]): number {
  return z.length < 2 ? 0 : ((z[z.length - 1] ?? 0) - (z[0] ?? 0)) / (z.length - 1);
}

/** Σ_{k=1..h} φᵏ: how many years of trend a damped projection adds h years ahead. */
export function dampedSum(h: number, phi: number): number {
  if (phi === 1) return h;
  return (phi * (1 - Math.pow(phi, h))) / (1 - phi);
}

/**
 * Chooses φ and β on the panel's in-sample one-step errors: for every authority and every year t
 * with at least two years before it, the forecast of y_t from the years before t is scored by its
 * absolute error divided by the authority's mean absolute annual change (floored at one child), so
 * large and small authorities count alike. The pair with the lowest mean wins; without any such
 * year the defaults are kept.
 */
export function tuneSmoothing(windows: readonly SeriesWindow[], onRate: boolean): Smoothing {
  let best: Smoothing = { ...DEFAULT_SMOOTHING, score: null };
  for (const phi of PHI_GRID) {
    for (const beta of BETA_GRID) {
      let sum = 0;
      let n = 0;
      for (const w of windows) {
        const z = onRate ? w.logRate : w.logCount;
        if (!z || z.length < 3) continue;
        const scale = naiveScale(w.values);
        let b = (z[1] ?? 0) - (z[0] ?? 0);
        for (let t = 2; t < z.length; t++) {
          const forecastLog = (z[t - 1] ?? 0) + phi * b;
          // The rate's log differs from the count's by a known population term, so the count's error follows.
          const shift = (w.logCount[t] ?? 0) - (z[t] ?? 0);
          const forecast = Math.max(0, Math.exp(forecastLog + shift) - LOG_OFFSET);
          sum += Math.abs(forecast - (w.values[t] ?? 0)) / scale;
          n++;
          b = beta * ((z[t] ?? 0) - (z[t - 1] ?? 0)) + (1 - beta) * phi * b;
        }
      }
      if (n > 0 && (best.score === null || sum / n < best.score - 1e-12)) best = { phi, beta, score: sum / n };
    }
  }
  return best;
}

/**
 * The MASE scale of an authority in a backtest (Hyndman & Koehler 2006: the in-sample mean absolute
 * error of the naive forecast): its mean absolute change between consecutive observed years over
 * every year of the panel, floored at one child. It is a unit of measurement, the same for every
 * candidate on a pair, and enters no forecast. With fewer than two annual changes the scale would
 * rest on one difference (whose reciprocal has no finite mean) and the authority is left out of
 * MASE: null.
 */
export function maseScale(values: ReadonlyMap<number, number>): number | null {
  let sum = 0;
  let changes = 0;
  for (const [year, v] of values) {
    const prev = values.get(year - 1);
    if (prev === undefined) continue;
    sum += Math.abs(v - prev);
    changes++;
  }
  return changes >= MIN_MASE_CHANGES ? Math.max(1, sum / changes) : null;
}

/** Fewest annual changes a MASE scale is taken from. */
export const MIN_MASE_CHANGES = 2;

/** Mean absolute annual change of a history, floored at one child (the in-sample tuning's scale). */
export function naiveScale(values: readonly number[]): number {
  let sum = 0;
  for (let t = 1; t < values.length; t++) sum += Math.abs((values[t] ?? 0) - (values[t - 1] ?? 0));
  return Math.max(1, values.length > 1 ? sum / (values.length - 1) : 1);
}

/** Partial pooling of trends: how each authority's own trend is blended with its group's and England's. */
export interface TrendPooling {
  /** England's mean trend (log change per year). */
  england: number;
  /** Each group's pooled mean trend (its own mean shrunk towards England's). */
  groups: Map<string, number>;
  /** Between-authority variance of true trends within groups (τ²). */
  betweenAuthorities: number;
  /** Between-group variance of true group trends. */
  betweenGroups: number;
  /** Extra year-to-year variance of log changes beyond Poisson (κ²), from the panel. */
  extraVariance: number;
}

/** Sampling variance of an authority's trend estimate: (κ² + 2 ÷ size) × the smoother's weight. */
function trendSamplingVariance(w: SeriesWindow, extraVariance: number, beta: number, drift: boolean): number {
  const n = w.values.length - 1;
  if (n < 1) return Infinity;
  const size = Math.max(1, w.values.reduce((s, v) => s + v, 0) / w.values.length);
  const perChange = extraVariance + 2 / (size + LOG_OFFSET);
  // A mean of n changes has variance σ²/n; an exponentially weighted one about σ² β ÷ (2 − β), at least σ²/n.
  const factor = drift ? 1 / n : Math.max(1 / n, beta / (2 - beta));
  return perChange * factor;
}

/**
 * Estimates the pooling from the panel (method of moments): κ² from the spread of annual log
 * changes beyond Poisson; τ² from the spread of own trends beyond their sampling variance, within
 * groups; the between-group variance from the spread of group means beyond theirs.
 */
export function estimatePooling(
  windows: readonly SeriesWindow[],
  trends: readonly number[],
  beta: number,
): TrendPooling {
  let extra = 0;
  let extraN = 0;
  windows.forEach((w) => {
    const n = w.values.length - 1;
    if (n < 2) return;
    const d = w.logCount.slice(1).map((z, t) => z - (w.logCount[t] ?? 0));
    const mean = d.reduce((s, x) => s + x, 0) / n;
    const v = d.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    const size = Math.max(1, w.values.reduce((s, x) => s + x, 0) / w.values.length);
    extra += v - 2 / (size + LOG_OFFSET);
    extraN++;
  });
  const extraVariance = extraN > 0 ? Math.max(0, extra / extraN) : 0.01;
  const sv = windows.map((w) => trendSamplingVariance(w, extraVariance, beta, false));
  const usable = windows.map((_, i) => Number.isFinite(sv[i] ?? Infinity));
  const idx = windows.map((_, i) => i).filter((i) => usable[i]);
  const none: TrendPooling = { england: 0, groups: new Map(), betweenAuthorities: 0, betweenGroups: 0, extraVariance };
  if (idx.length === 0) return none;
  const england = idx.reduce((s, i) => s + (trends[i] ?? 0), 0) / idx.length;
  // Within-group spread of trends.
  const byGroup = new Map<string, number[]>();
  for (const i of idx) {
    const g = windows[i]?.group;
    if (g == null) continue;
    const list = byGroup.get(g) ?? [];
    list.push(i);
    byGroup.set(g, list);
  }
  let within = 0;
  let withinDf = 0;
  let samplingMean = 0;
  for (const list of byGroup.values()) {
    if (list.length < 2) continue;
    const m = list.reduce((s, i) => s + (trends[i] ?? 0), 0) / list.length;
    for (const i of list) {
      within += ((trends[i] ?? 0) - m) ** 2;
      samplingMean += sv[i] ?? 0;
    }
    withinDf += list.length - 1;
  }
  if (withinDf === 0) {
    // No groups: spread around England's mean.
    for (const i of idx) {
      within += ((trends[i] ?? 0) - england) ** 2;
      samplingMean += sv[i] ?? 0;
    }
    withinDf = idx.length - 1;
  }
  const tau2 = withinDf > 0 ? Math.max(0, within / withinDf - samplingMean / (withinDf + byGroup.size)) : 0;
  let between = 0;
  let betweenSampling = 0;
  const means = new Map<string, { mean: number; n: number }>();
  for (const [g, list] of byGroup) {
    const m = list.reduce((s, i) => s + (trends[i] ?? 0), 0) / list.length;
    means.set(g, { mean: m, n: list.length });
    between += (m - england) ** 2;
    betweenSampling += (tau2 + samplingMean / Math.max(1, withinDf)) / list.length;
  }
  const betweenGroups = means.size > 1 ? Math.max(0, (between - betweenSampling) / (means.size - 1)) : 0;
  const groups = new Map<string, number>();
  for (const [g, { mean, n }] of means) {
    const meanVar = (tau2 + samplingMean / Math.max(1, withinDf)) / n;
    const lambda = betweenGroups + meanVar > 0 ? betweenGroups / (betweenGroups + meanVar) : 0;
    groups.set(g, lambda * mean + (1 - lambda) * england);
  }
  return { england, groups, betweenAuthorities: tau2, betweenGroups, extraVariance };
}

/** The pooled trend for one authority and the weight kept on its own trend. */
export function pooledTrend(
  w: SeriesWindow,
  own: number,
  pooling: TrendPooling,
  beta: number,
): { trend: number; ownWeight: number; target: number } {
  const target = (w.group !== null ? pooling.groups.get(w.group) : undefined) ?? pooling.england;
  const sv = trendSamplingVariance(w, pooling.extraVariance, beta, false);
  if (!Number.isFinite(sv)) return { trend: target, ownWeight: 0, target };
  const tau2 = pooling.betweenAuthorities;
  const ownWeight = tau2 + sv > 0 ? tau2 / (tau2 + sv) : 0;
  return { trend: ownWeight * own + (1 - ownWeight) * target, ownWeight, target };
}

/** Back from a log forecast to a count. */
export const fromLog = (z: number): number => Math.max(0, Math.exp(z) - LOG_OFFSET);
