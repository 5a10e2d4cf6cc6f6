/**
 * Types shared by the map geometry: hex layouts, imported boundaries, and what the renderer draws.
 * Geometry is plain GeoJSON (WGS 84 longitude and latitude), wound the way d3-geo expects.
 */
import type { Geometry, MultiPolygon, Polygon } from 'geojson';
import type { ImportIssue } from '../import/report.js';

/** A point to lay out: an LA's ONS code and its centroid in WGS 84 degrees. */
export interface CentroidInput {
  code: string;
  lat: number;
  lon: number;
}

/**
 * How a hex grid's offset coordinates are read (the HexJSON "layout"). In every layout r grows
 * northwards (up the page) and q eastwards, as in Open Innovations' HexJSON files.
 * "odd-r" and "even-r" have pointy-topped hexes with odd or even rows shifted half a hex east;
 * "odd-q" and "even-q" have flat-topped hexes with odd or even columns shifted half a hex north.
 */
export type HexLayoutKind = 'odd-r' | 'even-r' | 'odd-q' | 'even-q';
export const hexLayoutKinds: readonly HexLayoutKind[] = ['odd-r', 'even-r', 'odd-q', 'even-q'];

/** One LA's cell in a hex layout. */
export interface HexCell {
  code: string;
  q: number;
  r: number;
}

/** An LA boundary ready to draw: its current ONS code, its name and its geometry (polygons only). */
export interface BoundaryFeature {
  code: string;
  name: string;
  geometry: Polygon | MultiPolygon;
}

/** A problem found reading a boundary or hex file; `row` is the 1-based feature or hex number. */
export type GeoIssue = ImportIssue;

export type { Geometry, MultiPolygon, Polygon };

/** A shape in viewport pixels, for one LA: its SVG path and where to put its label and symbols. */
export interface AreaShape {
  code: string;
  /** SVG path data. */
  path: string;
  /** Label anchor, inside the shape where possible. */
  x: number;
  y: number;
  /** Pixel bounds [[x0, y0], [x1, y1]]. */
  bounds: [[number, number], [number, number]];
  /** A radius that fits inside the shape around (x, y): the hex's inner radius, or an estimate for a boundary. */
  innerRadius: number;
}
