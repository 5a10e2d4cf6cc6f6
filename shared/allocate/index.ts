/**
 * Allocation of children to beds: an exact, deterministic minimum-cost flow (network simplex,
 * ./minCostFlow/) specialised to placing LAs' children into pools of beds (./allocate.ts), with
 * LA centroid distances (./distance.ts); and placement flows modelled for any consortium (a gravity
 * model, ./gravity.ts, ./placementFlows/, ./planFlows.ts). The scenario model (../scenario) builds
 * the pools, prices and distance penalties; this module only solves.
 */
export {
  allocate,
  createAllocator,
  type AllocationArc,
  type AllocationStructure,
  type Allocator,
  type AllocationDestination,
  type AllocationProblem,
  type AllocationResult,
  type AllocationSource,
} from './allocate.js';
export { DISTANT_MILES, distanceMatrix, EARTH_RADIUS_MILES, haversineMiles, type Located } from './distance.js';
export {
  minCostFlow,
  NetworkSimplex,
  type FlowNetwork,
  type FlowSolution,
  type FlowStructure,
} from './minCostFlow/index.js';
export { balanceFlows, balanceWith, distanceDecay, type BalancedFlows } from './gravity.js';
export {
  consortiumFlows,
  modelledFlowsSource,
  modelPlacementFlows,
  placementFlowRows,
  type FlowModelAuthority,
  type PlacementFlowModel,
} from './placementFlows/index.js';
export { flowModelInputs, MODELLED_FLOWS_SOURCE_ID, modelledPlanFlows, type ModelledPlanFlows } from './planFlows.js';
