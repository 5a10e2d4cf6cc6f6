/**
 * SSDA903 importer: the child-level return every English council makes to the DfE.
 *
 * Reads the Header (`CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB`), Episodes
 * (`CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN`),
 * Missing (`CHILD,DOB,MISSING,MIS_START,MIS_END`) and UASC (`CHILD,SEX,DOB,DUC`) tables as CSV, in
 * both layouts found in practice:
 *
 * - the per-year layout, one file per return and table, dates dd/mm/yyyy (`2021-episodes.csv`);
 * - the pooled regional layout, several LAs and years in one file, ISO dates (yyyy-mm-dd) and two
 *   extra columns `LA` and `YEAR`.
 *
 * The return's other tables (reviews, OC2, OC3, AD1, placed for adoption, previous permanence,
 * social worker episodes; see ./ssda903Tables.ts) are recognised, counted and left out, so a whole
 * export can be given at once. Every file's rows are counted as the file holds them (`tables`).
 *
 * Columns are matched by name (case-insensitive, any order). Dates become integer day numbers
 * (days since 1970-01-01, UTC); a dd/mm/yy date is read by the row's return year (the YEAR column,
 * else a year in the file name) with a warning, and is an error only when no return year is known.
 * Tables are columnar (typed arrays; codes and CHILD ids interned straight from the text, so a
 * field makes a string only the first time its value is seen): a million-row episodes file is
 * validated in about four seconds without an object or a string per row.
 *
 * Several returns combine into one history: the same child and episode appear in every return in
 * which the episode was open; identical copies are merged and the latest return's version of an
 * episode (same child and start date) supersedes earlier ones. Every problem is reported through
 * {@link IssueCollector}: file, 1-based row (header row = 1), column and message.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { IssueCollector } from './report.js';
import type { ImportIssue } from './report.js';
import { identifySsda903Table, isUsedSsda903Table, ssda903TableInfo } from './ssda903Tables.js';
import type { Ssda903AnyTable } from './ssda903Tables.js';

export type { Ssda903AnyTable, Ssda903SkippedTable } from './ssda903Tables.js';
export { SSDA903_TABLES, skippedTableNote } from './ssda903Tables.js';

// ---------------------------------------------------------------------------------------------
// Dates as day numbers
// ---------------------------------------------------------------------------------------------

/** Sentinel day number for an empty date (an open episode's DEC, an unknown DOB). */
export const NO_DATE = -2147483648;
/** Internal sentinel for a date that could not be read. */
const BAD_DATE = -2147483647;

/** Earliest and latest dates accepted (anything else is reported as out of range). */
export const MIN_DATE = dayFromCivil(1900, 1, 1);
export const MAX_DATE = dayFromCivil(2099, 12, 31);

/** Days since 1970-01-01 for a proleptic Gregorian date (month 1–12). */
export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number. */
export function civilFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** The day number `years` calendar years after `dayNumber` (29 February becomes 28 February). */
export function addYears(dayNumber: number, years: number): number {
  const { year, month, day } = civilFromDay(dayNumber);
  const y = year + years;
  return dayFromCivil(y, month, Math.min(day, daysInMonth(y, month)));
}

