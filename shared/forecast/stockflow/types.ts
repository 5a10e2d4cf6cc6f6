/**
 * Public types of the stock-flow (Markov) model of children in care: states are age band ×
 * placement category; children enter from, and leave to, "not in care".
 */

export type StockFlowMode = 'sf-regional' | 'corrected';

/** A date as `yyyy-mm-dd` (or `dd/mm/yyyy`) or as a day number (days since 1970-01-01). */
export type DateInput = string | number;

export interface StockFlowCategory {
  id: string;
  label: string;
  /** SSDA903 PLACE codes in the category; the catch-all category lists none. */
  placeCodes: readonly string[];
}

export interface AgeBand {
  label: string;
  /** Lower bound in years (inclusive). */
  from: number;
  /** Upper bound in years (exclusive); null for the open top band. */
  to: number | null;
}

/** How entries to care change over the projection (corrected mode). */
export type EntryTrend =
  | { trend: 'constant' }
  /**
   * Entries follow the projected child population: the daily entry rate per child is held, so the
   * number of entries scales with `population` (e.g. ONS 0–17 projections), mid-year values by year.
   */
  | { trend: 'population'; population: readonly { year: number; count: number }[] }
  /** A fixed annual growth rate (e.g. 0.02 for +2% a year), with an optional standard error. */
  | { trend: 'growth'; annualGrowth: number; standardError?: number }
  /**
   * A log-linear trend fitted to annual entrant counts over the whole history (12-month periods
   * ending on the reference end), damped (each year's growth is `damping` times the last) and with
   * its standard error carried into the simulations. Needs three complete years; else constant.
   */
  | { trend: 'fitted'; damping?: number };

/**
 * Which children the model is fitted on, by UASC status (the UASC table of the return): all, only
 * unaccompanied asylum-seeking children, or all but them. As in the regional demand model, an
 * episode counts as UASC when the child is in the UASC table and the episode starts before the date
 * that status ceased (DUC); in corrected mode a UASC child with no DUC counts as UASC throughout.
 */
export type UascSelection = 'all' | 'only' | 'excluded';

export interface StockFlowFitOptions {
  /** Default 'corrected'. */
  mode?: StockFlowMode;
  /** Default 'all'. */
  uasc?: UascSelection;
  /** First and last day of the reference window over which rates are estimated (inclusive). */
  referenceStart: DateInput;
  referenceEnd: DateInput;
  /** Day the projection starts from (its stock is the starting stock). Default: referenceEnd. */
  projectionStart?: DateInput;
  /** Last day the data covers. Default: the latest DECOM or DEC in the data. */
  dataEnd?: DateInput;
  /** Corrected mode: how entries change (default constant; see {@link EntryTrend}). */
  entries?: EntryTrend;
  /**
   * Corrected mode: rates of sparse states are pooled towards the category's all-ages rate with
   * this many days of pseudo-exposure (default 90; 0 = no pooling).
   */
  poolingDays?: number;
}

export interface StockFlowProjectOptions {
  /** Months ahead to project (1–120). */
  horizonMonths: number;
  /** Months ahead to report (default every month 1..horizon). */
  reportMonths?: readonly number[];
  /** Corrected mode: Monte Carlo runs (default 1000; 0 = expected values only). */
  simulations?: number;
  /** Corrected mode: seed of the random number generator (default 1). */
  seed?: number;
}

/** A projected quantity: mean (expected value); percentiles from the simulations (corrected mode). */
export interface StockSummary {
  mean: number;
  /** sf-regional: the reference model's own standard deviation (its ±2σ bands use it). */
  sd?: number;
  p10?: number;
  p50?: number;
  p90?: number;
}

export interface ProjectionPoint {
  /** Months ahead of the projection start (0 = the starting stock). */
  month: number;
  /** Days ahead of the projection start. */
  day: number;
  /** `yyyy-mm-dd`. */
  date: string;
  byCategory: Record<string, StockSummary>;
  total: StockSummary;
}

export interface StockFlowProjection {
  mode: StockFlowMode;
  categories: readonly StockFlowCategory[];
  /** `yyyy-mm-dd` of the starting stock. */
  startDate: string;
  start: ProjectionPoint;
  points: ProjectionPoint[];
  simulations: number;
  seed: number | null;
  notes: string[];
}
