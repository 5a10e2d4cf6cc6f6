/**
 * The cells of an export table: what a column holds (its kind, for the workbook's number format),
 * the table itself, and the kind of a cell, of a unit and of a period.
 */

export type CellValue = string | number | null;

/**
 * What a column holds, for its number format: whole counts (children, beds, places), figures to one
 * decimal place (rates per 10,000, errors, expected incidents), money in whole pounds or in pounds
 * and pence (unit prices), shares (0–1, shown as %), ratios (two decimal places), years, text, or
 * `general` (a number shown as it is).
 */
export type ColumnKind = 'text' | 'year' | 'count' | 'oneDecimal' | 'money' | 'price' | 'share' | 'ratio' | 'general';

/** Excel number formats by column kind (none for text and general). */
export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  year: '0',
  count: '#,##0',
  oneDecimal: '#,##0.0',
  money: '"£"#,##0',
  price: '"£"#,##0.00',
  share: '0.0%',
  ratio: '0.00',
};

export interface ExportTable {
  /** Sheet name (≤ 31 characters) and CSV file stem. */
  name: string;
  title: string;
  header: string[];
  /** One per header cell: the column's kind, or a function giving it for a row (columns of mixed units). */
  kinds: (ColumnKind | ((row: readonly CellValue[]) => ColumnKind))[];
  rows: CellValue[][];
}

/** The kind of one cell. */
export function cellKind(table: ExportTable, row: readonly CellValue[], column: number): ColumnKind {
  const kind = table.kinds[column] ?? 'general';
  return typeof kind === 'function' ? kind(row) : kind;
}

/** The kind of a figure in a unit as the model words it ("children", "per 10,000 children", "share of places", "£ per week"). */
export function kindOfUnit(unit: string | null | undefined): ColumnKind {
  const u = (unit ?? '').toLowerCase();
  if (u.startsWith('£')) return u === '£' ? 'money' : 'price';
  if (u.startsWith('share')) return 'share';
  if (u.includes('per 10,000')) return 'oneDecimal';
  if (u === 'ratio') return 'ratio';
  if (/^(children|beds|places|homes|bed-years|child-years)$/.test(u)) return 'count';
  if (u === 'incidents') return 'oneDecimal';
  return 'general';
}

/** A year as a number when it is one ("2026" → 2026); other periods ("2024-25", a date) stay text. */
export function yearCell(period: string | number): string | number {
  return typeof period === 'number' || !/^\d{4}$/.test(period) ? period : Number(period);
}
