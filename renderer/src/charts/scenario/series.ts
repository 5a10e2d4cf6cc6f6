/**
 * The series of the scenario charts and how they are told apart: values by year, and each series'
 * colour (Okabe–Ito, safe for colour-blind readers), dash pattern and marker shape.
 */
import { symbol, symbolCircle, symbolCross, symbolDiamond, symbolSquare, symbolTriangle, type SymbolType } from 'd3';

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
