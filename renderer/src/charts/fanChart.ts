/**
 * Pure geometry for a fan chart: observed history, the projection's P10–P90 band and median, beds
 * needed (median) and accessible places, on financial years ending 31 March. d3 computes the scales
 * and the shapes; React renders the SVG (see FanChart.tsx). Missing history (null) breaks the line
 * rather than being drawn as zero.
 */
import { area, curveStepAfter, line, scaleLinear, type ScaleLinear } from 'd3';
import { formatWhole } from '../format/numbers';

/** One observed year; null where the figure is missing or suppressed. */
export interface FanHistoryPoint {
  year: string;
  value: number | null;
}

/** What the chart needs from one projected year (a YearProjection has all of it). */
export interface FanYear {
  year: string;
  demand: { p10: number; p50: number; p90: number };
  bedsNeeded: { p50: number };
  accessiblePlaces: number;
}

/** What the chart needs from one area's projection (an AreaProjection has all of it). */
export interface FanChartInput {
  name: string;
  history: readonly FanHistoryPoint[];
  years: readonly FanYear[];
}

export interface FanChartSize {
  width: number;
  height: number;
  /** Room for the axes and, on a large chart, the labels at the lines' right-hand ends. */
  margin?: { top: number; right: number; bottom: number; left: number };
  /** A small multiple: fewer ticks, no end labels. */
  compact?: boolean;
}

export const largeFanChartSize: Required<FanChartSize> = {
  width: 840,
  height: 380,
  margin: { top: 28, right: 128, bottom: 56, left: 64 },
  compact: false,
};

export const compactFanChartSize: Required<FanChartSize> = {
  width: 240,
  height: 150,
  margin: { top: 10, right: 10, bottom: 24, left: 38 },
  compact: true,
};

export interface FanPoint {
  year: string;
  value: number;
  x: number;
  y: number;
}

export interface FanBandPoint {
  year: string;
  x: number;
  p10: number;
  p50: number;
  p90: number;
  y10: number;
  y50: number;
  y90: number;
  /** True for the last observed year the band starts from (a point, not a projection). */
  anchor: boolean;
}

export interface FanTick {
  label: string;
  /** Position along its axis. */
  at: number;
}

export interface FanStep {
  year: string;
  value: number;
  x0: number;
  x1: number;
  y: number;
}

export interface FanEndLabel {
  kind: 'median' | 'beds' | 'places';
  text: string;
  /** Where the line ends. */
  y: number;
  /** Where the label sits, moved apart from its neighbours. */
  labelY: number;
}

export interface FanChartModel {
  width: number;
  height: number;
  compact: boolean;
  plot: { left: number; right: number; top: number; bottom: number };
  /** Every year from the first observed to the last projected, oldest first. */
  years: string[];
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  yDomain: [number, number];
  xTicks: FanTick[];
  yTicks: FanTick[];
  /** The last observed year, and where the projection starts on the x axis; null without history. */
  baseYear: string | null;
  baseX: number | null;
  /** Observed line (broken at missing years); null with fewer than two neighbouring values. */
  historyPath: string | null;
  historyPoints: FanPoint[];
  /** Years without an observed figure between the first and last observed. */
  historyGaps: string[];
  /** The P10–P90 band, from the last observed value (when there is one) through each projected year. */
  band: FanBandPoint[];
  bandPath: string | null;
  medianPath: string | null;
  medianPoints: FanPoint[];
  bedsPath: string | null;
  bedsPoints: FanPoint[];
  /** Accessible places as one step per projected year. */
  placesPath: string | null;
  placesSteps: FanStep[];
  /** Values written at the right-hand end of the lines (large charts only). */
  endLabels: FanEndLabel[];
}

const yearNumber = (year: string) => Number(/^\d{4}/.exec(year)?.[0] ?? NaN);

/**
 * Lays out one area's fan chart. The x scale runs over year numbers (half a year of padding at each
 * end, so the steps of accessible places centre on their year); the y scale starts at zero and covers
 * the history, P90, beds needed and places.
 */
