/**
 * Pure preparation of the Data view's authority table from a PlanSummary: columns, rows, formatted
 * cells with their provenance, and sorting. No React and no DOM, so it is unit-tested directly.
 */
import type { AreaSummary, HeadlineFigure, HistoryPoint, PlanSummary } from '../../../../shared/model/summary.js';
import { isMeasureId, measures, type MeasureId, type MeasureUnit } from '../../../../shared/model/measures.js';
import type { Source, SuppressionCode } from '../../../../shared/model/dataset.js';
import { listNames } from '../../../../shared/forecast/inputs.js';
import { formatPeriod, formatValue, signedMeasures } from '../../format/measures';
import { wholeNumber } from '../../format/numbers';
import { formatWholePercentOrUnderOne } from '../../format/shares';

/** What each published suppression code means, in words shown next to the missing value. */
export const suppressionReasons: Record<SuppressionCode, string> = {
  c: 'confidential',
  z: 'not applicable',
  x: 'unavailable',
  k: 'below 0.5',
  low: 'low',
  u: 'low reliability',
};

/** Shown in place of a missing number; the reason always accompanies it as text. */
export const missingMark = '—';

/** Net import of placements in words, so the sign is never carried by colour alone. */
export type PlacementBalance = 'net importer' | 'net exporter' | 'balanced';

export function placementBalance(value: number): PlacementBalance {
  return value > 0 ? 'net importer' : value < 0 ? 'net exporter' : 'balanced';
}

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

/** Counts also shown as a share of the children looked after on the same date. */
const sharedOfLookedAfter: ReadonlySet<MeasureId> = new Set<MeasureId>([
  'placedOutsideLaBoundary',
  'placedOver20Miles',
]);

/** Why a figure is missing, in words: the suppression reason, or that nothing was published or stored. */
export function missingReason(figure: HeadlineFigure | null): string {
  if (!figure) return 'no figure stored';
  if (figure.suppression) return suppressionReasons[figure.suppression];
  return 'not published';
}

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

/** A count as a share of the children looked after at the same date. */
export interface CellShare {
  /** 0 to 100, unrounded. */
  percent: number;
  text: string;
  /** Children looked after at the same date. */
  denominator: number;
  period: string;
  /** How the percentage was computed, in words. */
  derivation: string;
  /** Sources of the denominator. */
  sourceIds: string[];
}

export type RowKind = 'member' | 'consortium' | 'comparator';

export interface FigureCell {
  columnKey: string;
  figure: HeadlineFigure | null;
  value: number | null;
  /** The formatted value, or the missing mark. */
  text: string;
  /** Present when value is null: the suppression reason or why there is no figure. */
  missing: string | null;
  /** The figure's own period when it differs from the column's. */
  periodNote: string | null;
  sources: Source[];
  /** Source ids the summary's source list does not contain (shown, never hidden). */
  unknownSourceIds: string[];
  illustrative: boolean;
  /** For a consortium total: names of members whose value was missing, so the total is incomplete. */
  missingMembers: string[];
  /** Plain-text provenance for the cell's title and accessible description. */
  provenance: string;
  /** For counts of children placed away: the same count as a % of children looked after (null when not computable). */
  share: CellShare | null;
  /** For net import of placements: importer, exporter or balanced. */
  balance: PlacementBalance | null;
}

export interface TableRow {
  kind: RowKind;
  key: string;
  name: string;
  code: string | null;
  dfeCode: string | null;
  cells: FigureCell[];
}

export interface ColumnGroupSpan {
  group: ColumnGroup;
  description: string;
  /** Number of consecutive columns in the group. */
  span: number;
}

