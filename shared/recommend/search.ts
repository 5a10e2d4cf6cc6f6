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
 *   local search (best improving move among dropping a home, adding one, moving one to another
 *   size or opening year, or swapping one for another elsewhere — swaps screened by a cheap bound,
 *   see localSearch) until no move improves, capped at 50 moves; local search tries only the 40
 *   best homes alone by each measure (a screen: with hundreds of candidates most are never worth a
 *   swap). Every set evaluated is kept, so the best few feasible sets can be re-ranked on every
 *   simulation. Re-optimising from a known set (the value of £1m more, the sensitivity runs) skips
 *   the greedy starts and takes the earlier screen: the set is made to fit (dropping the home whose loss
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
  /** The heuristic's screen: the homes local search tried adding or swapping in. */
  screened?: number[];
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

  /** Every feasible set evaluated, best first (local search also evaluates sets over the budget, as bounds). */
  ranked(c: Constraints): { homes: number[]; figures: SetFigures }[] {
    return [...this.seen.values()]
      .filter((s) => feasible(this.evaluator.candidates, s.homes, c))
      .sort(
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
  return { method: 'exact', feasibleSets: feasibleCount, ranked: archive.ranked(c) };
}

const MAX_MOVES = 50;
/** Above this many candidates, the greedy and the screen start from each home's first opening year (see firstYearOnly). */
const FIRST_YEAR_ABOVE = 600;

/**
 * A cheap bound that restricts the greedy's list on large instances (England scale), for the count
 * objectives only: the same home in the same authority opening earlier has the same capital and
 * running cost and its places for more years, so it places at least as many children locally (or
 * near) unless the allocation's cost trade-offs say otherwise. Only each authority's and size's
 * earliest opening year is evaluated alone and offered to the greedy and the screen; later years stay
 * candidates, reached by local search's move of a chosen home to another opening year. Null (every
 * candidate) on smaller instances and for the cost objective, where a later opening can be cheaper.
 */
export function firstYearOnly(candidates: readonly HomeCandidate[], objective: RecommendObjective): Set<number> | null {
  if (candidates.length <= FIRST_YEAR_ABOVE || objective === 'cost') return null;
  const first = new Map<string, HomeCandidate>();
  for (const h of candidates) {
    const key = `${h.member}:${h.places}`;
    const seen = first.get(key);
    if (!seen || h.openingYear < seen.openingYear) first.set(key, h);
  }
  return new Set([...first.values()].map((h) => h.index));
}
/** Homes alone ranked in the top this many (by gain per £, or outright) are tried in local search. */
const SCREEN = 40;
/** Swaps (one chosen home for a screened one elsewhere) evaluated exactly per move, the best estimates first. */
const SWAP_TRIES = 24;

export function heuristicSearch(
  evaluator: SetEvaluator,
  objective: RecommendObjective,
  c: Constraints,
  onProgress: (done: number) => void = () => undefined,
  /** Start the local search from this set (made to fit first) instead of the two greedy starts. */
  start?: readonly number[],
  /**
   * Homes local search may add or swap in (candidate indexes), e.g. an earlier search's screen: with a
   * start set, every home alone is then not evaluated at all.
   */
  screen?: readonly number[],
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
  const given = start && screen ? screen.filter((k) => k >= 0 && k < candidates.length) : null;
  const firstYears = firstYearOnly(candidates, objective);
  for (let k = 0; k < candidates.length && !given; k++) {
    if (firstYears && !firstYears.has(k)) continue;
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
  const screened =
    given ??
    [...new Set([...byRatio.slice(0, SCREEN), ...byGain.slice(0, SCREEN)].map(([k]) => k))].sort((a, b) => a - b);

  /**
   * Best-improvement local search. Each move evaluates exactly: dropping each chosen home, adding each
   * screened home (evaluated even when over the budget: its gain bounds the swaps below), and moving
   * each chosen home to another size or opening year in its authority. Swapping a chosen home for a
   * screened one elsewhere is estimated as the gain of adding it plus the change from dropping the
   * other (under diminishing returns the true gain is at least that), and only the `SWAP_TRIES` best
   * estimates are evaluated exactly: the cheap bound that keeps a move's cost near linear in the
   * candidates rather than in homes × candidates.
   */
  const localSearch = (start: number[]): number[] => {
    let chosen = [...start];
    let current = archive.figures(chosen);
    for (let move = 0; move < MAX_MOVES; move++) {
      let best: { homes: number[]; figures: SetFigures } | null = null;
      const consider = (homes: number[], figures?: SetFigures) => {
        if (!feasible(candidates, homes, c)) return;
        const f = figures ?? archive.figures(homes);
        if (better(f, best?.figures ?? current)) best = { homes, figures: f };
      };
      const dropGain: number[] = [];
      for (let a = 0; a < chosen.length; a++) {
        const homes = chosen.filter((_, i) => i !== a);
        const figures = archive.figures(homes);
        dropGain.push(gain(current, figures));
        consider(homes, figures);
      }
      const swaps: { a: number; k: number; estimate: number }[] = [];
      for (const k of screened) {
        if (chosen.includes(k)) continue;
        const homes = [...chosen, k];
        const figures = archive.figures(homes);
        consider(homes, figures);
        const addGain = gain(current, figures);
        for (let a = 0; a < chosen.length; a++) {
          if (candidates[chosen[a] ?? -1]?.member === candidates[k]?.member) continue;
          swaps.push({ a, k, estimate: addGain + (dropGain[a] ?? 0) });
        }
      }
      // Another size or opening year for a chosen home, in its own authority: always evaluated.
      for (let a = 0; a < chosen.length; a++) {
        const member = candidates[chosen[a] ?? -1]?.member;
        for (const h of candidates) {
          if (h.member !== member || chosen.includes(h.index)) continue;
          consider(chosen.map((x, i) => (i === a ? h.index : x)));
        }
      }
      swaps.sort((x, y) => y.estimate - x.estimate || x.k - y.k || x.a - y.a);
      let tried = 0;
      for (const s of swaps) {
        if (tried >= SWAP_TRIES) break;
        const homes = chosen.map((x, i) => (i === s.a ? s.k : x));
        if (!feasible(candidates, homes, c)) continue;
        tried++;
        consider(homes);
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
    return { method: 'heuristic', feasibleSets: null, ranked: archive.ranked(c), screened };
  }
  const ratio = greedy(true);
  onProgress(0.25);
  const absolute = greedy(false);
  onProgress(0.5);
  const first = localSearch(ratio);
  onProgress(0.75);
  if (keyOf(absolute) !== keyOf(ratio) && keyOf(absolute) !== keyOf(first)) localSearch(absolute);
  onProgress(1);
  return { method: 'heuristic', feasibleSets: null, ranked: archive.ranked(c), screened };
}
