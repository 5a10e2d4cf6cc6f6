/**
 * The columns of the Data view's authority table: one per measure and period, in groups (Demand,
 * Placements, Missing, Supply, Population) with their headings, and which slots show when groups
 * are collapsed.
 */
import type { HeadlineFigure, PlanSummary } from '#shared/model/summary.js';
import { isMeasureId, measures, type MeasureId, type MeasureUnit } from '#shared/model/measures.js';
import { formatPeriod, signedMeasures } from '#renderer/format/measures.js';
import { sharedOfLookedAfter } from './figures';

/** The Data table's column groups, in display order. */
export const columnGroups = ['Demand', 'Placements', 'Missing', 'Supply', 'Population'] as const;
export type ColumnGroup = (typeof columnGroups)[number];

export const columnGroupDescriptions: Record<ColumnGroup, string> = {
  Demand: 'Children looked after, and starting and ceasing care',
  Placements: 'Where looked-after children are placed',
  Missing: 'Looked-after children missing from placement',
  Supply: 'Children’s homes and registered places located in the authority',
  Population: 'Children aged 0 to 17',
};

const measureGroups: Record<MeasureId, ColumnGroup> = {
  childrenLookedAfter: 'Demand',
  childrenLookedAfterRatePer10k: 'Demand',
  childrenStartingCare: 'Demand',
  childrenCeasingCare: 'Demand',
  childrenInChildrensHomes: 'Placements',
  placedOutsideLaBoundary: 'Placements',
  placedOver20Miles: 'Placements',
  otherLasChildrenPlacedInside: 'Placements',
  netPlacementImport: 'Placements',
  childrenWithMissingIncident: 'Missing',
  missingIncidents: 'Missing',
  childrensHomes: 'Supply',
  registeredPlaces: 'Supply',
  registeredPlacesPer10k: 'Supply',
  population0to17: 'Population',
};

export interface FigureColumn {
  /** Stable key: measure and period. */
  key: string;
  measure: MeasureId;
  period: string;
  label: string;
  unit: MeasureUnit;
  periodLabel: string;
  /** Label with its period, e.g. "Children looked after (31 March 2024)". */
  heading: string;
  description: string;
  group: ColumnGroup;
  /** The column also shows each count as a % of children looked after at the same date. */
  showsShare: boolean;
  /** The column's values are signed balances (net import). */
  signed: boolean;
}

export interface ColumnGroupSpan {
  group: ColumnGroup;
  description: string;
  /** Number of consecutive columns in the group. */
  span: number;
}

const columnKey = (measure: MeasureId, period: string): string => `${measure}@${period}`;

function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * One column per measure and period held by the members or the consortium total, grouped (Demand,
 * Placements, Missing, Supply, Population) and, within a group, in the order the summary lists its
 * headline measures (periods oldest first within a measure). A measure only the comparators hold
 * still gets its column.
 */
export function buildColumns(summary: PlanSummary): FigureColumn[] {
  const periods = new Map<MeasureId, Set<string>>();
  const collect = (figures: HeadlineFigure[], onlyNewMeasures: ReadonlySet<MeasureId> | null): void => {
    for (const f of figures) {
      if (!isMeasureId(f.measure) || (onlyNewMeasures && onlyNewMeasures.has(f.measure))) continue;
      const set = periods.get(f.measure) ?? new Set<string>();
      set.add(f.period);
      periods.set(f.measure, set);
    }
  };
  for (const area of summary.authorities) if (area.isMember) collect(area.headline, null);
  collect(summary.consortium.headline, null);
  const held = new Set(periods.keys());
  for (const area of summary.comparators) collect(area.headline, held);

  const columns: FigureColumn[] = [];
  for (const [measure, set] of periods) {
    const definition = measures[measure];
    for (const period of [...set].sort(comparePeriods)) {
      const periodLabel = formatPeriod(measure, period);
      columns.push({
        key: columnKey(measure, period),
        measure,
        period,
        label: definition.label,
        unit: definition.unit,
        periodLabel,
        heading: `${definition.label} (${periodLabel})`,
        description: definition.description,
        group: measureGroups[measure],
        showsShare: sharedOfLookedAfter.has(measure),
        signed: signedMeasures.has(measure),
      });
    }
  }
  // Stable: keeps the summary's order within each group.
  return columns
    .map((column, index) => ({ column, index }))
    .sort((a, b) => columnGroups.indexOf(a.column.group) - columnGroups.indexOf(b.column.group) || a.index - b.index)
    .map(({ column }) => column);
}

/** Consecutive columns of the same group, for the header row above the column headings. */
export function groupColumns(columns: readonly FigureColumn[]): ColumnGroupSpan[] {
  const spans: ColumnGroupSpan[] = [];
  for (const column of columns) {
    const last = spans[spans.length - 1];
    if (last && last.group === column.group) last.span += 1;
    else spans.push({ group: column.group, description: columnGroupDescriptions[column.group], span: 1 });
  }
  return spans;
}

/** Groups folded away when the Data view opens, so the table fits a laptop screen: the least used. */
export const defaultCollapsedGroups: readonly ColumnGroup[] = ['Missing', 'Population'];

/**
 * One slot of the table as drawn: a figure column (with its index into `columns` and into each row's
 * `cells`), or a whole group folded into one narrow column.
 */
export type TableSlot =
  | { kind: 'column'; column: FigureColumn; index: number; groupStart: boolean }
  | { kind: 'collapsed'; group: ColumnGroup; description: string; hidden: number };

/** The slots of the table with the given groups folded: each folded group becomes a single slot. */
export function tableSlots(columns: readonly FigureColumn[], collapsed: ReadonlySet<ColumnGroup>): TableSlot[] {
  const slots: TableSlot[] = [];
  columns.forEach((column, index) => {
    const groupStart = index === 0 || columns[index - 1]?.group !== column.group;
    if (!collapsed.has(column.group)) {
      slots.push({ kind: 'column', column, index, groupStart });
      return;
    }
    const last = slots[slots.length - 1];
    if (!groupStart && last?.kind === 'collapsed') last.hidden += 1;
    else
      slots.push({
        kind: 'collapsed',
        group: column.group,
        description: columnGroupDescriptions[column.group],
        hidden: 1,
      });
  });
  return slots;
}
