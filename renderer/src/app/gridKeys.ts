/** Where the arrow, Home and End keys move focus in a grid of cells with one tab stop (roving tabindex). */
export interface GridPosition {
  row: number;
  col: number;
}

/** The next position for a key, or null when the key does not move (so the event is left alone). */
export function gridMove(
  key: string,
  ctrlKey: boolean,
  { row, col }: GridPosition,
  lastRow: number,
  lastCol: number,
): GridPosition | null {
  switch (key) {
    case 'ArrowRight':
      return { row, col: Math.min(col + 1, lastCol) };
    case 'ArrowLeft':
      return { row, col: Math.max(col - 1, 0) };
    case 'ArrowDown':
      return { row: Math.min(row + 1, lastRow), col };
    case 'ArrowUp':
      return { row: Math.max(row - 1, 0), col };
    case 'Home':
      return ctrlKey ? { row: 0, col: 0 } : { row, col: 0 };
    case 'End':
      return ctrlKey ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    default:
      return null;
  }
}
