/**
 * Running a scenario: for each projected year, apply the levers to supply, demand and prices,
 * allocate each member's children to beds (exact minimum-cost flow), and count where they are, how
 * many are more than 20 miles from home, the missing incidents to expect and what it all costs;
 * then five-year totals and net present value. See ./model.ts for the mechanics and ./context.ts
 * for where every input comes from.
 *
 * **Central figures** come from the P50 demand path: each LA's projected median, scaled so the
 * members together make the consortium's median (medians do not add), × its demand-lever
 * multiplier, rounded to whole children that add up to the rounded total. The gap is the consortium's P50 beds needed (the
 * projection's consortium median, scaled by the demand levers' demand-weighted multiplier, ÷ target
 * occupancy) less the scenario's accessible places, so the baseline gap is the projection's.
 *
 * **Uncertainty** is carried through in one of two ways:
 * - *simulated* (when the projection kept its joint simulations): every simulation is allocated
 *   and costed; each figure's P10/P50/P90 are read across simulations, and the probability that the
 *   gap is closed is the share of simulations in which beds needed ≤ accessible places;
 * - *percentile paths* (otherwise): the consortium's P10 and P90 demand paths (each LA's median
 *   scaled by the consortium's P10 ÷ P50 or P90 ÷ P50, since LAs' percentiles do not add) are
 *   allocated and costed like the central path; the probability comes from a lognormal through the
 *   consortium's P50 and P90.
 */
import { assumptionRanges } from '../forecast/assumptionUncertainty.js';
import { normalCdf, percentilesOf, quantileSorted, Z90 } from '../forecast/stats.js';
import {
  centralCostValues,
  costRanges,
  costValuesOf,
  drawCosts,
  revalueCost,
  scenarioSensitivity,
} from './costUncertainty.js';
import type { Percentiles } from '../forecast/types.js';
import {
  checkScenarioForContext,
  leverKey,
  parseScenario,
  ScenarioError,
  type Lever,
  type Scenario,
  type ScenarioInput,
} from './levers.js';
import { financialYear } from './years.js';
import {
  addCost,
  allocationFlows,
  buildYearProblem,
  buildYearSupply,
  costYear,
  deliveryAssumptions,
  demandEffects,
  discountFactor,
  emptyCost,
  fixedCosts,
  placementFigures,
  policyDiagnostics,
  policyShares,
  priceIndexes,
  residualValue,
  sameStructure,
  solveYear,
  type YearAllocation,
  type YearProblem,
} from './model.js';
import type {
  AreaYearOutcome,
  CostBreakdown,
  LeverOutcome,
  PlacementFigures,
  RunScenarioOptions,
  ScenarioAssumption,
  ScenarioContext,
  ScenarioOutcome,
  ScenarioTotals,
  ScenarioYear,
  UncertainFigure,
} from './types.js';

const figureKeys = [
  'children',
  'placedOwnLa',
  'placedElsewhereInConsortium',
  'placedOutside',
  'unmet',
  'over20Miles',
  'expectedMissingIncidents',
] as const;
type CountKey = (typeof figureKeys)[number];

/** Running sums of one demand path (a simulation, or a percentile path) over the years. */
class PathTotals {
  readonly counts: Record<CountKey, number> = {
    children: 0,
    placedOwnLa: 0,
    placedElsewhereInConsortium: 0,
    placedOutside: 0,
    unmet: 0,
    over20Miles: 0,
    expectedMissingIncidents: 0,
  };
  totalCost = 0;
  npv = 0;

  add(f: PlacementFigures, cost: number, factor: number): void {
    for (const k of figureKeys) this.counts[k] += f[k];
    this.totalCost += cost;
    this.npv += cost * factor;
  }

  get over20MilesShare(): number {
    const placed = this.counts.children - this.counts.unmet;
    return placed > 0 ? this.counts.over20Miles / placed : 0;
  }
}

/**
 * Rounds each member's children to whole children so that they add up to their rounded total
 * (largest remainders first), so the consortium's children are the same whichever way they are
 * counted. Works in place on `count` values from `offset` (a whole array by default), so a buffer
 * holding several simulations' members side by side can be rounded one simulation at a time.
 */
export function roundToTotal(values: Float64Array, offset = 0, count = values.length - offset): void {
  let total = 0;
  let floors = 0;
  const order: number[] = [];
  for (let i = 0; i < count; i++) {
    const v = Math.max(0, values[offset + i] ?? 0);
    total += v;
    values[offset + i] = v;
    floors += Math.floor(v);
    order.push(i);
  }
  let extra = Math.round(total) - floors;
  order.sort((a, b) => ((values[offset + b] ?? 0) % 1) - ((values[offset + a] ?? 0) % 1) || a - b);
  for (const i of order) {
    const v = values[offset + i] ?? 0;
    values[offset + i] = Math.floor(v) + (extra > 0 && v % 1 > 0 ? 1 : 0);
    if (extra > 0 && v % 1 > 0) extra--;
  }
}

