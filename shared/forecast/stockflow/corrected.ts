/**
 * Corrected mode (the default): the same stock-flow idea as the reference, with its known flaws
 * fixed (DOMAIN.md, "Modelling guidance"):
 *
 * - Rates are occurrence ÷ exposure: transitions in the reference window divided by the
 *   child-days at risk (the day before each possible event), so days with no children in a state
 *   add nothing instead of pulling a daily mean of ratios towards zero, and a day with one child
 *   does not weigh as much as a day with fifty. Sparse states are pooled towards the category's
 *   all-ages rate (`poolingDays` of pseudo-exposure).
 * - Ageing is deterministic: the state is age in completed months (0–215) × category; everyone
 *   grows a month older each month and leaves care at 18. Rates vary by age band
 *   ([0,1), [1,5), [5,10), [10,16), [16,18)); ageing is not an estimated rate.
 * - Exits on or after the 18th birthday are not counted as exits by choice (they are the ageing
 *   out), so they are not double counted.
 * - Entries can follow a population projection or a damped fitted trend instead of being held.
 * - Intervals come from a seeded Monte Carlo with parameter uncertainty (gamma posteriors for
 *   every rate, normal for a trend's slope) and process noise (binomial/multinomial moves,
 *   Poisson entries): P10/P50/P90 by month, up to ten years ahead.
 * - Categories split residential care: children's homes (K2) apart from other residential
 *   (K1 secure, R1, P3, S1), which is what sufficiency planning needs.
 *
 * Each month is 30.4375 days; within a month, moves follow the continuous-time chain
 * (P = exp(Q·Δ)) so several moves in one month are allowed; entrants arrive mid-month.
 */
import type { ChildTable, EpisodeTable } from '../../import/ssda903/index.js';
import {
  NO_DATE,
  addMonths,
  addYears,
  civilFromDay,
  dayFromCivil,
  wholeMonthsBetween,
} from '../../import/ssda903/index.js';
import { quantileSorted } from '../stats.js';
import { Random } from '../../random/sfc32.js';
import { returnYearEnd, returnYearStart } from './reference.js';
import type { AgeBand, EntryTrend, StockFlowCategory } from './types.js';

export const CORRECTED_CATEGORIES: readonly StockFlowCategory[] = [
  { id: 'foster', label: 'Fostering', placeCodes: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] },
  { id: 'childrensHome', label: "Children's homes", placeCodes: ['K2'] },
  { id: 'otherResidential', label: 'Other residential', placeCodes: ['K1', 'R1', 'P3', 'S1'] },
  { id: 'supported', label: 'Supported accommodation', placeCodes: ['H5', 'K3', 'P2'] },
  { id: 'other', label: 'Other', placeCodes: [] },
];

export const CORRECTED_BANDS: readonly AgeBand[] = [
  { label: 'Under 1', from: 0, to: 1 },
  { label: '1 to 4', from: 1, to: 5 },
  { label: '5 to 9', from: 5, to: 10 },
  { label: '10 to 15', from: 10, to: 16 },
  { label: '16 and 17', from: 16, to: 18 },
];

/** Days in a model month. */
export const MONTH_DAYS = 30.4375;
/** Number of categories, bands, outcomes (categories + leaving care) and ages in months. */
export const CATEGORIES = 5;
export const BANDS = 5;
export const OUTCOMES = CATEGORIES + 1;
export const EXIT = CATEGORIES;
export const AGE_MONTHS = 216;
const BAND_YEARS = [1, 5, 10, 16];
const BAND_FIRST_MONTH = [0, 12, 60, 120, 192, AGE_MONTHS];

export function correctedCategory(place: string): number {
  switch (place.trim().toUpperCase()) {
    case 'U1':
    case 'U2':
    case 'U3':
    case 'U4':
    case 'U5':
    case 'U6':
      return 0;
    case 'K2':
      return 1;
    case 'K1':
    case 'R1':
    case 'P3':
    case 'S1':
      return 2;
    case 'H5':
    case 'K3':
    case 'P2':
      return 3;
    default:
      return 4;
  }
}

export function bandOfAgeMonths(ageMonths: number): number {
  if (ageMonths < 12) return 0;
  if (ageMonths < 60) return 1;
  if (ageMonths < 120) return 2;
  if (ageMonths < 192) return 3;
  return 4;
}

/** The entry trend with its parameters settled at fit time. */
export type ResolvedEntryTrend =
  | { kind: 'constant' }
  | { kind: 'population'; years: number[]; counts: number[] }
  | {
      kind: 'growth';
      /** ln(1 + annual growth). */
      logGrowth: number;
      standardError: number;
      /** Each year's growth is `damping` times the year before (1 = undamped). */
      damping: number;
      /** For 'fitted': the annual entrant counts used, oldest first. */
      annualEntrants?: number[];
    };

