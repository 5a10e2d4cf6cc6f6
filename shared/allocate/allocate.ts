/**
 * Allocating children to beds: a transportation problem solved exactly as a minimum-cost flow.
 *
 * Sources are groups of children (in the scenario model, one placing LA's children needing a
 * children's home place on 31 March of a year). Destinations are pools of beds (an LA's private
 * homes, a block contract, a consortium home, the outside market…) with a capacity in children, or
 * unlimited. An arc says a source may use a destination, at an integer cost per child (price plus
 * distance penalty, in tenths of a pound a week). Every child is either placed or reported as unmet: each
 * source also has an "unmet" arc at `unmetCost`, so the problem is always feasible and unmet need
 * is never hidden in an arbitrary placement.
 *
 * For "unmet only when unavoidable", `unmetCost` must outweigh any saving a reshuffle could make:
 * an augmenting path crosses at most (sources + destinations) arcs, so an unmet cost above
 * (sources + destinations + 1) × (largest arc cost + 1) makes the optimum place as many children as
 * the capacities allow, and only then minimise cost.
 *
 * Network: source nodes (supply = children) → destination nodes → one sink (demand = all
 * children); destination → sink arcs carry the capacities; source → sink arcs are the unmet need.
 *
 * Pruning (exact): an arc dearer than some unlimited option open to the same source (an unlimited
 * destination, or being left unmet) can never carry flow in an optimum — moving its children to the
 * unlimited option would cost strictly less and free capacity — so it is left out of the network.
 * This keeps large consortia (153 LAs as one) fast without changing the optimum.
 */
import { NetworkSimplex } from './minCostFlow/index.js';

export interface AllocationSource {
  id: string;
  /** Children to place: a whole number, at least 0. */
  children: number;
}

export interface AllocationDestination {
  id: string;
  /** Children it can take (a whole number ≥ 0), or null for no limit. */
  capacity: number | null;
}

export interface AllocationArc {
  /** Index into `sources`. */
  source: number;
  /** Index into `destinations`. */
  destination: number;
  /** Cost per child placed: a whole number (e.g. tenths of a pound a week). */
  cost: number;
}

export interface AllocationProblem {
  sources: AllocationSource[];
  destinations: AllocationDestination[];
  arcs: AllocationArc[];
  /** Cost per child left unplaced: a whole number, normally far above any arc's cost. */
  unmetCost: number;
}

export interface AllocationResult {
  /** Children on each arc, in the order of `problem.arcs` (0 for pruned arcs). */
  placed: number[];
  /** Children of each source left without a place. */
  unmet: number[];
  /** Children placed in each destination. */
  used: number[];
  /** Σ arc cost × children + unmetCost × unmet children: the minimised objective. */
  objective: number;
  /** Arcs left out because an unlimited option was strictly cheaper for their source. */
  prunedArcs: number;
  pivots: number;
}

function checkProblem(problem: AllocationProblem): void {
  const { sources, destinations, arcs, unmetCost } = problem;
  sources.forEach((s, i) => {
    if (!Number.isSafeInteger(s.children) || s.children < 0) {
      throw new Error(`Source ${i} (${s.id}) must have a whole number of children, at least 0; got ${s.children}.`);
    }
  });
  destinations.forEach((d, j) => {
    if (d.capacity !== null && (!Number.isSafeInteger(d.capacity) || d.capacity < 0)) {
      throw new Error(
        `Destination ${j} (${d.id}) must have a whole-number capacity of at least 0, or none; got ${d.capacity}.`,
      );
    }
  });
  arcs.forEach((a, k) => {
    if (!Number.isInteger(a.source) || a.source < 0 || a.source >= sources.length) {
      throw new Error(`Arc ${k} names source ${a.source}, which does not exist.`);
    }
    if (!Number.isInteger(a.destination) || a.destination < 0 || a.destination >= destinations.length) {
      throw new Error(`Arc ${k} names destination ${a.destination}, which does not exist.`);
    }
    if (!Number.isSafeInteger(a.cost) || a.cost < 0) {
      throw new Error(`Arc ${k} must have a whole-number cost of at least 0; got ${a.cost}.`);
    }
  });
  if (!Number.isSafeInteger(unmetCost) || unmetCost < 0) {
    throw new Error(`The unmet cost must be a whole number of at least 0; got ${unmetCost}.`);
  }
}

/** The fixed part of an allocation problem: everything but how many children each source has. */
export interface AllocationStructure {
  /** Number of sources (groups of children). */
  sourceCount: number;
  destinations: AllocationDestination[];
  arcs: AllocationArc[];
  unmetCost: number;
}

export interface Allocator {
  /** Allocates the given children per source (whole numbers ≥ 0), at least total cost. */
  solve(children: ArrayLike<number>): AllocationResult;
}

