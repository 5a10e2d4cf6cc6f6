/**
 * The rules for the plan's assumption register: the range each assumption the forecast reads must
 * lie in (so a typo cannot produce nonsense), and the forecast's own label and rationale for one the
 * plan lacks.
 */
import type { PlanDatabase } from '../../store/database.js';
import { SUPPLY_NET_CHANGE_RANGE, supplyAssumptionTemplate } from '#shared/supply/forecastSupply.js';
import { SUPPLY_MOVEMENT_KEY } from '#shared/supply/projectSupply/index.js';
import { defaultSettings, planAssumptionKeys } from '#shared/forecast/index.js';
import { settingsAssumptions, trendDampingAssumption } from '#shared/forecast/settings.js';
import {
  MAX_POPULATION_GROWTH,
  POPULATION_GROWTH_KEY,
  populationGrowthAssumptionTemplate,
} from '#shared/forecast/inputs/index.js';

/** Ranges for the assumptions the forecast reads, so a typo cannot produce nonsense. */
export const assumptionRanges: Record<string, { label: string; min: number; max: number }> = {
  [planAssumptionKeys.targetOccupancy]: { label: 'Target occupancy', min: 0.5, max: 1 },
  [planAssumptionKeys.openMarketAccessShare]: { label: 'The open-market access share', min: 0, max: 1 },
  [planAssumptionKeys.consortiumOpenMarketAccessShare]: {
    label: 'The consortium open-market access share',
    min: 0,
    max: 1,
  },
  [planAssumptionKeys.trendDamping]: { label: 'Trend damping', min: 0.01, max: 1 },
  [planAssumptionKeys.soloComplexShare]: { label: 'The solo/complex share', min: 0, max: 1 },
  discountRate: { label: 'The discount rate', min: 0, max: 0.2 },
  [SUPPLY_MOVEMENT_KEY]: {
    label: 'Net change in children’s home places per year (a share of places)',
    min: SUPPLY_NET_CHANGE_RANGE.min,
    max: SUPPLY_NET_CHANGE_RANGE.max,
  },
  [POPULATION_GROWTH_KEY]: {
    label: 'Population growth without a projection (a share a year)',
    min: -MAX_POPULATION_GROWTH,
    max: MAX_POPULATION_GROWTH,
  },
};

/** The forecast's own assumptions (label, unit, rationale), for adding one the plan lacks. */
export function forecastAssumptionTemplates() {
  const list = [...settingsAssumptions(defaultSettings), trendDampingAssumption(defaultSettings)];
  const solo = list.find((a) => a.key === 'needTypeShare.soloComplex');
  return [
    ...list,
    ...(solo ? [{ ...solo, key: planAssumptionKeys.soloComplexShare }] : []),
    populationGrowthAssumptionTemplate(),
    supplyAssumptionTemplate(),
  ];
}

/** Rows inserted, changed or deleted through this connection since it opened (SQLite's count). */
export function totalChanges(db: PlanDatabase): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}
