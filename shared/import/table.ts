/**
 * Tables of cells shared by every importer, whatever the file format: a CSV is parsed into one, and
 * the Node layer reads XLSX/ODS sheets into the same shape, so all parsers have one path. Also the
 * helpers the parsers share: finding columns by name, reading published numbers and suppression
 * codes and years, and grouping issues. Mapping area codes and names through the authority
 * crosswalk is ./areas.ts.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { SuppressionCode } from '../model/dataset.js';
import { suppressionCodes } from '../model/dataset.js';
import { parseCsv, type CsvLimits } from './csv.js';
import type { IssueCollector } from './report.js';

/** One sheet (or one CSV file) as rows of cells, title rows included, exactly as a spreadsheet shows it. */
export interface RawTable {
  sheetName: string | null;
  rows: string[][];
}

/** Parses CSV text into a table (throws on an unclosed quote, or past the limits given, like parseCsv). */
export function tableFromCsv(text: string, sheetName: string | null = null, limits: CsvLimits = {}): RawTable {
  return { sheetName, rows: parseCsv(text, limits) };
}

export function isBlankRow(row: readonly string[] | undefined): boolean {
  return !row || row.every((c) => c.trim() === '');
}

/** The rows below the header row that are not blank, each with its 1-based row number in the file. */
export function* bodyRows(table: RawTable, headerRow: number): Generator<{ cells: string[]; row: number }> {
  for (let r = headerRow + 1; r < table.rows.length; r += 1) {
    const cells = table.rows[r] ?? [];
    if (!isBlankRow(cells)) yield { cells, row: r + 1 };
  }
}

/** The text of a cell, trimmed; '' when the row is short. */
export function cellText(row: readonly string[], index: number | null): string {
  if (index === null) return '';
  return (row[index] ?? '').trim();
}

/** Folds typographic apostrophes and quotes, non-breaking spaces and runs of white space; trims. */
export function foldText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

/** A column name for matching: folded, lower case, spaces and hyphens treated like underscores. */
export function normaliseColumnName(name: string): string {
  return foldText(name)
    .toLowerCase()
    .replace(/[\s\-_]+/g, '_');
}

/**
 * A filter value for matching: folded, lower case, leading numbering such as "1. ", "2b. " or
 * "1.ii " removed, and the 2025 release's "on 31 March" treated like the earlier "at 31 March".
 */
export function normaliseLabel(value: string): string {
  return foldText(value)
    .toLowerCase()
    .replace(/^\d+[a-z]?\.(?:[ivx]+)?\s+/, '')
    .replace(/\bat 31 march\b/g, 'on 31 march');
}

/** Columns of a header row, found by name (any of several aliases), never by position. */
export class Columns {
  private readonly index = new Map<string, number>();

  constructor(readonly header: readonly string[]) {
    header.forEach((name, i) => {
      const key = normaliseColumnName(name);
      if (key !== '' && !this.index.has(key)) this.index.set(key, i);
    });
  }

  /** Index of the first alias present, or null. */
  find(...aliases: string[]): number | null {
    for (const alias of aliases) {
      const i = this.index.get(normaliseColumnName(alias));
      if (i !== undefined) return i;
    }
    return null;
  }

  has(...aliases: string[]): boolean {
    return this.find(...aliases) !== null;
  }

  /** The column's name as written in the file. */
  name(index: number): string {
    return foldText(this.header[index] ?? '');
  }

  /**
   * Index of a required column; when absent, a file-level error "Column 'x' is missing" (naming the
   * other accepted spellings) and null.
   */
  require(issues: IssueCollector, aliases: readonly string[], what?: string): number | null {
    const i = this.find(...aliases);
    if (i !== null) return i;
    const [first, ...others] = aliases;
    const also = others.length > 0 ? ` (also accepted: ${others.map((o) => `'${o}'`).join(', ')})` : '';
    issues.error(null, first ?? null, `Column '${first ?? ''}' is missing${also}${what ? `: ${what}` : ''}.`);
    return null;
  }
}

