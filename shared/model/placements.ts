/** Where children were placed (placing LA → host LA) and what places cost. */

/** Host code for placements outside the consortium, when the host LA is not known. */
export const OUTSIDE_CONSORTIUM = 'OUTSIDE';

export interface PlacementFlow {
  /** ONS code of the LA responsible for the children. */
  placingArea: string;
  /** ONS code of the LA where the home is, or OUTSIDE_CONSORTIUM. */
  hostArea: string;
  /** Snapshot, e.g. "2025" for 31 March 2025. */
  period: string;
  /** Children in secure or children's homes placed by placingArea in hostArea. */
  children: number;
  source: string;
}

export const costPlacementTypes = [
  'childrensHome',
  'secure',
  'fosterInHouse',
  'fosterAgency',
  'supportedAccommodation',
] as const;
export type CostPlacementType = (typeof costPlacementTypes)[number];

export const costSectors = ['Local Authority', 'Private', 'Voluntary', 'Block contract'] as const;
export type CostSector = (typeof costSectors)[number];

export interface UnitCost {
  placementType: CostPlacementType;
  sector: CostSector;
  /** Pounds per week. */
  weeklyCost: number;
  /** Financial year the price is in, e.g. "2023-24". */
  priceYear: string;
  source: string;
}

/** A modelling assumption with its rationale and who last changed it (the assumption register). */
export interface Assumption {
  key: string;
  label: string;
  value: number;
  unit: string;
  rationale: string;
  /** Source id where the assumption rests on a published figure. */
  source: string | null;
  changedBy: string;
  changedAt: string;
}
