/**
 * The Map picture's shapes as data: each area with its colour, words and symbols, the legend, the
 * flows drawn and the picture as a whole. buildMapPicture makes them; MapSvg draws them.
 */
import type { MapData } from '#shared/api/contract.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { FlowArc, FlowLayout, LegendTick } from '#shared/geo/index.js';
import type { AreaFigures, FillMeasure, MapLayers, MapScales, MapYear, SupplyGroup } from '#shared/map/index.js';
import type { PlanSummary } from '#shared/model/summary.js';
import type { MapGeometry, MapShape } from './geometry';

export interface PieSlice {
  group: SupplyGroup;
  path: string;
  colour: string;
  places: number;
}

export interface MapArea extends MapShape {
  figures: AreaFigures;
  /** The value coloured (gap median or share), null when there is none. */
  value: number | null;
  fill: string;
  textColour: string;
  valueText: string;
  ariaLabel: string;
  pie: { x: number; y: number; radius: number; slices: PieSlice[] } | null;
  badge: { x: number; y: number; text: string } | null;
  /**
   * With flows on: a plate in the area's colour behind its name and value, drawn over the arrows so
   * the name stays readable where arrows cross or end under it; null when no flows are drawn.
   */
  labelPlate: LabelBox | null;
}

/** A box on the map, in map-frame pixels. */
export interface LabelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LegendModel {
  title: string;
  units: string;
  stops: { offset: number; colour: string }[];
  ticks: LegendTick[];
  /** Words at either end of the bar, e.g. "spare" and "short". */
  ends: [string, string] | null;
}

export interface MapPicture {
  title: string;
  subtitle: string;
  /** The measure the colours show (the bed gap cannot be shown for a history year). */
  fill: FillMeasure;
  /** Why the colours do not show what was asked, in words; null when they do. */
  fillNote: string | null;
  areas: MapArea[];
  legend: LegendModel;
  supplyKey: { places: number; radius: number }[];
  flows: MapFlows | null;
  sourceLines: string[];
  /** The legend, laid out: items at x = 0 of the legend column. */
  legendItems: LegendItem[];
  /** Where the rule above the source line sits, and the picture's height. */
  footerY: number;
  height: number;
}

/** Every flow laid out (totals conserved), and the ones drawn: the chosen LA's, or the largest. */
export interface MapFlows extends FlowLayout {
  period: string;
  illustrative: boolean;
  shown: FlowArc[];
  /** Children in the drawn arrows to the outside node (all members' when none is chosen); 0: no node. */
  outsideChildren: number;
  /** What is drawn, in words, e.g. "The 16 largest of 98 flows; select an authority for all of its flows". */
  shownNote: string;
}

export type LegendItem =
  | { kind: 'heading'; y: number; text: string }
  | { kind: 'text'; y: number; text: string }
  | { kind: 'bar'; y: number; width: number; ticks: LegendTick[]; ends: [string, string] | null }
  | { kind: 'swatch'; y: number; colour: string; label: string }
  | { kind: 'circle'; y: number; cx: number; radius: number; label: string }
  | { kind: 'badge'; y: number; text: string }
  | { kind: 'arrow'; y: number; width: number; label: string };

export interface PictureInput {
  summary: PlanSummary;
  projection: ProjectionResult | null;
  data: MapData;
  geometry: MapGeometry;
  year: MapYear;
  layers: MapLayers;
  scales: MapScales;
  /** The LA whose panel is open: its flows are the ones drawn. */
  focus?: string | null;
}
