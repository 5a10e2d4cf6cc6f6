/**
 * The Map's figures as a table (its text equivalent): one row per member authority, in words.
 */
import type { MapArea } from '../../charts/map/types';
import type { MapYear } from '#shared/map/index.js';
import { gapPhrase, gapRange, longDate } from '../../charts/map/words';
import { formatWholeNoNegativeZero } from '../../format/numbers';
import { formatIntlPercent } from '../../format/shares';

export interface TableRow {
  code: string;
  name: string;
  cells: string[];
}

export const tableHeadings = [
  'Gap, median (beds)',
  'Gap, 80% range (P10 to P90)',
  'Beds needed, median',
  'Accessible places',
  'Registered places',
  'Placed 20+ miles away',
  'Placed in own council area / elsewhere in consortium / outside',
] as const;

export function tableRows(areas: readonly MapArea[], year: MapYear): TableRow[] {
  return [...areas]
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'))
    .map((a) => {
      const f = a.figures;
      if (year.kind === 'base') return baseTableRow(a);
      const p = f.projected;
      const noGap = year.kind === 'history' ? 'not projected for a published year' : 'no projection';
      return {
        code: a.code,
        name: a.name,
        cells: [
          p ? `${gapPhrase(p.gap.p50)}` : noGap,
          p ? gapRange(p.gap) : '—',
          p
            ? `${formatWholeNoNegativeZero(p.bedsNeeded.p50)} (${formatWholeNoNegativeZero(p.bedsNeeded.p10)} to ${formatWholeNoNegativeZero(p.bedsNeeded.p90)})`
            : '—',
          p
            ? formatWholeNoNegativeZero(p.accessiblePlaces)
            : f.accessiblePlacesNow !== null
              ? formatWholeNoNegativeZero(f.accessiblePlacesNow)
              : '—',
          p
            ? formatWholeNoNegativeZero(p.registeredPlaces)
            : f.supplyPlaces
              ? formatWholeNoNegativeZero(f.supplyPlaces)
              : '—',
          f.distance ? `${formatIntlPercent(f.distance.share)} (${longDate(f.distance.period)})` : 'no figure',
          f.placements
            ? `${formatWholeNoNegativeZero(f.placements.own)} / ${formatWholeNoNegativeZero(f.placements.consortium)} / ${formatWholeNoNegativeZero(f.placements.outside)}`
            : 'no flow data',
        ],
      };
    });
}

/** A member's year-0 row: the observed gap, children ÷ occupancy, accessible and registered places by sector, where placed. */
function baseTableRow(a: MapArea): TableRow {
  const f = a.figures;
  const b = f.base;
  const w = b?.placedWhere ?? null;
  const places = b?.places;
  return {
    code: a.code,
    name: a.name,
    cells: [
      b?.gap != null ? `${gapPhrase(b.gap)} (observed)` : 'no observed children',
      'observed: no range',
      b?.bedsNeeded != null
        ? `${formatWholeNoNegativeZero(b.bedsNeeded)} (${formatWholeNoNegativeZero(b.children ?? 0)} children)`
        : '—',
      places ? formatWholeNoNegativeZero(places.accessible) : '—',
      places
        ? `${formatWholeNoNegativeZero(places.registered)} (LA-run ${formatWholeNoNegativeZero(places.laRun)}, contracted ${formatWholeNoNegativeZero(places.contracted)}, private and voluntary ${formatWholeNoNegativeZero(places.openMarket)})`
        : '—',
      f.distance ? `${formatIntlPercent(f.distance.share)} (${longDate(f.distance.period)})` : 'no figure',
      w
        ? `${formatWholeNoNegativeZero(w.ownLa)} / ${formatWholeNoNegativeZero(w.elsewhereInConsortium)} / ${formatWholeNoNegativeZero(w.outside)} (${longDate(w.period)})`
        : f.placements
          ? `${formatWholeNoNegativeZero(f.placements.own)} / ${formatWholeNoNegativeZero(f.placements.consortium)} / ${formatWholeNoNegativeZero(f.placements.outside)}`
          : 'no flow data',
    ],
  };
}
