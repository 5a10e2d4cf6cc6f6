/**
 * The report's words and numbers: long dates, money, signed counts and money, shares and points,
 * assumption values, and the report's file name. Pure, unit-tested.
 */
import type { OpenPlanState } from '../../../../../shared/api/contract.js';
import { fileSlug } from '../../../app/format';
import { formatCount } from '../../../models/projectionModel';

const longDateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-11-22T10:00:00Z" → "22 November 2026". */
export function formatLongDate(iso: string): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : longDateFormat.format(time);
}

const oneDecimal = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const upToThree = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
export const percentOneDp = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** £1,343.1m; small sums in thousands (£45k) or pounds. */
export function formatMoney(value: number): string {
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${sign}£${oneDecimal.format(abs / 1_000_000)}m`;
  if (abs >= 10_000) return `${sign}£${formatCount(abs / 1000)}k`;
  return `${sign}£${formatCount(abs)}`;
}

/** A difference with its sign: "+12", "−4", "0". */
export function formatSignedCount(value: number): string {
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '−'}${formatCount(Math.abs(rounded))}`;
}

export function formatSignedMoney(value: number): string {
  if (Math.abs(value) < 500) return '£0';
  return value > 0 ? `+${formatMoney(value)}` : formatMoney(value);
}

/** A share as a percentage: 0.317 → "31.7%". */
export function formatSharePercent(share: number): string {
  return `${percentOneDp.format(share * 100)}%`;
}

/** A change in a share in percentage points: −0.0048 → "−0.5 pp". */
export function formatPointsChange(delta: number): string {
  const points = Math.round(delta * 1000) / 10;
  if (points === 0) return '0 pp';
  return `${points > 0 ? '+' : '−'}${percentOneDp.format(Math.abs(points))} pp`;
}

/**
 * An assumption's value in its own unit: shares as percentages ("85% of places"), money with the
 * pound sign in front ("£5,317 per week (2023-24 prices)"), a yearly rate as "3.5% a year", ratios
 * as "1.5×", flags as yes or no, anything else as "10 miles".
 */
export function formatAssumption(value: number, unit: string): string {
  const u = unit.trim();
  if (u === 'share' || u === 'proportion' || u === 'percent') return formatSharePercent(value);
  if (u.startsWith('share of ')) return `${formatSharePercent(value)} of ${u.slice('share of '.length)}`;
  if (u === 'per year' && Math.abs(value) <= 1) return `${formatSharePercent(value)} a year`;
  if (u === 'ratio') return `${upToThree.format(value)}×`;
  if (u === 'flag') return value ? 'Yes' : 'No';
  if (value === -1 && /−1 = no limit/.test(u)) return 'No limit';
  if (/\byear\b/.test(u) && Number.isInteger(value) && value >= 1900 && value <= 2100) return `${value} (${u})`;
  if (u.startsWith('%')) return `${upToThree.format(value)}%${u.slice(1)}`;
  if (u.startsWith('£')) {
    const rest = u.slice(1).trim();
    return `£${upToThree.format(value)}${rest ? ` ${rest}` : ''}`;
  }
  return u ? `${upToThree.format(value)} ${u}` : upToThree.format(value);
}

/** A file name to suggest for the PDF, e.g. "greater-manchester-report.pdf". */
export function reportFileName(plan: Pick<OpenPlanState, 'name' | 'untitled' | 'consortiumName'>): string {
  const base = plan.untitled ? plan.consortiumName : plan.name;
  return `${fileSlug(base, 80) || 'plan'}-report.pdf`;
}
