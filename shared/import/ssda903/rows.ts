/**
 * The rows of an SSDA903 file as the reader takes them: what a file being read is (its name, index,
 * return year, LA), a row's LA and YEAR, the check of a date field (unreadable, out of range, or a
 * two-digit year resolved by the return year), and {@link ChildRows}, which walks the rows of a
 * child-level table skipping blank rows, other LAs' rows and rows with no CHILD.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { BAD_DATE, MAX_DATE, MIN_DATE, NO_DATE, TWO_DIGIT_NO_YEAR, isoFromDay, twoDigitYear } from './dates.js';
import type { IssueSink } from './issues.js';
import type { CsvScanner } from './scanner.js';

export interface FileContext {
  name: string;
  fileIndex: number;
  year: number;
  laIndex: number;
  order: number;
}

export function rowLa(
  scanner: CsvScanner,
  laColumn: number | undefined,
  context: FileContext,
  laIndex: (name: string) => number,
): number {
  if (laColumn === undefined) return context.laIndex;
  const name = scanner.value(laColumn);
  return name === '' ? context.laIndex : laIndex(name);
}

export function rowYear(
  scanner: CsvScanner,
  yearColumn: number | undefined,
  context: FileContext,
  sink: IssueSink,
): number {
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
export const ROW_ERROR = 'the row cannot be used: correct it, then import the file again.';

/**
 * Reads and checks a date field; reports unreadable or out-of-range values, and a two-digit year
 * (resolved by the row's return year: the year within the 99 years up to one after it). Returns the
 * day, NO_DATE or BAD_DATE.
 */
export function checkDate(
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
export class ChildRows {
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
