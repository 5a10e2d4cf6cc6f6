/**
 * Starting a scenario run: the scenario parsed and checked, the demand levers' effects and the price
 * indexes, how uncertainty is carried (simulations or percentile paths), the cost draws, and the
 * running totals and lever tracks every year adds to.
 */
import { centralCostValues, costRanges, drawCosts, type CostRange } from '../costUncertainty.js';
import type { Lever, Scenario } from '../levers.js';
import { leverKey } from '../parse.js';
import { demandEffects, emptyCost, priceIndexes, type DemandEffects, type YearProblem } from '../model/index.js';
import type { CostBreakdown, RunScenarioOptions, ScenarioContext } from '../types.js';
import type { LeverTrack } from './leverOutcomes.js';
import { PathTotals } from './paths.js';

/** The horizon year's parts of the gap, for the tornadoes. */
export interface HorizonParts {
  demand: { p10: number; p50: number; p90: number };
  accessible: number;
  openMarket: number;
  supplyDrawn: { p10: number; p90: number } | null;
}

/** Everything a run carries from year to year (see ./runScenario.ts). */
export interface RunState {
  context: ScenarioContext;
  options: RunScenarioOptions;
  scenario: Scenario;
  levers: readonly Lever[];
  M: number;
  H: number;
  occupancy: number;
  rate: number;
  warnings: Set<string>;
  keys: string[];
  effects: DemandEffects;
  indexes: number[];
  simulated: boolean;
  stride: number;
  S: number;
  pathTotals: PathTotals[];
  costRangeList: CostRange[];
  centralCosts: ReturnType<typeof centralCostValues>;
  costDraws: ReturnType<typeof drawCosts> | null;
  demandOnlyCost: Float64Array;
  demandOnlyNpv: Float64Array;
  /** The horizon year's parts of the gap (set in the last year). */
  atHorizon: { horizon: HorizonParts | null };
  centralTotals: PathTotals;
  totalCost: CostBreakdown;
  npv: CostBreakdown;
  /** The central gap summed over the years so far. */
  gapSum: number;
  /** Scratch: each member's children, and its projected (pre-lever) demand, on the path being run. */
  children: Float64Array;
  base: Float64Array;
  /** The previous year's allocation problem, reused when the structure is the same. */
  previous: YearProblem | null;
  track: LeverTrack;
}

/** Sets up the run of a scenario already parsed and checked against the context. */
export function startRun(context: ScenarioContext, scenario: Scenario, options: RunScenarioOptions): RunState {
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
  const atHorizon: { horizon: HorizonParts | null } = { horizon: null };
  const centralTotals = new PathTotals();
  const totalCost = emptyCost();
  const npv = emptyCost();
  const gapSum = 0;
  const children = new Float64Array(M);
  const base = new Float64Array(M);
  const previous: YearProblem | null = null;
  const track: LeverTrack = {
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
  return {
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
    simulated,
    stride,
    S,
    pathTotals,
    costRangeList,
    centralCosts,
    costDraws,
    demandOnlyCost,
    demandOnlyNpv,
    atHorizon,
    centralTotals,
    totalCost,
    npv,
    gapSum,
    children,
    base,
    previous,
    track,
  };
}
