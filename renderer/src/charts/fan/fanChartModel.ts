/**
 * Pure geometry for a fan chart: observed history, the projection's P10–P90 band and median, beds
 * needed (median) and accessible places, on financial years ending 31 March. d3 computes the scales
 * and the shapes; React renders the SVG (see FanChart.tsx). Missing history (null) breaks the line
 * rather than being drawn as zero.
 */
import { area, curveStepAfter, line, scaleLinear } from 'd3';
import { formatWhole } from '../../format/numbers';
import { spreadLabels } from './fanLabels';
import {
  compactFanChartSize,
  largeFanChartSize,
  type FanBandPoint,
  type FanChartInput,
  type FanChartModel,
  type FanChartSize,
  type FanEndLabel,
  type FanHistoryPoint,
  type FanPoint,
  type FanStep,
  type FanTick,
  yearNumber,
} from './fanChartTypes';

/** One observed year; null where the figure is missing or suppressed. */
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
