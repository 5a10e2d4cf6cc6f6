/**
 * Fits reference-compatible mode (./index.ts) from an SSDA903 return with the reference's own
 * cleaning, band splitting at birthdays, daily mean-of-ratios transition rates and entry rates.
 */
import type { ChildTable, EpisodeTable } from '#shared/import/ssda903/index.js';
import { NO_DATE, addYears } from '#shared/import/ssda903/index.js';
import { returnYearEnd, returnYearStart } from '../returnYear.js';
import {
  CATEGORY_COUNT,
  NOT_IN_CARE,
  SF_REGIONAL_BANDS,
  SF_REGIONAL_CATEGORIES,
  sfRegionalBand,
  sfRegionalCategory,
  SPLIT_AGES,
  STATE_COUNT,
  YEAR_IN_DAYS,
  type SfRegionalFitInput,
  type SfRegionalModel,
} from './model.js';

/** An episode after the reference's cleaning, split at band birthdays. */
interface Piece {
  start: number;
  /** NO_DATE when open. */
  end: number;
  band: number;
  endBand: number;
  category: number;
}

export function fitSfRegional(
  episodes: EpisodeTable,
  children: ChildTable,
  input: SfRegionalFitInput,
): SfRegionalModel {
  const notes: string[] = [];
  const rneValues = episodes.rne.values;
  const placeValues = episodes.place.values;
  const placeCategory = placeValues.map((p) => sfRegionalCategory(p));
  const skippable = rneValues.map((r) => {
    const v = r.trim().toUpperCase();
    return v === 'L' || v === 'T' || v === 'U';
  });

  // First pass: the reference's cleaning, and the data's date range.
  interface Cleaned {
    dob: number;
    starts: number[];
    ends: number[];
    cats: number[];
  }
  const cleaned: Cleaned[] = [];
  let droppedChildren = 0;
  let minDate = Infinity;
  let maxDate = -Infinity;
  let minDec = Infinity;
  const seenDec = new Set<number>();
  for (let c = 0; c < children.length; c++) {
    const lo = episodes.firstEpisode[c]!;
    const hi = episodes.firstEpisode[c + 1]!;
    if (lo === hi) continue;
    const dob = children.dob[c]!;
    if (dob === NO_DATE) {
      droppedChildren++;
      continue;
    }
    // Same DEC (as recorded): keep the earliest-starting episode (open episodes count as one DEC).
    const starts: number[] = [];
    const ends: number[] = [];
    const cats: number[] = [];
    const skips: boolean[] = [];
    seenDec.clear();
    for (let e = lo; e < hi; e++) {
      const dec = episodes.decRecorded[e]!;
      if (seenDec.has(dec)) continue;
      seenDec.add(dec);
      starts.push(episodes.decom[e]!);
      ends.push(dec);
      cats.push(placeCategory[episodes.place.codes[e]!]!);
      skips.push(skippable[episodes.rne.codes[e]!]!);
    }
    // Overlaps: an open or overrunning episode ends where the next starts.
    for (let k = 0; k + 1 < starts.length; k++) {
      if (ends[k] === NO_DATE || ends[k]! > starts[k + 1]!) ends[k] = starts[k + 1]!;
    }
    for (let k = 0; k < starts.length; k++) {
      minDate = Math.min(minDate, starts[k]!);
      maxDate = Math.max(maxDate, starts[k]!);
      if (ends[k] !== NO_DATE) {
        maxDate = Math.max(maxDate, ends[k]!);
        minDec = Math.min(minDec, ends[k]!);
      }
    }
    // Merge contiguous L/T/U episodes into the episode before.
    const merged: Cleaned = { dob, starts: [], ends: [], cats: [] };
    for (let k = 0; k < starts.length; k++) {
      const previousEnd = k > 0 ? ends[k - 1]! : NO_DATE;
      if (k > 0 && skips[k] && previousEnd !== NO_DATE && starts[k] === previousEnd) {
        merged.ends[merged.ends.length - 1] = ends[k]!;
        continue;
      }
      merged.starts.push(starts[k]!);
      merged.ends.push(ends[k]!);
      merged.cats.push(cats[k]!);
    }
    cleaned.push(merged);
  }
  if (droppedChildren > 0) {
    notes.push(`${droppedChildren} children with episodes but no date of birth were left out (as the reference does).`);
  }
  if (cleaned.length === 0) throw new Error('No episodes of children with a date of birth to fit the model to.');
  // The reference's data period: whole return years, 1 April (of the year of the earliest DEC) to 31 March.
  const dataEnd = input.dataEnd ?? returnYearEnd(maxDate);
  const dataStart = Number.isFinite(minDec) ? returnYearStart(minDec) : returnYearStart(minDate);

  // Second pass: split at the birthdays where an episode crosses a band boundary (open episodes
  // up to the data end), so ageing shows as a transition.
  const pieces: Piece[] = [];
  const pieceChildStart: number[] = [];
  let unbanded = 0;
  for (const child of cleaned) {
    pieceChildStart.push(pieces.length);
    const dob = child.dob;
    for (let k = 0; k < child.starts.length; k++) {
      const start = child.starts[k]!;
      const end = child.ends[k]!;
      const category = child.cats[k]!;
      let pStart = start;
      let pAge = (start - dob) / YEAR_IN_DAYS;
      const endAge = ((end === NO_DATE ? dataEnd : end) - dob) / YEAR_IN_DAYS;
      for (const bound of SPLIT_AGES) {
        if (pAge < bound && bound <= endAge) {
          const birthday = addYears(dob, bound);
          pieces.push({
            start: pStart,
            end: birthday,
            band: sfRegionalBand(pAge),
            endBand: sfRegionalBand(bound),
            category,
          });
          pStart = birthday;
          pAge = bound;
        }
      }
      pieces.push({ start: pStart, end, band: sfRegionalBand(pAge), endBand: sfRegionalBand(endAge), category });
    }
  }
  pieceChildStart.push(pieces.length);
  const stockOrigin = Math.min(minDate, dataStart);

  const days = dataEnd - stockOrigin + 1;
  const S = STATE_COUNT;
  // Daily stock by state up to the data end: stock[(d - stockOrigin) * S + s]. Days before the
  // data start count for the stock but are outside the reference's daily table.
  const stock = new Float64Array(days * S);
  const entrants = new Float64Array(S);
  // Transitions inside the window: (day, from, to).
  const w0 = Math.max(input.referenceStart, dataStart);
  const w1 = Math.min(input.referenceEnd, dataEnd);
  const trDay: number[] = [];
  const trFrom: number[] = [];
  const trTo: number[] = [];
  for (let g = 0; g + 1 < pieceChildStart.length; g++) {
    const lo = pieceChildStart[g]!;
    const hi = pieceChildStart[g + 1]!;
    for (let k = lo; k < hi; k++) {
      const p = pieces[k]!;
      if (p.band < 0) {
        unbanded++;
        continue;
      }
      const state = p.band * CATEGORY_COUNT + p.category;
      const startIndex = p.start - stockOrigin;
      if (startIndex < days) {
        stock[startIndex * S + state]! += 1;
        if (p.end !== NO_DATE && p.end <= dataEnd) stock[(p.end - stockOrigin) * S + state]! -= 1;
      }
      const prev = k > lo ? pieces[k - 1]! : null;
      const fromCare = prev !== null && prev.end === p.start;
      if (!fromCare && p.start >= input.referenceStart && p.start <= input.referenceEnd) entrants[state]! += 1;
      if (p.end === NO_DATE || p.end < w0 || p.end > w1) continue;
      const next = k + 1 < hi ? pieces[k + 1]! : null;
      const toCare = next !== null && next.start === p.end;
      let to: number;
      if (!toCare) to = NOT_IN_CARE;
      else if (p.endBand < 0) continue;
      else to = p.endBand * CATEGORY_COUNT + next.category;
      if (to === state) continue;
      trDay.push(p.end);
      trFrom.push(state);
      trTo.push(to);
    }
  }
  if (unbanded > 0)
    notes.push(`${unbanded} episode parts outside the age bands (aged under −1 or 30 and over) were left out.`);
  for (let d = 1; d < days; d++) {
    const row = d * S;
    const prev = row - S;
    for (let s = 0; s < S; s++) stock[row + s]! += stock[prev + s]!;
  }

  // Mean over window days with positive previous-day stock of transitions ÷ previous-day stock.
  const positiveDays = new Float64Array(S);
  for (let d = w0; d <= w1; d++) {
    if (d - 1 < dataStart) continue;
    const index = d - 1 - stockOrigin;
    for (let s = 0; s < S; s++) if (stock[index * S + s]! > 0) positiveDays[s]! += 1;
  }
  const width = S + 1;
  const sums = new Float64Array(S * width);
  let orphan = 0;
  for (let i = 0; i < trDay.length; i++) {
    const day = trDay[i]!;
    const from = trFrom[i]!;
    const previous = day - 1 >= dataStart ? stock[(day - 1 - stockOrigin) * S + from]! : 0;
    if (previous <= 0) {
      orphan++;
      continue;
    }
    const to = trTo[i]! === NOT_IN_CARE ? S : trTo[i]!;
    sums[from * width + to]! += 1 / previous;
  }
  if (orphan > 0) notes.push(`${orphan} transitions from a state with no stock the day before were ignored.`);
  const transitionRates = new Float64Array(S * width);
  for (let s = 0; s < S; s++) {
    const n = positiveDays[s]!;
    if (n === 0) continue;
    for (let t = 0; t < width; t++) transitionRates[s * width + t] = sums[s * width + t]! / n;
  }
  const windowDays = input.referenceEnd - input.referenceStart + 1;
  const entryRates = new Float64Array(S);
  for (let s = 0; s < S; s++) entryRates[s] = entrants[s]! / windowDays;

  const startIndex = Math.min(Math.max(input.projectionStart, dataStart), dataEnd) - stockOrigin;
  const initialStock = stock.slice(startIndex * S, startIndex * S + S);
  return {
    mode: 'sf-regional',
    categories: SF_REGIONAL_CATEGORIES,
    bands: SF_REGIONAL_BANDS,
    referenceStart: input.referenceStart,
    referenceEnd: input.referenceEnd,
    projectionStart: input.projectionStart,
    dataStart,
    dataEnd,
    stateCount: S,
    initialStock,
    transitionRates,
    entryRates,
    entrants,
    notes,
  };
}
