/**
 * Formatting of a published measure's figures in its own terms: the period a figure is for
 * ("31 March 2024", "year to 31 March 2024", "mid-2024") and its value in the measure's unit
 * (counts, rates, balances with their sign). Pure functions, unit-tested.
 */
import { measures, type MeasureId } from '#shared/model/measures.js';
import { formatIsoDay } from './dates';
import { upToOneDecimal, wholeNumber } from './numbers';

type PeriodKind = 'onDate' | 'yearTo' | 'midYear';

/** How a bare year ("2024") reads for each measure: a count on 31 March, a flow over the year, or a mid-year estimate. */
const periodKinds: Record<MeasureId, PeriodKind> = {
  childrenLookedAfter: 'onDate',
  childrenLookedAfterRatePer10k: 'onDate',
  childrenStartingCare: 'yearTo',
  childrenCeasingCare: 'yearTo',
  childrenInChildrensHomes: 'onDate',
  placedOutsideLaBoundary: 'onDate',
  placedOver20Miles: 'onDate',
  childrenWithMissingIncident: 'yearTo',
  missingIncidents: 'yearTo',
  otherLasChildrenPlacedInside: 'onDate',
  population0to17: 'midYear',
  childrensHomes: 'onDate',
  registeredPlaces: 'onDate',
  registeredPlacesPer10k: 'onDate',
  netPlacementImport: 'onDate',
};

/** "2024" → "31 March 2024" (or "year to 31 March 2024", "mid-2024"); "2023-03-31" → "31 March 2023". */
export function formatPeriod(measure: MeasureId, period: string): string {
  const year = /^(\d{4})$/.exec(period);
  if (year) {
    switch (periodKinds[measure]) {
      case 'onDate':
        return `31 March ${period}`;
      case 'yearTo':
        return `year to 31 March ${period}`;
      case 'midYear':
        return `mid-${period}`;
    }
  }
  return formatIsoDay(period) ?? period;
}

/** Measures whose value is a balance, shown with its sign ("+120", "−85"). */
export const signedMeasures: ReadonlySet<MeasureId> = new Set<MeasureId>(['netPlacementImport']);

/** "+120", "−85" (a true minus sign) or "0"; the value is not rounded before its sign is chosen. */
export function formatSigned(value: number): string {
  const text = wholeNumber.format(Math.abs(value));
  if (text === '0') return '0';
  return value > 0 ? `+${text}` : `−${text}`;
}

/**
 * Formats a value in the measure's unit: counts as whole numbers with thousands separators, rates to
 * at most 1 dp, and balances (net import) with their sign.
 */
export function formatValue(measure: MeasureId, value: number): string {
  if (signedMeasures.has(measure)) return formatSigned(value);
  return measures[measure].aggregation === 'rate' ? upToOneDecimal.format(value) : wholeNumber.format(value);
}
