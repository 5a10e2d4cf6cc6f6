/**
 * Building a scenario's context from a plan and its projection (see ./build.ts for what it holds and
 * how the baseline is calibrated): the builder, its options, and the published figures and defaults
 * other modules use.
 */
export {
  DEFAULT_DISCOUNT_RATE,
  DEFAULT_UNMET_WEEKLY_COST,
  MEAN_PLACEMENT_DAYS,
  NATIONAL_CHILDRENS_HOMES_OUTSIDE_LA_SHARE,
  NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE,
  WEEKS_PER_YEAR,
} from './constants.js';
export { CALIBRATION_TOLERANCE } from './calibrateMembers.js';
export { scenarioContextFromPlan } from './build.js';
export type { ScenarioContextOptions } from './options.js';
