/**
 * Pure geometry of the charts by year: lines (the bed gap) and grouped bars (cost), one series per
 * scenario on a shared scale, and their text description. d3 computes scales and shapes; React
 * renders the SVG (YearCharts.tsx).
 */
import { line, scaleBand, scaleLinear, scalePoint } from 'd3';
import {
  plotOf,
  seriesYears,
  valueDomain,
  yearChartSize,
  type ChartSize,
  type Plot,
  type Tick,
  type YearTick,
} from './layout';
import { seriesStyle, type SeriesStyle, type YearSeries, type YearValue } from './series';

export interface LinePoint extends YearValue {
  x: number;
  y: number;
}

export interface ChartLine {
  id: string;
  name: string;
  style: SeriesStyle;
  path: string;
  points: LinePoint[];
}

export interface LineChartModel {
  width: number;
  height: number;
  plot: Plot;
  years: string[];
  xTicks: YearTick[];
  yTicks: Tick[];
  /** Where zero is, when the domain includes it. */
  zeroY: number | null;
  /** Where to draw the axis-break mark (the foot of the y axis) when the axis does not start at zero; else null. */
  axisBreakY: number | null;
  lines: ChartLine[];
}

export interface ValueChartOptions {
  size?: ChartSize;
  /**
   * Start the axis at zero (the default). False keeps a tighter, non-zero baseline, and the model
   * then gives an axis-break mark to draw so the reader sees the axis is cut.
   */
  includeZero?: boolean;
  tickFormat: (value: number) => string;
}

/** Lines by year, one per series, on a shared scale from zero (or cut, with a break mark, when asked). */
export function lineChartModel(series: readonly YearSeries[], options: ValueChartOptions): LineChartModel {
  const size = options.size ?? yearChartSize;
  const plot = plotOf(size);
  const years = seriesYears(series);
  const x = scalePoint<string>().domain(years).range([plot.left, plot.right]).padding(0.35);
  const values = series.flatMap((s) => s.values.map((v) => v.value));
  const y = scaleLinear()
    .domain(valueDomain(values, options.includeZero ?? true))
    .range([plot.bottom, plot.top])
    .nice(5);
  const [lo, hi] = y.domain() as [number, number];
  const path = line<LinePoint>()
    .x((p) => p.x)
    .y((p) => p.y);
  return {
    width: size.width,
    height: size.height,
    plot,
    years,
    xTicks: years.map((year) => ({ year, at: x(year) ?? plot.left })),
    yTicks: y.ticks(5).map((value) => ({ value, label: options.tickFormat(value), at: y(value) })),
    zeroY: lo <= 0 && hi >= 0 ? y(0) : null,
    axisBreakY: lo > 0 || hi < 0 ? plot.bottom - 6 : null,
    lines: series.map((s, i) => {
      const points = s.values.map((v) => ({ ...v, x: x(v.year) ?? plot.left, y: y(v.value) }));
      return { id: s.id, name: s.name, style: seriesStyle(s.styleIndex ?? i), path: path(points) ?? '', points };
    }),
  };
}

export interface Bar {
  seriesId: string;
  seriesName: string;
  year: string;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  style: SeriesStyle;
}

export interface GroupedBarModel {
  width: number;
  height: number;
  plot: Plot;
  years: string[];
  xTicks: YearTick[];
  yTicks: Tick[];
  zeroY: number;
  bars: Bar[];
}

/** Bars grouped by year, one per series, from zero (negative values hang below it). */
export function groupedBarModel(series: readonly YearSeries[], options: ValueChartOptions): GroupedBarModel {
  const size = options.size ?? yearChartSize;
  const plot = plotOf(size);
  const years = seriesYears(series);
  const x0 = scaleBand<string>().domain(years).range([plot.left, plot.right]).paddingInner(0.28).paddingOuter(0.14);
  const x1 = scaleBand<string>()
    .domain(series.map((s) => s.id))
    .range([0, x0.bandwidth()])
    .padding(0.08);
  const values = series.flatMap((s) => s.values.map((v) => v.value));
  const y = scaleLinear().domain(valueDomain(values, true)).range([plot.bottom, plot.top]).nice(5);
  const zeroY = y(0);
  const bars: Bar[] = [];
  series.forEach((s, i) => {
    for (const v of s.values) {
      const top = y(Math.max(0, v.value));
      const bottom = y(Math.min(0, v.value));
      bars.push({
        seriesId: s.id,
        seriesName: s.name,
        year: v.year,
        value: v.value,
        x: (x0(v.year) ?? plot.left) + (x1(s.id) ?? 0),
        y: top,
        width: x1.bandwidth(),
        height: Math.max(bottom - top, v.value === 0 ? 0 : 1),
        style: seriesStyle(s.styleIndex ?? i),
      });
    }
  });
  return {
    width: size.width,
    height: size.height,
    plot,
    years,
    xTicks: years.map((year) => ({ year, at: (x0(year) ?? plot.left) + x0.bandwidth() / 2 })),
    yTicks: y.ticks(5).map((value) => ({ value, label: options.tickFormat(value), at: y(value) })),
    zeroY,
    bars,
  };
}

/** "Bed gap by year: Baseline 399 in 2026 to 594 in 2030; …" */
export function describeYearChart(title: string, series: readonly YearSeries[], format: (v: number) => string): string {
  const parts = series.map((s) => {
    const first = s.values[0];
    const last = s.values[s.values.length - 1];
    if (!first || !last) return `${s.name}: no figures`;
    if (first === last) return `${s.name} ${format(first.value)} in ${first.year}`;
    return `${s.name} ${format(first.value)} in ${first.year} to ${format(last.value)} in ${last.year}`;
  });
  return `${title}: ${parts.join('; ')}.`;
}
