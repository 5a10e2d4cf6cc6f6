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
 * authority's in-sample mean absolute annual change over every year of the panel, floored at one
 * child — Hyndman & Koehler 2006; a unit of measurement, the same for every candidate, entering no
 * forecast; authorities with fewer than two annual changes are left out of MASE and counted);
 * MASE relative to last value (the candidate's MASE ÷ last value's on the same pairs: below 1
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
 * total's log variance is its members' independent part Σ f_i² s_i² ÷ F² plus a common variance
 * g²_h calibrated directly on summed groups — the nine regions and 200 random groups of 5–15
 * authorities drawn with a fixed seed — as a national swing (the origins' mean errors) plus the
 * groups' conformal excess (see fitCommonVariance). A projection turns g² into the correlation ρ
 * between its members that gives its own total that variance (./selected.ts). Regions' and random
 * groups' coverage are scored leave-one-origin-out too.
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
  maseScale,
  pooledTrend,
  tuneSmoothing,
  type CandidateId,
  type SeriesWindow,
  type Smoothing,
  type TrendPooling,
} from './candidates.js';
import { Rng } from '../random/lcg.js';
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

/**
 * Panels made, by the plan's observations list, series and areas list: the plan's figures, read once,
 * keep their identity across assumption changes (electron/services/projectionService.ts), and making
 * the panel goes through every authority's figures. The lists are not changed once read; the length
 * is checked as well. A panel is not changed once made (panelUpTo makes truncated copies).
 */
const panelsMade = new WeakMap<
  PlanData['observations'],
  Map<PanelSeries, { areas: PlanData['areas']; length: number; panel: NationalPanel }>
>();

/** Every upper-tier authority's series in a plan (members or not), with its region as group. */
export function nationalPanelFromPlan(data: PlanData, series: PanelSeries): NationalPanel {
  const made = panelsMade.get(data.observations) ?? new Map();
  panelsMade.set(data.observations, made);
  const known = made.get(series);
  if (known?.areas === data.areas && known.length === data.observations.length) return known.panel;
  const panel = makeNationalPanel(data, series);
  made.set(series, { areas: data.areas, length: data.observations.length, panel });
  return panel;
}

function makeNationalPanel(data: PlanData, series: PanelSeries): NationalPanel {
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

/**
 * Calibration at one horizon. With too few pairs for its own percentiles, a horizon takes the
 * standardised percentiles of the horizon before it (when that one had enough), so a median shift
 * learnt at short horizons does not vanish at a longer one and make the path jump; else the normal's.
 */
function calibrateAuthorities(
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
 * A summed group at one origin: its forecast and actual totals (on the +½ scale per member), the
 * log centre its members' calibrations give, and the two variance terms of the total's log error —
 * `independent` (Σ f_i² s_i² ÷ F², members' errors independent) and `shared` ((Σ f_i s_i ÷ F)²,
 * members' errors perfectly correlated).
 */
export interface GroupPair {
  kind: 'region' | 'random';
  origin: number;
  members: number;
  total: number;
  actual: number;
  centre: number;
  independent: number;
  shared: number;
}

/** Log error of a group total about its members' centre. */
const groupError = (g: GroupPair): number => Math.log(g.actual / g.total) - g.centre;

/**
 * Random groups of 5–15 authorities drawn from the panel with a fixed seed (so the backtest is
 * deterministic), as extra consortium-sized sums beside the regions: indices into `panel.areas`.
 */
export const RANDOM_GROUPS = 200;
export const RANDOM_GROUP_SIZE = { min: 5, max: 15 } as const;

export function randomGroups(areaCount: number, count = RANDOM_GROUPS): number[][] {
  if (areaCount < RANDOM_GROUP_SIZE.min * 2) return [];
  const rng = new Rng(15);
  const order = Array.from({ length: areaCount }, (_, i) => i);
  return Array.from({ length: count }, () => {
    const size = Math.min(
      areaCount,
      RANDOM_GROUP_SIZE.min + Math.floor(rng.uniform() * (RANDOM_GROUP_SIZE.max - RANDOM_GROUP_SIZE.min + 1)),
    );
    // Partial Fisher–Yates shuffle: the first `size` entries are a uniform draw without replacement.
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(rng.uniform() * (areaCount - i));
      const t = order[i] ?? i;
      order[i] = order[j] ?? j;
      order[j] = t;
    }
    return order.slice(0, size).sort((a, b) => a - b);
  });
}

/** Accumulates members into a group sum. */
class GroupSum {
  members = 0;
  total = 0;
  actual = 0;
  sumFc = 0;
  sumFs = 0;
  sumF2s2 = 0;
  add(p: ErrorPair, cal: HorizonCalibration): void {
    const f = p.forecast + LOG_OFFSET;
    const { centre, sd } = logSpread(cal, p.forecast);
    this.members++;
    this.total += f;
    this.actual += p.actual + LOG_OFFSET;
    this.sumFc += f * centre;
    this.sumFs += f * sd;
    this.sumF2s2 += f * f * sd * sd;
  }
  pair(kind: GroupPair['kind'], origin: number): GroupPair | null {
    const F = this.total;
    if (this.members < 2 || !(F > 0) || !(this.actual > 0)) return null;
    return {
      kind,
      origin,
      members: this.members,
      total: F,
      actual: this.actual,
      centre: this.sumFc / F,
      independent: this.sumF2s2 / (F * F),
      shared: (this.sumFs / F) ** 2,
    };
  }
}

/**
 * The summed groups of one horizon's pairs: every region at every origin, and every random group at
 * every origin (its members that have a pair there; at least two).
 */
function groupPairs(pairs: readonly ErrorPair[], cal: HorizonCalibration, random: readonly number[][]): GroupPair[] {
  const regions = new Map<string, GroupSum>();
  const byOrigin = new Map<number, Map<number, ErrorPair>>();
  for (const p of pairs) {
    const at = byOrigin.get(p.origin) ?? new Map<number, ErrorPair>();
    at.set(p.area, p);
    byOrigin.set(p.origin, at);
    if (p.group === null) continue;
    const key = `${p.group}|${p.origin}`;
    const g = regions.get(key) ?? new GroupSum();
    g.add(p, cal);
    regions.set(key, g);
  }
  const out: GroupPair[] = [];
  for (const [key, g] of regions) {
    const pair = g.pair('region', Number(key.slice(key.lastIndexOf('|') + 1)));
    if (pair) out.push(pair);
  }
  for (const [origin, at] of byOrigin) {
    for (const members of random) {
      const g = new GroupSum();
      for (const i of members) {
        const p = at.get(i);
        if (p) g.add(p, cal);
      }
      const pair = g.pair('random', origin);
      if (pair) out.push(pair);
    }
  }
  return out;
}

/**
 * The common variance g² of a total's log error beyond its members' independent errors, in two
 * parts. A national swing: every group at an origin shares one, so the origins, not the groups, are
 * its independent draws; its variance is the mean square of the origins' mean errors (regions',
 * equally weighted), inflated by (1 + 1 ÷ K) for being estimated from K origins. And the groups'
 * own excess, calibrated conformally on the errors within each origin: a group needs
 * e_j² ÷ z² − independent_j for its error e_j to fall inside ±z √(independent_j + excess) (z the
 * normal's 90th percentile), and the excess is the 80th percentile of those needs (the larger of
 * the regions' and the random groups').
 */
function fitCommonVariance(groups: readonly GroupPair[]): number {
  if (groups.length === 0) return 0;
  const sums = new Map<number, { sum: number; n: number }>();
  for (const g of groups) {
    if (g.kind !== 'region') continue;
    const m = sums.get(g.origin) ?? { sum: 0, n: 0 };
    m.sum += groupError(g);
    m.n++;
    sums.set(g.origin, m);
  }
  if (sums.size === 0) {
    // No regions: the groups at each origin give its mean.
    for (const g of groups) {
      const m = sums.get(g.origin) ?? { sum: 0, n: 0 };
      m.sum += groupError(g);
      m.n++;
      sums.set(g.origin, m);
    }
  }
  const means = new Map([...sums].map(([o, m]) => [o, m.sum / m.n]));
  let swing = 0;
  for (const m of means.values()) swing += m * m;
  const K = means.size;
  swing = K ? (swing / K) * (1 + 1 / K) : 0;
  // Regions share regional swings that random groups do not, and consortia are regional: the
  // excess is the larger of the regions' and the random groups' 80th percentiles.
  const excess = (kind: GroupPair['kind']) => {
    const need = Float64Array.from(
      groups.filter((g) => g.kind === kind),
      (g) => Math.max(0, (groupError(g) - (means.get(g.origin) ?? 0)) ** 2 / (Z90 * Z90) - g.independent),
    ).sort();
    return need.length ? quantileSorted(need, 0.8) : 0;
  };
  return swing + Math.max(excess('region'), excess('random'));
}

/** A total's P10, P50 and P90 (on the +½ scale) from its members' centre and the common variance. */
export function groupInterval(g: Pick<GroupPair, 'total' | 'centre' | 'independent'>, commonVariance: number) {
  const sd = Math.sqrt(g.independent + commonVariance);
  return {
    p10: g.total * Math.exp(g.centre - Z90 * sd),
    p50: g.total * Math.exp(g.centre),
    p90: g.total * Math.exp(g.centre + Z90 * sd),
  };
}

/**
 * The correlation ρ between members' standardised errors that gives a total the calibrated common
 * variance: (1 − ρ) independent + ρ shared = independent + g², so ρ = g² ÷ (shared − independent),
 * within [0, 1] (a single member, or members of one size and spread, cannot take more than ρ = 1).
 */
export function correlationFor(independent: number, shared: number, commonVariance: number): number {
  const room = shared - independent;
  if (!(room > 1e-12)) return commonVariance > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, commonVariance / room));
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
  /** The same for summed groups (regions and random groups together), and how many such pairs. */
  groupCoverage80: number | null;
  groupPairs: number;
  /** Coverage of the regions' totals alone, and how many region × origin pairs. */
  regionCoverage80?: number | null;
  regionPairs?: number;
  /** Coverage of random groups' totals (5–15 authorities drawn with a fixed seed), and how many pairs. */
  randomGroupCoverage80?: number | null;
  randomGroupPairs?: number;
  /**
   * Totals' coverage origin by origin (regions and random groups together), lowest and highest:
   * every total at one origin shares that origin's national swing, so the origins, not the totals,
   * are the independent draws behind the totals' coverage, and this range shows how much it moves.
   */
  groupCoverageByOrigin?: { origin: number; coverage80: number; pairs: number }[];
  /** Pairs left out of MASE: their authority has fewer than two annual changes to scale by. */
  maseLeftOut?: number;
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
  const scales: (number | null)[] = [];
  const areaCodes = panel.areas.map((a) => a.code);
  const areaIndex = new Map(panel.areas.map((a, i) => [a, i]));
  const random = randomGroups(panel.areas.length);
  // The MASE scale of each authority: its mean absolute annual change over the panel's years.
  const maseScales = panel.areas.map((a) => maseScale(a.values));
  let latestFit: OriginFit | null = null;
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
    members.forEach(({ a }, i) => {
      const areaIdx = areaIndex.get(a) ?? 0;
      const scale = maseScales[areaIdx] ?? null;
      const paths = candidates.map((c) => candidatePath(fit, i, c, H, (y) => a.population.get(y)));
      for (const h of horizons) {
        const actual = a.values.get(origin + h);
        if (actual === undefined) continue;
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
      let seN = 0;
      const originSet = new Set<number>();
      list.forEach((p, k) => {
        if (p.h !== h) return;
        const s = scales[k] ?? null;
        const err = p.forecast - p.actual;
        n++;
        ae += Math.abs(err);
        if (s !== null) {
          se += Math.abs(err) / s;
          seLv += Math.abs((lv[k]?.forecast ?? 0) - p.actual) / s;
          seN++;
        }
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
      const gCovered = { region: 0, random: 0 };
      const gScored = { region: 0, random: 0 };
      const byOrigin: { origin: number; coverage80: number; pairs: number }[] = [];
      for (const o of [...originSet].sort((x, y) => x - y)) {
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
        const common = fitCommonVariance(groupPairs(train, cal, random));
        let oCovered = 0;
        let oScored = 0;
        for (const g of groupPairs(test, cal, random)) {
          const iv = groupInterval(g, common);
          const c = covers(g.actual, iv.p10, iv.p90);
          gCovered[g.kind] += c;
          gScored[g.kind]++;
          oCovered += c;
          oScored++;
        }
        if (oScored) byOrigin.push({ origin: o, coverage80: oCovered / oScored, pairs: oScored });
      }
      const full = calibrateAuthorities(atH, h, calibration.at(-1));
      const groups = groupPairs(atH, full, random);
      full.commonVariance = fitCommonVariance(groups);
      const regionRho = groups
        .filter((g) => g.kind === 'region')
        .map((g) => correlationFor(g.independent, g.shared, full.commonVariance))
        .sort((x, y) => x - y);
      full.correlation = regionRho.length ? quantileSorted(regionRho, 0.5) : 0;
      full.groupPairs = groups.length;
      calibration.push(full);
      const mase = seN ? se / seN : null;
      const allScored = gScored.region + gScored.random;
      const share = (x: number, m: number) => (m ? x / m : null);
      return {
        h,
        n,
        origins: originSet.size,
        mae: n ? ae / n : null,
        mape: apeN ? (100 * ape) / apeN : null,
        bias: apeN ? (100 * pe) / apeN : null,
        mase,
        maseVsLastValue: seN && seLv > 0 ? se / seLv : null,
        coverage80: scored ? covered / scored : null,
        groupCoverage80: share(gCovered.region + gCovered.random, allScored),
        groupPairs: allScored,
        regionCoverage80: share(gCovered.region, gScored.region),
        regionPairs: gScored.region,
        randomGroupCoverage80: share(gCovered.random, gScored.random),
        randomGroupPairs: gScored.random,
        groupCoverageByOrigin: byOrigin,
        maseLeftOut: n - seN,
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
  return { ...below, h, a: below.a * k, b: below.b * k, commonVariance: below.commonVariance * k };
}
