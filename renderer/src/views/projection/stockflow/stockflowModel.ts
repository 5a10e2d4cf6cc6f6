/**
 * Pure model of the stock-flow panel: the side-by-side table of the two modes by report month, the
 * difference between their totals, why they differ, and the geometry of the small line chart of
 * the total in care. d3 computes the scales and shapes; React renders the SVG (StockFlowPanel.tsx).
 */
import { area, line, scaleLinear, type ScaleLinear } from 'd3';
import { formatNumber, formatWhole } from '#renderer/format/numbers.js';
import type { ChartSize } from '#renderer/charts/scenario/layout.js';
import type { ProjectionPoint, StockFlowProjection, StockSummary } from '#shared/forecast/stockflow/types.js';

/** One category's figure in one mode at one report month. */
export interface StockflowCell {
  id: string;
  label: string;
  summary: StockSummary | null;
}

/** One mode's figures at one report month. */
export interface StockflowModeFigures {
  total: StockSummary;
  categories: StockflowCell[];
}

export interface StockflowRow {
  month: number;
  date: string;
  sfRegional: StockflowModeFigures | null;
  corrected: StockflowModeFigures | null;
  /** Corrected total (mean) − sf-regional total (mean); null when either is missing. */
  difference: number | null;
}

function figures(projection: StockFlowProjection, point: ProjectionPoint | undefined): StockflowModeFigures | null {
  if (!point) return null;
  return {
    total: point.total,
    categories: projection.categories.map((c) => ({
      id: c.id,
      label: c.label,
      summary: point.byCategory[c.id] ?? null,
    })),
  };
}

/** The table's rows: one per report month held by either mode (the starting stock, month 0, left out). */
export function buildStockflowRows(sfRegional: StockFlowProjection, corrected: StockFlowProjection): StockflowRow[] {
  const months = [...new Set([...sfRegional.points, ...corrected.points].map((p) => p.month))]
    .filter((m) => m > 0)
    .sort((a, b) => a - b);
  return months.map((month) => {
    const sfPoint = sfRegional.points.find((p) => p.month === month);
    const corrPoint = corrected.points.find((p) => p.month === month);
    const sf = figures(sfRegional, sfPoint);
    const corr = figures(corrected, corrPoint);
    return {
      month,
      date: (corrPoint ?? sfPoint)?.date ?? '',
      sfRegional: sf,
      corrected: corr,
      difference: sf && corr ? corr.total.mean - sf.total.mean : null,
    };
  });
}

/** "123 (P10–P90 100–150)" where the range is given, else the mean. */
export function formatSummary(summary: StockSummary | null): string {
  if (!summary) return '–';
  if (summary.p10 !== undefined && summary.p90 !== undefined) {
    const central = summary.p50 ?? summary.mean;
    return `${formatWhole(central)} (${formatWhole(summary.p10)}–${formatWhole(summary.p90)})`;
  }
  return formatWhole(summary.mean);
}

/** Why the two modes differ: the fixed list of the reference model's known flaws and what corrects them. */
export const methodDifferences: readonly { sfRegional: string; corrected: string }[] = [
  {
    sfRegional:
      'Transition rates are averaged over days, counting days with zero stock in a state as zero, so rates are biased low.',
    corrected: 'Rates are transitions ÷ child-days at risk (occurrence over exposure).',
  },
  {
    sfRegional: 'Children do not leave care at 18: they age on in care.',
    corrected: 'Children leave care at 18.',
  },
  {
    sfRegional: 'Entries are held constant at the reference window’s level.',
    corrected: 'Entries are held at the reference window rate unless a population projection or trend is given.',
  },
  {
    sfRegional: 'The ±2σ band comes from process noise only: the rates are taken as known.',
    corrected: 'The P10–P90 range comes from Monte Carlo simulations that include the uncertainty in the rates.',
  },
];

/** A plain-English explanation of why the totals differ, with the modes' own notes. */
export function explainDifference(
  rows: readonly StockflowRow[],
  sfRegional: StockFlowProjection,
  corrected: StockFlowProjection,
): { summary: string; sfNotes: string[]; correctedNotes: string[] } {
  const last = [...rows].reverse().find((r) => r.difference !== null);
  let summary = 'The two methods are fitted to the same returns over the same reference window.';
  if (last && last.difference !== null) {
    const diff = Math.round(last.difference);
    const direction =
      diff === 0
        ? 'the same number of children in care as'
        : `${formatWhole(Math.abs(diff))} ${Math.abs(diff) === 1 ? 'child' : 'children'} ${diff > 0 ? 'more' : 'fewer'} in care than`;
    summary += ` By month ${last.month} the corrected model projects ${direction} the regional demand model’s method.`;
  }
  return { summary, sfNotes: [...sfRegional.notes], correctedNotes: [...corrected.notes] };
}

// ---------- Chart ----------

export const stockflowChartSize: ChartSize = {
  width: 560,
  height: 240,
  margin: { top: 16, right: 16, bottom: 40, left: 56 },
};

