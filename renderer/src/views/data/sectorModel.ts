/**
 * Pure preparation of the "children's homes and places by sector" table from a PlanSummary: one row
 * per member authority (then the consortium total and any comparator that holds supply), one pair of
 * columns (homes, places) per sector. No React and no DOM.
 */
import type { Source } from '#shared/model/dataset.js';
import type { PlanSummary, SectorSupply } from '#shared/model/summary.js';
import type { HomeSector } from '#shared/model/supply.js';
import { describeSource, type RowKind } from './table';
import { missingMark } from '../../models/figureWords';
import { formatPeriod } from '../../format/measures';
import { wholeNumber } from '../../format/numbers';

export interface SectorColumn {
  key: string;
  label: string;
  /** The sectors this column adds up (several for "Other", all of them for the total). */
  sectors: readonly HomeSector[];
  isTotal: boolean;
}

const mainSectors: readonly SectorColumn[] = [
  { key: 'la', label: 'Local authority', sectors: ['Local Authority'], isTotal: false },
  { key: 'private', label: 'Private', sectors: ['Private'], isTotal: false },
  { key: 'voluntary', label: 'Voluntary', sectors: ['Voluntary'], isTotal: false },
];
const otherSectors: SectorColumn = {
  key: 'other',
  label: 'Other',
  sectors: ['Health Authority', 'Academy', 'Other'],
  isTotal: false,
};
const totalColumn: SectorColumn = {
  key: 'total',
  label: 'All sectors',
  sectors: ['Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other'],
  isTotal: true,
};

export type SectorQuantity = 'homes' | 'places';

export interface SectorCell {
  key: string;
  columnKey: string;
  quantity: SectorQuantity;
  /** Null when the area holds no supply figures at all (not the same as none in this sector). */
  value: number | null;
  text: string;
  sources: Source[];
  unknownSourceIds: string[];
  illustrative: boolean;
  /** Plain-text provenance for the cell's title and accessible description. */
  provenance: string;
  /** The provenance without its source lines (the sources are shown in full beside it). */
  statement: string;
  /** The figure's own period when it differs from the table's. */
  periodNote: string | null;
}

export interface SectorRow {
  kind: RowKind;
  key: string;
  name: string;
  code: string | null;
  cells: SectorCell[];
}

export interface SectorTableModel {
  /** The snapshot most figures are for, e.g. "2023-03-31"; null when the plan holds no supply. */
  period: string | null;
  periodLabel: string;
  columns: SectorColumn[];
  rows: SectorRow[];
}

