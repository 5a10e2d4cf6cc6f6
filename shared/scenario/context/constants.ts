/**
 * The published figures and defaults a scenario context rests on (national shares, mean placement
 * length, weeks in a year, discount rate, the cost of unmet need), the fallbacks used only when a
 * plan lacks its own figures, and the two number formats the context's rationales use.
 */
import type { MissingRates, WeeklyPrices } from '../types.js';

/** Published national figures (DfE CLA 2024 national tables; DOMAIN.md "Recent figures"). */
export const NATIONAL_CHILDRENS_HOMES_OUTSIDE_LA_SHARE = 0.67;
export const NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE = 0.49;
/** England 2024, all looked-after children: 18,020 of 83,630 placed more than 20 miles away (DfE). */
export const ENGLAND_ALL_CLA_OVER_20_MILES_SHARE_2024 = 18_020 / 83_630;
export const ENGLAND = 'E92000001';
/** Mean length of children's home placements ending in 2023-24: 444 days (DfE CLA 2024). */
export const MEAN_PLACEMENT_DAYS = 444;
export const WEEKS_PER_YEAR = 365 / 7;
export const DEFAULT_DISCOUNT_RATE = 0.035;
/** LGA: 1,510 placements cost £10,000 or more a week in 2022-23. */
export const DEFAULT_UNMET_WEEKLY_COST = 10_000;
export const MAX_CALIBRATION_ITERATIONS = 25;

/** Used only when the plan has no unit costs (the built-in illustrative values, 2023-24). */
export const FALLBACK_PRICES: WeeklyPrices = {
  priceYear: '2023-24',
  localAuthority: 5_317,
  private: 6_255,
  voluntary: 5_818,
  blockContract: 5_943,
  fosterInHouse: 600,
  fosterAgency: 1_100,
  unmet: DEFAULT_UNMET_WEEKLY_COST,
};
/**
 * Used only when the plan has neither the assumptions nor the observations to derive them: England
 * 2024 (DfE): 83,920 missing incidents ÷ 83,630 children looked after = 1.003 a child, split with a
 * relative risk of 1.5 at the published 44.9% placed outside their LA (37,520 children).
 */
export const FALLBACK_MISSING: MissingRates = { ownLa: 0.82, outOfArea: 1.229 };
export const FALLBACK_MISSING_RELATIVE_RISK = 1.5;

export const round = (v: number, dp: number): number => Math.round(v * 10 ** dp) / 10 ** dp;
export const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
