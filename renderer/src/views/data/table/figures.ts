/**
 * The words of the Data view's figures: a placement balance in words and the counts also shown as a
 * share of children looked after (the missing mark and suppression reasons are in
 * renderer/src/models/figureWords.ts, shared with the report).
 */
import type { MeasureId } from '#shared/model/measures.js';

/** Net import of placements in words, so the sign is never carried by colour alone. */
export type PlacementBalance = 'net importer' | 'net exporter' | 'balanced';

export function placementBalance(value: number): PlacementBalance {
  return value > 0 ? 'net importer' : value < 0 ? 'net exporter' : 'balanced';
}

/** Counts also shown as a share of the children looked after on the same date. */
export const sharedOfLookedAfter: ReadonlySet<MeasureId> = new Set<MeasureId>([
  'placedOutsideLaBoundary',
  'placedOver20Miles',
]);
