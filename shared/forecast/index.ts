/**
 * Forecasting children's home need: how many children will need a place in each of the next years,
 * how many beds that means, how sure we are, and how well the method would have forecast the past.
 *
 *   const inputs = projectionInputsFromPlan(planData);
 *   const result = project(inputs, { method: 'rate', seed: 42 });
 *   const accuracy = backtest(inputs, { method: 'rate' });
 *
 * Everything here is pure and deterministic for a given seed.
 */
import { summariseProjection } from './beds.js';
import { projectManual } from './manual.js';
import { projectRate } from './rate.js';
import { resolveSettings } from './settings.js';
import type { ProjectionInputs, ProjectionResult, ProjectOptions } from './types.js';

export type * from './types.js';
export type { AnalyticDemand, AreaDemand, DemandProjection } from './demand.js';
export { backtest, coverageScore, lastValueForecast, linearTrendForecast, type BacktestOptions } from './backtest.js';
export { accessiblePlaces, bedsNeeded, CONSORTIUM_CODE, summariseProjection, supplyPaths } from './beds.js';
export {
  buildProjectionInputs,
  projectionInputsFromPlan,
  type AreaSeries,
  type InputsFromPlanOptions,
  type SeriesInputs,
} from './inputs.js';
export { projectManual } from './manual.js';
export { dampedSteps, fitRateModel, projectionYears, projectRate, type LaFit, type RateFit } from './rate.js';
export { defaultSettings, MAX_HORIZON_YEARS, planAssumptionKeys, resolveSettings } from './settings.js';
export { columnStats, Rng } from './simulate.js';

/**
 * Projects demand, beds and gaps for each member LA and the consortium. Options override the
 * plan's own settings, which override the defaults; out-of-range options throw a clear Error.
 */
export function project(inputs: ProjectionInputs, options: ProjectOptions): ProjectionResult {
  if (options.method !== 'rate' && options.method !== 'manual') {
    throw new Error(`Unknown projection method "${String(options.method)}": use "rate" or "manual".`);
  }
  const settings = resolveSettings(options, inputs.planSettings);
  const demand = options.method === 'rate' ? projectRate(inputs, settings) : projectManual(inputs, settings);
  return summariseProjection(inputs, demand, settings);
}
