/**
 * Pure geometry for a small history chart (sparkline): d3 computes the scales and the line path, React
 * renders the SVG. Missing values (null) break the line rather than being drawn as zero.
 */
import { line, scaleLinear, scalePoint } from 'd3';
import type { ChartSize } from './scenario/layout';

export interface SparkInput {
  period: string;
  value: number | null;
}

export interface SparkPoint {
  period: string;
  value: number;
  x: number;
  y: number;
}

/** Margins: room left of the line (first value label), right of it (last value label), above and below. */
export type SparklineSize = ChartSize;

export const defaultSparklineSize: SparklineSize = {
  width: 260,
  height: 60,
  margin: { top: 10, right: 60, bottom: 8, left: 60 },
};

export interface SparklineData {
  width: number;
  height: number;
  /** Every period, oldest first, whether or not it has a value. */
  periods: string[];
  /** x position of each period. */
  xs: number[];
  /** The y scale's domain (padded when every value is the same). */
  yDomain: [number, number];
  /** The SVG path; null when fewer than two neighbouring points have values. */
  path: string | null;
  /** Points with a value, in period order. */
  points: SparkPoint[];
  first: SparkPoint | null;
  last: SparkPoint | null;
  min: SparkPoint | null;
  max: SparkPoint | null;
  /** Periods with no value. */
  gaps: string[];
  /** y of zero when zero lies inside the domain (e.g. a balance that changes sign), else null. */
  zeroY: number | null;
}

/** Lays out one series: point scale across the periods, linear scale over the values' own range. */
export function buildSparkline(
  input: readonly SparkInput[],
  size: SparklineSize = defaultSparklineSize,
): SparklineData {
  const { width, height, margin } = size;
  const periods = input.map((p) => p.period);
  const x = scalePoint<string>()
    .domain(periods)
    .range([margin.left, width - margin.right]);
  const values = input.flatMap((p) => (p.value === null ? [] : [p.value]));
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo === hi) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const y = scaleLinear()
    .domain([lo, hi])
    .range([height - margin.bottom, margin.top]);

  const xOf = (period: string) => x(period) ?? margin.left;
  const points: SparkPoint[] = input.flatMap((p) =>
    p.value === null ? [] : [{ period: p.period, value: p.value, x: xOf(p.period), y: y(p.value) }],
  );
  const path =
    line<SparkInput>()
      .defined((p) => p.value !== null)
      .x((p) => xOf(p.period))
      .y((p) => y(p.value ?? 0))([...input]) ?? null;
  // A path with no segment of two or more points draws nothing; say so rather than emit it.
  const hasSegment = input.some((p, i) => p.value !== null && input[i + 1]?.value != null);

  let min: SparkPoint | null = null;
  let max: SparkPoint | null = null;
  for (const p of points) {
    if (!min || p.value < min.value) min = p;
    if (!max || p.value > max.value) max = p;
  }

  return {
    width,
    height,
    periods,
    xs: periods.map(xOf),
    yDomain: [lo, hi],
    path: hasSegment ? path : null,
    points,
    first: points[0] ?? null,
    last: points[points.length - 1] ?? null,
    min,
    max,
    gaps: input.filter((p) => p.value === null).map((p) => p.period),
    zeroY: lo < 0 && hi > 0 ? y(0) : null,
  };
}

export interface SparklineWords {
  /** e.g. "Children looked after". */
  measure: string;
  /** e.g. "Bolton". */
  area: string;
  formatValue(value: number): string;
  /** Short period, e.g. "2020". */
  formatPeriod(period: string): string;
}

/**
 * A one-sentence text alternative: "Children looked after, Bolton: 2020 632 to 2025 590. Lowest 580
 * (2023), highest 640 (2021). No figure for 2022."
 */
export function describeSparkline(data: SparklineData, words: SparklineWords): string {
  const { measure, area, formatValue, formatPeriod } = words;
  const head = `${measure}, ${area}`;
  const { first, last, min, max } = data;
  if (!first || !last || !min || !max) return `${head}: no figures.`;
  const at = (p: SparkPoint) => `${formatPeriod(p.period)} ${formatValue(p.value)}`;
  const parts: string[] = [];
  if (first === last) {
    parts.push(`${head}: ${at(first)} only.`);
  } else {
    parts.push(`${head}: ${at(first)} to ${at(last)}.`);
    if (data.points.length > 2 && (min !== first || max !== last) && (min !== last || max !== first)) {
      parts.push(
        `Lowest ${formatValue(min.value)} (${formatPeriod(min.period)}), highest ${formatValue(max.value)} (${formatPeriod(max.period)}).`,
      );
    }
  }
  if (data.gaps.length) parts.push(`No figure for ${data.gaps.map(formatPeriod).join(', ')}.`);
  return parts.join(' ');
}
