/**
 * One assumption row of a generated dataset (scripts/illustrative.ts, scripts/national-costs.ts),
 * stamped with the generator that made it and when.
 */
import type { Assumption } from '#shared/model/placements.js';

/** A maker of assumption rows for one generator. */
export function assumptionMaker(changedBy: string, changedAt: string) {
  return (
    key: string,
    label: string,
    value: number,
    unit: string,
    rationale: string,
    source: string | null,
  ): Assumption => ({ key, label, value, unit, rationale, source, changedBy, changedAt });
}
