/**
 * Placement flows for any consortium, modelled from published figures: how many children each
 * English authority places in secure and children's homes in each other authority (placing LA →
 * host LA), which no public file gives.
 *
 * Method (docs/methods/placement-flows.md explains it for analysts):
 *  - A doubly-constrained gravity model (./gravity.ts) over authority centroids. Origin totals O_i are
 *    each authority's published children in secure and children's homes (DfE); destination totals
 *    D_j are each authority's registered places in long-term children's homes and secure homes
 *    (Ofsted), scaled to the same national total, i.e. homes are assumed equally full everywhere.
 *  - Targets. DfE publishes, per authority, the shares of ALL looked-after children placed inside
 *    the boundary and more than 20 miles from home, and the number of other authorities' children
 *    placed inside (all placement types). Children in children's homes are placed further away than
 *    looked-after children as a whole (England 2024: 32% inside the boundary against 52%; 49% more
 *    than 20 miles against 22%), so each published share is moved on the log-odds scale by one amount
 *    per measure, chosen so that the children-weighted mean equals England's published
 *    children's-homes share. This keeps each authority's rank and spread and never leaves 0–1.
 *  - Own boundary. By default ('published') each authority's flow to its own homes is set to its
 *    target in-boundary share of its children (never more than its homes hold), and the gravity model
 *    spreads the rest over other authorities: a maximum-entropy model with the diagonal as a further
 *    constraint. Alternatively ('fitted') one own-authority weight exp(λ) serves every authority.
 *  - Fit. β (distance decay per mile), and λ when fitted, minimise the weighted squared differences
 *    between modelled and target shares (Levenberg–Marquardt): inside the boundary and more than 20
 *    miles (placing authorities), and other authorities' children among those placed in each host.
 *  - Distance. Placements between authorities count as more than 20 miles when their centroids are
 *    more than 20 miles apart; placements inside an authority count as more than 20 miles in the
 *    (target) proportion that authority publishes for its own in-boundary placements.
 *
 * Parts: types.ts (inputs, options, the fit), targets.ts (published shares moved to children's homes),
 * measure.ts (modelled shares and the objective), model.ts (the fit), rows.ts (flow rows, rounding,
 * a consortium's flows), provenance.ts (the modelled source); index.ts re-exports them.
 */
export {
  type FlowModelAuthority,
  type ChildrensHomesShares,
  ENGLAND_CHILDRENS_HOMES_SHARES_2024,
  type FitWeighting,
  type OwnBoundaryMode,
  type FlowModelParameters,
  type PlacementFlowModelOptions,
  type ShareFit,
  type AuthorityFlowFit,
  type ShareFitSummary,
  type PlacementFlowFit,
  type PlacementFlowModel,
} from './types.js';
export { logOddsShift } from './targets.js';
export { pearson } from './measure.js';
export { modelPlacementFlows } from './model.js';
export {
  type FlowRowOptions,
  placementFlowRows,
  roundToTotal,
  type ConsortiumFlowOptions,
  type ConsortiumFlows,
  consortiumFlows,
} from './rows.js';
export { type ModelledSourceOptions, modelledFlowsSource } from './provenance.js';
