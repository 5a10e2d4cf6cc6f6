import type { AreaLevel, Source, SuppressionCode } from './dataset.js';
import type { MeasureId } from './measures.js';
import type { Assumption } from './placements.js';
import type { HomeSector } from './supply.js';

/** One headline figure as shown in the UI, with enough to trace it. */
export interface HeadlineFigure {
  measure: MeasureId;
  period: string;
  value: number | null;
  /** Why the value is missing, where it is. */
  suppression: SuppressionCode | null;
  /** Source ids; a consortium total lists every source it was summed from. */
  sources: string[];
  /** For consortium totals: members whose value was missing, so the total is incomplete. */
  missingMembers?: string[];
  /** How a derived figure was computed from stored ones, e.g. "Sum of the 10 member authorities". */
  derivation?: string;
}

export interface AreaSummary {
  code: string;
  dfeCode: string | null;
  name: string;
  level: AreaLevel;
  isMember: boolean;
  headline: HeadlineFigure[];
  /** Every stored period of each headline measure, oldest first, for small history charts. */
  history: Partial<Record<MeasureId, HistoryPoint[]>>;
  /** Children's homes (not short-break-only or secure) located in the area, by sector. */
  supplyBySector: SectorSupply[];
}

export interface HistoryPoint {
  period: string;
  value: number | null;
  suppression: string | null;
  source: string;
}

export interface SectorSupply {
  sector: HomeSector;
  period: string;
  homes: number;
  registeredPlaces: number;
  sources: string[];
}

export interface PlanSummary {
  planName: string;
  consortium: {
    name: string;
    memberCount: number;
    headline: HeadlineFigure[];
    history: Partial<Record<MeasureId, HistoryPoint[]>>;
    supplyBySector: SectorSupply[];
  };
  authorities: AreaSummary[];
  comparators: AreaSummary[];
  sources: Source[];
  assumptions: Assumption[];
  /** What the plan lacks, and which import would fill it (empty when complete). */
  gaps: DataGap[];
}

export interface DataGap {
  measure: MeasureId | 'supply' | 'flows' | 'unitCosts' | 'populationProjection';
  message: string;
  /** The published file or template that fills the gap. */
  fillWith: string;
}
