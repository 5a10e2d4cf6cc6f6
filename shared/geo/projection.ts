/**
 * Projections for English maps: a transverse Mercator centred on 2° W, 49° N — the true origin of
 * the British National Grid (EPSG:27700) — so maps have the familiar Ordnance Survey look, fitted to
 * the consortium's own extent.
 */
import { geoPath, geoTransverseMercator, type GeoProjection } from 'd3';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AreaShape, BoundaryFeature } from './types.js';

/** The British National Grid-like projection before fitting (d3's default scale and translate). */
export function bngLikeProjection(): GeoProjection {
  return geoTransverseMercator().rotate([2, -49]);
}

function asCollection(features: readonly BoundaryFeature[]): FeatureCollection<Polygon | MultiPolygon> {
  return {
    type: 'FeatureCollection',
    features: features.map((f): Feature<Polygon | MultiPolygon> => ({
      type: 'Feature',
      properties: { code: f.code },
      geometry: f.geometry,
    })),
  };
}

/**
 * The projection fitted so the features fill width × height less the padding on every side, north
 * up, aspect kept. With no features it is the unfitted projection.
 */
export function fitProjection(
  features: readonly BoundaryFeature[],
  width: number,
  height: number,
  padding = 0,
): GeoProjection {
  const projection = bngLikeProjection();
  if (features.length === 0) return projection;
  return projection.fitExtent(
    [
      [padding, padding],
      [Math.max(padding + 1, width - padding), Math.max(padding + 1, height - padding)],
    ],
    asCollection(features),
  );
}

export interface BoundaryShape extends AreaShape {
  name: string;
}

/**
 * An SVG path per feature with the projection, its bounds and a label point: the feature's centroid
 * when it lies inside the shape, else the point of the shape farthest inside along the centroid's
 * row (so the label never sits outside a crescent-shaped LA).
 */
export function boundaryPaths(features: readonly BoundaryFeature[], projection: GeoProjection): BoundaryShape[] {
  const path = geoPath(projection).digits(2);
  return features.map((f) => {
    const feature: Feature<Polygon | MultiPolygon> = { type: 'Feature', properties: {}, geometry: f.geometry };
    const d = path(feature) ?? '';
    const [[x0, y0], [x1, y1]] = path.bounds(feature);
    const [cx, cy] = path.centroid(feature);
    const rings = projectedRings(f.geometry, projection);
    const [x, y] = labelPoint(rings, cx, cy, x0, x1);
    const area = Math.abs(path.area(feature));
    return {
      code: f.code,
      name: f.name,
      path: d,
      x,
      y,
      bounds: [
        [x0, y0],
        [x1, y1],
      ],
      // The radius of a circle with a third of the shape's area: room for a label and a small symbol.
      innerRadius: Math.sqrt(area / 3 / Math.PI),
    };
  });
}

function projectedRings(geometry: Polygon | MultiPolygon, projection: GeoProjection): [number, number][][] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.flatMap((polygon) =>
    polygon.map((ring) => ring.map((p) => projection([p[0]!, p[1]!])).filter((p): p is [number, number] => p !== null)),
  );
}

/** Even-odd point-in-polygon over every ring (holes excluded). */
export function pointInRings(rings: readonly (readonly [number, number])[][], x: number, y: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function labelPoint(rings: [number, number][][], cx: number, cy: number, x0: number, x1: number): [number, number] {
  if (!Number.isFinite(cx) || !Number.isFinite(cy)) return [(x0 + x1) / 2, cy];
  if (pointInRings(rings, cx, cy)) return [cx, cy];
  // The widest inside run along the centroid's row; its middle.
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > cy !== yj > cy) xs.push(((xj - xi) * (cy - yi)) / (yj - yi) + xi);
    }
  }
  xs.sort((a, b) => a - b);
  let best: [number, number] = [cx, cy];
  let widest = 0;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    const width = xs[i + 1]! - xs[i]!;
    if (width > widest) {
      widest = width;
      best = [(xs[i]! + xs[i + 1]!) / 2, cy];
    }
  }
  return best;
}
