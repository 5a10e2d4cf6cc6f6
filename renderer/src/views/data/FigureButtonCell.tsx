/**
 * The frame of a figure cell in the Data view's tables (authorities and sector supply): a table
 * cell holding one focusable button (the grid's keyboard stop, which opens the figure's details),
 * the "illustrative" tag when the figure is not published data, and the figure's provenance as the
 * button's hidden description. Each table puts its own figure inside.
 */
import type { KeyboardEvent, ReactNode } from 'react';

export interface FigureButtonCellProps {
  /** Classes of the table cell. */
  classes: readonly string[];
  /** Classes of the button. */
  buttonClass: string;
  position: string;
  /** The column's key, written as data-column when given. */
  column?: string;
  descriptionId: string;
  detailsId: string;
  tabbable: boolean;
  provenance: string;
  illustrative: boolean;
  onFocus(): void;
  onSelect(): void;
  onKeyDown(event: KeyboardEvent<HTMLButtonElement>): void;
  children: ReactNode;
}

export function FigureButtonCell({
  classes,
  buttonClass,
  position,
  column,
  descriptionId,
  detailsId,
  tabbable,
  provenance,
  illustrative,
  onFocus,
  onSelect,
  onKeyDown,
  children,
}: FigureButtonCellProps) {
  return (
    <td className={classes.join(' ')} title={provenance}>
      <button
        type="button"
        className={buttonClass}
        data-cell={position}
        data-column={column}
        tabIndex={tabbable ? 0 : -1}
        aria-describedby={descriptionId}
        aria-controls={detailsId}
        onFocus={onFocus}
        onClick={onSelect}
        onKeyDown={onKeyDown}
      >
        {children}
        {illustrative && <span className="tag tag-illustrative">illustrative</span>}
      </button>
      <span id={descriptionId} hidden>
        {provenance}
      </span>
    </td>
  );
}
