/**
 * What placements cost, from what councils publish they spend, for the national built-in dataset.
 *
 * MHCLG's revenue outturn for social care (RO3) reports, for every English council, its spending on
 * children looked after "of which residential care" and "of which fostering services" (£ thousands:
 * total expenditure, and net current expenditure after income). Divided by the same council's
 * children in that kind of placement on 31 March at the end of the year (DfE), it gives a published
 * average cost per child-year. England's figure (the RO3 England total ÷ DfE's England count) is the
 * weekly unit cost a plan starts from; each council's and region's figure is kept beside it for a
 * consortium that wants its own.
 *
 * What no public file gives stays illustrative and is marked so: prices by sector (every sector
 * takes the all-sector average, and a block contract 5% less), secure homes, foster care split
 * between in-house and agency, supported accommodation, and the modelling assumptions a plan starts
 * with. Nothing here is specific to any consortium.
 */

export {
  ILLUSTRATIVE_ASSUMPTIONS_SOURCE_ID,
  ILLUSTRATIVE_COSTS_SOURCE_ID,
  PLACEMENT_COST_SOURCE_ID,
  RO3_FILE,
  RO3_SOURCE_ID,
  WEEKS_PER_YEAR,
  thousands,
} from './costs/constants.js';
export { readRo3, type Ro3Council, type Ro3Table, type SpendFigures } from './costs/ro3.js';
export { COMPARABLE_FACTOR, derivePlacementSpend, type ChildrenByService } from './costs/derive.js';
export { costSources, nationalUnitCosts, type CostSourceTexts, type NationalCosts } from './costs/sources.js';
