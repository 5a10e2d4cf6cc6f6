/**
 * Evaluating a set of candidate homes quickly, through the scenario model's own yearly mechanics
 * (../scenario/model/: buildYearSupply, buildYearProblem, solveYear, placementFigures, costYear,
 * fixedCosts), so a set's figures are the figures `runScenario` gives for the same homes as levers.
 *
 * Why it is cheap: a year's allocation depends only on the homes open that year (and how far each is
 * through its ramp-up), so each year's result is kept under that key and shared by every set that
 * has the same homes open that year — a home opening in 2028-29 leaves the earlier years as they
 * were, and two sets that differ by one home share every year before it opens. Each distinct year
 * is built once (one allocation problem) and solved for every demand path in turn, the solver
 * warm-starting from the previous path. Capital, running costs and residual value do not depend on
 * the allocation: they are worked out once per candidate and added.
 *
 * A kept simulation's costs are re-valued at that simulation's drawn cost assumptions
 * (../scenario/costUncertainty.ts: prices, real growth, premium, travel, missing incidents), with the
 * same draws as the scenario run, so a set's cost on simulation s is the scenario run's; the central
 * path keeps the plan's values.
 *
 * Demand paths are the scenario model's: the central path (each member's median scaled to the
 * consortium's median, rounded to whole children that add up to the rounded total, as in
 * ../scenario/run/year.ts), or kept simulations (each member's simulated children, rounded the same
 * way).
 */
import type { Lever, Scenario } from '../scenario/levers.js';
import {
  buildYearProblem,
  buildYearSupply,
  costYear,
  discountFactor,
  fixedCosts,
  placementFigures,
  solveYear,
} from '../scenario/model/index.js';
import {
  centralCostValues,
  costRanges,
  costValuesOf,
  drawCosts,
  revalueCost,
  type CostDraws,
  type CostValues,
} from '../scenario/costUncertainty.js';
import { roundToTotal } from '../scenario/run/index.js';
import type { ScenarioContext } from '../scenario/types.js';
import type { HomeCandidate, RecommendObjective, SetFigures } from './types.js';

/** Demand paths: children per member per year, `children[h][p × M + i]`. */
export interface DemandPaths {
  count: number;
  /** Simulation index of each path, or −1 for the central path. */
  simulation: number[];
  children: Float64Array[];
  label: string;
}

/** The central (median) path, as the scenario run makes it. */
export function medianPath(context: ScenarioContext): DemandPaths {
  const M = context.members.length;
  const children = context.years.map((_, h) => {
    const row = new Float64Array(M);
    let memberMedians = 0;
    for (let i = 0; i < M; i++) memberMedians += context.demand[i]?.p50[h] ?? 0;
    const consortiumMedian = context.consortiumDemand.p50[h] ?? memberMedians;
    const toConsortium = memberMedians > 0 ? consortiumMedian / memberMedians : 1;
    for (let i = 0; i < M; i++) row[i] = (context.demand[i]?.p50[h] ?? 0) * toConsortium;
    roundToTotal(row, 0, M);
    return row;
  });
  return { count: 1, simulation: [-1], children, label: 'the median demand path' };
}

/** The given simulations (indexes into the context's kept simulations). */
export function simulationPaths(context: ScenarioContext, simulations: readonly number[], label: string): DemandPaths {
  const M = context.members.length;
  const stride = context.simulations;
  const P = simulations.length;
  const children = context.years.map((_, h) => {
    const row = new Float64Array(P * M);
    simulations.forEach((s, p) => {
      for (let i = 0; i < M; i++) row[p * M + i] = context.demand[i]?.samples?.[h * stride + s] ?? 0;
      roundToTotal(row, p * M, M);
    });
    return row;
  });
  return { count: P, simulation: [...simulations], children, label };
}

/** `n` simulations spread evenly over the kept ones (all of them when n ≥ kept). */
export function spreadSimulations(kept: number, n: number): number[] {
  const count = Math.max(0, Math.min(kept, Math.floor(n)));
  if (count >= kept) return Array.from({ length: kept }, (_, s) => s);
  return Array.from({ length: count }, (_, k) => Math.floor(((k + 0.5) * kept) / count));
}

/** One year's allocation for one set of open homes, per path. */
interface YearResult {
  own: Float64Array;
  elsewhere: Float64Array;
  outside: Float64Array;
  unmet: Float64Array;
  over20: Float64Array;
  missing: Float64Array;
  /** Allocation-dependent cost of the year, £ (placements, travel, missing incidents). */
  cost: Float64Array;
}

