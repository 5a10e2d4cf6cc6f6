/**
 * Rolling-origin backtest: how well the same method would have forecast the past.
 *
 * For each origin year with enough history before it (three years by default; two where the data
 * allow nothing else), the method is fitted on data up to the origin only and forecasts 1..h years
 * ahead; each forecast is compared with what happened. Reported by horizon: the number of
 * forecast/actual pairs n, mean absolute error (children), mean absolute percentage error and the
 * share of actuals inside the P10–P90 interval (nominal 80%; an actual on an end counts half). Two naive baselines get the same
 * treatment, with their own 80% intervals:
 * - **last value**: the last observed number, with a random-walk interval ±t × σ_Δ × √h from the
 *   year-on-year changes in the window;
 * - **linear trend**: ordinary least squares on the numbers, with the usual prediction interval.
 *
 * Population for forecast years comes from the published estimates, so the errors are those of the
 * demand model, not of a population projection. With a short history the n behind each figure is
 * small — GM has five years of children's homes figures, so at most a handful of origins — and the
 * result says so.
 */
import { summariseProjection, sumHistory } from './beds/index.js';
import type { DemandProjection } from './demand.js';
import { projectManual } from './manual.js';
import { projectSelected } from './selected.js';
import { resolveSettings } from './settings.js';
import { olsLine, t90 } from './stats.js';
import type {
  BacktestPair,
  BacktestResult,
  HorizonAccuracy,
  Percentiles,
  ProjectionInputs,
  ProjectOptions,
  YearValue,
} from './types.js';

export interface BacktestOptions extends ProjectOptions {
  /** Years of history needed before an origin (at least 2). Default 3, or 2 when no origin has 3. */
  minHistoryYears?: number;
}

/** Last-value forecast with a random-walk interval from the window's year-on-year changes. */
export function lastValueForecast(history: readonly number[], h: number): Percentiles & { interval: boolean } {
  const last = history[history.length - 1] ?? NaN;
  const k = history.length - 1;
  if (k < 1) return { p10: last, p50: last, p90: last, interval: false };
  let ss = 0;
  for (let i = 1; i < history.length; i++) ss += ((history[i] ?? 0) - (history[i - 1] ?? 0)) ** 2;
  const half = t90(k) * Math.sqrt((ss / k) * h);
  return { p10: last - half, p50: last, p90: last + half, interval: true };
}

/** Straight-line (OLS) forecast h years past the last point, with its 80% prediction interval. */
export function linearTrendForecast(
  years: readonly number[],
  history: readonly number[],
  target: number,
): Percentiles & { interval: boolean } {
  const n = history.length;
  if (n < 2) return { ...lastValueForecast(history, target - (years[n - 1] ?? target)), interval: false };
  const fit = olsLine(years, history);
  const point = fit.mean + fit.slope * (target - fit.xbar);
  if (n < 3) return { p10: point, p50: point, p90: point, interval: false };
  const se = Math.sqrt((fit.rss / (n - 2)) * (1 + 1 / n + (target - fit.xbar) ** 2 / fit.sxx));
  const half = t90(n - 2) * se;
  return { p10: point - half, p50: point, p90: point + half, interval: true };
}

/**
 * 1 when the actual is inside P10–P90, 0 outside, and ½ on an end: counts are whole numbers and so
 * are most percentiles of whole-number simulations, so counting ties as inside would overstate
 * coverage (by several points for an LA with a few dozen children).
 */
export function coverageScore(actual: number, interval: Percentiles): number {
  if (actual > interval.p10 && actual < interval.p90) return 1;
  if (actual === interval.p10 || actual === interval.p90) return 0.5;
  return 0;
}

interface Accumulator {
  n: number;
  absErr: number;
  ape: number;
  apeN: number;
  covered: number;
  intervals: number;
}

const emptyAcc = (): Accumulator => ({ n: 0, absErr: 0, ape: 0, apeN: 0, covered: 0, intervals: 0 });

function add(acc: Accumulator, actual: number, f: Percentiles, interval: boolean): void {
  acc.n++;
  acc.absErr += Math.abs(f.p50 - actual);
  if (actual !== 0) {
    acc.ape += Math.abs(f.p50 - actual) / Math.abs(actual);
    acc.apeN++;
  }
  if (interval) {
    acc.intervals++;
    acc.covered += coverageScore(actual, f);
  }
}

const summarise = (accs: Accumulator[]): HorizonAccuracy[] =>
  accs.map((a, i) => ({
    h: i + 1,
    n: a.n,
    mae: a.n ? a.absErr / a.n : null,
    mape: a.apeN ? (100 * a.ape) / a.apeN : null,
    coverage80: a.intervals ? a.covered / a.intervals : null,
  }));

