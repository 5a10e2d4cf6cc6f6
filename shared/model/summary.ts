import type { AreaLevel, Source, SuppressionCode } from './dataset.js';
import type { MeasureId } from './measures.js';

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
}

export interface PlanSummary {
  planName: string;
  consortium: {
    name: string;
    memberCount: number;
    headline: HeadlineFigure[];
  };
  authorities: AreaSummary[];
  comparators: AreaSummary[];
  sources: Source[];
}
