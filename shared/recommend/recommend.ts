/**
 * `recommend(context, options)`: where the consortium should open homes, for a capital budget and an
 * objective (see ./README.md). Builds the candidates, searches on the search paths (exact when the
 * feasible sets are few, else the heuristic), re-ranks the best few sets on every simulation, and
 * answers with the ranked homes, what each adds, the runner-up and how often the choice holds across
 * simulations, the value of £1m more, and whether the choice holds at the ends of the capital cost
 * and occupancy ranges.
 */
import { costRanges } from '../scenario/costUncertainty.js';
import { financialYear } from '../scenario/years.js';
import type { ScenarioContext } from '../scenario/types.js';
import {
  buildCandidates,
  candidateSettings,
  CAPITAL_PER_PLACE_RANGE,
  defaultRunningCostPerPlace,
  type CandidateSettings,
} from './candidates.js';
import {
  compareFigures,
  medianPath,
  pathObjective,
  SetEvaluator,
  setFigures,
  simulationPaths,
  spreadSimulations,
  type DemandPaths,
  type SetEvaluation,
} from './evaluate.js';
import {
  countFeasible,
  exactSearch,
  feasible,
  heuristicSearch,
  type Constraints,
  type SearchResult,
} from './search.js';
import {
  RecommendCancelled,
  RecommendError,
  RECOMMEND_NEED_TYPES,
  RECOMMEND_OBJECTIVES,
  type RecommendNeedType,
  type HomeCandidate,
  type RecommendedHome,
  type Recommendation,
  type RecommendObjective,
  type RecommendOptions,
  type SensitivityCase,
  type SetFigures,
} from './types.js';

const DEFAULT_EXACT_LIMIT = 4096;
const DEFAULT_SHORTLIST = 3;
/** Simulations (spread over those kept) on which what each home adds is measured. */
const RANKING_SIMULATIONS = 100;
const MILLION = 1_000_000;

/** Wall-clock milliseconds, for the method's timing only (never for a figure). */
const now = (): number => Date.now();

function checkOptions(context: ScenarioContext, options: RecommendOptions): string[] {
  const problems: string[] = [];
  if (!(Number.isFinite(options.budget) && options.budget >= 0))
    problems.push('The budget must be a sum of pounds, 0 or more.');
  if (options.objective !== undefined && !RECOMMEND_OBJECTIVES.includes(options.objective))
    problems.push(`The objective must be one of: ${RECOMMEND_OBJECTIVES.join(', ')}.`);
  if (
    options.runningCostCeiling !== undefined &&
    !(Number.isFinite(options.runningCostCeiling) && options.runningCostCeiling >= 0)
  )
    problems.push('The running-cost ceiling must be a sum of pounds a year, 0 or more.');
  const per = options.maxHomesPerAuthority;
  if (per !== undefined && !(Number.isInteger(per) && per >= 1 && per <= 10))
    problems.push('Homes per authority must be a whole number from 1 to 10.');
  if (options.searchPaths !== undefined && options.searchPaths !== 'median') {
    if (!(Number.isInteger(options.searchPaths) && options.searchPaths >= 1))
      problems.push('The search paths must be "median" or a whole number of simulations, 1 or more.');
    else if (context.simulations === 0) problems.push('The projection kept no simulations to search on.');
  }
  if (context.members.length === 0) problems.push('The plan has no members.');
  for (const t of options.needTypes ?? []) {
    if (!RECOMMEND_NEED_TYPES.includes(t))
      problems.push(`A need type must be one of: ${RECOMMEND_NEED_TYPES.join(', ')} (got ${String(t)}).`);
  }
  const shares = options.needTypeShares === undefined ? context.needTypeShares : options.needTypeShares;
  if (shares && !(shares.soloComplex >= 0 && shares.soloComplex <= 1 && shares.mainstream >= 0))
    problems.push('The need-type shares must be between 0 and 1.');
  if (options.needTypes?.includes('soloComplex') && !shares)
    problems.push('The plan has no need types: homes can only be recommended as mainstream.');
  return problems;
}

type HomeRef = { la: string; name: string; places: number; openingYear: string };
const homeRef = (c: HomeCandidate): HomeRef => ({
  la: c.la,
  name: c.name,
  places: c.places,
  openingYear: c.openingYear,
});

