/**
 * The home-location optimiser (shared/recommend): its fast evaluator gives the scenario model's own
 * figures for the same homes as levers; the exact search agrees with brute force through
 * `runScenario` on instances of at most six candidates under each objective; the heuristic beats the
 * best of 1,000 random placements of the same budget; the answer improves (never worsens) as the
 * budget grows, is the same for the same seed, and works for a consortium other than GM.
 */
import { describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan, Rng } from '#shared/forecast/index.js';
import { quantileSorted } from '#shared/forecast/stats.js';
import {
  assignNeedTypes,
  buildCandidates,
  feasible,
  firstYearOnly,
  medianPath,
  RecommendCancelled,
  RecommendError,
  recommend,
  SetEvaluator,
  setFigures,
  simulationPaths,
  spreadSimulations,
  type HomeCandidate,
  type RecommendObjective,
} from '#shared/recommend/index.js';
import { runScenario, scenarioContextFromPlan, type Scenario } from '#shared/scenario/index.js';
import type { ScenarioContext } from '#shared/scenario/types.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';
import { englandLikeInputs } from '../bench/cases/forecast.js';
import { englandLikePlan } from '../bench/cases/scenario.js';

const plan = builtInPlanData();
const inputs = projectionInputsFromPlan(plan);
const contexts = new Map<string, ScenarioContext>();
function gmContext(simulations: number, seed = 1): ScenarioContext {
  const key = `${simulations}:${seed}`;
  let context = contexts.get(key);
  if (!context) {
    const projection = project(inputs, { method: 'rate', simulations, seed, keepSamples: simulations > 0 });
    context = scenarioContextFromPlan(plan, projection);
    contexts.set(key, context);
  }
  return context;
}

const scenarioOf = (homes: readonly HomeCandidate[]): Scenario => ({
  id: 'set',
  name: 'Set',
  notes: '',
  illustrative: true,
  levers: homes.map((h) => h.lever),
});

const BURY = 'E08000002';
const OLDHAM = 'E08000004';
const TRAFFORD = 'E08000009';

describe('evaluating a set of homes', () => {
  it('gives the scenario model’s central figures and NPV for the same homes as levers', () => {
    const context = gmContext(0);
    const candidates = buildCandidates(context, { budget: 0, candidates: [BURY, TRAFFORD], sizes: [2, 4] });
    const homes = candidates.filter(
      (c) =>
        (c.la === BURY && c.places === 4 && c.openingYear === '2027') ||
        (c.la === TRAFFORD && c.places === 2 && c.openingYear === '2028'),
    );
    expect(homes).toHaveLength(2);
    const evaluator = new SetEvaluator(context, candidates, medianPath(context));
    const mine = setFigures(evaluator.evaluate(homes.map((h) => h.index)), 'cost');
    const outcome = runScenario(context, scenarioOf(homes), { flows: false });
    expect(mine.placedOutside).toBeCloseTo(outcome.totals.placedOutside, 6);
    expect(mine.placedOwnLa).toBeCloseTo(outcome.totals.placedOwnLa, 6);
    expect(mine.over20Miles).toBeCloseTo(outcome.totals.over20Miles, 6);
    expect(mine.expectedMissingIncidents).toBeCloseTo(outcome.totals.expectedMissingIncidents, 6);
    expect(mine.totalCost).toBeCloseTo(outcome.totals.cost.total, 0);
    expect(mine.npv).toBeCloseTo(outcome.npv.total, 0);
    // And the homes change something: fewer children outside than the baseline.
    const baseline = runScenario(context, scenarioOf([]), { flows: false });
    expect(mine.placedOutside).toBeLessThan(baseline.totals.placedOutside - 1);
  });

  it('gives, simulation by simulation, the figures whose percentiles the scenario run reports', () => {
    const context = gmContext(40);
    const candidates = buildCandidates(context, {
      budget: 0,
      candidates: [OLDHAM],
      sizes: [3],
      openingYears: ['2027'],
    });
    const evaluator = new SetEvaluator(context, candidates, simulationPaths(context, spreadSimulations(40, 40), 'all'));
    const e = evaluator.evaluate([0]);
    const outcome = runScenario(context, scenarioOf(candidates), { flows: false });
    const p50 = (a: Float64Array) => quantileSorted(Float64Array.from(a).sort(), 0.5);
    expect(p50(e.npv)).toBeCloseTo(outcome.totals.percentiles.npv.p50, 0);
    expect(p50(e.outside)).toBeCloseTo(outcome.totals.percentiles.placedOutside.p50, 6);
    expect(p50(e.over20)).toBeCloseTo(outcome.totals.percentiles.over20Miles.p50, 6);
  });
});

