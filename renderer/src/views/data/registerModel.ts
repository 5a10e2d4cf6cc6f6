/** Pure preparation of the assumption register and the "what this plan is missing" list. */
import type { Source } from '#shared/model/dataset.js';
import type { DataGap, PlanSummary } from '#shared/model/summary.js';
import { formatRegisterAssumption } from '../../format/assumptions';
import { formatChangedAt } from '../../format/dates';

export interface AssumptionRow {
  key: string;
  label: string;
  valueText: string;
  rationale: string;
  /** The source the assumption rests on, when described in the plan. */
  source: Source | null;
  /** A source id the plan does not describe (shown, never hidden). */
  unknownSourceId: string | null;
  illustrative: boolean;
  changedBy: string;
  changedAt: string;
}

export function buildAssumptionRows(summary: PlanSummary): AssumptionRow[] {
  const sourcesById = new Map(summary.sources.map((s) => [s.id, s]));
  return (summary.assumptions ?? []).map((a) => {
    const source = a.source ? (sourcesById.get(a.source) ?? null) : null;
    return {
      key: a.key,
      label: a.label,
      valueText: formatRegisterAssumption(a.value, a.unit),
      rationale: a.rationale,
      source,
      unknownSourceId: a.source && !source ? a.source : null,
      illustrative: source?.illustrative ?? false,
      changedBy: a.changedBy,
      changedAt: formatChangedAt(a.changedAt),
    };
  });
}

/** The plan's gaps, in the summary's order (the members, published measures, then supply, flows, costs, projections). */
export function planGaps(summary: PlanSummary): DataGap[] {
  return summary.gaps ?? [];
}
