/**
 * Writing imported figures into a plan. Called inside one transaction per commit: figures for the
 * same area, measure and period (or supply snapshot) replace what was held; nothing is duplicated.
 */
import type { ImportLogEntry } from '#shared/api/contract.js';
import type { Observation, Source } from '#shared/model/dataset.js';
import type { PopulationProjection } from '#shared/import/ons.js';
import type { ChildrensHome, SupplyMovement, SupplyRow } from '#shared/model/supply.js';
import type { PlacementFlow, UnitCost } from '#shared/model/placements.js';
import type { SupplyChange } from '#shared/import/template.js';
import type { PlanDatabase } from './database.js';

export interface ImportRows {
  observations: Observation[];
  /** Stored only where the plan holds no figure for the same area, measure and period (never replacing). */
  denominators?: Observation[];
  supply: SupplyRow[];
  homes: ChildrensHome[];
  projections: PopulationProjection[];
  /** Ofsted joiners and leavers: openings and closures by area, year and sector. */
  supplyMovements?: SupplyMovement[];
  /** From our data template. */
  flows?: PlacementFlow[];
  unitCosts?: UnitCost[];
  supplyChanges?: SupplyChange[];
}

export interface ImportCounts {
  added: number;
  replaced: number;
  skippedOutsidePlan: number;
}

function planAreaCodes(db: PlanDatabase): Set<string> {
  return new Set((db.prepare('SELECT code FROM area').all() as { code: string }[]).map((r) => r.code));
}

/** Counts what writing these rows would add and replace, without writing. */
export function countChanges(db: PlanDatabase, rows: ImportRows): ImportCounts {
  const areas = planAreaCodes(db);
  const hasObservation = db.prepare('SELECT 1 FROM observation WHERE area_code = ? AND measure = ? AND period = ?');
  const hasSupply = db.prepare('SELECT 1 FROM supply WHERE area_code = ? AND period = ? LIMIT 1');
  const hasProjection = db.prepare('SELECT 1 FROM population_projection WHERE area_code = ? AND year = ?');
  const counts: ImportCounts = { added: 0, replaced: 0, skippedOutsidePlan: 0 };
  const tally = (inPlan: boolean, exists: boolean) => {
    if (!inPlan) counts.skippedOutsidePlan++;
    else if (exists) counts.replaced++;
    else counts.added++;
  };
  for (const o of rows.observations) tally(areas.has(o.area), Boolean(hasObservation.get(o.area, o.measure, o.period)));
  for (const o of rows.denominators ?? []) {
    if (!areas.has(o.area)) counts.skippedOutsidePlan++;
    else if (!hasObservation.get(o.area, o.measure, o.period)) counts.added++;
  }
  const supplySnapshots = new Map<string, SupplyRow>();
  for (const r of rows.supply) supplySnapshots.set(`${r.area}|${r.period}`, r);
  for (const r of supplySnapshots.values()) tally(areas.has(r.area), Boolean(hasSupply.get(r.area, r.period)));
  for (const p of rows.projections) tally(areas.has(p.area), Boolean(hasProjection.get(p.area, p.year)));
  const hasFlow = db.prepare(
    'SELECT 1 FROM placement_flow WHERE placing_area_code = ? AND host_area_code = ? AND period = ?',
  );
  for (const f of rows.flows ?? [])
    tally(areas.has(f.placingArea), Boolean(hasFlow.get(f.placingArea, f.hostArea, f.period)));
  const hasCost = db.prepare('SELECT 1 FROM unit_cost WHERE placement_type = ? AND sector = ? AND price_year = ?');
  for (const c of rows.unitCosts ?? []) tally(true, Boolean(hasCost.get(c.placementType, c.sector, c.priceYear)));
  for (const c of rows.supplyChanges ?? []) tally(areas.has(c.area), false);
  const hasMovements = db.prepare('SELECT 1 FROM supply_movement WHERE area_code = ? AND period = ? LIMIT 1');
  for (const key of new Set((rows.supplyMovements ?? []).map((m) => `${m.area}|${m.period}`))) {
    const [area, period] = key.split('|') as [string, string];
    tally(areas.has(area), Boolean(hasMovements.get(area, period)));
  }
  return counts;
}

