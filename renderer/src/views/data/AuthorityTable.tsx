import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { MeasureId } from '#shared/model/measures.js';
import { gridMove, type GridPosition } from '../../app/gridKeys';
import { FigureButtonCell } from './FigureButtonCell';
import { FigureDetails } from './FigureDetails';
import {
  defaultCollapsedGroups,
  defaultSort,
  nextSort,
  sortRows,
  tableSlots,
  type AuthorityTableModel,
  type ColumnGroup,
  type FigureCell,
  type FigureColumn,
  type SortState,
  type TableRow,
} from './table';
import { scrollRegion } from '../../app/scrollRegion';

const rowClass: Record<TableRow['kind'], string> = {
  member: 'row-member',
  consortium: 'row-consortium',
  comparator: 'row-comparator',
};

export interface AuthorityTableProps {
  model: AuthorityTableModel;
  /** The row whose history is shown below the table. */
  historyKey: string;
  /** Selecting a figure or a row's name shows that row's history (a figure also names its measure). */
  onShowHistory(rowKey: string, measure?: MeasureId): void;
  /** Rendered below the table (the history panel); the figure details sit beside the table. */
  aside?: ReactNode;
}

/**
 * The member authorities with one column per headline figure, grouped under Demand, Placements,
 * Missing, Supply and Population, then the consortium total and the comparators, which stay at the
 * bottom whatever the sort. Each figure is a button (one tab stop for the whole table; arrow keys
 * move between figures) that shows where the figure comes from in a panel beside the table. Each
 * group folds into one narrow column (its heading is a toggle), and the names stay in view when the
 * table scrolls sideways.
 */