export interface CorrectedModel {
  mode: 'corrected';
  categories: readonly StockFlowCategory[];
  bands: readonly AgeBand[];
  referenceStart: number;
  referenceEnd: number;
  projectionStart: number;
  dataEnd: number;
  /** Days in the reference window that the data covers. */
  windowDays: number;
  /** Moves counted in the window: `counts[(band * 5 + from) * 6 + to]`, to = 5 leave care. */
  counts: Float64Array;
  /** Child-days at risk in the window: `exposure[band * 5 + category]`. */
  exposure: Float64Array;
  poolingDays: number;
  /** Daily hazards (posterior means), same layout as counts; self-hazards are 0. */
  hazards: Float64Array;
  /** Entrants in the window by band × category, and the daily entry rate. */
  entrants: Float64Array;
  entryRates: Float64Array;
  /** Entrants in the window by age in completed months (the age distribution of new entrants). */
  entryAges: Float64Array;
  /** Children in care on the projection start day by age in months × category: `[age * 5 + category]`. */
  initialStock: Float64Array;
  entryTrend: ResolvedEntryTrend;
  /** Midpoint of the reference window (the level the entry rates describe). */
  windowMidpoint: number;
  notes: string[];
}

export interface CorrectedFitInput {
  referenceStart: number;
  referenceEnd: number;
  projectionStart: number;
  dataEnd: number | null;
  entries: EntryTrend | undefined;
  poolingDays: number;
}

interface Spell {
  start: number;
  end: number;
  category: number;
}

