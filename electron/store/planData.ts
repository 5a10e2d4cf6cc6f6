/** Typed reads and writes of a plan's data tables. */
import type { Area, AreaLevel, BuiltInDataset, Observation, Source, SuppressionCode } from '#shared/model/dataset.js';
import { isMeasureId, type MeasureId } from '#shared/model/measures.js';
import type { Assumption, CostPlacementType, CostSector, PlacementFlow, UnitCost } from '#shared/model/placements.js';
import type { HomeSector, HomeType, OfstedJudgement, SupplyMovement, SupplyRow } from '#shared/model/supply.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { SupplyChange } from '#shared/import/template.js';
import type { ConsortiumChoice } from '#shared/model/consortia.js';
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

/** The projection horizon a plan starts with, in years. */
export const DEFAULT_HORIZON_YEARS = 5;
export const MAX_PLAN_HORIZON_YEARS = 10;

/** The plan's projection horizon (1–10 years; 5 when the plan has never set one). */
export function readHorizonYears(db: PlanDatabase): number {
  const stored = Number(getMeta(db, 'horizon_years'));
  return Number.isInteger(stored) && stored >= 1 && stored <= MAX_PLAN_HORIZON_YEARS ? stored : DEFAULT_HORIZON_YEARS;
}

export function writeHorizonYears(db: PlanDatabase, years: number): void {
  setMeta(db, 'horizon_years', String(years));
}

/**
 * Fills a new plan from the built-in dataset. With `consortium`, its members and name replace the
 * dataset's own (a plan for any set of English authorities); without, the dataset's flags stand.
 */
