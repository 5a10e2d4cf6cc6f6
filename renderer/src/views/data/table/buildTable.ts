/**
 * Builds the Data view's authority table from a PlanSummary: the columns and their groups, a row
 * per member, then the consortium total and the comparators.
 */
import type { AreaSummary, PlanSummary } from '#shared/model/summary.js';
import { buildColumns, groupColumns, type ColumnGroupSpan, type FigureColumn } from './columns';
import { buildCell, type FigureCell, type RowKind } from './cells';

export interface TableRow {
  kind: RowKind;
  key: string;
  name: string;
  code: string | null;
  dfeCode: string | null;
  cells: FigureCell[];
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