export function fitCorrected(episodes: EpisodeTable, children: ChildTable, input: CorrectedFitInput): CorrectedModel {
  const notes: string[] = [];
  const placeCategory = episodes.place.values.map((p) => correctedCategory(p));
  let maxDate = -Infinity;
  let minDec = Infinity;
  let minDecom = Infinity;
  let noDob = 0;
  for (let c = 0; c < children.length; c++) {
    const lo = episodes.firstEpisode[c]!;
    const hi = episodes.firstEpisode[c + 1]!;
    if (lo === hi) continue;
    if (children.dob[c] === NO_DATE) {
      noDob++;
      continue;
    }
    for (let e = lo; e < hi; e++) {
      const decom = episodes.decom[e]!;
      const dec = episodes.dec[e]!;
      if (decom > maxDate) maxDate = decom;
      if (decom < minDecom) minDecom = decom;
      if (dec !== NO_DATE) {
        if (dec > maxDate) maxDate = dec;
        if (dec < minDec) minDec = dec;
      }
    }
  }
  if (!Number.isFinite(maxDate)) throw new Error('No episodes of children with a date of birth to fit the model to.');
  if (noDob > 0) notes.push(`${noDob} children with episodes but no date of birth were left out (no age band).`);
  const dataEnd = input.dataEnd ?? returnYearEnd(maxDate);
  const dataStart = returnYearStart(Number.isFinite(minDec) ? minDec : minDecom);
  const w0 = Math.max(input.referenceStart, dataStart);
  const w1 = Math.min(input.referenceEnd, dataEnd);
  const windowDays = Math.max(0, w1 - w0 + 1);
  if (windowDays === 0) throw new Error('The reference window lies outside the data.');

  const counts = new Float64Array(BANDS * CATEGORIES * OUTCOMES);
  const exposure = new Float64Array(BANDS * CATEGORIES);
  const entrants = new Float64Array(BANDS * CATEGORIES);
  const entryAges = new Float64Array(AGE_MONTHS);
  const initialStock = new Float64Array(AGE_MONTHS * CATEGORIES);
  const P = input.projectionStart;
  let agedOverInStock = 0;
  // Annual entrants for a fitted trend: 12-month periods ending on the reference end.
  const periodStarts: number[] = [];
  for (let k = 1; k <= 50; k++) {
    const start = addMonths(input.referenceEnd + 1, -12 * k);
    if (start < dataStart) break;
    periodStarts.push(start);
  }
  const annualEntrants = new Float64Array(periodStarts.length);

  const spells: Spell[] = [];
  const thresholds = new Int32Array(4);
  for (let c = 0; c < children.length; c++) {
    const lo = episodes.firstEpisode[c]!;
    const hi = episodes.firstEpisode[c + 1]!;
    const dob = children.dob[c]!;
    if (lo === hi || dob === NO_DATE) continue;
    // Spells: contiguous episodes in one category merged; zero-length episodes dropped.
    spells.length = 0;
    for (let e = lo; e < hi; e++) {
      const start = episodes.decom[e]!;
      const end = episodes.dec[e]!;
      if (end === start) continue;
      const category = placeCategory[episodes.place.codes[e]!]!;
      const last = spells[spells.length - 1];
      if (last && last.end === start && last.category === category) last.end = end;
      else spells.push({ start, end, category });
    }
    const birthday18 = addYears(dob, 18);
    // Event day d belongs to the band of the age on day d − 1.
    for (let i = 0; i < 4; i++) thresholds[i] = addYears(dob, BAND_YEARS[i]!) + 1;
    const bandOfEventDay = (d: number): number => {
      let b = 0;
      while (b < 4 && d >= thresholds[b]!) b++;
      return b;
    };
    for (let k = 0; k < spells.length; k++) {
      const s = spells[k]!;
      const entry = k === 0 || spells[k - 1]!.end !== s.start;
      if (entry && s.start < birthday18) {
        const ageMonths = Math.max(0, wholeMonthsBetween(dob, s.start));
        if (s.start >= input.referenceStart && s.start <= input.referenceEnd) {
          entrants[bandOfAgeMonths(ageMonths) * CATEGORIES + s.category]! += 1;
          entryAges[ageMonths]! += 1;
        }
        for (let p = 0; p < periodStarts.length; p++) {
          const periodEnd = p === 0 ? input.referenceEnd : periodStarts[p - 1]! - 1;
          if (s.start >= periodStarts[p]! && s.start <= periodEnd) annualEntrants[p]! += 1;
        }
      }
      // Starting stock.
      if (s.start <= P && (s.end === NO_DATE || s.end > P)) {
        if (P < birthday18) initialStock[Math.max(0, wholeMonthsBetween(dob, P)) * CATEGORIES + s.category]! += 1;
        else agedOverInStock++;
      }
      // Exposure: event days d with the child in care on d − 1, under 18 on d − 1, in the window.
      const lastEventDay = Math.min(s.end === NO_DATE ? dataEnd : s.end, birthday18 - 1, w1);
      const firstEventDay = Math.max(s.start + 1, w0);
      if (firstEventDay <= lastEventDay) {
        let from = firstEventDay;
        while (from <= lastEventDay) {
          const b = bandOfEventDay(from);
          const bandEnd = b < 4 ? thresholds[b]! - 1 : lastEventDay;
          const to = Math.min(bandEnd, lastEventDay);
          exposure[b * CATEGORIES + s.category]! += to - from + 1;
          from = to + 1;
        }
      }
      // The move at the end of the spell (not the ageing out at 18).
      if (s.end !== NO_DATE && s.end >= w0 && s.end <= w1 && s.end < birthday18 && s.end > s.start) {
        const next = spells[k + 1];
        const to = next && next.start === s.end ? next.category : EXIT;
        counts[(bandOfEventDay(s.end) * CATEGORIES + s.category) * OUTCOMES + to]! += 1;
      }
    }
  }
  if (agedOverInStock > 0) {
    notes.push(
      `${agedOverInStock} children aged 18 or over in care on the projection start day are left out (the model ages children out at 18).`,
    );
  }

  // Posterior-mean hazards, pooled towards each category's all-ages rate.
  const pooled = new Float64Array(CATEGORIES * OUTCOMES);
  for (let c = 0; c < CATEGORIES; c++) {
    let e = 0;
    for (let b = 0; b < BANDS; b++) e += exposure[b * CATEGORIES + c]!;
    for (let d = 0; d < OUTCOMES; d++) {
      let n = 0;
      for (let b = 0; b < BANDS; b++) n += counts[(b * CATEGORIES + c) * OUTCOMES + d]!;
      pooled[c * OUTCOMES + d] = e > 0 ? n / e : 0;
    }
  }
  const kappa = input.poolingDays;
  const hazards = new Float64Array(BANDS * CATEGORIES * OUTCOMES);
  for (let b = 0; b < BANDS; b++) {
    for (let c = 0; c < CATEGORIES; c++) {
      const e = exposure[b * CATEGORIES + c]!;
      for (let d = 0; d < OUTCOMES; d++) {
        if (d === c) continue;
        const i = (b * CATEGORIES + c) * OUTCOMES + d;
        const shape = counts[i]! + kappa * pooled[c * OUTCOMES + d]!;
        hazards[i] = e + kappa > 0 ? shape / (e + kappa) : 0;
      }
    }
  }
  const entryRates = new Float64Array(BANDS * CATEGORIES);
  for (let i = 0; i < entryRates.length; i++) entryRates[i] = entrants[i]! / windowDays;

  return {
    mode: 'corrected',
    categories: CORRECTED_CATEGORIES,
    bands: CORRECTED_BANDS,
    referenceStart: input.referenceStart,
    referenceEnd: input.referenceEnd,
    projectionStart: P,
    dataEnd,
    windowDays,
    counts,
    exposure,
    poolingDays: kappa,
    hazards,
    entrants,
    entryRates,
    entryAges,
    initialStock,
    entryTrend: resolveTrend(input.entries, Array.from(annualEntrants).reverse(), notes),
    windowMidpoint: (w0 + w1) / 2,
    notes,
  };
}

