/**
 * One projected year of a scenario run: the year's supply, allocation problem and fixed costs; the
 * central path (each member's median scaled to the consortium's median, × its demand-lever
 * multiplier) allocated and costed; the gap; the year's uncertainty; and what each member's children
 * got.
 */
import {
  addCost,
  allocationFlows,
  buildYearProblem,
  buildYearSupply,
  costYear,
  discountFactor,
  fixedCosts,
  placementFigures,
  policyDiagnostics,
  policyShares,
  sameStructure,
  solveYear,
} from '../model/index.js';
import type { AreaYearOutcome, ScenarioYear } from '../types.js';
import { roundToTotal, type PathResult } from './paths.js';
import type { RunState } from './state.js';
import { recordHorizon, yearUncertainty } from './uncertainty.js';

/** Runs projected year `h` (see the file comment), adding to the run's totals and lever tracks. */
export function runYear(run: RunState, year: string, h: number): ScenarioYear {
  const {
    context,
    options,
    scenario,
    levers,
    M,
    H,
    occupancy,
    rate,
    warnings,
    keys,
    effects,
    indexes,
    centralTotals,
    totalCost,
    npv,
    children,
    base,
    previous,
    track,
  } = run;
  const index = indexes[h] ?? 1;
  const supply = buildYearSupply(context, levers, h, index);
  supply.warnings.forEach((w) => warnings.add(w));
  const policy = policyShares(context, levers, h);
  const problem =
    previous && sameStructure(previous, supply, policy)
      ? { ...previous, supply }
      : buildYearProblem(context, supply, policy);
  run.previous = problem;
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
  run.gapSum += gap;

  const { percentiles, probabilityGapClosed } = yearUncertainty(run, {
    h,
    supply,
    accessible,
    factor,
    toConsortium,
    multiplier,
    central,
    gap,
    evaluate,
    leveredNeed,
  });
  if (h === H - 1) recordHorizon(run, h, supply, accessible, multiplier, demand);

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
}
