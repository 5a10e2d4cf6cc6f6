/**
 * Stock-flow (Markov) projection of children in care from SSDA903 episodes.
 *
 * `fitStockFlow(episodes, children, { mode, referenceStart, referenceEnd })` estimates the model
 * over a reference window; `projectStockFlow(model, { horizonMonths, reportMonths, … })` projects
 * the number in care by placement category month by month.
 *
 * Two modes:
 * - 'corrected' (default): occurrence/exposure rates, deterministic ageing with exits at 18,
 *   entries that can follow a population trend, Monte Carlo P10/P50/P90 with parameter
 *   uncertainty, children's homes reported apart from other residential care, up to ten years.
 * - 'sf-regional': reproduces Social Finance's regional demand model, flaws included, for
 *   conformance checks against it (daily recursion; mean and its own variance).
 */
import type { ChildTable, EpisodeTable } from '../../import/ssda903/index.js';
import { addMonths, isoFromDay, parseSsda903Date, NO_DATE } from '../../import/ssda903/index.js';
import type { CorrectedModel } from './corrected/index.js';
import { CATEGORIES, fitCorrected, runCorrected } from './corrected/index.js';
import type { SfRegionalModel } from './reference/index.js';
import { fitSfRegional, runSfRegional } from './reference/index.js';
import type {
  DateInput,
  ProjectionPoint,
  StockFlowFitOptions,
  StockFlowProjectOptions,
  StockFlowProjection,
  StockSummary,
} from './types.js';

export type { CorrectedModel } from './corrected/index.js';
export type { SfRegionalModel } from './reference/index.js';
export { CORRECTED_BANDS, CORRECTED_CATEGORIES, MONTH_DAYS } from './corrected/index.js';
export { SF_REGIONAL_BANDS, SF_REGIONAL_CATEGORIES } from './reference/index.js';
export type * from './types.js';

export type StockFlowModel = SfRegionalModel | CorrectedModel;

/** The longest projection offered (ten years). */
export const MAX_HORIZON_MONTHS = 120;

export function toDayNumber(value: DateInput, what: string): number {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error(`${what}: a day number must be an integer.`);
    return value;
  }
  const day = parseSsda903Date(value);
  if (day === null || day === NO_DATE) throw new Error(`${what}: "${value}" is not a date (yyyy-mm-dd).`);
  return day;
}

/** Fits the stock-flow model to combined SSDA903 episodes and the children's header rows. */
export function fitStockFlow(
  episodes: EpisodeTable,
  children: ChildTable,
  options: StockFlowFitOptions,
): StockFlowModel {
  const referenceStart = toDayNumber(options.referenceStart, 'referenceStart');
  const referenceEnd = toDayNumber(options.referenceEnd, 'referenceEnd');
  if (referenceEnd < referenceStart) throw new Error('The reference window ends before it starts.');
  const projectionStart =
    options.projectionStart === undefined ? referenceEnd : toDayNumber(options.projectionStart, 'projectionStart');
  const dataEnd = options.dataEnd === undefined ? null : toDayNumber(options.dataEnd, 'dataEnd');
  const mode = options.mode ?? 'corrected';
  const selection = options.uasc ?? 'all';
  if (selection !== 'all') {
    const chosen = selectByUasc(episodes, children, selection, mode);
    const model = fitStockFlow(chosen, children, { ...options, uasc: 'all' });
    const uascEpisodes = selection === 'only' ? chosen.length : episodes.length - chosen.length;
    model.notes.push(
      `${selection === 'only' ? 'Only' : 'Excluding'} unaccompanied asylum-seeking children: ${chosen.length.toLocaleString('en-GB')} of ` +
        `${episodes.length.toLocaleString('en-GB')} episodes used (${uascEpisodes.toLocaleString('en-GB')} UASC episodes: the child is in the UASC table and the episode starts before the date UASC status ceased` +
        `${mode === 'corrected' ? ', or none is given' : ''}).`,
    );
    return model;
  }
  if (mode === 'sf-regional') {
    return fitSfRegional(episodes, children, { referenceStart, referenceEnd, projectionStart, dataEnd });
  }
  const poolingDays = options.poolingDays ?? 90;
  if (!(poolingDays >= 0)) throw new Error('poolingDays must be 0 or more.');
  return fitCorrected(episodes, children, {
    referenceStart,
    referenceEnd,
    projectionStart,
    dataEnd,
    entries: options.entries,
    poolingDays,
  });
}

/**
 * The episodes of UASC children (selection 'only') or of the others ('excluded'): an episode is
 * UASC when the child is in the UASC table and it starts before DUC (the regional model's rule); in
 * corrected mode a listed child without a DUC is UASC throughout.
 */
