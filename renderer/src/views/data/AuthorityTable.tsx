import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { FigureDetails } from './FigureDetails';
import {
  defaultSort,
  missingMark,
  nextSort,
  sortRows,
  type AuthorityTableModel,
  type FigureCell,
  type SortState,
  type TableRow,
} from './tableModel';

interface Position {
  row: number;
  col: number;
}

const rowClass: Record<TableRow['kind'], string> = {
  member: 'row-member',
  consortium: 'row-consortium',
  comparator: 'row-comparator',
};

/**
 * The member authorities with one column per headline figure, then the consortium total and the
 * comparators, which stay at the bottom whatever the sort. Each figure is a button (one tab stop for
 * the whole table; arrow keys move between figures) that shows where the figure comes from.
 */
export function AuthorityTable({ model }: { model: AuthorityTableModel }) {
  const [sort, setSort] = useState<SortState>(defaultSort);
  const [active, setActive] = useState<Position>({ row: 0, col: 0 });
  const [selected, setSelected] = useState<{ rowKey: string; columnKey: string } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const idPrefix = useId();
  const detailsId = `${idPrefix}-details`;

  const members = useMemo(() => sortRows(model.members, sort), [model.members, sort]);
  const rows = useMemo(() => [...members, ...model.summaryRows], [members, model.summaryRows]);
  const { columns } = model;
  const activeRow = Math.max(0, Math.min(active.row, rows.length - 1));
  const activeCol = Math.max(0, Math.min(active.col, columns.length - 1));

  const selection = useMemo(() => {
    if (!selected) return null;
    const row = rows.find((r) => r.key === selected.rowKey);
    const column = columns.find((c) => c.key === selected.columnKey);
    const cell = row?.cells.find((c) => c.columnKey === selected.columnKey);
    return row && column && cell ? { row, column, cell } : null;
  }, [selected, rows, columns]);

  function focusCell(position: Position) {
    setActive(position);
    tableRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${position.row}:${position.col}"]`)?.focus();
  }

  function onFigureKeyDown(event: KeyboardEvent<HTMLButtonElement>, row: number, col: number) {
    const lastRow = rows.length - 1;
    const lastCol = columns.length - 1;
    let next: Position;
    switch (event.key) {
      case 'ArrowRight':
        next = { row, col: Math.min(col + 1, lastCol) };
        break;
      case 'ArrowLeft':
        next = { row, col: Math.max(col - 1, 0) };
        break;
      case 'ArrowDown':
        next = { row: Math.min(row + 1, lastRow), col };
        break;
      case 'ArrowUp':
        next = { row: Math.max(row - 1, 0), col };
        break;
      case 'Home':
        next = event.ctrlKey ? { row: 0, col: 0 } : { row, col: 0 };
        break;
      case 'End':
        next = event.ctrlKey ? { row: lastRow, col: lastCol } : { row, col: lastCol };
        break;
      default:
        return;
    }
    event.preventDefault();
    focusCell(next);
  }

  const sortHeader = (key: string, content: ReactNode, extraClass = '', title?: string) => {
    const direction = sort.key === key ? sort.direction : undefined;
    return (
      <th key={key} scope="col" aria-sort={direction} className={extraClass} title={title}>
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
    return (
      <tr key={row.key} className={rowClass[row.kind]} data-row-kind={row.kind} {...memberAttrs}>
        <th scope="row" className="cell-name">
          {row.name}
        </th>
        <td className="cell-code">{row.code ?? <Missing reason="not applicable" />}</td>
        <td className="cell-code">{row.dfeCode ?? <Missing reason="not applicable" />}</td>
        {row.cells.map((cell, colIndex) => (
          <FigureTd
            key={cell.columnKey}
            cell={cell}
            descriptionId={`${idPrefix}-r${rowIndex}c${colIndex}`}
            position={`${rowIndex}:${colIndex}`}
            tabbable={rowIndex === activeRow && colIndex === activeCol}
            selected={selected?.rowKey === row.key && selected.columnKey === cell.columnKey}
            detailsId={detailsId}
            onFocus={() => setActive({ row: rowIndex, col: colIndex })}
            onSelect={() => setSelected({ rowKey: row.key, columnKey: cell.columnKey })}
            onKeyDown={(event) => onFigureKeyDown(event, rowIndex, colIndex)}
          />
        ))}
      </tr>
    );
  };

  return (
    <>
      <div className="table-scroll">
        <table ref={tableRef} className="data-table" aria-label="Member authorities">
          <thead>
            <tr>
              {sortHeader('name', 'Local authority', 'col-name')}
              {sortHeader('code', 'ONS code', 'col-code')}
              {sortHeader('dfeCode', 'DfE code', 'col-code')}
              {columns.map((column) =>
                sortHeader(
                  column.key,
                  <>
                    <span className="col-label">{column.label}</span>{' '}
                    <span className="col-period">({column.periodLabel})</span>
                  </>,
                  'col-figure',
                  column.description,
                ),
              )}
            </tr>
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
    </>
  );
}

function Missing({ reason }: { reason: string }) {
  return (
    <>
      <span aria-hidden="true">{missingMark}</span>
      <span className="visually-hidden">{reason}</span>
    </>
  );
}

interface FigureTdProps {
  cell: FigureCell;
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
  const excluded =
    cell.missingMembers.length > 3 ? `${cell.missingMembers.length} members` : cell.missingMembers.join(', ');
  return (
    <td className={classes.join(' ')} title={cell.provenance}>
      <button
        type="button"
        className="figure"
        data-cell={position}
        tabIndex={tabbable ? 0 : -1}
        aria-describedby={descriptionId}
        aria-controls={detailsId}
        onFocus={onFocus}
        onClick={onSelect}
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
          <span className="figure-value">{cell.text}</span>
        )}
        {cell.periodNote && <span className="figure-note">{cell.periodNote}</span>}
        {cell.missingMembers.length > 0 && (
          <span className="figure-note figure-incomplete">
            <span className="tag tag-incomplete">incomplete</span> excludes {excluded}
          </span>
        )}
        {cell.illustrative && <span className="tag tag-illustrative">illustrative</span>}
      </button>
      <span id={descriptionId} hidden>
        {cell.provenance}
      </span>
    </td>
  );
}
