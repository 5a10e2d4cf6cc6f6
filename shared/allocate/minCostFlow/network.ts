/** A minimum-cost flow network and its solution, and the checks every network and supply vector must pass. */

export interface FlowNetwork {
  nodeCount: number;
  /** Supply of each node (integers summing to 0): positive for sources, negative for sinks. */
  supply: ArrayLike<number>;
  /** Tail of each arc. */
  from: ArrayLike<number>;
  /** Head of each arc. */
  to: ArrayLike<number>;
  /** Capacity of each arc: a non-negative integer or Infinity. Lower bounds are 0. */
  capacity: ArrayLike<number>;
  /** Cost per unit of flow on each arc: an integer (negative costs are allowed). */
  cost: ArrayLike<number>;
}

export interface FlowSolution {
  /** 'infeasible' when the supplies cannot be routed within the capacities. */
  status: 'optimal' | 'infeasible';
  /** Flow on each arc, in the order given. */
  flow: Float64Array;
  /** Σ cost × flow over the given arcs. */
  cost: number;
  /** Node potentials (duals) certifying optimality: reduced costs are ≥ 0 on arcs below capacity, ≤ 0 on arcs with flow. */
  potential: Float64Array;
  pivots: number;
  /** True when the previous optimal tree was still optimal for these supplies. */
  warmStarted: boolean;
}

/** The fixed part of a network: everything but the supplies. */
export type FlowStructure = Omit<FlowNetwork, 'supply'>;

export function checkSupply(n: number, supply: ArrayLike<number>): void {
  if (supply.length !== n) throw new Error(`Expected ${n} supplies; got ${supply.length}.`);
  let total = 0;
  for (let v = 0; v < n; v++) {
    const b = supply[v] ?? NaN;
    if (!Number.isSafeInteger(b)) throw new Error(`Supply of node ${v} must be a whole number; got ${String(b)}.`);
    total += b;
  }
  if (total !== 0) throw new Error(`Supplies must sum to zero; they sum to ${total}.`);
}

export function checkStructure(net: FlowStructure): void {
  const { nodeCount: n, from, to, capacity, cost } = net;
  if (!Number.isInteger(n) || n < 0) throw new Error(`The node count must be a whole number; got ${String(n)}.`);
  const m = from.length;
  if (to.length !== m || capacity.length !== m || cost.length !== m) {
    throw new Error('Every arc needs a tail, a head, a capacity and a cost.');
  }
  for (let a = 0; a < m; a++) {
    const u = from[a] ?? -1;
    const v = to[a] ?? -1;
    if (!Number.isInteger(u) || !Number.isInteger(v) || u < 0 || v < 0 || u >= n || v >= n) {
      throw new Error(`Arc ${a} joins nodes outside 0–${n - 1}.`);
    }
    const c = capacity[a] ?? NaN;
    if (!(c === Infinity || (Number.isSafeInteger(c) && c >= 0))) {
      throw new Error(`Capacity of arc ${a} must be a whole number of at least 0, or Infinity; got ${String(c)}.`);
    }
    const k = cost[a] ?? NaN;
    if (!Number.isSafeInteger(k)) throw new Error(`Cost of arc ${a} must be a whole number; got ${String(k)}.`);
  }
}
