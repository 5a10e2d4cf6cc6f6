/**
 * The plain series projection inputs are built from (./build.ts): each member LA's children in
 * secure and children's homes by year, its population estimates and projections, and its places.
 */
import type { ForecastSettings } from '../types.js';

/** England, 31 March 2023: 407 of 2,814 active children's homes were LA-run (Ofsted). Used only without a sector breakdown. */
export const DEFAULT_LA_RUN_SHARE = 0.14;

/** One LA's raw series, before population is aligned and extended. */
export interface AreaSeries {
  code: string;
  name: string;
  /** Children in secure and children's homes on 31 March, by year ending 31 March ("2025"). */
  demand: Record<string, number | null>;
  /** ONS mid-year estimates of children aged 0 to 17, by calendar year of the estimate ("2024" = mid-2024). */
  populationEstimates: Record<string, number>;
  /** ONS projections of the same, by calendar year. */
  populationProjections?: Record<string, number>;
  /** Long-term registered places; when undefined the LA has no supply figures. */
  registeredPlaces?: number;
  /** LA-run places among them; when undefined, the assumed LA-run share is applied. */
  laRunPlaces?: number;
  shortBreakOnlyPlaces?: number;
  supplyPeriod?: string;
}

export interface SeriesInputs {
  consortiumName: string;
  areas: AreaSeries[];
  /**
   * Annual growth of the population aged 0 to 17 after the last known figure (estimate or ONS
   * projection), as a share (0.01 = +1% a year); default 0: held at the last figure.
   */
  populationGrowthWithoutProjection?: number;
  /** LA-run share of places applied where supply has no sector breakdown. */
  laRunShareWhenUnknown?: number;
  planSettings?: Partial<ForecastSettings>;
  warnings?: string[];
}
