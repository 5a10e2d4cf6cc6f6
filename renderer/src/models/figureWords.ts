/**
 * Words about figures shared by several views: the mark shown in place of a missing number, why a
 * figure is missing (the published suppression code in words).
 * Pure, unit-tested.
 */
import type { HeadlineFigure } from '#shared/model/summary.js';
import type { SuppressionCode } from '#shared/model/dataset.js';

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

/** Why a figure is missing, in words: the suppression reason, or that nothing was published or stored. */
export function missingReason(figure: HeadlineFigure | null): string {
  if (!figure) return 'no figure stored';
  if (figure.suppression) return suppressionReasons[figure.suppression];
  return 'not published';
}
