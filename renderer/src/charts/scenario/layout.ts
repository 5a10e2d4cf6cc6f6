/**
 * The frame shared by the scenario charts: sizes and margins, the plot area, ticks, the y domain of
 * a set of values, the years of a set of series, and labels wrapped to fit.
 */
import { max, min } from 'd3';
import { wrapText } from '../chartExport';
import type { YearSeries } from './series';

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

export const plotOf = (size: ChartSize): Plot => ({
  left: size.margin.left,
  right: size.width - size.margin.right,
  top: size.margin.top,
  bottom: size.height - size.margin.bottom,
});

/** The y domain of the values (with zero when asked, or when the values cross it), never empty. */
export function valueDomain(values: readonly number[], includeZero: boolean): [number, number] {
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
export function seriesYears(series: readonly YearSeries[]): string[] {
  return [...new Set(series.flatMap((s) => s.values.map((v) => v.year)))].sort();
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