export function upsertSource(db: PlanDatabase, source: Source, importedAt: string): void {
  db.prepare(
    `INSERT INTO source (id, title, publisher, file, table_name, period, licence, url, illustrative, imported_at)
     VALUES (@id, @title, @publisher, @file, @table, @period, @licence, @url, @illustrative, @importedAt)
     ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher, file = excluded.file,
       table_name = excluded.table_name, period = excluded.period, licence = excluded.licence, url = excluded.url,
       illustrative = excluded.illustrative, imported_at = excluded.imported_at`,
  ).run({ ...source, illustrative: source.illustrative ? 1 : 0, importedAt });
}

/** Writes the rows (which must already carry `sourceId`); rows for areas outside the plan are skipped. */
export function writeImportRows(db: PlanDatabase, rows: ImportRows, sourceId: string): ImportCounts {
  const counts = countChanges(db, rows);
  const areas = planAreaCodes(db);
  const upsertObservation = db.prepare(
    `INSERT INTO observation (area_code, measure, period, value, suppression, source_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (area_code, measure, period) DO UPDATE SET value = excluded.value, suppression = excluded.suppression,
       source_id = excluded.source_id`,
  );
  for (const o of rows.observations) {
    if (areas.has(o.area)) upsertObservation.run(o.area, o.measure, o.period, o.value, o.suppression, sourceId);
  }
  const fillObservation = db.prepare(
    `INSERT INTO observation (area_code, measure, period, value, suppression, source_id) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (area_code, measure, period) DO NOTHING`,
  );
  for (const o of rows.denominators ?? []) {
    if (areas.has(o.area)) fillObservation.run(o.area, o.measure, o.period, o.value, o.suppression, sourceId);
  }

  // A supply snapshot (area, date) is replaced as a whole: homes that closed must not linger.
  const snapshots = new Set(rows.supply.filter((r) => areas.has(r.area)).map((r) => `${r.area}|${r.period}`));
  const deleteSupply = db.prepare('DELETE FROM supply WHERE area_code = ? AND period = ?');
  const deleteHomes = db.prepare('DELETE FROM childrens_home WHERE area_code = ? AND period = ?');
  for (const snapshot of snapshots) {
    const [area, period] = snapshot.split('|') as [string, string];
    deleteSupply.run(area, period);
    deleteHomes.run(area, period);
  }
  const insertSupply = db.prepare(
    `INSERT INTO supply (area_code, period, sector, home_type, judgement, homes, registered_places, source_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (area_code, period, sector, home_type, judgement) DO UPDATE SET homes = homes + excluded.homes,
       registered_places = registered_places + excluded.registered_places`,
  );
  for (const r of rows.supply) {
    if (areas.has(r.area))
      insertSupply.run(r.area, r.period, r.sector, r.homeType, r.judgement, r.homes, r.registeredPlaces, sourceId);
  }
  const insertHome = db.prepare(
    `INSERT OR REPLACE INTO childrens_home (urn, period, area_code, sector, home_type, judgement, registered_places, registration_status, source_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const h of rows.homes) {
    if (areas.has(h.area)) {
      insertHome.run(
        h.urn,
        h.period,
        h.area,
        h.sector,
        h.homeType,
        h.judgement,
        h.registeredPlaces,
        h.registrationStatus,
        sourceId,
      );
    }
  }
  const upsertProjection = db.prepare(
    `INSERT INTO population_projection (area_code, year, population_0_to_17, source_id) VALUES (?, ?, ?, ?)
     ON CONFLICT (area_code, year) DO UPDATE SET population_0_to_17 = excluded.population_0_to_17, source_id = excluded.source_id`,
  );
  for (const p of rows.projections) {
    if (areas.has(p.area)) upsertProjection.run(p.area, p.year, p.population0to17, sourceId);
  }
  writeSupplyMovements(db, rows.supplyMovements ?? [], sourceId, areas);
  writeTemplateRows(db, rows, sourceId, areas);
  return counts;
}

/**
 * A file's movements replace what was held for each of its areas and years as a whole (every sector),
 * so a corrected file never leaves a stale sector behind; other areas and years are kept.
 */
function writeSupplyMovements(
  db: PlanDatabase,
  movements: readonly SupplyMovement[],
  sourceId: string,
  areas: Set<string>,
): void {
  if (movements.length === 0) return;
  const deleteYear = db.prepare('DELETE FROM supply_movement WHERE area_code = ? AND period = ?');
  for (const key of new Set(movements.filter((m) => areas.has(m.area)).map((m) => `${m.area}|${m.period}`))) {
    const [area, period] = key.split('|') as [string, string];
    deleteYear.run(area, period);
  }
  const insert = db.prepare(
    `INSERT INTO supply_movement (area_code, period, sector, homes_opened, places_opened, homes_closed, places_closed, source_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const m of movements) {
    if (areas.has(m.area)) {
      insert.run(m.area, m.period, m.sector, m.homesOpened, m.placesOpened, m.homesClosed, m.placesClosed, sourceId);
    }
  }
}

/** Flows replace the placing LA's flows for that year as a whole; costs are upserted; changes appended. */
function writeTemplateRows(db: PlanDatabase, rows: ImportRows, sourceId: string, areas: Set<string>): void {
  const flows = (rows.flows ?? []).filter(
    (f) => areas.has(f.placingArea) && (f.hostArea === 'OUTSIDE' || areas.has(f.hostArea)),
  );
  const deleteFlows = db.prepare('DELETE FROM placement_flow WHERE placing_area_code = ? AND period = ?');
  for (const key of new Set(flows.map((f) => `${f.placingArea}|${f.period}`))) {
    const [placing, period] = key.split('|') as [string, string];
    deleteFlows.run(placing, period);
  }
  const insertFlow = db.prepare(
    'INSERT INTO placement_flow (placing_area_code, host_area_code, period, children, source_id) VALUES (?, ?, ?, ?, ?)',
  );
  for (const f of flows) insertFlow.run(f.placingArea, f.hostArea, f.period, f.children, sourceId);
  const upsertCost = db.prepare(
    `INSERT INTO unit_cost (placement_type, sector, price_year, weekly_cost, source_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (placement_type, sector, price_year) DO UPDATE SET weekly_cost = excluded.weekly_cost, source_id = excluded.source_id`,
  );
  for (const c of rows.unitCosts ?? []) upsertCost.run(c.placementType, c.sector, c.priceYear, c.weeklyCost, sourceId);
  // The template's Supply changes sheet is the whole list: importing one replaces all held before.
  if (rows.supplyChanges) db.prepare('DELETE FROM supply_change').run();
  const insertChange = db.prepare(
    'INSERT INTO supply_change (area_code, from_year, sector, home_type, places_change, note, source_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  for (const c of rows.supplyChanges ?? []) {
    if (areas.has(c.area)) insertChange.run(c.area, c.fromYear, c.sector, c.homeType, c.placesChange, c.note, sourceId);
  }
}

export function logImport(db: PlanDatabase, entry: Omit<ImportLogEntry, 'id'>): ImportLogEntry {
  const result = db
    .prepare(
      `INSERT INTO import_log (source_id, file_name, sha256, kind, sheet_name, imported_at, rows_read, rows_added, rows_replaced, warnings)
       VALUES (@sourceId, @fileName, @sha256, @kind, @sheetName, @importedAt, @rowsRead, @rowsAdded, @rowsReplaced, @warnings)`,
    )
    .run(entry);
  return { ...entry, id: Number(result.lastInsertRowid) };
}

export function listImportLog(db: PlanDatabase): ImportLogEntry[] {
  return (
    db.prepare('SELECT * FROM import_log ORDER BY id DESC').all() as {
      id: number;
      source_id: string;
      file_name: string;
      sha256: string;
      kind: string;
      sheet_name: string | null;
      imported_at: string;
      rows_read: number;
      rows_added: number;
      rows_replaced: number;
      warnings: number;
    }[]
  ).map((r) => ({
    id: r.id,
    sourceId: r.source_id,
    fileName: r.file_name,
    sha256: r.sha256,
    kind: r.kind,
    sheetName: r.sheet_name,
    importedAt: r.imported_at,
    rowsRead: r.rows_read,
    rowsAdded: r.rows_added,
    rowsReplaced: r.rows_replaced,
    warnings: r.warnings,
  }));
}