export interface StockflowChartPoint {
  month: number;
  value: number;
  x: number;
  y: number;
}

export interface StockflowChartModel {
  width: number;
  height: number;
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  xTicks: { value: number; x: number; label: string }[];
  yTicks: { value: number; y: number; label: string }[];
  sfLine: string;
  sfBand: string | null;
  sfPoints: StockflowChartPoint[];
  correctedLine: string;
  correctedBand: string | null;
  correctedPoints: StockflowChartPoint[];
  plot: { left: number; right: number; top: number; bottom: number };
}

interface Series {
  month: number;
  value: number;
  low: number | null;
  high: number | null;
}

function allPoints(projection: StockFlowProjection): ProjectionPoint[] {
  const points = [projection.start, ...projection.points.filter((p) => p.month !== projection.start.month)];
  return points.sort((a, b) => a.month - b.month);
}

/** sf-regional: mean with mean ± 2σ where sd is given. */
export function sfRegionalSeries(projection: StockFlowProjection): Series[] {
  return allPoints(projection).map((p) => {
    const sd = p.total.sd;
    return {
      month: p.month,
      value: p.total.mean,
      low: sd === undefined ? null : Math.max(0, p.total.mean - 2 * sd),
      high: sd === undefined ? null : p.total.mean + 2 * sd,
    };
  });
}

/** corrected: P50 (else mean) with P10–P90 where given. */
export function correctedSeries(projection: StockFlowProjection): Series[] {
  return allPoints(projection).map((p) => ({
    month: p.month,
    value: p.total.p50 ?? p.total.mean,
    low: p.total.p10 ?? null,
    high: p.total.p90 ?? null,
  }));
}

export function stockflowChartModel(
  sfRegional: StockFlowProjection,
  corrected: StockFlowProjection,
  size: ChartSize = stockflowChartSize,
): StockflowChartModel {
  const sf = sfRegionalSeries(sfRegional);
  const corr = correctedSeries(corrected);
  const { width, height, margin } = size;
  const plot = { left: margin.left, right: width - margin.right, top: margin.top, bottom: height - margin.bottom };
  const all = [...sf, ...corr];
  const maxMonth = Math.max(1, ...all.map((s) => s.month));
  const maxValue = Math.max(1, ...all.map((s) => Math.max(s.value, s.high ?? 0)));
  const x = scaleLinear().domain([0, maxMonth]).range([plot.left, plot.right]);
  const y = scaleLinear().domain([0, maxValue]).nice(5).range([plot.bottom, plot.top]);

  const toLine = (series: Series[]) =>
    line<Series>()
      .x((s) => x(s.month))
      .y((s) => y(s.value))(series) ?? '';
  const toBand = (series: Series[]) => {
    const banded = series.filter((s) => s.low !== null && s.high !== null);
    if (banded.length < 2) return null;
    return (
      area<Series>()
        .x((s) => x(s.month))
        .y0((s) => y(s.low ?? 0))
        .y1((s) => y(s.high ?? 0))(banded) ?? null
    );
  };
  const toPoints = (series: Series[]) =>
    series.map((s) => ({ month: s.month, value: s.value, x: x(s.month), y: y(s.value) }));

  const step = maxMonth <= 24 ? 6 : 12;
  const xTicks: StockflowChartModel['xTicks'] = [];
  for (let m = 0; m <= maxMonth; m += step) xTicks.push({ value: m, x: x(m), label: String(m) });

  return {
    width,
    height,
    x,
    y,
    xTicks,
    yTicks: y.ticks(5).map((v) => ({ value: v, y: y(v), label: formatNumber(v) })),
    sfLine: toLine(sf),
    sfBand: toBand(sf),
    sfPoints: toPoints(sf),
    correctedLine: toLine(corr),
    correctedBand: toBand(corr),
    correctedPoints: toPoints(corr),
    plot,
  };
}

/** The chart's text alternative. */
export function describeStockflowChart(sfRegional: StockFlowProjection, corrected: StockFlowProjection): string {
  const sf = sfRegionalSeries(sfRegional);
  const corr = correctedSeries(corrected);
  const first = corr[0] ?? sf[0];
  const sfLast = sf[sf.length - 1];
  const corrLast = corr[corr.length - 1];
  if (!first || !sfLast || !corrLast) return 'Children in care: no projection.';
  const range =
    corrLast.low !== null && corrLast.high !== null
      ? ` (80% range ${formatWhole(corrLast.low)}–${formatWhole(corrLast.high)})`
      : '';
  const band =
    sfLast.low !== null && sfLast.high !== null ? ` (±2σ ${formatWhole(sfLast.low)}–${formatWhole(sfLast.high)})` : '';
  return (
    `Children in care: ${formatWhole(first.value)} at the start; after ${corrLast.month} months ` +
    `the corrected model projects ${formatWhole(corrLast.value)}${range}, ` +
    `the regional demand model’s method ${formatWhole(sfLast.value)}${band}.`
  );
}
