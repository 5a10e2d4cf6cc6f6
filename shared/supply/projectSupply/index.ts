/**
 * Baseline supply that moves: children's home places per authority, sector and year from the latest
 * Ofsted snapshot to the plan's horizon, carried forward by the openings and closures Ofsted's
 * joiners-and-leavers tables record (shared/import/ofstedJoinersLeavers.ts), with P10/P50/P90 from
 * seeded simulations. Without it, supply would be frozen at the snapshot for every future year.
 *
 * Method, per sector (Local Authority, Private, Voluntary, …):
 *
 * 1. **Openings** are places opened per year in the authority (homes open where providers choose,
 *    not in proportion to the homes already there: a rate per existing place would compound, and
 *    on 2017–2023 it projected England's 10,000 places to 26,000 by 2030).
 * 2. **Closures** are a rate per place per year: places closed ÷ place-years, the exposure
 *    reconstructed from the snapshot backwards (places a year earlier = places now − opened + closed,
 *    never below 0; each year's place-years the mean of its start and end).
 * 3. **Pooling.** Counts per authority are small (a home has about three places), so both are
 *    partially pooled: each authority's towards its region's (the region's mean authority, for
 *    openings), each region's towards England's, as gamma–Poisson (empirical Bayes) posteriors whose
 *    prior strength is estimated from how much the areas really differ beyond chance (method of
 *    moments; chance counted in homes, not places, since places open and close a home at a time).
 * 4. **Projection.** Each year, places = places − closures + openings. Each simulation draws the
 *    authority's two rates from their posteriors (parameter uncertainty), then each year's homes
 *    opened and closed as Poisson counts (process noise: together negative-binomial counts), in
 *    places; places never fall below 0. The central path (simulations: 0) uses the posterior means.
 *    Net growth so slows as closures catch up with openings, rather than compounding.
 *
 * Rates are estimated from all children's homes (long-term and short-break-only together, as the
 * joiners files before 2021 do not tell them apart) and applied to the places given (the caller's
 * long-term places). Without any history the places are held at the snapshot, and the result says
 * that their uncertainty is not modelled (not that it is zero).
 *
 * Pure TypeScript: no Node or DOM imports.
 *
 * Parts: types.ts (inputs, options and results), rates.ts (the history's tallies, pooling and
 * exposure), project.ts (the projection and its assumption); index.ts re-exports them.
 */
export {
  type SectorPlaces,
  type SupplyProjectionInput,
  type SupplyProjectionOptions,
  type SectorRates,
  type Percentiles,
  type SectorProjection,
  type AreaSupplyProjection,
  type SupplyProjection,
  SUPPLY_MOVEMENT_KEY,
} from './types.js';
export { snapshotYear, priorStrength } from './rates.js';
export { projectSupply } from './project.js';
