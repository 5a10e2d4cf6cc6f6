/** Exact minimum-cost flow (network simplex): network.ts holds the network's shape and checks, simplex.ts the solver. */
export { type FlowNetwork, type FlowSolution, type FlowStructure } from './network.js';
export { NetworkSimplex, minCostFlow } from './simplex.js';
