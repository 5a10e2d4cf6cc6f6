/**
 * Fits corrected mode (./index.ts) from an SSDA903 return: rates as occurrence ÷ exposure (moves in
 * the reference window ÷ the child-days at risk the day before each possible event), sparse states
 * pooled towards the category's all-ages rate, exits at 18 left to the ageing, the entrants' ages,
 * and the stock on the projection start day.
 */
import type { ChildTable, EpisodeTable } from '#shared/import/ssda903/index.js';
import { NO_DATE, addMonths, addYears, wholeMonthsBetween } from '#shared/import/ssda903/index.js';
import { returnYearEnd, returnYearStart } from '../returnYear.js';
import { resolveTrend } from './entries.js';
import {
  AGE_MONTHS,
  BAND_YEARS,
  BANDS,
  bandOfAgeMonths,
  CATEGORIES,
  CORRECTED_BANDS,
  CORRECTED_CATEGORIES,
  correctedCategory,
  EXIT,
  OUTCOMES,
  type CorrectedFitInput,
  type CorrectedModel,
} from './model.js';

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
