/**
 * Cost uncertainty (probabilistic sensitivity analysis of the £): the cost assumptions a scenario's
 * five-year cost rests on — weekly prices by sector, real price growth, the out-of-area premium,
 * travel and staff time per mile, the public cost of a missing incident — each with a range and its
 * basis, drawn once per demand simulation (triangular between low and high, peaked at the plan's
 * value, from their own seeded stream), so each scenario's cost P10–P90 includes them. The
 * allocation is the one at the plan's values (where children go does not move with the £ drawn):
 * each simulation's cost is its allocation re-valued at the drawn prices, which is exact for that
 * allocation (every cost is linear in its price) and, since a cheaper allocation may exist at the
 * drawn prices, an upper bound on the re-optimised cost. At the plan's values the re-valued cost is
 * the cost, so the central figures every view shows do not change.
 *
 * Not drawn, and why: the discount rate (the Green Book's 3.5% is set by HM Treasury, not
 * estimated; it moves the NPV, not the cash cost); block contracts' prices and void shares (terms
 * of the contract the scenario states); capital (as the lever states it); how full a block can be
 * (it changes capacity, so the allocation, not a price).
 *
 * Also the scenario's tornadoes (the shared engine, shared/forecast/tornado.ts): its horizon gap
 * (demand, supply, occupancy, the consortium's access share) and its five-year cost (demand and each
 * cost assumption), with the sentence saying which input drives each.
 */
import { Rng } from '../random/lcg.js';
import { triangularDraws } from '../random/triangular.js';
import { driverSentence, tornado, type SensitivityBar, type SensitivityInput } from '../forecast/tornado.js';
import type { CostBreakdown, ScenarioAssumption, ScenarioContext } from './types.js';

export type CostUncertainKey =
  | 'price.localAuthority'
  | 'price.private'
  | 'price.voluntary'
  | 'priceGrowth'
  | 'locality.outsidePremium'
  | 'locality.travelPerMileWeekly'
  | 'locality.missingIncidentCost';

export interface CostRange {
  key: CostUncertainKey;
  label: string;
  low: number;
  /** The plan's own value (the peak of the draws). */
  central: number;
  high: number;
  unit: string;
  basis: string;
}

/** Weekly prices are one year's averages: ±15% either side for five years of placements. */
const PRICE_SPREAD = 0.15;
const PRICE_BASIS =
  'Assumption: the plan’s unit cost is one year’s average; the Competition and Markets Authority found prices for similar placements vary widely between providers and with how late and far councils search (children’s social care market study, 2022), so the average a consortium pays over five years is taken as 15% either side of it.';

/** Real price growth a year: the plan holds prices (0%); the range and its reason. */
export const PRICE_GROWTH_RANGE = {
  low: -0.01,
  central: 0,
  high: 0.05,
  basis:
    'Assumption: prices are held in real terms (0% a year) in the plan. Children’s home prices have risen faster than inflation: the CMA found the largest private providers charging an average £3,830 a week in 2020 (interim report, October 2021), against weekly unit costs of £5,000–£6,500 in 2023-24, several per cent a year above CPI. The range runs from a small real fall (−1% a year, if joint commissioning and new supply bite) to 5% a year above inflation. Applies to spot prices, LA-run home costs, running and programme costs (not capital or fixed-price blocks).',
} as const;

const fromAssumption = (
  context: ScenarioContext,
  key: CostUncertainKey,
  central: number,
  fallback: { low: number; high: number },
): { low: number; high: number; basis: string; label: string; unit: string } => {
  const a: ScenarioAssumption | undefined = context.assumptions.find((x) => x.key === key);
  return {
    low: Math.min(a?.low ?? fallback.low, central),
    high: Math.max(a?.high ?? fallback.high, central),
    basis: a?.rationale ?? '',
    label: a?.label ?? key,
    unit: a?.unit ?? '',
  };
};

