/** Sorting of the Data view's authority table: by name or by any column, nulls last, names in natural order. */
import type { TableRow } from './buildTable';

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
