/**
 * A scenario year's uncertainty: each figure's P10/P50/P90 and the probability that the gap is
 * closed, from the kept simulations (each allocated and costed, its costs re-valued at its own cost
 * draws, its gap drawing occupancy, the access share and supply) or from the consortium's P10 and
 * P90 percentile paths (the probability then from a lognormal through P50 and P90); and the horizon
 * year's parts of the gap, for the tornadoes.
 */
import { normalCdf, percentilesOf, quantileSorted, Z90 } from '../../forecast/stats.js';
import type { Percentiles } from '../../forecast/types.js';
import { costValuesOf, revalueCost } from '../costUncertainty.js';
import type { YearSupply } from '../model/index.js';
import type { PlacementFigures, UncertainFigure } from '../types.js';
import { figureKeys, orderedTriple, type PathResult } from './paths.js';
import type { RunState } from './state.js';

/** What one year's uncertainty is read from: the year's supply, central path and gap. */
export interface YearPaths {
  h: number;
  supply: YearSupply;
  accessible: number;
  factor: number;
  /** Scales members' medians to the consortium's median. */
  toConsortium: number;
  /** The demand levers' demand-weighted multiplier. */
  multiplier: number;
  central: PathResult;
  gap: number;
  /** Allocates and costs the demand path in `run.base`. */
  evaluate: () => PathResult;
  /** Children needing a place on the path in `run.base`, after the demand levers. */
  leveredNeed: () => number;
}

/** The year's P10/P50/P90 of each figure and the probability that the gap is closed. */
export function yearUncertainty(
  run: RunState,
  year: YearPaths,
): { percentiles: Record<UncertainFigure, Percentiles>; probabilityGapClosed: number } {
  const {
    context,
    M,
    occupancy,
    simulated,
    stride,
    S,
    pathTotals,
    centralCosts,
    costDraws,
    demandOnlyCost,
    demandOnlyNpv,
    base,
  } = run;
  const { h, supply, accessible, factor, toConsortium, multiplier, central, gap, evaluate, leveredNeed } = year;
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
  return { percentiles, probabilityGapClosed };
}

/** Records the horizon year's parts of the gap (demand percentiles, places, supply drawn) in the run. */
export function recordHorizon(
  run: RunState,
  h: number,
  supply: YearSupply,
  accessible: number,
  multiplier: number,
  demand: number,
): void {
  const { context, simulated, stride, S, atHorizon } = run;
  const supplyLaRun = context.assumptionDraws?.supplyLaRun;
  const supplyOpen = context.assumptionDraws?.supplyOpenMarket;
  let supplyDrawn: { p10: number; p90: number } | null = null;
  if (simulated && supplyLaRun && supplyOpen) {
    const v = new Float64Array(S);
    const share = context.settings.consortiumOpenMarketAccessShare;
    for (let s = 0; s < S; s++) v[s] = (supplyLaRun[h * stride + s] ?? 0) + share * (supplyOpen[h * stride + s] ?? 0);
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