/**
 * Prepares an allocation structure for solving with many different numbers of children (e.g. one
 * year's beds for every demand simulation): the network is built once, and each solve starts from the
 * previous optimal tree when it is still optimal (see NetworkSimplex), otherwise afresh.
 */
export function createAllocator(structure: AllocationStructure): Allocator {
  const { sourceCount: S, destinations, arcs, unmetCost } = structure;
  checkProblem({
    sources: Array.from({ length: S }, (_, i) => ({ id: `source ${i}`, children: 0 })),
    destinations,
    arcs,
    unmetCost,
  });
  const D = destinations.length;

  // Cheapest unlimited option per source: arcs dearer than it are pruned.
  const bound = new Float64Array(S).fill(unmetCost);
  for (const a of arcs) {
    if (destinations[a.destination]?.capacity === null && a.cost < (bound[a.source] ?? Infinity)) {
      bound[a.source] = a.cost;
    }
  }
  const kept: number[] = [];
  arcs.forEach((a, k) => {
    if (a.cost <= (bound[a.source] ?? Infinity)) kept.push(k);
  });

  const sink = S + D;
  const nodeCount = S + D + 1;
  const arcCount = kept.length + D + S;
  const from = new Int32Array(arcCount);
  const to = new Int32Array(arcCount);
  const capacity = new Float64Array(arcCount);
  const cost = new Float64Array(arcCount);
  let k = 0;
  for (const index of kept) {
    const a = arcs[index];
    if (!a) continue;
    from[k] = a.source;
    to[k] = S + a.destination;
    capacity[k] = Infinity;
    cost[k] = a.cost;
    k++;
  }
  destinations.forEach((d, j) => {
    from[k] = S + j;
    to[k] = sink;
    capacity[k] = d.capacity ?? Infinity;
    cost[k] = 0;
    k++;
  });
  const unmetArc = k;
  for (let i = 0; i < S; i++) {
    from[k] = i;
    to[k] = sink;
    capacity[k] = Infinity;
    cost[k] = unmetCost;
    k++;
  }
  const simplex = new NetworkSimplex({ nodeCount, from, to, capacity, cost });

  // First tree: every source in its cheapest unlimited option (an unlimited destination, or unmet),
  // every destination under the sink. Feasible whatever the numbers of children, so pivots start
  // from a sensible allocation rather than from artificial arcs.
  const startTree = new Int32Array(nodeCount).fill(-1);
  const cheapest = new Float64Array(S).fill(unmetCost);
  for (let i = 0; i < S; i++) startTree[i] = unmetArc + i;
  kept.forEach((index, j) => {
    const a = arcs[index];
    if (!a || destinations[a.destination]?.capacity !== null) return;
    if (a.cost < (cheapest[a.source] ?? Infinity)) {
      cheapest[a.source] = a.cost;
      startTree[a.source] = j;
    }
  });
  destinations.forEach((d, j) => {
    if (d.capacity !== 0) startTree[S + j] = kept.length + j;
  });
  const supply = new Float64Array(nodeCount);

  return {
    solve(children: ArrayLike<number>): AllocationResult {
      if (children.length !== S) throw new Error(`Expected children for ${S} sources; got ${children.length}.`);
      let total = 0;
      for (let i = 0; i < S; i++) {
        const n = children[i] ?? NaN;
        if (!Number.isSafeInteger(n) || n < 0) {
          throw new Error(`Source ${i} must have a whole number of children, at least 0; got ${n}.`);
        }
        supply[i] = n;
        total += n;
      }
      supply[sink] = -total;
      const solution = simplex.solve(supply, startTree);
      if (solution.status !== 'optimal') throw new Error('Allocation failed: the flow network was infeasible.');
      const placed = new Array<number>(arcs.length).fill(0);
      kept.forEach((index, j) => {
        placed[index] = solution.flow[j] ?? 0;
      });
      const used = Array.from({ length: D }, (_, j) => solution.flow[kept.length + j] ?? 0);
      const unmet = Array.from({ length: S }, (_, i) => solution.flow[unmetArc + i] ?? 0);
      return {
        placed,
        unmet,
        used,
        objective: solution.cost,
        prunedArcs: arcs.length - kept.length,
        pivots: solution.pivots,
      };
    },
  };
}

/** Allocates children to destinations at least total cost (see the file comment). Deterministic. */
export function allocate(problem: AllocationProblem): AllocationResult {
  checkProblem(problem);
  return createAllocator({
    sourceCount: problem.sources.length,
    destinations: problem.destinations,
    arcs: problem.arcs,
    unmetCost: problem.unmetCost,
  }).solve(problem.sources.map((s) => s.children));
}