function resolveTrend(trend: EntryTrend | undefined, annual: number[], notes: string[]): ResolvedEntryTrend {
  if (!trend || trend.trend === 'constant') {
    notes.push('Entries held at the reference window rate (no population projection or trend given).');
    return { kind: 'constant' };
  }
  if (trend.trend === 'population') {
    const rows = [...trend.population].filter((r) => r.count > 0).sort((a, b) => a.year - b.year);
    if (rows.length === 0) throw new Error('The population projection has no positive counts.');
    notes.push('Entries follow the projected child population (entry rate per child held).');
    return { kind: 'population', years: rows.map((r) => r.year), counts: rows.map((r) => r.count) };
  }
  if (trend.trend === 'growth') {
    return {
      kind: 'growth',
      logGrowth: Math.log(1 + trend.annualGrowth),
      standardError: trend.standardError ?? 0,
      damping: 1,
    };
  }
  // Fitted: weighted least squares of log annual entrants on time (quasi-Poisson weights).
  const damping = trend.damping ?? 0.8;
  if (annual.length < 3) {
    notes.push(`Entries held constant: a fitted trend needs three complete years of history (${annual.length} found).`);
    return { kind: 'constant' };
  }
  const n = annual.length;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const w = annual[i]! + 0.5;
    sw += w;
    swx += w * i;
    swy += w * Math.log(annual[i]! + 0.5);
  }
  const mx = swx / sw;
  const my = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = annual[i]! + 0.5;
    sxx += w * (i - mx) * (i - mx);
    sxy += w * (i - mx) * (Math.log(annual[i]! + 0.5) - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const w = annual[i]! + 0.5;
    const r = Math.log(annual[i]! + 0.5) - (my + slope * (i - mx));
    rss += w * r * r;
  }
  const dispersion = n > 2 ? Math.max(1, rss / (n - 2)) : 1;
  const standardError = Math.sqrt(dispersion / sxx);
  notes.push(
    `Entries follow a fitted trend of ${((Math.exp(slope) - 1) * 100).toFixed(1)}% a year (±${(standardError * 100).toFixed(1)}%), ` +
      `damped by ${damping} a year, from ${n} years of entrants (${annual.join(', ')}).`,
  );
  return { kind: 'growth', logGrowth: slope, standardError, damping, annualEntrants: annual };
}

/** Entry multiplier on `day` relative to the reference window, for a trend slope `logGrowth`. */
export function entryMultiplier(model: CorrectedModel, day: number, logGrowth: number): number {
  const trend = model.entryTrend;
  if (trend.kind === 'constant') return 1;
  if (trend.kind === 'population') {
    return populationAt(trend, day) / populationAt(trend, model.windowMidpoint);
  }
  const tau = (day - model.windowMidpoint) / 365.25;
  const phi = trend.damping;
  const years = phi >= 1 || phi <= 0 ? tau : (1 - Math.pow(phi, tau)) / -Math.log(phi);
  return Math.exp(logGrowth * years);
}

function populationAt(trend: { years: number[]; counts: number[] }, day: number): number {
  const { year } = civilFromDay(Math.floor(day));
  const start = dayFromCivil(year, 1, 1);
  const t = year + (day - start) / (dayFromCivil(year + 1, 1, 1) - start) - 0.5;
  const { years, counts } = trend;
  if (t <= years[0]!) return counts[0]!;
  const last = years.length - 1;
  if (t >= years[last]!) return counts[last]!;
  let i = 0;
  while (years[i + 1]! < t) i++;
  const f = (t - years[i]!) / (years[i + 1]! - years[i]!);
  return counts[i]! + f * (counts[i + 1]! - counts[i]!);
}

/** Scratch buffers for {@link expm6}. */
const expmScratch = {
  a: new Float64Array(OUTCOMES * OUTCOMES),
  term: new Float64Array(OUTCOMES * OUTCOMES),
  next: new Float64Array(OUTCOMES * OUTCOMES),
  square: new Float64Array(OUTCOMES * OUTCOMES),
};

