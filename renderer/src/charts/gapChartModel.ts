/**
 * Pure geometry of the scenario comparison chart: the consortium's median gap (beds needed −
 * accessible places) by year, one line per scenario, the baseline first. d3 computes the scales and
 * paths; GapChart.tsx renders them as an inline SVG (a vector in the PDF).
 */
import { line, scaleLinear, scalePoint } from 'd3';
import { formatWhole } from '../format/numbers';

export interface GapChartSeries {
  name: string;
  points: { year: string; gap: number }[];
}

export interface GapChartLine {
  name: string;
  path: string;
  points: { year: string; x: number; y: number; gap: number }[];
  /** Index into the palette and dash patterns. */
  style: number;
  /** Where the end label sits, moved apart from its neighbours. */
  labelY: number;
  endY: number;
}

export interface GapChartModel {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: { label: string; at: number }[];
  yTicks: { label: string; at: number }[];
  /** The y of zero (no gap), when it is in range. */
  zeroY: number | null;
  lines: GapChartLine[];
}

export const GAP_CHART_SIZE = { width: 720, height: 300, margin: { top: 16, right: 230, bottom: 40, left: 56 } };

/** Moves labels apart so no two are closer than `gap` pixels, keeping their order. */
function spread(ys: number[], gap: number, top: number, bottom: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  const placed: number[] = [];
  for (const item of order) {
    const previous = placed.at(-1);
    placed.push(previous === undefined ? Math.max(top, item.y) : Math.max(item.y, previous + gap));
  }
  const overflow = (placed.at(-1) ?? bottom) - bottom;
  if (overflow > 0) for (let i = placed.length - 1; i >= 0; i--) placed[i] = (placed[i] ?? 0) - overflow;
  const out = new Array<number>(ys.length);
  order.forEach((item, k) => (out[item.i] = placed[k] ?? item.y));
  return out;
}

export function gapChartModel(series: readonly GapChartSeries[], size = GAP_CHART_SIZE): GapChartModel {
  const { width, height, margin } = size;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.year)))].sort();
  const x = scalePoint<string>().domain(years).range([plot.left, plot.right]).padding(0.2);
  const values = series.flatMap((s) => s.points.map((p) => p.gap));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  const y = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice(5)
    .range([plot.bottom, plot.top]);
  const path = line<{ x: number; y: number }>()
    .x((p) => p.x)
    .y((p) => p.y);
  const lines = series.map((s, i) => {
    const points = s.points.map((p) => ({ year: p.year, gap: p.gap, x: x(p.year) ?? plot.left, y: y(p.gap) }));
    return { name: s.name, path: path(points) ?? '', points, style: i, labelY: 0, endY: points.at(-1)?.y ?? plot.top };
  });
  const labelYs = spread(
    lines.map((l) => l.endY),
    14,
    plot.top,
    plot.bottom,
  );
  lines.forEach((l, i) => (l.labelY = labelYs[i] ?? l.endY));
  const [d0, d1] = y.domain() as [number, number];
  return {
    width,
    height,
    plot,
    xTicks: years.map((label) => ({ label, at: x(label) ?? plot.left })),
    yTicks: y.ticks(5).map((v) => ({ label: formatWhole(v), at: y(v) })),
    zeroY: d0 <= 0 && d1 >= 0 ? y(0) : null,
    lines,
  };
}
