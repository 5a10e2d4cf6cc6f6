/**
 * What the national backtest (./backtest.ts) reports, by horizon: pairs n; MAE (children); MAPE (%,
 * actuals of 0 left out); bias (mean of (forecast − actual) ÷ actual, %: negative means
 * under-forecast); MASE (absolute error ÷ the authority's in-sample mean absolute annual change over
 * every year of the panel, floored at one child — Hyndman & Koehler 2006; a unit of measurement, the
 * same for every candidate, entering no forecast; authorities with fewer than two annual changes are
 * left out of MASE and counted); MASE relative to last value (the candidate's MASE ÷ last value's on
 * the same pairs: below 1 beats no change); 80% interval coverage (leave-one-origin-out,
 * ./calibration.ts and ./groups.ts). Also the backtest's options and the basis of its selection.
 */
import type { CandidateId, Smoothing } from '../candidates.js';
import type { HorizonCalibration } from './calibration.js';
import type { PanelSeries } from './panel.js';

export interface CandidateHorizonScore {
  h: number;
  /** Forecast/actual pairs (authority × origin). */
  n: number;
  /** Origins behind the pairs. */
  origins: number;
  mae: number | null;
  mape: number | null;
  /** Mean of (forecast − actual) ÷ actual, in per cent: negative means under-forecast. */
  bias: number | null;
  mase: number | null;
  /** MASE ÷ last value's MASE on the same pairs: below 1 beats no change. */
  maseVsLastValue: number | null;
  /** Share of actuals inside the calibrated 80% interval, leave-one-origin-out. */
  coverage80: number | null;
  /** The same for summed groups (regions and random groups together), and how many such pairs. */
  groupCoverage80: number | null;
  groupPairs: number;
  /** Coverage of the regions' totals alone, and how many region × origin pairs. */
  regionCoverage80?: number | null;
  regionPairs?: number;
  /** Coverage of random groups' totals (5–15 authorities drawn with a fixed seed), and how many pairs. */
  randomGroupCoverage80?: number | null;
  randomGroupPairs?: number;
  /**
   * Totals' coverage origin by origin (regions and random groups together), lowest and highest:
   * every total at one origin shares that origin's national swing, so the origins, not the totals,
   * are the independent draws behind the totals' coverage, and this range shows how much it moves.
   */
  groupCoverageByOrigin?: { origin: number; coverage80: number; pairs: number }[];
  /** Pairs left out of MASE: their authority has fewer than two annual changes to scale by. */
  maseLeftOut?: number;
}

export interface CandidateScores {
  method: CandidateId;
  label: string;
  horizons: CandidateHorizonScore[];
  /** Mean over horizons of MASE relative to last value (null without pairs). */
  meanMaseVsLastValue: number | null;
  /** Calibration fitted on every origin: what a projection from the last year uses. */
  calibration: HorizonCalibration[];
}

export interface NationalBacktestOptions {
  /** Horizons scored (default [1, 2, 3]). */
  horizons?: number[];
  /** Only origins from this year on / up to this year (default: every year before the last). */
  fromYear?: number;
  toYear?: number;
  /** Candidates to score (default: all); last value is always included. */
  candidates?: CandidateId[];
  /** Keep each pair (chosen method and last value) in the result. */
  keepPairs?: boolean;
}

export interface NationalPair {
  area: string;
  origin: number;
  h: number;
  actual: number;
  chosen: { p10: number; p50: number; p90: number };
  lastValue: number;
}

export interface NationalBacktestResult {
  series: PanelSeries;
  /** Authorities with at least one pair. */
  areas: number;
  groups: number;
  origins: number[];
  horizons: number[];
  scoreBasis: string;
  candidates: CandidateScores[];
  chosen: CandidateId;
  /** Why the chosen method is the default, in a sentence. */
  reason: string;
  /** True when no candidate beat last value. */
  lastValueDefault: boolean;
  /** The chosen method's calibration by horizon (fitted on every origin). */
  calibration: HorizonCalibration[];
  /** Smoothing constants fitted at the latest origin, for the record. */
  smoothing: { count: Smoothing; rate: Smoothing };
  pairs?: NationalPair[];
  notes: string[];
}

export const SCORE_BASIS =
  'MASE relative to last value (each error divided by the authority’s mean absolute annual change up to the origin, then divided by last value’s on the same pairs), averaged over horizons; a candidate must be no worse than last value at any horizon to be chosen.';
