/**
 * The renderer's one formatting module (renderer/src/format): the variants that look alike but
 * must stay apart (real minus or hyphen, "-0" or "0"), dates read in UTC, and the measures' periods.
 */
import { describe, expect, it } from 'vitest';
import { formatChangedAt, formatIsoDay, formatLongDate, formatMonth } from '../../renderer/src/format/dates.js';
import { formatMoney, formatMoneyBrief, formatSignedMoney } from '../../renderer/src/format/money.js';
import {
  formatCount,
  formatNumber,
  formatRange,
  formatSignedCount,
  formatWhole,
  formatWholeNoNegativeZero,
} from '../../renderer/src/format/numbers.js';
import {
  formatIntlPercent,
  formatRoundedPercent,
  formatSharePercent,
  formatSignedPercent,
} from '../../renderer/src/format/shares.js';

describe('numbers', () => {
  it('writes counts with separators, each variant with its own minus', () => {
    expect(formatCount(-1234.4)).toBe('−1,234');
    expect(formatWhole(-1234.4)).toBe('-1,234');
    expect(formatWholeNoNegativeZero(-1234.4)).toBe('-1,234');
    expect(formatWhole(-0.3)).toBe('-0');
    expect(formatWholeNoNegativeZero(-0.3)).toBe('0');
    expect(formatCount(-0.3)).toBe('0');
    expect(formatNumber(1204)).toBe('1,204');
    expect(formatNumber(0.1256)).toBe('0.126');
    expect(formatRange({ p10: 675.2, p90: 1855.6 })).toBe('675–1,856');
  });

  it('gives differences a sign after rounding', () => {
    expect(formatSignedCount(14.4)).toBe('+14');
    expect(formatSignedCount(-1203)).toBe('−1,203');
    expect(formatSignedCount(0.4)).toBe('0');
  });
});

describe('money and shares', () => {
  it('writes the views’ and the report’s money in their own styles', () => {
    expect(formatMoney(45_000)).toBe('£45k');
    expect(formatMoneyBrief(4_500)).toBe('£4,500');
    expect(formatMoneyBrief(-1_343_100_000)).toBe('−£1,343.1m');
    expect(formatSignedMoney(499)).toBe('£0');
  });

  it('writes shares as percentages', () => {
    expect(formatSharePercent(0.317)).toBe('31.7%');
    expect(formatSharePercent(0.85)).toBe('85%');
    expect(formatRoundedPercent(0.456)).toBe('46%');
    expect(formatIntlPercent(0.456)).toBe('46%');
    expect(formatSignedPercent(-0.0213)).toBe('−2.1%');
    expect(formatSignedPercent(0.00001)).toBe('0%');
  });
});

describe('dates', () => {
  it('reads days in UTC and leaves other text alone', () => {
    expect(formatIsoDay('2023-03-31')).toBe('31 March 2023');
    expect(formatIsoDay('31/03/2023')).toBeNull();
    expect(formatLongDate('2026-11-22T10:00:00Z')).toBe('22 November 2026');
    expect(formatLongDate('not a date')).toBe('not a date');
    expect(formatChangedAt('2026-04-01')).toBe('1 April 2026');
    expect(formatChangedAt('when the plan was made')).toBe('when the plan was made');
    expect(formatMonth(6, '2021-09-30')).toBe('Month 6 (30 September 2021)');
    expect(formatMonth(0, '')).toBe('Month 0');
  });
});
