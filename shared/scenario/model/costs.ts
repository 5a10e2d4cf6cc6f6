/**
 * What a scenario year costs: placements by sector, block beds and voids, travel, missing
 * incidents, new homes' capital, running costs and residual value, programmes and delivery; adding
 * costs up; discounting and net present value.
 */
import type { Lever, Scenario } from '../levers.js';
import type { CostBreakdown, ScenarioContext } from '../types.js';
import { placementFigures, sum, type YearAllocation, type YearProblem } from './allocation.js';
import { yearNumber } from './units.js';

export const emptyCost = (): CostBreakdown => ({
  placementsBySector: { localAuthority: 0, private: 0, voluntary: 0, outsideConsortium: 0, unmet: 0 },
  blockContracts: 0,
  voids: 0,
  capital: 0,
  running: 0,
  programmes: 0,
  travel: 0,
  missingEpisodes: 0,
  residualValue: 0,
  total: 0,
});

/** Costs that do not depend on the allocation, for one year. */
export interface FixedCosts {
  capital: number;
  running: number;
  programmes: number;
  /** Residual value of new homes' capital at the horizon (≤ 0), in the last projected year only. */
  residualValue: number;
}

/**
 * Straight-line residual value of a new home's capital at the end of the last projected year: capital
 * × (1 − years in use ÷ asset life), never below 0; years in use count from the opening year.
 */
export function residualValue(
  context: ScenarioContext,
  lever: Extract<Lever, { type: 'newHome' }>,
): { yearsUsed: number; value: number } {
  const last = yearNumber(context.years[context.years.length - 1] ?? '0');
  const yearsUsed = Math.max(0, last - yearNumber(lever.openingYear) + 1);
  return { yearsUsed, value: lever.capitalCost * Math.max(0, 1 - yearsUsed / lever.assetLifeYears) };
}

/** Costs that do not depend on the allocation: capital, its residual value, running, programme and agreement costs. */
export function fixedCosts(context: ScenarioContext, scenario: Scenario, h: number, index: number): FixedCosts {
  const year = yearNumber(context.years[h] ?? '0');
  const first = yearNumber(context.years[0] ?? '0');
  const lastYear = h === context.years.length - 1;
  let capital = 0;
  let running = 0;
  let programmes = 0;
  let residual = 0;
  for (const lever of scenario.levers) {
    if (lever.type === 'newHome') {
      const opening = yearNumber(lever.openingYear);
      // Capital is spent the year before opening; before the horizon it counts in the first year.
      if (Math.max(first, opening - 1) === year) capital += lever.capitalCost;
      if (year >= opening) running += lever.runningCostPerYear * index;
      if (lastYear) residual -= residualValue(context, lever).value;
    } else if (lever.type === 'prevention' || lever.type === 'stepDown' || lever.type === 'localFirstAgreement') {
      if (year >= yearNumber(lever.startYear)) programmes += lever.annualCost * index;
    }
  }
  return { capital, running, programmes, residualValue: residual };
}

/**
 * Cost of a year: placements at the sector price × weeks in the year (outside the consortium with the
 * out-of-area premium), block beds in use and empty (× void share), travel and staff time by distance,
 * missing incidents × their public cost, new homes' capital, running costs and residual value, and the
 * levers' programme and delivery costs plus foster placements of stepped-down children
 * (`fosterWeekly` £ a week and `delivery` £ in the year, at the price year). Apart from the fixed
 * costs, this is the allocation's own objective, in pounds.
 */
export function costYear(
  context: ScenarioContext,
  problem: YearProblem,
  allocation: YearAllocation,
  fixed: FixedCosts,
  demandCosts: { fosterWeekly: number; delivery: number },
  index: number,
): CostBreakdown {
  const supply = problem.supply;
  const weeks = context.settings.weeksPerYear;
  const cost = emptyCost();
  const s = cost.placementsBySector;
  supply.pools.forEach((pool, j) => {
    const n = allocation.used[j] ?? 0;
    const annual = n * pool.cashWeekly * weeks;
    if (pool.kind === 'laRun') s.localAuthority += annual;
    else if (pool.kind === 'outsideNear' || pool.kind === 'outsideFar') s.outsideConsortium += annual;
    else if (pool.kind === 'openOwn' || pool.kind === 'openOthers' || pool.kind === 'openAgreement') {
      // Split by the pool's places: cash = n × blended price, so the sector parts add up to it.
      const p = context.prices.private * pool.privateShare;
      const v = context.prices.voluntary * (1 - pool.privateShare);
      const privatePart = p + v > 0 ? p / (p + v) : 1;
      s.private += annual * privatePart;
      s.voluntary += annual * (1 - privatePart);
    }
  });
  let travelWeekly = 0;
  allocation.placed.forEach((n, k) => {
    if (n !== 0) travelWeekly += n * context.settings.locality.travelPerMileWeekly * (problem.arcMiles[k] ?? 0);
  });
  cost.travel = travelWeekly * weeks;
  const figures = placementFigures(context, allocation);
  cost.missingEpisodes = figures.expectedMissingIncidents * context.settings.locality.missingIncidentCost;
  s.unmet = sum(allocation.unmet) * context.prices.unmet * index * weeks;
  for (const b of supply.blocks) {
    const used = allocation.used[b.pool] ?? 0;
    cost.blockContracts += used * b.weeklyPrice * weeks;
    cost.voids += Math.max(0, b.paidBeds - used) * b.weeklyPrice * b.voidCostShare * weeks;
  }
  cost.capital = fixed.capital;
  cost.running = fixed.running;
  cost.residualValue = fixed.residualValue;
  cost.programmes = fixed.programmes + (demandCosts.fosterWeekly * weeks + demandCosts.delivery) * index;
  cost.total =
    s.localAuthority +
    s.private +
    s.voluntary +
    s.outsideConsortium +
    s.unmet +
    cost.blockContracts +
    cost.voids +
    cost.capital +
    cost.running +
    cost.programmes +
    cost.travel +
    cost.missingEpisodes +
    cost.residualValue;
  return cost;
}

/** Adds `b × k` into `a` (component by component). */
export function addCost(a: CostBreakdown, b: CostBreakdown, k = 1): void {
  const sa = a.placementsBySector;
  const sb = b.placementsBySector;
  sa.localAuthority += sb.localAuthority * k;
  sa.private += sb.private * k;
  sa.voluntary += sb.voluntary * k;
  sa.outsideConsortium += sb.outsideConsortium * k;
  sa.unmet += sb.unmet * k;
  a.blockContracts += b.blockContracts * k;
  a.voids += b.voids * k;
  a.capital += b.capital * k;
  a.running += b.running * k;
  a.programmes += b.programmes * k;
  a.travel += b.travel * k;
  a.missingEpisodes += b.missingEpisodes * k;
  a.residualValue += b.residualValue * k;
  a.total += b.total * k;
}

/** Discount factor for projected year index h (0 = first): end-of-year, 1 ÷ (1 + r)^(h + 1). */
export function discountFactor(rate: number, h: number): number {
  return 1 / Math.pow(1 + rate, h + 1);
}

/** Net present value of yearly amounts, the first discounted by one full year (end-of-year convention). */
export function netPresentValue(amounts: readonly number[], rate: number): number {
  return amounts.reduce((s, x, h) => s + x * discountFactor(rate, h), 0);
}
