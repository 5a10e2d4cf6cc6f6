/**
 * The one year convention of scenarios: a lever's year is stored as the financial year ending 31
 * March ("2027" = April 2026 to March 2027) and shown as "2026-27" wherever a bare year could be read
 * either way (lever forms, summaries, notes, comparisons).
 */

/** "2027" → "2026-27"; anything that is not a four-digit year is returned as it is. */
export function financialYear(yearEnding: string | number): string {
  const text = String(yearEnding);
  if (!/^\d{4}$/.test(text)) return text;
  const end = Number(text);
  return `${end - 1}-${String(end).slice(2)}`;
}

/** "2026–2030" as "2025-26 to 2029-30"; a single year as "2025-26"; '' for none. */
export function financialYearSpan(years: readonly string[]): string {
  const first = years[0];
  const last = years[years.length - 1];
  if (first === undefined || last === undefined) return '';
  return first === last ? financialYear(first) : `${financialYear(first)} to ${financialYear(last)}`;
}
