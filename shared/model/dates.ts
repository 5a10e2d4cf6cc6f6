/**
 * Dates as the UI, reports and messages write them: "2023-03-31" → "31 March 2023", and a year ending
 * 31 March ("2025") → "31 March 2025". One month list for every view and message.
 */
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "2023-03-31" → "31 March 2023"; "2025" → "31 March 2025"; anything else as given. */
export function formatSnapshot(period: string): string {
  const m = /^(\d{4})(?:-(\d{2})-(\d{2}))?$/.exec(period);
  if (!m) return period;
  if (!m[2]) return `31 March ${m[1]}`;
  const month = MONTHS[Number(m[2]) - 1] ?? m[2];
  return `${Number(m[3])} ${month} ${m[1]}`;
}
