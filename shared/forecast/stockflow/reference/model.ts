/**
 * Reference-compatible mode's shape (./index.ts): its categories and age bands as the reference
 * defines them, the mapping from SSDA903 placement codes and ages, and the fitted model a
 * projection runs from.
 */
import type { AgeBand, StockFlowCategory } from '../types.js';

export const SF_REGIONAL_CATEGORIES: readonly StockFlowCategory[] = [
  { id: 'foster', label: 'Fostering', placeCodes: ['U1', 'U2', 'U3', 'U4', 'U5', 'U6'] },
  { id: 'residential', label: 'Residential', placeCodes: ['K2', 'R1', 'P3', 'S1'] },
  { id: 'supported', label: 'Supported', placeCodes: ['H5', 'K3', 'P2'] },
  { id: 'other', label: 'Other', placeCodes: [] },
];

export const SF_REGIONAL_BANDS: readonly AgeBand[] = [
  { label: 'Birth to 1', from: 0, to: 1 },
  { label: '1 to 5', from: 1, to: 5 },
  { label: '5 to 10', from: 5, to: 10 },
  { label: '10 to 16', from: 10, to: 16 },
  { label: '16 to 18+', from: 16, to: null },
];

export const YEAR_IN_DAYS = 365.24;
/** Band boundaries where the reference splits episodes (its top band nominally ends at 30). */
export const SPLIT_AGES = [1, 5, 10, 16, 30];
export const CATEGORY_COUNT = 4;
export const STATE_COUNT = SF_REGIONAL_BANDS.length * CATEGORY_COUNT;
export const NOT_IN_CARE = -1;

export interface SfRegionalModel {
  mode: 'sf-regional';
  categories: readonly StockFlowCategory[];
  bands: readonly AgeBand[];
  referenceStart: number;
  referenceEnd: number;
  projectionStart: number;
  dataStart: number;
  dataEnd: number;
  /** State s = band × 4 + category. */
  stateCount: number;
  /** Stock by state on the projection start day. */
  initialStock: Float64Array;
  /** Daily rates: `transitionRates[from * (stateCount + 1) + to]`, `to = stateCount` = leave care. Self-rates are 0. */
  transitionRates: Float64Array;
  /** Daily entrants by state. */
  entryRates: Float64Array;
  /** Entrants and transitions counted in the window (for inspection). */
  entrants: Float64Array;
  notes: string[];
}

export function sfRegionalCategory(place: string): number {
  switch (place.trim().toUpperCase()) {
    case 'U1':
    case 'U2':
    case 'U3':
    case 'U4':
    case 'U5':
    case 'U6':
      return 0;
    case 'K2':
    case 'R1':
    case 'P3':
    case 'S1':
      return 1;
    case 'H5':
    case 'K3':
    case 'P2':
      return 2;
    default:
      return 3;
  }
}

/** The reference's age band for an age in (365.24-day) years; -1 outside [-1, 30) or NaN. */
export function sfRegionalBand(age: number): number {
  if (!(age >= -1)) return -1;
  if (age < 1) return 0;
  if (age < 5) return 1;
  if (age < 10) return 2;
  if (age < 16) return 3;
  if (age < 30) return 4;
  return -1;
}

export interface SfRegionalFitInput {
  referenceStart: number;
  referenceEnd: number;
  projectionStart: number;
  dataEnd: number | null;
}
