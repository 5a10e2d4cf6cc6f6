/**
 * Which year an Ofsted joiners-and-leavers table covers (the year ending 31 March, "2023"): from
 * the options, else from a "31 March YYYY" (or "1 April YYYY", the year's start) in the title rows
 * or column names, else from the joiners' registration dates (their median), else from a four-digit
 * year in the file name; with the reading of a date cell (dd/mm/yyyy, yyyy-mm-dd or a spreadsheet
 * serial number) that the registration dates need. Used by ./ofstedJoinersLeavers.ts.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { findSnapshotDate } from './ofstedRows.js';
import type { IssueCollector } from './report.js';
import type { RawTable } from './table.js';
import { foldText } from './table.js';

/** A date written dd/mm/yyyy, yyyy-mm-dd or as a spreadsheet serial number, as [year, month, day]. */
export function parseDate(raw: string): [number, number, number] | null {
  const text = foldText(raw);
  let y: number;
  let m: number;
  let d: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s.*)?$/.exec(text);
  if (match) {
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(text))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else if (/^\d{5}(?:\.0+)?$/.test(text)) {
    // Days since 30 December 1899 (spreadsheets' epoch, with Lotus's leap-year bug absorbed).
    const date = new Date(Date.UTC(1899, 11, 30) + Math.round(Number(text)) * 86_400_000);
    [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  } else {
    return null;
  }
  if (m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate() || y < 1990 || y > 2100) return null;
  return [y, m, d];
}

/** The year ending 31 March that contains a date. */
export const yearEndingMarch = ([y, m]: [number, number, number]): number => (m <= 3 ? y : y + 1);

/** A year ending 31 March from dates written in title rows or column names ("31 March 2023", "1 April 2022"). */
function yearFromTexts(texts: readonly string[]): string | null {
  for (const text of texts) {
    const date = findSnapshotDate([text]);
    if (date === null) continue;
    if (date.endsWith('-03-31')) return date.slice(0, 4);
    if (date.endsWith('-04-01')) return String(Number(date.slice(0, 4)) + 1);
  }
  return null;
}

export function findPeriod(
  table: RawTable,
  headerRow: number,
  header: readonly string[],
  joinYears: number[],
  options: { period?: string; fileName?: string },
  issues: IssueCollector,
): string | null {
  if (options.period !== undefined) {
    // A snapshot date ("2023-03-31") is read as the year ending 31 March that contains it.
    const date = parseDate(options.period);
    return date ? String(yearEndingMarch(date)) : options.period;
  }
  const fromTexts = yearFromTexts([...table.rows.slice(0, headerRow).flat(), ...header, table.sheetName ?? '']);
  const sorted = [...joinYears].sort((a, b) => a - b);
  const median = sorted.length ? String(sorted[Math.floor(sorted.length / 2)]) : null;
  const fromName = /(?:^|\D)(20\d{2})(?:\D|$)/.exec(options.fileName ?? '')?.[1] ?? null;
  const period = fromTexts ?? median ?? fromName;
  if (period === null) {
    issues.error(
      null,
      null,
      "Could not tell which year this joiners-and-leavers file covers: no '31 March YYYY' in its title rows or column names, no registration dates and no year in its file name.",
    );
    return null;
  }
  if (fromTexts !== null && median !== null && median !== fromTexts) {
    issues.warning(
      null,
      null,
      `The title rows or column names give the year to 31 March ${fromTexts}, but most joiners registered in the year to 31 March ${median}; the year to 31 March ${fromTexts} is used.`,
    );
  }
  return period;
}
