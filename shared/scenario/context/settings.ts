/**
 * A scenario context's settings and prices: target occupancy and the open-market access shares as
 * the projection used them (so the baseline gap is the projection's), the discount rate, the plan's
 * weekly prices, missing-incident rates by locality and the cost assumptions.
 */
import { defaultSettings } from '../../forecast/settings.js';
import type { ProjectionResult } from '../../forecast/types.js';
import type { PlanData } from '../../model/summarise.js';
import type { ScenarioAssumption, ScenarioSettings, WeeklyPrices } from '../types.js';
import { DEFAULT_DISCOUNT_RATE, DEFAULT_UNMET_WEEKLY_COST, MEAN_PLACEMENT_DAYS, WEEKS_PER_YEAR } from './constants.js';
import { costAssumptions } from './costAssumptions.js';
import { assumptionValue } from './facts.js';
import { missingRatesFrom } from './missingRates.js';
import type { ScenarioContextOptions } from './options.js';
import { pricesFrom } from './prices.js';

/**
 * Settings: as the projection used them, so the baseline gap is the projection's. Also returns the
 * prices and the plan's discount-rate assumption (for its source).
 */
export function settingsFromPlan(
  data: PlanData,
  projection: ProjectionResult,
  options: ScenarioContextOptions,
  codes: readonly string[],
  warnings: string[],
  assumptions: ScenarioAssumption[],
): { settings: ScenarioSettings; prices: WeeklyPrices; discount: PlanData['assumptions'][number] | undefined } {
  const targetOccupancy = assumptionValue(projection.assumptions, 'targetOccupancy') ?? defaultSettings.targetOccupancy;
  const access =
    assumptionValue(projection.assumptions, 'consortiumOpenMarketAccessShare') ??
    defaultSettings.consortiumOpenMarketAccessShare;
  const ownAccess =
    assumptionValue(projection.assumptions, 'openMarketAccessShare') ?? defaultSettings.openMarketAccessShare;
  const discount = data.assumptions.find((a) => a.key === 'discountRate');
  const discountRate = options.discountRate ?? discount?.value ?? DEFAULT_DISCOUNT_RATE;
  const prices = pricesFrom(data, warnings, assumptions);
  prices.unmet = options.unmetWeeklyCost ?? DEFAULT_UNMET_WEEKLY_COST;
  const missingRates = missingRatesFrom(data, codes, assumptions);
  const costs = costAssumptions(data, options, assumptions);
  const settings: ScenarioSettings = {
    targetOccupancy,
    openMarketAccessShare: ownAccess,
    consortiumOpenMarketAccessShare: access,
    discountRate,
    ...costs,
    weeksPerYear: WEEKS_PER_YEAR,
    meanPlacementYears: MEAN_PLACEMENT_DAYS / 365.25,
    missingRates,
  };
  return { settings, prices, discount };
}