export function selectByUasc(
  episodes: EpisodeTable,
  children: ChildTable,
  selection: 'only' | 'excluded',
  mode: 'sf-regional' | 'corrected',
): EpisodeTable {
  const keep = new Uint8Array(episodes.length);
  let kept = 0;
  for (let e = 0; e < episodes.length; e++) {
    const c = episodes.child[e]!;
    const duc = children.duc[c]!;
    const isUasc = children.uasc[c] === 1 && (duc === NO_DATE ? mode === 'corrected' : episodes.decom[e]! < duc);
    if (isUasc === (selection === 'only')) {
      keep[e] = 1;
      kept++;
    }
  }
  const index = new Int32Array(kept);
  for (let e = 0, k = 0; e < episodes.length; e++) if (keep[e]) index[k++] = e;
  const pick = <T extends Int32Array | Int16Array | Uint16Array | Uint32Array>(a: T): T => {
    const out = new (a.constructor as new (n: number) => T)(kept);
    for (let k = 0; k < kept; k++) out[k] = a[index[k]!]!;
    return out;
  };
  const code = (column: EpisodeTable['place']) => ({ codes: pick(column.codes), values: column.values });
  const firstEpisode = new Int32Array(children.length + 1);
  for (let k = 0; k < kept; k++) firstEpisode[episodes.child[index[k]!]! + 1]!++;
  for (let c = 0; c < children.length; c++) firstEpisode[c + 1]! += firstEpisode[c]!;
  return {
    length: kept,
    child: pick(episodes.child),
    decom: pick(episodes.decom),
    dec: pick(episodes.dec),
    decRecorded: pick(episodes.decRecorded),
    rne: code(episodes.rne),
    ls: code(episodes.ls),
    cin: code(episodes.cin),
    place: code(episodes.place),
    placeProvider: code(episodes.placeProvider),
    rec: code(episodes.rec),
    reasonPlaceChange: code(episodes.reasonPlaceChange),
    homePost: code(episodes.homePost),
    plPost: code(episodes.plPost),
    urn: code(episodes.urn),
    year: pick(episodes.year),
    file: pick(episodes.file),
    row: pick(episodes.row),
    firstEpisode,
  };
}

/** Projects a fitted model; one point per report month (months ahead of the projection start). */
export function projectStockFlow(model: StockFlowModel, options: StockFlowProjectOptions): StockFlowProjection {
  const horizon = options.horizonMonths;
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON_MONTHS) {
    throw new Error(`horizonMonths must be a whole number from 1 to ${MAX_HORIZON_MONTHS}.`);
  }
  const months = options.reportMonths ?? Array.from({ length: horizon }, (_, i) => i + 1);
  for (const m of months) {
    if (!Number.isInteger(m) || m < 0 || m > horizon) {
      throw new Error(`Report month ${m} is outside 0–${horizon}.`);
    }
  }
  const start = model.projectionStart;
  const categories = model.categories;
  const dayOf = (m: number): number => addMonths(start, m) - start;
  const point = (m: number, byCategory: StockSummary[], total: StockSummary): ProjectionPoint => ({
    month: m,
    day: dayOf(m),
    date: isoFromDay(addMonths(start, m)),
    byCategory: Object.fromEntries(categories.map((c, i) => [c.id, byCategory[i]!])),
    total,
  });
  const all = [0, ...months];

  if (model.mode === 'sf-regional') {
    // Months are calendar months from the start day (as the reference's dates are).
    const run = runSfRegional(model, all.map(dayOf));
    const C = categories.length;
    const points = all.map((m, i) => {
      const x = run.mean[i]!;
      const v = run.variance[i]!;
      const byCategory: StockSummary[] = [];
      let total = 0;
      let totalVariance = 0;
      for (let c = 0; c < C; c++) {
        let mean = 0;
        let variance = 0;
        for (let s = c; s < model.stateCount; s += C) {
          mean += x[s]!;
          variance += v[s]!;
        }
        byCategory.push({ mean, sd: Math.sqrt(variance) });
        total += mean;
        totalVariance += variance;
      }
      return point(m, byCategory, { mean: total, sd: Math.sqrt(totalVariance) });
    });
    return {
      mode: model.mode,
      categories,
      startDate: isoFromDay(start),
      start: points[0]!,
      points: points.slice(1),
      simulations: 0,
      seed: null,
      notes: [...model.notes],
    };
  }

  const simulations = options.simulations ?? 1000;
  if (!Number.isInteger(simulations) || simulations < 0) throw new Error('simulations must be a whole number.');
  const seed = options.seed ?? 1;
  const run = runCorrected(model, all, horizon, simulations, seed);
  const K = CATEGORIES + 1;
  const summary = (i: number, k: number): StockSummary => {
    const s: StockSummary = { mean: run.mean[i * K + k]! };
    if (run.p10 && run.p50 && run.p90) {
      s.p10 = run.p10[i * K + k]!;
      s.p50 = run.p50[i * K + k]!;
      s.p90 = run.p90[i * K + k]!;
    }
    return s;
  };
  const points = all.map((m, i) =>
    point(
      m,
      categories.map((_, c) => summary(i, c)),
      summary(i, CATEGORIES),
    ),
  );
  return {
    mode: model.mode,
    categories,
    startDate: isoFromDay(start),
    start: points[0]!,
    points: points.slice(1),
    simulations,
    seed: simulations > 0 ? seed : null,
    notes: [...model.notes],
  };
}
