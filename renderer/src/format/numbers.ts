/**
 * Number formatting for every view: the shared Intl set-ups (en-GB, by decimal places), whole
 * counts, differences with a real minus sign ("+35", "−2", "no change"), ranges ("675–855") and
 * the reading of a difference as better or worse. Pure functions, unit-tested.
 */

export const MINUS = '\u2212';

/** Whole numbers with thousands separators: 1083.4 → "1,083". */
export const wholeNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
/** Up to one decimal place: 12.25 → "12.3", 12 → "12". */
export const upToOneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
/** Exactly one decimal place: 12 → "12.0". */
export const oneDecimal = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
/** Up to two decimal places: 1.5 → "1.5". */
export const upToTwoDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
/** Exactly two decimal places: 1.5 → "1.50". */
export const twoDecimals = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Up to three decimal places, Intl's (and toLocaleString's) en-GB default: 1234.5678 → "1,234.568". */
export const upToThreeDecimals = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });

/** A number as en-GB writes it by default: separators, up to three decimals (1,204; 0.125). */
export function formatNumber(value: number): string {
  return upToThreeDecimals.format(value);
}

/** Puts a real minus sign in front of a negative number written by Intl (which uses a hyphen). */
export function withMinus(text: string): string {
  return text.replace(/^-/, MINUS);
}

/** A whole number with thousands separators and a real minus sign: 1083.4 → "1,083", −3 → "−3". */
export function formatCount(value: number): string {
  const rounded = Math.round(value);
  return withMinus(wholeNumber.format(rounded === 0 ? 0 : rounded));
}

/** A whole number with thousands separators as Intl writes it (hyphen minus): 1083.1 → "1,083". */
export function formatWhole(value: number): string {
  return wholeNumber.format(Math.round(value));
}

/** As formatWhole, but a value rounding to zero is always "0" (never "-0"). */
export function formatWholeNoNegativeZero(value: number): string {
  return wholeNumber.format(Math.round(value) === 0 ? 0 : Math.round(value));
}

/** "675–855": a P10–P90 range in whole numbers. */
export function formatRange(p: { p10: number; p90: number }): string {
  return `${formatWhole(p.p10)}–${formatWhole(p.p90)}`;
}

/** A difference with its sign, rounded first: "+12", "−4" (a true minus sign), "0". */
export function formatSignedCount(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : MINUS}${formatWhole(Math.abs(rounded))}`;
}

/** A count with one decimal place, for fractional figures such as a gap: 4.75 → "4.8". */
export function formatDecimal(value: number): string {
  const text = oneDecimal.format(value);
  return text === '-0.0' ? '0.0' : withMinus(text);
}

export const NO_CHANGE = 'no change';

/** A difference in a count: "+35", "−2", or "no change" when it rounds to zero. */
export function formatCountDiff(diff: number): string {
  const rounded = Math.round(diff);
  if (rounded === 0) return NO_CHANGE;
  return `${rounded > 0 ? '+' : MINUS}${wholeNumber.format(Math.abs(rounded))}`;
}

/** A change in beds on a chart: "+5", "−8", and "0" (not "no change") where an axis needs a number. */
export const formatCountDiffOnAxis = (diff: number): string => (Math.round(diff) === 0 ? '0' : formatCountDiff(diff));

/** Which direction of change is an improvement, for colouring differences. */
export type Better = 'lower' | 'higher' | 'neither';

/** 'better', 'worse' or 'same' for a difference from the baseline. */
export function judgeDiff(diff: number, better: Better, tolerance = 1e-9): 'better' | 'worse' | 'same' {
  if (better === 'neither' || Math.abs(diff) <= tolerance) return 'same';
  return diff < 0 === (better === 'lower') ? 'better' : 'worse';
}
