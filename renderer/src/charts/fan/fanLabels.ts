/**
 * The words and labels of a fan chart: end-of-line labels moved apart so they never overlap, and
 * the chart's text alternative ("Greater Manchester: 727 children in 2025; projected 764 …").
 */
import { formatWhole } from '../../format/numbers';
import { yearNumber, type FanChartInput } from './fanChartTypes';

/**
 * Moves labels apart so that neighbours are at least `gap` apart, keeping them inside [top, bottom]
 * and as close as possible to their own line's end.
 */
export function spreadLabels<T extends { y: number }>(
  labels: readonly T[],
  gap: number,
  top: number,
  bottom: number,
): (T & { labelY: number })[] {
  const sorted = labels.map((l) => ({ ...l, labelY: l.y })).sort((a, b) => a.y - b.y);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (prev && cur && cur.labelY - prev.labelY < gap) cur.labelY = prev.labelY + gap;
  }
  const last = sorted[sorted.length - 1];
  if (last && last.labelY > bottom) {
    last.labelY = bottom;
    for (let i = sorted.length - 2; i >= 0; i--) {
      const next = sorted[i + 1];
      const cur = sorted[i];
      if (cur && next && next.labelY - cur.labelY < gap) cur.labelY = next.labelY - gap;
    }
  }
  const first = sorted[0];
  if (first && first.labelY < top) {
    const shift = top - first.labelY;
    for (const l of sorted) l.labelY += shift;
  }
  return sorted;
}

/**
 * A text alternative for a fan chart: "Greater Manchester: 727 children in 2025; projected 764 (80%
 * range 675–855) in 2026, … 923 (790–1,083) in 2030. Beds needed (median) 899 in 2026 to 1,085 in
 * 2030; accessible places 500."
 */
export function describeFanChart(input: FanChartInput): string {
  const observed = [...input.history]
    .filter((p): p is { year: string; value: number } => p.value !== null && Number.isFinite(p.value))
    .sort((a, b) => yearNumber(a.year) - yearNumber(b.year));
  const last = observed[observed.length - 1];
  const head = last
    ? `${input.name}: ${formatWhole(last.value)} ${last.value === 1 ? 'child' : 'children'} in ${last.year}`
    : `${input.name}: no observed figures`;
  const years = [...input.years].sort((a, b) => yearNumber(a.year) - yearNumber(b.year));
  if (years.length === 0) return `${head}; no projection.`;
  const parts = years.map((p, i) => {
    const range =
      i === 0
        ? `80% range ${formatWhole(p.demand.p10)}–${formatWhole(p.demand.p90)}`
        : `${formatWhole(p.demand.p10)}–${formatWhole(p.demand.p90)}`;
    return `${formatWhole(p.demand.p50)} (${range}) in ${p.year}`;
  });
  const first = years[0];
  const end = years[years.length - 1];
  let tail = '';
  if (first && end) {
    const beds =
      first === end
        ? `Beds needed (median) ${formatWhole(first.bedsNeeded.p50)} in ${first.year}`
        : `Beds needed (median) ${formatWhole(first.bedsNeeded.p50)} in ${first.year} to ${formatWhole(end.bedsNeeded.p50)} in ${end.year}`;
    const placesFirst = formatWhole(first.accessiblePlaces);
    const placesEnd = formatWhole(end.accessiblePlaces);
    const places =
      placesFirst === placesEnd
        ? `accessible places ${placesFirst}`
        : `accessible places ${placesFirst} in ${first.year} to ${placesEnd} in ${end.year}`;
    tail = ` ${beds}; ${places}.`;
  }
  return `${head}; projected ${parts.join(', ')}.${tail}`;
}
