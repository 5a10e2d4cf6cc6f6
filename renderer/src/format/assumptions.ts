/**
 * An assumption's value in its unit, in the styles the views state it: the scenario tables (the
 * value alone: "85%", "£5,943", "no limit"), the projection's result ("0.5% a year", "3 places"),
 * the Data view's register ("£318,400 per place per year (2023-24)") and the report ("85% of
 * places", "Yes"). Each keeps its own wording. Pure functions, unit-tested.
 */
import type { ForecastAssumption } from '#shared/forecast/types.js';
import { formatPounds } from './money';
import { MINUS, upToThreeDecimals, upToTwoDecimals, withMinus } from './numbers';
import { formatSharePercent } from './shares';

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
  return withMinus(upToThreeDecimals.format(value));
}

/** A projection assumption's value in its unit, as the result states it: shares as percentages. */
export function formatForecastAssumption(a: Pick<ForecastAssumption, 'key' | 'value' | 'unit'>): string {
  const unit = a.unit.trim();
  if (unit === 'share a year') return `${a.value > 0 ? '+' : ''}${formatSharePercent(a.value)} a year`;
  if (unit.startsWith('share') || unit === 'proportion' || a.key === 'trendDamping') {
    const rest = unit.replace(/^share( of)?\s*/, '').trim();
    return rest && a.key !== 'trendDamping' ? `${formatSharePercent(a.value)} of ${rest}` : formatSharePercent(a.value);
  }
  if (unit.startsWith('%')) return `${upToTwoDecimals.format(a.value)}%${unit.slice(1)}`;
  if (unit === 'coefficient of variation') return `${formatSharePercent(a.value)} (coefficient of variation)`;
  const number = upToThreeDecimals.format(a.value);
  const singular =
    a.value === 1
      ? unit
          .replace(/^years\b/, 'year')
          .replace(/^changes\b/, 'change')
          .replace(/^places\b/, 'place')
      : unit;
  return singular ? `${number} ${singular}` : number;
}

/**
 * An assumption's value in its unit for the register: shares as percentages ("85%"), a yearly rate
 * as "3.5% a year", ratios as "1.42×", money with the pound sign in front ("£318,400 per place per
 * year (2023-24)"), anything else as "10 miles".
 */
export function formatRegisterAssumption(value: number, unit: string): string {
  const u = unit.trim();
  if (u === 'share' || u === '%' || u === 'percent' || u === 'proportion') {
    return formatSharePercent(value);
  }
  if (u === 'per year' && Math.abs(value) <= 1) return `${formatSharePercent(value)} a year`;
  if (u === 'ratio') return `${upToThreeDecimals.format(value)}×`;
  return numberInUnit(value, u);
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
  if (u === 'ratio') return `${upToThreeDecimals.format(value)}×`;
  if (u === 'flag') return value ? 'Yes' : 'No';
  if (value === -1 && /−1 = no limit/.test(u)) return 'No limit';
  if (/\byear\b/.test(u) && Number.isInteger(value) && value >= 1900 && value <= 2100) return `${value} (${u})`;
  if (u.startsWith('%')) return `${upToThreeDecimals.format(value)}%${u.slice(1)}`;
  return numberInUnit(value, u);
}

/** A value with separators and up to three decimals in its unit: "£318,400 per place per year", "10 miles", "3". */
function numberInUnit(value: number, u: string): string {
  if (u.startsWith('£')) {
    const rest = u.slice(1).trim();
    return `£${upToThreeDecimals.format(value)}${rest ? ` ${rest}` : ''}`;
  }
  return u ? `${upToThreeDecimals.format(value)} ${u}` : upToThreeDecimals.format(value);
}
