/**
 * A lever in words for lists ("12 beds in Bury, 2025-26 for 5 years"), and a share as the
 * percentage typed. Shared by the Scenarios view's lever editor and the report. Pure, unit-tested.
 */
import type { Lever } from '#shared/scenario/levers.js';
import { financialYear } from '#shared/scenario/years.js';

/** A share as the percentage typed: 0.07 → "7", 0.333333 → "33.3333". */
export function shareToPercentText(share: number): string {
  return String(Number((share * 100).toFixed(4)));
}

/**
 * A short description of a lever for lists: "12 beds in Bury, 2025-26 for 5 years". Years are shown
 * as financial years ("2025-26" for the stored "2026", the year ending 31 March).
 */
export function leverSummary(lever: Lever, memberName: (code: string) => string): string {
  const where = (code: string) => (code === 'all' ? 'all members' : memberName(code));
  switch (lever.type) {
    case 'blockContract':
      return `${lever.beds} beds in ${where(lever.la)}, ${financialYear(lever.startYear)} for ${lever.termYears} years`;
    case 'newHome':
      return `${lever.places} places in ${where(lever.la)}, opening ${financialYear(lever.openingYear)}`;
    case 'localFirstAgreement':
      return `${shareToPercentText(lever.share)}% of places in ${where(lever.la)}, from ${financialYear(lever.startYear)}`;
    case 'closure':
      return `${lever.places} ${lever.sector.toLowerCase()} places in ${where(lever.la)}, ${financialYear(lever.year)}`;
    case 'prevention':
      return `${shareToPercentText(lever.entriesReduction)}% fewer entries in ${where(lever.la)}, from ${financialYear(lever.startYear)}`;
    case 'stepDown':
      return `${shareToPercentText(lever.annualShare)}% a year in ${where(lever.la)}, from ${financialYear(lever.startYear)}`;
    case 'priceInflation':
      return `${shareToPercentText(lever.annualRate)}% a year from ${financialYear(lever.startYear)}`;
    case 'distancePolicy':
      return `${where(lever.la)}, from ${financialYear(lever.startYear)}`;
  }
}