/** The cost assumptions' ranges for a context (each holding the plan's own value). */
export function costRanges(context: ScenarioContext): CostRange[] {
  const { prices } = context;
  const { locality } = context.settings;
  const price = (key: CostUncertainKey, central: number, label: string): CostRange => ({
    key,
    label,
    low: Math.round(central * (1 - PRICE_SPREAD)),
    central,
    high: Math.round(central * (1 + PRICE_SPREAD)),
    unit: `£ a week (${prices.priceYear} prices)`,
    basis: PRICE_BASIS,
  });
  const local = (key: CostUncertainKey, central: number): CostRange => {
    const r = fromAssumption(context, key, central, { low: central, high: central });
    return { key, label: r.label, low: r.low, central, high: r.high, unit: r.unit, basis: r.basis };
  };
  return [
    price(
      'price.private',
      prices.private,
      'Weekly price of a private children’s home place (and outside the consortium)',
    ),
    price('price.localAuthority', prices.localAuthority, 'Weekly cost of a place in an LA-run children’s home'),
    price('price.voluntary', prices.voluntary, 'Weekly price of a voluntary children’s home place'),
    {
      key: 'priceGrowth',
      label: 'Real growth in prices a year',
      low: PRICE_GROWTH_RANGE.low,
      central: PRICE_GROWTH_RANGE.central,
      high: PRICE_GROWTH_RANGE.high,
      unit: 'a year above inflation',
      basis: PRICE_GROWTH_RANGE.basis,
    },
    local('locality.outsidePremium', locality.outsidePremium),
    local('locality.travelPerMileWeekly', locality.travelPerMileWeekly),
    local('locality.missingIncidentCost', locality.missingIncidentCost),
  ];
}

/** One value per simulation of each cost assumption. */
export type CostDraws = Record<CostUncertainKey, Float64Array>;

/** The stream's seed, apart from the demand simulations' and the gap assumptions' own. */
const COST_SEED_OFFSET = 0x7f4a7c15;

/** S draws of every cost assumption, seeded (the same seed gives the same draws). */
export function drawCosts(ranges: readonly CostRange[], simulations: number, seed: number): CostDraws {
  const rng = new Rng((seed ^ COST_SEED_OFFSET) >>> 0);
  return triangularDraws(ranges, simulations, rng);
}

/** The values of every cost assumption in one simulation (or at chosen values). */
export type CostValues = Record<CostUncertainKey, number>;

export const centralCostValues = (ranges: readonly CostRange[]): CostValues =>
  Object.fromEntries(ranges.map((r) => [r.key, r.central])) as CostValues;

const ratio = (v: number, central: number): number => (central !== 0 ? v / central : 1);

/**
 * One year's cost (projected year index h) re-valued at other values of the cost assumptions, the
 * allocation held: each component scaled by its price's ratio to the plan's value, and real growth
 * compounding from the first projected year (end of year h: (1 + g)^(h + 1)).
 */
export function revalueCost(cost: CostBreakdown, h: number, at: CostValues, central: CostValues): number {
  const s = cost.placementsBySector;
  const growth = Math.pow(1 + at.priceGrowth, h + 1) / Math.pow(1 + central.priceGrowth, h + 1);
  const privateRatio = ratio(at['price.private'], central['price.private']);
  const premium = ratio(1 + at['locality.outsidePremium'], 1 + central['locality.outsidePremium']);
  return (
    growth *
      (s.localAuthority * ratio(at['price.localAuthority'], central['price.localAuthority']) +
        s.private * privateRatio +
        s.voluntary * ratio(at['price.voluntary'], central['price.voluntary']) +
        s.outsideConsortium * privateRatio * premium +
        s.unmet +
        cost.running +
        cost.programmes) +
    cost.blockContracts +
    cost.voids +
    cost.capital +
    cost.residualValue +
    cost.travel * ratio(at['locality.travelPerMileWeekly'], central['locality.travelPerMileWeekly']) +
    cost.missingEpisodes * ratio(at['locality.missingIncidentCost'], central['locality.missingIncidentCost'])
  );
}

/** The values of simulation s. */
export function costValuesOf(draws: CostDraws, s: number, central: CostValues): CostValues {
  const out = { ...central };
  for (const k of Object.keys(draws) as CostUncertainKey[]) out[k] = draws[k][s] ?? central[k];
  return out;
}

export type ScenarioGapKey = 'demand' | 'supply' | 'targetOccupancy' | 'consortiumOpenMarketAccessShare';
export type ScenarioCostKey = CostUncertainKey | 'demand';

/** A scenario's tornadoes and the sentences saying what drives each answer. */
export interface ScenarioSensitivity {
  /** The horizon year the gap is for. */
  year: string;
  gap: SensitivityBar<ScenarioGapKey>[];
  /** The five-year (horizon) cash cost, £. */
  cost: SensitivityBar<ScenarioCostKey>[];
  gapSentence: string;
  costSentence: string;
  /** The cost assumptions' ranges and basis (also the draws' ranges). */
  costRanges: CostRange[];
  /** What the cost tornado leaves out, in a sentence. */
  costNote: string;
  /** The net present value at each cost bar's ends (same keys as `cost`), £. */
  costNpv: Partial<Record<ScenarioCostKey, { atLow: number; atHigh: number }>>;
}