/** P10/P50/P90 from three path values: ordered, since a figure need not rise with demand. */
const orderedTriple = (a: number, b: number, c: number): Percentiles => {
  const [p10 = a, p50 = b, p90 = c] = [a, b, c].sort((x, y) => x - y);
  return { p10, p50, p90 };
};

const thousands = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const pctText = (v: number): string => `${Math.round(v * 1000) / 10}%`;

function rampText(ramp: readonly number[] | undefined): string {
  return ramp && ramp.length ? ` Ramp-up: ${ramp.map(pctText).join(', ')} in its first years, then 100%.` : '';
}

/** The lever as a stated assumption, so every figure can be traced to what the scenario assumed. */
function leverAssumption(context: ScenarioContext, lever: Lever, key: string): ScenarioAssumption {
  const name = (code: string) =>
    code === 'all' ? 'every member' : (context.members.find((m) => m.code === code)?.name ?? code);
  const base = { key: `lever.${key}`, source: null };
  switch (lever.type) {
    case 'blockContract': {
      const end = financialYear(Number(lever.startYear) + lever.termYears - 1);
      return {
        ...base,
        label: lever.label ?? `Block contract: ${lever.beds} beds in ${name(lever.la)}`,
        value: lever.beds,
        unit: 'beds',
        rationale:
          `£${thousands(lever.weeklyPrice)} a bed a week, ${financialYear(lever.startYear)} to ${end} (${lever.termYears} years), for ${lever.commissionedBy === 'consortium' ? 'any member’s children' : `${name(lever.commissionedBy)}’s children`}; ` +
          `${pctText(lever.guaranteedAccess)} of the beds guaranteed for them; empty beds paid at ${pctText(lever.voidCostShare)} of the price; ` +
          `${lever.fromExistingPlaces ? `existing open-market places in ${name(lever.la)}, which stop being open market` : 'new places'}; ` +
          `price ${lever.indexed ? 'indexed to any price-inflation lever' : 'fixed for the term'}. In the allocation a contracted bed costs only the part of its price not paid when empty; at most ${pctText(context.settings.blockFill)} of its beds hold a child at once (a bed is empty between children), and beds no child needs are voids.${rampText(lever.rampUp)}`,
      };
    }
    case 'newHome':
      return {
        ...base,
        label:
          lever.label ??
          `New ${lever.runBy === 'la' ? 'LA-run' : 'consortium'} home: ${lever.places} places in ${name(lever.la)}`,
        value: lever.places,
        unit: 'places',
        rationale:
          `Opens ${financialYear(lever.openingYear)} for ${lever.runBy === 'la' ? `${name(lever.la)}’s own children` : 'any member’s children'} (need type: ${lever.needType}; places are treated as interchangeable across need types). ` +
          `Capital £${thousands(lever.capitalCost)} in the year before opening (the first projected year if that is earlier), written off straight-line over ${lever.assetLifeYears} years: what is left at the end of ${financialYear(context.years[context.years.length - 1] ?? '')} is credited as residual value in the last year. Running cost £${thousands(lever.runningCostPerYear)} a year from opening, whatever the occupancy, so its places cost nothing extra per child.${rampText(lever.rampUp)}`,
      };
    case 'localFirstAgreement':
      return {
        ...base,
        label: lever.label ?? `Local-first access agreement in ${name(lever.la)}`,
        value: lever.share,
        unit: 'share of open-market places offered first',
        rationale: `From ${financialYear(lever.startYear)}, providers offer ${pctText(lever.share)} of open-market places first to consortium children; accessible share = base + ${pctText(lever.share)} × (1 − base). Cost £${thousands(lever.annualCost)} a year.${rampText(lever.rampUp)}`,
      };
    case 'closure':
      return {
        ...base,
        label: lever.label ?? `Closure: ${lever.places} ${lever.sector.toLowerCase()} places in ${name(lever.la)}`,
        value: lever.places,
        unit: 'places',
        rationale: `Removed from ${financialYear(lever.year)} onwards. The children who would have used them are placed where beds remain, at the price, travel and missing risk there.`,
      };
    case 'prevention':
      return {
        ...base,
        label: lever.label ?? `Prevention in ${name(lever.la)}`,
        value: lever.entriesReduction,
        unit: 'share fewer entries',
        rationale: `From ${financialYear(lever.startYear)}, entries to children’s homes fall by ${pctText(lever.entriesReduction)} (prevention levers together at most ${pctText(context.settings.preventionMaxShare)}); the number in homes falls gradually as placements end (mean 444 days). Cost £${thousands(lever.annualCost)} a year plus £${thousands(deliveryAssumptions(context, lever).perChild)} per child worked with, ${deliveryAssumptions(context, lever).workedWith} worked with per entry prevented. Evidence: ${lever.evidence?.trim() || 'none stated'}.${rampText(lever.rampUp)}`,
      };
    case 'stepDown':
      return {
        ...base,
        label: lever.label ?? `Step-down to foster care in ${name(lever.la)}`,
        value: lever.annualShare,
        unit: 'share of children a year',
        rationale: `From ${financialYear(lever.startYear)}, ${pctText(lever.annualShare)} of children in children’s homes a year (step-down levers together at most ${pctText(context.settings.stepDownMaxShare)}) move to foster care at £${thousands(lever.fosterWeeklyCost ?? context.prices.fosterAgency)} a week, staying as long as they would have stayed in the home, each move costing £${thousands(deliveryAssumptions(context, lever).perChild)}. Programme cost £${thousands(lever.annualCost)} a year. Evidence: ${lever.evidence?.trim() || 'none stated'}.${rampText(lever.rampUp)}`,
      };
    case 'priceInflation':
      return {
        ...base,
        label: lever.label ?? 'Price inflation',
        value: lever.annualRate,
        unit: 'per year',
        rationale: `Real price growth of ${pctText(lever.annualRate)} a year from ${financialYear(lever.startYear)} on spot prices, running and programme costs and indexed block contracts (not capital, not fixed-price blocks).`,
      };
    case 'distancePolicy':
      return {
        ...base,
        label: lever.label ?? `Distance policy (${name(lever.la)})`,
        value: 20,
        unit: 'miles',
        rationale: `From ${financialYear(lever.startYear)}, no new placement more than 20 miles from home unless no bed is available nearer. Children placed before it stay where they are, so it covers ${lever.rampUp ? 'the ramp-up share' : 'the share placed since it began (1 − e^(−t ÷ mean placement length))'} of children.${rampText(lever.rampUp)}`,
      };
  }
}

