/**
 * Types of the home-location optimiser (see ./README.md): what to recommend over (candidates,
 * budget, objective), and the answer (ranked homes, what each adds, the runner-up, how often the
 * choice holds across simulations, the marginal value of more capital and the assumptions that
 * would change it). Money is £ at the scenario model's price year; counts are child-years summed over
 * the plan's horizon.
 */
import type { NewHomeLever, Scenario } from '../scenario/levers.js';

/**
 * - `local`: fewest child-years placed outside the consortium (or left without a registered place);
 * - `distance`: fewest child-years placed more than 20 miles from home;
 * - `cost`: lowest whole-life cost, the NPV of every cost including capital less its residual value.
 * Ties on `local` and `distance` go to the lower NPV.
 */
export type RecommendObjective = 'local' | 'distance' | 'cost';

/** Need types of the plan's projection: mainstream, and solo or complex (the dearest, smallest homes). */
export type RecommendNeedType = 'mainstream' | 'soloComplex';

export const RECOMMEND_NEED_TYPES: readonly RecommendNeedType[] = ['mainstream', 'soloComplex'];

export const RECOMMEND_OBJECTIVES: readonly RecommendObjective[] = ['local', 'distance', 'cost'];

export interface RecommendOptions {
  /** Capital budget, £: the homes' capital together may not exceed it. */
  budget: number;
  objective?: RecommendObjective;
  /** Most the homes' running costs together may come to a year (at full operation), £; none when absent. */
  runningCostCeiling?: number;
  /** Member ONS codes that may host a home (default: every member). */
  candidates?: readonly string[];
  /** Home sizes in places (default 2, 3 and 4). */
  sizes?: readonly number[];
  /** Opening years, stored as the year ending 31 March ("2027"); default every projected year. */
  openingYears?: readonly string[];
  /** Homes one authority may host (default 1: a size and an opening year for each). */
  maxHomesPerAuthority?: number;
  /** Capital per place, £ (default £250,000: the illustrative four-place home's £1m ÷ 4). */
  capitalPerPlace?: number;
  /**
   * Running cost per place a year, £ (default: the LA-run weekly price × weeks × target occupancy,
   * as the illustrative home's running cost is made).
   */
  runningCostPerPlace?: number;
  /**
   * The split of children by need type (default: the context's, from the plan's projection); null
   * when the plan has none, and every home is then mainstream.
   */
  needTypeShares?: { mainstream: number; soloComplex: number; basis?: string } | null;
  /** Need types the homes may be for (default both where the plan has a split). */
  needTypes?: readonly RecommendNeedType[];
  /** Share of places usable in the opening year(s) (default [0.5], as the illustrative home). */
  rampUp?: readonly number[];
  assetLifeYears?: number;
  /** Use at most this many of the context's simulations for the final answer (default all). */
  simulations?: number;
  /**
   * Demand paths the search itself runs on: 'median' (default: the scenario model's central path) or
   * a number of simulations, spread evenly over those kept.
   */
  searchPaths?: 'median' | number;
  /** Enumerate every feasible set when there are at most this many (default 4,096); above, the heuristic. */
  exactLimit?: number;
  /** Sets from the search re-ranked on every simulation (default 3). */
  shortlist?: number;
  /** Re-run the search at the low and high capital cost per place and occupancy (default true). */
  sensitivity?: boolean;
  /** Called as the work proceeds (share done 0–1 and what it is doing). */
  onProgress?: (done: number, stage: string) => void;
  /** Polled between evaluations: return true to stop (the call throws RecommendCancelled). */
  shouldCancel?: () => boolean;
}

/** One candidate home: an authority, a size and an opening year, with its costs. */
export interface HomeCandidate {
  /** Position in the candidate list (the canonical order of a set's levers). */
  index: number;
  /** Member index in the scenario context. */
  member: number;
  la: string;
  name: string;
  places: number;
  /** Year ending 31 March, e.g. "2027". */
  openingYear: string;
  capitalCost: number;
  runningCostPerYear: number;
  lever: NewHomeLever;
}

