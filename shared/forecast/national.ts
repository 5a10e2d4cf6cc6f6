/**
 * The national backtest: every candidate method (./candidates.ts) forecast from every origin the
 * panel allows, for every English authority, scored against what happened; the default method
 * chosen on that evidence; and interval widths calibrated on the same out-of-sample errors.
 *
 * **Panel and origins.** A panel is one series (children in secure and children's homes, or children
 * looked after) for many authorities, with each authority's population aged 0 to 17 and a pooling
 * group (its region). Every year before the last is an origin: each candidate is fitted on the years
 * up to the origin only (φ, β and the pooling too) and forecasts 1..H years ahead. With annual data
 * 2021–2025 that is four origins for one year ahead and two for three years ahead; candidates that
 * need a trend fall back to the last value where the origin has only one year before it.
 *
 * **Scores**, by horizon: pairs n; MAE (children); MAPE (%, actuals of 0 left out); bias (mean of
 * (forecast − actual) ÷ actual, %: negative means under-forecast); MASE (absolute error ÷ the
 * authority's mean absolute annual change up to the origin, floored at one child — Hyndman & Koehler
 * 2006); MASE relative to last value (the candidate's MASE ÷ last value's on the same pairs: below 1
 * beats no change); 80% interval coverage (leave-one-origin-out, below).
 *
 * **Selection.** The default is the candidate with the lowest MASE relative to last value averaged
 * over the horizons, among those no worse than last value at any horizon; if none qualifies, the
 * default is last value and the result says so. MASE rather than MAE, so that the large authorities
 * do not decide alone.
 *
 * **Calibrated intervals.** Errors are measured as r = log((actual + ½) ÷ (forecast + ½)). Their
 * variance at horizon h is modelled as a_h + b_h ÷ (forecast + ½) (a common relative part plus a
 * Poisson-like part that shrinks with size), fitted by least squares on r²; the standardised errors
 * r ÷ σ give empirical (conformal) 10th, 50th and 90th percentiles. An interval is then forecast ×
 * exp(q10 σ) … forecast × exp(q90 σ) (on the +½ scale). Coverage is scored leave-one-origin-out: the
 * pairs from each origin are judged against a calibration fitted on the other origins only.
 *
 * **Consortium totals.** Members' errors are correlated (a national change moves them together), so
 * a total's interval is not the sum of independent ones. With per-authority log spreads s_i, the
 * total's log variance is modelled as (1 − ρ) Σ f_i² s_i² ÷ F² + ρ (Σ f_i s_i ÷ F)², and ρ_h is
 * estimated by matching the squared errors of summed groups (the nine regions) in the backtest;
 * regions' coverage is scored leave-one-origin-out too.
 */
import type { PlanData } from '../model/summarise.js';
import {
  CANDIDATES,
  candidateLabels,
  dampedSum,
  dampedTrendOf,
  driftOf,
  estimatePooling,
  fromLog,
  LOG_OFFSET,
  naiveScale,
  pooledTrend,
  tuneSmoothing,
  type CandidateId,
  type SeriesWindow,
  type Smoothing,
  type TrendPooling,
} from './candidates.js';
import { quantileSorted, Z90 } from './stats.js';

export type PanelSeries = 'childrenInChildrensHomes' | 'childrenLookedAfter';

export interface PanelArea {
  code: string;
  name: string;
  /** Pooling group: the region in a national panel, the consortium for members in a projection. */
  group: string | null;
  /** Observed numbers by year ending 31 March. */
  values: Map<number, number>;
  /** Population aged 0 to 17 by the demand year it goes with (the mid-year before). */
  population: Map<number, number>;
}

export interface NationalPanel {
  series: PanelSeries;
  areas: PanelArea[];
  /** Every year with an observation, ascending. */
  years: number[];
}

