/**
 * Pure geometry of the scenario charts: lines by year (the bed gap), grouped bars by year (cost),
 * stacked bars of where children are placed (own council area, elsewhere in the consortium, outside, without
 * a registered place) and a tornado of sensitivities. d3 computes scales and shapes; React renders
 * the SVG (ScenarioCharts.tsx). Series are told apart by colour (Okabe–Ito, safe for colour-blind
 * readers), by marker shape and by dash pattern, and every chart has a text description.
 */
import { line, max, min, scaleBand, scaleLinear, scalePoint, stack, symbol, symbolCircle, symbolCross } from 'd3';
import { symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3';
import { wrapText } from './chartExport';

export interface YearValue {
  year: string;
  value: number;
}

/** One line (or one colour of bars): a scenario's values by year. */
export interface YearSeries {
  id: string;
  name: string;
  values: readonly YearValue[];
  /** Which of {@link seriesStyles} to draw it in (default: its position), so a scenario keeps its colour. */
  styleIndex?: number;
}

export type MarkerKind = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';

export interface SeriesStyle {
  colour: string;
  /** SVG stroke-dasharray, or null for a solid line. */
  dash: string | null;
  marker: MarkerKind;
}

/**
 * Styles in series order: the baseline (dark grey, dashed, circles), then up to four scenarios in
 * Okabe–Ito blue, vermillion, bluish green and reddish purple (darkened to 3:1 or more on white).
 */
export const seriesStyles: readonly SeriesStyle[] = [
  { colour: '#3d4652', dash: '6 4', marker: 'circle' },
  { colour: '#0072b2', dash: null, marker: 'square' },
  { colour: '#c25500', dash: null, marker: 'triangle' },
  { colour: '#007a5a', dash: '10 3', marker: 'diamond' },
  { colour: '#a8467f', dash: '2 3', marker: 'cross' },
];

export function seriesStyle(index: number): SeriesStyle {
  return seriesStyles[index % seriesStyles.length] ?? seriesStyles[0]!;
}

const symbolTypes: Record<MarkerKind, SymbolType> = {
  circle: symbolCircle,
  square: symbolSquare,
  triangle: symbolTriangle,
  diamond: symbolDiamond,
  cross: symbolCross,
};

/** The SVG path of a marker centred on (0, 0), `area` in square pixels. */
export function markerPath(kind: MarkerKind, area = 64): string {
  return symbol(symbolTypes[kind], area)() ?? '';
}

export interface ChartMargin {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ChartSize {
  width: number;
  height: number;
  margin: ChartMargin;
}

export const yearChartSize: ChartSize = {
  width: 480,
  height: 270,
  margin: { top: 12, right: 16, bottom: 46, left: 70 },
};

export interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Tick {
  value: number;
  label: string;
  /** Position along its axis. */
  at: number;
}

export interface YearTick {
  year: string;
  at: number;
}

const plotOf = (size: ChartSize): Plot => ({
  left: size.margin.left,
  right: size.width - size.margin.right,
  top: size.margin.top,
  bottom: size.height - size.margin.bottom,
});

/** The y domain of the values (with zero when asked, or when the values cross it), never empty. */
function valueDomain(values: readonly number[], includeZero: boolean): [number, number] {
  let lo = min(values) ?? 0;
  let hi = max(values) ?? 0;
  if (includeZero || (lo < 0 && hi > 0)) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  if (lo === hi) {
    const pad = Math.abs(lo) * 0.1 || 1;
    lo -= pad;
    hi += pad;
  } else if (!includeZero) {
    const pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
  }
  return [lo, hi];
}

/** Every year any series has, in order. */
function seriesYears(series: readonly YearSeries[]): string[] {
  return [...new Set(series.flatMap((s) => s.values.map((v) => v.year)))].sort();
}

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

/**
 * Splits a label into at most `maxLines` lines of about `maxChars` characters at spaces, ending
 * with "…" when it does not fit: "Two consortium homes in Trafford from 2027" → two lines.
 */
export function wrapLabel(text: string, maxChars: number, maxLines = 2): string[] {
  const lines = wrapText(text, maxChars);
  if (lines.length <= maxLines) return lines.map((l) => (l.length > maxChars ? `${l.slice(0, maxChars - 1)}…` : l));
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = `${last.slice(0, Math.max(0, maxChars - 1)).trimEnd()}…`;
  return kept;
}

// ---------- Placement locality: stacked bars ----------

export type LocalityKey = 'ownLa' | 'elsewhere' | 'outside' | 'unmet';

export interface LocalityRow {
  id: string;
  name: string;
  parts: Record<LocalityKey, number>;
}

export interface LocalityCategory {
  key: LocalityKey;
  label: string;
  colour: string;
  /** Text colour for labels inside the segment (4.5:1 or more on its colour). */
  textColour: string;
}

/** Near to far: blue, sky blue, orange, vermillion (Okabe–Ito). */
export const localityCategories: readonly LocalityCategory[] = [
  { key: 'ownLa', label: 'In own council area', colour: '#0072b2', textColour: '#ffffff' },
  { key: 'elsewhere', label: 'Elsewhere in the consortium', colour: '#56b4e9', textColour: '#1b2430' },
  { key: 'outside', label: 'Outside the consortium', colour: '#e69f00', textColour: '#1b2430' },
  { key: 'unmet', label: 'No registered place', colour: '#8f1c13', textColour: '#ffffff' },
];

export interface LocalitySegment {
  key: LocalityKey;
  value: number;
  share: number;
  x: number;
  width: number;
  colour: string;
  textColour: string;
  /** Written inside the segment when it is wide enough; null otherwise. */
  label: string | null;
}

export interface LocalityBar {
  id: string;
  name: string;
  total: number;
  y: number;
  height: number;
  segments: LocalitySegment[];
  /** Where the total is written (just right of the bar). */
  totalX: number;
}

export interface LocalityChartModel {
  width: number;
  height: number;
  plot: Plot;
  xTicks: Tick[];
  bars: LocalityBar[];
  /** Categories present in any row (unmet only when some child has no place). */
  categories: LocalityCategory[];
}

/** The size of a locality chart: a band of about 50 pixels per scenario. */
export function localityChartSize(rows: number, width = 960): ChartSize {
  const margin = { top: 10, right: 56, bottom: 40, left: 300 };
  return { width, height: margin.top + margin.bottom + Math.max(1, rows) * 52, margin };
}

/** Horizontal stacked bars, one per scenario, of children by where they are placed. */
export function localityChartModel(
  rows: readonly LocalityRow[],
  format: (v: number) => string,
  size: ChartSize = localityChartSize(rows.length),
): LocalityChartModel {
  const plot = plotOf(size);
  const categories = localityCategories.filter((c) => c.key !== 'unmet' || rows.some((r) => r.parts.unmet > 0));
  const keys = categories.map((c) => c.key);
  const y = scaleBand<string>()
    .domain(rows.map((r) => r.id))
    .range([plot.top, plot.bottom])
    .paddingInner(0.3)
    .paddingOuter(0.15);
  const totals = rows.map((r) => keys.reduce((sum, k) => sum + r.parts[k], 0));
  const x = scaleLinear()
    .domain([0, Math.max(1, max(totals) ?? 1)])
    .range([plot.left, plot.right])
    .nice(5);
  const stacked = stack<LocalityRow, LocalityKey>()
    .keys(keys)
    .value((r, k) => r.parts[k])(rows);
  const bars = rows.map((r, i) => {
    const total = totals[i] ?? 0;
    const segments = stacked.map((layer, j) => {
      const [a, b] = layer[i] ?? [0, 0];
      const category = categories[j]!;
      const width = x(b) - x(a);
      const value = b - a;
      const text = format(value);
      return {
        key: category.key,
        value,
        share: total > 0 ? value / total : 0,
        x: x(a),
        width,
        colour: category.colour,
        textColour: category.textColour,
        label: width >= text.length * 7.5 + 8 ? text : null,
      };
    });
    return {
      id: r.id,
      name: r.name,
      total,
      y: y(r.id) ?? plot.top,
      height: y.bandwidth(),
      segments,
      totalX: x(total) + 6,
    };
  });
  return {
    width: size.width,
    height: size.height,
    plot,
    xTicks: x.ticks(5).map((value) => ({ value, label: format(value), at: x(value) })),
    bars,
    categories,
  };
}

/** "Where children are placed in 2030: Baseline 262 in own council area (34%), …; …" */
export function describeLocality(title: string, rows: readonly LocalityRow[], format: (v: number) => string): string {
  const parts = rows.map((r) => {
    const total = r.parts.ownLa + r.parts.elsewhere + r.parts.outside + r.parts.unmet;
    const pct = (v: number) => (total > 0 ? ` (${Math.round((v / total) * 100)}%)` : '');
    const bits = [
      `${format(r.parts.ownLa)} in own council area${pct(r.parts.ownLa)}`,
      `${format(r.parts.elsewhere)} elsewhere in the consortium${pct(r.parts.elsewhere)}`,
      `${format(r.parts.outside)} outside${pct(r.parts.outside)}`,
    ];
    if (r.parts.unmet > 0) bits.push(`${format(r.parts.unmet)} without a registered place${pct(r.parts.unmet)}`);
    return `${r.name}: ${bits.join(', ')}`;
  });
  return `${title}: ${parts.join('; ')}.`;
}

// ---------- Sensitivity: tornado ----------

/** The two figures a sensitivity varies: five-year cost (£) and the gap (beds). */
export interface TornadoPoint {
  cost: number;
  gap: number;
}

/**
 * One assumption varied down and up (e.g. ±20%): the scenario's figures with it lower (`low`) and
 * higher (`high`). `notEstimated` names a figure the variation could not be worked out for.
 */
export interface TornadoRow {
  key?: string;
  label: string;
  /** The assumption's value and the values tried, e.g. "£6,255 a week: £5,004 / £7,506". */
  detail?: string;
  low: TornadoPoint;
  high: TornadoPoint;
  notEstimated?: readonly (keyof TornadoPoint)[];
}

export type TornadoMetric = keyof TornadoPoint;

export interface TornadoBar {
  label: string;
  detail: string | null;
  lowDelta: number;
  highDelta: number;
  /** Centre of the row. */
  y: number;
  /** Half the row's height: the low bar sits above the centre, the high bar below. */
  half: number;
  low: { x: number; width: number; labelX: number; anchor: 'start' | 'end' };
  high: { x: number; width: number; labelX: number; anchor: 'start' | 'end' };
}

export interface TornadoModel {
  width: number;
  height: number;
  plot: Plot;
  zeroX: number;
  xTicks: Tick[];
  /** Rows with an effect, the largest swing first. */
  bars: TornadoBar[];
  /** Assumptions that do not move this figure. */
  noEffect: string[];
  /** Assumptions whose effect on this figure is not estimated. */
  notEstimated: string[];
}

export const tornadoRowHeight = 40;

/** Room kept between the row labels and the scale, for the value written beyond a bar's end. */
export const tornadoLabelRoom = 72;

/** The size of a tornado for `rows` rows with an effect. */
export function tornadoSize(rows: number, width = 560): ChartSize {
  const margin = { top: 8, right: 72, bottom: 40, left: 200 };
  return { width, height: margin.top + margin.bottom + Math.max(1, rows) * tornadoRowHeight, margin };
}

/**
 * Lays out a tornado for one figure: each assumption's change in it when the assumption is lower
 * (upper half of the row) and higher (lower half), from the base value, on a scale symmetric about
 * zero; rows sorted by their largest swing.
 */
export function tornadoModel(
  rows: readonly TornadoRow[],
  base: TornadoPoint,
  metric: TornadoMetric,
  format: (v: number) => string,
  width = 560,
): TornadoModel {
  const effective: { row: TornadoRow; low: number; high: number }[] = [];
  const noEffect: string[] = [];
  const notEstimated: string[] = [];
  for (const row of rows) {
    if (row.notEstimated?.includes(metric)) {
      notEstimated.push(row.label);
      continue;
    }
    const low = row.low[metric] - base[metric];
    const high = row.high[metric] - base[metric];
    const tiny = metric === 'cost' ? 0.5 : 0.005;
    if (Math.abs(low) < tiny && Math.abs(high) < tiny) noEffect.push(row.label);
    else effective.push({ row, low, high });
  }
  effective.sort((a, b) => Math.max(Math.abs(b.low), Math.abs(b.high)) - Math.max(Math.abs(a.low), Math.abs(a.high)));
  const size = tornadoSize(effective.length, width);
  const plot = plotOf(size);
  const reach = Math.max(1e-9, ...effective.flatMap((e) => [Math.abs(e.low), Math.abs(e.high)]));
  const x = scaleLinear()
    .domain([-reach, reach])
    .range([plot.left + tornadoLabelRoom, plot.right])
    .nice(4);
  const zeroX = x(0);
  const place = (delta: number) => {
    const end = x(delta);
    const left = Math.min(zeroX, end);
    const widthPx = Math.abs(end - zeroX);
    return delta < 0
      ? { x: left, width: widthPx, labelX: end - 4, anchor: 'end' as const }
      : { x: left, width: widthPx, labelX: end + 4, anchor: 'start' as const };
  };
  const half = tornadoRowHeight * 0.32;
  return {
    width: size.width,
    height: size.height,
    plot,
    zeroX,
    // Three ticks (−reach, 0, +reach) so the labels never crowd each other.
    xTicks: [x.domain()[0]!, 0, x.domain()[1]!].map((value) => ({ value, label: format(value), at: x(value) })),
    bars: effective.map((e, i) => ({
      label: e.row.label,
      detail: e.row.detail ?? null,
      lowDelta: e.low,
      highDelta: e.high,
      y: plot.top + (i + 0.5) * tornadoRowHeight,
      half,
      low: place(e.low),
      high: place(e.high),
    })),
    noEffect,
    notEstimated,
  };
}

/**
 * "Five-year cost, change from the scenario's figure: Private price −£94.2m when 20% lower, +£94.2m
 * when 20% higher; …", naming assumptions with no effect and those not estimated.
 */
export function describeTornado(
  title: string,
  model: TornadoModel,
  format: (v: number) => string,
  step = '20%',
  ends: { low: string; high: string } = { low: `${step} lower`, high: `${step} higher` },
): string {
  const parts = model.bars.map(
    (b) => `${b.label} ${format(b.lowDelta)} when ${ends.low}, ${format(b.highDelta)} when ${ends.high}`,
  );
  let text = `${title}: ${parts.length ? parts.join('; ') : 'no assumption moves it'}.`;
  if (model.noEffect.length) text += ` No effect: ${model.noEffect.join(', ')}.`;
  if (model.notEstimated.length) text += ` Not estimated: ${model.notEstimated.join(', ')}.`;
  return text;
}
