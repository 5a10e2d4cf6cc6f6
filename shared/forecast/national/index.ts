/**
 * The national backtest: every candidate method (../candidates.ts) forecast from every origin the
 * panel allows, for every English authority, scored against what happened; the default method
 * chosen on that evidence; and interval widths calibrated on the same out-of-sample errors.
 *
 * The parts: the panel of every authority's series (./panel.ts); each origin's fits and the
 * candidates' paths (./paths.ts); one authority's calibrated interval (./calibration.ts); consortium
 * totals' common variance from regions and random groups (./groups.ts); what is scored
 * (./scores.ts); and the backtest with its selection (./backtest.ts). This file only re-exports them.
 */
export { nationalBacktest } from './backtest.js';
export { calibrationAt, logSpread, MIN_QUANTILE_PAIRS, sigmaOf, type HorizonCalibration } from './calibration.js';
export {
  correlationFor,
  groupInterval,
  RANDOM_GROUP_SIZE,
  RANDOM_GROUPS,
  randomGroups,
  type GroupPair,
} from './groups.js';
export { nationalPanelFromPlan, type NationalPanel, type PanelArea, type PanelSeries } from './panel.js';
export { candidatePath, fitOrigin, windowAt, type CandidatePath, type OriginFit } from './paths.js';
export {
  SCORE_BASIS,
  type CandidateHorizonScore,
  type CandidateScores,
  type NationalBacktestOptions,
  type NationalBacktestResult,
  type NationalPair,
} from './scores.js';
