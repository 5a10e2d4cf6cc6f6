/**
 * The value of £1m more capital: the search again with the larger budget, its best set measured on
 * the final paths against the recommended set.
 */
import { compareFigures, setFigures } from './evaluate.js';
import type { Choice } from './choose.js';
import { homeRef, MILLION, type RecommendRun } from './setup.js';
import type { HomeCandidate, Recommendation } from './types.js';

/** What £1m more buys (see the file comment), or null when the search finds no set. */
export function nextMillionOf(run: RecommendRun, choice: Choice): Recommendation['nextMillion'] {
  const { objective, candidates, constraints, progress, searchEval, finalEval, search } = run;
  const { chosen, screen } = choice;
  // The next £1m: the search again with the larger budget, its best set on the final paths.
  progress(0.75, 'Valuing £1m more');
  let nextMillion: Recommendation['nextMillion'] = null;
  {
    const more = search(
      searchEval,
      { ...constraints, budget: constraints.budget + MILLION },
      () => undefined,
      chosen.homes,
      screen,
    );
    const best = more.ranked[0];
    if (best) {
      const figures = setFigures(finalEval.evaluate(best.homes), objective);
      const better = compareFigures(figures, chosen.figures, objective) < 0;
      const homesMore = better ? best.homes : chosen.homes;
      const f = better ? figures : chosen.figures;
      nextMillion = {
        objectiveGain: objective === 'cost' ? chosen.figures.npv - f.npv : chosen.figures.objective - f.objective,
        npvChange: f.npv - chosen.figures.npv,
        homes: homesMore
          .filter((k) => !chosen.homes.includes(k))
          .map((k) => candidates[k])
          .filter((c): c is HomeCandidate => c !== undefined)
          .map(homeRef),
      };
    }
  }
  return nextMillion;
}