/** Brute force through runScenario: every subset of the candidates within the budget, one home per authority. */
function bruteForce(
  context: ScenarioContext,
  candidates: HomeCandidate[],
  budget: number,
  objective: RecommendObjective,
) {
  let best: { value: number; npv: number; homes: HomeCandidate[] } | null = null;
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const homes = candidates.filter((_, k) => mask & (1 << k));
    if (homes.reduce((s, h) => s + h.capitalCost, 0) > budget) continue;
    if (new Set(homes.map((h) => h.la)).size !== homes.length) continue;
    const o = runScenario(context, scenarioOf(homes), { flows: false, uncertainty: 'percentile paths' });
    const value =
      objective === 'local'
        ? o.totals.placedOutside + o.totals.unmet
        : objective === 'distance'
          ? o.totals.over20Miles
          : o.npv.total;
    const npv = o.npv.total;
    if (!best || value < best.value - 1e-6 || (Math.abs(value - best.value) <= 1e-6 && npv < best.npv))
      best = { value, npv, homes };
  }
  if (!best) throw new Error('no feasible set');
  return best;
}

describe('exact search', () => {
  const context = gmContext(0);
  const instances = [
    { candidates: [BURY, OLDHAM, TRAFFORD], sizes: [2, 4], openingYears: ['2027'], budget: 1_500_000 },
    { candidates: [BURY, TRAFFORD], sizes: [3], openingYears: ['2026', '2027', '2029'], budget: 1_600_000 },
  ];
  for (const objective of ['local', 'distance', 'cost'] as const) {
    it(`agrees with brute force on ≤ 6 candidates (${objective})`, () => {
      for (const instance of instances) {
        const options = { ...instance, objective, sensitivity: false };
        const candidates = buildCandidates(context, options);
        expect(candidates.length).toBeLessThanOrEqual(6);
        const answer = recommend(context, options);
        expect(answer.method.search).toBe('exact');
        const brute = bruteForce(context, candidates, instance.budget, objective);
        const value = objective === 'cost' ? answer.recommended.npv : answer.recommended.objective;
        expect(value).toBeCloseTo(brute.value, 3);
        expect(answer.recommended.npv).toBeCloseTo(brute.npv, 0);
        expect(answer.recommended.capital).toBeLessThanOrEqual(instance.budget);
        // The recommended scenario, run as it is saved, gives the recommendation's own figures.
        const saved = runScenario(context, answer.scenario, { flows: false, uncertainty: 'percentile paths' });
        expect(saved.npv.total).toBeCloseTo(answer.recommended.npv, 0);
        expect(saved.totals.over20Miles).toBeCloseTo(answer.recommended.over20Miles, 6);
      }
    });
  }
});

describe('heuristic search', () => {
  const context = gmContext(0);
  const options = { budget: 3_000_000, openingYears: ['2027', '2029'], sensitivity: false, exactLimit: 0 };

  for (const objective of ['local', 'cost'] as const) {
    it(`beats the best of 1,000 random placements of the same budget (${objective})`, () => {
      const answer = recommend(context, { ...options, objective });
      expect(answer.method.search).toBe('heuristic');
      const candidates = buildCandidates(context, options);
      const evaluator = new SetEvaluator(context, candidates, medianPath(context));
      const constraints = { budget: options.budget, runningCostCeiling: null, maxPerAuthority: 1 };
      const rng = new Rng(7);
      let bestRandom = Infinity;
      for (let n = 0; n < 1000; n++) {
        // A random placement: candidates in random order, each taken when it still fits.
        const order = candidates.map((c) => ({ k: c.index, u: rng.uniform() })).sort((a, b) => a.u - b.u);
        const homes: number[] = [];
        for (const { k } of order) if (feasible(candidates, [...homes, k], constraints)) homes.push(k);
        const f = setFigures(evaluator.evaluate(homes), objective);
        bestRandom = Math.min(bestRandom, objective === 'cost' ? f.npv : f.objective);
      }
      const mine = objective === 'cost' ? answer.recommended.npv : answer.recommended.objective;
      expect(mine).toBeLessThanOrEqual(bestRandom + 1e-6);
    });
  }

  it('on large instances offers the greedy only each home’s first opening year (count objectives)', () => {
    const context = gmContext(0);
    const few = buildCandidates(context, { budget: 1 });
    expect(firstYearOnly(few, 'local')).toBeNull();
    // 41 copies of the candidates stand in for a large instance (over 600).
    const many = Array.from({ length: 41 }, (_, copy) => few.map((h) => ({ ...h, member: h.member + copy * 100 })))
      .flat()
      .map((h, index) => ({ ...h, index }));
    const first = firstYearOnly(many, 'distance');
    expect(first?.size).toBe(many.length / context.years.length);
    for (const k of first ?? []) expect(many[k]?.openingYear).toBe(context.years[0]);
    expect(firstYearOnly(many, 'cost')).toBeNull();
  });

  it('never does worse with a larger budget, and never spends more than it has', () => {
    let previous = Infinity;
    for (const budget of [0, 1_000_000, 2_000_000, 3_500_000, 5_000_000]) {
      const answer = recommend(context, { ...options, budget, objective: 'local' });
      expect(answer.recommended.capital).toBeLessThanOrEqual(budget);
      expect(answer.recommended.objective).toBeLessThanOrEqual(previous + 1e-6);
      if (budget === 0) expect(answer.homes).toHaveLength(0);
      else expect(answer.recommended.objective).toBeLessThan(answer.baseline.objective);
      previous = answer.recommended.objective;
    }
  });
});