export function fanChartModel(input: FanChartInput, size: FanChartSize = largeFanChartSize): FanChartModel {
  const compact = size.compact ?? false;
  const margin = size.margin ?? (compact ? compactFanChartSize.margin : largeFanChartSize.margin);
  const { width, height } = size;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };

  const observed = [...input.history]
    .filter((p) => Number.isFinite(yearNumber(p.year)))
    .sort((a, b) => yearNumber(a.year) - yearNumber(b.year));
  const projected = [...input.years]
    .filter((p) => Number.isFinite(yearNumber(p.year)))
    .sort((a, b) => yearNumber(a.year) - yearNumber(b.year));
  const allYears = [...observed.map((p) => yearNumber(p.year)), ...projected.map((p) => yearNumber(p.year))];
  const firstYear = allYears.length ? Math.min(...allYears) : 0;
  const lastYear = allYears.length ? Math.max(...allYears) : 1;
  const years: string[] = [];
  for (let yr = firstYear; yr <= lastYear && allYears.length; yr++) years.push(String(yr));

  const x = scaleLinear()
    .domain([firstYear - 0.5, lastYear + 0.5])
    .range([plot.left, plot.right]);
  const xOf = (year: string) => x(yearNumber(year));

  // Observed values on every year from the first observed to the last, null where missing.
  const observedByYear = new Map(observed.map((p) => [yearNumber(p.year), p.value]));
  const observedYears = observed.map((p) => yearNumber(p.year));
  const historySeries: FanHistoryPoint[] = [];
  if (observedYears.length) {
    for (let yr = Math.min(...observedYears); yr <= Math.max(...observedYears); yr++) {
      const v = observedByYear.get(yr);
      historySeries.push({ year: String(yr), value: v === undefined || v === null || !Number.isFinite(v) ? null : v });
    }
  }
  const lastObserved = [...historySeries].reverse().find((p) => p.value !== null) ?? null;

  const values: number[] = [];
  for (const p of historySeries) if (p.value !== null) values.push(p.value);
  for (const p of projected) values.push(p.demand.p90, p.demand.p50, p.bedsNeeded.p50, p.accessiblePlaces);
  const top = Math.max(1, ...values.filter(Number.isFinite));
  const y = scaleLinear()
    .domain([0, top * 1.04])
    .nice(compact ? 3 : 6)
    .range([plot.bottom, plot.top]);
  const yDomain = y.domain() as [number, number];

  const historyPoints: FanPoint[] = historySeries.flatMap((p) =>
    p.value === null ? [] : [{ year: p.year, value: p.value, x: xOf(p.year), y: y(p.value) }],
  );
  const hasSegment = historySeries.some((p, i) => p.value !== null && historySeries[i + 1]?.value != null);
  const historyPath = hasSegment
    ? (line<FanHistoryPoint>()
        .defined((p) => p.value !== null)
        .x((p) => xOf(p.year))
        .y((p) => y(p.value ?? 0))(historySeries) ?? null)
    : null;

  // The band and median start from the last observed value when it is the year before the first projection.
  const firstProjected = projected[0];
  const anchored =
    lastObserved !== null &&
    lastObserved.value !== null &&
    firstProjected !== undefined &&
    yearNumber(firstProjected.year) - yearNumber(lastObserved.year) === 1;
  const band: FanBandPoint[] = [];
  if (anchored && lastObserved?.value != null) {
    const v = lastObserved.value;
    band.push({
      year: lastObserved.year,
      x: xOf(lastObserved.year),
      p10: v,
      p50: v,
      p90: v,
      y10: y(v),
      y50: y(v),
      y90: y(v),
      anchor: true,
    });
  }
  for (const p of projected) {
    band.push({
      year: p.year,
      x: xOf(p.year),
      p10: p.demand.p10,
      p50: p.demand.p50,
      p90: p.demand.p90,
      y10: y(p.demand.p10),
      y50: y(p.demand.p50),
      y90: y(p.demand.p90),
      anchor: false,
    });
  }
  const bandPath =
    band.length >= 2
      ? (area<FanBandPoint>()
          .x((p) => p.x)
          .y0((p) => p.y10)
          .y1((p) => p.y90)(band) ?? null)
      : null;
  const medianPath =
    band.length >= 2
      ? (line<FanBandPoint>()
          .x((p) => p.x)
          .y((p) => p.y50)(band) ?? null)
      : null;
  const medianPoints: FanPoint[] = projected.map((p) => ({
    year: p.year,
    value: p.demand.p50,
    x: xOf(p.year),
    y: y(p.demand.p50),
  }));

  const bedsPoints: FanPoint[] = projected.map((p) => ({
    year: p.year,
    value: p.bedsNeeded.p50,
    x: xOf(p.year),
    y: y(p.bedsNeeded.p50),
  }));
  const bedsPath =
    bedsPoints.length >= 2
      ? (line<FanPoint>()
          .x((p) => p.x)
          .y((p) => p.y)(bedsPoints) ?? null)
      : null;

  // Accessible places: a step per projected year, from half a year before it to half a year after.
  const placesSteps: FanStep[] = projected.map((p) => ({
    year: p.year,
    value: p.accessiblePlaces,
    x0: x(yearNumber(p.year) - 0.5),
    x1: x(yearNumber(p.year) + 0.5),
    y: y(p.accessiblePlaces),
  }));
  const lastStep = placesSteps[placesSteps.length - 1];
  const placesPath =
    lastStep !== undefined
      ? (line<{ x: number; y: number }>()
          .curve(curveStepAfter)
          .x((p) => p.x)
          .y((p) => p.y)([...placesSteps.map((s) => ({ x: s.x0, y: s.y })), { x: lastStep.x1, y: lastStep.y }]) ?? null)
      : null;

  const maxTicks = compact ? 3 : 11;
  const stride = Math.max(1, Math.ceil(years.length / maxTicks));
  const lastIndex = years.length - 1;
  const xTicks: FanTick[] = years
    .filter((_, i) => compact || (lastIndex - i) % stride === 0)
    .filter((yr, i, list) => !compact || i === 0 || i === list.length - 1 || yr === lastObserved?.year)
    .map((yr) => ({ label: yr, at: xOf(yr) }));
  const yTicks: FanTick[] = y.ticks(compact ? 3 : 6).map((v) => ({ label: formatWhole(v), at: y(v) }));

  const lastProjected = projected[projected.length - 1];
  const endLabels: FanEndLabel[] =
    compact || !lastProjected
      ? []
      : spreadLabels(
          [
            {
              kind: 'median' as const,
              text: `${formatWhole(lastProjected.demand.p50)} children`,
              y: y(lastProjected.demand.p50),
            },
            {
              kind: 'beds' as const,
              text: `${formatWhole(lastProjected.bedsNeeded.p50)} beds`,
              y: y(lastProjected.bedsNeeded.p50),
            },
            {
              kind: 'places' as const,
              text: `${formatWhole(lastProjected.accessiblePlaces)} places`,
              y: y(lastProjected.accessiblePlaces),
            },
          ],
          18,
          plot.top,
          plot.bottom,
        );

  return {
    width,
    height,
    compact,
    plot,
    years,
    x,
    y,
    yDomain,
    xTicks,
    yTicks,
    baseYear: lastObserved?.year ?? null,
    baseX: lastObserved ? xOf(lastObserved.year) : null,
    historyPath,
    historyPoints,
    historyGaps: historySeries.filter((p) => p.value === null).map((p) => p.year),
    band,
    bandPath,
    medianPath,
    medianPoints,
    bedsPath,
    bedsPoints,
    placesPath,
    placesSteps,
    endLabels,
  };
}

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