/** Every upper-tier authority's series in a plan (members or not), with its region as group. */
export function nationalPanelFromPlan(data: PlanData, series: PanelSeries): NationalPanel {
  const las = data.areas.filter((a) => a.level === 'Local authority');
  const byCode = new Map<string, PanelArea>(
    las.map((a) => [
      a.code,
      { code: a.code, name: a.name, group: a.regionCode ?? null, values: new Map(), population: new Map() },
    ]),
  );
  const years = new Set<number>();
  for (const o of data.observations) {
    const area = byCode.get(o.area);
    if (!area || o.value === null || !/^\d{4}$/.test(o.period) || !Number.isFinite(o.value)) continue;
    if (o.measure === series) {
      area.values.set(Number(o.period), o.value);
      years.add(Number(o.period));
    } else if (o.measure === 'population0to17' && o.value > 0 && !/projection|snpp/i.test(o.source)) {
      area.population.set(Number(o.period) + 1, o.value);
    }
  }
  return {
    series,
    areas: [...byCode.values()].filter((a) => a.values.size > 0),
    years: [...years].sort((a, b) => a - b),
  };
}

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

// ---------------------------------------------------------------------------------------------
// Calibration

/** Interval calibration at one horizon: σ² = a + b ÷ (forecast + ½); standardised-error quantiles. */
export interface HorizonCalibration {
  h: number;
  a: number;
  b: number;
  q10: number;
  q50: number;
  q90: number;
  /** Correlation between members' errors that sums of authorities (regions) imply. */
  correlation: number;
  /** Pairs the calibration rests on (authorities; summed groups). */
  pairs: number;
  groupPairs: number;
}

