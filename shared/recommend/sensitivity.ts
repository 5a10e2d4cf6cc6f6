/**
 * Whether the recommendation holds at the ends of its assumptions: the search again at the low and
 * high capital cost per place, running cost per place and target occupancy, and, on the ranking paths,
 * how often the answer does at least as well as each re-run's pick under that case's assumption.
 */
import type { ScenarioContext } from '../scenario/types.js';
import {
  buildCandidates,
  CAPITAL_PER_PLACE_RANGE,
  defaultRunningCostPerPlace,
  type CandidateSettings,
} from './candidates.js';
import type { Choice } from './choose.js';
import { holdsShare, occupancyEnds, runningCostEnds } from './ends.js';
import { compareFigures, medianPath, SetEvaluator, setFigures } from './evaluate.js';
import type { Ranking } from './rank.js';
import { feasible } from './search.js';
import { homeRef, type RecommendRun } from './setup.js';
import type { HomeCandidate, SensitivityCase } from './types.js';

/** The sensitivity cases (none when the options turn them off). */
export function sensitivityCases(run: RecommendRun, choice: Choice, ranking: Ranking): SensitivityCase[] {
  const { context, options, objective, settings, candidates, constraints, progress, checkCancel, kept } = run;
  const { searchPaths, searchEval, search } = run;
  const { chosen, screen } = choice;
  const { rankingPaths, rankingEval } = ranking;
  // Sensitivity: the search again at the ends of the capital cost per place, running cost per place
  // and occupancy ranges; and, on the ranking paths, how often the answer does at least as well as
  // each re-run's pick under that case's assumption.
  const sensitivity: SensitivityCase[] = [];
  if (options.sensitivity !== false) {
    const keyOfHome = (c: HomeCandidate | undefined) => `${c?.la}:${c?.places}:${c?.openingYear}`;
    const chosenKeys = new Set(chosen.homes.map((k) => keyOfHome(candidates[k])));
    const runCase = (
      key: string,
      label: string,
      value: number,
      unit: string,
      evaluator: SetEvaluator,
      simulations: SetEvaluator | null,
    ): SensitivityCase => {
      const r = search(evaluator, constraints, () => undefined, chosen.homes, screen);
      const best = r.ranked[0];
      const picked = (best?.homes ?? []).map((k) => evaluator.candidates[k]).filter((c): c is HomeCandidate => !!c);
      const keys = new Set(picked.map(keyOfHome));
      const within = (a: Set<string>, b: Set<string>) => [...a].every((x) => b.has(x));
      const same = within(keys, chosenKeys) && within(chosenKeys, keys);
      let holdsAcross: SensitivityCase['holdsAcrossSimulations'] = null;
      if (simulations && kept > 0) {
        if (same) holdsAcross = { atLeastAsGood: 1, better: 0, simulations: simulations.paths.count };
        else if (best) {
          // The recommendation as it would stand under this case: over a budget or ceiling it no
          // longer fits, the homes whose loss is least dropped in turn (where the re-run starts).
          let ours = [...chosen.homes];
          while (ours.length && !feasible(evaluator.candidates, ours, constraints)) {
            const options = ours.map((_, a) => ours.filter((__, i) => i !== a));
            const scored = options.map((homes) => ({
              homes,
              figures: setFigures(evaluator.evaluate(homes), objective),
            }));
            scored.sort((x, y) => compareFigures(x.figures, y.figures, objective));
            ours = scored[0]?.homes ?? [];
          }
          holdsAcross = holdsShare(simulations.evaluate(ours), simulations.evaluate(best.homes), objective);
        }
      }
      return {
        key,
        label,
        value,
        unit,
        // The same homes, give or take those a cheaper or dearer place adds or drops.
        holds: within(keys, chosenKeys) || within(chosenKeys, keys),
        holdsAcrossSimulations: holdsAcross,
        added: picked.filter((c) => !chosenKeys.has(keyOfHome(c))).map(homeRef),
        dropped: chosen.homes
          .map((k) => candidates[k])
          .filter((c): c is HomeCandidate => c !== undefined && !keys.has(keyOfHome(c)))
          .map(homeRef),
        homes: picked.map(homeRef),
        objective: best?.figures.objective ?? NaN,
      };
    };
    // Capital and running costs move no child: the allocations already made are shared.
    const costCase = (key: string, label: string, value: number, unit: string, s: CandidateSettings) => {
      const list = buildCandidates(context, options, s);
      return runCase(
        key,
        label,
        value,
        unit,
        searchEval.withCandidates(list),
        kept > 0 ? rankingEval.withCandidates(list) : null,
      );
    };
    const cases = 6;
    let done = 0;
    const step = (label: string) => progress(0.85 + (0.15 * done++) / cases, label);
    step('Testing the assumptions: capital cost');
    for (const [end, perPlace] of [
      ['low', CAPITAL_PER_PLACE_RANGE.low],
      ['high', CAPITAL_PER_PLACE_RANGE.high],
    ] as const) {
      sensitivity.push(
        costCase(`capitalPerPlace.${end}`, `Capital per place at the ${end} end`, perPlace, '£ per place', {
          ...settings,
          capitalPerPlace: perPlace,
        }),
      );
      if (end === 'low') step('Testing the assumptions: capital cost');
    }
    const running = runningCostEnds(context, settings, options);
    for (const end of ['low', 'high'] as const) {
      step('Testing the assumptions: running cost');
      sensitivity.push(
        costCase(
          `runningCostPerPlace.${end}`,
          `Running cost per place at the ${end} end (${running.basis})`,
          running[end],
          '£ per place a year',
          { ...settings, runningCostPerPlace: running[end] },
        ),
      );
    }
    const occupancyRange = occupancyEnds(context);
    for (const [end, occupancy] of [
      ['low', occupancyRange.low],
      ['high', occupancyRange.high],
    ] as const) {
      step('Testing the assumptions: occupancy');
      const shifted: ScenarioContext = { ...context, settings: { ...context.settings, targetOccupancy: occupancy } };
      // Running costs stay as set (staffing is fixed); only how many children a place takes moves.
      const s: CandidateSettings = {
        ...settings,
        runningCostPerPlace: options.runningCostPerPlace ?? defaultRunningCostPerPlace(context),
      };
      const list = buildCandidates(shifted, options, s);
      const evaluator = new SetEvaluator(
        shifted,
        list,
        searchPaths.simulation[0] === -1 ? medianPath(shifted) : searchPaths,
        checkCancel,
      );
      sensitivity.push(
        runCase(
          `targetOccupancy.${end}`,
          `Target occupancy at the ${end} end (${end === 'low' ? occupancyRange.lowBasis : occupancyRange.highBasis})`,
          occupancy,
          'share of places',
          evaluator,
          kept > 0 ? new SetEvaluator(shifted, list, rankingPaths, checkCancel) : null,
        ),
      );
    }
  }
  return sensitivity;
}
