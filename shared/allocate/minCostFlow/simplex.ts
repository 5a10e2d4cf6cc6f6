/**
 * Exact minimum-cost flow by the primal network simplex method, written for this app (no solver
 * dependency). With integer supplies, capacities and costs the optimum it returns is integral, and
 * the same network always gives the same flows (the pivot order depends only on arc order).
 *
 * The method keeps a spanning tree of "basic" arcs rooted at an artificial node. Every node starts
 * joined to the root by an artificial arc carrying its supply at a prohibitive cost, so the first
 * tree is feasible. Each pivot brings in a non-tree arc whose reduced cost shows it would lower the
 * total cost (block search over the arcs, in a fixed cyclic order), pushes as much flow as possible
 * round the cycle it closes, and drops the arc that blocks first. The leaving arc is chosen by
 * Cunningham's rule (the last blocking arc met going round the cycle from its apex), which keeps the
 * tree strongly feasible and so rules out cycling on degenerate pivots. When no arc prices out, the
 * tree's node potentials prove optimality; any artificial arc still carrying flow means the supplies
 * cannot all be met.
 *
 * Warm start (exact): the costs and capacities of a network fixed, only the supplies changing (as
 * when one year's allocation is solved for many demand simulations), {@link NetworkSimplex} keeps the
 * last optimal tree. For new supplies it first recomputes the flows that tree implies; if they are
 * within every arc's bounds, the old potentials still price every arc correctly, so the solution is
 * optimal as it stands (complementary slackness) and no pivot is needed. Otherwise it starts afresh.
 *
 * Conventions: a node's supply is positive where flow enters the network (a source) and negative
 * where it leaves (a sink); supplies must sum to zero. Capacities may be `Infinity`. Reduced cost of
 * arc (u, v) is cost + π(u) − π(v), zero on tree arcs.
 *
 * Over 400 lines because: one solver class whose pivot, cycle and tree-update methods share its
 * typed arrays and the strongly feasible tree's invariants; split apart, those invariants would span files.
 */
import { type FlowNetwork, type FlowSolution, type FlowStructure, checkStructure, checkSupply } from './network.js';

const TREE = 0;
const LOWER = 1;
const UPPER = -1;
const UP = 1;
const DOWN = -1;

/**
 * A network simplex solver for one network structure, reusable for many supply vectors (see the
 * file comment on warm starts). Deterministic: the same sequence of calls gives the same results.
 */
export class NetworkSimplex {
  private readonly n: number;
  private readonly m: number;
  private readonly root: number;
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly cap: Float64Array;
  private readonly cost: Float64Array;
  private readonly flow: Float64Array;
  private readonly state: Int8Array;
  private readonly parent: Int32Array;
  private readonly pred: Int32Array;
  private readonly predDir: Int8Array;
  private readonly depth: Int32Array;
  private readonly pi: Float64Array;
  private readonly firstChild: Int32Array;
  private readonly nextSib: Int32Array;
  private readonly prevSib: Int32Array;
  private readonly stack: Int32Array;
  private readonly order: Int32Array;
  private readonly excess: Float64Array;
  private readonly artificialCost: number;
  private readonly blockSize: number;
  private hasOptimalTree = false;
  /** Where the next pricing block starts. */
  private nextArc = 0;

  constructor(net: FlowStructure) {
    checkStructure(net);
    const n = net.nodeCount;
    const m = net.from.length;
    const N = n + 1;
    const M = m + n;
    this.n = n;
    this.m = m;
    this.root = n;
    this.src = new Int32Array(M);
    this.dst = new Int32Array(M);
    this.cap = new Float64Array(M);
    this.cost = new Float64Array(M);
    this.flow = new Float64Array(M);
    this.state = new Int8Array(M);
    this.parent = new Int32Array(N);
    this.pred = new Int32Array(N);
    this.predDir = new Int8Array(N);
    this.depth = new Int32Array(N);
    this.pi = new Float64Array(N);
    this.firstChild = new Int32Array(N);
    this.nextSib = new Int32Array(N);
    this.prevSib = new Int32Array(N);
    this.stack = new Int32Array(N);
    this.order = new Int32Array(N);
    this.excess = new Float64Array(N);
    let maxCost = 0;
    for (let a = 0; a < m; a++) {
      this.src[a] = net.from[a] ?? 0;
      this.dst[a] = net.to[a] ?? 0;
      this.cap[a] = net.capacity[a] ?? 0;
      this.cost[a] = net.cost[a] ?? 0;
      maxCost = Math.max(maxCost, Math.abs(net.cost[a] ?? 0));
    }
    // An artificial arc costs more than any path of real arcs, so it carries flow only when it must.
    this.artificialCost = (maxCost + 1) * Math.max(1, N);
    this.blockSize = Math.max(10, Math.ceil(Math.sqrt(m)));
  }

