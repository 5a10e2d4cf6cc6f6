/** Boundary geometry: British National Grid or degrees, polygons converted and rewound for d3-geo, and features ready to draw. */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { osgbToWgs84 } from '../osgb.js';
import type { BoundaryFeature } from '../types.js';

export function looksProjected(features: readonly Feature[]): boolean {
  for (const f of features) {
    const first = firstPosition(f?.geometry ?? null);
    if (first) return Math.abs(first[0]!) > 180 || Math.abs(first[1]!) > 90;
  }
  return false;
}

function firstPosition(geometry: Geometry | null): Position | null {
  if (!geometry) return null;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const p = firstPosition(g);
      if (p) return p;
    }
    return null;
  }
  let c: unknown = geometry.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? (c as Position) : null;
}

/** The polygons of a geometry (GeometryCollections flattened; points and lines ignored), rewound for d3. */
export function polygonsOf(geometry: Geometry | null, projected: boolean): Position[][][] {
  if (!geometry) return [];
  let polygons: Position[][][];
  switch (geometry.type) {
    case 'Polygon':
      polygons = [geometry.coordinates];
      break;
    case 'MultiPolygon':
      polygons = geometry.coordinates;
      break;
    case 'GeometryCollection':
      return geometry.geometries.flatMap((g) => polygonsOf(g, projected));
    default:
      return [];
  }
  return polygons
    .map((polygon) =>
      polygon
        .map((ring) =>
          ring
            .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
            .map((p): Position => (projected ? osgbToWgs84(p[0]!, p[1]!) : [p[0]!, p[1]!])),
        )
        .filter((ring) => ring.length >= 4),
    )
    .filter((polygon) => polygon.length > 0)
    .map(rewindPolygon);
}

/** Twice the signed planar area of a ring in longitude/latitude (positive: anticlockwise). */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  }
  return sum;
}

/**
 * d3-geo reads a clockwise exterior ring as the area inside it; GeoJSON (RFC 7946) files wind it
 * anticlockwise, which d3 would draw as the whole globe less the area. Exterior rings are made
 * clockwise and holes anticlockwise, whatever the file did.
 */
export function rewindPolygon(polygon: Position[][]): Position[][] {
  return polygon.map((ring, i) => {
    const area = signedArea(ring);
    const wantClockwise = i === 0;
    return (wantClockwise ? area > 0 : area < 0) ? [...ring].reverse() : ring;
  });
}

/** Polygons of a collection, for callers holding GeoJSON rather than parsed boundaries. */
export function toFeatureCollection(features: readonly BoundaryFeature[]): FeatureCollection<Polygon | MultiPolygon> {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: { code: f.code, name: f.name },
      geometry: f.geometry,
    })),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored feature (e.g. from the plan) as a drawable boundary: polygons only, rewound for d3;
 * null when the geometry holds no polygon.
 */
export function toBoundaryFeature(feature: {
  code: string;
  name: string;
  geometry: { type: string; coordinates?: unknown } | null;
}): BoundaryFeature | null {
  const geometry = feature.geometry as Geometry | null;
  if (!geometry || typeof geometry !== 'object') return null;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon' && geometry.type !== 'GeometryCollection') {
    return null;
  }
  if (geometry.type !== 'GeometryCollection' && !Array.isArray(geometry.coordinates)) return null;
  const polygons = polygonsOf(geometry, looksProjected([{ type: 'Feature', properties: {}, geometry }]));
  if (polygons.length === 0) return null;
  return {
    code: feature.code,
    name: feature.name,
    geometry:
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons },
  };
}
