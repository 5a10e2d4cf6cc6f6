/**
 * Ranking the chosen homes: each in turn the one adding most to those above it (on the search paths),
 * their need types, and what each adds measured on the ranking paths (at most a hundred simulations
 * spread over those kept).
 */
import { financialYear } from '../scenario/years.js';
import type { Choice } from './choose.js';
import {
  compareFigures,
  SetEvaluator,
  setFigures,
  simulationPaths,
  spreadSimulations,
  type DemandPaths,
  type SetEvaluation,
} from './evaluate.js';
import { assignNeedTypes } from './needTypes.js';
import { homeRef, RANKING_SIMULATIONS, type RecommendRun } from './setup.js';
import type { RecommendedHome, RecommendNeedType, SetFigures } from './types.js';

/** The chosen homes in rank order, with their need types and what each adds. */
export interface Ranking {
  /** Candidate indexes in rank order. */
  order: number[];
  needTypes: ReturnType<typeof assignNeedTypes>;
  needTypeOf: (k: number) => RecommendNeedType;
  rankingPaths: DemandPaths;
  rankingEval: SetEvaluator;
  homes: RecommendedHome[];
}

/** Ranks the chosen set's homes (see the file comment). */
export function rankHomes(run: RecommendRun, choice: Choice): Ranking {
  const { context, options, objective, candidates, progress, checkCancel, kept, finalPaths, searchEval, finalEval } =
    run;
  const { chosen } = choice;
  // Rank the chosen homes: each in turn the one adding most to those above it (on the search paths),
  // then what each adds measured on the final paths.
  progress(0.65, 'Ranking the homes');
  const order: number[] = [];
  const remaining = [...chosen.homes];
  while (remaining.length) {
    let bestIndex = 0;
    let bestFigures: SetFigures | null = null;
    remaining.forEach((k, i) => {
      const f = setFigures(searchEval.evaluate([...order, k]), objective);
      if (!bestFigures || compareFigures(f, bestFigures, objective) < 0) {
        bestFigures = f;
        bestIndex = i;
      }
    });
    order.push(...remaining.splice(bestIndex, 1));
  }
  const needTypes = assignNeedTypes(
    order.map((k) => candidates[k]?.places ?? 0),
    {
      needTypeShares: options.needTypeShares === undefined ? (context.needTypeShares ?? null) : options.needTypeShares,
      ...(options.needTypes ? { needTypes: options.needTypes } : {}),
    },
  );
  const needTypeOf = (k: number): RecommendNeedType => needTypes.byHome[order.indexOf(k)] ?? 'mainstream';
  const rankingPaths: DemandPaths =
    kept > finalPaths.count || finalPaths.count <= RANKING_SIMULATIONS || kept === 0
      ? finalPaths
      : simulationPaths(
          context,
          spreadSimulations(kept, RANKING_SIMULATIONS),
          `${RANKING_SIMULATIONS} demand simulations spread over the ${kept} kept`,
        );
  const rankingEval =
    rankingPaths === finalPaths ? finalEval : new SetEvaluator(context, candidates, rankingPaths, checkCancel);
  const homes: RecommendedHome[] = [];
  let previous: SetEvaluation = rankingEval.evaluate([]);
  order.forEach((k, r) => {
    const c = candidates[k];
    if (!c) return;
    const next = rankingEval.evaluate(order.slice(0, r + 1));
    const a = setFigures(previous, objective);
    const b = setFigures(next, objective);
    homes.push({
      rank: r + 1,
      ...homeRef(c),
      openingFinancialYear: financialYear(c.openingYear),
      needType: needTypeOf(k),
      capitalCost: c.capitalCost,
      runningCostPerYear: c.runningCostPerYear,
      adds: {
        placedInConsortium:
          b.placedOwnLa + b.placedElsewhereInConsortium - (a.placedOwnLa + a.placedElsewhereInConsortium),
        placedOwnLa: b.placedOwnLa - a.placedOwnLa,
        over20MilesAvoided: a.over20Miles - b.over20Miles,
        missingIncidentsAvoided: a.expectedMissingIncidents - b.expectedMissingIncidents,
        costChange: b.totalCost - a.totalCost,
        npvChange: b.npv - a.npv,
      },
    });
    previous = next;
  });
  return { order, needTypes, needTypeOf, rankingPaths, rankingEval, homes };
}
