/**
 * Boundaries and hex layouts in an import: what the map gains (members covered), what it still
 * lacks, and every exclusion with its count, in the preview; and storing them on commit.
 */
import type { LayerSummary } from '#shared/geo/boundaries/index.js';
import type { BoundaryFeature } from '#shared/geo/types.js';
import type { PlanDatabase } from '../../store/database.js';
import { writeBoundaries, writeHexLayout } from '../../store/mapData.js';
import type { PlanService } from '../planService.js';
import type { PreparedFile } from './types.js';

/**
 * Boundaries and hex layouts: what the map gains (members covered), what it still lacks, and
 * every exclusion with its count (features outside the plan, members missing). A file that covers
 * none of the members is refused (for boundaries, parseBoundaries has said so, with the layers).
 */
export function describeGeometry(
  plans: PlanService,
  prepared: PreparedFile,
  features: BoundaryFeature[] | undefined,
  hexes: { code: string; q: number; r: number }[] | undefined,
  read?: { layer: string | null; codeField: string | null; layers: LayerSummary[] },
): PreparedFile {
  const map = plans.mapData();
  const inPlan = plans.read(
    (db) => new Set((db.prepare('SELECT code FROM area').all() as { code: string }[]).map((r) => r.code)),
  );
  const codes = [...new Set([...(features ?? []).map((f) => f.code), ...(hexes ?? []).map((h) => h.code)])];
  const held = new Set(
    features
      ? (map.boundaries?.features.map((f) => f.code) ?? [])
      : plans.read((db) =>
          (db.prepare('SELECT area_code FROM hex_cell').all() as { area_code: string }[]).map((r) => r.area_code),
        ),
  );
  const taken = codes.filter((c) => inPlan.has(c));
  const outside = codes.length - taken.length;
  const members = map.areas.map((a) => a.code);
  const codeSet = new Set(codes);
  const covered = members.filter((c) => codeSet.has(c));
  const missing = map.areas.filter((a) => !codeSet.has(a.code)).map((a) => a.name);
  const what = features ? 'boundaries' : 'hex layout';
  const issues = [...prepared.preview.issues];
  let errorCount = prepared.preview.errorCount;
  let warningCount = prepared.preview.warningCount;
  const file = prepared.fileName;
  if (members.length > 0 && covered.length === 0 && errorCount === 0) {
    issues.unshift({
      severity: 'error',
      file,
      row: null,
      column: null,
      message: `None of the plan's ${members.length} member authorities is in this ${features ? 'boundary file' : 'hex layout'}, so the map would draw nothing from it: nothing is imported.`,
    });
    errorCount += 1;
  } else if (covered.length > 0 && missing.length > 0) {
    issues.push({
      severity: 'warning',
      file,
      row: null,
      column: null,
      message: `${covered.length} of the ${members.length} members are in this file; ${missing.length} ${missing.length === 1 ? 'is' : 'are'} not (${missing.join(', ')}). The map draws ${features ? 'boundaries' : 'an imported hex layout'} only when every member has ${features ? 'one' : 'a cell'}, so it keeps ${features ? 'the hex map' : 'the generated hexes'} until they are all imported.`,
    });
    warningCount += 1;
  }
  const others = taken.length - covered.length;
  return {
    ...prepared,
    geometry: { ...(features ? { features } : {}), ...(hexes ? { hexes } : {}) },
    preview: {
      ...prepared.preview,
      added: taken.filter((c) => !held.has(c)).length,
      replaced: taken.filter((c) => held.has(c)).length,
      skippedOutsidePlan: outside,
      measures: [what],
      notTaken: [
        `${covered.length} of the ${members.length} member authorities are in this file${missing.length ? `; missing: ${missing.join(', ')}` : ''}.`,
        ...(others > 0
          ? [
              `${others} other ${others === 1 ? 'authority' : 'authorities'} of the plan (not members) also given ${what}.`,
            ]
          : []),
        ...(outside > 0 ? [`${outside} ${outside === 1 ? 'area' : 'areas'} not in this plan left out.`] : []),
        ...(read
          ? [
              `Read layer “${read.layer ?? '(the only one)'}”, matching authorities by the field “${read.codeField ?? '?'}”.`,
            ]
          : []),
        ...prepared.preview.notTaken,
      ],
      errorCount,
      warningCount,
      issues,
      ...(read
        ? {
            layer: read.layer,
            layers: read.layers.map((l) => ({
              name: l.name,
              features: l.features,
              codeField: l.codeField,
              authorities: l.authorities,
              members: l.members,
            })),
          }
        : {}),
    },
  };
}

export function storeGeometry(db: PlanDatabase, file: PreparedFile) {
  const written =
    (file.geometry?.features ? writeBoundaries(db, file.geometry.features, file.source.id) : 0) +
    (file.geometry?.hexes ? writeHexLayout(db, file.geometry.hexes, file.source.id) : 0);
  return {
    added: file.preview.added,
    replaced: file.preview.replaced,
    skippedOutsidePlan: Math.max(0, file.preview.added + file.preview.replaced - written),
  };
}
