/**
 * A recommendation's answer: the ranked homes as a scenario (levers in the candidates' order, each
 * labelled with its rank), the chosen and runner-up figures, £1m more, the sensitivity cases, the need
 * types, how the search was done and the assumptions it rests on.
 */
import type { Choice } from './choose.js';
import { CAPITAL_PER_PLACE_RANGE } from './candidates.js';
import type { Ranking } from './rank.js';
import { homeRef, MILLION, now, type RecommendRun } from './setup.js';
import type { HomeCandidate, Recommendation, SensitivityCase } from './types.js';

/** Puts the recommendation together from its steps. */
export function recommendation(
  run: RecommendRun,
  choice: Choice,
  ranking: Ranking,
  nextMillion: Recommendation['nextMillion'],
  sensitivity: SensitivityCase[],
): Recommendation {
  const { context, options, started, objective, settings, candidates, warnings, finalPaths, searchPaths } = run;
  const { searchEval } = run;
  const { result, finals, chosen, runner, baseline, holds } = choice;
  const { order, needTypes, needTypeOf, rankingPaths, homes } = ranking;
  const refs = (list: readonly number[]) =>
    list
      .map((k) => candidates[k])
      .filter((c): c is HomeCandidate => c !== undefined)
      .map(homeRef);
  // In the candidates' order, as evaluated (the pools' rounding follows the levers' order), each
  // labelled with its rank.
  const scenarioLevers = [...order]
    .sort((a, b) => a - b)
    .map((k) => {
      const c = candidates[k];
      if (!c) return undefined;
      const needType = needTypeOf(k);
      const label = `${order.indexOf(k) + 1}. ${c.lever.label ?? ''}${needType === 'soloComplex' ? ' — solo or complex needs' : ''}`;
      return { ...c.lever, needType, label };
    })
    .filter((l): l is NonNullable<typeof l> => l !== undefined);
  const objectiveText = {
    local: 'fewest children placed outside the consortium',
    distance: 'fewest children placed more than 20 miles from home',
    cost: 'lowest whole-life cost (NPV, residual value credited)',
  }[objective];
  const money = (v: number) => `£${(v / MILLION).toFixed(1)}m`;
  return {
    objective,
    budget: options.budget,
    runningCostCeiling: options.runningCostCeiling ?? null,
    homes,
    scenario: {
      id: `recommended-${objective}-${Math.round(options.budget)}`,
      name: `Recommended homes (${objective}, ${money(options.budget)})`,
      notes:
        `Recommended by the optimiser for ${objectiveText}, within ${money(options.budget)} of capital` +
        `${options.runningCostCeiling !== undefined ? ` and ${money(options.runningCostCeiling)} a year of running costs` : ''}. ` +
        `Capital £${Math.round(settings.capitalPerPlace).toLocaleString('en-GB')} a place and running £${Math.round(settings.runningCostPerPlace).toLocaleString('en-GB')} a place a year are illustrative assumptions.`,
      illustrative: true,
      levers: scenarioLevers,
    },
    baseline,
    recommended: chosen.figures,
    runnerUp: runner ? { homes: refs(runner.homes), figures: runner.figures } : null,
    holdsAcrossSimulations: holds,
    nextMillion,
    sensitivity,
    needTypes: { shares: needTypes.shares, places: needTypes.places, note: needTypes.note },
    method: {
      search: result.method,
      feasibleSets: result.feasibleSets,
      setsEvaluated: searchEval.setsEvaluated,
      candidates: candidates.length,
      searchPaths: searchPaths.label,
      finalPaths: finalPaths.label,
      rankingPaths: rankingPaths.label,
      description:
        result.method === 'exact'
          ? `Every feasible set (${result.feasibleSets}) was evaluated on ${searchPaths.label}; the best ${finals.length} were re-ranked on ${finalPaths.label} (the mean over them); what each home adds is measured on ${rankingPaths.label}.`
          : `Greedy (best gain per £ of capital, and best gain outright) then local search (drop, add or swap one home) on ${searchPaths.label}; the best ${finals.length} sets seen were re-ranked on ${finalPaths.label} (the mean over them); what each home adds is measured on ${rankingPaths.label}. A heuristic: not proven optimal.`,
      milliseconds: Math.round(now() - started),
    },
    assumptions: [
      {
        key: 'recommend.capitalPerPlace',
        label: 'Capital per place',
        value: settings.capitalPerPlace,
        unit: '£ per place',
        rationale:
          options.capitalPerPlace === undefined
            ? `Illustrative: the built-in four-place home's £1,000,000 ÷ 4; tested at £${CAPITAL_PER_PLACE_RANGE.low.toLocaleString('en-GB')} and £${CAPITAL_PER_PLACE_RANGE.high.toLocaleString('en-GB')}.`
            : 'As given.',
      },
      {
        key: 'recommend.runningCostPerPlace',
        label: 'Running cost per place a year',
        value: settings.runningCostPerPlace,
        unit: '£ per place a year',
        rationale:
          options.runningCostPerPlace === undefined
            ? `The LA-run weekly price £${context.prices.localAuthority.toLocaleString('en-GB')} × ${Math.round(context.settings.weeksPerYear * 100) / 100} weeks × ${Math.round(context.settings.targetOccupancy * 100)}% target occupancy: staffing is fixed whether or not a bed is filled.`
            : 'As given.',
      },
      {
        key: 'recommend.rampUp',
        label: 'Places usable in the opening year',
        value: settings.rampUp[0] ?? 1,
        unit: 'share of places',
        rationale: 'While staff are recruited and children matched (as the built-in illustrative home).',
      },
      {
        key: 'recommend.assetLifeYears',
        label: 'Asset life',
        value: settings.assetLifeYears,
        unit: 'years',
        rationale: 'Capital written off straight-line; what is left at the horizon is credited as residual value.',
      },
    ],
    warnings,
  };
}
