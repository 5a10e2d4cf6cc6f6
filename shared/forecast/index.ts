/**
 * Forecasting children's home need: how many children will need a place in each of the next years,
 * how many beds that means, how sure we are, and how well the method would have forecast the past.
 *
 *   const inputs = projectionInputsFromPlan(planData);
 *   const result = project(inputs, { method: 'rate', seed: 42 });
 *   const accuracy = backtest(inputs, { method: 'rate' });
 *   const evidence = nationalBacktest(nationalPanelFromPlan(planData, 'childrenLookedAfter'));
 *
 * The rate method is the candidate the national backtest chose (./national/, ./selected.ts),
 * started from each member's last observation; the earlier negative binomial fit (./rate/) stays
 * exported for comparison.
 *
 * Everything here is pure and deterministic for a given seed.
 */
import { summariseProjection } from './beds/index.js';
import { projectManual } from './manual.js';
import { projectRate } from './rate/index.js';
import { projectSelectedCached } from './selected.js';
import { resolveSettings } from './settings.js';
import type { ProjectionInputs, ProjectionResult, ProjectOptions } from './types.js';

export type * from './types.js';
export type { AnalyticDemand, AreaDemand, DemandProjection } from './demand.js';
export {
  assumptionRanges,
  drawAssumptions,
  gapDriverSentence,
  gapTornado,
  type AssumptionDraws,
  type AssumptionRange,
  type TornadoBar,
  type UncertainAssumptionKey,
} from './assumptionUncertainty.js';
export { driverSentence, tornado, type SensitivityBar, type SensitivityInput } from './tornado.js';
export {
  basePosition,
  decomposeGap,
  placedWhereByMember,
  reconcileGaps,
  sumPlacedWhere,
  type BasePlaces,
  type BasePosition,
  type GapDecomposition,
  type GapReconciliation,
  type PlacedWhere,
} from './basePosition.js';
export { backtest, coverageScore, lastValueForecast, linearTrendForecast, type BacktestOptions } from './backtest.js';
export {
  accessibleFromSupplyParts,
  bedsNeeded,
  CONSORTIUM_CODE,
  INFORMATIVE_PROBABILITY,
  probabilityInformative,
  probabilityWords,
  summariseProjection,
  supplyPaths,
  type ProbabilityKind,
  type ProbabilityWords,
} from './beds/index.js';
export { CANDIDATES, candidateLabels, type CandidateId, type Smoothing } from './candidates.js';
export {
  calibrationAt,
  nationalBacktest,
  nationalPanelFromPlan,
  SCORE_BASIS,
  type CandidateHorizonScore,
  type CandidateScores,
  type HorizonCalibration,
  type NationalBacktestOptions,
  type NationalBacktestResult,
  type NationalPair,
  type NationalPanel,
  type PanelArea,
  type PanelSeries,
} from './national/index.js';
export { panelFromInputs, panelUpTo, projectSelected, selectionEvidence } from './selected.js';
export {
  buildProjectionInputs,
  projectionInputsFromPlan,
  type AreaSeries,
  type InputsFromPlanOptions,
  type SeriesInputs,
} from './inputs/index.js';
export { projectManual } from './manual.js';
export { dampedSteps, fitRateModel, projectionYears, projectRate, type LaFit, type RateFit } from './rate/index.js';
export { defaultSettings, MAX_HORIZON_YEARS, planAssumptionKeys, resolveSettings } from './settings.js';
export { columnStats } from './simulate.js';
export { Rng } from '../random/lcg.js';

/**
 * Projects demand, beds and gaps for each member LA and the consortium. Options override the
 * plan's own settings, which override the defaults; out-of-range options throw a clear Error.
 */
export function project(inputs: ProjectionInputs, options: ProjectOptions): ProjectionResult {
  if (options.method !== 'rate' && options.method !== 'manual') {
    throw new Error(`Unknown projection method "${String(options.method)}": use "rate" or "manual".`);
  }
  const settings = resolveSettings(options, inputs.planSettings);
  const damping = options.trendDamping ?? inputs.planSettings.trendDamping;
  const demand =
    options.method === 'rate'
      ? projectSelectedCached(inputs, settings, {
          ...(options.candidate ? { candidate: options.candidate } : {}),
          ...(damping !== undefined ? { trendDamping: damping } : {}),
        })
      : projectManual(inputs, settings);
  return summariseProjection(inputs, demand, settings);
}

/**
 * The earlier rate method: a negative binomial fit of the rate per 10,000 with partially pooled
 * trends, projected from the fitted line (./rate/). Kept for comparison and for its tests; the
 * national backtest found that starting from a fitted line loses to the last observation, so it is
 * no longer the default.
 */
export function projectGlm(inputs: ProjectionInputs, options: Omit<ProjectOptions, 'method'>): ProjectionResult {
  const settings = resolveSettings({ ...options, method: 'rate' }, inputs.planSettings);
  return summariseProjection(inputs, projectRate(inputs, settings), settings);
}
