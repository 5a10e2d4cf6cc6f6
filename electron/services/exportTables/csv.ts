/**
 * Export tables as CSV: numbers to the decimal places the workbook shows, and text a spreadsheet
 * would read as a formula made inert (OWASP, "CSV Injection").
 */
import { cellKind, type CellValue, type ColumnKind, type ExportTable } from './cells.js';

/** Decimal places a CSV file keeps for each kind: what the workbook shows (a CSV file holds no formats). */
const CSV_DECIMALS: Partial<Record<ColumnKind, number>> = {
  year: 0,
  count: 0,
  oneDecimal: 1,
  money: 0,
  price: 2,
  share: 3,
  ratio: 2,
};

/**
 * Characters that make a spreadsheet program read a cell as a formula (OWASP, "CSV Injection"):
 * `=`, `+`, `-`, `@`, tab and carriage return. Leading spaces and line feeds are skipped too, since
 * some programs trim them before deciding.
 */
const FORMULA_TRIGGER = /^[\t\r]|^\s*[=+\-@]/;

/** True when a text cell would be read as a formula if written as it is. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * One CSV field. Finite numbers are written as numbers (a negative number stays a number; NaN and
 * the infinities, which no table should hold, as text). Text that a spreadsheet would read as a
 * formula is neutralised as OWASP advises: prefixed with a single quote, wrapped in double quotes,
 * its own double quotes doubled. Other text is quoted when it holds a quote, a comma, a semicolon
 * (the separator in some locales), a tab or a line break, so no separator inside it can start a
 * new cell.
 */
export function csvField(value: CellValue, kind: ColumnKind = 'general'): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return csvField(String(value));
    const decimals = CSV_DECIMALS[kind];
    // as the workbook shows it; 0 rather than -0
    return decimals === undefined ? String(value) : String(Number(value.toFixed(decimals)) + 0);
  }
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  if (isFormulaLike(value)) return quoted(`'${value}`);
  return /[",;\t\r\n]/.test(value) ? quoted(value) : value;
}

/**
 * RFC 4180 CSV with a UTF-8 BOM so spreadsheet programs read £ and ’ correctly; inert (see
 * {@link csvField}); numbers to the decimal places the workbook shows (counts whole, rates to one
 * place, money to the pound, shares as fractions to 0.1%).
 */
export function toCsv(table: ExportTable): string {
  const lines = [
    table.header.map((h) => csvField(h)).join(','),
    ...table.rows.map((r) => r.map((v, c) => csvField(v, cellKind(table, r, c))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