describe('the answer', () => {
  it('is the same for the same seed, with simulations, and says how often it holds', () => {
    const run = () => {
      const contextA = gmContext(60, 11);
      return recommend(contextA, {
        budget: 2_000_000,
        candidates: [BURY, OLDHAM, TRAFFORD, 'E08000001', 'E08000003'],
        openingYears: ['2027'],
        objective: 'distance',
        exactLimit: 10,
      });
    };
    const a = run();
    const b = run();
    const strip = (r: typeof a) => ({ ...r, method: { ...r.method, milliseconds: 0 } });
    expect(strip(a)).toEqual(strip(b));
    expect(a.method.finalPaths).toBe('60 demand simulations');
    expect(a.holdsAcrossSimulations?.simulations).toBe(60);
    expect(a.homes.length).toBeGreaterThan(0);
    expect(a.scenario.levers).toHaveLength(a.homes.length);
    // What the homes add, in order, sums to the recommendation against the baseline (same paths).
    const added = a.homes.reduce((s, h) => s + h.adds.over20MilesAvoided, 0);
    expect(added).toBeCloseTo(a.baseline.over20Miles - a.recommended.over20Miles, 6);
    expect(a.sensitivity.map((s) => s.key)).toEqual([
      'capitalPerPlace.low',
      'capitalPerPlace.high',
      'runningCostPerPlace.low',
      'runningCostPerPlace.high',
      'targetOccupancy.low',
      'targetOccupancy.high',
    ]);
    // Each case says how often the choice holds across simulations under its own assumption.
    for (const c of a.sensitivity) {
      const h = c.holdsAcrossSimulations;
      expect(h?.simulations).toBe(60);
      expect(h?.better).toBeLessThanOrEqual(h?.atLeastAsGood ?? -1);
      if (c.added.length === 0 && c.dropped.length === 0) expect(h?.atLeastAsGood).toBe(1);
    }
    const running = a.sensitivity.filter((c) => c.key.startsWith('runningCostPerPlace'));
    expect(running[0]?.value).toBeLessThan(running[1]?.value ?? 0);
    // The recommended scenario runs in the scenario model as it is.
    const outcome = runScenario(gmContext(60, 11), a.scenario, { flows: false });
    expect(outcome.totals.over20Miles).toBeLessThan(
      runScenario(gmContext(60, 11), scenarioOf([]), { flows: false }).totals.over20Miles,
    );
  });

  it('works for a consortium other than Greater Manchester', () => {
    const synthetic = englandLikeInputs(6, 99);
    const data = englandLikePlan(synthetic);
    const context = scenarioContextFromPlan(
      data,
      project(synthetic, { method: 'rate', simulations: 30, seed: 3, keepSamples: true }),
    );
    const answer = recommend(context, { budget: 2_000_000, objective: 'local', sensitivity: false });
    expect(answer.homes.length).toBeGreaterThan(0);
    for (const h of answer.homes) expect(context.members.map((m) => m.code)).toContain(h.la);
    expect(answer.recommended.objective).toBeLessThan(answer.baseline.objective);
    expect(answer.scenario.notes).not.toMatch(/Manchester|Bury|Trafford/);
  });

  it('keeps its simulations when a member is not in the projection (taken as no demand)', () => {
    const synthetic = englandLikeInputs(5, 7);
    const data = englandLikePlan(synthetic);
    const projection = project(synthetic, { method: 'rate', simulations: 20, seed: 3, keepSamples: true });
    const dropped = projection.areas[0]?.code;
    const context = scenarioContextFromPlan(data, {
      ...projection,
      areas: projection.areas.filter((a) => a.code !== dropped),
    });
    expect(context.simulations).toBe(20);
    const i = context.members.findIndex((m) => m.code === dropped);
    expect(i).toBeGreaterThanOrEqual(0);
    expect([...(context.demand[i]?.samples ?? [1])].every((x) => x === 0)).toBe(true);
    const answer = recommend(context, { budget: 1_000_000, sensitivity: false });
    expect(answer.holdsAcrossSimulations?.simulations ?? answer.method.finalPaths).toBeTruthy();
    expect(answer.method.finalPaths).toBe('20 demand simulations');
  });

  it('says which homes are for which need type, by the plan’s split, or that the plan has none', () => {
    // 4 + 3 + 2 + 2 = 11 places; 18% solo/complex is 1.98 places: one 2-place home, the lowest ranked.
    const split = { needTypeShares: { mainstream: 0.82, soloComplex: 0.18 } };
    expect(assignNeedTypes([4, 3, 2, 2], split).byHome).toEqual([
      'mainstream',
      'mainstream',
      'mainstream',
      'soloComplex',
    ]);
    expect(assignNeedTypes([4, 3, 2, 2], split).places).toEqual({ mainstream: 9, soloComplex: 2 });
    // 40%: 4.4 places, two 2-place homes.
    const wide = { needTypeShares: { mainstream: 0.6, soloComplex: 0.4 } };
    expect(assignNeedTypes([4, 3, 2, 2], wide).places).toEqual({ mainstream: 7, soloComplex: 4 });
    expect(assignNeedTypes([4, 3], { needTypeShares: null }).note).toMatch(/has no need types/);
    expect(assignNeedTypes([4, 3], { ...split, needTypes: ['soloComplex'] }).byHome).toEqual([
      'soloComplex',
      'soloComplex',
    ]);
    // The plan's projection carries its split; the answer and the scenario's levers say it.
    const context = gmContext(0);
    expect(context.needTypeShares?.soloComplex).toBeCloseTo(0.18, 6);
    const answer = recommend(context, { budget: 5_000_000, openingYears: ['2027'], sensitivity: false });
    const solo = answer.homes.filter((h) => h.needType === 'soloComplex');
    expect(answer.needTypes.shares?.soloComplex).toBeCloseTo(0.18, 6);
    expect(solo.length).toBeGreaterThan(0);
    expect(answer.needTypes.places.soloComplex).toBe(solo.reduce((s, h) => s + h.places, 0));
    // As close to 18% of the places as whole homes allow: within half the smallest home's places.
    const total = answer.homes.reduce((s, h) => s + h.places, 0);
    const smallest = Math.min(...answer.homes.map((h) => h.places));
    expect(Math.abs(answer.needTypes.places.soloComplex - 0.18 * total)).toBeLessThanOrEqual(smallest / 2 + 1e-9);
    const levers = answer.scenario.levers.filter((l) => l.type === 'newHome' && l.needType === 'soloComplex');
    expect(levers).toHaveLength(solo.length);
    const none = recommend(
      { ...context, needTypeShares: null },
      { budget: 5_000_000, openingYears: ['2027'], sensitivity: false },
    );
    expect(none.homes.every((h) => h.needType === 'mainstream')).toBe(true);
    expect(none.needTypes.note).toBe('The plan has no need types: every home is mainstream.');
    expect(() =>
      recommend({ ...context, needTypeShares: null }, { budget: 1_000_000, needTypes: ['soloComplex'] }),
    ).toThrow(/no need types/);
  });

  it('keeps to a running-cost ceiling, and stops when asked to', () => {
    const context = gmContext(0);
    const base = { budget: 5_000_000, openingYears: ['2027'], sensitivity: false };
    const free = recommend(context, base);
    const ceiling = free.recommended.runningPerYear / 2;
    const capped = recommend(context, { ...base, runningCostCeiling: ceiling });
    expect(capped.recommended.runningPerYear).toBeLessThanOrEqual(ceiling);
    expect(capped.recommended.runningPerYear).toBeGreaterThan(0);
    expect(capped.recommended.objective).toBeGreaterThan(free.recommended.objective);
    let polls = 0;
    expect(() => recommend(context, { ...base, shouldCancel: () => ++polls > 20 })).toThrow(RecommendCancelled);
    expect(polls).toBe(21);
  });

  it('refuses bad options with a clear message', () => {
    const context = gmContext(0);
    expect(() => recommend(context, { budget: -1 })).toThrow(RecommendError);
    expect(() => recommend(context, { budget: 1e6, candidates: ['E09000001'] })).toThrow(/not a member/);
    expect(() => recommend(context, { budget: 1e6, openingYears: ['2040'] })).toThrow(/outside the plan's horizon/);
    expect(() => recommend(context, { budget: 1e6, sizes: [0] })).toThrow(/home size/);
  });
});