/** A year's figures for `paths` paths, all zero. */
function emptyYearResult(paths: number): YearResult {
  const zeros = () => new Float64Array(paths);
  return {
    own: zeros(),
    elsewhere: zeros(),
    outside: zeros(),
    unmet: zeros(),
    over20: zeros(),
    missing: zeros(),
    cost: zeros(),
  };
}

/** A set's figures per path (before averaging). */
export interface SetEvaluation {
  homes: number[];
  own: Float64Array;
  elsewhere: Float64Array;
  outside: Float64Array;
  unmet: Float64Array;
  over20: Float64Array;
  missing: Float64Array;
  /** Every cost over the horizon (allocation plus the homes' fixed costs), £. */
  cost: Float64Array;
  npv: Float64Array;
  capital: number;
  runningPerYear: number;
}

/**
 * Fixed costs of one home by projected year: the part that moves with real price growth (running
 * costs and programmes, as in revalueCost) and the part that does not (capital, residual credit).
 */
interface HomeFixed {
  grows: number[];
  flat: number[];
}

export class SetEvaluator {
  private readonly memo = new Map<string, YearResult>();
  private readonly fixed: HomeFixed[];
  private readonly zeros: Float64Array;
  private readonly factors: number[];
  private readonly central: CostValues;
  private readonly costDraws: CostDraws | null;
  /** Each path's cost assumptions (the central values for the central path). */
  private readonly pathCosts: CostValues[];
  /** Real price growth of each projected year on each path against the plan's, `growth[h][p]`. */
  private readonly growth: Float64Array[];
  /** Distinct years allocated (each: one problem, solved for every path). */
  yearsBuilt = 0;
  setsEvaluated = 0;

  constructor(
    readonly context: ScenarioContext,
    readonly candidates: readonly HomeCandidate[],
    readonly paths: DemandPaths,
    private readonly checkCancel: () => void = () => undefined,
  ) {
    const H = context.years.length;
    this.zeros = new Float64Array(context.members.length);
    this.factors = context.years.map((_, h) => discountFactor(context.settings.discountRate, h));
    const ranges = costRanges(context);
    this.central = centralCostValues(ranges);
    this.costDraws = context.simulations > 0 ? drawCosts(ranges, context.simulations, context.seed ?? 1) : null;
    this.pathCosts = paths.simulation.map((s) =>
      this.costDraws && s >= 0 ? costValuesOf(this.costDraws, s, this.central) : this.central,
    );
    this.growth = context.years.map((_, h) =>
      Float64Array.from(
        this.pathCosts,
        (at) => Math.pow(1 + at.priceGrowth, h + 1) / Math.pow(1 + this.central.priceGrowth, h + 1),
      ),
    );
    this.fixed = candidates.map((c) => {
      const scenario: Scenario = { id: 'home', name: 'home', notes: '', illustrative: false, levers: [c.lever] };
      const grows: number[] = [];
      const flat: number[] = [];
      for (let h = 0; h < H; h++) {
        const f = fixedCosts(context, scenario, h, 1);
        grows.push(f.running + f.programmes);
        flat.push(f.capital + f.residualValue);
      }
      return { grows, flat };
    });
  }

  /** The same candidates' allocations on other paths share nothing; other costs share the allocations. */
  withCandidates(candidates: readonly HomeCandidate[]): SetEvaluator {
    const other = new SetEvaluator(this.context, candidates, this.paths, this.checkCancel);
    for (const [k, v] of this.memo) other.memo.set(k, v);
    return other;
  }

  private year(h: number, homes: readonly number[]): YearResult {
    const year = Number(this.context.years[h] ?? 0);
    const open: Lever[] = [];
    let key = `${h}`;
    for (const k of homes) {
      const c = this.candidates[k];
      if (!c) continue;
      const t = year - Number(c.openingYear);
      if (t < 0) continue;
      const share = c.lever.rampUp?.[t] ?? 1;
      if (share <= 0) continue;
      open.push(c.lever);
      key += `|${c.member}:${c.places * share}`;
    }
    const found = this.memo.get(key);
    if (found) return found;
    this.checkCancel();
    const context = this.context;
    const M = context.members.length;
    const P = this.paths.count;
    const supply = buildYearSupply(context, open, h, 1);
    const problem = buildYearProblem(context, supply, this.zeros);
    const noFixed = { capital: 0, running: 0, programmes: 0, residualValue: 0 };
    const noDemand = { fosterWeekly: 0, delivery: 0 };
    const result = emptyYearResult(P);
    const row = this.paths.children[h] ?? new Float64Array(P * M);
    for (let p = 0; p < P; p++) {
      const allocation = solveYear(context, problem, row.subarray(p * M, (p + 1) * M));
      const f = placementFigures(context, allocation);
      result.own[p] = f.placedOwnLa;
      result.elsewhere[p] = f.placedElsewhereInConsortium;
      result.outside[p] = f.placedOutside;
      result.unmet[p] = f.unmet;
      result.over20[p] = f.over20Miles;
      result.missing[p] = f.expectedMissingIncidents;
      const cost = costYear(context, problem, allocation, noFixed, noDemand, 1);
      const at = this.pathCosts[p] ?? this.central;
      result.cost[p] = at === this.central ? cost.total : revalueCost(cost, h, at, this.central);
    }
    this.yearsBuilt++;
    this.memo.set(key, result);
    return result;
  }

