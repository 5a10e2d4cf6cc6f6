/**
 * From children to beds, and beds to gaps.
 *
 * - **Beds needed** = demand ÷ target occupancy (a home cannot be matched at 100%), split by need type
 *   with assumed shares (mainstream, solo/complex).
 * - **Registered places** are long-term children's home places located in the area at the latest
 *   Ofsted snapshot (short-break-only and secure homes excluded), plus any supply changes listed.
 * - **Accessible places** are the ones the area's children can count on: LA-run places + block-
 *   contracted places + a share of the remaining open market (most of an LA's private places go to
 *   other LAs' children): each member's own share, estimated from its published figures
 *   (../accessShares.ts), or one share for every member when the plan sets it. For the consortium
 *   (never less, member by member, than a member's own share of its market) the open-market share is the consortium one, since
 *   a child may use a place anywhere in the consortium; so the consortium's accessible places are more
 *   than the sum of its members'.
 * - **Gap** = beds needed − accessible places: positive means short.
 *
 * In simulated mode, every percentile is read from the simulations (the consortium's from summing
 * each simulation's LAs, never by adding percentiles), and the probability of being short is the
 * share of simulations where beds needed exceed accessible places.
 *
 * The parts: reading a probability (./probability.ts); places per year (./supplyPaths.ts); one
 * year's figures (./yearFigures.ts); year 0 (./basePositions.ts); and the whole result
 * (./summarise.ts). This file only re-exports them.
 */
export {
  INFORMATIVE_PROBABILITY,
  probabilityInformative,
  probabilityWords,
  type ProbabilityKind,
  type ProbabilityWords,
} from './probability.js';
export { CONSORTIUM_CODE, summariseProjection } from './summarise.js';
export { accessibleFromSupplyParts, supplyPaths, type SupplyDeltas } from './supplyPaths.js';
export { bedsNeeded, sumHistory } from './yearFigures.js';
