/** Pure preparation of the assumption register and the "what this plan is missing" list. */
import type { Source } from '../../../../shared/model/dataset.js';
import type { DataGap, PlanSummary } from '../../../../shared/model/summary.js';
import { formatTimestamp } from '../../format/dates';

const numberFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
const percentFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/**
 * An assumption's value in its unit: shares as percentages ("85%"), a yearly rate as "3.5% a year",
 * ratios as "1.42×", money with the pound sign in front ("£318,400 per place per year (2023-24)"),
 * anything else as "10 miles".
 */
export function formatAssumptionValue(value: number, unit: string): string {
  const u = unit.trim();
  if (u === 'share' || u === '%' || u === 'percent' || u === 'proportion') {
    return `${percentFormat.format(value * 100)}%`;
  }
  if (u === 'per year' && Math.abs(value) <= 1) return `${percentFormat.format(value * 100)}% a year`;
  if (u === 'ratio') return `${numberFormat.format(value)}×`;
  if (u.startsWith('£')) {
    const rest = u.slice(1).trim();
    return `£${numberFormat.format(value)}${rest ? ` ${rest}` : ''}`;
  }
  return u ? `${numberFormat.format(value)} ${u}` : numberFormat.format(value);
}

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-04-01" → "1 April 2026"; a full timestamp → "12 Mar 2025, 14:03"; anything else unchanged. */
export function formatChangedAt(text: string): string {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (date) {
    const time = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    return Number.isNaN(time) ? text : longDate.format(time);
  }
  return formatTimestamp(text);
}

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
      valueText: formatAssumptionValue(a.value, a.unit),
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
