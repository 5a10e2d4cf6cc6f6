/**
 * Pure geometry of the sensitivity tornado: one bar per assumption from its low to its high value's
 * effect on the five-year cost or the gap, and its text description. d3 computes the scale; React
 * renders the SVG (TornadoChart.tsx).
 */
import { scaleLinear } from 'd3';
import { plotOf, type ChartSize, type Plot, type Tick } from './layout';

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
