import type { MeasureId } from './measures.js';
import type { Assumption, PlacementFlow, UnitCost } from './placements.js';
import type { ChildrensHome, SupplyRow } from './supply.js';

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
  /** Member of the plan's consortium. */
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
  /** Per-home rows, where imported (the built-in dataset holds aggregates only). */
  homes: ChildrensHome[];
  /** Placing LA → host LA flows; illustrative in the built-in dataset. */
  flows: PlacementFlow[];
  /** Weekly unit costs; illustrative in the built-in dataset. */
  unitCosts: UnitCost[];
  assumptions: Assumption[];
}
