/**
 * The annual growth a projection implies (shared/forecast/impliedGrowth.ts): compound growth from the
 * last observed year to the last projected median, and null where either end is missing or zero.
 */
import { describe, expect, it } from 'vitest';
import { impliedAnnualGrowth } from '#shared/forecast/impliedGrowth.js';
import type { AreaProjection } from '#shared/forecast/types.js';

type Shape = Pick<AreaProjection, 'history' | 'years'>;

/** An area with the given history and projected medians (only the fields the rule reads). */
function area(history: [string, number][], medians: [string, number][]): Shape {
  return {
    history: history.map(([year, value]) => ({ year, value })),
    years: medians.map(([year, p50]) => ({ year, demand: { p50 } })),
  } as unknown as Shape;
}

describe('impliedAnnualGrowth', () => {
  it('is the compound growth from the last observed figure to the last projected median', () => {
    const a = area(
      [
        ['2024', 700],
        ['2025', 727],
      ],
      [
        ['2026', 760],
        ['2030', 922.5],
      ],
    );
    expect(impliedAnnualGrowth(a)).toBeCloseTo(Math.pow(922.5 / 727, 1 / 5) - 1, 12);
  });

  it('is negative for a falling projection', () => {
    expect(impliedAnnualGrowth(area([['2025', 100]], [['2027', 81]]))).toBeCloseTo(-0.1, 12);
  });

  it('is null without a history, a projection, a positive figure at each end, or a later end year', () => {
    expect(impliedAnnualGrowth(area([], [['2030', 10]]))).toBeNull();
    expect(impliedAnnualGrowth(area([['2025', 10]], []))).toBeNull();
    expect(impliedAnnualGrowth(area([['2025', 0]], [['2030', 10]]))).toBeNull();
    expect(impliedAnnualGrowth(area([['2025', 10]], [['2030', 0]]))).toBeNull();
    expect(impliedAnnualGrowth(area([['2025', 10]], [['2025', 12]]))).toBeNull();
  });
});
