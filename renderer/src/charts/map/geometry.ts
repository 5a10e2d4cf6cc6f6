/**
 * The Map's shapes: one per member authority in the map frame, from imported boundaries, an imported
 * hex layout or one generated from centroids (d3-geo paths via shared/geo), and arrow-key navigation
 * across them.
 */
import type { MapData } from '#shared/api/contract.js';
import {
  boundaryPaths,
  fitProjection,
  hexLayoutFromCentroids,
  hexPaths,
  toBoundaryFeature,
  type AreaShape,
  type BoundaryFeature,
} from '#shared/geo/index.js';
import type { GeometryKind } from '#shared/map/index.js';
import { MAP_FRAME } from './frame';

export interface MapShape extends AreaShape {
  name: string;
}

export interface MapGeometry {
  kind: GeometryKind;
  /** In reading order: north to south, then west to east (the keyboard's tab order). */
  shapes: MapShape[];
  /** Members that could not be placed, by name. */
  missing: string[];
}

/** Member authorities: from the map data, else the summary's members. */
function memberAreas(data: MapData) {
  return data.areas.filter((a) => a.isMember);
}

/**
 * One shape per member LA in the map frame: the imported boundaries when chosen and present for
 * every member, else the imported hex layout, else a hex layout generated from the LAs' centroids.
 */
export function buildGeometry(data: MapData, kind: GeometryKind): MapGeometry {
  const members = memberAreas(data);
  const names = new Map(members.map((a) => [a.code, a.name]));
  const { width, height } = MAP_FRAME;
  let shapes: MapShape[];
  let usedKind: GeometryKind = 'hex';
  const features: BoundaryFeature[] = [];
  if (kind === 'boundaries' && data.boundaries) {
    for (const f of data.boundaries.features) {
      if (!names.has(f.code)) continue;
      const feature = toBoundaryFeature(f);
      if (feature) features.push({ ...feature, name: names.get(f.code) ?? f.name });
    }
  }
  if (features.length > 0) {
    usedKind = 'boundaries';
    shapes = boundaryPaths(features, fitProjection(features, width, height, 12));
    // Fitted to the width, the map may not need the full height: fit again to its own height (top-aligned).
    const used = Math.ceil(
      Math.max(...shapes.map((s) => s.bounds[1][1])) - Math.min(...shapes.map((s) => s.bounds[0][1])),
    );
    if (used + 24 < height) shapes = boundaryPaths(features, fitProjection(features, width, used + 24, 12));
  } else {
    const cells =
      data.hexLayout?.filter((h) => names.has(h.code)) ??
      hexLayoutFromCentroids(
        members.flatMap((a) =>
          a.centroidLat !== null && a.centroidLon !== null
            ? [{ code: a.code, lat: a.centroidLat, lon: a.centroidLon }]
            : [],
        ),
      );
    let hexes = hexPaths(cells, width, height, { padding: 8, inset: 0.97 });
    const used = hexes.length
      ? Math.ceil(Math.max(...hexes.map((s) => s.bounds[1][1])) - Math.min(...hexes.map((s) => s.bounds[0][1])))
      : height;
    if (used + 16 < height) hexes = hexPaths(cells, width, used + 16, { padding: 8, inset: 0.97 });
    shapes = hexes.map((s) => ({ ...s, name: names.get(s.code) ?? s.code }));
  }
  const placed = new Set(shapes.map((s) => s.code));
  const rowHeight = Math.max(1, median(shapes.map((s) => s.innerRadius)));
  shapes.sort((a, b) => Math.round(a.y / rowHeight) - Math.round(b.y / rowHeight) || a.x - b.x);
  return {
    kind: usedKind,
    shapes,
    missing: members.filter((a) => !placed.has(a.code)).map((a) => a.name),
  };
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** The shape nearest in a direction (arrow-key navigation across the map); null at the edge. */
export function shapeInDirection(
  shapes: readonly MapShape[],
  from: string,
  direction: 'left' | 'right' | 'up' | 'down',
): string | null {
  const origin = shapes.find((s) => s.code === from);
  if (!origin) return null;
  let best: { code: string; score: number } | null = null;
  for (const s of shapes) {
    if (s.code === from) continue;
    const dx = s.x - origin.x;
    const dy = s.y - origin.y;
    const along = direction === 'left' ? -dx : direction === 'right' ? dx : direction === 'up' ? -dy : dy;
    const across = direction === 'left' || direction === 'right' ? Math.abs(dy) : Math.abs(dx);
    if (along <= 1) continue;
    const score = along + 2 * across;
    if (!best || score < best.score) best = { code: s.code, score };
  }
  return best?.code ?? null;
}