export function seedFromDataset(
  db: PlanDatabase,
  dataset: BuiltInDataset,
  importedAt: string,
  consortium?: ConsortiumChoice,
): void {
  const members = consortium ? new Set(consortium.members) : null;
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
  const insertSupply = db.prepare(
    `INSERT INTO supply (area_code, period, sector, home_type, judgement, homes, registered_places, source_id)
     VALUES (@area, @period, @sector, @homeType, @judgement, @homes, @registeredPlaces, @source)`,
  );
  const insertHome = db.prepare(
    `INSERT INTO childrens_home (urn, period, area_code, sector, home_type, judgement, registered_places, registration_status, source_id)
     VALUES (@urn, @period, @area, @sector, @homeType, @judgement, @registeredPlaces, @registrationStatus, @source)`,
  );
  const insertFlow = db.prepare(
    `INSERT INTO placement_flow (placing_area_code, host_area_code, period, children, source_id)
     VALUES (@placingArea, @hostArea, @period, @children, @source)`,
  );
  const insertCost = db.prepare(
    `INSERT INTO unit_cost (placement_type, sector, price_year, weekly_cost, source_id)
     VALUES (@placementType, @sector, @priceYear, @weeklyCost, @source)`,
  );
  const insertMovement = db.prepare(
    `INSERT INTO supply_movement (area_code, period, sector, homes_opened, places_opened, homes_closed, places_closed, source_id)
     VALUES (@area, @period, @sector, @homesOpened, @placesOpened, @homesClosed, @placesClosed, @source)`,
  );
  const insertAssumption = db.prepare(
    `INSERT INTO assumption (key, label, value, unit, rationale, source_id, changed_by, changed_at)
     VALUES (@key, @label, @value, @unit, @rationale, @source, @changedBy, @changedAt)`,
  );
  db.transaction(() => {
    setMeta(db, 'consortium_name', consortium?.name ?? dataset.consortiumName);
    setMeta(db, 'template', dataset.id);
    setMeta(db, 'created_at', importedAt);
    for (const s of dataset.sources) insertSource.run({ ...s, illustrative: s.illustrative ? 1 : 0, importedAt });
    for (const a of dataset.areas) {
      const isMember = members ? a.level === 'Local authority' && members.has(a.code) : a.isMember;
      insertArea.run({ ...a, isMember: isMember ? 1 : 0 });
    }
    for (const o of dataset.observations) {
      insertObservation.run(o.area, o.measure, o.period, o.value, o.suppression, o.source);
    }
    for (const row of dataset.supply) insertSupply.run(row);
    for (const home of dataset.homes) insertHome.run(home);
    for (const flow of dataset.flows) insertFlow.run(flow);
    for (const cost of dataset.unitCosts) insertCost.run(cost);
    for (const assumption of dataset.assumptions) insertAssumption.run(assumption);
    for (const movement of dataset.supplyMovements ?? []) insertMovement.run(movement);
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

/**
 * The plan's data as a summary reads it (members and comparators), plus every other authority's
 * figures for the measures a national panel needs (the forecast's method selection and backtest):
 * a few thousand rows instead of every figure for every authority.
 */
export function readPlanDataWithPanel(
  db: PlanDatabase,
  measures: readonly MeasureId[] = ['childrenInChildrensHomes', 'childrenLookedAfter', 'population0to17'],
): PlanData {
  const data = readPlanData(db, { summaryOnly: true });
  const rows = db
    .prepare(
      `SELECT * FROM observation
       WHERE measure IN (${measures.map(() => '?').join(', ')})
         AND area_code IN (SELECT code FROM area WHERE is_member = 0 AND level = 'Local authority')
       ORDER BY area_code, measure, period`,
    )
    .all(...measures) as ObservationRow[];
  for (const r of rows) {
    if (!isMeasureId(r.measure)) continue;
    data.observations.push({
      area: r.area_code,
      measure: r.measure,
      period: r.period,
      value: r.value,
      suppression: r.suppression,
      source: r.source_id,
    });
  }
  return data;
}

/**
 * Reads the plan's data. With `summaryOnly`, figures are read for members and comparators only
 * (what a summary shows), not for every authority in England.
 */
export function readPlanData(db: PlanDatabase, options: { summaryOnly?: boolean } = {}): PlanData {
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
  const inSummary = "area_code IN (SELECT code FROM area WHERE is_member = 1 OR level <> 'Local authority')";
  const observationSql = options.summaryOnly
    ? `SELECT * FROM observation WHERE ${inSummary} ORDER BY area_code, measure, period`
    : 'SELECT * FROM observation ORDER BY area_code, measure, period';
  for (const r of db.prepare(observationSql).all() as ObservationRow[]) {
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
  return {
    consortiumName: getMeta(db, 'consortium_name') ?? 'Consortium',
    areas,
    observations,
    sources,
    supply: readSupply(db, options.summaryOnly ? inSummary : null),
    supplyMovements: readSupplyMovements(db),
    flows: readFlows(db),
    unitCosts: readUnitCosts(db),
    assumptions: readAssumptions(db),
  };
}

/** Openings and closures of children's homes, every area (the supply projection pools across them). */
export function readSupplyMovements(db: PlanDatabase): SupplyMovement[] {
  const rows = db.prepare('SELECT * FROM supply_movement ORDER BY area_code, period, sector').all() as {
    area_code: string;
    period: string;
    sector: HomeSector;
    homes_opened: number;
    places_opened: number;
    homes_closed: number;
    places_closed: number;
    source_id: string;
  }[];
  return rows.map((r) => ({
    area: r.area_code,
    period: r.period,
    sector: r.sector,
    homesOpened: r.homes_opened,
    placesOpened: r.places_opened,
    homesClosed: r.homes_closed,
    placesClosed: r.places_closed,
    source: r.source_id,
  }));
}

/** Supply rows, all areas' or those `where` selects. */
export function readSupply(db: PlanDatabase, where: string | null = null): SupplyRow[] {
  const sql = `SELECT * FROM supply ${where ? `WHERE ${where}` : ''} ORDER BY area_code, period, sector, home_type, judgement`;
  const rows = db.prepare(sql).all() as {
    area_code: string;
    period: string;
    sector: HomeSector;
    home_type: HomeType;
    judgement: OfstedJudgement;
    homes: number;
    registered_places: number;
    source_id: string;
  }[];
  return rows.map((r) => ({
    area: r.area_code,
    period: r.period,
    sector: r.sector,
    homeType: r.home_type,
    judgement: r.judgement,
    homes: r.homes,
    registeredPlaces: r.registered_places,
    source: r.source_id,
  }));
}

function readFlows(db: PlanDatabase): PlacementFlow[] {
  const rows = db.prepare('SELECT * FROM placement_flow ORDER BY period, placing_area_code, host_area_code').all() as {
    placing_area_code: string;
    host_area_code: string;
    period: string;
    children: number;
    source_id: string;
  }[];
  return rows.map((r) => ({
    placingArea: r.placing_area_code,
    hostArea: r.host_area_code,
    period: r.period,
    children: r.children,
    source: r.source_id,
  }));
}

function readUnitCosts(db: PlanDatabase): UnitCost[] {
  const rows = db.prepare('SELECT * FROM unit_cost ORDER BY placement_type, sector, price_year').all() as {
    placement_type: CostPlacementType;
    sector: CostSector;
    price_year: string;
    weekly_cost: number;
    source_id: string;
  }[];
  return rows.map((r) => ({
    placementType: r.placement_type,
    sector: r.sector,
    priceYear: r.price_year,
    weeklyCost: r.weekly_cost,
    source: r.source_id,
  }));
}

export function readAssumptions(db: PlanDatabase): Assumption[] {
  const rows = db.prepare('SELECT * FROM assumption ORDER BY key').all() as {
    key: string;
    label: string;
    value: number;
    unit: string;
    rationale: string;
    source_id: string | null;
    changed_by: string;
    changed_at: string;
  }[];
  return rows.map((r) => ({
    key: r.key,
    label: r.label,
    value: r.value,
    unit: r.unit,
    rationale: r.rationale,
    source: r.source_id,
    changedBy: r.changed_by,
    changedAt: r.changed_at,
  }));
}

/** Sets which authorities are consortium members; every code must be a local authority in the plan. */
export function setMembership(db: PlanDatabase, codes: readonly string[]): string[] {
  const known = new Set(
    (db.prepare("SELECT code FROM area WHERE level = 'Local authority'").all() as { code: string }[]).map(
      (r) => r.code,
    ),
  );
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) return unknown;
  const wanted = new Set(codes);
  const update = db.prepare('UPDATE area SET is_member = ? WHERE code = ?');
  db.transaction(() => {
    for (const code of known) update.run(wanted.has(code) ? 1 : 0, code);
  })();
  return [];
}

/** Counts of stored figures per local authority, for choosing members. */
export function observationCounts(db: PlanDatabase): Map<string, number> {
  const rows = db.prepare('SELECT area_code, COUNT(*) AS n FROM observation GROUP BY area_code').all() as {
    area_code: string;
    n: number;
  }[];
  return new Map(rows.map((r) => [r.area_code, r.n]));
}

/** Local supply changes (openings +, closures −) from the data template. */
export function readSupplyChanges(db: PlanDatabase): SupplyChange[] {
  const rows = db.prepare('SELECT * FROM supply_change ORDER BY from_year, area_code, id').all() as {
    area_code: string;
    from_year: string;
    sector: HomeSector;
    home_type: HomeType;
    places_change: number;
    note: string;
    source_id: string;
  }[];
  return rows.map((r) => ({
    area: r.area_code,
    fromYear: r.from_year,
    sector: r.sector,
    homeType: r.home_type,
    placesChange: r.places_change,
    note: r.note,
    source: r.source_id,
  }));
}
