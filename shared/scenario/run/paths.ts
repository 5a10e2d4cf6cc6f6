/**
 * Counting one demand path (a simulation, or a percentile path) through a run: the figures summed
 * over the years, whole children that add up to their rounded total, and P10/P50/P90 read from three
 * paths.
 */
import type { Percentiles } from '../../forecast/types.js';
import type { YearAllocation } from '../model/index.js';
import type { CostBreakdown, PlacementFigures } from '../types.js';

export const figureKeys = [
  'children',
  'placedOwnLa',
  'placedElsewhereInConsortium',
  'placedOutside',
  'unmet',
  'over20Miles',
  'expectedMissingIncidents',
] as const;
export type CountKey = (typeof figureKeys)[number];

/** Running sums of one demand path (a simulation, or a percentile path) over the years. */
export class PathTotals {
  readonly counts: Record<CountKey, number> = {
    children: 0,
    placedOwnLa: 0,
    placedElsewhereInConsortium: 0,
    placedOutside: 0,
    unmet: 0,
    over20Miles: 0,
    expectedMissingIncidents: 0,
  };
  totalCost = 0;
  npv = 0;

  add(f: PlacementFigures, cost: number, factor: number): void {
    for (const k of figureKeys) this.counts[k] += f[k];
    this.totalCost += cost;
    this.npv += cost * factor;
  }

  get over20MilesShare(): number {
    const placed = this.counts.children - this.counts.unmet;
    return placed > 0 ? this.counts.over20Miles / placed : 0;
  }
}

/**
 * Rounds each member's children to whole children so that they add up to their rounded total
 * (largest remainders first), so the consortium's children are the same whichever way they are
 * counted. Works in place on `count` values from `offset` (a whole array by default), so a buffer
 * holding several simulations' members side by side can be rounded one simulation at a time.
 */
export function roundToTotal(values: Float64Array, offset = 0, count = values.length - offset): void {
  let total = 0;
  let floors = 0;
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = Math.max(0, values[offset + i] ?? 0);
    total += v;
    values[offset + i] = v;
    floors += Math.floor(v);
    order.push(i);
  }
  let extra = Math.round(total) - floors;
  order.sort((a, b) => ((values[offset + b] ?? 0) % 1) - ((values[offset + a] ?? 0) % 1) || a - b);
  for (const i of order) {
    const v = values[offset + i] ?? 0;
    values[offset + i] = Math.floor(v) + (extra > 0 && v % 1 > 0 ? 1 : 0);
    if (extra > 0 && v % 1 > 0) extra--;
  }
}

/** P10/P50/P90 from three path values: ordered, since a figure need not rise with demand. */
export const orderedTriple = (a: number, b: number, c: number): Percentiles => {
  const [p10 = a, p50 = b, p90 = c] = [a, b, c].sort((x, y) => x - y);
  return { p10, p50, p90 };
};

/** One demand path's allocation, figures and cost in one year. */
export interface PathResult {
  allocation: YearAllocation;
  figures: PlacementFigures;
  cost: CostBreakdown;
}
