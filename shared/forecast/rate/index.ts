/**
 * The rate-based method: children in secure and children's homes per 10,000 children aged 0 to 17,
 * with a trend, applied to the projected population.
 *
 * The parts: the model and its common year effects (./model.ts); the fit, with partial pooling of
 * the trend (./fit.ts); the projection (./project.ts); and its uncertainty (./uncertainty.ts). This
 * file only re-exports them.
 */
export { fitRateModel, solveDispersion } from './fit.js';
export {
  COMMON_SHOCK_PRIOR_SD,
  COMMON_SHOCK_PRIOR_WEIGHT,
  commonShockVariance,
  FALLBACK_DISPERSION,
  type CommonShocks,
  type LaFit,
  type RateFit,
} from './model.js';
export {
  dampedSteps,
  projectionWindow,
  projectionYears,
  projectRate,
  type ProjectionWindowOptions,
} from './project.js';