function mostCommonPeriod(lists: readonly SectorSupply[][]): string | null {
  const counts = new Map<string, number>();
  for (const list of lists) {
    const period = list[0]?.period;
    if (period) counts.set(period, (counts.get(period) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [period, count] of counts) {
    const bestCount = best === null ? -1 : (counts.get(best) ?? 0);
    if (count > bestCount || (count === bestCount && best !== null && period > best)) best = period;
  }
  return best;
}

const quantityWords: Record<SectorQuantity, [string, string]> = {
  homes: ['home', 'homes'],
  places: ['registered place', 'registered places'],
};

/** Builds the sector table; columns for Health Authority, Academy and Other appear only when used. */
export function buildSectorTable(summary: PlanSummary): SectorTableModel {
  const sourcesById = new Map(summary.sources.map((s) => [s.id, s]));
  const members = summary.authorities.filter((a) => a.isMember);
  const consortiumSupply = summary.consortium.supplyBySector ?? [];
  const comparators = summary.comparators.filter((a) => (a.supplyBySector ?? []).length > 0);
  const areas: { kind: RowKind; key: string; name: string; code: string | null; supply: SectorSupply[] }[] = [
    ...members.map((a) => ({
      kind: 'member' as const,
      key: `member:${a.code}`,
      name: a.name,
      code: a.code,
      supply: a.supplyBySector ?? [],
    })),
    {
      kind: 'consortium',
      key: 'consortium',
      name: `${summary.consortium.name} (consortium)`,
      code: null,
      supply: consortiumSupply,
    },
    ...comparators.map((a) => ({
      kind: 'comparator' as const,
      key: `comparator:${a.code}`,
      name: a.name,
      code: a.code,
      supply: a.supplyBySector ?? [],
    })),
  ];

  const period = mostCommonPeriod(areas.map((a) => a.supply));
  if (period === null) return { period: null, periodLabel: '', columns: [], rows: [] };
  const periodLabel = formatPeriod('childrensHomes', period);

  const usesOther = areas.some((a) => a.supply.some((s) => otherSectors.sectors.includes(s.sector) && s.homes > 0));
  const columns = [...mainSectors, ...(usesOther ? [otherSectors] : []), totalColumn];

  const rows: SectorRow[] = areas.map((area) => ({
    kind: area.kind,
    key: area.key,
    name: area.name,
    code: area.code,
    cells: columns.flatMap((column) =>
      (['homes', 'places'] as const).map((quantity) =>
        sectorCell(area.name, area.supply, column, quantity, period, sourcesById),
      ),
    ),
  }));
  return { period, periodLabel, columns, rows };
}

function sectorCell(
  areaName: string,
  supply: readonly SectorSupply[],
  column: SectorColumn,
  quantity: SectorQuantity,
  tablePeriod: string,
  sourcesById: Map<string, Source>,
): SectorCell {
  const key = `${column.key}:${quantity}`;
  const what = column.isTotal
    ? `children’s homes in all sectors`
    : `${column.label.toLowerCase() === 'other' ? 'other-sector' : column.label} children’s homes`;
  if (supply.length === 0) {
    return {
      key,
      columnKey: column.key,
      quantity,
      value: null,
      text: missingMark,
      sources: [],
      unknownSourceIds: [],
      illustrative: false,
      provenance: `${areaName}: no children’s homes supply is stored for this area.`,
      statement: `${areaName}: no children’s homes supply is stored for this area.`,
      periodNote: null,
    };
  }
  const inColumn = supply.filter((s) => column.sectors.includes(s.sector));
  const value = inColumn.reduce((sum, s) => sum + (quantity === 'homes' ? s.homes : s.registeredPlaces), 0);
  const sourceIds = [...new Set((inColumn.length ? inColumn : supply).flatMap((s) => s.sources))];
  const sources: Source[] = [];
  const unknownSourceIds: string[] = [];
  for (const id of sourceIds) {
    const source = sourcesById.get(id);
    if (source) sources.push(source);
    else unknownSourceIds.push(id);
  }
  const period = supply[0]?.period ?? tablePeriod;
  const periodLabel = formatPeriod('childrensHomes', period);
  const [one, many] = quantityWords[quantity];
  const lines = [
    `${areaName}: ${what} located in the area, ${periodLabel}: ${wholeNumber.format(value)} ${value === 1 ? one : many}.`,
  ];
  if (inColumn.length > 1) {
    const parts = inColumn.map(
      (s) => `${s.sector} ${wholeNumber.format(quantity === 'homes' ? s.homes : s.registeredPlaces)}`,
    );
    lines.push(`Made up of: ${parts.join(', ')}.`);
  }
  lines.push('Short-break-only and secure homes are not counted.');
  const statement = lines.join(' ');
  if (sources.length === 0 && unknownSourceIds.length === 0) lines.push('Source: none recorded.');
  for (const source of sources) lines.push(`Source: ${describeSource(source)}`);
  for (const id of unknownSourceIds) lines.push(`Source: “${id}” (not described in this plan).`);
  return {
    key,
    columnKey: column.key,
    quantity,
    value,
    text: wholeNumber.format(value),
    sources,
    unknownSourceIds,
    illustrative: sources.some((s) => s.illustrative),
    provenance: lines.join('\n'),
    statement,
    periodNote: period === tablePeriod ? null : periodLabel,
  };
}