interface PathResult {
  allocation: YearAllocation;
  figures: PlacementFigures;
  cost: CostBreakdown;
}

/**
 * Runs a scenario on a context (see the file comment). Accepts a scenario as parsed or as supplied
 * (defaults are filled in); throws a {@link ScenarioError} listing every problem when it is invalid.
 */
export function runScenario(
  context: ScenarioContext,
  input: Scenario | ScenarioInput,
  options: RunScenarioOptions = {},
): ScenarioOutcome {
  const parsed = parseScenario(input);
  const name = typeof (input as { name?: unknown })?.name === 'string' ? (input as { name: string }).name : '(unnamed)';
  if (!parsed.ok) throw new ScenarioError(name, parsed.issues);
  return runParsedScenario(context, parsed.scenario, options, name);
}

/**
 * Runs a scenario already parsed with the schema (by {@link parseScenario}, or where a lever form
 * became a scenario), so its shape is not checked again: only against this context (members, years),
 * throwing a {@link ScenarioError} named `name` when it names a non-member or a year outside it.
 */
export function runParsedScenario(
  context: ScenarioContext,
  scenario: Scenario,
  options: RunScenarioOptions = {},
  name: string = scenario.name,
): ScenarioOutcome {
  const issues = checkScenarioForContext(scenario, context);
  if (issues.length > 0) throw new ScenarioError(name, issues);
  const levers = scenario.levers;
  const M = context.members.length;
  const H = context.years.length;
  const occupancy = context.settings.targetOccupancy;
  const rate = context.settings.discountRate;
  const warnings = new Set<string>(context.warnings);
  const keys = levers.map(leverKey);
  const effects = demandEffects(context, levers);
  const indexes = priceIndexes(context, levers);

  const wantSimulated = (options.uncertainty ?? 'auto') !== 'percentile paths';
  if (options.uncertainty === 'simulated' && context.simulations === 0) {
    warnings.add('The projection kept no simulations: uncertainty comes from its P10 and P90 paths instead.');
  }
  const simulated = wantSimulated && context.simulations > 0;
  const stride = context.simulations;
  const S = simulated ? Math.min(stride, Math.max(1, Math.floor(options.maxSimulations ?? stride))) : 0;
  const pathCount = simulated ? S : 2; // percentile paths: P10 and P90 (the central path is kept apart)
  const pathTotals = Array.from({ length: pathCount }, () => new PathTotals());
  // Cost assumptions drawn per simulation (./costUncertainty.ts): each simulation's allocation
  // re-valued at its own prices, growth, premium, travel and missing-incident cost.
  const costRangeList = costRanges(context);
  const centralCosts = centralCostValues(costRangeList);
  const costDraws = simulated ? drawCosts(costRangeList, stride, context.seed ?? 1) : null;
  const demandOnlyCost = new Float64Array(pathCount);
  const demandOnlyNpv = new Float64Array(pathCount);
  // The horizon year's parts of the gap, for the tornadoes (set in the last year).
  const atHorizon: {
    horizon: {
      demand: { p10: number; p50: number; p90: number };
      accessible: number;
      openMarket: number;
      supplyDrawn: { p10: number; p90: number } | null;
    } | null;
  } = { horizon: null };
  const centralTotals = new PathTotals();
  const totalCost = emptyCost();
  const npv = emptyCost();
  let gapSum = 0;
  const children = new Float64Array(M);
  const base = new Float64Array(M);
  let previous: YearProblem | null = null;
  const track = {
    prevented: new Array<number>(H).fill(0),
    movedDown: new Array<number>(H).fill(0),
    delivery: new Array<number>(H).fill(0),
    accessible: new Array<number>(H).fill(0),
    factor: new Array<number>(H).fill(0),
    policy: new Array<{ policyDistant: number; freeNear: number } | null>(H).fill(null),
    blocks: new Map<number, { paid: number[]; used: number[]; npvPerPound: number }>(),
  };
  levers.forEach((l, k) => {
    if (l.type === 'blockContract')
      track.blocks.set(k, { paid: new Array(H).fill(0), used: new Array(H).fill(0), npvPerPound: 0 });
  });

  const years: ScenarioYear[] = context.years.map((year, h) => {
    const index = indexes[h] ?? 1;
    const supply = buildYearSupply(context, levers, h, index);
    supply.warnings.forEach((w) => warnings.add(w));
    const policy = policyShares(context, levers, h);
    const problem =
      previous && sameStructure(previous, supply, policy)
        ? { ...previous, supply }
        : buildYearProblem(context, supply, policy);
    previous = problem;
    const fixed = fixedCosts(context, scenario, h, index);
    const factor = discountFactor(rate, h);
    const accessible = supply.accessiblePlaces;

    /** Allocates and costs one demand path given each member's projected (pre-lever) demand in `base`. */
    const evaluate = (): PathResult => {
      let fosterWeekly = 0;
      let delivery = 0;
      for (let i = 0; i < M; i++) {
        const b = base[i] ?? 0;
        children[i] = b * (effects.multiplier[i * H + h] ?? 1);
        fosterWeekly += b * (effects.fosterWeekly[i * H + h] ?? 0);
        delivery += b * (effects.deliveryCost[i * H + h] ?? 0);
      }
      roundToTotal(children);
      const allocation = solveYear(context, problem, children);
      const figures = placementFigures(context, allocation);
      const cost = costYear(context, problem, allocation, fixed, { fosterWeekly, delivery }, index);
      return { allocation, figures, cost };
    };
    const leveredNeed = (): number => {
      let need = 0;
      for (let i = 0; i < M; i++) need += (base[i] ?? 0) * (effects.multiplier[i * H + h] ?? 1);
      return need;
    };

    // Central path: each member's median, scaled so that together they make the consortium's median
    // (members' medians do not add up to the total's), so the children allocated are the children
    // the gap counts.
    let memberMedians = 0;
    for (let i = 0; i < M; i++) memberMedians += context.demand[i]?.p50[h] ?? 0;
    const consortiumMedian = context.consortiumDemand.p50[h] ?? memberMedians;
    const toConsortium = memberMedians > 0 ? consortiumMedian / memberMedians : 1;
    let baseTotal = 0;
    for (let i = 0; i < M; i++) {
      base[i] = (context.demand[i]?.p50[h] ?? 0) * toConsortium;
      baseTotal += base[i] ?? 0;
    }
    const multiplier = baseTotal > 0 ? leveredNeed() / baseTotal : 1;
    let steppedDown = 0;
    for (let i = 0; i < M; i++) {
      const b = base[i] ?? 0;
      steppedDown += b * (effects.steppedDown[i * H + h] ?? 0);
      track.prevented[h] = (track.prevented[h] ?? 0) + b * (effects.prevented[i * H + h] ?? 0);
      track.movedDown[h] = (track.movedDown[h] ?? 0) + b * (effects.movedDown[i * H + h] ?? 0);
      track.delivery[h] = (track.delivery[h] ?? 0) + b * (effects.deliveryCost[i * H + h] ?? 0) * index;
    }
    const central = evaluate();
    for (const b of supply.blocks) {
      const stats = track.blocks.get(b.lever);
      if (!stats) continue;
      const used = central.allocation.used[b.pool] ?? 0;
      stats.paid[h] = b.paidBeds;
      stats.used[h] = used;
      stats.npvPerPound +=
        factor *
        context.settings.weeksPerYear *
        (used + b.voidCostShare * Math.max(0, b.paidBeds - used)) *
        (b.weeklyPrice / Math.max(1e-9, (levers[b.lever] as { weeklyPrice?: number }).weeklyPrice ?? b.weeklyPrice));
    }
    if (policy.some((x) => x > 0)) track.policy[h] = policyDiagnostics(context, problem, central.allocation);
    track.accessible[h] = accessible;
    track.factor[h] = factor;
    const demand = (context.consortiumDemand.p50[h] ?? 0) * multiplier;
    const bedsNeeded = demand / occupancy;
    const gap = bedsNeeded - accessible;
    centralTotals.add(central.figures, central.cost.total, factor);
    addCost(totalCost, central.cost);
    addCost(npv, central.cost, factor);
    gapSum += gap;

    // Uncertainty.
    const values: Record<UncertainFigure, number[]> = {
      gap: [],
      children: [],
      placedOwnLa: [],
      placedElsewhereInConsortium: [],
      placedOutside: [],
      unmet: [],
      over20Miles: [],
      over20MilesShare: [],
      expectedMissingIncidents: [],
      totalCost: [],
    };
    const record = (f: PlacementFigures, cost: number, g: number) => {
      for (const k of figureKeys) values[k].push(f[k]);
      values.over20MilesShare.push(f.over20MilesShare);
      values.totalCost.push(cost);
      values.gap.push(g);
    };
    let probabilityGapClosed: number;
    if (simulated) {
      let closed = 0;
      const drawn = context.assumptionDraws;
      const share = context.settings.consortiumOpenMarketAccessShare;
      for (let s = 0; s < S; s++) {
        for (let i = 0; i < M; i++) base[i] = context.demand[i]?.samples?.[h * stride + s] ?? 0;
        const r = evaluate();
        // The gap draws occupancy, the access share and the supply path as the projection's simulations do.
        const occ = drawn?.targetOccupancy[s] ?? occupancy;
        const shareS = drawn?.consortiumOpenMarketAccessShare[s] ?? share;
        const places = drawn
          ? Math.max(
              0,
              accessible +
                (shareS - share) * supply.openMarketUnoffered +
                (drawn.supplyLaRun?.[h * stride + s] ?? 0) +
                shareS * (drawn.supplyOpenMarket?.[h * stride + s] ?? 0),
            )
          : accessible;
        const g = leveredNeed() / occ - places;
        if (g <= 0) closed++;
        const cost = costDraws
          ? revalueCost(r.cost, h, costValuesOf(costDraws, s, centralCosts), centralCosts)
          : r.cost.total;
        record(r.figures, cost, g);
        pathTotals[s]?.add(r.figures, cost, factor);
        demandOnlyCost[s] = (demandOnlyCost[s] ?? 0) + r.cost.total;
        demandOnlyNpv[s] = (demandOnlyNpv[s] ?? 0) + r.cost.total * factor;
      }
      probabilityGapClosed = closed / S;
    } else {
      const paths: PlacementFigures[] = [];
      const costs: number[] = [];
      const gaps: number[] = [];
      (['p10', 'p90'] as const).forEach((p, k) => {
        const ratio =
          (context.consortiumDemand.p50[h] ?? 0) > 0
            ? (context.consortiumDemand[p][h] ?? 0) / (context.consortiumDemand.p50[h] ?? 1)
            : 1;
        for (let i = 0; i < M; i++) base[i] = (context.demand[i]?.p50[h] ?? 0) * toConsortium * ratio;
        const r = evaluate();
        paths.push(r.figures);
        costs.push(r.cost.total);
        gaps.push(((context.consortiumDemand[p][h] ?? 0) * multiplier) / occupancy - accessible);
        pathTotals[k]?.add(r.figures, r.cost.total, factor);
        demandOnlyCost[k] = (demandOnlyCost[k] ?? 0) + r.cost.total;
        demandOnlyNpv[k] = (demandOnlyNpv[k] ?? 0) + r.cost.total * factor;
      });
      const [lo, hi] = paths;
      if (lo && hi) {
        record(lo, costs[0] ?? 0, gaps[0] ?? 0);
        record(central.figures, central.cost.total, gap);
        record(hi, costs[1] ?? 0, gaps[1] ?? 0);
      }
      const p50 = (context.consortiumDemand.p50[h] ?? 0) * multiplier;
      const p90 = (context.consortiumDemand.p90[h] ?? 0) * multiplier;
      const threshold = accessible * occupancy;
      const sigma = p50 > 0 && p90 > p50 ? Math.log(p90 / p50) / Z90 : 0;
      if (p50 <= 0) probabilityGapClosed = 1;
      else if (threshold <= 0) probabilityGapClosed = 0;
      else if (sigma === 0) probabilityGapClosed = p50 <= threshold ? 1 : 0;
      else probabilityGapClosed = normalCdf(Math.log(threshold / p50) / sigma);
    }
    const percentiles = Object.fromEntries(
      Object.entries(values).map(([k, list]) => [
        k,
        simulated ? percentilesOf(list) : orderedTriple(list[0] ?? NaN, list[1] ?? NaN, list[2] ?? NaN),
      ]),
    ) as Record<UncertainFigure, Percentiles>;
    if (simulated && context.assumptionDraws) {
      // As in the projection: the median gap is the one at the plan's own assumptions; the range
      // draws the assumptions too.
      const g = percentiles.gap;
      percentiles.gap = { p10: Math.min(g.p10, gap), p50: gap, p90: Math.max(g.p90, gap) };
    }

    if (h === H - 1) {
      const supplyLaRun = context.assumptionDraws?.supplyLaRun;
      const supplyOpen = context.assumptionDraws?.supplyOpenMarket;
      let supplyDrawn: { p10: number; p90: number } | null = null;
      if (simulated && supplyLaRun && supplyOpen) {
        const v = new Float64Array(S);
        const share = context.settings.consortiumOpenMarketAccessShare;
        for (let s = 0; s < S; s++)
          v[s] = (supplyLaRun[h * stride + s] ?? 0) + share * (supplyOpen[h * stride + s] ?? 0);
        v.sort();
        supplyDrawn = { p10: quantileSorted(v, 0.1), p90: quantileSorted(v, 0.9) };
      }
      atHorizon.horizon = {
        demand: {
          p10: (context.consortiumDemand.p10[h] ?? 0) * multiplier,
          p50: demand,
          p90: (context.consortiumDemand.p90[h] ?? 0) * multiplier,
        },
        accessible,
        openMarket: supply.openMarketUnoffered,
        supplyDrawn,
      };
    }

    const areas: AreaYearOutcome[] = context.members.map((m, i) => ({
      code: m.code,
      name: m.name,
      ...placementFigures(context, central.allocation, i),
    }));
    const contracted = supply.blocks.reduce((s, b) => s + b.paidBeds, 0);
    const blockUsed = supply.blocks.reduce((s, b) => s + (central.allocation.used[b.pool] ?? 0), 0);
    return {
      year,
      ...central.figures,
      demand,
      bedsNeeded,
      accessiblePlaces: accessible,
      gap,
      blockBeds: { contracted, used: blockUsed },
      steppedDown,
      cost: central.cost,
      discountFactor: factor,
      presentValue: central.cost.total * factor,
      percentiles,
      probabilityGapClosed,
      areas,
      flows: options.flows === false ? [] : allocationFlows(context, problem, central.allocation, keys),
    };
  });

  const totalsPercentiles = (pick: (t: PathTotals) => number): Percentiles => {
    if (simulated) return percentilesOf(pathTotals.map(pick));
    return orderedTriple(
      pick(pathTotals[0] ?? centralTotals),
      pick(centralTotals),
      pick(pathTotals[1] ?? centralTotals),
    );
  };
  const totals: ScenarioTotals = {
    years: H,
    ...centralTotals.counts,
    over20MilesShare: centralTotals.over20MilesShare,
    gap: gapSum,
    finalYearGap: years[H - 1]?.gap ?? 0,
    cost: totalCost,
    percentiles: {
      ...(Object.fromEntries(figureKeys.map((k) => [k, totalsPercentiles((t) => t.counts[k])])) as Record<
        CountKey,
        Percentiles
      >),
      over20MilesShare: totalsPercentiles((t) => t.over20MilesShare),
      totalCost: totalsPercentiles((t) => t.totalCost),
      npv: totalsPercentiles((t) => t.npv),
    },
  };

  const gapRanges = assumptionRanges(context.settings);
  const rangeOf = (key: 'targetOccupancy' | 'consortiumOpenMarketAccessShare') => {
    const r = gapRanges.find((x) => x.key === key);
    return {
      low: r?.low ?? NaN,
      central: r?.central ?? NaN,
      high: r?.high ?? NaN,
      basis: r?.basis ?? '',
      label: r?.label ?? key,
    };
  };
  const demandCost = simulated
    ? percentilesOf(Array.from(demandOnlyCost))
    : orderedTriple(demandOnlyCost[0] ?? NaN, totalCost.total, demandOnlyCost[1] ?? NaN);
  const demandNpv = simulated
    ? percentilesOf(Array.from(demandOnlyNpv))
    : orderedTriple(demandOnlyNpv[0] ?? NaN, npv.total, demandOnlyNpv[1] ?? NaN);
  const horizon = atHorizon.horizon;
  const sensitivity = horizon
    ? scenarioSensitivity({
        year: context.years[H - 1] ?? '',
        gap: years[H - 1]?.gap ?? 0,
        demand: horizon.demand,
        occupancy: rangeOf('targetOccupancy'),
        share: rangeOf('consortiumOpenMarketAccessShare'),
        accessible: horizon.accessible,
        openMarket: horizon.openMarket,
        supplyDrawn: horizon.supplyDrawn,
        yearCosts: years.map((y) => y.cost),
        totalCost: totalCost.total,
        demandCost: { p10: demandCost.p10, p90: demandCost.p90 },
        demandNpv: { p10: demandNpv.p10, p90: demandNpv.p90 },
        discountFactors: years.map((y) => y.discountFactor),
        ranges: costRangeList,
      })
    : undefined;

  const assumptions: ScenarioAssumption[] = [
    ...context.assumptions,
    {
      key: 'uncertainty',
      label: simulated ? 'Demand simulations allocated' : 'Demand percentile paths allocated',
      value: simulated ? S : 3,
      unit: simulated ? 'simulations' : 'paths',
      rationale: simulated
        ? 'Every kept joint simulation of the projection is allocated and costed; P10/P50/P90 of each figure are read across simulations. Each simulation also draws the cost assumptions (weekly prices by sector, real price growth, the out-of-area premium, travel per mile, the cost of a missing incident; ranges in the assumptions and the cost tornado) and its allocation is re-valued at them, and the gap draws occupancy, the access share and a supply path.'
        : 'The projection kept no simulations: the consortium’s P10, P50 and P90 demand paths are allocated (each LA’s median scaled by the consortium’s P10 ÷ P50 or P90 ÷ P50, since LAs’ percentiles do not add); the probability of closing the gap uses a lognormal through the consortium’s P50 and P90.',
      source: null,
    },
    ...levers.map((lever, k) => leverAssumption(context, lever, keys[k] ?? String(k))),
  ];
  const growth = costRangeList.find((r) => r.key === 'priceGrowth');
  if (growth) {
    assumptions.push({
      key: 'priceGrowth',
      label: growth.label,
      value: growth.central,
      unit: growth.unit,
      rationale: `${growth.basis} Drawn in every simulation (${simulated ? 'here' : 'not here: no simulations were kept'}); a price-inflation lever adds its own growth on top.`,
      source: null,
      low: growth.low,
      high: growth.high,
    });
  }
  if (levers.some((l) => l.type === 'priceInflation')) {
    assumptions.push({
      key: 'priceIndexFinalYear',
      label: `Price index in ${context.years[H - 1] ?? ''}`,
      value: Math.round((indexes[H - 1] ?? 1) * 10_000) / 10_000,
      unit: `× ${context.prices.priceYear} prices`,
      rationale: 'Product of (1 + rate) over the years each price-inflation lever has run.',
      source: null,
    });
  }

  return {
    scenario,
    consortiumName: context.consortiumName,
    baseYear: context.baseYear,
    years,
    totals,
    npv,
    discountRate: rate,
    uncertainty: simulated ? 'simulated' : 'percentile paths',
    simulations: S,
    calibration: context.calibration,
    levers: leverOutcomes(context, levers, keys, years, effects.capped, track),
    assumptions,
    warnings: [...warnings],
    ...(sensitivity ? { sensitivity } : {}),
  };
}

