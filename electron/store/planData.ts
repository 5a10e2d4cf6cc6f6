/** Typed reads and writes of a plan's data tables. */
import type {
  Area,
  AreaLevel,
  BuiltInDataset,
  Observation,
  Source,
  SuppressionCode,
} from '../../shared/model/dataset.js';
import { isMeasureId } from '../../shared/model/measures.js';
import type { PlanData } from '../../shared/model/summarise.js';
import type { PlanDatabase } from './database.js';

export function getMeta(db: PlanDatabase, key: string): string | undefined {
  const row = db.prepare('SELECT value FROM plan_meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

export function setMeta(db: PlanDatabase, key: string, value: string): void {
  db.prepare(
    'INSERT INTO plan_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, value);
}

/** Fills an empty, migrated plan from the built-in dataset, in one transaction. */
export function seedFromDataset(db: PlanDatabase, dataset: BuiltInDataset, importedAt: string): void {
  const insertSource = db.prepare(
    `INSERT INTO source (id, title, publisher, file, table_name, period, licence, url, illustrative, imported_at)
     VALUES (@id, @title, @publisher, @file, @table, @period, @licence, @url, @illustrative, @importedAt)`,
  );
  const insertArea = db.prepare(
    `INSERT INTO area (code, dfe_code, name, level, region_code, region_name, centroid_lat, centroid_lon, is_member)
     VALUES (@code, @dfeCode, @name, @level, @regionCode, @regionName, @centroidLat, @centroidLon, @isMember)`,
  );
  const insertObservation = db.prepare(
    `INSERT INTO observation (area_code, measure, period, value, suppression, source_id)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    setMeta(db, 'consortium_name', dataset.consortiumName);
    setMeta(db, 'template', dataset.id);
    setMeta(db, 'created_at', importedAt);
    for (const s of dataset.sources) insertSource.run({ ...s, illustrative: s.illustrative ? 1 : 0, importedAt });
    for (const a of dataset.areas) insertArea.run({ ...a, isMember: a.isMember ? 1 : 0 });
    for (const o of dataset.observations) {
      insertObservation.run(o.area, o.measure, o.period, o.value, o.suppression, o.source);
    }
  })();
}

interface AreaRow {
  code: string;
  dfe_code: string | null;
  name: string;
  level: AreaLevel;
  region_code: string | null;
  region_name: string | null;
  centroid_lat: number | null;
  centroid_lon: number | null;
  is_member: number;
}

interface SourceRow {
  id: string;
  title: string;
  publisher: string;
  file: string;
  table_name: string;
  period: string;
  licence: string;
  url: string;
  illustrative: number;
}

interface ObservationRow {
  area_code: string;
  measure: string;
  period: string;
  value: number | null;
  suppression: SuppressionCode | null;
  source_id: string;
}

export function readPlanData(db: PlanDatabase): PlanData {
  const areas = (db.prepare('SELECT * FROM area ORDER BY level DESC, name').all() as AreaRow[]).map((r): Area => ({
    code: r.code,
    dfeCode: r.dfe_code,
    name: r.name,
    level: r.level,
    regionCode: r.region_code,
    regionName: r.region_name,
    centroidLat: r.centroid_lat,
    centroidLon: r.centroid_lon,
    isMember: r.is_member === 1,
  }));
  const sources = (db.prepare('SELECT * FROM source ORDER BY id').all() as SourceRow[]).map((r): Source => ({
    id: r.id,
    title: r.title,
    publisher: r.publisher,
    file: r.file,
    table: r.table_name,
    period: r.period,
    licence: r.licence,
    url: r.url,
    illustrative: r.illustrative === 1,
  }));
  const observations: Observation[] = [];
  for (const r of db
    .prepare('SELECT * FROM observation ORDER BY area_code, measure, period')
    .all() as ObservationRow[]) {
    if (!isMeasureId(r.measure)) continue; // a measure from a newer build: kept in the file, not shown
    observations.push({
      area: r.area_code,
      measure: r.measure,
      period: r.period,
      value: r.value,
      suppression: r.suppression,
      source: r.source_id,
    });
  }
  return { consortiumName: getMeta(db, 'consortium_name') ?? 'Consortium', areas, observations, sources };
}
