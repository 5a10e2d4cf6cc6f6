/**
 * Allocation of children to beds: an exact, deterministic minimum-cost flow (network simplex,
 * ./minCostFlow.ts) specialised to placing LAs' children into pools of beds (./allocate.ts), with
 * LA centroid distances (./distance.ts). The scenario model (../scenario) builds the pools, prices
 * and distance penalties; this module only solves.
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
export { minCostFlow, NetworkSimplex, type FlowNetwork, type FlowSolution, type FlowStructure } from './minCostFlow.js';
