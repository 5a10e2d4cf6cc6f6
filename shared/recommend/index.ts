/**
 * Where the consortium should open its next homes: the optimiser over candidate authorities, home
 * sizes and opening years, evaluated with the scenario model (see ./README.md).
 *
 *   const context = scenarioContextFromPlan(plan, project(inputs, { method: 'rate', keepSamples: true }));
 *   const answer = recommend(context, { budget: 5_000_000, objective: 'local' });
 */
export {
  buildCandidates,
  CAPITAL_PER_PLACE_RANGE,
  DEFAULT_CAPITAL_PER_PLACE,
  DEFAULT_SIZES,
  defaultRunningCostPerPlace,
} from './candidates.js';
export {
  compareFigures,
  medianPath,
  pathObjective,
  SetEvaluator,
  setFigures,
  simulationPaths,
  spreadSimulations,
  type DemandPaths,
  type SetEvaluation,
} from './evaluate.js';
export {
  countFeasible,
  exactSearch,
  feasible,
  feasibleSets,
  firstYearOnly,
  heuristicSearch,
  type Constraints,
} from './search.js';
export { assignNeedTypes } from './needTypes.js';
export { recommend } from './recommend.js';
export * from './types.js';
