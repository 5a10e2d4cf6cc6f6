/**
 * One year's figures for an area or the consortium (./summarise.ts): beds needed (demand ÷ target
 * occupancy, by need type), the gap against accessible places and the probability of being short,
 * from simulations or from an analytic spread, with the assumptions' own uncertainty drawn in; and
 * the sum of several histories.
 */
import type { AnalyticDemand } from '../demand.js';
import type { AssumptionDraws } from '../assumptionUncertainty.js';
import { normalCdf, quantileSorted, Z90 } from '../stats.js';
import type { DemandSummary, ForecastSettings, Percentiles, YearProjection, YearValue } from '../types.js';
import { probabilityInformative } from './probability.js';
import type { SupplyDeltas } from './supplyPaths.js';

/** Beds needed for a number of children at a target occupancy. */
export function bedsNeeded(children: number, targetOccupancy: number): number {
  return children / targetOccupancy;
}

const scale = (p: Percentiles, k: number): Percentiles => ({ p10: p.p10 * k, p50: p.p50 * k, p90: p.p90 * k });
const shift = (p: Percentiles, k: number): Percentiles => ({ p10: p.p10 + k, p50: p.p50 + k, p90: p.p90 + k });

export function yearFigures(
  year: string,
  demand: DemandSummary,
  probability: number,
  population: number,
  registered: number,
  accessible: number,
  settings: ForecastSettings,
): YearProjection {
  const occ = settings.targetOccupancy;
  const beds = scale(demand, 1 / occ);
  return {
    year,
    demand,
    population0to17: population,
    ratePer10k: scale(demand, population > 0 ? 10_000 / population : NaN),
    bedsNeeded: beds,
    bedsNeededByNeedType: {
      mainstream: scale(beds, settings.needTypeShares.mainstream),
      soloComplex: scale(beds, settings.needTypeShares.soloComplex),
    },
    registeredPlaces: registered,
    accessiblePlaces: accessible,
    gap: shift(beds, -accessible),
    probabilityNeedExceedsAccessible: probability,
    probabilityInformative: probabilityInformative(probability),
  };
}

export function analyticYear(a: AnalyticDemand, h: number, accessible: number, occ: number): [DemandSummary, number] {
  const median = a.median[h] ?? 0;
  const sd = a.logSd[h] ?? 0;
  const spread = Math.exp(a.q * sd);
  const demand: DemandSummary = { p10: median / spread, p50: median, p90: median * spread, mean: a.mean[h] ?? median };
  const threshold = accessible * occ;
  let probability: number;
  if (median <= 0) probability = 0;
  else if (threshold <= 0) probability = 1;
  else if (sd === 0) probability = median > threshold ? 1 : 0;
  else probability = 1 - normalCdf(Math.log(threshold / median) / ((sd * a.q) / Z90));
  return [demand, probability];
}

/** The sum of several histories, for the years every one of them has, in year order. */
export const sumHistory = (histories: YearValue[][]): YearValue[] => {
  const byYear = new Map<string, { value: number; count: number }>();
  for (const history of histories) {
    for (const d of history) {
      const e = byYear.get(d.year) ?? { value: 0, count: 0 };
      e.value += d.value;
      e.count++;
      byYear.set(d.year, e);
    }
  }
  return [...byYear]
    .filter(([, e]) => e.count === histories.length)
    .map(([year, e]) => ({ year, value: e.value }))
    .sort((a, b) => (a.year < b.year ? -1 : 1));
};

/**
 * The gap's 80% range and the chance of being short with the assumptions drawn too: in simulation
 * s, beds needed = children_s ÷ occupancy_s and accessible places = the year's accessible places +
 * (share_s − the area's share) × open-market places (`shares`: the area's own draws). The median gap stays the one at the plan's
 * values; the demand-only range is kept beside it.
 */
export function withAssumptionUncertainty(
  figures: YearProjection,
  samples: Float64Array,
  h: number,
  S: number,
  draws: AssumptionDraws,
  shares: Float64Array,
  supply: { accessible: number; openMarket: number; share: number; deltas: SupplyDeltas | null },
): void {
  const gaps = new Float64Array(S);
  const occ = draws.targetOccupancy;
  let short = 0;
  const dLaRun = supply.deltas?.laRun;
  const dOpen = supply.deltas?.openMarket;
  for (let s = 0; s < S; s++) {
    const share = shares[s] ?? supply.share;
    const accessible = Math.max(
      0,
      supply.accessible +
        (share - supply.share) * supply.openMarket +
        (dLaRun?.[h * S + s] ?? 0) +
        share * (dOpen?.[h * S + s] ?? 0),
    );
    const g = (samples[h * S + s] ?? 0) / (occ[s] ?? 1) - accessible;
    gaps[s] = g;
    if (g > 0) short++;
  }
  gaps.sort();
  const p50 = figures.gap.p50;
  figures.gapDemandOnly = figures.gap;
  figures.gap = {
    p10: Math.min(quantileSorted(gaps, 0.1), p50),
    p50,
    p90: Math.max(quantileSorted(gaps, 0.9), p50),
  };
  figures.probabilityNeedExceedsAccessible = short / S;
  figures.probabilityInformative = probabilityInformative(short / S);
}