/** Index of the first of the first `limit` rows that satisfies `test`, or -1. */
export function findHeaderRow(rows: readonly string[][], test: (columns: Columns) => boolean, limit = 20): number {
  const end = Math.min(rows.length, limit);
  for (let i = 0; i < end; i += 1) {
    const row = rows[i];
    if (row && !isBlankRow(row) && test(new Columns(row))) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// Numbers

export type ParsedNumber =
  | { kind: 'number'; value: number }
  | { kind: 'suppressed'; code: SuppressionCode }
  | { kind: 'empty' }
  | { kind: 'invalid' };

const suppressionSet: ReadonlySet<string> = new Set(suppressionCodes);

/** Anything above this is taken as a corrupt value rather than a count, rate or population. */
export const MAX_PLAUSIBLE_VALUE = 1e9;

/**
 * A published number: digits with optional thousands separators ("6,232"), sign and decimals, or
 * one of the suppression codes (c, z, x, k, low, u; any case).
 */
export function parseNumber(raw: string): ParsedNumber {
  const text = foldText(raw);
  if (text === '') return { kind: 'empty' };
  const lower = text.toLowerCase();
  if (suppressionSet.has(lower)) return { kind: 'suppressed', code: lower as SuppressionCode };
  if (!/^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/.test(text) && !/^[-+]?\.\d+$/.test(text)) {
    return { kind: 'invalid' };
  }
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value) ? { kind: 'number', value: value === 0 ? 0 : value } : { kind: 'invalid' };
}

/** Quotes a value for a message, shortened so a garbage cell cannot flood the report. */
export function quote(value: string): string {
  const v = value.length > 60 ? `${value.slice(0, 57)}…` : value;
  return `'${v}'`;
}

// ---------------------------------------------------------------------------------------------
// Periods

/** Years accepted in time_period and projection columns. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/**
 * A DfE/ONS time_period as the year ending 31 March ("2024"); a six-digit financial year "202324"
 * becomes its end year. Null (with the reason) when the value is not a year in range.
 */
export function parseYear(raw: string): { year: string } | { problem: string } {
  // A spreadsheet may hand a year over as "2024.0".
  const text = foldText(raw).replace(/^(\d+)\.0+$/, '$1');
  let year: number | null = null;
  if (/^\d{4}$/.test(text)) year = Number(text);
  else if (/^\d{6}$/.test(text) && (Number(text.slice(0, 4)) + 1) % 100 === Number(text.slice(4))) {
    year = Number(text.slice(0, 4)) + 1;
  }
  if (year === null) return { problem: `${quote(text)} is not a year` };
  if (year < MIN_YEAR || year > MAX_YEAR)
    return { problem: `${quote(text)} is not a year between ${MIN_YEAR} and ${MAX_YEAR}` };
  return { year: String(year) };
}

// ---------------------------------------------------------------------------------------------
// Counting what a file holds that the plan does not model

/** Rows read but not taken into plan data, counted by what they were (not errors); labels read after "N rows of". */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(what: string, rows = 1): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + rows);
  }

  list(): { what: string; rows: number }[] {
    return [...this.counts]
      .map(([what, rows]) => ({ what, rows }))
      .sort((a, b) => (a.what < b.what ? -1 : a.what > b.what ? 1 : 0));
  }
}

// ---------------------------------------------------------------------------------------------
// Issues, grouped

/**
 * Passes issues to an IssueCollector, but after `limit` issues of one kind (e.g. every row with a
 * bad time_period) adds one closing note with the count instead of thousands of lines.
 */
export class IssueLimiter {
  private readonly seen = new Map<string, { count: number; severity: 'error' | 'warning'; column: string | null }>();

  constructor(
    readonly issues: IssueCollector,
    private readonly limit = 50,
  ) {}

  private take(kind: string, severity: 'error' | 'warning', column: string | null): boolean {
    const entry = this.seen.get(kind) ?? { count: 0, severity, column };
    entry.count += 1;
    this.seen.set(kind, entry);
    return entry.count <= this.limit;
  }

  error(kind: string, row: number | null, column: string | null, message: string): void {
    if (this.take(kind, 'error', column)) this.issues.error(row, column, message);
  }

  warning(kind: string, row: number | null, column: string | null, message: string): void {
    if (this.take(kind, 'warning', column)) this.issues.warning(row, column, message);
  }

  /** Adds the "and N more" notes; call once at the end. */
  finish(): void {
    for (const [kind, { count, severity, column }] of this.seen) {
      if (count <= this.limit) continue;
      const message = `${count - this.limit} more rows have the same problem as above (${kind}); only the first ${this.limit} are listed.`;
      if (severity === 'error') this.issues.error(null, column, message);
      else this.issues.warning(null, column, message);
    }
  }
}
