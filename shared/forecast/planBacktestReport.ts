/**
 * What `planner backtest` (and the getPlanBacktest API call) reports: the rolling-origin backtest of
 * shared/forecast run on a plan's own figures, per horizon, for the chosen method and the baselines.
 * The types and the measures it can run on; electron/services/backtestService.ts computes it.
 */
import type { PanelSeries } from './national/index.js';

/** The measures a plan's backtest can run on. */
export const BACKTEST_MEASURES = [
  'childrenInChildrensHomes',
  'childrenLookedAfter',
] as const satisfies readonly PanelSeries[];

/** One method's accuracy at one horizon. */
export interface BacktestHorizonRow {
  h: number;
  /** Forecast/actual pairs (authority × origin). */
  pairs: number;
  /** Mean absolute error, children. */
  mae: number | null;
  /** Mean absolute percentage error, % (actuals of 0 left out). */
  mape: number | null;
  /** Mean absolute scaled error: each error ÷ the authority's mean absolute annual change up to the origin. */
  mase: number | null;
  /** Mean of (forecast − actual) ÷ actual, %: negative means under-forecast. */
  bias: number | null;
  /** Share of actuals inside the method's 80% interval (an actual on an end counts half); null without intervals. */
  coverage80: number | null;
}

export interface BacktestMethodRows {
  /** 'chosen' for the default method; else the baseline's id. */
  role: 'chosen' | 'lastValue' | 'drift' | 'linearTrend';
  method: string;
  label: string;
  horizons: BacktestHorizonRow[];
}

/**
 * The chosen method's 80% ranges for summed totals at one horizon: the regions' totals and random
 * groups of 5–15 authorities, each scored leave-one-origin-out, and the coverage origin by origin
 * (the origins are the independent draws: every total at one origin shares its national swing).
 */
export interface BacktestTotalsRow {
  h: number;
  regions: { coverage80: number | null; pairs: number };
  randomGroups: { coverage80: number | null; pairs: number };
  byOrigin: { origin: number; coverage80: number; pairs: number }[];
}

export interface PlanBacktestReport {
  consortium: string;
  scope: 'members' | 'all-england';
  measure: PanelSeries;
  /** Years of figures used. */
  period: { from: number; to: number } | null;
  /** Authorities with at least one pair. */
  authorities: number;
  origins: number[];
  horizons: number[];
  chosen: {
    method: string;
    label: string;
    reason: string;
    lastValueDefault: boolean;
    /** Which authorities the choice was made on: always every authority the plan holds. */
    basis: string;
  };
  methods: BacktestMethodRows[];
  /** The chosen method's ranges for summed totals (consortium-sized groups), by horizon. */
  totals: BacktestTotalsRow[];
  notes: string[];
}
