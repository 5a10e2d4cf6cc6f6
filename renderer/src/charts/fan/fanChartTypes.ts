/**
 * The shapes of a fan chart: what it is drawn from (an area's history and projected years), its
 * two sizes (large, and compact for small multiples) and the laid-out model React renders.
 */
import type { ScaleLinear } from 'd3';

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

/** The year number of a year label: "2025" → 2025 (NaN when it has none). */
export const yearNumber = (year: string) => Number(/^\d{4}/.exec(year)?.[0] ?? NaN);
