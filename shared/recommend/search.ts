/**
 * Choosing a set of homes under the budget (see ./README.md):
 *
 * - **Exact** when the instance is small: every feasible set (capital within the budget, running
 *   costs within any ceiling, at most `maxPerAuthority` homes in one authority) is enumerated by
 *   depth-first search and evaluated; the best is the optimum on the paths searched.
 * - **Heuristic** beyond that: two greedy starts from no homes — adding, step by step, the feasible
 *   home with the best gain per £ of capital, and the one with the best gain outright (the classic
 *   pair for a budgeted choice: either can be far off alone, not both), each lazily (a home's
 *   earlier gain bounds its gain now, so only the top of the list is re-scored) — each followed by
 *   local search (best improving move among dropping a home, adding one, or swapping one for
 *   another) until no move improves, capped at 50 moves; local search tries only the 40 best homes
 *   alone by each measure (a screen: with 150 candidates most are never worth a swap). Every set evaluated is kept, so the best few can be
 *   re-ranked on every simulation. Re-optimising from a known set (the value of £1m more, the
 *   sensitivity runs) skips the greedy starts: the set is made to fit (dropping the home whose loss
 *   is least, in turn) and local search goes on from there.
 */
import { compareFigures, setFigures, type SetEvaluator } from './evaluate.js';
import type { HomeCandidate, RecommendObjective, SetFigures } from './types.js';

export interface Constraints {
  budget: number;
  runningCostCeiling: number | null;
  maxPerAuthority: number;
}

export interface SearchResult {
  method: 'exact' | 'heuristic';
  feasibleSets: number | null;
  /** Every set evaluated, best first (by the search's paths). */
  ranked: { homes: number[]; figures: SetFigures }[];
}

const EPS = 1e-6;

export function feasible(candidates: readonly HomeCandidate[], homes: readonly number[], c: Constraints): boolean {
  let capital = 0;
  let running = 0;
  const perMember = new Map<number, number>();
  for (const k of homes) {
    const h = candidates[k];
    if (!h) return false;
    capital += h.capitalCost;
    running += h.runningCostPerYear;
    const n = (perMember.get(h.member) ?? 0) + 1;
    if (n > c.maxPerAuthority) return false;
    perMember.set(h.member, n);
  }
  if (new Set(homes).size !== homes.length) return false;
  return capital <= c.budget + EPS && (c.runningCostCeiling === null || running <= c.runningCostCeiling + EPS);
}

/** Whether home `h` can join a set costing `capital` and `running` a year, its member's homes as counted. */
function fits(
  h: HomeCandidate,
  capital: number,
  running: number,
  perMember: ReadonlyMap<number, number>,
  c: Constraints,
): boolean {
  if (capital + h.capitalCost > c.budget + EPS) return false;
  if (c.runningCostCeiling !== null && running + h.runningCostPerYear > c.runningCostCeiling + EPS) return false;
  return (perMember.get(h.member) ?? 0) < c.maxPerAuthority;
}

/** Feasible sets (including none), counted in the order feasibleSets gives them, stopping once past `limit`. */
export function countFeasible(candidates: readonly HomeCandidate[], c: Constraints, limit: number): number {
  let count = 0;
  for (const _set of feasibleSets(candidates, c)) if (++count > limit) break;
  return count;
}

/** Every feasible set (including none), in depth-first order. */
export function* feasibleSets(candidates: readonly HomeCandidate[], c: Constraints): Generator<number[]> {
  const chosen: number[] = [];
  const perMember = new Map<number, number>();
  function* walk(start: number, capital: number, running: number): Generator<number[]> {
    yield [...chosen];
    for (let k = start; k < candidates.length; k++) {
      const h = candidates[k];
      if (!h || !fits(h, capital, running, perMember, c)) continue;
      const n = perMember.get(h.member) ?? 0;
      perMember.set(h.member, n + 1);
      chosen.push(k);
      yield* walk(k + 1, capital + h.capitalCost, running + h.runningCostPerYear);
      chosen.pop();
      perMember.set(h.member, n);
    }
  }
  yield* walk(0, 0, 0);
}

const keyOf = (homes: readonly number[]): string => [...homes].sort((a, b) => a - b).join(',');

class Archive {
  readonly seen = new Map<string, { homes: number[]; figures: SetFigures }>();
  constructor(
    private readonly evaluator: SetEvaluator,
    private readonly objective: RecommendObjective,
  ) {}

  figures(homes: readonly number[]): SetFigures {
    const key = keyOf(homes);
    const found = this.seen.get(key);
    if (found) return found.figures;
    const figures = setFigures(this.evaluator.evaluate(homes), this.objective);
    this.seen.set(key, { homes: [...homes].sort((a, b) => a - b), figures });
    return figures;
  }

  ranked(): { homes: number[]; figures: SetFigures }[] {
    return [...this.seen.values()].sort(
      (a, b) => compareFigures(a.figures, b.figures, this.objective) || keyOf(a.homes).localeCompare(keyOf(b.homes)),
    );
  }
}

export function exactSearch(
  evaluator: SetEvaluator,
  objective: RecommendObjective,
  c: Constraints,
  feasibleCount: number,
  onProgress: (done: number) => void = () => undefined,
): SearchResult {
  const archive = new Archive(evaluator, objective);
  let n = 0;
  for (const homes of feasibleSets(evaluator.candidates, c)) {
    archive.figures(homes);
    if (++n % 64 === 0) onProgress(n / feasibleCount);
  }
  return { method: 'exact', feasibleSets: feasibleCount, ranked: archive.ranked() };
}

const MAX_MOVES = 50;
/** Homes alone ranked in the top this many (by gain per £, or outright) are tried in local search. */
const SCREEN = 40;

