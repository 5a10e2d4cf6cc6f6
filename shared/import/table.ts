/**
 * Tables of cells shared by every importer, whatever the file format: a CSV is parsed into one, and
 * the Node layer reads XLSX/ODS sheets into the same shape, so all parsers have one path. Also the
 * helpers the parsers share: finding columns by name, reading published numbers and suppression
 * codes, mapping area codes and names through the authority crosswalk, and grouping issues.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup, ReferenceAuthority } from '../model/authorities.js';
import type { SuppressionCode } from '../model/dataset.js';
import { describePredecessor, predecessorByCode, predecessorByName, type Predecessor } from '../model/predecessors.js';
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

// ---------------------------------------------------------------------------------------------
// Areas

export const ENGLAND_CODE = 'E92000001';

/** Upper-tier LA code prefixes: unitary authorities, metropolitan districts, London boroughs, counties. */
export const LA_CODE_PATTERN = /^E(06|08|09|10)\d{6}$/;
/** English regions (E12) and DfE's Inner and Outer London (E13). */
export const REGION_CODE_PATTERN = /^E1[23]\d{6}$/;

export type AreaResolution =
  | { kind: 'area'; code: string; authority: ReferenceAuthority | null }
  | { kind: 'left-out'; why: string }
  | { kind: 'unknown' };

/**
 * Maps the codes and names a file uses to current ONS codes through the authority crosswalk, and
 * says once per code (not once per row) when it had to carry a former code over or leave rows out.
 */
export class AreaResolver {
  private readonly noted = new Set<string>();
  private readonly regionNames = new Map<string, string>();
  private readonly regionCodes = new Set<string>();

  /**
   * @param asOf the date the file's figures are for ("2018-03-31"), when known: a name a current
   *   authority reuses (Dorset) means its predecessor in files dated before the reorganisation
   */
  constructor(
    readonly lookup: AuthorityLookup,
    private readonly issues: IssueCollector,
    private readonly asOf: string | null = null,
  ) {
    for (const a of lookup.all()) {
      if (a.regionCode === '') continue;
      this.regionCodes.add(a.regionCode);
      this.regionNames.set(normaliseLabel(a.regionName), a.regionCode);
    }
  }

  /** Adds a warning once per key (e.g. once per former code), at the first row it applies to. */
  noteOnce(key: string, row: number | null, column: string | null, message: string): void {
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.issues.warning(row, column, message);
  }

