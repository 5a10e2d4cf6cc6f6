/**
 * The public tables of the SSDA903 reader: the columnar child, episode and missing tables of a
 * combined dataset, the files and options it is read from, what an import returns, the required
 * columns of each table the planner reads, and how a CSV's table and data rows are told.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { ImportIssue } from '../report.js';
import { identifySsda903Table, ssda903TableInfo } from './returnTables.js';
import type { Ssda903AnyTable } from './returnTables.js';
import type { CodeColumn } from './codes.js';
import { CsvScanner } from './scanner.js';

export type Ssda903TableKind = 'header' | 'episodes' | 'missing' | 'uasc';

/**
 * Required columns of each table (extra columns such as LA and YEAR are optional): the published
 * layouts, as the table list of the return holds them (./returnTables.ts).
 */
export const SSDA903_COLUMNS: Readonly<Record<Ssda903TableKind, readonly string[]>> = {
  header: ssda903TableInfo('header').columns,
  episodes: ssda903TableInfo('episodes').columns,
  missing: ssda903TableInfo('missing').columns,
  uasc: ssda903TableInfo('uasc').columns,
};

/** One row per child (identified by LA and CHILD). */
export interface ChildTable {
  readonly length: number;
  /** CHILD as written in the return. */
  readonly id: readonly string[];
  /** Index into {@link Ssda903Dataset.las} ('' when the file gives no LA). */
  readonly la: Uint16Array;
  /** 1 when a header row was read for the child. */
  readonly hasHeader: Uint8Array;
  /** SEX code (1 male, 2 female, 0 unknown). */
  readonly sex: Uint8Array;
  /** Date of birth as a day number, NO_DATE when unknown. */
  readonly dob: Int32Array;
  readonly ethnic: CodeColumn;
  readonly upn: CodeColumn;
  /** Return year of the header row used (the latest), 0 when none. */
  readonly year: Int16Array;
  /** 1 when the child is listed in a UASC table (was an unaccompanied asylum-seeking child). */
  readonly uasc: Uint8Array;
  /** Date the child ceased to be an unaccompanied asylum-seeking child (UASC table), NO_DATE when none. */
  readonly duc: Int32Array;
}

/**
 * Episodes, sorted by child then start date; one row per episode after combining returns.
 * Episodes of child c are rows `firstEpisode[c]` to `firstEpisode[c + 1] - 1`.
 */
export interface EpisodeTable {
  readonly length: number;
  /** Index into the {@link ChildTable}. */
  readonly child: Int32Array;
  readonly decom: Int32Array;
  /** NO_DATE for an open episode; truncated where the child's next episode starts earlier. */
  readonly dec: Int32Array;
  /** DEC as the return recorded it, before overlaps were truncated. */
  readonly decRecorded: Int32Array;
  readonly rne: CodeColumn;
  readonly ls: CodeColumn;
  readonly cin: CodeColumn;
  readonly place: CodeColumn;
  readonly placeProvider: CodeColumn;
  readonly rec: CodeColumn;
  readonly reasonPlaceChange: CodeColumn;
  readonly homePost: CodeColumn;
  readonly plPost: CodeColumn;
  readonly urn: CodeColumn;
  /** Return year the row came from (0 when unknown). */
  readonly year: Int16Array;
  /** Index into {@link Ssda903Dataset.files} and 1-based row in that file. */
  readonly file: Uint16Array;
  readonly row: Int32Array;
  /** CSR offsets by child: length children + 1. */
  readonly firstEpisode: Int32Array;
}

export interface MissingTable {
  readonly length: number;
  readonly child: Int32Array;
  /** 'M' missing, 'A' away from placement without authorisation. */
  readonly missing: CodeColumn;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly year: Int16Array;
}

export interface Ssda903Dataset {
  readonly files: readonly string[];
  readonly las: readonly string[];
  readonly children: ChildTable;
  readonly episodes: EpisodeTable;
  readonly missing: MissingTable;
  /** CHILD ids (with LA when known, `LA/CHILD`) of children with episodes but no header row. */
  readonly childrenWithoutHeader: readonly string[];
}

export interface Ssda903File {
  /** File name as the user chose it (used in issues; a year such as 2021 in it is the return year). */
  name: string;
  text: string;
  /** Table kind; detected from the column names when omitted (tables the planner does not use are counted and left out). */
  table?: Ssda903AnyTable;
  /** Return year when the file has no YEAR column (otherwise taken from a 4-digit year in the name). */
  year?: number;
  /** LA of every row when the file has no LA column. */
  la?: string;
}

export interface Ssda903ImportOptions {
  /** Keep only these LAs (case-insensitive). Rows of other LAs are skipped without validation. */
  la?: string | readonly string[];
  /** At most this many issues of one kind per file are listed; the rest are counted (default 50). */
  maxIssuesPerKind?: number;
}

/** What one file held: its table and its data rows (blank lines aside; every LA's rows). */
export interface Ssda903TableCount {
  file: string;
  table: Ssda903AnyTable;
  rows: number;
  /** False for a table of the return that the planner leaves out. */
  used: boolean;
}

export interface Ssda903Import {
  dataset: Ssda903Dataset;
  /** Per file read: its table and rows, so that summaries count rows as the files hold them. */
  tables: Ssda903TableCount[];
  issues: ImportIssue[];
  hasErrors: boolean;
}

/**
 * Which table of the return a CSV holds, from its header row (null when it is not an SSDA903
 * table); see ./returnTables.ts, which also lists the tables the planner leaves out.
 */
export function detectSsda903Table(text: string): Ssda903AnyTable | null {
  const scanner = new CsvScanner(text);
  if (!scanner.next()) return null;
  const names = new Set<string>();
  for (let i = 0; i < scanner.fieldCount; i++) names.add(scanner.field(i).trim().toUpperCase());
  return identifySsda903Table(names);
}

/** Data rows of a CSV table (records after the header row, blank lines aside). */
export function countSsda903Rows(text: string): number {
  if (text.indexOf('"') < 0 && text.indexOf('\r') < 0) {
    // No quoting and LF line ends (the usual export): count the non-empty lines after the first.
    let rows = 0;
    let start = text.indexOf('\n') + 1;
    if (start === 0) return 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      if (end > start) rows++;
      start = end + 1;
    }
    return rows;
  }
  const scanner = new CsvScanner(text);
  if (!scanner.next()) return 0;
  let rows = 0;
  while (scanner.next()) if (!scanner.blank) rows++;
  return rows;
}
