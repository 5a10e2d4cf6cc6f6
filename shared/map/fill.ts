/**
 * What colours each area of the Map: the measure asked for (the bed gap or the share placed more than
 * 20 miles away) unless the year cannot show it, and each area's value under that measure.
 */
import type { ProjectionResult } from '../forecast/types.js';
import type { AreaFigures } from './figures.js';
import type { FillMeasure } from './layers.js';
import type { MapYear } from './years.js';

/**
 * Why the colours show the share placed 20+ miles away though the gap was asked for: no member has an
 * observed year-0 gap, the year is one of published figures only, or there is no projection.
 */
export type FillFallback = 'no-observed-gap' | 'published-year' | 'no-projection';

/** The measure the colours show for the year, and why it is not the one asked for (null when it is). */
export function chooseFill(
  asked: FillMeasure,
  year: MapYear,
  figures: ReadonlyMap<string, AreaFigures>,
  projection: ProjectionResult | null,
): { fill: FillMeasure; fallback: FillFallback | null } {
  if (asked === 'gap' && year.kind === 'base' && ![...figures.values()].some((f) => f.base?.gap != null))
    return { fill: 'distance', fallback: 'no-observed-gap' };
  if (asked === 'gap' && year.kind === 'history') return { fill: 'distance', fallback: 'published-year' };
  if (asked === 'gap' && !projection) return { fill: 'distance', fallback: 'no-projection' };
  return { fill: asked, fallback: null };
}

/**
 * The value an area is coloured by: the observed gap in the base year or the projected median gap,
 * or the published share placed 20+ miles away; null when the area has none.
 */
export function areaValue(f: AreaFigures, fill: FillMeasure, year: MapYear): number | null {
  const gapValue = year.kind === 'base' ? (f.base?.gap ?? null) : (f.projected?.gap.p50 ?? null);
  if (fill === 'gap' && gapValue !== null) return gapValue;
  if (fill === 'distance' && f.distance) return f.distance.share;
  return null;
}
