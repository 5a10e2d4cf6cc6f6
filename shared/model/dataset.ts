/**
 * The shape of the built-in dataset a plan is created from, and of what a plan stores: areas, sources,
 * observations of published measures (with suppression kept as missing, never 0), supply, placement
 * flows, unit costs, assumptions and published spending on placements.
 */
import type { MeasureId } from './measures.js';
import type { Assumption, PlacementFlow, UnitCost } from './placements.js';
import type { ChildrensHome, SupplyMovement, SupplyRow } from './supply.js';

/** Where a figure came from: a published table, or an assumption marked illustrative. */
export interface Source {
  id: string;
  title: string;
  publisher: string;
  /** File name as published (or the script that generated an illustrative value). */
  file: string;
  /** Table, sheet or filter within the file. */
  table: string;
  /** Period the source covers, e.g. "2020 to 2024" or "31 March 2023". */
  period: string;
  licence: string;
  url: string;
  /** True where the values are generated illustrations, not published facts. */
  illustrative: boolean;
}

export type AreaLevel = 'National' | 'Regional' | 'Local authority';

export interface Area {
  /** ONS (GSS) code, e.g. E08000001. */
  code: string;
  /** DfE 3-digit code for local authorities; null for regions and England. */
  dfeCode: string | null;
  name: string;
  level: AreaLevel;
  regionCode: string | null;
  regionName: string | null;
  centroidLat: number | null;
  centroidLon: number | null;
  /** Member of the plan's consortium (false throughout the built-in dataset: a plan chooses its members). */
  isMember: boolean;
}

/** Published suppression codes; a suppressed figure is stored as missing with its code, never as 0. */
export const suppressionCodes = ['c', 'z', 'x', 'k', 'low', 'u'] as const;
export type SuppressionCode = (typeof suppressionCodes)[number];

export interface Observation {
  area: string;
  measure: MeasureId;
  /** Year ending 31 March as "2024", or a date such as "2023-03-31". */
  period: string;
  value: number | null;
  suppression: SuppressionCode | null;
  source: string;
}

/**
 * DfE's "Place providers" breakdown of children looked after on 31 March: who provides the placement
 * (of any type). Kept as its own table beside the measures, like supply by sector.
 */
export const placeProviders = [
  'ownProvision',
  'otherLaProvision',
  'privateProvision',
  'voluntaryProvision',
  'otherPublicProvision',
  'parentsOrOtherPerson',
  'notReported',
] as const;
export type PlaceProvider = (typeof placeProviders)[number];

/** DfE's words for each place provider. */
export const placeProviderLabels: Record<PlaceProvider, string> = {
  ownProvision: 'Own provision (by the LA)',
  otherLaProvision: 'Other LA provision',
  privateProvision: 'Private provision',
  voluntaryProvision: 'Voluntary/third sector provision',
  otherPublicProvision: 'Other public provision (e.g. by a PCT etc)',
  parentsOrOtherPerson: 'Parents or other person with parental responsibility',
  notReported: 'Placement provider not reported',
};

/** Children looked after on 31 March by place provider, for one area and period (suppressed: null with its code). */
export interface PlaceProviderCount {
  area: string;
  /** Year ending 31 March, e.g. "2025" for 31 March 2025. */
  period: string;
  provider: PlaceProvider;
  children: number | null;
  suppression: SuppressionCode | null;
  source: string;
}

/** Services whose spending the revenue outturn (RO3) reports for children looked after, as used here. */
export const placementSpendServices = ['residentialCare', 'fostering'] as const;
export type PlacementSpendService = (typeof placementSpendServices)[number];

/**
 * What a council (or a region, or England) spent in one financial year on one service for children
 * looked after (MHCLG revenue outturn, RO3), and the published average cost per child it implies:
 * spend ÷ the children in that kind of placement on 31 March at the end of the year (DfE). The
 * method is stated in the row's source.
 */
export interface PlacementSpend {
  area: string;
  /** residentialCare: "Children Looked After of which residential care"; fostering: "… of which fostering services". */
  service: PlacementSpendService;
  /** Financial year, e.g. "2024-25". */
  financialYear: string;
  /** Total expenditure (RO3 C3 = employees + running expenses), £ thousands; null where not published. */
  totalExpenditure: number | null;
  /** Net current expenditure (RO3 C7 = total expenditure − income), £ thousands; null where not published. */
  netCurrentExpenditure: number | null;
  /** Why spend is missing, in the publisher's words (null when it is published). */
  spendNote: string | null;
  /** The divisor: children in secure and children's homes (residentialCare) or in foster placements (fostering) on 31 March. */
  children: number | null;
  /** Period of the divisor, e.g. "2025" for 31 March 2025. */
  childrenPeriod: string;
  /** totalExpenditure × 1,000 ÷ children, £ a year per child, to the pound; null when either is missing or children is 0. */
  annualCostPerChild: number | null;
  /** annualCostPerChild ÷ (365 ÷ 7), £ a week, to the pound. */
  weeklyCostPerChild: number | null;
  /** Why there is no cost per child, where there is none (spend or children missing, or not comparable). */
  costNote: string | null;
  /** For regions: the authorities with a cost per child of their own, whose spend and children are summed (for LAs and England, null). */
  authoritiesIncluded: number | null;
  /** For regions: the region's authorities (for LAs and England, null). */
  authoritiesInArea: number | null;
  /** Source of the spend figures (MHCLG revenue outturn, RO3). */
  spendSource: string;
  /** Source of the cost per child, stating its method (RO3 spend ÷ DfE children); not illustrative. */
  source: string;
}

/** The built-in dataset a new plan is created from (resources/dataset/*.json). */
export interface BuiltInDataset {
  id: string;
  consortiumName: string;
  generatedBy: string;
  generatedAt: string;
  sources: Source[];
  areas: Area[];
  observations: Observation[];
  /** Children's homes and places by host LA, sector, type and judgement. */
  supply: SupplyRow[];
  /**
   * Children's homes opened and closed by authority, region and England, sector and year ending 31
   * March (Ofsted joiners and leavers), where the build had the files.
   */
  supplyMovements?: SupplyMovement[];
  /** Per-home rows, where imported (the built-in dataset holds aggregates only). */
  homes: ChildrensHome[];
  /** Placing LA → host LA flows (none in the national built-in dataset: they are modelled or imported per plan). */
  flows: PlacementFlow[];
  /** Weekly unit costs; each row's source says whether it is derived from published spend or illustrative. */
  unitCosts: UnitCost[];
  assumptions: Assumption[];
  /** Children looked after on 31 March by place provider (DfE), by authority, region and England. */
  placeProviders?: PlaceProviderCount[];
  /** Published spending on placements by authority, region and England, with the cost per child derived from it. */
  placementSpend?: PlacementSpend[];
}