export interface AuthorityTableModel {
  columns: FigureColumn[];
  /** The header groups above the columns, covering them in order. */
  groups: ColumnGroupSpan[];
  /** Consortium members, in summary order. */
  members: TableRow[];
  /** The consortium total then the comparators; always shown after the members. */
  summaryRows: TableRow[];
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

/** The value of a measure at a period from an area's history, else from its headline figures. */
export function valueAt(
  area: { headline: HeadlineFigure[]; history?: Partial<Record<MeasureId, HistoryPoint[]>> },
  measure: MeasureId,
  period: string,
): { value: number; sourceIds: string[] } | null {
  const point = area.history?.[measure]?.find((p) => p.period === period);
  if (point && point.value !== null) {
    return { value: point.value, sourceIds: splitSourceIds(point.source) };
  }
  const figure = area.headline.find((f) => f.measure === measure && f.period === period);
  if (figure && figure.value !== null && !figure.missingMembers?.length) {
    return { value: figure.value, sourceIds: figure.sources };
  }
  return null;
}

/** "Placed outside LA boundary" → "placed outside LA boundary" (keeps acronyms). */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A history point names its sources as one comma-separated string. */
function splitSourceIds(text: string): string[] {
  return text
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

/**
 * A count of children as a share of the children looked after at the same date, or null when that
 * denominator is not held (or is zero), or the count is an incomplete total.
 */
export function shareOfLookedAfter(
  area: { headline: HeadlineFigure[]; history?: Partial<Record<MeasureId, HistoryPoint[]>> },
  figure: HeadlineFigure,
): CellShare | null {
  if (figure.value === null || figure.missingMembers?.length) return null;
  const denominator = valueAt(area, 'childrenLookedAfter', figure.period);
  if (!denominator || denominator.value <= 0) return null;
  const percent = (figure.value / denominator.value) * 100;
  const periodLabel = formatPeriod('childrenLookedAfter', figure.period);
  return {
    percent,
    text: formatWholePercentOrUnderOne(percent),
    denominator: denominator.value,
    period: figure.period,
    derivation: `Derived: ${lowerFirst(measures[figure.measure].label)} ÷ children looked after, ${periodLabel} (${wholeNumber.format(denominator.value)})`,
    sourceIds: denominator.sourceIds,
  };
}

/** Describes sources in plain text: title, publisher, file (and table), period and licence. */
export function describeSource(source: Source): string {
  const file = source.table ? `${source.file}, ${source.table}` : source.file;
  const illustrative = source.illustrative ? ' Illustrative: generated, not published data.' : '';
  return `${source.title} (${source.publisher}). File: ${file}. Period: ${source.period}. Licence: ${source.licence}.${illustrative}`;
}

function findFigure(area: { headline: HeadlineFigure[] }, column: FigureColumn, columns: FigureColumn[]) {
  const exact = area.headline.find((f) => f.measure === column.measure && f.period === column.period);
  if (exact) return { figure: exact, periodNote: null };
  // A comparator published for another period still shows, labelled with its own period,
  // when it cannot be confused with another column of the same measure.
  const sameMeasure = area.headline.filter((f) => f.measure === column.measure);
  const columnsForMeasure = columns.filter((c) => c.measure === column.measure);
  const only = sameMeasure[0];
  if (sameMeasure.length === 1 && columnsForMeasure.length === 1 && only) {
    return { figure: only, periodNote: formatPeriod(only.measure, only.period) };
  }
  return { figure: null, periodNote: null };
}

type AreaFigures = {
  name: string;
  headline: HeadlineFigure[];
  history?: Partial<Record<MeasureId, HistoryPoint[]>>;
};

function buildCell(
  area: AreaFigures,
  column: FigureColumn,
  columns: FigureColumn[],
  sourcesById: Map<string, Source>,
  memberNames: Map<string, string>,
): FigureCell {
  const { figure, periodNote } = findFigure(area, column, columns);
  const sources: Source[] = [];
  const unknownSourceIds: string[] = [];
  for (const id of figure?.sources ?? []) {
    const source = sourcesById.get(id);
    if (source) sources.push(source);
    else unknownSourceIds.push(id);
  }
  const value = figure?.value ?? null;
  const missing = value === null ? missingReason(figure) : null;
  const missingMembers = (figure?.missingMembers ?? []).map((code) => memberNames.get(code) ?? code);
  const share = column.showsShare && figure ? shareOfLookedAfter(area, figure) : null;
  const balance = column.signed && value !== null ? placementBalance(value) : null;

  const lines: string[] = [];
  const what = `${area.name}: ${column.label}, ${periodNote ?? column.periodLabel}`;
  const shown = value === null ? '' : `${formatValue(column.measure, value)}${balance ? ` (${balance})` : ''}`;
  lines.push(value === null ? `${what}: no value (${missing}).` : `${what}: ${shown}.`);
  if (share) {
    const denominatorSources = share.sourceIds.map((id) => sourcesById.get(id)?.title ?? `“${id}”`);
    lines.push(
      `${share.text} of children looked after. ${share.derivation}${denominatorSources.length ? `; children looked after from ${denominatorSources.join('; ')}` : ''}.`,
    );
  }
  if (figure?.derivation) lines.push(`${figure.derivation.replace(/\.$/, '')}.`);
  if (missingMembers.length > 0) lines.push(`Incomplete total: no figure for ${listNames(missingMembers)}.`);
  if (figure?.suppression && value !== null) lines.push(`Marked ${suppressionReasons[figure.suppression]}.`);
  if (sources.length === 0 && unknownSourceIds.length === 0) lines.push('Source: none recorded.');
  for (const source of sources) lines.push(`Source: ${describeSource(source)}`);
  for (const id of unknownSourceIds) lines.push(`Source: “${id}” (not described in this plan).`);

  return {
    columnKey: column.key,
    figure,
    value,
    text: value === null ? missingMark : formatValue(column.measure, value),
    missing,
    periodNote,
    sources,
    unknownSourceIds,
    illustrative: sources.some((s) => s.illustrative),
    missingMembers,
    provenance: lines.join('\n'),
    share,
    balance,
  };
}

/** Builds the whole table: member rows, then the consortium total and the comparators. */
export function buildAuthorityTable(summary: PlanSummary): AuthorityTableModel {
  const columns = buildColumns(summary);
  const sourcesById = new Map(summary.sources.map((s) => [s.id, s]));
  const memberAreas = summary.authorities.filter((a) => a.isMember);
  const memberNames = new Map<string, string>();
  for (const a of summary.authorities) {
    memberNames.set(a.code, a.name);
    if (a.dfeCode) memberNames.set(a.dfeCode, a.name);
  }

  const areaRow = (area: AreaSummary, kind: RowKind): TableRow => ({
    kind,
    key: `${kind}:${area.code}`,
    name: area.name,
    code: area.code,
    dfeCode: area.dfeCode,
    cells: columns.map((c) => buildCell(area, c, columns, sourcesById, memberNames)),
  });

  const consortiumName = `${summary.consortium.name} (consortium)`;
  const consortiumRow: TableRow = {
    kind: 'consortium',
    key: 'consortium',
    name: consortiumName,
    code: null,
    dfeCode: null,
    cells: columns.map((c) =>
      buildCell(
        { name: consortiumName, headline: summary.consortium.headline, history: summary.consortium.history },
        c,
        columns,
        sourcesById,
        memberNames,
      ),
    ),
  };

  return {
    columns,
    groups: groupColumns(columns),
    members: memberAreas.map((a) => areaRow(a, 'member')),
    summaryRows: [consortiumRow, ...summary.comparators.map((a) => areaRow(a, 'comparator'))],
  };
}

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  /** 'name', 'code', 'dfeCode' or a figure column's key. */
  key: string;
  direction: SortDirection;
}

export const defaultSort: SortState = { key: 'name', direction: 'ascending' };

const collator = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

function sortValue(row: TableRow, key: string): string | number | null {
  if (key === 'name') return row.name;
  if (key === 'code') return row.code;
  if (key === 'dfeCode') return row.dfeCode;
  return row.cells.find((c) => c.columnKey === key)?.value ?? null;
}

/**
 * Sorts rows by a column. Missing values always go last, whichever the direction, and ties fall back
 * to the name so the order is stable and predictable. Returns a new array.
 */
export function sortRows(rows: readonly TableRow[], sort: SortState): TableRow[] {
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const av = sortValue(a, sort.key);
    const bv = sortValue(b, sort.key);
    if (av === null && bv !== null) return 1;
    if (bv === null && av !== null) return -1;
    let order = 0;
    if (typeof av === 'number' && typeof bv === 'number') order = av - bv;
    else if (av !== null && bv !== null) order = collator.compare(String(av), String(bv));
    if (order !== 0) return order * sign;
    return collator.compare(a.name, b.name);
  });
}

/** Next sort state after activating a column header: a new column starts ascending, the same column flips. */
export function nextSort(current: SortState, key: string): SortState {
  if (current.key !== key) return { key, direction: 'ascending' };
  return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