/** The day number `months` calendar months after `dayNumber` (clipped to the month's last day). */
export function addMonths(dayNumber: number, months: number): number {
  const { year, month, day } = civilFromDay(dayNumber);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return dayFromCivil(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whole calendar months from `fromDay` to `toDay` (age in completed months when `fromDay` is a birth date). */
export function wholeMonthsBetween(fromDay: number, toDay: number): number {
  const a = civilFromDay(fromDay);
  const b = civilFromDay(toDay);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (b.day < a.day) months -= 1;
  return months;
}

/** `yyyy-mm-dd` for a day number. */
export function isoFromDay(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Reads a date written `dd/mm/yyyy` (also `d/m/yyyy`) or ISO `yyyy-mm-dd` (an optional time
 * after a space or `T` is ignored). Returns a day number, NO_DATE for an empty value, or null
 * when the text is not a real date.
 */
export function parseSsda903Date(text: string): number | null {
  const day = readDate(text, 0, text.length);
  return day === BAD_DATE || day === TWO_DIGIT_NO_YEAR ? null : day;
}

function digit(code: number): number {
  return code >= 48 && code <= 57 ? code - 48 : -1;
}

/** Sentinel: a dd/mm/yy date with no return year to resolve its century by. */
const TWO_DIGIT_NO_YEAR = -2147483646;
/**
 * `resolved` is set by readDate when it resolved a two-digit year (read by checkDate, which resets
 * it); an object so that the reader of dates and the checker of rows can live in separate modules.
 */
const twoDigitYear = { resolved: false };

/** The year ending in `yy` within the 99 years up to one after `returnYear`. */
export function resolveTwoDigitYear(yy: number, returnYear: number): number {
  const base = returnYear + 1;
  return base - ((((base - yy) % 100) + 100) % 100);
}

/**
 * Reads the date in text[start, end); NO_DATE when blank, BAD_DATE when unreadable. A dd/mm/yy
 * date is resolved by `returnYear` (see resolveTwoDigitYear), or TWO_DIGIT_NO_YEAR without one.
 */
function readDate(text: string, start: number, end: number, returnYear = 0): number {
  while (start < end && text.charCodeAt(start) <= 32) start++;
  while (end > start && text.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return NO_DATE;
  // Cut a time part: after 'T' or a space.
  for (let i = start + 8; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 84) {
      end = i;
      break;
    }
  }
  let year = 0;
  let month: number;
  let day: number;
  if (end - start === 10 && text.charCodeAt(start + 4) === 45 && text.charCodeAt(start + 7) === 45) {
    // yyyy-mm-dd
    for (let i = 0; i < 4; i++) {
      const d = digit(text.charCodeAt(start + i));
      if (d < 0) return BAD_DATE;
      year = year * 10 + d;
    }
    const m1 = digit(text.charCodeAt(start + 5));
    const m2 = digit(text.charCodeAt(start + 6));
    const d1 = digit(text.charCodeAt(start + 8));
    const d2 = digit(text.charCodeAt(start + 9));
    if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return BAD_DATE;
    month = m1 * 10 + m2;
    day = d1 * 10 + d2;
  } else {
    // d/m/yyyy with one- or two-digit day and month
    let i = start;
    let parts = 0;
    let v0 = 0;
    let v1 = 0;
    let v2 = 0;
    let digits = 0;
    let yearDigits = 0;
    for (; i <= end; i++) {
      const c = i < end ? text.charCodeAt(i) : 47;
      if (c === 47) {
        if (digits === 0 || parts > 2) return BAD_DATE;
        parts++;
        yearDigits = digits;
        digits = 0;
        continue;
      }
      const d = digit(c);
      if (d < 0) return BAD_DATE;
      if (parts === 0) v0 = v0 * 10 + d;
      else if (parts === 1) v1 = v1 * 10 + d;
      else v2 = v2 * 10 + d;
      digits++;
      if (digits > (parts === 2 ? 4 : 2)) return BAD_DATE;
    }
    if (parts !== 3) return BAD_DATE;
    day = v0;
    month = v1;
    year = v2;
    if (yearDigits === 2) {
      if (returnYear <= 0) return TWO_DIGIT_NO_YEAR;
      year = resolveTwoDigitYear(year, returnYear);
      twoDigitYear.resolved = true;
    } else if (yearDigits !== 4) return BAD_DATE;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return BAD_DATE;
  return dayFromCivil(year, month, day);
}

// ---------------------------------------------------------------------------------------------
// Codes
// ---------------------------------------------------------------------------------------------

/** PLACE codes of the SSDA903 return (current and recently retired). */
export const PLACE_CODES: ReadonlySet<string> = new Set([
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'K3',
  'P1',
  'P2',
  'P3',
  'P4',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
]);

/** A column of interned strings: the value of row i is `values[codes[i]]`; code 0 is blank. */
export interface CodeColumn {
  readonly codes: Uint32Array;
  readonly values: readonly string[];
}

/** Whether text[start, start + value.length) is `value` (short values: a loop beats startsWith). */
function sameText(value: string, text: string, start: number): boolean {
  const n = value.length;
  if (n > 24) return text.startsWith(value, start);
  for (let i = 0; i < n; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Distinct strings, numbered from 1 (0 is the empty string). Values can be looked up straight from
 * a span of the file's text (`idAt`), hashing its characters, so that a million-row file does not
 * make a string per field: a string is made only the first time a value is seen.
 */
export class Interner {
  readonly values: string[] = [''];
  private hashes: Int32Array = new Int32Array(16);
  /** Open addressing: slot → id + 1 (0 empty). */
  private slots: Int32Array = new Int32Array(64);

  /** FNV-1a over the characters, then the length (so a caller scanning the text can hash as it goes). */
  static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h ^ (end - start)) | 0;
  }

  private find(text: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) return -1 - slot;
      if (this.hashes[id] === h) {
        const v = this.values[id]!;
        if (v.length === length && sameText(v, text, start)) return id;
      }
    }
  }

  /** The id of text[start, end), adding it when new. */
  idAt(text: string, start: number, end: number): number {
    if (start === end) return 0;
    return this.idAtHashed(text, start, end, Interner.hash(text, start, end));
  }

  /** As idAt, with the span's hash (Interner.hash) already worked out. */
  idAtHashed(text: string, start: number, end: number, h: number): number {
    if (start === end) return 0;
    const found = this.find(text, start, end, h);
    if (found >= 0) return found;
    const id = this.values.length;
    this.values.push(text.slice(start, end));
    if (id >= this.hashes.length) this.hashes = growI32(this.hashes, id + 1);
    this.hashes[id] = h;
    this.slots[-1 - found] = id + 1;
    if (id * 2 >= this.slots.length) this.rehash();
    return id;
  }

  id(value: string): number {
    return this.idAt(value, 0, value.length);
  }

  lookup(value: string): number | undefined {
    if (value === '') return 0;
    const found = this.find(value, 0, value.length, Interner.hash(value, 0, value.length));
    return found >= 0 ? found : undefined;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 1; id < this.values.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

// ---------------------------------------------------------------------------------------------
// Public tables
// ---------------------------------------------------------------------------------------------

export type Ssda903TableKind = 'header' | 'episodes' | 'missing' | 'uasc';

/**
 * Required columns of each table (extra columns such as LA and YEAR are optional): the published
 * layouts, as the table list of the return holds them (./ssda903Tables.ts).
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
 * table); see ./ssda903Tables.ts, which also lists the tables the planner leaves out.
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

// ---------------------------------------------------------------------------------------------
// CSV scanning without an object per row
// ---------------------------------------------------------------------------------------------

/**
 * Walks a CSV text record by record, noting where each field starts and ends (RFC 4180 quoting,
 * CRLF/LF/CR, BOM). `record` is the 1-based record number, which is the row a spreadsheet shows.
 */
class CsvScanner {
  record = 0;
  fieldCount = 0;
  starts: Int32Array = new Int32Array(32);
  ends: Int32Array = new Int32Array(32);
  /** 0 plain; 1 quoted; 2 quoted with doubled quotes; 3 quoted then more text (lenient). */
  kinds: Uint8Array = new Uint8Array(32);
  /** The trimmed span trimSpan last found. */
  private spanStart = 0;
  private spanEnd = 0;
  private pos: number;

  constructor(readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  next(): boolean {
    const text = this.text;
    const n = text.length;
    if (this.pos >= n) return false;
    let i = this.pos;
    let f = 0;
    for (;;) {
      if (f === this.starts.length) this.grow();
      if (i < n && text.charCodeAt(i) === 34) {
        let j = i + 1;
        let kind = 1;
        let close: number;
        for (;;) {
          close = text.indexOf('"', j);
          if (close < 0) throw new Error(`CSV: the quoted field in row ${this.record + 1} is never closed.`);
          if (text.charCodeAt(close + 1) === 34) {
            kind = 2;
            j = close + 2;
            continue;
          }
          break;
        }
        let after = close + 1;
        if (after < n) {
          const c = text.charCodeAt(after);
          if (c !== 44 && c !== 10 && c !== 13) {
            kind = 3;
            while (after < n) {
              const d = text.charCodeAt(after);
              if (d === 44 || d === 10 || d === 13) break;
              after++;
            }
          }
        }
        this.starts[f] = kind === 3 ? i : i + 1;
        this.ends[f] = kind === 3 ? after : close;
        this.kinds[f] = kind;
        i = after;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        this.starts[f] = i;
        this.ends[f] = j;
        this.kinds[f] = 0;
        i = j;
      }
      f++;
      if (i >= n) {
        this.pos = n;
        break;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      this.pos = i;
      break;
    }
    this.fieldCount = f;
    this.record++;
    return true;
  }

  /** Whether the record is a blank line. */
  get blank(): boolean {
    return this.fieldCount === 1 && this.starts[0] === this.ends[0];
  }

  field(k: number): string {
    if (k < 0 || k >= this.fieldCount) return '';
    const kind = this.kinds[k]!;
    const raw = this.text.slice(this.starts[k]!, this.ends[k]!);
    if (kind === 0 || kind === 1) return raw;
    if (kind === 2) return raw.replace(/""/g, '"');
    // Quoted part followed by literal text: unquote the first part only.
    const close = findClosingQuote(raw);
    return raw.slice(1, close).replace(/""/g, '"') + raw.slice(close + 1);
  }

  /** The trimmed field text. */
  value(k: number): string {
    if (k < 0 || k >= this.fieldCount) return '';
    if (this.kinds[k] === 0) {
      let s = this.starts[k]!;
      let e = this.ends[k]!;
      const text = this.text;
      if (s === e) return '';
      if (text.charCodeAt(s) > 32 && text.charCodeAt(e - 1) > 32) return text.slice(s, e);
      while (s < e && text.charCodeAt(s) <= 32) s++;
      while (e > s && text.charCodeAt(e - 1) <= 32) e--;
      return text.slice(s, e);
    }
    return this.field(k).trim();
  }

  /**
   * Interns the trimmed field through `interner` without building a string for a plain field
   * (quoted fields, rare in the return, take the slow path).
   */
  code(k: number, interner: Interner): number {
    if (k < 0 || k >= this.fieldCount) return 0;
    if (this.kinds[k] !== 0) return interner.id(this.field(k).trim());
    this.trimSpan(k);
    return interner.idAt(this.text, this.spanStart, this.spanEnd);
  }

  /** The child index of the CHILD field (which the caller has checked is not empty). */
  child(k: number, registry: ChildRegistry, la: number): number {
    if (this.kinds[k] !== 0) return registry.index(la, this.value(k));
    this.trimSpan(k);
    return registry.indexAt(la, this.text, this.spanStart, this.spanEnd);
  }

  /** Where plain field `k` starts and ends in the text without its surrounding white space (spanStart, spanEnd). */
  private trimSpan(k: number): void {
    let s = this.starts[k]!;
    let e = this.ends[k]!;
    const text = this.text;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    this.spanStart = s;
    this.spanEnd = e;
  }

  /** Whether the trimmed field is empty. */
  isEmpty(k: number): boolean {
    if (k < 0 || k >= this.fieldCount) return true;
    if (this.kinds[k] !== 0) return this.field(k).trim() === '';
    const text = this.text;
    for (let i = this.starts[k]!; i < this.ends[k]!; i++) if (text.charCodeAt(i) > 32) return false;
    return true;
  }

  /** Reads a date field without building a string (plain fields). */
  date(k: number, returnYear = 0): number {
    if (k < 0 || k >= this.fieldCount) return NO_DATE;
    if (this.kinds[k] === 0) return readDate(this.text, this.starts[k]!, this.ends[k]!, returnYear);
    const value = this.field(k);
    return readDate(value, 0, value.length, returnYear);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

function findClosingQuote(raw: string): number {
  let j = 1;
  for (;;) {
    const q = raw.indexOf('"', j);
    if (q < 0) return raw.length;
    if (raw.charCodeAt(q + 1) === 34) {
      j = q + 2;
      continue;
    }
    return q;
  }
}

function countLines(text: string): number {
  let count = 1;
  let i = text.indexOf('\n');
  while (i >= 0) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}

// ---------------------------------------------------------------------------------------------
// Issue reporting with a cap per kind
// ---------------------------------------------------------------------------------------------

class IssueSink {
  private readonly collectors = new Map<string, IssueCollector>();
  private readonly order: IssueCollector[] = [];
  private readonly counts = new Map<string, { file: string; severity: 'error' | 'warning'; what: string; n: number }>();

  constructor(private readonly maxPerKind: number) {}

  collector(file: string): IssueCollector {
    let c = this.collectors.get(file);
    if (!c) {
      c = new IssueCollector(file);
      this.collectors.set(file, c);
      this.order.push(c);
    }
    return c;
  }

  /** Reports an issue; `kind` groups issues for the cap (e.g. 'bad-date:DECOM'). */
  report(
    file: string,
    severity: 'error' | 'warning',
    kind: string,
    what: string,
    row: number | null,
    column: string | null,
    message: string,
  ): void {
    const key = `${file}\u0000${kind}`;
    let entry = this.counts.get(key);
    if (!entry) {
      entry = { file, severity, what, n: 0 };
      this.counts.set(key, entry);
    }
    entry.n++;
    if (entry.n > this.maxPerKind) return;
    const c = this.collector(file);
    if (severity === 'error') c.error(row, column, message);
    else c.warning(row, column, message);
  }

  finish(): ImportIssue[] {
    for (const entry of this.counts.values()) {
      const more = entry.n - this.maxPerKind;
      if (more <= 0) continue;
      const c = this.collector(entry.file);
      const message = `${more} more row${more === 1 ? '' : 's'} with this problem (${entry.what}) not listed; ${entry.n} in all.`;
      if (entry.severity === 'error') c.error(null, null, message);
      else c.warning(null, null, message);
    }
    return this.order.flatMap((c) => c.issues);
  }
}

// ---------------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------------

class ChildRegistry {
  /** Per LA index: CHILD (interned) → child index. */
  private readonly byLa: { ids: Interner; index: Int32Array }[] = [];
  readonly id: string[] = [];
  la: Uint16Array = new Uint16Array(1024);

  /** The child index of CHILD text[start, end) (not empty) in an LA, adding the child when new. */
  indexAt(laIndex: number, text: string, start: number, end: number): number {
    let entry = this.byLa[laIndex];
    if (!entry) {
      entry = { ids: new Interner(), index: new Int32Array(1024) };
      this.byLa[laIndex] = entry;
    }
    const local = entry.ids.idAt(text, start, end);
    if (local >= entry.index.length) entry.index = growI32(entry.index, local + 1);
    let index = entry.index[local]! - 1;
    if (index < 0) {
      index = this.id.length;
      this.id.push(entry.ids.values[local]!);
      if (index >= this.la.length) this.la = growU16(this.la, index + 1);
      this.la[index] = laIndex;
      entry.index[local] = index + 1;
    }
    return index;
  }

  index(laIndex: number, child: string): number {
    return this.indexAt(laIndex, child, 0, child.length);
  }

  get length(): number {
    return this.id.length;
  }
}

function growI32(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
function growU32(a: Uint32Array, min: number): Uint32Array {
  const b = new Uint32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
function growU16(a: Uint16Array, min: number): Uint16Array {
  const b = new Uint16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
function growI16(a: Int16Array, min: number): Int16Array {
  const b = new Int16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}

const EPISODE_CODE_FIELDS = [
  'rne',
  'ls',
  'cin',
  'place',
  'placeProvider',
  'rec',
  'reasonPlaceChange',
  'homePost',
  'plPost',
  'urn',
] as const;
type EpisodeCodeField = (typeof EPISODE_CODE_FIELDS)[number];
const EPISODE_CODE_COLUMNS: Record<EpisodeCodeField, string> = {
  rne: 'RNE',
  ls: 'LS',
  cin: 'CIN',
  place: 'PLACE',
  placeProvider: 'PLACE_PROVIDER',
  rec: 'REC',
  reasonPlaceChange: 'REASON_PLACE_CHANGE',
  homePost: 'HOME_POST',
  plPost: 'PL_POST',
  urn: 'URN',
};

class EpisodeBuilder {
  length = 0;
  child: Int32Array = new Int32Array(0);
  decom: Int32Array = new Int32Array(0);
  dec: Int32Array = new Int32Array(0);
  year: Int16Array = new Int16Array(0);
  file: Uint16Array = new Uint16Array(0);
  row: Int32Array = new Int32Array(0);
  codes: Record<EpisodeCodeField, Uint32Array>;
  readonly interners: Record<EpisodeCodeField, Interner>;

  constructor() {
    this.codes = {} as Record<EpisodeCodeField, Uint32Array>;
    this.interners = {} as Record<EpisodeCodeField, Interner>;
    for (const f of EPISODE_CODE_FIELDS) {
      this.codes[f] = new Uint32Array(0);
      this.interners[f] = new Interner();
    }
  }

  reserve(extra: number): void {
    const need = this.length + extra;
    if (need <= this.child.length) return;
    this.child = growI32(this.child, need);
    this.decom = growI32(this.decom, need);
    this.dec = growI32(this.dec, need);
    this.year = growI16(this.year, need);
    this.file = growU16(this.file, need);
    this.row = growI32(this.row, need);
    for (const f of EPISODE_CODE_FIELDS) this.codes[f] = growU32(this.codes[f], need);
  }
}

interface HeaderRow {
  child: number;
  sex: number;
  dob: number;
  ethnic: number;
  upn: number;
  year: number;
  order: number;
}

// ---------------------------------------------------------------------------------------------
// Import
// ---------------------------------------------------------------------------------------------

interface FileContext {
  name: string;
  fileIndex: number;
  year: number;
  laIndex: number;
  order: number;
}

/**
 * Imports SSDA903 CSV files (any mix of tables, layouts and years) into one combined dataset,
 * validating as it goes. Files whose table cannot be recognised are reported and skipped.
 */
export function importSsda903(files: readonly Ssda903File[], options: Ssda903ImportOptions = {}): Ssda903Import {
  const sink = new IssueSink(options.maxIssuesPerKind ?? 50);
  const laFilter =
    options.la === undefined
      ? null
      : new Set((typeof options.la === 'string' ? [options.la] : options.la).map((s) => s.trim().toLowerCase()));
  const las = new Interner();
  const laAllowed: boolean[] = [laFilter === null || laFilter.has('')];
  const laIndex = (name: string): number => {
    const id = las.id(name);
    if (laAllowed[id] === undefined) laAllowed[id] = laFilter === null || laFilter.has(name.toLowerCase());
    return id;
  };
  const registry = new ChildRegistry();
  const episodes = new EpisodeBuilder();
  const headers: HeaderRow[] = [];
  const ethnic = new Interner();
  const upn = new Interner();
  const missing = {
    child: [] as number[],
    kind: new Interner(),
    kinds: [] as number[],
    start: [] as number[],
    end: [] as number[],
    year: [] as number[],
  };
  const ducByChild = new Map<number, { duc: number; year: number }>();
  const fileNames: string[] = [];
  const tables: Ssda903TableCount[] = [];

  files.forEach((input, order) => {
    const kind = input.table ?? detectSsda903Table(input.text);
    const fileIndex = fileNames.length;
    fileNames.push(input.name);
    if (!kind) {
      sink.report(
        input.name,
        'error',
        'unknown-table',
        'unknown table',
        1,
        null,
        'Not an SSDA903 table: the columns are not those of any table of the return.',
      );
      return;
    }
    if (!isUsedSsda903Table(kind)) {
      tables.push({ file: input.name, table: kind, rows: countSsda903Rows(input.text), used: false });
      return;
    }
    const yearInName = /(?:^|\D)((?:19|20)\d\d)(?:\D|$)/.exec(input.name);
    const context: FileContext = {
      name: input.name,
      fileIndex,
      year: input.year ?? (yearInName ? Number(yearInName[1]) : 0),
      laIndex: laIndex((input.la ?? '').trim()),
      order,
    };
    const scanner = new CsvScanner(input.text);
    if (!scanner.next()) {
      sink.report(input.name, 'error', 'empty', 'empty file', null, null, 'The file is empty.');
      return;
    }
    const columns = new Map<string, number>();
    for (let i = 0; i < scanner.fieldCount; i++) {
      const name = scanner.field(i).trim().toUpperCase();
      if (!columns.has(name)) columns.set(name, i);
    }
    const missingColumns = SSDA903_COLUMNS[kind].filter((c) => !columns.has(c));
    // Columns the model cannot do without: an Episodes file without them is unusable.
    const essential: Record<Ssda903TableKind, string[]> = {
      header: ['CHILD', 'DOB'],
      episodes: ['CHILD', 'DECOM', 'DEC', 'PLACE'],
      missing: ['CHILD', 'MIS_START'],
      uasc: ['CHILD', 'DUC'],
    };
    for (const c of missingColumns) {
      const fatal = essential[kind].includes(c);
      sink.report(
        input.name,
        fatal ? 'error' : 'warning',
        `missing-column:${c}`,
        `missing column ${c}`,
        1,
        c,
        fatal
          ? `Required column ${c} is missing from the ${kind} table; the file cannot be read.`
          : `Column ${c} of the ${kind} table is missing; its values are left blank.`,
      );
    }
    if (essential[kind].some((c) => !columns.has(c))) return;
    if (laFilter !== null && !columns.has('LA') && input.la === undefined) {
      sink.report(
        input.name,
        'warning',
        'no-la',
        'no LA column',
        1,
        'LA',
        'The file has no LA column and no LA was given for it, so the LA filter does not apply to it.',
      );
      laAllowed[context.laIndex] = true;
    }
    const rows =
      kind === 'episodes'
        ? readEpisodes(scanner, columns, context, episodes, registry, laIndex, laAllowed, sink)
        : kind === 'header'
          ? readHeaders(scanner, columns, context, headers, registry, ethnic, upn, laIndex, laAllowed, sink)
          : kind === 'missing'
            ? readMissing(scanner, columns, context, missing, registry, laIndex, laAllowed, sink)
            : readUasc(scanner, columns, context, ducByChild, registry, laIndex, laAllowed, sink);
    tables.push({ file: input.name, table: kind, rows, used: true });
  });

  // Headers: the latest return's row for each child.
  const childCount = registry.length;
  const hasHeader = new Uint8Array(childCount);
  const sex = new Uint8Array(childCount);
  const dob = new Int32Array(childCount).fill(NO_DATE);
  const ethnicCodes = new Uint32Array(childCount);
  const upnCodes = new Uint32Array(childCount);
  const headerYear = new Int16Array(childCount);
  const headerOrder = new Int32Array(childCount).fill(-1);
  for (let h = 0; h < headers.length; h++) {
    const r = headers[h]!;
    const c = r.child;
    if (hasHeader[c] && (r.year < headerYear[c]! || (r.year === headerYear[c] && r.order < headerOrder[c]!))) continue;
    hasHeader[c] = 1;
    sex[c] = r.sex;
    dob[c] = r.dob;
    ethnicCodes[c] = r.ethnic;
    upnCodes[c] = r.upn;
    headerYear[c] = r.year;
    headerOrder[c] = r.order;
  }
  const duc = new Int32Array(childCount).fill(NO_DATE);
  const uasc = new Uint8Array(childCount);
  for (const [c, v] of ducByChild) {
    duc[c] = v.duc;
    uasc[c] = 1;
  }

  const combined = combineEpisodes(episodes, childCount, fileNames, sink);

  // Children with episodes but no header row: reported, not dropped.
  const withoutHeader: number[] = [];
  const firstFileOf = new Map<number, number[]>();
  for (let c = 0; c < childCount; c++) {
    const first = combined.firstEpisode[c]!;
    if (first === combined.firstEpisode[c + 1]) continue;
    if (hasHeader[c] && dob[c] !== NO_DATE) continue;
    withoutHeader.push(c);
    const f = combined.file[first]!;
    let list = firstFileOf.get(f);
    if (!list) {
      list = [];
      firstFileOf.set(f, list);
    }
    list.push(c);
  }
  const childLabel = (c: number): string => {
    const la = las.values[registry.la[c]!] ?? '';
    return la ? `${la}/${registry.id[c]!}` : registry.id[c]!;
  };
  for (const [f, list] of firstFileOf) {
    const shown = list.slice(0, 100).map(childLabel);
    const more = list.length - shown.length;
    sink
      .collector(fileNames[f]!)
      .warning(
        null,
        'CHILD',
        `${list.length} child${list.length === 1 ? ' has' : 'ren have'} episodes but no header row with a date of birth ` +
          `(kept, but they cannot be placed in an age band): ${shown.join(', ')}${more > 0 ? `, and ${more} more` : ''}.`,
      );
  }

  // Cross-table checks: episodes before birth or after the 18th birthday.
  for (let e = 0; e < combined.length; e++) {
    const c = combined.child[e]!;
    const birth = dob[c]!;
    if (birth === NO_DATE) continue;
    const file = fileNames[combined.file[e]!]!;
    const row = combined.row[e]!;
    if (combined.decom[e]! < birth) {
      sink.report(
        file,
        'warning',
        'before-birth',
        'episode starts before the date of birth',
        row,
        'DECOM',
        `Episode starts ${isoFromDay(combined.decom[e]!)}, before the child's date of birth ${isoFromDay(birth)}.`,
      );
    } else if (combined.decom[e]! >= addYears(birth, 18)) {
      sink.report(
        file,
        'warning',
        'after-18',
        'episode starts after the 18th birthday',
        row,
        'DECOM',
        `Episode starts ${isoFromDay(combined.decom[e]!)}, on or after the child's 18th birthday.`,
      );
    }
  }

  const children: ChildTable = {
    length: childCount,
    id: registry.id,
    la: registry.la.slice(0, childCount),
    hasHeader,
    sex,
    dob,
    ethnic: { codes: ethnicCodes, values: ethnic.values },
    upn: { codes: upnCodes, values: upn.values },
    year: headerYear,
    uasc,
    duc,
  };
  const missingTable: MissingTable = {
    length: missing.child.length,
    child: Int32Array.from(missing.child),
    missing: { codes: Uint32Array.from(missing.kinds), values: missing.kind.values },
    start: Int32Array.from(missing.start),
    end: Int32Array.from(missing.end),
    year: Int16Array.from(missing.year),
  };
  const issues = sink.finish();
  return {
    tables,
    dataset: {
      files: fileNames,
      las: las.values,
      children,
      episodes: combined,
      missing: missingTable,
      childrenWithoutHeader: withoutHeader.map(childLabel),
    },
    issues,
    hasErrors: issues.some((i) => i.severity === 'error'),
  };
}

function rowLa(
  scanner: CsvScanner,
  laColumn: number | undefined,
  context: FileContext,
  laIndex: (name: string) => number,
): number {
  if (laColumn === undefined) return context.laIndex;
  const name = scanner.value(laColumn);
  return name === '' ? context.laIndex : laIndex(name);
}

function rowYear(scanner: CsvScanner, yearColumn: number | undefined, context: FileContext, sink: IssueSink): number {
  if (yearColumn === undefined) return context.year;
  const text = scanner.value(yearColumn);
  if (text === '') return context.year;
  const year = Number(text);
  if (!Number.isInteger(year) || year < 1900 || year > 2099) {
    sink.report(
      context.name,
      'warning',
      'bad-year',
      'unreadable YEAR',
      scanner.record,
      'YEAR',
      `YEAR "${text}" is not a year; the file's year is used.`,
    );
    return context.year;
  }
  return year;
}

/** What a row with an error comes to: nothing is imported while any file has an error. */
const ROW_ERROR = 'the row cannot be used: correct it, then import the file again.';

/**
 * Reads and checks a date field; reports unreadable or out-of-range values, and a two-digit year
 * (resolved by the row's return year: the year within the 99 years up to one after it). Returns the
 * day, NO_DATE or BAD_DATE.
 */
function checkDate(
  scanner: CsvScanner,
  column: number,
  name: string,
  context: FileContext,
  sink: IssueSink,
  required: boolean,
  year: number,
): number {
  twoDigitYear.resolved = false;
  const day = scanner.date(column, year);
  if (day === NO_DATE) {
    if (required) {
      sink.report(
        context.name,
        'error',
        `empty-date:${name}`,
        `${name} empty`,
        scanner.record,
        name,
        `${name} is empty; ${ROW_ERROR}`,
      );
      return BAD_DATE;
    }
    return NO_DATE;
  }
  if (day === TWO_DIGIT_NO_YEAR) {
    sink.report(
      context.name,
      'error',
      `two-digit-no-year:${name}`,
      `${name} has a two-digit year and no return year is known`,
      scanner.record,
      name,
      `${name} "${scanner.value(column)}" has a two-digit year, and the file gives no return year to resolve it by (no YEAR column, no year such as 2021 in its name); ${ROW_ERROR}`,
    );
    return BAD_DATE;
  }
  if (day === BAD_DATE) {
    sink.report(
      context.name,
      'error',
      `bad-date:${name}`,
      `${name} not a date`,
      scanner.record,
      name,
      `${name} "${scanner.value(column)}" is not a date (expected dd/mm/yyyy or yyyy-mm-dd); ${ROW_ERROR}`,
    );
    return BAD_DATE;
  }
  if (day < MIN_DATE || day > MAX_DATE) {
    sink.report(
      context.name,
      'error',
      `range-date:${name}`,
      `${name} out of range`,
      scanner.record,
      name,
      `${name} ${isoFromDay(day)} is out of range (1900–2099); ${ROW_ERROR}`,
    );
    return BAD_DATE;
  }
  if (twoDigitYear.resolved) {
    sink.report(
      context.name,
      'warning',
      `two-digit-year:${name}`,
      `${name} with a two-digit year`,
      scanner.record,
      name,
      `${name} "${scanner.value(column)}" has a two-digit year: read as ${isoFromDay(day)} (by the return year ${year}); the row is kept.`,
    );
  }
  return day;
}

/**
 * The child-level rows of a return file, one at a time: blank rows skipped (not counted), every other
 * row counted, and rows for an LA the plan does not take, or with an empty CHILD (an error, reported
 * here), skipped. For the row taken: its LA and its YEAR (the file's when the row has none).
 */
class ChildRows {
  /** Rows read that are not blank. */
  count = 0;
  la = 0;
  /** The row's record number in the file. */
  row = 0;
  year = 0;
  private readonly cChild: number;
  private readonly cLa: number | undefined;
  private readonly cYear: number | undefined;

  constructor(
    private readonly scanner: CsvScanner,
    columns: Map<string, number>,
    private readonly context: FileContext,
    private readonly laIndex: (name: string) => number,
    private readonly laAllowed: boolean[],
    private readonly sink: IssueSink,
  ) {
    this.cChild = columns.get('CHILD')!;
    this.cLa = columns.get('LA');
    this.cYear = columns.get('YEAR');
  }

  /** Moves to the next row taken; false at the end of the file. */
  next(): boolean {
    const { scanner, context, sink } = this;
    while (scanner.next()) {
      if (scanner.blank) continue;
      this.count++;
      const la = rowLa(scanner, this.cLa, context, this.laIndex);
      if (!this.laAllowed[la]) continue;
      this.year = rowYear(scanner, this.cYear, context, sink);
      if (scanner.isEmpty(this.cChild)) {
        const row = scanner.record;
        sink.report(context.name, 'error', 'empty-child', 'CHILD empty', row, 'CHILD', `CHILD is empty; ${ROW_ERROR}`);
        continue;
      }
      this.la = la;
      this.row = scanner.record;
      return true;
    }
    return false;
  }
}

function readEpisodes(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: EpisodeBuilder,
  registry: ChildRegistry,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  out.reserve(countLines(scanner.text));
  const cChild = columns.get('CHILD')!;
  const cDecom = columns.get('DECOM')!;
  const cDec = columns.get('DEC')!;
  const codeColumns = EPISODE_CODE_FIELDS.map((f) => columns.get(EPISODE_CODE_COLUMNS[f]) ?? -1);
  const interners = EPISODE_CODE_FIELDS.map((f) => out.interners[f]);
  // The code arrays, once (reserve above is the only place they are replaced).
  const codeArrays = EPISODE_CODE_FIELDS.map((f) => out.codes[f]);
  const placeField = EPISODE_CODE_FIELDS.indexOf('place');
  const knownPlace = new Uint8Array(1024);
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, row, year } = rows;
    const decom = checkDate(scanner, cDecom, 'DECOM', context, sink, true, year);
    const dec = checkDate(scanner, cDec, 'DEC', context, sink, false, year);
    if (decom === BAD_DATE || dec === BAD_DATE) continue;
    if (dec !== NO_DATE && dec < decom) {
      sink.report(
        context.name,
        'error',
        'dec-before-decom',
        'DEC before DECOM',
        row,
        'DEC',
        `DEC ${isoFromDay(dec)} is before DECOM ${isoFromDay(decom)}; ${ROW_ERROR}`,
      );
      continue;
    }
    const i = out.length++;
    out.child[i] = scanner.child(cChild, registry, la);
    out.decom[i] = decom;
    out.dec[i] = dec;
    out.year[i] = year;
    out.file[i] = context.fileIndex;
    out.row[i] = row;
    for (let k = 0; k < EPISODE_CODE_FIELDS.length; k++) {
      const col = codeColumns[k]!;
      const code = col < 0 ? 0 : scanner.code(col, interners[k]!);
      codeArrays[k]![i] = code;
      if (k === placeField) {
        if (code >= knownPlace.length) continue;
        let known = knownPlace[code]!;
        if (known === 0) {
          known = PLACE_CODES.has(interners[k]!.values[code]!.toUpperCase()) ? 1 : 2;
          knownPlace[code] = known;
        }
        if (known === 2) {
          const value = interners[k]!.values[code]!;
          sink.report(
            context.name,
            'warning',
            'unknown-place',
            'unknown PLACE code',
            row,
            'PLACE',
            value === ''
              ? 'PLACE is empty; counted as Other.'
              : `PLACE "${value}" is not an SSDA903 placement code; counted as Other.`,
          );
        }
      }
    }
  }
  return rows.count;
}

function readHeaders(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: HeaderRow[],
  registry: ChildRegistry,
  ethnic: Interner,
  upn: Interner,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  const cChild = columns.get('CHILD')!;
  const cDob = columns.get('DOB')!;
  const cSex = columns.get('SEX');
  const cEthnic = columns.get('ETHNIC');
  const cUpn = columns.get('UPN');
  const cMcDob = columns.get('MC_DOB');
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, row, year } = rows;
    const dob = checkDate(scanner, cDob, 'DOB', context, sink, true, year);
    if (dob === BAD_DATE) continue;
    if (cMcDob !== undefined) checkDate(scanner, cMcDob, 'MC_DOB', context, sink, false, year);
    const sexText = cSex === undefined ? '' : scanner.value(cSex);
    let sex = 0;
    if (sexText === '1' || sexText === '2') sex = Number(sexText);
    else if (cSex !== undefined) {
      sink.report(
        context.name,
        'warning',
        'bad-sex',
        'SEX not 1 or 2',
        row,
        'SEX',
        `SEX "${sexText}" is not 1 (male) or 2 (female); recorded as unknown.`,
      );
    }
    out.push({
      child: scanner.child(cChild, registry, la),
      sex,
      dob,
      ethnic: cEthnic === undefined ? 0 : scanner.code(cEthnic, ethnic),
      upn: cUpn === undefined ? 0 : scanner.code(cUpn, upn),
      year,
      order: context.order * 1e7 + row,
    });
  }
  return rows.count;
}

function readMissing(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: { child: number[]; kind: Interner; kinds: number[]; start: number[]; end: number[]; year: number[] },
  registry: ChildRegistry,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  const cChild = columns.get('CHILD')!;
  const cStart = columns.get('MIS_START')!;
  const cEnd = columns.get('MIS_END');
  const cDob = columns.get('DOB');
  const cKind = columns.get('MISSING');
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, row, year } = rows;
    if (cDob !== undefined) checkDate(scanner, cDob, 'DOB', context, sink, false, year);
    const start = checkDate(scanner, cStart, 'MIS_START', context, sink, true, year);
    const end = cEnd === undefined ? NO_DATE : checkDate(scanner, cEnd, 'MIS_END', context, sink, false, year);
    if (start === BAD_DATE || end === BAD_DATE) continue;
    if (end !== NO_DATE && end < start) {
      sink.report(
        context.name,
        'error',
        'end-before-start',
        'MIS_END before MIS_START',
        row,
        'MIS_END',
        `MIS_END ${isoFromDay(end)} is before MIS_START ${isoFromDay(start)}; ${ROW_ERROR}`,
      );
      continue;
    }
    const kindText = cKind === undefined ? '' : scanner.value(cKind).toUpperCase();
    if (cKind !== undefined && kindText !== 'M' && kindText !== 'A') {
      sink.report(
        context.name,
        'warning',
        'bad-missing',
        'MISSING not M or A',
        row,
        'MISSING',
        `MISSING "${kindText}" is not M (missing) or A (away without authorisation).`,
      );
    }
    out.child.push(scanner.child(cChild, registry, la));
    out.kinds.push(out.kind.id(kindText));
    out.start.push(start);
    out.end.push(end);
    out.year.push(year);
  }
  return rows.count;
}

function readUasc(
  scanner: CsvScanner,
  columns: Map<string, number>,
  context: FileContext,
  out: Map<number, { duc: number; year: number }>,
  registry: ChildRegistry,
  laIndex: (name: string) => number,
  laAllowed: boolean[],
  sink: IssueSink,
): number {
  const cChild = columns.get('CHILD')!;
  const cDuc = columns.get('DUC')!;
  const rows = new ChildRows(scanner, columns, context, laIndex, laAllowed, sink);
  while (rows.next()) {
    const { la, year } = rows;
    const duc = checkDate(scanner, cDuc, 'DUC', context, sink, false, year);
    if (duc === BAD_DATE) continue;
    const c = scanner.child(cChild, registry, la);
    const previous = out.get(c);
    if (!previous || previous.year <= year) out.set(c, { duc, year });
  }
  return rows.count;
}

/**
 * Sorts episodes by child and start, merges the copies that several returns hold (the latest
 * return's version wins), and truncates overlapping episodes (reported as warnings).
 */
function combineEpisodes(raw: EpisodeBuilder, childCount: number, files: string[], sink: IssueSink): EpisodeTable {
  const n = raw.length;
  // Counting sort by child (stable), then insertion sort by (DECOM, year, input order) within a child.
  const counts = new Int32Array(childCount + 1);
  for (let i = 0; i < n; i++) counts[raw.child[i]! + 1]!++;
  for (let c = 0; c < childCount; c++) counts[c + 1]! += counts[c]!;
  const starts = counts.slice();
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[starts[raw.child[i]!]!++] = i;
  const decom = raw.decom;
  const year = raw.year;
  for (let c = 0; c < childCount; c++) {
    const lo = counts[c]!;
    const hi = counts[c + 1]!;
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i]!;
      const vd = decom[v]!;
      const vy = year[v]!;
      let j = i - 1;
      while (j >= lo) {
        const u = order[j]!;
        const ud = decom[u]!;
        if (ud < vd || (ud === vd && (year[u]! < vy || (year[u] === vy && u < v)))) break;
        order[j + 1] = u;
        j--;
      }
      order[j + 1] = v;
    }
  }

  // Keep one row per (child, DECOM): the last in sorted order (latest return, then last row).
  const keep = new Int32Array(n);
  let kept = 0;
  const first = new Int32Array(childCount + 1);
  const dec = new Int32Array(n);
  const codes = raw.codes;
  const sameContent = (a: number, b: number): boolean => {
    if (raw.dec[a] !== raw.dec[b]) return false;
    for (const f of EPISODE_CODE_FIELDS) if (codes[f][a] !== codes[f][b]) return false;
    return true;
  };
  for (let c = 0; c < childCount; c++) {
    first[c] = kept;
    const lo = counts[c]!;
    const hi = counts[c + 1]!;
    for (let i = lo; i < hi; i++) {
      const e = order[i]!;
      const next = i + 1 < hi ? order[i + 1]! : -1;
      if (next >= 0 && decom[next] === decom[e]) {
        if (year[next] === year[e] && raw.file[next] === raw.file[e]) {
          const identical = sameContent(e, next);
          sink.report(
            files[raw.file[next]!]!,
            'warning',
            identical ? 'duplicate' : 'same-start',
            identical ? 'duplicate episode' : 'two episodes start on one day',
            raw.row[next]!,
            'DECOM',
            identical
              ? `Duplicate of the episode in row ${raw.row[e]!}; one copy is kept.`
              : `Another episode of this child in row ${raw.row[e]!} also starts on ${isoFromDay(decom[e]!)}; this later row is kept.`,
          );
        }
        continue;
      }
      keep[kept] = e;
      dec[kept] = raw.dec[e]!;
      kept++;
    }
    // Overlaps: an episode must end by the time the next one starts.
    for (let k = first[c]!; k + 1 < kept; k++) {
      const nextStart = decom[keep[k + 1]!]!;
      const end = dec[k]!;
      if (end === NO_DATE || end > nextStart) {
        const e = keep[k]!;
        sink.report(
          files[raw.file[e]!]!,
          'warning',
          'overlap',
          'overlapping episodes',
          raw.row[e]!,
          'DEC',
          `Episode ${end === NO_DATE ? 'is still open' : `ends ${isoFromDay(end)}`} but the child's next episode ` +
            `starts ${isoFromDay(nextStart)}; truncated to end ${isoFromDay(nextStart)}.`,
        );
        dec[k] = nextStart;
      }
    }
  }
  first[childCount] = kept;

  const pick32 = (src: Int32Array): Int32Array => {
    const out = new Int32Array(kept);
    for (let k = 0; k < kept; k++) out[k] = src[keep[k]!]!;
    return out;
  };
  const codeColumn = (f: EpisodeCodeField): CodeColumn => {
    const src = codes[f];
    const out = new Uint32Array(kept);
    for (let k = 0; k < kept; k++) out[k] = src[keep[k]!]!;
    return { codes: out, values: raw.interners[f].values };
  };
  const yearOut = new Int16Array(kept);
  const fileOut = new Uint16Array(kept);
  for (let k = 0; k < kept; k++) {
    yearOut[k] = raw.year[keep[k]!]!;
    fileOut[k] = raw.file[keep[k]!]!;
  }
  return {
    length: kept,
    child: pick32(raw.child),
    decom: pick32(raw.decom),
    dec: dec.slice(0, kept),
    decRecorded: pick32(raw.dec),
    rne: codeColumn('rne'),
    ls: codeColumn('ls'),
    cin: codeColumn('cin'),
    place: codeColumn('place'),
    placeProvider: codeColumn('placeProvider'),
    rec: codeColumn('rec'),
    reasonPlaceChange: codeColumn('reasonPlaceChange'),
    homePost: codeColumn('homePost'),
    plPost: codeColumn('plPost'),
    urn: codeColumn('urn'),
    year: yearOut,
    file: fileOut,
    row: pick32(raw.row),
    firstEpisode: first,
  };
}

// ---------------------------------------------------------------------------------------------
// Building a dataset from records (tests, examples, other importers)
// ---------------------------------------------------------------------------------------------

export interface HeaderRecord {
  child: string;
  /** Date of birth, `yyyy-mm-dd` or `dd/mm/yyyy`. */
  dob: string;
  sex?: number;
  la?: string;
}

export interface EpisodeRecord {
  child: string;
  decom: string;
  /** Empty or omitted for an open episode. */
  dec?: string;
  place: string;
  rne?: string;
  la?: string;
}

/** Builds a dataset from plain records by writing them as CSV and importing them (same rules). */
export function ssda903FromRecords(
  headers: readonly HeaderRecord[],
  episodes: readonly EpisodeRecord[],
  options: Ssda903ImportOptions = {},
): Ssda903Import {
  const headerCsv = [
    'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,LA',
    ...headers.map((h) => `${h.child},${h.sex ?? 1},${h.dob},,,,,${h.la ?? ''}`),
  ].join('\n');
  const episodeCsv = [
    'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN,LA',
    ...episodes.map(
      (e) => `${e.child},${e.decom},${e.rne ?? 'P'},C2,N1,${e.place},PR1,${e.dec ?? ''},,,,,,${e.la ?? ''}`,
    ),
  ].join('\n');
  return importSsda903(
    [
      { name: 'header.csv', text: headerCsv, table: 'header' },
      { name: 'episodes.csv', text: episodeCsv, table: 'episodes' },
    ],
    options,
  );
}
