/**
 * The Map's figures as a table (its text equivalent): one row per member authority, in words.
 */
import type { MapArea } from '../../charts/map/types';
import type { MapYear } from '../../../../shared/map/index.js';
import { formatCount, formatPercent, gapPhrase, gapRange, longDate } from '../../charts/map/words';

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
            ? `${formatCount(p.bedsNeeded.p50)} (${formatCount(p.bedsNeeded.p10)} to ${formatCount(p.bedsNeeded.p90)})`
            : '—',
          p
            ? formatCount(p.accessiblePlaces)
            : f.accessiblePlacesNow !== null
              ? formatCount(f.accessiblePlacesNow)
              : '—',
          p ? formatCount(p.registeredPlaces) : f.supplyPlaces ? formatCount(f.supplyPlaces) : '—',
          f.distance ? `${formatPercent(f.distance.share)} (${longDate(f.distance.period)})` : 'no figure',
          f.placements
            ? `${formatCount(f.placements.own)} / ${formatCount(f.placements.consortium)} / ${formatCount(f.placements.outside)}`
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
      b?.bedsNeeded != null ? `${formatCount(b.bedsNeeded)} (${formatCount(b.children ?? 0)} children)` : '—',
      places ? formatCount(places.accessible) : '—',
      places
        ? `${formatCount(places.registered)} (LA-run ${formatCount(places.laRun)}, contracted ${formatCount(places.contracted)}, private and voluntary ${formatCount(places.openMarket)})`
        : '—',
      f.distance ? `${formatPercent(f.distance.share)} (${longDate(f.distance.period)})` : 'no figure',
      w
        ? `${formatCount(w.ownLa)} / ${formatCount(w.elsewhereInConsortium)} / ${formatCount(w.outside)} (${longDate(w.period)})`
        : f.placements
          ? `${formatCount(f.placements.own)} / ${formatCount(f.placements.consortium)} / ${formatCount(f.placements.outside)}`
          : 'no flow data',
    ],
  };
}
