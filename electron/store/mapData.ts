/** Map geometry held in a plan: imported boundaries and hex layouts, and the geometry choice. */
import type { GeometryObject, MapData } from '#shared/api/contract.js';
import type { PlanDatabase } from './database.js';
import { getMeta, readPlanData } from './planData.js';

export function readMapData(db: PlanDatabase): MapData {
  const data = readPlanData(db, { summaryOnly: true });
  const members = new Set(data.areas.filter((a) => a.isMember).map((a) => a.code));
  const boundaryRows = db
    .prepare('SELECT area_code, name, geometry_json, source_id FROM boundary ORDER BY area_code')
    .all() as {
    area_code: string;
    name: string;
    geometry_json: string;
    source_id: string;
  }[];
  const memberBoundaries = boundaryRows.filter((r) => members.has(r.area_code));
  const hexRows = db.prepare('SELECT area_code, q, r, source_id FROM hex_cell ORDER BY area_code').all() as {
    area_code: string;
    q: number;
    r: number;
    source_id: string;
  }[];
  const memberHexes = hexRows.filter((r) => members.has(r.area_code));
  const boundariesComplete = memberBoundaries.length > 0 && memberBoundaries.length === members.size;
  const hexComplete = memberHexes.length === members.size && members.size > 0;
  const chosen = getMeta(db, 'map_geometry') === 'boundaries' && boundariesComplete ? 'boundaries' : 'hex';
  return {
    geometry: chosen,
    areas: data.areas
      .filter((a) => a.level === 'Local authority' && a.isMember)
      .map((a) => ({
        code: a.code,
        name: a.name,
        centroidLat: a.centroidLat,
        centroidLon: a.centroidLon,
        isMember: a.isMember,
      })),
    boundaries: boundariesComplete
      ? {
          features: memberBoundaries.map((r) => ({
            code: r.area_code,
            name: r.name,
            geometry: JSON.parse(r.geometry_json) as GeometryObject,
          })),
          sourceId: memberBoundaries[0]?.source_id ?? '',
        }
      : null,
    // An imported layout is used only when it places every member.
    hexLayout: hexComplete ? memberHexes.map((r) => ({ code: r.area_code, q: r.q, r: r.r })) : null,
    ...(hexComplete && memberHexes[0] ? { hexLayoutSourceId: memberHexes[0].source_id } : {}),
    flows: data.flows.filter((f) => members.has(f.placingArea)),
    sources: data.sources,
  };
}

/**
 * Writes one row per item whose authority the plan holds, by `sql` (an upsert) with the values
 * `values` gives; items for other authorities are skipped. Returns how many were written.
 */
function upsertForKnownAreas<T extends { code: string }>(
  db: PlanDatabase,
  items: readonly T[],
  sql: string,
  values: (item: T) => unknown[],
): number {
  const known = new Set((db.prepare('SELECT code FROM area').all() as { code: string }[]).map((r) => r.code));
  const upsert = db.prepare(sql);
  let written = 0;
  for (const item of items) {
    if (!known.has(item.code)) continue;
    upsert.run(...values(item));
    written++;
  }
  return written;
}

/** Stores imported boundaries, replacing those held for the same authorities. */
export function writeBoundaries(
  db: PlanDatabase,
  features: readonly { code: string; name: string; geometry: GeometryObject }[],
  sourceId: string,
): number {
  return upsertForKnownAreas(
    db,
    features,
    `INSERT INTO boundary (area_code, name, geometry_json, source_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (area_code) DO UPDATE SET name = excluded.name, geometry_json = excluded.geometry_json, source_id = excluded.source_id`,
    (f) => [f.code, f.name, JSON.stringify(f.geometry), sourceId],
  );
}

export function writeHexLayout(
  db: PlanDatabase,
  hexes: readonly { code: string; q: number; r: number }[],
  sourceId: string,
): number {
  return upsertForKnownAreas(
    db,
    hexes,
    `INSERT INTO hex_cell (area_code, q, r, source_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (area_code) DO UPDATE SET q = excluded.q, r = excluded.r, source_id = excluded.source_id`,
    (h) => [h.code, h.q, h.r, sourceId],
  );
}