/** Figures of a set of homes, each the mean over the paths it was evaluated on (child-years and £). */
export interface SetFigures {
  placedOwnLa: number;
  placedElsewhereInConsortium: number;
  placedOutside: number;
  unmet: number;
  over20Miles: number;
  expectedMissingIncidents: number;
  /** Undiscounted cost over the horizon, everything included (capital, running, residual value credit). */
  totalCost: number;
  /** Whole-life cost: NPV of every cost, residual value credited. */
  npv: number;
  capital: number;
  runningPerYear: number;
  /** The objective's value (child-years, or £ for `cost`): lower is better. */
  objective: number;
}

export interface RecommendedHome {
  rank: number;
  la: string;
  name: string;
  places: number;
  openingYear: string;
  /** "2026-27". */
  openingFinancialYear: string;
  /** Who the home is for (see `Recommendation.needTypes`). */
  needType: RecommendNeedType;
  capitalCost: number;
  runningCostPerYear: number;
  /**
   * What this home adds to the homes ranked above it (positive = better): child-years placed in the
   * consortium and in the child's own authority, 20+ mile placements and missing incidents avoided,
   * and the change in cost and NPV (negative = cheaper).
   */
  adds: {
    placedInConsortium: number;
    placedOwnLa: number;
    over20MilesAvoided: number;
    missingIncidentsAvoided: number;
    costChange: number;
    npvChange: number;
  };
}

export interface SensitivityCase {
  key: string;
  label: string;
  value: number;
  unit: string;
  /** True when the search at this value picks the same homes, give or take those a cheaper or dearer place adds or drops (one set contains the other). */
  holds: boolean;
  /**
   * Under this case's assumption, the share of simulations (those what each home adds is measured on)
   * in which the recommended homes do at least as well on the objective as this re-run's pick
   * (`better`: strictly better); 1 when the pick is the same homes; null without simulations.
   */
  holdsAcrossSimulations: { atLeastAsGood: number; better: number; simulations: number } | null;
  homes: { la: string; name: string; places: number; openingYear: string }[];
  /** Homes it adds to, and drops from, the recommendation. */
  added: { la: string; name: string; places: number; openingYear: string }[];
  dropped: { la: string; name: string; places: number; openingYear: string }[];
  objective: number;
}

export interface Recommendation {
  objective: RecommendObjective;
  budget: number;
  runningCostCeiling: number | null;
  /** The homes to open, ranked by what each adds (the first adds most). */
  homes: RecommendedHome[];
  /** The recommended homes as a scenario (consortium-run new-home levers), ready to save. */
  scenario: Scenario;
  baseline: SetFigures;
  recommended: SetFigures;
  runnerUp: { homes: { la: string; name: string; places: number; openingYear: string }[]; figures: SetFigures } | null;
  /**
   * Share of the final simulations in which the recommended set does at least as well on the
   * objective as the runner-up (`better`: strictly better); null without a runner-up or simulations.
   */
  holdsAcrossSimulations: { atLeastAsGood: number; better: number; simulations: number } | null;
  /** Objective gained with £1m more capital (positive = better), and the homes that would be added. */
  nextMillion: {
    objectiveGain: number;
    npvChange: number;
    homes: { la: string; name: string; places: number; openingYear: string }[];
  } | null;
  sensitivity: SensitivityCase[];
  /**
   * Need types: the plan's split and the places the recommendation gives each, with how they were
   * assigned; `shares` null when the plan has no need types (every home mainstream).
   */
  needTypes: {
    shares: { mainstream: number; soloComplex: number } | null;
    places: { mainstream: number; soloComplex: number };
    note: string;
  };
  method: {
    search: 'exact' | 'heuristic';
    /** Feasible sets (counted up to the exact limit). */
    feasibleSets: number | null;
    setsEvaluated: number;
    candidates: number;
    /** What the search ran on, and what the final answer and the ranking ran on. */
    searchPaths: string;
    finalPaths: string;
    /** What each home adds is measured on these (a subsample when there are many simulations). */
    rankingPaths: string;
    description: string;
    milliseconds: number;
  };
  assumptions: { key: string; label: string; value: number; unit: string; rationale: string }[];
  warnings: string[];
}

export class RecommendCancelled extends Error {
  constructor() {
    super('The recommendation was cancelled.');
    this.name = 'RecommendCancelled';
  }
}

export class RecommendError extends Error {}
