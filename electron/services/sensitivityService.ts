/**
 * Sensitivity of a scenario's five-year cost (cash and NPV) and final-year bed gap to ±20% on each key assumption (the tornado
 * chart): demand, children's home prices, target occupancy, the open-market access share, the
 * discount rate and the travel cost per mile from home. Deterministic (central projection) so it is quick.
 */
import type { CallResults } from '../../shared/api/contract.js';
import { PlannerError } from '../../shared/api/errors.js';
import { defaultSettings, project, type ProjectionResult } from '../../shared/forecast/index.js';
import type { PlanData } from '../../shared/model/summarise.js';
import {
  BASELINE_SCENARIO_ID,
  baselineScenario,
  DEFAULT_DISCOUNT_RATE,
  runScenario,
  scenarioContextFromPlan,
  type Scenario,
  type ScenarioContextOptions,
} from '../../shared/scenario/index.js';
import { readPlanData } from '../store/planData.js';
import { readScenarios } from '../store/scenarioData.js';
import type { PlanService } from './planService.js';
import { projectionInputs } from './projectionService.js';

/** The result, as the API contract defines it. */
export type SensitivityResult = CallResults['runSensitivity'];
type SensitivityBar = SensitivityResult['bars'][number];

const VARIATION = 0.2;

function scaleDemand(projection: ProjectionResult, factor: number): ProjectionResult {
  const scale = <T extends object>(p: T): T =>
    Object.fromEntries(Object.entries(p).map(([k, v]) => [k, (v as number) * factor])) as T;
  const area = (a: ProjectionResult['consortium']) => ({
    ...a,
    years: a.years.map((y) => ({ ...y, demand: scale(y.demand), bedsNeeded: scale(y.bedsNeeded) })),
  });
  return { ...projection, areas: projection.areas.map(area), consortium: area(projection.consortium) };
}

export function runSensitivity(plans: PlanService, id: string): SensitivityResult {
  const scenario: Scenario | undefined =
    id === BASELINE_SCENARIO_ID ? baselineScenario() : plans.read((db) => readScenarios(db)).find((s) => s.id === id);
  if (!scenario) throw new PlannerError('NOT_FOUND', 'That scenario is not in this plan.');
  const inputs = projectionInputs(plans);
  const data = plans.read((db) => readPlanData(db, { summaryOnly: true }));
  const settings = { ...defaultSettings, ...inputs.planSettings };
  const horizonYears = plans.horizonYears();
  let lastTravelPerMile = 0;
  const run = (
    projectOverrides: Record<string, unknown>,
    d: PlanData,
    options: ScenarioContextOptions,
    demandFactor = 1,
  ) => {
    const projection = scaleDemand(
      project(inputs, { method: 'rate', simulations: 0, horizonYears, ...projectOverrides }),
      demandFactor,
    );
    const context = scenarioContextFromPlan(d, projection, options);
    const outcome = runScenario(context, scenario);
    lastTravelPerMile = context.settings.locality.travelPerMileWeekly;
    return { cost: outcome.totals.cost.total, npv: outcome.npv.total, gap: outcome.totals.finalYearGap };
  };
  const withPrices = (f: number): PlanData => ({
    ...data,
    unitCosts: data.unitCosts.map((c) =>
      c.placementType === 'childrensHome' ? { ...c, weeklyCost: c.weeklyCost * f } : c,
    ),
  });
  try {
    const base = run({}, data, {});
    const travelPerMile = lastTravelPerMile;
    const lo = 1 - VARIATION;
    const hi = 1 + VARIATION;
    const bar = (
      key: string,
      label: string,
      unit: string,
      baseValue: number,
      at: (f: number) => { cost: number; npv: number; gap: number },
      clampHigh = Number.POSITIVE_INFINITY,
    ): SensitivityBar => ({
      key,
      label,
      unit,
      base: baseValue,
      lowValue: baseValue * lo,
      highValue: Math.min(clampHigh, baseValue * hi),
      low: at(lo),
      high: at(Math.min(clampHigh / baseValue, hi)),
    });
    const bars = [
      bar('demand', 'Children needing a place', 'children', 1, (f) => run({}, data, {}, f)),
      bar('childrensHomePrices', 'Children’s home weekly prices', '× built-in prices', 1, (f) =>
        run({}, withPrices(f), {}),
      ),
      bar(
        'targetOccupancy',
        'Target occupancy',
        'share of beds',
        settings.targetOccupancy,
        (f) => run({ targetOccupancy: Math.min(1, settings.targetOccupancy * f) }, data, {}),
        1,
      ),
      bar('openMarketAccessShare', 'Open-market access share', 'share of places', settings.openMarketAccessShare, (f) =>
        run(
          {
            // Each member's own share (estimated, or the plan's one share) × f.
            openMarketAccessShareFactor: f,
            consortiumOpenMarketAccessShare: Math.min(1, settings.consortiumOpenMarketAccessShare * f),
          },
          data,
          {},
        ),
      ),
      bar('discountRate', 'Discount rate', 'per year', DEFAULT_DISCOUNT_RATE, (f) =>
        run({}, data, { discountRate: DEFAULT_DISCOUNT_RATE * f }),
      ),
      bar(
        'travelCostPerMile',
        'Travel and staff time per mile from home',
        '£ per child per week per mile',
        travelPerMile,
        (f) => run({}, data, { travelCostPerMile: travelPerMile * f }),
      ),
    ];
    bars.sort((a, b) => Math.abs(b.high.cost - b.low.cost) - Math.abs(a.high.cost - a.low.cost));
    return { scenario: scenario.name, variation: VARIATION, base, bars };
  } catch (error) {
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('INVALID_ARGUMENT', (error as Error).message);
  }
}
