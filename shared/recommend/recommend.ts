/**
 * `recommend(context, options)`: where the consortium should open homes, for a capital budget and an
 * objective (see ./README.md). Builds the candidates, searches on the search paths (exact when the
 * feasible sets are few, else the heuristic), re-ranks the best few sets on every simulation, and
 * answers with the ranked homes, what each adds, the runner-up and how often the choice holds across
 * simulations, the value of £1m more, and whether the choice holds at the ends of the capital cost
 * and occupancy ranges. The steps: ./setup.ts (options, candidates, paths, the search), ./choose.ts,
 * ./rank.ts, ./nextMillion.ts, ./sensitivity.ts and ./answer.ts (the recommendation put together).
 */
import type { ScenarioContext } from '../scenario/types.js';
import { recommendation } from './answer.js';
import { chooseSet } from './choose.js';
import { nextMillionOf } from './nextMillion.js';
import { rankHomes } from './rank.js';
import { sensitivityCases } from './sensitivity.js';
import { startRecommend } from './setup.js';
import type { Recommendation, RecommendOptions } from './types.js';

export function recommend(context: ScenarioContext, options: RecommendOptions): Recommendation {
  const run = startRecommend(context, options);
  const choice = chooseSet(run);
  const ranking = rankHomes(run, choice);
  const nextMillion = nextMillionOf(run, choice);
  const sensitivity = sensitivityCases(run, choice, ranking);
  run.progress(1, 'Done');
  return recommendation(run, choice, ranking, nextMillion, sensitivity);
}
