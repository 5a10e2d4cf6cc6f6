/**
 * The boundary between the supply projection (./projectSupply/) and the bed-need projection
 * (shared/forecast): which places each member has in each projected year. `placesInYear` is the one
 * place the gap calculation reads places per year from; `attachSupplyProjection` fills it in from the
 * plan's supply snapshot and its children's homes openings and closures. Without that history, or
 * without it being attached, places are held at the snapshot, as before.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { MAX_HORIZON_YEARS } from '../forecast/settings.js';
import type { AreaSupply, ProjectionInputs } from '../forecast/types.js';
import type { Area } from '../model/dataset.js';
import type { SupplyMovement, SupplyRow } from '../model/supply.js';
import type { SectorPlaces, SupplyProjection } from './projectSupply/index.js';
import { SUPPLY_MOVEMENT_KEY, projectSupply } from './projectSupply/index.js';

/** Long-term registered places and LA-run places of an area in a year ending 31 March. */
export function placesInYear(supply: AreaSupply, year: string): { registeredPlaces: number; laRunPlaces: number } {
  const p = supply.projected;
  const i = p ? p.years.indexOf(year) : -1;
  if (!p || i < 0) return { registeredPlaces: supply.registeredPlaces, laRunPlaces: supply.laRunPlaces };
  return { registeredPlaces: p.registeredPlaces[i] ?? 0, laRunPlaces: p.laRunPlaces[i] ?? 0 };
}

/** What the supply projection needs from a plan: every authority's supply rows, the movements, the areas. */
export interface SupplyPool {
  /** Supply rows of every authority (not only members): the exposure the rates are pooled over. */
  supply: readonly SupplyRow[];
  movements: readonly SupplyMovement[];
  areas: readonly Area[];
}

export interface SupplyForecastOptions {
  members: readonly string[];
  years: readonly string[];
  /** Snapshot the members' places were counted at ("2023-03-31"). */
  snapshotPeriod: string;
  simulations?: number;
  seed?: number;
  keepDraws?: boolean;
  /** England's net change in places a year from the plan's register (see SupplyProjectionOptions). */
  netChangePerYear?: number;
}

/** Simulations for the baseline supply paths (each member × sector × year), and their seed. */
export const SUPPLY_SIMULATIONS = 500;
export const SUPPLY_SEED = 1;

/**
 * Places by sector and year for the given members (median, P10/P50/P90, and draws with
 * `keepDraws`), from the snapshot and the movements in the pool; null when the pool has no supply
 * rows at the snapshot (nothing to project from).
 */
export function forecastSupply(pool: SupplyPool, options: SupplyForecastOptions): SupplyProjection | null {
  const regionOf = new Map<string, string>();
  for (const a of pool.areas) {
    if (a.level === 'Local authority' && a.regionCode) regionOf.set(a.code, a.regionCode);
  }
  const rows = pool.supply.filter((r) => r.period === options.snapshotPeriod && r.homeType !== 'secure');
  if (rows.length === 0) return null;
  const toPlaces = (r: SupplyRow): SectorPlaces => ({ area: r.area, sector: r.sector, places: r.registeredPlaces });
  return projectSupply(
    {
      snapshotPeriod: options.snapshotPeriod,
      exposurePlaces: rows.map(toPlaces),
      places: rows.filter((r) => r.homeType === 'childrensHome').map(toPlaces),
      regionOf,
      movements: pool.movements,
    },
    {
      members: options.members,
      years: options.years,
      simulations: options.simulations ?? SUPPLY_SIMULATIONS,
      seed: options.seed ?? SUPPLY_SEED,
      ...(options.keepDraws ? { keepDraws: true } : {}),
      ...(options.netChangePerYear !== undefined ? { netChangePerYear: options.netChangePerYear } : {}),
    },
  );
}

/**
 * Gives each member whose places come from supply rows their projected places for every year up to
 * the longest horizon, and states the assumption; members without supply rows, plans without
 * movements and plans whose members have no common snapshot are left held at the snapshot. Returns
 * the projection (or null when nothing was attached).
 */
export function attachSupplyProjection(
  inputs: ProjectionInputs,
  pool: SupplyPool,
  options: { netChangePerYear?: number } = {},
): SupplyProjection | null {
  if (pool.movements.length === 0) return null;
  const withRows = inputs.areas.filter((a) => a.supply.basis === 'supply rows' && a.supply.period !== null);
  const snapshot = withRows[0]?.supply.period ?? null;
  if (snapshot === null || withRows.some((a) => a.supply.period !== snapshot)) return null;
  const base = Number(inputs.baseYear);
  // From the base year (year 0 is estimated from the snapshot too) to the longest horizon.
  const years = Array.from({ length: MAX_HORIZON_YEARS + 1 }, (_, i) => String(base + i));
  const projection = forecastSupply(pool, {
    members: withRows.map((a) => a.code),
    years,
    snapshotPeriod: snapshot,
    keepDraws: true,
    ...(options.netChangePerYear !== undefined ? { netChangePerYear: options.netChangePerYear } : {}),
  });
  if (!projection) return null;
  for (const area of withRows) {
    const p = projection.areas.find((x) => x.code === area.code);
    if (!p) continue;
    area.supply.projected = {
      years,
      registeredPlaces: p.total.map((x) => x.p50),
      laRunPlaces: p.laRun.map((x) => x.p50),
      p10: p.total.map((x) => x.p10),
      p90: p.total.map((x) => x.p90),
      ...(p.totalDraws && p.laRunDraws && projection.simulations > 0
        ? { draws: { simulations: projection.simulations, registered: p.totalDraws, laRun: p.laRunDraws } }
        : {}),
    };
  }
  inputs.assumptions.push(projection.assumption);
  inputs.warnings.push(...projection.notes);
  return projection;
}

/** The register's template for the net-change assumption (label, unit, rationale), for a plan that lacks it. */
export function supplyAssumptionTemplate(): {
  key: string;
  label: string;
  value: number;
  unit: string;
  rationale: string;
  source: null;
} {
  return {
    key: SUPPLY_MOVEMENT_KEY,
    label: 'Net change in children’s home places per year (England, all sectors)',
    value: 0,
    unit: 'share of places a year',
    rationale:
      'Set it to test supply against the 2017–2023 trend: every authority’s openings are scaled by one factor so that England’s net change in places over the history would have been this share a year; closures are kept. 0 means openings only replace closures.',
    source: null,
  };
}

/** Range the register accepts for the net change (a share of places a year). */
export const SUPPLY_NET_CHANGE_RANGE = { min: -0.2, max: 0.3 } as const;