/** Inputs for a scenario's tornadoes, from its run (see run.ts). */
export interface SensitivityInputs {
  year: string;
  gap: number;
  /** Children needing a place in the horizon year after the scenario's levers: P10, P50, P90. */
  demand: { p10: number; p50: number; p90: number };
  occupancy: { low: number; central: number; high: number; basis: string; label: string };
  share: { low: number; central: number; high: number; basis: string; label: string };
  accessible: number;
  /** Open-market places the consortium's share applies to, in the horizon year. */
  openMarket: number;
  /** P10 and P90 of the supply projection's change in accessible places (null: supply not drawn). */
  supplyDrawn: { p10: number; p90: number } | null;
  /** The central path's cost, per year, and its five-year total. */
  yearCosts: readonly CostBreakdown[];
  totalCost: number;
  /** P10 and P90 of the five-year cost over demand alone (cost assumptions at the plan's values). */
  demandCost: { p10: number; p90: number };
  /** The net present value of those two demand paths, and each year's discount factor. */
  demandNpv: { p10: number; p90: number };
  discountFactors: readonly number[];
  ranges: readonly CostRange[];
}

const money = (v: number): string =>
  `£${(Math.round(v / 1e5) / 10).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}m`;
const beds = (v: number): string => Math.round(v).toLocaleString('en-GB');

const costInput = (range: CostRange | undefined, v: number): string => {
  if (!range) return beds(v);
  if (range.key === 'priceGrowth' || range.key === 'locality.outsidePremium') return `${Math.round(v * 1000) / 10}%`;
  if (range.key === 'locality.travelPerMileWeekly') return `£${v.toFixed(2)}`;
  return `£${Math.round(v).toLocaleString('en-GB')}`;
};

/** A scenario's gap and cost tornadoes from what its run worked out. */
export function scenarioSensitivity(x: SensitivityInputs): ScenarioSensitivity {
  const { occupancy: occ, share } = x;
  const gapAt = (demand: number, o: number, sh: number, extra = 0) =>
    demand / o - Math.max(0, x.accessible + (sh - share.central) * x.openMarket + extra);
  const gapInputs: SensitivityInput<ScenarioGapKey>[] = [
    {
      key: 'demand',
      label: 'Children needing a place (forecast 80% range)',
      lowInput: x.demand.p10,
      highInput: x.demand.p90,
      atLow: gapAt(x.demand.p10, occ.central, share.central),
      atHigh: gapAt(x.demand.p90, occ.central, share.central),
      basis: 'The forecast’s own 80% range (P10 to P90), calibrated on the national backtest.',
    },
    {
      key: 'targetOccupancy',
      label: occ.label,
      lowInput: occ.low,
      highInput: occ.high,
      atLow: gapAt(x.demand.p50, occ.low, share.central),
      atHigh: gapAt(x.demand.p50, occ.high, share.central),
      basis: occ.basis,
    },
    {
      key: 'consortiumOpenMarketAccessShare',
      label: share.label,
      lowInput: share.low,
      highInput: share.high,
      atLow: gapAt(x.demand.p50, occ.central, share.low),
      atHigh: gapAt(x.demand.p50, occ.central, share.high),
      basis: share.basis,
    },
  ];
  if (x.supplyDrawn) {
    gapInputs.push({
      key: 'supply',
      label: 'Places in the supply projection (80% range)',
      lowInput: x.accessible + x.supplyDrawn.p10,
      highInput: x.accessible + x.supplyDrawn.p90,
      atLow: gapAt(x.demand.p50, occ.central, share.central, x.supplyDrawn.p10),
      atHigh: gapAt(x.demand.p50, occ.central, share.central, x.supplyDrawn.p90),
      basis:
        'The supply projection’s own 80% range of accessible places (its simulations of openings and closures), at the plan’s access share.',
    });
  }
  const central = centralCostValues(x.ranges);
  const totalAt = (key: CostUncertainKey, v: number, discounted = false) =>
    x.yearCosts.reduce(
      (t, c, h) =>
        t + revalueCost(c, h, { ...central, [key]: v }, central) * (discounted ? (x.discountFactors[h] ?? 1) : 1),
      0,
    );
  const costNpv: ScenarioSensitivity['costNpv'] = { demand: { atLow: x.demandNpv.p10, atHigh: x.demandNpv.p90 } };
  for (const r of x.ranges)
    costNpv[r.key] = { atLow: totalAt(r.key, r.low, true), atHigh: totalAt(r.key, r.high, true) };
  const costInputs: SensitivityInput<ScenarioCostKey>[] = [
    {
      key: 'demand',
      label: 'Children needing a place (forecast 80% range)',
      lowInput: x.demand.p10,
      highInput: x.demand.p90,
      atLow: x.demandCost.p10,
      atHigh: x.demandCost.p90,
      basis:
        'P10 and P90 of the five-year cost over the demand simulations (each allocated and costed) with the cost assumptions at the plan’s values.',
    },
    ...x.ranges.map((r): SensitivityInput<ScenarioCostKey> => ({
      key: r.key,
      label: r.label,
      lowInput: r.low,
      highInput: r.high,
      atLow: totalAt(r.key, r.low),
      atHigh: totalAt(r.key, r.high),
      basis: r.basis,
    })),
  ];
  const gap = tornado(gapInputs);
  const cost = tornado(costInputs);
  const rangeOf = (key: ScenarioCostKey) => x.ranges.find((r) => r.key === key);
  return {
    year: x.year,
    gap,
    cost,
    gapSentence: driverSentence(gap, `The ${x.year} gap (${beds(x.gap)} beds)`, beds, (key, v) =>
      key === 'demand' ? `${beds(v)} children` : key === 'supply' ? `${beds(v)} places` : `${Math.round(v * 100)}%`,
    ),
    costSentence: driverSentence(
      cost,
      `The ${x.yearCosts.length}-year cost (${money(x.totalCost)})`,
      money,
      (key, v) => (key === 'demand' ? `${beds(v)} children` : costInput(rangeOf(key), v)),
    ),
    costRanges: [...x.ranges],
    costNpv,
    costNote:
      'Each cost assumption at the ends of its range with the allocation held (exact for that allocation; re-allocating could only lower the cost); occupancy, access shares and supply move the cost only through where children are placed, which is not re-run here. Not drawn: the discount rate (set by the Green Book), block contracts’ prices and void terms (the contract’s), capital (the lever’s).',
  };
}