  /**
   * Solves for the given supplies (integers summing to zero). `startTree` optionally gives a
   * feasible first tree (e.g. everyone in an unlimited option): for each node, the index of the arc
   * joining it to its parent, or −1 to hang it from the root. It is used when it is a spanning tree
   * whose flows are within bounds and strongly feasible, and ignored otherwise.
   */
  solve(supply: ArrayLike<number>, startTree?: ArrayLike<number>): FlowSolution {
    checkSupply(this.n, supply);
    let warmStarted = false;
    let pivots = 0;
    if (this.hasOptimalTree && this.treeFlows(supply)) {
      warmStarted = true;
    } else {
      if (!startTree || !this.initialiseFromTree(supply, startTree)) this.initialise(supply);
      pivots = this.pivotToOptimum();
    }
    const { m, n, flow, cost } = this;
    let infeasible = false;
    for (let e = m; e < m + n; e++) if ((flow[e] ?? 0) > 0) infeasible = true;
    this.hasOptimalTree = !infeasible;
    let total = 0;
    for (let a = 0; a < m; a++) total += (flow[a] ?? 0) * (cost[a] ?? 0);
    return {
      status: infeasible ? 'infeasible' : 'optimal',
      flow: flow.slice(0, m),
      cost: total,
      potential: this.pi.slice(0, n),
      pivots,
      warmStarted,
    };
  }

  private link(child: number, par: number): void {
    const { firstChild, nextSib, prevSib } = this;
    const head = firstChild[par] ?? -1;
    nextSib[child] = head;
    prevSib[child] = -1;
    if (head >= 0) prevSib[head] = child;
    firstChild[par] = child;
  }

  private unlink(child: number): void {
    const { firstChild, nextSib, prevSib, parent } = this;
    const par = parent[child] ?? -1;
    const prev = prevSib[child] ?? -1;
    const next = nextSib[child] ?? -1;
    if (prev >= 0) nextSib[prev] = next;
    else if (par >= 0) firstChild[par] = next;
    if (next >= 0) prevSib[next] = prev;
    nextSib[child] = -1;
    prevSib[child] = -1;
  }

  /** No tree links, and every real arc empty at its lower bound: the start of either first tree. */
  private clearTree(): void {
    const { m, flow, state } = this;
    this.firstChild.fill(-1);
    this.nextSib.fill(-1);
    this.prevSib.fill(-1);
    for (let a = 0; a < m; a++) {
      flow[a] = 0;
      state[a] = LOWER;
    }
  }

  /** The first tree: every node hangs from the root by its artificial arc carrying its supply. */
  private initialise(supply: ArrayLike<number>): void {
    const { n, m, root, src, dst, cap, cost, flow, state, parent, pred, predDir, depth, pi } = this;
    this.clearTree();
    parent[root] = -1;
    pred[root] = -1;
    depth[root] = 0;
    pi[root] = 0;
    // Linked in reverse so that the root's child list runs 0, 1, 2, … (a fixed, readable order).
    for (let u = n - 1; u >= 0; u--) {
      const e = m + u;
      const b = supply[u] ?? 0;
      parent[u] = root;
      pred[u] = e;
      depth[u] = 1;
      cap[e] = Infinity;
      state[e] = TREE;
      if (b >= 0) {
        predDir[u] = UP;
        src[e] = u;
        dst[e] = root;
        flow[e] = b;
        cost[e] = 0;
        pi[u] = 0;
      } else {
        predDir[u] = DOWN;
        src[e] = root;
        dst[e] = u;
        flow[e] = -b;
        cost[e] = this.artificialCost;
        pi[u] = this.artificialCost;
      }
      this.link(u, root);
    }
  }

