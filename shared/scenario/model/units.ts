/**
 * Small shared pieces of the yearly mechanics: the allocation unit (a thousandth of a child), a
 * lever's ramp-up share, year numbers, the members a lever names, largest-remainder rounding and the
 * price index of the price-inflation levers.
 */
import type { Lever } from '../levers.js';
import type { ScenarioContext } from '../types.js';

/** Children are allocated in thousandths, so pools' capacities need not be rounded to whole children. */
export const ALLOCATION_UNITS = 1000;

export const rampShare = (ramp: readonly number[] | undefined, t: number): number => (t < 0 ? 0 : (ramp?.[t] ?? 1));

export const yearNumber = (year: string): number => Number(year);

/** Index of each member's code, for levers that name an LA or "all". */
export function memberIndexes(context: ScenarioContext, la: string): number[] {
  if (la === 'all') return context.members.map((_, i) => i);
  const i = context.members.findIndex((m) => m.code === la);
  return i >= 0 ? [i] : [];
}

/**
 * Rounds non-negative values to whole numbers summing to ⌊Σ⌋ (largest remainder; ties to the earlier
 * index, so the result is deterministic).
 */
export function largestRemainder(values: readonly number[]): number[] {
  const floors = values.map((v) => Math.floor(Math.max(0, v) + 1e-9));
  const total = Math.floor(values.reduce((s, v) => s + Math.max(0, v), 0) + 1e-9);
  let remaining = total - floors.reduce((s, v) => s + v, 0);
  if (remaining <= 0) return floors;
  const order = values
    .map((v, i) => ({ i, frac: Math.max(0, v) - (floors[i] ?? 0) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    remaining--;
  }
  return floors;
}

/** Price index per projected year: Π (1 + rate) over each inflation lever's years so far. */
export function priceIndexes(context: ScenarioContext, levers: readonly Lever[]): number[] {
  return context.years.map((year) => {
    let index = 1;
    for (const lever of levers) {
      if (lever.type !== 'priceInflation') continue;
      const years = yearNumber(year) - yearNumber(lever.startYear) + 1;
      if (years > 0) index *= Math.pow(1 + lever.annualRate, years);
    }
    return index;
  });
}
