/**
 * Co-commissioning scenarios: levers (./levers.ts, parsed and checked by ./parse.ts), the context a
 * plan and projection give (./context/), the yearly mechanics (./model/), running and comparing
 * scenarios (./run/, ./compare.ts), repairing scenarios that name non-members (./repair.ts) and the built-in
 * illustrations (./builtin.ts). Pure and deterministic.
 *
 *   const context = scenarioContextFromPlan(planData, project(inputs, { method: 'rate' }));
 *   const baseline = runScenario(context, baselineScenario());
 *   const others = builtInScenarios().map((s) => runScenario(context, s));
 *   const differences = compareScenarios(baseline, others);
 */
export { BASELINE_SCENARIO_ID, baselineScenario, builtInScenarios, ILLUSTRATIVE_HOME } from './builtin.js';
export { breakEvenWeeklyPrice } from './compare.js';
export {
  compareScenarios,
  runScenarioSet,
  runScenarioSetChecked,
  type CheckedRunOptions,
  type CheckedScenarioSetResult,
  type ScenarioSetResult,
  type FigureDifferences,
  type ScenarioComparison,
  type ScenarioDifference,
  type YearDifferences,
} from './compare.js';
export {
  DEFAULT_DISCOUNT_RATE,
  DEFAULT_UNMET_WEEKLY_COST,
  MEAN_PLACEMENT_DAYS,
  scenarioContextFromPlan,
  WEEKS_PER_YEAR,
  type ScenarioContextOptions,
} from './context/index.js';
export * from './levers.js';
export * from './parse.js';
export { exampleScenarios, type ExampleScenarioInputs } from './examples.js';
export { ALLOCATION_UNITS, discountFactor, largestRemainder, netPresentValue } from './model/index.js';
export { financialYear, financialYearSpan } from './years.js';
export {
  authorityFields,
  nearestMember,
  needsRepairMessage,
  nonMemberLevers,
  repairScenario,
  scenarioProblems,
  type AuthorityAlternative,
  type AuthorityField,
  type LeverReference,
  type LeverRepair,
  type NonMemberLever,
  type RepairChoice,
  type RepairContext,
  type RepairPlace,
  type ScenarioNeedingRepair,
  type ScenarioProblems,
  type SuggestedMember,
} from './repair.js';
export {
  costRanges,
  drawCosts,
  PRICE_GROWTH_RANGE,
  revalueCost,
  scenarioSensitivity,
  sensitivityRows,
  type CostRange,
  type CostUncertainKey,
  type ScenarioSensitivity,
  type SensitivityRow,
} from './costUncertainty.js';
export { runParsedScenario, runScenario } from './run/index.js';
export type * from './types.js';
export {
  fromWireContext,
  scenarioContextWireSchema,
  toWireContext,
  type ScenarioContextWire,
  type WireContextResult,
} from './wire.js';
