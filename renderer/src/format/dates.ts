/**
 * Date formatting for every view: timestamps ("12 Mar 2025, 14:03"), long dates ("22 November
 * 2026"), ISO days ("2023-03-31" → "31 March 2023") and the month of a stock-flow run. Dates are
 * read in UTC so a day never shifts with the machine's time zone. Pure functions, unit-tested.
 */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "1 April 2026": day, month in words and year, in UTC. */
const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "12 Mar 2025, 14:03" for an ISO timestamp; the text unchanged when it is not a date. */
export function formatTimestamp(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : dateTime.format(time);
}

/** "2026-11-22T10:00:00Z" → "22 November 2026"; the text unchanged when it is not a date. */
export function formatLongDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : longDateFormat.format(time);
}

/** A day written "YYYY-MM-DD" as a long date ("2023-03-31" → "31 March 2023"); null for any other text. */
export function formatIsoDay(text: string): string | null {
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!date) return null;
  const time = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
  return Number.isNaN(time) ? null : longDateFormat.format(time);
}

/** "2026-04-01" → "1 April 2026"; a full timestamp → "12 Mar 2025, 14:03"; anything else unchanged. */
export function formatChangedAt(text: string): string {
  return formatIsoDay(text) ?? formatTimestamp(text);
}

/** "Month 6 (30 September 2021)". */
export function formatMonth(month: number, date: string): string {
  const d = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : null;
  const when = d
    ? d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    : date;
  return when ? `Month ${month} (${when})` : `Month ${month}`;
}