export function AuthorityTable({ model, historyKey, onShowHistory, aside }: AuthorityTableProps) {
  const [sort, setSort] = useState<SortState>(defaultSort);
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const [selected, setSelected] = useState<{ rowKey: string; columnKey: string } | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<ColumnGroup>>(() => new Set(defaultCollapsedGroups));
  const tableRef = useRef<HTMLTableElement>(null);
  const idPrefix = useId();
  const detailsId = `${idPrefix}-details`;

  const members = useMemo(() => sortRows(model.members, sort), [model.members, sort]);
  const rows = useMemo(() => [...members, ...model.summaryRows], [members, model.summaryRows]);
  const { columns, groups } = model;
  const slots = useMemo(() => tableSlots(columns, collapsed), [columns, collapsed]);
  // The figure columns on screen, as indices into `columns` (and each row's cells); grid positions count these.
  const shown = useMemo(() => slots.flatMap((slot) => (slot.kind === 'column' ? [slot.index] : [])), [slots]);
  const activeRow = Math.max(0, Math.min(active.row, rows.length - 1));
  const activeCol = Math.max(0, Math.min(active.col, shown.length - 1));

  function toggleGroup(group: ColumnGroup) {
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(group)) next.delete(group);
      else next.add(group);
      return next;
    });
  }

  const selection = useMemo(() => {
    if (!selected) return null;
    const row = rows.find((r) => r.key === selected.rowKey);
    const column = columns.find((c) => c.key === selected.columnKey);
    const cell = row?.cells.find((c) => c.columnKey === selected.columnKey);
    return row && column && cell ? { row, column, cell } : null;
  }, [selected, rows, columns]);

  function focusCell(position: GridPosition) {
    setActive(position);
    tableRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${position.row}:${position.col}"]`)?.focus();
  }

  function onFigureKeyDown(event: KeyboardEvent<HTMLButtonElement>, row: number, col: number) {
    const next = gridMove(event.key, event.ctrlKey, { row, col }, rows.length - 1, shown.length - 1);
    if (!next) return;
    event.preventDefault();
    focusCell(next);
  }

  const sortHeader = (key: string, content: ReactNode, extraClass: string, title?: string, rowSpan?: number) => {
    const direction = sort.key === key ? sort.direction : undefined;
    return (
      <th key={key} scope="col" aria-sort={direction} className={extraClass} title={title} rowSpan={rowSpan}>
        <button type="button" className="sort-button" onClick={() => setSort(nextSort(sort, key))}>
          <span className="sort-label">{content}</span>
          <span className="sort-indicator" aria-hidden="true">
            {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const renderRow = (row: TableRow, rowIndex: number) => {
    const memberAttrs = row.kind === 'member' ? { 'data-testid': 'authority-row', 'data-code': row.code ?? '' } : {};
    const showingHistory = row.key === historyKey;
    const classes = [rowClass[row.kind]];
    if (showingHistory) classes.push('is-history-row');
    return (
      <tr key={row.key} className={classes.join(' ')} data-row-kind={row.kind} {...memberAttrs}>
        <th scope="row" className="cell-name">
          {/* A pointer shortcut: keyboard users choose the area in the history panel, or select a figure. */}
          <button
            type="button"
            className="row-name"
            tabIndex={-1}
            aria-pressed={showingHistory}
            title={`Show the history of ${row.name}`}
            onClick={() => onShowHistory(row.key)}
          >
            {row.name}
          </button>
          {(row.code || row.dfeCode) && (
            <span className="row-codes">
              {row.code}
              {row.dfeCode && (
                <>
                  {' · '}
                  <span className="visually-hidden">DfE code </span>
                  {row.dfeCode}
                </>
              )}
            </span>
          )}
        </th>
        {slots.map((slot) => {
          if (slot.kind === 'collapsed') {
            return <td key={`folded-${slot.group}`} className="cell-collapsed group-start" />;
          }
          const column = slot.column;
          const cell = row.cells[slot.index];
          if (!cell) return null;
          const colIndex = shown.indexOf(slot.index);
          return (
            <FigureTd
              key={cell.columnKey}
              cell={cell}
              column={column}
              firstInGroup={slot.groupStart}
              descriptionId={`${idPrefix}-r${rowIndex}c${slot.index}`}
              position={`${rowIndex}:${colIndex}`}
              tabbable={rowIndex === activeRow && colIndex === activeCol}
              selected={selected?.rowKey === row.key && selected.columnKey === cell.columnKey}
              detailsId={detailsId}
              onFocus={() => setActive({ row: rowIndex, col: colIndex })}
              onSelect={() => {
                setSelected({ rowKey: row.key, columnKey: cell.columnKey });
                onShowHistory(row.key, column.measure);
              }}
              onKeyDown={(event) => onFigureKeyDown(event, rowIndex, colIndex)}
            />
          );
        })}
      </tr>
    );
  };

  const groupToggle = (group: ColumnGroup, description: string, open: boolean, hidden?: number) => (
    <button
      type="button"
      className="group-toggle"
      aria-expanded={open}
      title={`${description}: ${open ? 'fold these columns away' : 'show these columns'}`}
      onClick={() => toggleGroup(group)}
    >
      <span className="group-toggle-mark" aria-hidden="true">
        {open ? '−' : '+'}
      </span>
      {group}
      {hidden !== undefined && (
        <span className="visually-hidden">
          {' '}
          ({hidden} {hidden === 1 ? 'column' : 'columns'} folded away)
        </span>
      )}
    </button>
  );
  const anyShown = shown.length > 0;

  return (
    <div className={selection ? 'data-table-layout has-selection' : 'data-table-layout'}>
      <div className="table-scroll" {...scrollRegion('Member authorities table')}>
        <table ref={tableRef} className="data-table" aria-label="Member authorities">
          <thead>
            <tr className="group-row">
              {sortHeader('name', 'Local authority', 'col-name', undefined, groups.length ? 2 : undefined)}
              {groups.map((g, i) =>
                collapsed.has(g.group) ? (
                  <th
                    key={`${g.group}-${i}`}
                    scope="col"
                    rowSpan={anyShown ? 2 : undefined}
                    className="col-group is-collapsed"
                  >
                    {groupToggle(g.group, g.description, false, g.span)}
                  </th>
                ) : (
                  <th key={`${g.group}-${i}`} scope="colgroup" colSpan={g.span} className="col-group">
                    {groupToggle(g.group, g.description, true)}
                  </th>
                ),
              )}
            </tr>
            {anyShown && (
              <tr>
                {slots.map((slot) =>
                  slot.kind === 'column'
                    ? sortHeader(
                        slot.column.key,
                        <ColumnHeading column={slot.column} />,
                        slot.groupStart ? 'col-figure group-start' : 'col-figure',
                        slot.column.description,
                      )
                    : null,
                )}
              </tr>
            )}
          </thead>
          <tbody>{members.map((row, i) => renderRow(row, i))}</tbody>
          <tfoot>{model.summaryRows.map((row, i) => renderRow(row, members.length + i))}</tfoot>
        </table>
      </div>
      {columns.length === 0 && (
        <p className="notice">
          No published figures are stored for these authorities yet. Once data has been imported into the plan, each
          figure will appear here with its source.
        </p>
      )}
      <FigureDetails id={detailsId} selection={selection} />
      {aside && <div className="data-panels">{aside}</div>}
    </div>
  );
}

/** "31 March 2025" may wrap before the year only, keeping the column narrow and the date readable. */
function keepDayWithMonth(period: string): string {
  return period.replace(/^(\d{1,2}) /, '$1\u00a0');
}

function ColumnHeading({ column }: { column: FigureColumn }) {
  return (
    <>
      <span className="col-label">{column.label}</span>{' '}
      <span className="col-period">({keepDayWithMonth(column.periodLabel)})</span>
      {column.showsShare && (
        <span className="col-unit">
          and % of CLA<span className="visually-hidden"> (children looked after)</span>
        </span>
      )}
    </>
  );
}

interface FigureTdProps {
  cell: FigureCell;
  column: FigureColumn | undefined;
  firstInGroup: boolean;
  descriptionId: string;
  position: string;
  tabbable: boolean;
  selected: boolean;
  detailsId: string;
  onFocus(): void;
  onSelect(): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
}

function FigureTd({
  cell,
  column,
  firstInGroup,
  descriptionId,
  position,
  tabbable,
  selected,
  detailsId,
  onFocus,
  onSelect,
  onKeyDown,
}: FigureTdProps) {
  const classes = ['cell-figure'];
  if (cell.value === null) classes.push('is-missing');
  if (selected) classes.push('is-selected');
  if (firstInGroup) classes.push('group-start');
  if (cell.balance) classes.push(cell.balance === 'net importer' ? 'is-importer' : 'is-exporter');
  const excluded =
    cell.missingMembers.length > 3 ? `${cell.missingMembers.length} members` : cell.missingMembers.join(', ');
  return (
    <FigureButtonCell
      classes={classes}
      buttonClass="figure"
      position={position}
      column={column?.key}
      descriptionId={descriptionId}
      detailsId={detailsId}
      tabbable={tabbable}
      provenance={cell.provenance}
      illustrative={cell.illustrative}
      onFocus={onFocus}
      onSelect={onSelect}
      onKeyDown={onKeyDown}
    >
      {cell.value === null ? (
        <>
          <span className="figure-value" aria-hidden="true">
            {cell.text}
          </span>
          <span className="figure-reason">
            <span className="visually-hidden">No value: </span>
            {cell.missing}
          </span>
        </>
      ) : (
        <span className="figure-main">
          <span className="figure-value">{cell.text}</span>
          {cell.share && (
            <span className="figure-share">
              {cell.share.text}
              <span className="visually-hidden"> of children looked after</span>
            </span>
          )}
          {cell.balance && <span className="figure-balance">{cell.balance}</span>}
        </span>
      )}
      {cell.periodNote && <span className="figure-note">{cell.periodNote}</span>}
      {cell.missingMembers.length > 0 && (
        <span className="figure-note figure-incomplete">
          <span className="tag tag-incomplete">incomplete</span> excludes {excluded}
        </span>
      )}
    </FigureButtonCell>
  );
}