/**
 * exp(G) for a 6×6 generator (row-major), by scaling and squaring with a Taylor series (scaled
 * norm ≤ 1/4, 12 terms: error below 1e-16). Writes into `out`.
 */
export function expm6(g: Float64Array, out: Float64Array = new Float64Array(OUTCOMES * OUTCOMES)): Float64Array {
  const n = OUTCOMES;
  const nn = n * n;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(g[i * n + j]!);
    norm = Math.max(norm, row);
  }
  const squarings = norm > 0.25 ? Math.ceil(Math.log2(norm / 0.25)) : 0;
  const scale = 1 / Math.pow(2, squarings);
  const { a, square } = expmScratch;
  let { term, next } = expmScratch;
  for (let i = 0; i < nn; i++) {
    a[i] = g[i]! * scale;
    out[i] = 0;
    term[i] = 0;
  }
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    term[i * n + i] = 1;
  }
  for (let k = 1; k <= 12; k++) {
    multiply6(term, a, next);
    const inv = 1 / k;
    for (let i = 0; i < nn; i++) {
      const v = next[i]! * inv;
      next[i] = v;
      out[i]! += v;
    }
    [term, next] = [next, term];
  }
  expmScratch.term = term;
  expmScratch.next = next;
  for (let s = 0; s < squarings; s++) {
    multiply6(out, out, square);
    out.set(square);
  }
  return out;
}

function multiply6(x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = OUTCOMES;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += x[i * n + k]! * y[k * n + j]!;
      out[i * n + j] = sum;
    }
  }
}

/**
 * Transition probabilities over `days` for each band: `[(band * 5 + from) * 6 + to]`, from the
 * daily hazards (same layout, self-hazards ignored). With `halfOut`, also the probabilities over
 * half the period (the full period is then the half squared).
 */
export function transitionProbabilities(
  hazards: Float64Array,
  days: number,
  out: Float64Array = new Float64Array(BANDS * CATEGORIES * OUTCOMES),
  halfOut: Float64Array | null = null,
): Float64Array {
  const g = new Float64Array(OUTCOMES * OUTCOMES);
  const p = new Float64Array(OUTCOMES * OUTCOMES);
  const half = new Float64Array(OUTCOMES * OUTCOMES);
  const span = halfOut ? days / 2 : days;
  for (let b = 0; b < BANDS; b++) {
    g.fill(0);
    for (let c = 0; c < CATEGORIES; c++) {
      let total = 0;
      for (let d = 0; d < OUTCOMES; d++) {
        if (d === c) continue;
        const h = hazards[(b * CATEGORIES + c) * OUTCOMES + d]! * span;
        g[c * OUTCOMES + d] = h;
        total += h;
      }
      g[c * OUTCOMES + c] = -total;
    }
    if (halfOut) {
      expm6(g, half);
      multiply6(half, half, p);
      normaliseRows(half, halfOut, b);
    } else {
      expm6(g, p);
    }
    normaliseRows(p, out, b);
  }
  return out;
}

function normaliseRows(p: Float64Array, out: Float64Array, band: number): void {
  for (let c = 0; c < CATEGORIES; c++) {
    let sum = 0;
    const o = (band * CATEGORIES + c) * OUTCOMES;
    for (let d = 0; d < OUTCOMES; d++) {
      const v = Math.max(0, p[c * OUTCOMES + d]!);
      out[o + d] = v;
      sum += v;
    }
    for (let d = 0; d < OUTCOMES; d++) out[o + d]! /= sum;
  }
}

/** Normalised entrant age distribution within each band: `[age]` sums to 1 over each band's months. */
export function entryAgeShares(model: CorrectedModel): Float64Array {
  const shares = new Float64Array(AGE_MONTHS);
  for (let b = 0; b < BANDS; b++) {
    const lo = BAND_FIRST_MONTH[b]!;
    const hi = BAND_FIRST_MONTH[b + 1]!;
    let total = 0;
    for (let a = lo; a < hi; a++) total += model.entryAges[a]!;
    for (let a = lo; a < hi; a++) shares[a] = total > 0 ? model.entryAges[a]! / total : 1 / (hi - lo);
  }
  return shares;
}

export interface CorrectedRun {
  /** Expected stock by category (5) then total, for each report month: `[r * 6 + k]`. */
  mean: Float64Array;
  /** Percentiles (same layout), when simulations > 0. */
  p10: Float64Array | null;
  p50: Float64Array | null;
  p90: Float64Array | null;
}

