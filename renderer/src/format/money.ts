/**
 * Money formatting for every view: amounts ("£12.3m", "£950k", "£5,943"), differences
 * ("−£2.3m", "no change"), axis ticks and the report's style. Pure functions, unit-tested.
 */
import { MINUS, NO_CHANGE, formatWhole, oneDecimal, upToOneDecimal, wholeNumber } from './numbers';

/** Money: "£1,342.4m", "£12.3m", "£950k", "£500"; negative amounts as "−£2.3m". */
export function formatMoney(value: number): string {
  const sign = value < 0 ? MINUS : '';
  const size = Math.abs(value);
  if (size >= 999_950) return `${sign}£${oneDecimal.format(size / 1e6)}m`;
  if (size >= 999.5) return `${sign}£${wholeNumber.format(Math.round(size / 1e3))}k`;
  const pounds = Math.round(size);
  return `${pounds === 0 ? '' : sign}£${wholeNumber.format(pounds)}`;
}

/** A plain amount in pounds with separators (for weekly prices): 5943 → "£5,943". */
export function formatPounds(value: number): string {
  const rounded = Math.round(value);
  return `${rounded < 0 ? MINUS : ''}£${wholeNumber.format(Math.abs(rounded))}`;
}

/** A difference in money: "+£2.3m", "−£450k", or "no change" below half a pound. */
export function formatMoneyDiff(diff: number): string {
  if (Math.abs(diff) < 0.5) return NO_CHANGE;
  return `${diff > 0 ? '+' : MINUS}${formatMoney(Math.abs(diff))}`;
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

/** The report's money: £1,343.1m; thousands only from £10k (£45k), smaller sums in pounds. */
export function formatMoneyBrief(value: number): string {
  const sign = value < 0 ? '−' : '';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${sign}£${oneDecimal.format(abs / 1_000_000)}m`;
  if (abs >= 10_000) return `${sign}£${formatWhole(abs / 1000)}k`;
  return `${sign}£${formatWhole(abs)}`;
}

/** The report's money difference: "+£2.3m", "−£45k", and "£0" below £500. */
export function formatSignedMoney(value: number): string {
  if (Math.abs(value) < 500) return '£0';
  return value > 0 ? `+${formatMoneyBrief(value)}` : formatMoneyBrief(value);
}
