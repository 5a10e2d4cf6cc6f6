/**
 * The Map's words: counts and shares, the gap in phrases and labels, dates, the accessible name of
 * each area, and shortened source titles.
 */
import { wrapText as wrap } from '../chartExport';
import type { Percentiles } from '#shared/forecast/types.js';
import type { AreaFigures, FillMeasure, MapYear } from '#shared/map/index.js';
import { formatSnapshot } from '#shared/model/dates.js';
import { formatWholeNoNegativeZero } from '../../format/numbers';
import { formatIntlPercent } from '../../format/shares';

const beds = (n: number) => `${formatWholeNoNegativeZero(n)} ${Math.round(n) === 1 ? 'bed' : 'beds'}`;

/** "short by 43 beds", "12 beds to spare", "no gap". */
export function gapPhrase(gap: number): string {
  const r = Math.round(gap);
  if (r > 0) return `short by ${beds(r)}`;
  if (r < 0) return `${beds(-r)} to spare`;
  return 'no gap';
}

/** The label written on the map: "43 short", "12 spare", "even". */
export function gapLabel(gap: number): string {
  const r = Math.round(gap);
  return r > 0 ? `${formatWholeNoNegativeZero(r)} short` : r < 0 ? `${formatWholeNoNegativeZero(-r)} spare` : 'even';
}

/** The 80% range (P10 to P90) in the headline's own terms: "20 to 66", "5 to 30 to spare", "from 4 to spare to 9 short". */
export function gapRange(p: Percentiles): string {
  const lo = Math.round(p.p10);
  const hi = Math.round(p.p90);
  const mid = Math.round(p.p50);
  if (lo >= 0 && mid >= 0) return `${formatWholeNoNegativeZero(lo)} to ${formatWholeNoNegativeZero(hi)}`;
  if (hi <= 0 && mid <= 0) return `${formatWholeNoNegativeZero(-hi)} to ${formatWholeNoNegativeZero(-lo)} to spare`;
  const side = (v: number) =>
    v > 0 ? `${formatWholeNoNegativeZero(v)} short` : v < 0 ? `${formatWholeNoNegativeZero(-v)} to spare` : 'none';
  return `from ${side(lo)} to ${side(hi)}`;
}

/** "2023-03-31" → "31 March 2023"; "2025" → "31 March 2025". */
export { formatSnapshot };

/** How a slider year is read: "published", "observed (year 0)" or "projected". */
export function yearKindWords(year: MapYear): string {
  return year.kind === 'projection' ? 'projected' : year.kind === 'base' ? 'observed (year 0)' : 'published';
}

export function longDate(year: string): string {
  return `31 March ${year}`;
}

/** The accessible name of an area on the map, with its value. */
export function areaLabel(f: AreaFigures, mode: FillMeasure, year: MapYear): string {
  if (mode === 'gap' && year.kind === 'base') {
    const b = f.base;
    if (!b || b.gap === null) return `${f.name}: no observed gap for ${year.year}`;
    return `${f.name}: ${gapPhrase(b.gap)} on ${longDate(b.year)}, observed (year 0): ${formatWholeNoNegativeZero(b.children ?? 0)} children, ${formatWholeNoNegativeZero(b.places.accessible)} accessible places`;
  }
  if (mode === 'gap') {
    if (!f.projected) return `${f.name}: no projected gap for ${year.year}`;
    return `${f.name}: ${gapPhrase(f.projected.gap.p50)} in ${year.year} (80% range ${gapRange(f.projected.gap)})`;
  }
  if (!f.distance) return `${f.name}: no published figure for children placed more than 20 miles away in ${year.year}`;
  const d = f.distance;
  return `${f.name}: ${formatIntlPercent(d.share)} of children looked after placed more than 20 miles from home on ${longDate(d.period)} (${formatWholeNoNegativeZero(d.over20)} of ${formatWholeNoNegativeZero(d.childrenLookedAfter)})`;
}

/** A source title up to its first colon, bracket or "generated", at most `max` characters (whole words). */
export function shortTitle(title: string, max: number): string {
  const head = title.split(/[:(]|,? generated\b/)[0]!.trim();
  if (head.length <= max) return head;
  const cut = head.slice(0, max + 1);
  return `${cut.slice(0, cut.lastIndexOf(' ')).replace(/[,;]$/, '')}…`;
}

/** Greedy word wrap at a number of characters (the charts' wrapText). */
export { wrap };
