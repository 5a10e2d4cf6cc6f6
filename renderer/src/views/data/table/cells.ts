/**
 * The cells of the Data view's authority table: each figure formatted with its provenance (sources,
 * suppression, the members missing from a total), the share of children looked after where it
 * applies, and a source described in words.
 */
import type { HeadlineFigure, HistoryPoint } from '#shared/model/summary.js';
import { measures, type MeasureId } from '#shared/model/measures.js';
import type { Source } from '#shared/model/dataset.js';
import { listNames } from '#shared/forecast/inputs/index.js';
import { formatPeriod, formatValue } from '#renderer/format/measures.js';
import { wholeNumber } from '#renderer/format/numbers.js';
import { formatWholePercentOrUnderOne } from '#renderer/format/shares.js';
import type { FigureColumn } from './columns';
import { missingMark, missingReason, suppressionReasons } from '#renderer/models/figureWords.js';
import { placementBalance, type PlacementBalance } from './figures';

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

export function buildCell(
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
