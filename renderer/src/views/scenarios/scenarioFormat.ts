/**
 * Formatting of scenario figures, the same in every view: money as "£12.3m", counts with thousands
 * separators, shares as "24.1%", and differences from the baseline with a real minus sign
 * ("+35", "−£2.3m", "−2.1 pts"). Pure functions, unit-tested.
 */

import { financialYear, financialYearSpan } from '../../../../shared/scenario/years.js';

export { formatProbability } from '../../app/format';

export const MINUS = '\u2212';

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const upToOneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** Puts a real minus sign in front of a negative number written by Intl (which uses a hyphen). */
function withMinus(text: string): string {
  return text.replace(/^-/, MINUS);
}

/** A whole number with thousands separators: 1083.4 → "1,083", −3 → "−3". */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  return withMinus(whole.format(rounded === 0 ? 0 : rounded));
}

/** Money: "£1,342.4m", "£12.3m", "£950k", "£500"; negative amounts as "−£2.3m". */
export function formatMoney(value: number): string {
  const sign = value < 0 ? MINUS : '';
  const size = Math.abs(value);
  if (size >= 999_950) return `${sign}£${oneDecimal.format(size / 1e6)}m`;
  if (size >= 999.5) return `${sign}£${whole.format(Math.round(size / 1e3))}k`;
  const pounds = Math.round(size);
  return `${pounds === 0 ? '' : sign}£${whole.format(pounds)}`;
}

/** A plain amount in pounds with separators (for weekly prices): 5943 → "£5,943". */
export function formatPounds(value: number): string {
  const rounded = Math.round(value);
  return `${rounded < 0 ? MINUS : ''}£${whole.format(Math.abs(rounded))}`;
}

/** A share (0–1) as a percentage with one decimal place: 0.2407 → "24.1%". */
export function formatShare(value: number, digits = 1): string {
  return `${withMinus((value * 100).toFixed(digits))}%`;
}

export const NO_CHANGE = 'no change';

/** A difference in a count: "+35", "−2", or "no change" when it rounds to zero. */
export function formatCountDiff(diff: number): string {
  const rounded = Math.round(diff);
  if (rounded === 0) return NO_CHANGE;
  return `${rounded > 0 ? '+' : MINUS}${whole.format(Math.abs(rounded))}`;
}

/** A change in beds on a chart: "+5", "−8", and "0" (not "no change") where an axis needs a number. */
export const formatCountDiffOnAxis = (diff: number): string => (Math.round(diff) === 0 ? '0' : formatCountDiff(diff));

/** A difference in money: "+£2.3m", "−£450k", or "no change" below half a pound. */
export function formatMoneyDiff(diff: number): string {
  if (Math.abs(diff) < 0.5) return NO_CHANGE;
  return `${diff > 0 ? '+' : MINUS}${formatMoney(Math.abs(diff))}`;
}

/** A difference between two shares in percentage points: −0.021 → "−2.1 pts". */
export function formatPointsDiff(diff: number, digits = 1): string {
  const points = diff * 100;
  if (Math.abs(points) < 0.5 * 10 ** -digits) return NO_CHANGE;
  return `${points > 0 ? '+' : MINUS}${Math.abs(points).toFixed(digits)} pts`;
}

/** A count with one decimal place, for fractional figures such as a gap: 4.75 → "4.8". */
export function formatDecimal(value: number): string {
  const text = oneDecimal.format(value);
  return text === '-0.0' ? '0.0' : withMinus(text);
}

/**
 * The span of projected years (stored as years ending 31 March) as financial years: "2025-26 to
 * 2029-30"; the single year, or '' for none.
 */
export function yearSpan(years: readonly string[]): string {
  return financialYearSpan(years);
}

/** A year ending 31 March as a financial year: "2027" → "2026-27". */
export { financialYear };

/**
 * An assumption's value in its unit: shares as percentages, pounds with "£", a limit of −1 as "no
 * limit", other numbers with separators and up to three decimal places.
 */
export function formatAssumptionValue(value: number, unit: string): string {
  const u = unit.toLowerCase();
  if (value === -1 && /−1 = no limit|-1 = no limit/.test(unit)) return 'no limit';
  if (u === 'flag') return value ? 'yes' : 'no';
  if (u.startsWith('share') || u === 'per year' || u.startsWith('per year')) {
    return `${Number((value * 100).toFixed(2))}%`;
  }
  if (u.startsWith('£')) {
    // Small amounts (a mileage rate, a cost per mile) keep their pence: £0.45, not £0.
    if (value !== 0 && Math.abs(value) < 100 && !Number.isInteger(value)) {
      return `${value < 0 ? MINUS : ''}£${Math.abs(value).toFixed(2)}`;
    }
    return formatPounds(value);
  }
  if (u.startsWith('price year')) return String(value);
  return withMinus(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 }).format(value));
}

/** Which direction of change is an improvement, for colouring differences. */
export type Better = 'lower' | 'higher' | 'neither';

/** 'better', 'worse' or 'same' for a difference from the baseline. */
export function judgeDiff(diff: number, better: Better, tolerance = 1e-9): 'better' | 'worse' | 'same' {
  if (better === 'neither' || Math.abs(diff) <= tolerance) return 'same';
  return diff < 0 === (better === 'lower') ? 'better' : 'worse';
}

/** An axis label for money: "£0", "£250m", "£1.5m", "£500k", "−£2m". */
export function formatMoneyTick(value: number): string {
  if (value === 0) return '£0';
  const sign = value < 0 ? MINUS : '';
  const size = Math.abs(value);
  const trim = (v: number) => upToOneDecimal.format(v);
  if (size >= 1e6) return `${sign}£${trim(size / 1e6)}m`;
  if (size >= 1e3) return `${sign}£${trim(size / 1e3)}k`;
  return `${sign}£${Math.round(size)}`;
}