/** One row of a scenario's combined tornado: an input at the ends of its range, its effect on cost, NPV and gap. */
export interface SensitivityRow {
  key: ScenarioGapKey | ScenarioCostKey;
  label: string;
  unit: string;
  base: number;
  lowValue: number;
  highValue: number;
  basis: string;
  low: { cost: number; npv: number; gap: number };
  high: { cost: number; npv: number; gap: number };
  /** Figures this input moves only through the allocation, which the tornado does not re-run. */
  notEstimated?: ('cost' | 'gap')[];
}

/**
 * A scenario's gap and cost tornadoes as one list of rows (widest cost swing first, then inputs that
 * move only the gap, widest first): a price moves the cost, not the gap; occupancy, the access share
 * and supply move the gap, and the cost only through the allocation (not estimated here); demand
 * moves both. The rows the Compare view and `runSensitivity` show.
 */
export function sensitivityRows(outcome: {
  sensitivity?: ScenarioSensitivity;
  totals: { cost: { total: number }; finalYearGap: number };
  npv: { total: number };
  assumptions: readonly ScenarioAssumption[];
}): SensitivityRow[] {
  const s = outcome.sensitivity;
  if (!s) return [];
  const base = { cost: outcome.totals.cost.total, npv: outcome.npv.total, gap: outcome.totals.finalYearGap };
  const gapOf = new Map(s.gap.map((b) => [b.key as string, b]));
  const rows: SensitivityRow[] = [];
  for (const b of s.cost) {
    const g = gapOf.get(b.key);
    const range = s.costRanges.find((r) => r.key === b.key);
    const npv = s.costNpv[b.key];
    rows.push({
      key: b.key,
      label: b.label,
      unit: b.key === 'demand' ? 'children' : (range?.unit ?? ''),
      base: b.key === 'demand' ? NaN : (range?.central ?? NaN),
      lowValue: b.lowInput,
      highValue: b.highInput,
      basis: b.basis,
      low: { cost: b.atLow, npv: npv?.atLow ?? base.npv, gap: g ? g.atLow : base.gap },
      high: { cost: b.atHigh, npv: npv?.atHigh ?? base.npv, gap: g ? g.atHigh : base.gap },
    });
  }
  for (const b of s.gap) {
    if (b.key === 'demand') continue;
    const a = outcome.assumptions.find((x) => x.key === b.key);
    rows.push({
      key: b.key,
      label: b.label,
      unit: b.key === 'supply' ? 'accessible places' : 'share',
      base: b.key === 'supply' ? NaN : (a?.value ?? NaN),
      lowValue: b.lowInput,
      highValue: b.highInput,
      basis: b.basis,
      low: { cost: base.cost, npv: base.npv, gap: b.atLow },
      high: { cost: base.cost, npv: base.npv, gap: b.atHigh },
      notEstimated: ['cost'],
    });
  }
  return rows;
}