  /** Figures of a set of homes (candidate indexes), per path. */
  evaluate(homes: readonly number[]): SetEvaluation {
    const sorted = [...homes].sort((a, b) => a - b);
    const P = this.paths.count;
    const out: SetEvaluation = {
      homes: sorted,
      ...emptyYearResult(P),
      npv: new Float64Array(P),
      capital: 0,
      runningPerYear: 0,
    };
    this.context.years.forEach((_, h) => {
      const y = this.year(h, sorted);
      const factor = this.factors[h] ?? 1;
      for (let p = 0; p < P; p++) {
        out.own[p] = (out.own[p] ?? 0) + (y.own[p] ?? 0);
        out.elsewhere[p] = (out.elsewhere[p] ?? 0) + (y.elsewhere[p] ?? 0);
        out.outside[p] = (out.outside[p] ?? 0) + (y.outside[p] ?? 0);
        out.unmet[p] = (out.unmet[p] ?? 0) + (y.unmet[p] ?? 0);
        out.over20[p] = (out.over20[p] ?? 0) + (y.over20[p] ?? 0);
        out.missing[p] = (out.missing[p] ?? 0) + (y.missing[p] ?? 0);
        out.cost[p] = (out.cost[p] ?? 0) + (y.cost[p] ?? 0);
        out.npv[p] = (out.npv[p] ?? 0) + (y.cost[p] ?? 0) * factor;
      }
    });
    for (const k of sorted) {
      const c = this.candidates[k];
      if (!this.fixed[k] || !c) continue;
      out.capital += c.capitalCost;
      out.runningPerYear += c.runningCostPerYear;
    }
    this.context.years.forEach((_, h) => {
      let grows = 0;
      let flat = 0;
      for (const k of sorted) {
        grows += this.fixed[k]?.grows[h] ?? 0;
        flat += this.fixed[k]?.flat[h] ?? 0;
      }
      const factor = this.factors[h] ?? 1;
      const growth = this.growth[h];
      for (let p = 0; p < P; p++) {
        const sum = grows * (growth?.[p] ?? 1) + flat;
        out.cost[p] = (out.cost[p] ?? 0) + sum;
        out.npv[p] = (out.npv[p] ?? 0) + sum * factor;
      }
    });
    this.setsEvaluated++;
    return out;
  }
}

/** The objective on one path (lower is better). */
export function pathObjective(e: SetEvaluation, objective: RecommendObjective, p: number): number {
  if (objective === 'local') return (e.outside[p] ?? 0) + (e.unmet[p] ?? 0);
  if (objective === 'distance') return e.over20[p] ?? 0;
  return e.npv[p] ?? 0;
}

const mean = (a: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] ?? 0;
  return a.length ? s / a.length : 0;
};

/** Means over the paths. */
export function setFigures(e: SetEvaluation, objective: RecommendObjective): SetFigures {
  const P = e.own.length;
  let obj = 0;
  for (let p = 0; p < P; p++) obj += pathObjective(e, objective, p);
  return {
    placedOwnLa: mean(e.own),
    placedElsewhereInConsortium: mean(e.elsewhere),
    placedOutside: mean(e.outside),
    unmet: mean(e.unmet),
    over20Miles: mean(e.over20),
    expectedMissingIncidents: mean(e.missing),
    totalCost: mean(e.cost),
    npv: mean(e.npv),
    capital: e.capital,
    runningPerYear: e.runningPerYear,
    objective: P ? obj / P : 0,
  };
}

/** Counts within this of each other are tied (then the lower NPV wins). */
const COUNT_TIE = 1e-6;

/** Negative when `a` is better than `b` on the objective (ties on counts go to the lower NPV). */
export function compareFigures(a: SetFigures, b: SetFigures, objective: RecommendObjective): number {
  if (objective === 'cost') return a.npv - b.npv;
  const d = a.objective - b.objective;
  if (Math.abs(d) > COUNT_TIE) return d;
  return a.npv - b.npv;
}