  /**
   * A given first tree (see solve). Artificial arcs all point to the root, which has no way out, so
   * they can never carry flow; they cost more than any real path so they never re-enter the tree.
   */
  private initialiseFromTree(supply: ArrayLike<number>, startTree: ArrayLike<number>): boolean {
    const { n, m, root, src, dst, cap, cost, flow, state, parent, pred, predDir, depth, pi, order } = this;
    if (startTree.length !== n) return false;
    this.clearTree();
    for (let u = 0; u < n; u++) {
      const e = m + u;
      src[e] = u;
      dst[e] = root;
      cost[e] = this.artificialCost;
      cap[e] = Infinity;
      flow[e] = 0;
      state[e] = LOWER;
    }
    parent[root] = -1;
    pred[root] = -1;
    depth[root] = 0;
    pi[root] = 0;
    for (let v = 0; v < n; v++) {
      const a = startTree[v] ?? -1;
      if (a < 0) {
        parent[v] = root;
        pred[v] = m + v;
        predDir[v] = UP;
        state[m + v] = TREE;
        continue;
      }
      if (!Number.isInteger(a) || a >= m || state[a] === TREE) return false;
      const u = src[a] ?? 0;
      const w = dst[a] ?? 0;
      if (u !== v && w !== v) return false;
      parent[v] = u === v ? w : u;
      pred[v] = a;
      predDir[v] = u === v ? UP : DOWN;
      state[a] = TREE;
    }
    for (let v = n - 1; v >= 0; v--) this.link(v, parent[v] ?? root);
    // Preorder from the root: every node must be reached (no cycles), then potentials and depths.
    let count = 0;
    let top = 0;
    this.stack[top++] = root;
    while (top > 0 && count <= n) {
      const v = this.stack[--top] ?? 0;
      order[count++] = v;
      for (let c = this.firstChild[v] ?? -1; c >= 0; c = this.nextSib[c] ?? -1) this.stack[top++] = c;
    }
    if (count !== n + 1) return false;
    for (let k = 1; k < count; k++) {
      const v = order[k] ?? 0;
      const p = parent[v] ?? root;
      const e = pred[v] ?? 0;
      depth[v] = (depth[p] ?? 0) + 1;
      pi[v] = predDir[v] === UP ? (pi[p] ?? 0) - (cost[e] ?? 0) : (pi[p] ?? 0) + (cost[e] ?? 0);
    }
    if (!this.treeFlows(supply)) return false;
    // Strongly feasible: a positive amount can go from every node up to the root.
    for (let v = 0; v < n; v++) {
      const e = pred[v] ?? 0;
      const f = flow[e] ?? 0;
      if (predDir[v] === UP ? f >= (cap[e] ?? 0) : f <= 0) return false;
    }
    return true;
  }

  /**
   * Flows the current tree implies for new supplies: non-tree arcs stay at their bound, each tree
   * arc carries the net supply of the subtree below it. False if any falls outside its bounds.
   */
  private treeFlows(supply: ArrayLike<number>): boolean {
    const { n, m, root, src, dst, cap, flow, state, parent, pred, predDir, firstChild, nextSib, order, excess } = this;
    for (let v = 0; v < n; v++) excess[v] = supply[v] ?? 0;
    excess[root] = 0;
    for (let a = 0; a < m; a++) {
      const s = state[a] ?? 0;
      if (s === TREE) continue;
      const f = s === UPPER ? (cap[a] ?? 0) : 0;
      flow[a] = f;
      if (f !== 0) {
        excess[src[a] ?? 0] = (excess[src[a] ?? 0] ?? 0) - f;
        excess[dst[a] ?? 0] = (excess[dst[a] ?? 0] ?? 0) + f;
      }
    }
    // Preorder from the root, then accumulate subtree excesses leaves first.
    let count = 0;
    let top = 0;
    this.stack[top++] = root;
    while (top > 0) {
      const v = this.stack[--top] ?? 0;
      order[count++] = v;
      for (let c = firstChild[v] ?? -1; c >= 0; c = nextSib[c] ?? -1) this.stack[top++] = c;
    }
    for (let k = count - 1; k > 0; k--) {
      const v = order[k] ?? 0;
      const e = pred[v] ?? 0;
      const x = excess[v] ?? 0;
      const f = predDir[v] === UP ? x : -x;
      // Out of bounds, or flow on an artificial arc (which would leave supplies unmet): start afresh.
      if (f < 0 || f > (cap[e] ?? 0) || (e >= m && f !== 0)) return false;
      flow[e] = f;
      const p = parent[v] ?? root;
      excess[p] = (excess[p] ?? 0) + x;
    }
    return true;
  }

  /** Block-search pricing: the most violating arc of the first block that has one, or −1 if optimal. */
  private findEntering(): number {
    const { m, state, cost, pi, src, dst, blockSize } = this;
    if (m === 0) return -1;
    let best = -1;
    let bestViolation = 0;
    let scanned = 0;
    let inBlock = 0;
    let a = this.nextArc;
    while (scanned < m) {
      const s = state[a] ?? 0;
      if (s !== TREE) {
        const violation = s * ((cost[a] ?? 0) + (pi[src[a] ?? 0] ?? 0) - (pi[dst[a] ?? 0] ?? 0));
        if (violation < bestViolation) {
          bestViolation = violation;
          best = a;
        }
      }
      scanned++;
      inBlock++;
      a = a + 1 === m ? 0 : a + 1;
      if (inBlock === blockSize) {
        if (best >= 0) break;
        inBlock = 0;
      }
    }
    this.nextArc = a;
    return best;
  }