export function recommend(context: ScenarioContext, options: RecommendOptions): Recommendation {
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
  progress(1, 'Done');

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

/** Low and high target occupancy: the projection's P10 and P90 draws, or ±5 points without them. */
function occupancyEnds(context: ScenarioContext): { low: number; high: number; lowBasis: string; highBasis: string } {
  const draws = context.assumptionDraws?.targetOccupancy;
  if (draws && draws.length >= 10) {
    const sorted = [...draws].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    return { low: at(0.1), high: at(0.9), lowBasis: 'P10 of the projection’s draws', highBasis: 'P90 of them' };
  }
  const v = context.settings.targetOccupancy;
  return {
    low: Math.max(0.5, v - 0.05),
    high: Math.min(1, v + 0.05),
    lowBasis: '5 percentage points lower',
    highBasis: '5 points higher',
  };
}

/**
 * Simulation by simulation, how often set `a` does at least as well as set `b` on the objective
 * (and strictly better), lexicographic as the ranking: the objective, then (for counts) the NPV; £1
 * is a tie.
 */
function holdsShare(
  a: SetEvaluation,
  b: SetEvaluation,
  objective: RecommendObjective,
): { atLeastAsGood: number; better: number; simulations: number } {
  const P = a.own.length;
  let atLeast = 0;
  let strictly = 0;
  for (let p = 0; p < P; p++) {
    let d = pathObjective(a, objective, p) - pathObjective(b, objective, p);
    if (objective !== 'cost' && Math.abs(d) <= 1e-6) d = 0;
    if (d === 0 || (objective === 'cost' && Math.abs(d) <= 1)) {
      const n = (a.npv[p] ?? 0) - (b.npv[p] ?? 0);
      d = Math.abs(n) <= 1 ? 0 : n;
    }
    if (d <= 0) atLeast++;
    if (d < 0) strictly++;
  }
  return { atLeastAsGood: P ? atLeast / P : 0, better: P ? strictly / P : 0, simulations: P };
}

/**
 * Low and high running cost per place a year: the LA-run weekly price at the ends of its cost
 * uncertainty range (../scenario/costUncertainty.ts: ±15% unless the plan's register gives a range),
 * × weeks × target occupancy; or ±15% of a running cost given as an option.
 */
function runningCostEnds(
  context: ScenarioContext,
  settings: CandidateSettings,
  options: RecommendOptions,
): { low: number; high: number; basis: string } {
  const range = costRanges(context).find((r) => r.key === 'price.localAuthority');
  if (options.runningCostPerPlace === undefined && range && range.central > 0) {
    const per = settings.runningCostPerPlace / range.central;
    return {
      low: Math.round(range.low * per),
      high: Math.round(range.high * per),
      basis: `the LA-run weekly price's range, £${range.low.toLocaleString('en-GB')}–£${range.high.toLocaleString('en-GB')}`,
    };
  }
  return {
    low: Math.round(settings.runningCostPerPlace * 0.85),
    high: Math.round(settings.runningCostPerPlace * 1.15),
    basis: '15% either side of the running cost given',
  };
}

/**
 * Need types for the chosen homes (in rank order, by places). The scenario model treats places as
 * interchangeable across need types (one pool per authority), so a home's need type does not change
 * the figures it is chosen on; it says whom the home is for. The homes are given need types so that
 * the recommended places follow the plan's split of children by need type as closely as whole homes
 * allow: solo or complex homes are the smallest (such homes are small by design), taken from the
 * lowest-ranked up while each brings the places closer to the solo/complex share. Without a split (or when only
 * mainstream homes are asked for), every home is mainstream.
 */
export function assignNeedTypes(
  places: readonly number[],
  options: Pick<RecommendOptions, 'needTypeShares' | 'needTypes'>,
): {
  byHome: RecommendNeedType[];
  shares: { mainstream: number; soloComplex: number } | null;
  places: { mainstream: number; soloComplex: number };
  note: string;
} {
  const split = options.needTypeShares ?? null;
  const allowed = options.needTypes?.length ? options.needTypes : RECOMMEND_NEED_TYPES;
  const total = places.reduce((s, p) => s + p, 0);
  const byHome: RecommendNeedType[] = places.map(() => 'mainstream');
  const tally = () => {
    const solo = places.reduce((s, p, i) => s + (byHome[i] === 'soloComplex' ? p : 0), 0);
    return { mainstream: total - solo, soloComplex: solo };
  };
  if (!split) {
    return {
      byHome,
      shares: null,
      places: tally(),
      note: 'The plan has no need types: every home is mainstream.',
    };
  }
  const shares = { mainstream: split.mainstream, soloComplex: split.soloComplex };
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const basis = split.basis ? ` (${split.basis})` : '';
  if (!allowed.includes('soloComplex') || !allowed.includes('mainstream')) {
    const only: RecommendNeedType = allowed.includes('soloComplex') ? 'soloComplex' : 'mainstream';
    byHome.fill(only);
    return {
      byHome,
      shares,
      places: tally(),
      note: `Every home is ${only === 'soloComplex' ? 'for solo or complex needs' : 'mainstream'}, as asked; the plan's split is ${pct(shares.mainstream)} mainstream, ${pct(shares.soloComplex)} solo or complex${basis}.`,
    };
  }
  const target = shares.soloComplex * total;
  let solo = 0;
  // Smallest homes first, the lowest-ranked first among equals.
  const byFit = places.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || b.i - a.i);
  for (const { p, i } of byFit) {
    if (Math.abs(solo + p - target) >= Math.abs(solo - target) - 1e-9) continue;
    byHome[i] = 'soloComplex';
    solo += p;
  }
  return {
    byHome,
    shares,
    places: tally(),
    note:
      `The plan splits children ${pct(shares.mainstream)} mainstream, ${pct(shares.soloComplex)} solo or complex${basis}. ` +
      'The scenario model treats places as interchangeable across need types, so a home’s need type does not change its figures: ' +
      'the smallest homes are for solo or complex needs, as many as bring their places closest to that share of the places recommended, the rest mainstream.',
  };
}