interface LeverTrack {
  prevented: number[];
  movedDown: number[];
  delivery: number[];
  accessible: number[];
  factor: number[];
  policy: ({ policyDistant: number; freeNear: number } | null)[];
  blocks: Map<number, { paid: number[]; used: number[]; npvPerPound: number }>;
}

const oneDecimal = (v: number): string => (Math.round(v * 10) / 10).toFixed(1).replace(/\.0$/, '');
const money = (v: number): string =>
  Math.abs(v) >= 999_500 ? `£${(Math.round(v / 1e5) / 10).toFixed(1)}m` : `£${thousands(v)}`;

/** What each lever did on the central path, in words — and why, when it did nothing. */
function leverOutcomes(
  context: ScenarioContext,
  levers: readonly Lever[],
  keys: readonly string[],
  years: readonly ScenarioYear[],
  capped: readonly boolean[],
  track: LeverTrack,
): LeverOutcome[] {
  const H = context.years.length;
  const fy = (h: number) => financialYear(context.years[h] ?? '');
  const last = H - 1;
  const preventionCount = levers.filter((l) => l.type === 'prevention').length;
  const stepDownCount = levers.filter((l) => l.type === 'stepDown').length;
  return levers.map((lever, k): LeverOutcome => {
    const key = keys[k] ?? String(k);
    const label = leverAssumption(context, lever, key).label;
    const notes: string[] = [];
    const out: LeverOutcome = { key, type: lever.type, label, notes };
    switch (lever.type) {
      case 'blockContract': {
        const stats = track.blocks.get(k);
        if (!stats) break;
        const voidShare = stats.paid.map((p, h) => (p > 0 ? Math.max(0, p - (stats.used[h] ?? 0)) / p : 0));
        out.block = {
          paidBeds: stats.paid,
          usedBeds: stats.used,
          voidShare,
          npvPerPound: stats.npvPerPound,
          weeklyPrice: lever.weeklyPrice,
        };
        const active = stats.paid.map((p, h) => ({ p, h })).filter((x) => x.p > 0);
        if (active.length === 0) {
          notes.push('Its term falls outside the projection: it changes nothing here.');
        } else if (active.every(({ h }) => (stats.used[h] ?? 0) < 1e-6)) {
          notes.push(
            'No child was placed in its beds in any year: every child it could take was placed more cheaply elsewhere, or it was open to no child who needed a place. It only adds voids.',
          );
        } else {
          notes.push(
            `Beds in use: ${active
              .map(({ p, h }) => `${oneDecimal(stats.used[h] ?? 0)} of ${oneDecimal(p)} in ${fy(h)}`)
              .join(
                '; ',
              )} — voids ${active.map(({ h }) => pctText(voidShare[h] ?? 0)).join(', ')}, paid at ${pctText(lever.voidCostShare)} of the price. At most ${pctText(context.settings.blockFill)} of the beds can hold a child at once.`,
          );
        }
        break;
      }
      case 'newHome': {
        const { yearsUsed, value } = residualValue(context, lever);
        const presentValue = value * (track.factor[last] ?? 1);
        out.residual = {
          capital: lever.capitalCost,
          assetLifeYears: lever.assetLifeYears,
          yearsUsed,
          value,
          presentValue,
        };
        notes.push(
          `Capital ${money(lever.capitalCost)}, written off over ${lever.assetLifeYears} years: after ${yearsUsed} year${yearsUsed === 1 ? '' : 's'} in use by the end of ${fy(last)}, ${money(value)} is left, credited in ${fy(last)} (${money(presentValue)} in present value).`,
        );
        break;
      }
      case 'localFirstAgreement':
        if (lever.annualCost === 0) {
          notes.push(
            'Entered at no cost. An agreement that changes who gets local beds is rarely free: add the cost of managing it and any retainer or price providers ask for, or the comparison flatters it.',
          );
        }
        break;
      case 'closure':
        break;
      case 'prevention':
      case 'stepDown': {
        const isPrevention = lever.type === 'prevention';
        const children = (isPrevention ? track.prevented : track.movedDown).reduce((s, v) => s + v, 0);
        const delivery = track.delivery.reduce((s, v) => s + v, 0);
        out.demand = { children, deliveryCost: delivery, capped: capped[k] ?? false };
        const together = (isPrevention ? preventionCount : stepDownCount) > 1 ? ' (all such levers together)' : '';
        notes.push(
          isPrevention
            ? `${oneDecimal(children)} entries to children’s homes prevented over ${H} years${together}, delivery ${money(delivery)} besides the £${thousands(lever.annualCost)} a year.`
            : `${oneDecimal(children)} children stepped down over ${H} years${together}, one-off costs ${money(delivery)} besides foster care and the £${thousands(lever.annualCost)} a year.`,
        );
        if (capped[k]) {
          notes.push(
            isPrevention
              ? `Capped: prevention levers together are held to ${pctText(context.settings.preventionMaxShare)} fewer entries, the most the evidence makes plausible (see the assumption “prevention.maxShare”).`
              : `Capped: step-down levers together are held to ${pctText(context.settings.stepDownMaxShare)} of children a year, limited by foster carers for older children (see “stepDown.maxShare”).`,
          );
        }
        if (!lever.evidence?.trim()) {
          notes.push(
            'No evidence base is stated for its effect: say what evaluation it rests on and why it applies here.',
          );
        }
        if (lever.annualCost === 0 && lever.costPerChild === undefined) {
          notes.push('No cost of its own is entered: the model’s default delivery cost per child is used.');
        }
        break;
      }
      case 'priceInflation':
        break;
      case 'distancePolicy': {
        const active = track.policy
          .map((d, h) => ({ d, h }))
          .filter((x): x is { d: { policyDistant: number; freeNear: number }; h: number } => x.d !== null);
        if (active.length === 0) {
          notes.push('It starts after the projection ends: it changes nothing here.');
          break;
        }
        const distant = active.filter(({ d }) => d.policyDistant > 1e-6);
        if (distant.length === 0) {
          notes.push(
            'No child under the policy would be placed more than 20 miles away in any year: it changes nothing.',
          );
        } else if (distant.every(({ d }) => d.freeNear < 1e-6)) {
          notes.push(
            `No nearer beds are free in any year: every bed within 20 miles is taken, so children under the policy are still placed more than 20 miles away (${distant
              .map(({ d, h }) => `${oneDecimal(d.policyDistant)} in ${fy(h)}`)
              .join('; ')}). It can only move children nearer when beds within 20 miles are added.`,
          );
        } else {
          notes.push(
            `Children under the policy still placed more than 20 miles away: ${distant
              .map(({ d, h }) => `${oneDecimal(d.policyDistant)} in ${fy(h)}`)
              .join('; ')}; no bed within 20 miles that they may use was left free.`,
          );
        }
        break;
      }
    }
    void years;
    return out;
  });
}
