/**
 * The ends of the assumption ranges a recommendation is tested at (target occupancy, running cost per
 * place), and how often one set of homes does at least as well as another simulation by simulation.
 */
import { costRanges } from '../scenario/costUncertainty.js';
import type { ScenarioContext } from '../scenario/types.js';
import type { CandidateSettings } from './candidates.js';
import { pathObjective, type SetEvaluation } from './evaluate.js';
import type { RecommendObjective, RecommendOptions } from './types.js';

/** Low and high target occupancy: the projection's P10 and P90 draws, or ±5 points without them. */
export function occupancyEnds(context: ScenarioContext): {
  low: number;
  high: number;
  lowBasis: string;
  highBasis: string;
} {
  const draws = context.assumptionDraws?.targetOccupancy;
  if (draws && draws.length >= 10) {
    const sorted = [...draws].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { low: at(0.1), high: at(0.9), lowBasis: 'P10 of the projection’s draws', highBasis: 'P90 of them' };
  }
  const v = context.settings.targetOccupancy;
  return {
    low: Math.max(0.5, v - 0.05),
    high: Math.min(1, v + 0.05),
    lowBasis: '5 percentage points lower',
    highBasis: '5 points higher',
  };
}

/**
 * Simulation by simulation, how often set `a` does at least as well as set `b` on the objective
 * (and strictly better), lexicographic as the ranking: the objective, then (for counts) the NPV; £1
 * is a tie.
 */
export function holdsShare(
  a: SetEvaluation,
  b: SetEvaluation,
  objective: RecommendObjective,
): { atLeastAsGood: number; better: number; simulations: number } {
  const P = a.own.length;
  let atLeast = 0;
  let strictly = 0;
  for (let p = 0; p < P; p++) {
    let d = pathObjective(a, objective, p) - pathObjective(b, objective, p);
    if (objective !== 'cost' && Math.abs(d) <= 1e-6) d = 0;
    if (d === 0 || (objective === 'cost' && Math.abs(d) <= 1)) {
      const n = (a.npv[p] ?? 0) - (b.npv[p] ?? 0);
      d = Math.abs(n) <= 1 ? 0 : n;
    }
    if (d <= 0) atLeast++;
    if (d < 0) strictly++;
  }
  return { atLeastAsGood: P ? atLeast / P : 0, better: P ? strictly / P : 0, simulations: P };
}

/**
 * Low and high running cost per place a year: the LA-run weekly price at the ends of its cost
 * uncertainty range (../scenario/costUncertainty.ts: ±15% unless the plan's register gives a range),
 * × weeks × target occupancy; or ±15% of a running cost given as an option.
 */
export function runningCostEnds(
  context: ScenarioContext,
  settings: CandidateSettings,
  options: RecommendOptions,
): { low: number; high: number; basis: string } {
  const range = costRanges(context).find((r) => r.key === 'price.localAuthority');
  if (options.runningCostPerPlace === undefined && range && range.central > 0) {
    const per = settings.runningCostPerPlace / range.central;
    return {
      low: Math.round(range.low * per),
      high: Math.round(range.high * per),
      basis: `the LA-run weekly price's range, £${range.low.toLocaleString('en-GB')}–£${range.high.toLocaleString('en-GB')}`,
    };
  }
  return {
    low: Math.round(settings.runningCostPerPlace * 0.85),
    high: Math.round(settings.runningCostPerPlace * 1.15),
    basis: '15% either side of the running cost given',
  };
}
