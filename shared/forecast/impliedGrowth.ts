/**
 * The annual growth in children a projection implies, from its last observed figure to its last
 * projected median: what the projection view offers as a starting point for the manual method's
 * growth rate.
 */
import type { AreaProjection } from './types.js';

/** The compound annual growth from the last observed year to the last projected median; null without both. */
export function impliedAnnualGrowth(area: Pick<AreaProjection, 'history' | 'years'>): number | null {
  const last = area.history[area.history.length - 1];
  const end = area.years[area.years.length - 1];
  if (!last || !end || last.value <= 0 || end.demand.p50 <= 0) return null;
  const span = Number(end.year) - Number(last.year);
  if (!Number.isFinite(span) || span <= 0) return null;
  return Math.pow(end.demand.p50 / last.value, 1 / span) - 1;
}