/**
 * Projects month by month. `reportMonths` are months ahead (0 = start).
 *
 * The expected path (point estimates) keeps every child's age in months, so ageing and leaving
 * care at 18 are exact. The Monte Carlo runs then work on band × category stocks: each run draws
 * its parameters (gamma posteriors for every hazard and entry rate, a normal slope for a trend),
 * and each month draws the process noise per category — how many leave it (binomial) and where
 * they go (multinomial), and how many enter it (Poisson) — shared among the age bands in
 * proportion to the expected flows for that run's parameters; the share of each band's stock
 * that ages into the next band (or out of care at 18) that month comes from the expected path's
 * age profile. This keeps 1,000 runs of ten years to about a second while the category totals
 * (what is reported) carry the full binomial/Poisson noise. P10/P50/P90 are over the runs.
 */
export function runCorrected(
  model: CorrectedModel,
  reportMonths: readonly number[],
  horizonMonths: number,
  simulations: number,
  seed: number,
): CorrectedRun {
  const R = reportMonths.length;
  const K = OUTCOMES;
  const BC = BANDS * CATEGORIES;
  const reportAt = new Map<number, number[]>();
  reportMonths.forEach((m, i) => reportAt.set(m, [...(reportAt.get(m) ?? []), i]));
  const monthMid = (t: number): number => model.projectionStart + (t + 0.5) * MONTH_DAYS;
  const shares = entryAgeShares(model);
  const topMonth = BAND_FIRST_MONTH.slice(1).map((m) => m - 1);

  // Expected path with point estimates, recording for each month the share of each band ×
  // category's stock (after the month's moves) that is in the band's last month of age.
  const mean = new Float64Array(R * K);
  const ageing = new Float64Array(horizonMonths * BC);
  {
    const half = new Float64Array(BANDS * CATEGORIES * OUTCOMES);
    const monthly = transitionProbabilities(model.hazards, MONTH_DAYS, undefined, half);
    const logGrowth = model.entryTrend.kind === 'growth' ? model.entryTrend.logGrowth : 0;
    let x = Float64Array.from(model.initialStock);
    let next = new Float64Array(x.length);
    const moved = new Float64Array(BC);
    const movedTop = new Float64Array(BC);
    const record = (t: number): void => {
      for (const r of reportAt.get(t) ?? []) {
        for (let a = 0; a < AGE_MONTHS; a++) {
          for (let c = 0; c < CATEGORIES; c++) {
            const v = x[a * CATEGORIES + c]!;
            mean[r * K + c]! += v;
            mean[r * K + CATEGORIES]! += v;
          }
        }
      }
    };
    record(0);
    for (let t = 0; t < horizonMonths; t++) {
      next.fill(0);
      moved.fill(0);
      movedTop.fill(0);
      for (let a = 0; a < AGE_MONTHS; a++) {
        const b = bandOfAgeMonths(a);
        const top = a === topMonth[b];
        for (let c = 0; c < CATEGORIES; c++) {
          const v = x[a * CATEGORIES + c]!;
          if (v === 0) continue;
          const row = (b * CATEGORIES + c) * OUTCOMES;
          for (let d = 0; d < CATEGORIES; d++) {
            const w = v * monthly[row + d]!;
            moved[b * CATEGORIES + d]! += w;
            if (top) movedTop[b * CATEGORIES + d]! += w;
            // A month older; at 18 (a + 1 = 216) they leave care.
            if (a + 1 < AGE_MONTHS) next[(a + 1) * CATEGORIES + d]! += w;
          }
        }
      }
      for (let s = 0; s < BC; s++) ageing[t * BC + s] = moved[s]! > 0 ? movedTop[s]! / moved[s]! : 0;
      const g = entryMultiplier(model, monthMid(t), logGrowth);
      for (let b = 0; b < BANDS; b++) {
        for (let c = 0; c < CATEGORIES; c++) {
          const n = model.entryRates[b * CATEGORIES + c]! * MONTH_DAYS * g;
          if (n === 0) continue;
          const row = (b * CATEGORIES + c) * OUTCOMES;
          for (let a = BAND_FIRST_MONTH[b]!; a < BAND_FIRST_MONTH[b + 1]!; a++) {
            const f = shares[a]!;
            if (f === 0) continue;
            for (let d = 0; d < CATEGORIES; d++) next[a * CATEGORIES + d]! += n * f * half[row + d]!;
          }
        }
      }
      [x, next] = [next, x];
      record(t + 1);
    }
  }
  if (simulations <= 0) return { mean, p10: null, p50: null, p90: null };

  const rng = new Random(seed);
  const values = new Float64Array(simulations * R * K);
  const drawn = new Float64Array(model.hazards.length);
  const lambda = new Float64Array(BC);
  const pooled = pooledRates(model);
  const kappa = model.poolingDays;
  const monthly = new Float64Array(BC * OUTCOMES);
  const half = new Float64Array(BC * OUTCOMES);
  const start = new Float64Array(BC);
  for (let a = 0; a < AGE_MONTHS; a++) {
    for (let c = 0; c < CATEGORIES; c++)
      start[bandOfAgeMonths(a) * CATEGORIES + c]! += model.initialStock[a * CATEGORIES + c]!;
  }
  let x = new Float64Array(BC);
  let y = new Float64Array(BC);
  const draws = new Float64Array(OUTCOMES);
  const expected = new Float64Array(OUTCOMES);
  const flow = new Float64Array(BANDS * OUTCOMES);
  const factor = new Float64Array(OUTCOMES);
  const lambdaByCategory = new Float64Array(CATEGORIES);
  const trend = model.entryTrend;
  const multipliers = new Float64Array(horizonMonths);

  for (let sim = 0; sim < simulations; sim++) {
    for (let b = 0; b < BANDS; b++) {
      for (let c = 0; c < CATEGORIES; c++) {
        const e = model.exposure[b * CATEGORIES + c]!;
        for (let d = 0; d < OUTCOMES; d++) {
          const i = (b * CATEGORIES + c) * OUTCOMES + d;
          if (d === c) {
            drawn[i] = 0;
            continue;
          }
          const shape = model.counts[i]! + kappa * pooled[c * OUTCOMES + d]!;
          drawn[i] = e + kappa > 0 ? rng.gamma(shape, e + kappa) : 0;
        }
        const n = model.entrants[b * CATEGORIES + c]!;
        lambda[b * CATEGORIES + c] = n > 0 ? rng.gamma(n, model.windowDays) : 0;
      }
    }
    lambdaByCategory.fill(0);
    for (let s = 0; s < BC; s++) lambdaByCategory[s % CATEGORIES]! += lambda[s]!;
    const logGrowth = trend.kind === 'growth' ? trend.logGrowth + trend.standardError * rng.normal() : 0;
    for (let t = 0; t < horizonMonths; t++) multipliers[t] = entryMultiplier(model, monthMid(t), logGrowth);
    transitionProbabilities(drawn, MONTH_DAYS, monthly, half);

    x.set(start);
    const base = sim * R * K;
    const record = (t: number): void => {
      const list = reportAt.get(t);
      if (!list) return;
      for (const r of list) {
        const o = base + r * K;
        let total = 0;
        for (let c = 0; c < CATEGORIES; c++) {
          let v = 0;
          for (let b = 0; b < BANDS; b++) v += x[b * CATEGORIES + c]!;
          values[o + c] = v;
          total += v;
        }
        values[o + CATEGORIES] = total;
      }
    };
    record(0);
    for (let t = 0; t < horizonMonths; t++) {
      y.fill(0);
      // Moves out of each category: the number leaving is binomial and their destinations
      // multinomial (the category's stock rounded stochastically, without bias); each destination's
      // flow is shared among the bands in proportion to the expected flows.
      for (let c = 0; c < CATEGORIES; c++) {
        let stock = 0;
        for (let b = 0; b < BANDS; b++) stock += x[b * CATEGORIES + c]!;
        if (stock <= 0) continue;
        let leaving = 0;
        expected.fill(0);
        for (let b = 0; b < BANDS; b++) {
          const v = x[b * CATEGORIES + c]!;
          y[b * CATEGORIES + c]! += v;
          if (v === 0) continue;
          const row = (b * CATEGORIES + c) * OUTCOMES;
          for (let d = 0; d < OUTCOMES; d++) {
            if (d === c) continue;
            const e = v * monthly[row + d]!;
            flow[b * OUTCOMES + d] = e;
            expected[d]! += e;
            leaving += e;
          }
        }
        if (leaving <= 0) continue;
        const whole = Math.floor(stock);
        const n = whole + (rng.next() < stock - whole ? 1 : 0);
        if (n === 0) {
          flow.fill(0);
          continue;
        }
        for (let d = 0; d < OUTCOMES; d++) expected[d] = expected[d]! / stock;
        expected[c] = 1 - leaving / stock;
        multinomial(rng, n, expected, 0, c, draws);
        // Drawn ÷ expected, applied to every band's expected flow to each destination.
        const scale = stock / n;
        for (let d = 0; d < OUTCOMES; d++) {
          factor[d] = d === c || expected[d]! <= 0 ? 0 : (draws[d]! * scale) / (expected[d]! * stock);
        }
        for (let b = 0; b < BANDS; b++) {
          const v = x[b * CATEGORIES + c]!;
          if (v === 0) continue;
          let out = 0;
          for (let d = 0; d < OUTCOMES; d++) out += flow[b * OUTCOMES + d]! * factor[d]!;
          // A band cannot lose more than it had (possible only in the tail of a draw).
          const cap = out > v ? v / out : 1;
          y[b * CATEGORIES + c]! -= out * cap;
          for (let d = 0; d < CATEGORIES; d++) {
            if (d !== c) y[b * CATEGORIES + d]! += flow[b * OUTCOMES + d]! * factor[d]! * cap;
          }
        }
        flow.fill(0);
      }
      // Ageing: the expected path's share at the top of each band moves up (or leaves at 18).
      const row = t * BC;
      for (let b = BANDS - 1; b >= 0; b--) {
        for (let c = 0; c < CATEGORIES; c++) {
          const s = b * CATEGORIES + c;
          const up = y[s]! * ageing[row + s]!;
          y[s]! -= up;
          if (b + 1 < BANDS) y[s + CATEGORIES]! += up;
        }
      }
      // Entries: Poisson by category, shared among bands by their entry rates, then spread by
      // the expected half month of moves.
      const g = multipliers[t]!;
      for (let c = 0; c < CATEGORIES; c++) {
        const l = lambdaByCategory[c]!;
        if (l === 0) continue;
        const n = rng.poisson(l * MONTH_DAYS * g);
        if (n === 0) continue;
        for (let b = 0; b < BANDS; b++) {
          const s = b * CATEGORIES + c;
          const share = lambda[s]! / l;
          if (share === 0) continue;
          for (let d = 0; d < CATEGORIES; d++) y[b * CATEGORIES + d]! += n * share * half[s * OUTCOMES + d]!;
        }
      }
      [x, y] = [y, x];
      record(t + 1);
    }
  }

  const p10 = new Float64Array(R * K);
  const p50 = new Float64Array(R * K);
  const p90 = new Float64Array(R * K);
  const column = new Float64Array(simulations);
  for (let r = 0; r < R; r++) {
    for (let k = 0; k < K; k++) {
      for (let sim = 0; sim < simulations; sim++) column[sim] = values[(sim * R + r) * K + k]!;
      column.sort();
      p10[r * K + k] = quantileSorted(column, 0.1);
      p50[r * K + k] = quantileSorted(column, 0.5);
      p90[r * K + k] = quantileSorted(column, 0.9);
    }
  }
  return { mean, p10, p50, p90 };
}

