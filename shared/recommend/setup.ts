/**
 * Starting a recommendation: the options checked, the candidates and constraints, the search's demand
 * paths and the final answer's, their evaluators, and the search itself (exact when the feasible sets
 * are few, else the heuristic); and the constants and home references the later steps share.
 */
import type { ScenarioContext } from '../scenario/types.js';
import { buildCandidates, candidateSettings, type CandidateSettings } from './candidates.js';
import { checkOptions } from './checkOptions.js';
import { medianPath, SetEvaluator, simulationPaths, spreadSimulations, type DemandPaths } from './evaluate.js';
import { countFeasible, exactSearch, heuristicSearch, type Constraints, type SearchResult } from './search.js';
import {
  RecommendCancelled,
  RecommendError,
  type HomeCandidate,
  type RecommendObjective,
  type RecommendOptions,
} from './types.js';

const DEFAULT_EXACT_LIMIT = 4096;
export const DEFAULT_SHORTLIST = 3;
/** Simulations (spread over those kept) on which what each home adds is measured. */
export const RANKING_SIMULATIONS = 100;
export const MILLION = 1_000_000;

/** Wall-clock milliseconds, for the method's timing only (never for a figure). */
export const now = (): number => Date.now();

export type HomeRef = { la: string; name: string; places: number; openingYear: string };
export const homeRef = (c: HomeCandidate): HomeRef => ({
  la: c.la,
  name: c.name,
  places: c.places,
  openingYear: c.openingYear,
});

/** Searches for the best sets on an evaluator's paths, within the constraints. */
export type Search = (
  evaluator: SetEvaluator,
  c: Constraints,
  report: (d: number) => void,
  start?: readonly number[],
  screen?: readonly number[],
) => SearchResult;

/** Everything the steps of a recommendation share (see ./recommend.ts). */
export interface RecommendRun {
  context: ScenarioContext;
  options: RecommendOptions;
  /** Wall-clock start, for the method's timing only. */
  started: number;
  objective: RecommendObjective;
  settings: CandidateSettings;
  candidates: HomeCandidate[];
  constraints: Constraints;
  progress: (done: number, stage: string) => void;
  checkCancel: () => void;
  warnings: string[];
  /** Simulations the projection kept. */
  kept: number;
  finalPaths: DemandPaths;
  searchPaths: DemandPaths;
  searchEval: SetEvaluator;
  finalEval: SetEvaluator;
  search: Search;
}

/** Checks the options (throwing a {@link RecommendError}) and sets up the recommendation's search. */
export function startRecommend(context: ScenarioContext, options: RecommendOptions): RecommendRun {
  const started = now();
  const problems = checkOptions(context, options);
  if (problems.length) throw new RecommendError(problems.join(' '));
  const objective: RecommendObjective = options.objective ?? 'local';
  const settings = candidateSettings(context, options);
  const candidates = buildCandidates(context, options, settings);
  const constraints: Constraints = {
    budget: options.budget,
    runningCostCeiling: options.runningCostCeiling ?? null,
    maxPerAuthority: options.maxHomesPerAuthority ?? 1,
  };
  const progress = options.onProgress ?? (() => undefined);
  const checkCancel = () => {
    if (options.shouldCancel?.()) throw new RecommendCancelled();
  };
  const warnings: string[] = [];

  // Paths: the search's, and the final answer's (every kept simulation, or at most `simulations`).
  const kept = context.simulations;
  const finalCount = options.simulations === undefined ? kept : Math.min(kept, Math.max(1, options.simulations));
  const finalPaths: DemandPaths =
    kept > 0
      ? simulationPaths(context, spreadSimulations(kept, finalCount), `${finalCount} demand simulations`)
      : medianPath(context);
  if (kept === 0) warnings.push('The projection kept no simulations: the answer rests on the median demand path only.');
  const searchPaths: DemandPaths =
    options.searchPaths === undefined || options.searchPaths === 'median'
      ? medianPath(context)
      : simulationPaths(
          context,
          spreadSimulations(kept, options.searchPaths),
          `${Math.min(kept, options.searchPaths)} demand simulations spread over the ${kept} kept`,
        );
  const searchEval = new SetEvaluator(context, candidates, searchPaths, checkCancel);
  const finalEval =
    searchPaths === finalPaths ? searchEval : new SetEvaluator(context, candidates, finalPaths, checkCancel);

  const exactLimit = options.exactLimit ?? DEFAULT_EXACT_LIMIT;
  const search = (
    evaluator: SetEvaluator,
    c: Constraints,
    report: (d: number) => void,
    start?: readonly number[],
    screen?: readonly number[],
  ): SearchResult => {
    const count = countFeasible(evaluator.candidates, c, exactLimit);
    return count <= exactLimit
      ? exactSearch(evaluator, objective, c, count, report)
      : heuristicSearch(evaluator, objective, c, report, start, screen);
  };
  return {
    context,
    options,
    started,
    objective,
    settings,
    candidates,
    constraints,
    progress,
    checkCancel,
    warnings,
    kept,
    finalPaths,
    searchPaths,
    searchEval,
    finalEval,
    search,
  };
}
