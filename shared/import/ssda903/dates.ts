/**
 * Dates of the SSDA903 reader as integer day numbers (days since 1970-01-01, UTC): conversion to
 * and from calendar dates, calendar arithmetic (years, months, whole months between), and the
 * reader of a date field written dd/mm/yyyy, d/m/yyyy, dd/mm/yy (resolved by the return year) or
 * ISO yyyy-mm-dd, which works on a span of the file's text without making a string.
 *
 * Pure TypeScript: no Node or DOM imports.
 */

/** Sentinel day number for an empty date (an open episode's DEC, an unknown DOB). */
export const NO_DATE = -2147483648;
/** Internal sentinel for a date that could not be read. */
export const BAD_DATE = -2147483647;

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
export const TWO_DIGIT_NO_YEAR = -2147483646;
/**
 * `resolved` is set by readDate when it resolved a two-digit year (read by checkDate, which resets
 * it); an object so that the reader of dates and the checker of rows can live in separate modules.
 */
export const twoDigitYear = { resolved: false };

/** The year ending in `yy` within the 99 years up to one after `returnYear`. */
export function resolveTwoDigitYear(yy: number, returnYear: number): number {
  const base = returnYear + 1;
  return base - ((((base - yy) % 100) + 100) % 100);
}

/**
 * Reads the date in text[start, end); NO_DATE when blank, BAD_DATE when unreadable. A dd/mm/yy
 * date is resolved by `returnYear` (see resolveTwoDigitYear), or TWO_DIGIT_NO_YEAR without one.
 */
export function readDate(text: string, start: number, end: number, returnYear = 0): number {
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
