/** The supply projection's inputs, options and results: places per authority and sector, rates, percentiles and paths. */
import type { ForecastAssumption } from '../../forecast/types.js';
import type { HomeSector, SupplyMovement } from '../../model/supply.js';

/** Places in one authority and sector at the snapshot. */
export interface SectorPlaces {
  area: string;
  sector: HomeSector;
  places: number;
}

export interface SupplyProjectionInput {
  /** Snapshot date, e.g. "2023-03-31"; its year ending 31 March is the projection's start. */
  snapshotPeriod: string;
  /**
   * Every authority's places by sector at the snapshot, as exposure for the rates (all children's
   * homes: long-term and short-break-only, secure homes excluded). Authorities absent have 0.
   */
  exposurePlaces: readonly SectorPlaces[];
  /** The places projected, by authority and sector (long-term places); defaults to exposurePlaces. */
  places?: readonly SectorPlaces[];
  /** Authority → region code, for every authority of the pool. */
  regionOf: ReadonlyMap<string, string>;
  /** Openings and closures by area, year and sector; rows for regions and England are ignored. */
  movements: readonly SupplyMovement[];
}

export interface SupplyProjectionOptions {
  /** Authorities to project (ONS codes). */
  members: readonly string[];
  /** Years ending 31 March to report, e.g. ["2026", …, "2030"]; years before the snapshot's are held at it. */
  years: readonly string[];
  /** 0 gives the central path only (P10 = P50 = P90). */
  simulations: number;
  seed: number;
  /** Keep each sector's draws (year-major: draws[yearIndex × simulations + s]). */
  keepDraws?: boolean;
  /**
   * England's net change in places a year (share of places) to project with, from the plan's
   * assumption register: every authority's openings are scaled by one factor so that the history's
   * net change would have been this; closures are kept. Absent: the history's own.
   */
  netChangePerYear?: number;
}

/**
 * Openings (places a year) and closures (per place per year) for one authority and sector, and how
 * they were pooled.
 */
export interface SectorRates {
  /** Places opened per year (pooled). */
  opening: number;
  /** Share of places closed per year (pooled). */
  closure: number;
  /** The authority's own: places opened a year, closures per place-year, years and place-years of history. */
  ownOpening: number;
  ownClosure: number;
  years: number;
  placeYears: number;
  /** The region's (pooled towards England) figures it is pooled towards. */
  regionOpening: number;
  regionClosure: number;
  /** Weight on the region's rate (0 = own rates kept, 1 = the region's). */
  poolingWeight: { opening: number; closure: number };
}

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface SectorProjection {
  sector: HomeSector;
  snapshotPlaces: number;
  rates: SectorRates;
  /** Per reported year: central path (posterior mean rates) and percentiles of the simulations. */
  central: number[];
  percentiles: Percentiles[];
  draws?: Float64Array;
}

export interface AreaSupplyProjection {
  code: string;
  sectors: SectorProjection[];
  /** All sectors, per reported year (percentiles of the summed simulations). */
  total: Percentiles[];
  /** LA-run places (sector Local Authority), per reported year. */
  laRun: Percentiles[];
  /** Year-major draws of the total (kept with `keepDraws`). */
  totalDraws?: Float64Array;
  /** Year-major draws of the LA-run places (kept with `keepDraws`). */
  laRunDraws?: Float64Array;
}

export interface SupplyProjection {
  /** Year ending 31 March of the snapshot, e.g. "2023". */
  snapshotYear: string;
  years: string[];
  simulations: number;
  seed: number;
  /** First and last history year, or null when there is none. */
  history: { from: string; to: string } | null;
  areas: AreaSupplyProjection[];
  /** The consortium of `members`: sum over members per simulation. */
  total: Percentiles[];
  /** The assumption the projection rests on, for the plan's register and every result. */
  assumption: ForecastAssumption;
  notes: string[];
}

/** Key of the assumption in results and the plan's register. */
export const SUPPLY_MOVEMENT_KEY = 'supplyNetChangePerYear';
