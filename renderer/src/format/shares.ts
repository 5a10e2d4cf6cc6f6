/**
 * Share and percentage formatting for every view: shares (0–1) as "24.1%", chances in words a
 * room can read (">99%"), percentages typed in inputs, and changes in percentage points
 * ("−2.1 pts", "−0.5 pp"). Pure functions, unit-tested.
 */
import { MINUS, NO_CHANGE, upToOneDecimal, wholeNumber, withMinus } from './numbers';

/**
 * A probability in words a room can read: never "100%" or "0%" unless certain, so 0.998 is ">99%"
 * and 0.004 is "<1%".
 */
export function formatProbability(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p >= 1) return '100%';
  if (p <= 0) return '0%';
  if (p > 0.99) return '>99%';
  if (p < 0.01) return '<1%';
  return `${Math.round(p * 100)}%`;
}

/** A share (0–1) as a percentage with a fixed number of decimal places: 0.2407 → "24.1%". */
export function formatShare(value: number, digits = 1): string {
  return `${withMinus((value * 100).toFixed(digits))}%`;
}

/** A share as a percentage to at most one decimal place: 0.85 → "85%"; 0.317 → "31.7%". */
export function formatSharePercent(share: number): string {
  return `${upToOneDecimal.format(share * 100)}%`;
}

/** A share as a whole percentage, rounded half up: 0.456 → "46%". */
export function formatRoundedPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

const intlPercent = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });

/** A share as Intl's whole percentage: 0.456 → "46%". */
export function formatIntlPercent(share: number): string {
  return intlPercent.format(share);
}

/** A yearly change (a share) with its sign to at most one decimal place: 0.1 → "+10%", −0.0213 → "−2.1%". */
export function formatSignedPercent(value: number): string {
  const text = upToOneDecimal.format(Math.abs(value) * 100);
  if (text === '0') return '0%';
  return `${value < 0 ? '−' : '+'}${text}%`;
}

/** A percentage (not a share) to at most one decimal place: "80%", "3.5%". */
export function formatPercent(percent: number): string {
  return `${upToOneDecimal.format(percent)}%`;
}

/** A percentage (not a share) as a whole number: "43%"; a small non-zero one reads "<1%", not "0%". */
export function formatWholePercentOrUnderOne(percent: number): string {
  if (percent > 0 && percent < 0.5) return '<1%';
  return `${wholeNumber.format(percent)}%`;
}

/** A share as the percentage shown in an input: 0.85 → 85, 0.125 → 12.5 (one decimal, no float noise). */
export function shareToPercent(share: number): number {
  return Math.round(share * 1000) / 10;
}

/** A percentage as the share the plan stores: 80 → 0.8 (no float noise). */
export function percentToShare(percent: number): number {
  return Math.round(percent * 1000) / 100000;
}

/** A difference between two shares in percentage points: −0.021 → "−2.1 pts". */
export function formatPointsDiff(diff: number, digits = 1): string {
  const points = diff * 100;
  if (Math.abs(points) < 0.5 * 10 ** -digits) return NO_CHANGE;
  return `${points > 0 ? '+' : MINUS}${Math.abs(points).toFixed(digits)} pts`;
}

/** A change in a share in percentage points, rounded to 0.1: −0.0048 → "−0.5 pp"; "0 pp" for none. */
export function formatPointsChange(delta: number): string {
  const points = Math.round(delta * 1000) / 10;
  if (points === 0) return '0 pp';
  return `${points > 0 ? '+' : '−'}${upToOneDecimal.format(Math.abs(points))} pp`;
}
