/**
 * The Map picture's coordinate system, type sizes and the sector colours: fixed numbers the picture,
 * its legend and MapSvg share (the Map view and the Report draw the same picture).
 */
import type { SupplyGroup } from '#shared/map/index.js';

/** The picture's coordinate system (the SVG viewBox): 1000 wide, as tall as its content; exports keep it, scaled. */
export const MAP_WIDTH = 1000;
/** Where the map itself sits inside the picture; the legend is to its right, sources below. */
export const MAP_FRAME = { x: 20, y: 100, width: 672, height: 560 } as const;
export const LEGEND_X = 780;
export const LEGEND_TOP = 116;
export const LINE = { heading: 17, text: 15, footer: 14 } as const;
/** The outside-the-consortium node, in map-frame coordinates: in the gutter right of the map. */
export const OUTSIDE_AT: [number, number] = [MAP_FRAME.width + 52, MAP_FRAME.height / 2];

/** Type sizes of an area's label (MapSvg draws them): the name bold above the point, the value below. */
export const AREA_LABEL = { nameSize: 14, valueSize: 13, nameBaseline: -4, valueBaseline: 13 } as const;

export const supplyColours: Record<SupplyGroup, string> = {
  'LA-run': '#00695c',
  Private: '#3d4451',
  'Voluntary and other': '#a9b2bd',
};