function pooledRates(model: CorrectedModel): Float64Array {
  const pooled = new Float64Array(CATEGORIES * OUTCOMES);
  for (let c = 0; c < CATEGORIES; c++) {
    let e = 0;
    for (let b = 0; b < BANDS; b++) e += model.exposure[b * CATEGORIES + c]!;
    for (let d = 0; d < OUTCOMES; d++) {
      let n = 0;
      for (let b = 0; b < BANDS; b++) n += model.counts[(b * CATEGORIES + c) * OUTCOMES + d]!;
      pooled[c * OUTCOMES + d] = e > 0 ? n / e : 0;
    }
  }
  return pooled;
}

/**
 * Multinomial(n, probabilities[offset .. offset + 5]) into `out`: the number leaving `stay` is
 * binomial, then the leavers are shared out one by one (few) or by conditional binomials (many).
 */
function multinomial(
  rng: Random,
  n: number,
  probabilities: Float64Array,
  offset: number,
  stay: number,
  out: Float64Array,
): void {
  out.fill(0);
  const leaveProbability = 1 - probabilities[offset + stay]!;
  const leavers = leaveProbability > 0 ? rng.binomial(n, leaveProbability) : 0;
  out[stay] = n - leavers;
  if (leavers === 0) return;
  if (leavers <= 3) {
    for (let i = 0; i < leavers; i++) {
      let u = rng.next() * leaveProbability;
      let d = 0;
      for (; d < OUTCOMES - 1; d++) {
        if (d === stay) continue;
        u -= probabilities[offset + d]!;
        if (u < 0) break;
      }
      if (d === stay) d = OUTCOMES - 1;
      out[d]! += 1;
    }
    return;
  }
  let last = OUTCOMES - 1;
  while (last > 0 && (last === stay || !(probabilities[offset + last]! > 0))) last--;
  let remaining = leavers;
  let mass = leaveProbability;
  for (let d = 0; d < OUTCOMES && remaining > 0; d++) {
    if (d === stay) continue;
    const p = probabilities[offset + d]!;
    if (p <= 0) continue;
    const count = d === last || p >= mass ? remaining : rng.binomial(remaining, Math.min(1, p / mass));
    out[d] = count;
    remaining -= count;
    mass -= p;
  }
}
