/**
 * Corrected mode's shape (./index.ts): its categories (children's homes apart from other
 * residential care) and age bands, the state's dimensions (age in completed months × category, with
 * leaving care as the extra outcome), the mapping from SSDA903 placement codes and ages, and the
 * fitted model a projection runs from.
 */
import type { AgeBand, EntryTrend, StockFlowCategory } from '../types.js';

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
export const BAND_YEARS = [1, 5, 10, 16];
export const BAND_FIRST_MONTH = [0, 12, 60, 120, 192, AGE_MONTHS];

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