export function backtest(inputs: ProjectionInputs, options: BacktestOptions): BacktestResult {
  if (options.method !== 'rate' && options.method !== 'manual') {
    throw new Error(`Unknown projection method "${String(options.method)}": use "rate" or "manual".`);
  }
  const settings = resolveSettings({ ...options, keepSamples: false }, inputs.planSettings);
  const H = settings.horizonYears;
  const requested = options.minHistoryYears;
  if (requested !== undefined && (!Number.isInteger(requested) || requested < 2)) {
    throw new Error(`The backtest needs at least 2 years of history before each origin; got ${String(requested)}.`);
  }
  const notes: string[] = [];
  const damping = options.trendDamping ?? inputs.planSettings.trendDamping;
  const allYears = [...new Set(inputs.areas.flatMap((a) => a.demand.map((d) => d.year)))].sort();
  const lastYear = Number(allYears[allYears.length - 1]);
  const originsFor = (min: number) =>
    allYears.filter((y, i) => i + 1 >= min && Number(y) < lastYear).map((y) => Number(y));
  let minHistory = requested ?? 3;
  let origins = originsFor(minHistory);
  if (origins.length === 0 && requested === undefined) {
    minHistory = 2;
    origins = originsFor(2);
    if (origins.length) notes.push('No year has three years of history before it, so origins with two are used.');
  }

  const method = Array.from({ length: H }, emptyAcc);
  const last = Array.from({ length: H }, emptyAcc);
  const linear = Array.from({ length: H }, emptyAcc);
  const cMethod = Array.from({ length: H }, emptyAcc);
  const cLast = Array.from({ length: H }, emptyAcc);
  const cLinear = Array.from({ length: H }, emptyAcc);
  const pairs: BacktestPair[] = [];
  const actualTotals = new Map(sumHistory(inputs.areas.map((a) => a.demand)).map((d) => [d.year, d.value]));

  for (const origin of origins) {
    const horizon = Math.min(H, lastYear - origin);
    const years = Array.from({ length: horizon }, (_, i) => String(origin + i + 1));
    const demand: DemandProjection =
      options.method === 'rate'
        ? projectSelected(inputs, settings, {
            upToYear: origin,
            years,
            ...(options.candidate ? { candidate: options.candidate } : {}),
            ...(damping !== undefined ? { trendDamping: damping } : {}),
          })
        : projectManual(inputs, settings, { upToYear: origin, years });
    const result = summariseProjection(inputs, demand, settings);

    const compare = (
      area: string,
      history: YearValue[],
      actualOf: (year: string) => number | undefined,
      forecast: (h: number) => Percentiles,
      accs: [Accumulator[], Accumulator[], Accumulator[]],
    ) => {
      const ys = history.map((d) => Number(d.year));
      const vs = history.map((d) => d.value);
      years.forEach((year, h) => {
        const actual = actualOf(year);
        if (actual === undefined) return;
        const step = Number(year) - (ys[ys.length - 1] ?? origin);
        const m = forecast(h);
        const lv = lastValueForecast(vs, step);
        const lt = linearTrendForecast(ys, vs, Number(year));
        const methodInterval = settings.simulations > 0 || m.p10 !== m.p90;
        const [am, al, at] = accs;
        const slot = (list: Accumulator[]) => list[h] ?? emptyAcc();
        add(slot(am), actual, m, methodInterval);
        add(slot(al), actual, lv, lv.interval);
        add(slot(at), actual, lt, lt.interval);
        pairs.push({
          area,
          origin: String(origin),
          year,
          h: h + 1,
          actual,
          method: { p10: m.p10, p50: m.p50, p90: m.p90 },
          lastValue: { p10: lv.p10, p50: lv.p50, p90: lv.p90 },
          linearTrend: { p10: lt.p10, p50: lt.p50, p90: lt.p90 },
        });
      });
    };

    for (const a of result.areas) {
      const source = inputs.areas.find((x) => x.code === a.code);
      if (!source) continue;
      const history = source.demand.filter((d) => Number(d.year) <= origin);
      if (history.length < minHistory) continue;
      const actual = new Map(source.demand.map((d) => [d.year, d.value]));
      compare(
        a.code,
        history,
        (y) => actual.get(y),
        (h) => a.years[h]?.demand ?? nanP,
        [method, last, linear],
      );
    }
    const cHistory = [...actualTotals]
      .filter(([y]) => Number(y) <= origin)
      .map(([year, value]) => ({ year, value }))
      .sort((a, b) => (a.year < b.year ? -1 : 1));
    if (cHistory.length >= minHistory && result.areas.length === inputs.areas.length) {
      compare(
        'consortium',
        cHistory,
        (y) => actualTotals.get(y),
        (h) => result.consortium.years[h]?.demand ?? nanP,
        [cMethod, cLast, cLinear],
      );
    }
  }

  const horizons = summarise(method);
  const used = horizons.filter((h) => h.n > 0).length;
  const trim = <T>(list: T[]): T[] => list.slice(0, Math.max(used, 1));
  if (origins.length === 0) {
    notes.push(`Too little history for a backtest: it needs at least ${minHistory + 1} years of figures.`);
  } else {
    notes.push(
      `${origins.length} origin${origins.length === 1 ? '' : 's'} (${origins.join(', ')}), so each horizon rests on few pairs (see n): read the figures as indicative, not as a measured accuracy.`,
    );
  }
  notes.push('Forecast years use published population estimates, so errors are those of the demand model alone.');
  return {
    method: options.method,
    horizons: trim(horizons),
    baselines: { lastValue: trim(summarise(last)), linearTrend: trim(summarise(linear)) },
    consortium: {
      method: trim(summarise(cMethod)),
      lastValue: trim(summarise(cLast)),
      linearTrend: trim(summarise(cLinear)),
    },
    origins: origins.map(String),
    minHistoryYears: minHistory,
    pairs,
    notes,
  };
}

const nanP: Percentiles = { p10: NaN, p50: NaN, p90: NaN };