export function heuristicSearch(
  evaluator: SetEvaluator,
  objective: RecommendObjective,
  c: Constraints,
  onProgress: (done: number) => void = () => undefined,
  /** Start the local search from this set (made to fit first) instead of the two greedy starts. */
  start?: readonly number[],
): SearchResult {
  const archive = new Archive(evaluator, objective);
  const candidates = evaluator.candidates;
  const better = (a: SetFigures, b: SetFigures) => compareFigures(a, b, objective) < -EPS;
  /** Gain in the objective (positive = better); ties on counts are broken by NPV, so a tiny NPV term. */
  const gain = (from: SetFigures, to: SetFigures) =>
    objective === 'cost' ? from.npv - to.npv : from.objective - to.objective + (from.npv - to.npv) * 1e-12;

  // Every home alone: the first greedy step, the greedy's first bounds, and the screen for local search.
  const empty = archive.figures([]);
  const singles = new Map<number, SetFigures>();
  for (let k = 0; k < candidates.length; k++) {
    if (feasible(candidates, [k], c)) singles.set(k, archive.figures([k]));
  }
  const score = (perPound: boolean, k: number, from: SetFigures, to: SetFigures) =>
    perPound ? gain(from, to) / Math.max(1, candidates[k]?.capitalCost ?? 1) : gain(from, to);

  /**
   * Lazy greedy: each home's score from an earlier step is taken as a bound on its score now (true
   * when each home adds less the more there are — as the allocation's cost is convex in capacity —
   * and a heuristic otherwise); only the home at the top is re-scored, until a freshly scored home
   * stays at the top.
   */
  const greedy = (perPound: boolean): number[] => {
    const chosen: number[] = [];
    let current = empty;
    let step = 0;
    const queue = [...singles].map(([k, f]) => ({ k, bound: score(perPound, k, empty, f), step: 0, figures: f }));
    for (;;) {
      step++;
      let taken: (typeof queue)[number] | null = null;
      for (;;) {
        queue.sort((a, b) => b.bound - a.bound || a.k - b.k);
        const top = queue[0];
        if (!top || top.bound <= 0) break;
        const next = [...chosen, top.k];
        if (!feasible(candidates, next, c)) {
          // Infeasible now is infeasible for good: the set only grows.
          queue.shift();
          continue;
        }
        if (top.step === step) {
          taken = top;
          break;
        }
        const figures = step === 1 ? top.figures : archive.figures(next);
        top.figures = figures;
        top.bound = better(figures, current) ? score(perPound, top.k, current, figures) : 0;
        top.step = step;
      }
      if (!taken) return chosen;
      chosen.push(taken.k);
      current = taken.figures;
      queue.splice(queue.indexOf(taken), 1);
    }
  };

  // Local search swaps in and adds only the most promising homes alone (by gain per £ and outright),
  // besides those already chosen: a screen that keeps each move's neighbourhood small.
  const byRatio = [...singles].sort(
    (a, b) => score(true, b[0], empty, b[1]) - score(true, a[0], empty, a[1]) || a[0] - b[0],
  );
  const byGain = [...singles].sort(
    (a, b) => score(false, b[0], empty, b[1]) - score(false, a[0], empty, a[1]) || a[0] - b[0],
  );
  const screened = [...new Set([...byRatio, ...byGain].map(([k]) => k))].filter(
    (k) => byRatio.findIndex(([x]) => x === k) < SCREEN || byGain.findIndex(([x]) => x === k) < SCREEN,
  );

  const localSearch = (start: number[]): number[] => {
    let chosen = [...start];
    let current = archive.figures(chosen);
    for (let move = 0; move < MAX_MOVES; move++) {
      let best: { homes: number[]; figures: SetFigures } | null = null;
      const consider = (homes: number[]) => {
        if (!feasible(candidates, homes, c)) return;
        const figures = archive.figures(homes);
        if (better(figures, best?.figures ?? current)) best = { homes, figures };
      };
      for (let a = 0; a < chosen.length; a++) consider(chosen.filter((_, i) => i !== a));
      for (const k of screened) {
        if (chosen.includes(k)) continue;
        consider([...chosen, k]);
        for (let a = 0; a < chosen.length; a++) consider(chosen.map((x, i) => (i === a ? k : x)));
      }
      if (best === null) break;
      const found: { homes: number[]; figures: SetFigures } = best;
      chosen = found.homes;
      current = found.figures;
    }
    return chosen;
  };

  onProgress(0);
  if (start) {
    // From a given set: drop homes (the least loss first) until it fits, then local search.
    let chosen = start.filter((k) => k >= 0 && k < candidates.length);
    while (chosen.length && !feasible(candidates, chosen, c)) {
      let best: { homes: number[]; figures: SetFigures } | null = null;
      for (let a = 0; a < chosen.length; a++) {
        const homes = chosen.filter((_, i) => i !== a);
        const figures = archive.figures(homes);
        if (!best || better(figures, best.figures)) best = { homes, figures };
      }
      chosen = best?.homes ?? [];
    }
    localSearch(chosen);
    onProgress(1);
    return { method: 'heuristic', feasibleSets: null, ranked: archive.ranked() };
  }
  const ratio = greedy(true);
  onProgress(0.25);
  const absolute = greedy(false);
  onProgress(0.5);
  const first = localSearch(ratio);
  onProgress(0.75);
  if (keyOf(absolute) !== keyOf(ratio) && keyOf(absolute) !== keyOf(first)) localSearch(absolute);
  onProgress(1);
  return { method: 'heuristic', feasibleSets: null, ranked: archive.ranked() };
}
