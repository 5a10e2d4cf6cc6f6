/**
 * The words of the Data view's figures: what each published suppression code means, the mark shown
 * for a missing number and why it is missing, and a placement balance in words.
 */
import type { HeadlineFigure } from '../../../../../shared/model/summary.js';
import type { MeasureId } from '../../../../../shared/model/measures.js';
import type { SuppressionCode } from '../../../../../shared/model/dataset.js';

/** What each published suppression code means, in words shown next to the missing value. */
export const suppressionReasons: Record<SuppressionCode, string> = {
  c: 'confidential',
  z: 'not applicable',
  x: 'unavailable',
  k: 'below 0.5',
  low: 'low',
  u: 'low reliability',
};

/** Shown in place of a missing number; the reason always accompanies it as text. */
export const missingMark = '—';

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

/** Why a figure is missing, in words: the suppression reason, or that nothing was published or stored. */
export function missingReason(figure: HeadlineFigure | null): string {
  if (!figure) return 'no figure stored';
  if (figure.suppression) return suppressionReasons[figure.suppression];
  return 'not published';
}
