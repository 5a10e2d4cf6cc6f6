/**
 * Assembling projection inputs from a plan: each member LA's children in secure and children's
 * homes by year, its population aged 0 to 17 and its long-term places at the latest supply
 * snapshot. Pure: the same plan gives the same inputs.
 *
 * The parts: the plain series (./series.ts); population aligned to the demand years and its stated
 * assumptions (./population.ts); inputs built from series (./build.ts); and the plan read into
 * series (./fromPlan.ts). This file only re-exports them.
 */
export { buildProjectionInputs } from './build.js';
export { projectionInputsFromPlan, type InputsFromPlanOptions } from './fromPlan.js';
export {
  MAX_POPULATION_GROWTH,
  POPULATION_GROWTH_KEY,
  listNames,
  populationGrowthAssumptionTemplate,
} from './population.js';
export { DEFAULT_LA_RUN_SHARE, type AreaSeries, type SeriesInputs } from './series.js';