interface ErrorPair {
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

function calibrateAuthorities(pairs: readonly ErrorPair[], h: number): HorizonCalibration {
  const { a, b } = fitVariance(pairs);
  const z = Float64Array.from(pairs, (p) => logError(p) / sigmaOf({ a, b }, p.forecast)).sort();
  const q = (p: number, fallback: number) => (z.length >= MIN_QUANTILE_PAIRS ? quantileSorted(z, p) : fallback);
  return {
    h,
    a,
    b,
    q10: q(0.1, -Z90),
    q50: q(0.5, 0),
    q90: q(0.9, Z90),
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

/** A summed group's point forecast, log centre and the two variance terms of the correlation model. */
interface GroupPair {
  group: string;
  origin: number;
  total: number;
  actual: number;
  centre: number;
  independent: number;
  shared: number;
}

function groupPairs(pairs: readonly ErrorPair[], cal: HorizonCalibration): GroupPair[] {
  const groups = new Map<string, GroupPair & { sumFs: number; sumFc: number; sumF2s2: number }>();
  for (const p of pairs) {
    if (p.group === null) continue;
    const key = `${p.group}|${p.origin}`;
    const g = groups.get(key) ?? {
      group: p.group,
      origin: p.origin,
      total: 0,
      actual: 0,
      centre: 0,
      independent: 0,
      shared: 0,
      sumFs: 0,
      sumFc: 0,
      sumF2s2: 0,
    };
    const f = p.forecast + LOG_OFFSET;
    const { centre, sd } = logSpread(cal, p.forecast);
    g.total += p.forecast;
    g.actual += p.actual;
    g.sumFs += f * sd;
    g.sumFc += f * centre;
    g.sumF2s2 += f * f * sd * sd;
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.total > 0)
    .map((g) => ({
      group: g.group,
      origin: g.origin,
      total: g.total,
      actual: g.actual,
      centre: g.sumFc / g.total,
      independent: g.sumF2s2 / (g.total * g.total),
      shared: (g.sumFs / g.total) ** 2,
    }));
}

/** ρ matching the groups' squared log errors: Σ (r² − A) ÷ Σ (B − A), within [0, 1]. */
function fitCorrelation(groups: readonly GroupPair[]): number {
  let num = 0;
  let den = 0;
  for (const g of groups) {
    const r = Math.log(g.actual / g.total) - g.centre;
    num += r * r - g.independent;
    den += g.shared - g.independent;
  }
  return den > 0 ? Math.min(1, Math.max(0, num / den)) : 0;
}

export function groupInterval(g: Pick<GroupPair, 'total' | 'centre' | 'independent' | 'shared'>, rho: number) {
  const sd = Math.sqrt((1 - rho) * g.independent + rho * g.shared);
  return {
    p10: g.total * Math.exp(g.centre - Z90 * sd),
    p50: g.total * Math.exp(g.centre),
    p90: g.total * Math.exp(g.centre + Z90 * sd),
  };
}

const covers = (actual: number, lo: number, hi: number): number =>
  actual > lo && actual < hi ? 1 : actual === lo || actual === hi ? 0.5 : 0;

// ---------------------------------------------------------------------------------------------
// Backtest

export interface CandidateHorizonScore {
  h: number;
  /** Forecast/actual pairs (authority × origin). */
  n: number;
  /** Origins behind the pairs. */
  origins: number;
  mae: number | null;
  mape: number | null;
  /** Mean of (forecast − actual) ÷ actual, in per cent: negative means under-forecast. */
  bias: number | null;
  mase: number | null;
  /** MASE ÷ last value's MASE on the same pairs: below 1 beats no change. */
  maseVsLastValue: number | null;
  /** Share of actuals inside the calibrated 80% interval, leave-one-origin-out. */
  coverage80: number | null;
  /** The same for summed groups (regions), and how many such pairs. */
  groupCoverage80: number | null;
  groupPairs: number;
}

export interface CandidateScores {
  method: CandidateId;
  label: string;
  horizons: CandidateHorizonScore[];
  /** Mean over horizons of MASE relative to last value (null without pairs). */
  meanMaseVsLastValue: number | null;
  /** Calibration fitted on every origin: what a projection from the last year uses. */
  calibration: HorizonCalibration[];
}

export interface NationalBacktestOptions {
  /** Horizons scored (default [1, 2, 3]). */
  horizons?: number[];
  /** Only origins from this year on / up to this year (default: every year before the last). */
  fromYear?: number;
  toYear?: number;
  /** Candidates to score (default: all); last value is always included. */
  candidates?: CandidateId[];
  /** Keep each pair (chosen method and last value) in the result. */
  keepPairs?: boolean;
}

export interface NationalPair {
  area: string;
  origin: number;
  h: number;
  actual: number;
  chosen: { p10: number; p50: number; p90: number };
  lastValue: number;
}

export interface NationalBacktestResult {
  series: PanelSeries;
  /** Authorities with at least one pair. */
  areas: number;
  groups: number;
  origins: number[];
  horizons: number[];
  scoreBasis: string;
  candidates: CandidateScores[];
  chosen: CandidateId;
  /** Why the chosen method is the default, in a sentence. */
  reason: string;
  /** True when no candidate beat last value. */
  lastValueDefault: boolean;
  /** The chosen method's calibration by horizon (fitted on every origin). */
  calibration: HorizonCalibration[];
  /** Smoothing constants fitted at the latest origin, for the record. */
  smoothing: { count: Smoothing; rate: Smoothing };
  pairs?: NationalPair[];
  notes: string[];
}

export const SCORE_BASIS =
  'MASE relative to last value (each error divided by the authority’s mean absolute annual change up to the origin, then divided by last value’s on the same pairs), averaged over horizons; a candidate must be no worse than last value at any horizon to be chosen.';

const cache = new WeakMap<NationalPanel, Map<string, NationalBacktestResult>>();

/** Rolling-origin backtest of every candidate on a panel, with the selection and calibration. Cached per panel. */
export function nationalBacktest(panel: NationalPanel, options: NationalBacktestOptions = {}): NationalBacktestResult {
  const key = JSON.stringify(options);
  const hit = cache.get(panel)?.get(key);
  if (hit) return hit;
  const result = runBacktest(panel, options);
  const map = cache.get(panel) ?? new Map<string, NationalBacktestResult>();
  map.set(key, result);
  cache.set(panel, map);
  return result;
}

function runBacktest(panel: NationalPanel, options: NationalBacktestOptions): NationalBacktestResult {
  const horizons = [...new Set(options.horizons ?? [1, 2, 3])].sort((a, b) => a - b);
  if (horizons.some((h) => !Number.isInteger(h) || h < 1 || h > 10)) {
    throw new Error(`Backtest horizons must be whole numbers of years from 1 to 10; got ${horizons.join(', ')}.`);
  }
  const H = horizons[horizons.length - 1] ?? 1;
  const candidates: CandidateId[] = [
    'lastValue',
    ...(options.candidates ?? CANDIDATES).filter((c) => c !== 'lastValue'),
  ];
  const lastYear = panel.years[panel.years.length - 1] ?? 0;
  const origins = panel.years.filter(
    (y) => y < lastYear && y >= (options.fromYear ?? -Infinity) && y <= (options.toYear ?? Infinity),
  );
  const errors = new Map<CandidateId, ErrorPair[]>(candidates.map((c) => [c, []]));
  const scales: number[] = [];
  const areaCodes: string[] = [];
  const keyOf = new Map<string, number>();
  let latestFit: OriginFit | null = null;
  const pairIndex: { area: number; origin: number; h: number; scale: number }[] = [];
  for (const origin of origins) {
    const members = panel.areas.flatMap((a) => {
      const w = windowAt(a, origin);
      return w ? [{ a, w }] : [];
    });
    const fit = fitOrigin(
      members.map((m) => m.w),
      origin,
    );
    latestFit = fit;
    members.forEach(({ a, w }, i) => {
      const scale = naiveScale(w.values);
      let areaIdx = keyOf.get(a.code);
      if (areaIdx === undefined) {
        areaIdx = areaCodes.length;
        areaCodes.push(a.code);
        keyOf.set(a.code, areaIdx);
      }
      const paths = candidates.map((c) => candidatePath(fit, i, c, H, (y) => a.population.get(y)));
      for (const h of horizons) {
        const actual = a.values.get(origin + h);
        if (actual === undefined) continue;
        pairIndex.push({ area: areaIdx, origin, h, scale });
        scales.push(scale);
        candidates.forEach((c, k) => {
          errors.get(c)?.push({
            area: areaIdx,
            origin,
            h,
            forecast: paths[k]?.points[h - 1] ?? 0,
            actual,
            group: a.group,
          });
        });
      }
    });
  }

  const byH = (list: readonly ErrorPair[], h: number) => list.filter((p) => p.h === h);
  const scoreOf = (c: CandidateId): CandidateScores => {
    const list = errors.get(c) ?? [];
    const lv = errors.get('lastValue') ?? [];
    const calibration: HorizonCalibration[] = [];
    const hs: CandidateHorizonScore[] = horizons.map((h) => {
      let n = 0;
      let ae = 0;
      let ape = 0;
      let apeN = 0;
      let pe = 0;
      let se = 0;
      let seLv = 0;
      const originSet = new Set<number>();
      list.forEach((p, k) => {
        if (p.h !== h) return;
        const s = scales[k] ?? 1;
        const err = p.forecast - p.actual;
        n++;
        ae += Math.abs(err);
        se += Math.abs(err) / s;
        seLv += Math.abs((lv[k]?.forecast ?? 0) - p.actual) / s;
        originSet.add(p.origin);
        if (p.actual !== 0) {
          ape += Math.abs(err) / p.actual;
          pe += err / p.actual;
          apeN++;
        }
      });
      const atH = byH(list, h);
      // Leave-one-origin-out coverage for authorities and summed groups.
      let covered = 0;
      let scored = 0;
      let gCovered = 0;
      let gScored = 0;
      for (const o of originSet) {
        const train = atH.filter((p) => p.origin !== o);
        const test = atH.filter((p) => p.origin === o);
        if (train.length === 0) continue;
        const cal = calibrateAuthorities(train, h);
        for (const p of test) {
          const { centre, sd } = logSpread(cal, p.forecast);
          const f = p.forecast + LOG_OFFSET;
          covered += covers(
            p.actual,
            f * Math.exp(centre - Z90 * sd) - LOG_OFFSET,
            f * Math.exp(centre + Z90 * sd) - LOG_OFFSET,
          );
          scored++;
        }
        const rho = fitCorrelation(groupPairs(train, cal));
        for (const g of groupPairs(test, cal)) {
          const iv = groupInterval(g, rho);
          gCovered += covers(g.actual, iv.p10, iv.p90);
          gScored++;
        }
      }
      const full = calibrateAuthorities(atH, h);
      const groups = groupPairs(atH, full);
      full.correlation = fitCorrelation(groups);
      full.groupPairs = groups.length;
      calibration.push(full);
      const mase = n ? se / n : null;
      return {
        h,
        n,
        origins: originSet.size,
        mae: n ? ae / n : null,
        mape: apeN ? (100 * ape) / apeN : null,
        bias: apeN ? (100 * pe) / apeN : null,
        mase,
        maseVsLastValue: n && seLv > 0 ? se / seLv : null,
        coverage80: scored ? covered / scored : null,
        groupCoverage80: gScored ? gCovered / gScored : null,
        groupPairs: gScored,
      };
    });
    const rel = hs.map((x) => x.maseVsLastValue).filter((x): x is number => x !== null);
    return {
      method: c,
      label: candidateLabels[c],
      horizons: hs,
      meanMaseVsLastValue: rel.length ? rel.reduce((s, x) => s + x, 0) / rel.length : null,
      calibration,
    };
  };
  const scores = candidates.map(scoreOf);
  const eligible = scores.filter(
    (s) =>
      s.method !== 'lastValue' &&
      s.meanMaseVsLastValue !== null &&
      s.meanMaseVsLastValue < 1 &&
      s.horizons.every((h) => h.maseVsLastValue === null || h.maseVsLastValue <= 1),
  );
  eligible.sort((a, b) => (a.meanMaseVsLastValue ?? 1) - (b.meanMaseVsLastValue ?? 1));
  const winner = eligible[0];
  const chosen: CandidateId = winner?.method ?? 'lastValue';
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
  const nAreas = new Set((errors.get('lastValue') ?? []).map((p) => p.area)).size;
  const reason = winner
    ? `${candidateLabels[chosen]} had the lowest error on ${nAreas} authorities’ backtests: MASE relative to last value ${winner.horizons.map((h) => `${fmt(h.maseVsLastValue)} at ${h.h} year${h.h === 1 ? '' : 's'}`).join(', ')} (mean ${fmt(winner.meanMaseVsLastValue)}), and it was no worse than last value at any horizon.`
    : origins.length === 0
      ? 'Too little history for a backtest, so the last value is carried forward.'
      : `No candidate beat carrying the last value forward at every horizon on ${nAreas} authorities’ backtests, so the last value is the default.`;
  const notes: string[] = [];
  if (origins.length)
    notes.push(
      `${origins.length} origin${origins.length === 1 ? '' : 's'} (${origins.join(', ')}); where an origin has one year of history, trend methods fall back to the last value.`,
    );
  const groups = new Set(panel.areas.map((a) => a.group).filter((g) => g !== null)).size;
  if (groups < 3) notes.push('Fewer than three groups: the correlation for consortium totals rests on very few sums.');
  const chosenScores = scores.find((s) => s.method === chosen);
  const result: NationalBacktestResult = {
    series: panel.series,
    areas: nAreas,
    groups,
    origins,
    horizons,
    scoreBasis: SCORE_BASIS,
    candidates: scores,
    chosen,
    reason,
    lastValueDefault: chosen === 'lastValue',
    calibration: chosenScores?.calibration ?? [],
    smoothing: latestFit?.smoothing ?? {
      count: { phi: 0.8, beta: 0.5, score: null },
      rate: { phi: 0.8, beta: 0.5, score: null },
    },
    notes,
  };
  if (options.keepPairs) {
    const ch = errors.get(chosen) ?? [];
    const lv = errors.get('lastValue') ?? [];
    const cals = new Map(result.calibration.map((c) => [c.h, c]));
    result.pairs = ch.map((p, k) => {
      const cal = cals.get(p.h);
      const { centre, sd } = cal ? logSpread(cal, p.forecast) : { centre: 0, sd: 0 };
      const f = p.forecast + LOG_OFFSET;
      return {
        area: areaCodes[p.area] ?? '',
        origin: p.origin,
        h: p.h,
        actual: p.actual,
        chosen: {
          p10: Math.max(0, f * Math.exp(centre - Z90 * sd) - LOG_OFFSET),
          p50: p.forecast,
          p90: f * Math.exp(centre + Z90 * sd) - LOG_OFFSET,
        },
        lastValue: lv[k]?.forecast ?? 0,
      };
    });
  }
  void pairIndex;
  return result;
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
  return { ...below, h, a: below.a * k, b: below.b * k };
}