  /**
   * A local authority from its ONS code, DfE code and name (any may be blank). The ONS code wins;
   * the DfE code tells a predecessor with a different area (e.g. Dorset County Council, DfE 835,
   * under Dorset Council's former code) from a plain change of code (Barnsley, DfE 370, E08000016).
   */
  authority(
    input: { onsCode: string; dfeCode: string; name: string },
    row: number,
    columns: { onsCode: string | null; dfeCode: string | null; name: string | null },
    noteFormerCode = true,
  ): AreaResolution {
    const { onsCode, dfeCode, name } = input;
    // Predecessors covering another area (Bournemouth, Poole, the old Dorset, Cumbria, …), by the
    // code given first, else by name: the same warning, with the crosswalk, in every importer.
    const predecessor =
      onsCode !== ''
        ? predecessorByCode(onsCode)
        : dfeCode !== ''
          ? predecessorByCode(dfeCode)
          : name !== ''
            ? predecessorByName(name, this.asOf)
            : undefined;
    if (predecessor) {
      const given = onsCode !== '' ? onsCode : dfeCode !== '' ? dfeCode : name;
      return this.leaveOut(
        predecessor,
        given,
        row,
        onsCode !== '' ? columns.onsCode : dfeCode !== '' ? columns.dfeCode : columns.name,
      );
    }
    const byOns = onsCode !== '' ? this.lookup.byCode(onsCode) : undefined;
    const byDfe = dfeCode !== '' ? this.lookup.byCode(dfeCode) : undefined;
    let authority = byOns ?? byDfe;
    const usedCode = byOns ? onsCode : byDfe ? dfeCode : '';
    if (!authority && name !== '') {
      authority = this.lookup.byName(name);
      if (authority && (onsCode !== '' || dfeCode !== '')) {
        const code = onsCode !== '' ? onsCode : dfeCode;
        this.noteOnce(
          `name:${code}`,
          row,
          onsCode !== '' ? columns.onsCode : columns.dfeCode,
          `Row ${row}: code ${quote(code)} is not in the reference list of English local authorities; matched ${quote(name)} by name to ${authority.name} (${authority.onsCode}).`,
        );
      }
    }
    if (!authority) return { kind: 'unknown' };

    if (authority.status === 'abolished') {
      this.noteOnce(
        `abolished:${authority.onsCode}`,
        row,
        columns.onsCode ?? columns.name,
        `Row ${row}: ${authority.name} (${authority.onsCode}) was abolished and its figures cannot be split between its successors (${authority.successorCodes.join(', ')}), so its rows are left out.`,
      );
      return { kind: 'left-out', why: `${authority.name} (abolished)` };
    }
    if (byOns && dfeCode !== '' && /^\d{3}$/.test(dfeCode) && dfeCode !== authority.dfeCode) {
      if (byDfe && byDfe !== authority) {
        this.noteOnce(
          `disagree:${onsCode}:${dfeCode}`,
          row,
          columns.dfeCode,
          `Row ${row}: code ${quote(onsCode)} is ${authority.name} but DfE code ${quote(dfeCode)} is ${byDfe.name}; the ONS code is used.`,
        );
      } else if (onsCode !== authority.onsCode) {
        this.noteOnce(
          `predecessor:${onsCode}`,
          row,
          columns.onsCode,
          `Row ${row}: ${quote(onsCode)} (DfE ${dfeCode}${name !== '' ? `, ${name}` : ''}) is a predecessor of ${authority.name} covering a different area, so its rows are left out.`,
        );
        return {
          kind: 'left-out',
          why: `${onsCode}${name !== '' ? ` ${name}` : ''} (predecessor of ${authority.name}, a different area)`,
        };
      }
    }
    if (noteFormerCode && usedCode !== '' && usedCode !== authority.onsCode && usedCode !== authority.dfeCode) {
      this.noteFormerCode(usedCode, authority, row, byOns ? columns.onsCode : columns.dfeCode);
    }
    return { kind: 'area', code: authority.onsCode, authority };
  }

  /** Leaves a predecessor's rows out, saying so (once per predecessor) with the crosswalk. */
  private leaveOut(p: Predecessor, given: string, row: number, column: string | null): AreaResolution {
    this.noteOnce(
      `predecessor:${p.onsCode}`,
      row,
      column,
      `Row ${row}: ${quote(given)} is ${describePredecessor(p, this.lookup)}. Its rows are left out, as they do not cover any current authority's area.`,
    );
    return { kind: 'left-out', why: `${p.name} ${p.onsCode} (abolished ${p.abolishedOn})` };
  }

  /** Says (once per code) that rows under a former code are counted under the current one. */
  noteFormerCode(usedCode: string, authority: ReferenceAuthority, row: number, column: string | null): void {
    this.noteOnce(
      `former:${usedCode}`,
      row,
      column,
      `Row ${row}: ${quote(usedCode)} is a former code of ${authority.name}; its rows are counted under the current code ${authority.onsCode}.`,
    );
  }

  /** A region from its code or name: E12 regions, plus DfE's Inner and Outer London (E13). */
  region(code: string, name: string): string | null {
    if (REGION_CODE_PATTERN.test(code)) return code;
    if (code === '' && name !== '') return this.regionNames.get(normaliseLabel(name)) ?? null;
    return null;
  }
}

/**
 * Values that failed a look-up (an unknown LA name, say), gathered so each distinct value gives one
 * error at its first row with a count of the others, rather than one error per row.
 */
export class UnknownValues {
  private readonly values = new Map<string, { value: string; row: number; column: string | null; count: number }>();

  add(value: string, row: number, column: string | null): void {
    const key = `${column ?? ''}|${value}`;
    const entry = this.values.get(key);
    if (entry) entry.count += 1;
    else this.values.set(key, { value, row, column, count: 1 });
  }

  /** One error per value; `describe` gives the message after "Row N: 'value' ". */
  report(issues: IssueCollector, describe: string): void {
    for (const { value, row, column, count } of this.values.values()) {
      const more =
        count > 1 ? ` (${count - 1} more ${count - 1 === 1 ? 'row gives' : 'rows give'} the same value)` : '';
      issues.error(row, column, `Row ${row}: ${quote(value)} ${describe}${more}.`);
    }
  }
}
