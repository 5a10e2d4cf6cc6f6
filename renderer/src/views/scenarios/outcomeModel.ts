/**
 * The outcome table of one scenario against the baseline: per year and in total, the bed gap, where
 * children are placed, how many are far from home, missing incidents, cost and present value, each
 * with its difference from the baseline. Pure, unit-tested.
 */
import { financialYear, financialYearSpan } from '#shared/scenario/years.js';
import type { ScenarioOutcome, ScenarioYear } from '#shared/scenario/types.js';
import { formatMoney, formatMoneyDiff } from '../../format/money';
import { formatCount, formatCountDiff, judgeDiff, type Better } from '../../format/numbers';
import { formatPointsDiff, formatShare } from '../../format/shares';
import { probabilityWords } from '../../models/evidenceModel';

export type OutcomeColumnKey =
  | 'gap'
  | 'probabilityGapClosed'
  | 'placedOwnLa'
  | 'placedElsewhereInConsortium'
  | 'placedOutside'
  | 'unmet'
  | 'over20MilesShare'
  | 'expectedMissingIncidents'
  | 'cost'
  | 'presentValue';

/** The figures a row is made from: one year, or the totals over the years. */
interface RowFigures {
  gap: number;
  /** Share of demand simulations with beds needed ≤ accessible places; null for the total row. */
  probabilityGapClosed: number | null;
  placedOwnLa: number;
  placedElsewhereInConsortium: number;
  placedOutside: number;
  unmet: number;
  over20MilesShare: number;
  expectedMissingIncidents: number;
  cost: number;
  presentValue: number;
}

export interface OutcomeColumn {
  key: OutcomeColumnKey;
  label: string;
  /** Unit or reading note under the heading. */
  hint: string;
  better: Better;
  /** 'probability': a chance, shown as a figure only between 1% and 99% (else in words). */
  kind: 'count' | 'share' | 'money' | 'probability';
  /** Starts a group of columns (a rule on its left). */
  groupStart?: boolean;
}

export const outcomeColumns: readonly OutcomeColumn[] = [
  { key: 'gap', label: 'Bed gap', hint: 'beds short (median), 80% range', better: 'lower', kind: 'count' },
  {
    key: 'probabilityGapClosed',
    label: 'Chance gap closed',
    hint: 'share of simulations',
    better: 'higher',
    kind: 'probability',
  },
  {
    key: 'placedOwnLa',
    label: 'In own council area',
    hint: 'children',
    better: 'higher',
    kind: 'count',
    groupStart: true,
  },
  {
    key: 'placedElsewhereInConsortium',
    label: 'Elsewhere in consortium',
    hint: 'children',
    better: 'neither',
    kind: 'count',
  },
  { key: 'placedOutside', label: 'Outside consortium', hint: 'children', better: 'lower', kind: 'count' },
  { key: 'unmet', label: 'No registered place', hint: 'children', better: 'lower', kind: 'count' },
  {
    key: 'over20MilesShare',
    label: 'More than 20 miles away',
    hint: 'share of children placed',
    better: 'lower',
    kind: 'share',
    groupStart: true,
  },
  {
    key: 'expectedMissingIncidents',
    label: 'Missing incidents',
    hint: 'expected a year',
    better: 'lower',
    kind: 'count',
  },
  { key: 'cost', label: 'Cost', hint: 'cash, £', better: 'lower', kind: 'money', groupStart: true },
  { key: 'presentValue', label: 'Present value', hint: 'discounted, £', better: 'lower', kind: 'money' },
];

export interface OutcomeCell {
  text: string;
  /** P10–P90, where the figure has one. */
  range?: string;
  /** Difference from the baseline (absent for the baseline itself). */
  diff?: { text: string; judgement: 'better' | 'worse' | 'same' };
}

export interface OutcomeRow {
  /** The year, or "total". */
  key: string;
  label: string;
  cells: Record<OutcomeColumnKey, OutcomeCell>;
}

function yearFigures(y: ScenarioYear): RowFigures {
  return {
    gap: y.gap,
    probabilityGapClosed: y.probabilityGapClosed,
    placedOwnLa: y.placedOwnLa,
    placedElsewhereInConsortium: y.placedElsewhereInConsortium,
    placedOutside: y.placedOutside,
    unmet: y.unmet,
    over20MilesShare: y.over20MilesShare,
    expectedMissingIncidents: y.expectedMissingIncidents,
    cost: y.cost.total,
    presentValue: y.presentValue,
  };
}

