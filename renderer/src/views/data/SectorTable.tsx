import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { gridMove, type GridPosition } from '../../app/gridKeys';
import { FigureButtonCell } from './FigureButtonCell';
import { SourceDetails } from '../../app/SourceDetails';
import type { SectorCell, SectorRow, SectorTableModel } from './sectorModel';
import { scrollRegion } from '../../app/scrollRegion';

const rowClass: Record<SectorRow['kind'], string> = {
  member: 'row-member',
  consortium: 'row-consortium',
  comparator: 'row-comparator',
};

/**
 * Children's homes and registered places located in each member authority, by sector, with the
 * consortium total. Like the main table, each figure is a button (one tab stop, arrow keys move) that
 * shows its source below the table.
 */
export function SectorTable({ model }: { model: SectorTableModel }) {
  const headingId = useId();
  const idPrefix = useId();
  const detailsId = `${idPrefix}-details`;
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<GridPosition>({ row: 0, col: 0 });
  const [selected, setSelected] = useState<{ rowKey: string; cellKey: string } | null>(null);
  const { rows, columns } = model;
  const members = rows.filter((r) => r.kind === 'member');
  const others = rows.filter((r) => r.kind !== 'member');
  const cellCount = columns.length * 2;
  const activeRow = Math.max(0, Math.min(active.row, rows.length - 1));
  const activeCol = Math.max(0, Math.min(active.col, cellCount - 1));

  const selection = useMemo(() => {
    if (!selected) return null;
    const row = rows.find((r) => r.key === selected.rowKey);
    const cell = row?.cells.find((c) => c.key === selected.cellKey);
    const column = columns.find((c) => c.key === cell?.columnKey);
    return row && cell && column ? { row, cell, columnLabel: column.label } : null;
  }, [selected, rows, columns]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, row: number, col: number) {
    const next = gridMove(event.key, event.ctrlKey, { row, col }, rows.length - 1, cellCount - 1);
    if (!next) return;
    event.preventDefault();
    setActive(next);
    tableRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${next.row}:${next.col}"]`)?.focus();
  }

  const renderRow = (row: SectorRow, rowIndex: number) => (
    <tr key={row.key} className={rowClass[row.kind]} data-testid="sector-row" data-code={row.code ?? ''}>
      <th scope="row" className="cell-name">
        {row.name}
      </th>
      {row.cells.map((cell, colIndex) => (
        <SectorTd
          key={cell.key}
          cell={cell}
          position={`${rowIndex}:${colIndex}`}
          descriptionId={`${idPrefix}-r${rowIndex}c${colIndex}`}
          detailsId={detailsId}
          tabbable={rowIndex === activeRow && colIndex === activeCol}
          selected={selected?.rowKey === row.key && selected.cellKey === cell.key}
          onFocus={() => setActive({ row: rowIndex, col: colIndex })}
          onSelect={() => setSelected({ rowKey: row.key, cellKey: cell.key })}
          onKeyDown={(event) => onKeyDown(event, rowIndex, colIndex)}
        />
      ))}
    </tr>
  );

  return (
    <section className="sector-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        Children’s homes and places located in each authority, by sector
        {model.periodLabel && <>, {model.periodLabel}</>}
      </h2>
      <p className="muted section-intro">
        Ofsted-registered children’s homes and their registered places, wherever the children placed in them come from.
        Short-break-only and secure homes are not counted.
      </p>
      <div className="table-scroll table-scroll-compact" {...scrollRegion('Children’s homes sector table')}>
        <table ref={tableRef} className="data-table sector-table" aria-labelledby={headingId}>
          <thead>
            <tr className="group-row">
              <th scope="col" rowSpan={2} className="col-name col-plain">
                Local authority
              </th>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="colgroup"
                  colSpan={2}
                  className={column.isTotal ? 'col-group col-total' : 'col-group'}
                  title={column.sectors.join(', ')}
                >
                  {column.label}
                </th>
              ))}
            </tr>
            <tr>
              {columns.flatMap((column) => [
                <th key={`${column.key}:homes`} scope="col" className="col-plain col-figure group-start">
                  Homes
                </th>,
                <th key={`${column.key}:places`} scope="col" className="col-plain col-figure">
                  Places
                </th>,
              ])}
            </tr>
          </thead>
          <tbody>{members.map((row, i) => renderRow(row, i))}</tbody>
          <tfoot>{others.map((row, i) => renderRow(row, members.length + i))}</tfoot>
        </table>
      </div>
      <section
        id={detailsId}
        className="figure-details sector-details"
        aria-live="polite"
        aria-label="Sector figure source"
      >
        {!selection ? (
          <p className="muted">Select any number in this table to see its source, period and licence.</p>
        ) : (
          <>
            <p className="details-subject">
              <strong>{selection.row.name}</strong> · {selection.columnLabel},{' '}
              {selection.cell.quantity === 'homes' ? 'children’s homes' : 'registered places'}
            </p>
            <p>{selection.cell.statement}</p>
            {selection.cell.unknownSourceIds.map((id) => (
              <p key={id}>Source “{id}” is referred to but not described in this plan.</p>
            ))}
            {selection.cell.sources.length > 0 && (
              <ul className="source-list">
                {selection.cell.sources.map((source) => (
                  <li key={source.id}>
                    <SourceDetails source={source} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
    </section>
  );
}

interface SectorTdProps {
  cell: SectorCell;
  position: string;
  descriptionId: string;
  detailsId: string;
  tabbable: boolean;
  selected: boolean;
  onFocus(): void;
  onSelect(): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
}

function SectorTd({
  cell,
  position,
  descriptionId,
  detailsId,
  tabbable,
  selected,
  onFocus,
  onSelect,
  onKeyDown,
}: SectorTdProps) {
  const classes = ['cell-figure'];
  if (cell.quantity === 'homes') classes.push('group-start');
  if (cell.value === null) classes.push('is-missing');
  if (selected) classes.push('is-selected');
  return (
    <FigureButtonCell
      classes={classes}
      buttonClass="figure figure-compact"
      position={position}
      descriptionId={descriptionId}
      detailsId={detailsId}
      tabbable={tabbable}
      provenance={cell.provenance}
      illustrative={cell.illustrative}
      onFocus={onFocus}
      onSelect={onSelect}
      onKeyDown={onKeyDown}
    >
      <span className="figure-value">
        {cell.value === null ? <span aria-hidden="true">{cell.text}</span> : cell.text}
        {cell.value === null && <span className="visually-hidden">no supply figures stored</span>}
      </span>
      {cell.periodNote && <span className="figure-note">{cell.periodNote}</span>}
    </FigureButtonCell>
  );
}
