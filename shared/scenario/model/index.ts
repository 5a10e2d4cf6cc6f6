/**
 * The year-by-year mechanics of a scenario: what its levers do to supply (./supply.ts), demand
 * (./demand.ts) and prices (./units.ts), how each year's children are allocated to beds
 * (./allocation.ts), and what that costs (./costs.ts).
 */
export {
  allocationFlows,
  buildYearProblem,
  localityWeekly,
  placementFigures,
  policyDiagnostics,
} from './allocation.js';
export { poolMiles, sameStructure, solveYear, type YearAllocation, type YearProblem } from './allocation.js';
export { addCost, costYear, discountFactor, emptyCost, fixedCosts, netPresentValue, residualValue } from './costs.js';
export type { FixedCosts } from './costs.js';
export { deliveryAssumptions, demandEffects, policyShares, type DemandEffects } from './demand.js';
export { buildYearSupply, type BlockInYear, type Pool, type YearSupply } from './supply.js';
export { ALLOCATION_UNITS, largestRemainder, priceIndexes, rampShare } from './units.js';