function totalFigures(o: ScenarioOutcome): RowFigures {
  const t = o.totals;
  return {
    gap: t.gap,
    probabilityGapClosed: null,
    placedOwnLa: t.placedOwnLa,
    placedElsewhereInConsortium: t.placedElsewhereInConsortium,
    placedOutside: t.placedOutside,
    unmet: t.unmet,
    over20MilesShare: t.over20MilesShare,
    expectedMissingIncidents: t.expectedMissingIncidents,
    cost: t.cost.total,
    presentValue: o.npv.total,
  };
}

export function formatValue(kind: OutcomeColumn['kind'], value: number): string {
  if (kind === 'money') return formatMoney(value);
  if (kind === 'share') return formatShare(value);
  if (kind === 'probability') return probabilityWords(value).text;
  return formatCount(value);
}

export function formatDiff(kind: OutcomeColumn['kind'], diff: number): string {
  if (kind === 'money') return formatMoneyDiff(diff);
  if (kind === 'share' || kind === 'probability') return formatPointsDiff(diff);
  return formatCountDiff(diff);
}

/** Counts are compared after rounding, so "no change" is never coloured as better or worse. */
function diffTolerance(kind: OutcomeColumn['kind']): number {
  if (kind === 'money') return 0.5;
  if (kind === 'share') return 0.0005;
  if (kind === 'probability') return 0.005;
  return 0.5;
}

function row(
  key: string,
  label: string,
  figures: RowFigures,
  baseline: RowFigures | null,
  ranges: Partial<Record<OutcomeColumnKey, string>>,
): OutcomeRow {
  const cells = {} as Record<OutcomeColumnKey, OutcomeCell>;
  for (const column of outcomeColumns) {
    const value = figures[column.key];
    if (value === null) {
      cells[column.key] = { text: '—' };
      continue;
    }
    const cell: OutcomeCell = { text: formatValue(column.kind, value) };
    const range = ranges[column.key];
    if (range) cell.range = range;
    const base = baseline?.[column.key];
    if (base !== undefined && base !== null) {
      const diff = value - base;
      cell.diff = {
        text: formatDiff(column.kind, diff),
        judgement: judgeDiff(diff, column.better, diffTolerance(column.kind)),
      };
    }
    cells[column.key] = cell;
  }
  return { key, label, cells };
}

/**
 * One row per projected year and a total row ("total": gap in bed-years, counts in child-years,
 * the share over all placements, cost summed and the net present value). With a baseline (and
 * when the outcome is not the baseline itself), each cell carries its difference.
 */
export function outcomeRows(outcome: ScenarioOutcome, baseline: ScenarioOutcome | null): OutcomeRow[] {
  const compare = baseline && baseline !== outcome ? baseline : null;
  const rows = outcome.years.map((y, i) => {
    const b = compare?.years[i];
    return row(y.year, financialYear(y.year), yearFigures(y), b ? yearFigures(b) : null, {
      gap: `${formatCount(y.percentiles.gap.p10)}–${formatCount(y.percentiles.gap.p90)}`,
    });
  });
  rows.push(row('total', 'Total', totalFigures(outcome), compare ? totalFigures(compare) : null, {}));
  return rows;
}

/** One sentence on the scenario against the baseline over the whole horizon, for the heading area. */
export function outcomeHeadline(outcome: ScenarioOutcome, baseline: ScenarioOutcome | null): string {
  const last = outcome.years[outcome.years.length - 1];
  const first = outcome.years[0];
  if (!last || !first) return 'No projected years.';
  const span = financialYearSpan(outcome.years.map((y) => y.year));
  const gap = Math.round(last.gap);
  const gapText =
    gap > 0 ? `short by ${formatCount(gap)} beds` : gap < 0 ? `${formatCount(-gap)} beds spare` : 'no gap';
  const range = outcome.totals.percentiles.totalCost;
  // The cost's 80% range where every simulation was costed (demand and the cost assumptions drawn).
  const rangeText =
    outcome.uncertainty === 'simulated' && range && Number.isFinite(range.p10) && Number.isFinite(range.p90)
      ? `, 80% range ${formatMoney(range.p10)} to ${formatMoney(range.p90)} with demand and prices drawn`
      : '';
  let text = `In ${financialYear(last.year)}: ${gapText}. Cost ${span}: ${formatMoney(outcome.totals.cost.total)} (net present value ${formatMoney(outcome.npv.total)}${rangeText}).`;
  if (baseline && baseline !== outcome) {
    const lastBase = baseline.years[baseline.years.length - 1];
    const gapDiff = lastBase ? last.gap - lastBase.gap : 0;
    text += ` Against the baseline: gap ${formatCountDiff(gapDiff)} beds in ${financialYear(last.year)}, cost ${formatMoneyDiff(outcome.totals.cost.total - baseline.totals.cost.total)}.`;
  }
  return text;
}
