/**
 * Pure geometry of the placement-locality chart: stacked bars of where children are placed (own
 * council area, elsewhere in the consortium, outside, without a registered place), and its text
 * description. d3 computes scales and stacks; React renders the SVG (LocalityChart.tsx).
 */
import { max, scaleBand, scaleLinear, stack } from 'd3';
import { plotOf, type ChartSize, type Plot, type Tick } from './layout';

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