  private pivotToOptimum(): number {
    const { root, src, dst, cap, cost, flow, state, parent, pred, predDir, depth, pi, firstChild, nextSib, stack } =
      this;
    this.nextArc = 0;
    let pivots = 0;
    for (;;) {
      const inArc = this.findEntering();
      if (inArc < 0) return pivots;
      pivots++;
      const inState = state[inArc] ?? LOWER;
      const first = inState === LOWER ? (src[inArc] ?? 0) : (dst[inArc] ?? 0);
      const second = inState === LOWER ? (dst[inArc] ?? 0) : (src[inArc] ?? 0);

      // The apex (join) of the cycle: the deepest common ancestor of the arc's ends.
      let a = first;
      let b = second;
      while (a !== b) {
        const da = depth[a] ?? 0;
        const db = depth[b] ?? 0;
        if (da >= db) a = parent[a] ?? root;
        if (db >= da) b = parent[b] ?? root;
      }
      const join = a;

      // Largest push round the cycle, and the blocking arc (Cunningham's rule: ≤ on the second side).
      let delta = cap[inArc] ?? 0;
      let uOut = -1;
      let side = 0;
      for (let u = first; u !== join; u = parent[u] ?? root) {
        const e = pred[u] ?? 0;
        const d = predDir[u] === DOWN ? (cap[e] ?? 0) - (flow[e] ?? 0) : (flow[e] ?? 0);
        if (d < delta) {
          delta = d;
          uOut = u;
          side = 1;
        }
      }
      for (let u = second; u !== join; u = parent[u] ?? root) {
        const e = pred[u] ?? 0;
        const d = predDir[u] === UP ? (cap[e] ?? 0) - (flow[e] ?? 0) : (flow[e] ?? 0);
        if (d <= delta) {
          delta = d;
          uOut = u;
          side = 2;
        }
      }
      if (delta === Infinity) {
        throw new Error('The problem is unbounded: a cycle of negative cost has no capacity limit.');
      }

      if (delta > 0) {
        const val = inState * delta;
        flow[inArc] = (flow[inArc] ?? 0) + val;
        for (let u = src[inArc] ?? 0; u !== join; u = parent[u] ?? root) {
          const e = pred[u] ?? 0;
          flow[e] = (flow[e] ?? 0) - (predDir[u] ?? 0) * val;
        }
        for (let u = dst[inArc] ?? 0; u !== join; u = parent[u] ?? root) {
          const e = pred[u] ?? 0;
          flow[e] = (flow[e] ?? 0) + (predDir[u] ?? 0) * val;
        }
      }

      if (side === 0) {
        // The entering arc blocks itself: it moves to its other bound and the tree is unchanged.
        state[inArc] = -inState;
        continue;
      }

      const outArc = pred[uOut] ?? 0;
      state[inArc] = TREE;
      state[outArc] = (flow[outArc] ?? 0) === 0 ? LOWER : UPPER;

      // Re-hang the subtree cut off at uOut from the end of the entering arc inside it (uIn) onto the
      // other end (vIn), reversing the tree path uIn → uOut.
      const uIn = side === 1 ? first : second;
      const vIn = side === 1 ? second : first;
      const newPiUIn =
        (src[inArc] ?? 0) === uIn ? (pi[vIn] ?? 0) - (cost[inArc] ?? 0) : (pi[vIn] ?? 0) + (cost[inArc] ?? 0);
      const sigma = newPiUIn - (pi[uIn] ?? 0);

      this.unlink(uOut);
      let child = uIn;
      let newParent = vIn;
      let arc = inArc;
      let dir = (src[inArc] ?? 0) === uIn ? UP : DOWN;
      for (;;) {
        const oldParent = parent[child] ?? root;
        const oldPred = pred[child] ?? 0;
        const oldDir = predDir[child] ?? UP;
        if (child !== uOut) this.unlink(child);
        parent[child] = newParent;
        pred[child] = arc;
        predDir[child] = dir;
        this.link(child, newParent);
        if (child === uOut) break;
        newParent = child;
        arc = oldPred;
        dir = -oldDir;
        child = oldParent;
      }

      // Depths and potentials of the re-hung subtree (every node in it moves by the same sigma).
      let top = 0;
      stack[top++] = uIn;
      while (top > 0) {
        const v = stack[--top] ?? 0;
        depth[v] = (depth[parent[v] ?? root] ?? 0) + 1;
        pi[v] = (pi[v] ?? 0) + sigma;
        for (let c = firstChild[v] ?? -1; c >= 0; c = nextSib[c] ?? -1) stack[top++] = c;
      }
    }
  }
}

/** Solves a minimum-cost flow problem exactly (see the file comment for the method and conventions). */
export function minCostFlow(net: FlowNetwork): FlowSolution {
  return new NetworkSimplex(net).solve(net.supply);
}
