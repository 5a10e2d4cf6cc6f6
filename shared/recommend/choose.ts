/**
 * Choosing the recommended set: the search on the search paths, then the best few sets re-ranked on
 * the final paths, with the runner-up, the baseline (no new homes) and how often the choice beats the
 * runner-up across simulations.
 */
import { compareFigures, setFigures, type SetEvaluation } from './evaluate.js';
import { holdsShare } from './ends.js';
import type { SearchResult } from './search.js';
import { DEFAULT_SHORTLIST, type RecommendRun } from './setup.js';
import { RecommendError, type Recommendation, type SetFigures } from './types.js';

/** A set of homes re-ranked on the final paths. */
export interface FinalSet {
  homes: number[];
  evaluation: SetEvaluation;
  figures: SetFigures;
}

/** The search's result and the set chosen from it. */
export interface Choice {
  result: SearchResult;
  /** The main search's screen of homes, which re-runs from the answer try. */
  screen: number[] | undefined;
  finals: FinalSet[];
  chosen: FinalSet;
  runner: FinalSet | null;
  baseline: SetFigures;
  holds: Recommendation['holdsAcrossSimulations'];
}

/** Searches and re-ranks the best few sets on the final paths. */
export function chooseSet(run: RecommendRun): Choice {
  const { options, objective, constraints, progress, kept, searchEval, finalEval, search } = run;
  progress(0, 'Searching');
  const result = search(searchEval, constraints, (d) => progress(0.5 * d, 'Searching'));
  // Re-runs from the answer (£1m more, sensitivity) try the main search's screen of homes.
  const screen = result.screened;

  // Re-rank the best few on the final paths.
  progress(0.5, 'Checking the best sets on every simulation');
  const shortlist = result.ranked.slice(0, Math.max(1, options.shortlist ?? DEFAULT_SHORTLIST));
  const finals = shortlist.map((s) => {
    const evaluation = finalEval.evaluate(s.homes);
    return { homes: s.homes, evaluation, figures: setFigures(evaluation, objective) };
  });
  finals.sort((a, b) => compareFigures(a.figures, b.figures, objective));
  const chosen = finals[0];
  if (!chosen) throw new RecommendError('No set of homes was evaluated.');
  const runner = finals[1] ?? null;
  const baselineEval = finalEval.evaluate([]);
  const baseline = setFigures(baselineEval, objective);

  const holds: Recommendation['holdsAcrossSimulations'] =
    runner && kept > 0 ? holdsShare(chosen.evaluation, runner.evaluation, objective) : null;
  return { result, screen, finals, chosen, runner, baseline, holds };
}
