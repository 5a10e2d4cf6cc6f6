/**
 * The allocation engine against independent answers: brute force over every integral assignment on
 * small cases, and a dense two-phase simplex (written here, with Bland's rule) on about 200 seeded
 * random instances of the transportation problem and of general networks — the optimum cost must
 * agree exactly (integral data, so the LP optimum is attained at an integral flow). Also:
 * conservation, capacities, monotonicity in beds, determinism, warm starts and clear errors.
 */
import { describe, expect, it } from 'vitest';
import {
  allocate,
  createAllocator,
  minCostFlow,
  NetworkSimplex,
  type AllocationProblem,
  type FlowNetwork,
} from '#shared/allocate/index.js';
import { seededRandom } from '../helpers/random.js';

const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

type LpResult = { status: 'optimal'; value: number } | { status: 'infeasible' | 'unbounded' };

/** min c·x subject to A x = b, x ≥ 0: dense two-phase simplex, Bland's rule (no cycling). */
function solveLp(A: number[][], b: number[], c: number[]): LpResult {
  const m = A.length;
  const n = c.length;
  const W = n + m;
  const eps = 1e-9;
  const T = A.map((row, i) => {
    const sign = (b[i] ?? 0) < 0 ? -1 : 1;
    return [...row.map((v) => v * sign), ...Array.from({ length: m }, (_, k) => (k === i ? 1 : 0)), sign * (b[i] ?? 0)];
  });
  const basis = Array.from({ length: m }, (_, i) => n + i);
  const pivot = (r: number, col: number) => {
    const row = T[r] as number[];
    const p = row[col] as number;
    for (let j = 0; j <= W; j++) row[j] = (row[j] as number) / p;
    T.forEach((other, i) => {
      if (i === r) return;
      const f = other[col] as number;
      if (Math.abs(f) < eps) return;
      for (let j = 0; j <= W; j++) other[j] = (other[j] as number) - f * (row[j] as number);
    });
    basis[r] = col;
  };
  const run = (cost: number[], allowed: (j: number) => boolean): 'optimal' | 'unbounded' => {
    for (let guard = 0; guard < 10_000; guard++) {
      let entering = -1;
      for (let j = 0; j < W && entering < 0; j++) {
        if (!allowed(j) || basis.includes(j)) continue;
        let reduced = cost[j] ?? 0;
        T.forEach((row, i) => (reduced -= (cost[basis[i] as number] ?? 0) * (row[j] as number)));
        if (reduced < -eps) entering = j;
      }
      if (entering < 0) return 'optimal';
      let leave = -1;
      let best = Infinity;
      T.forEach((row, i) => {
        const a = row[entering] as number;
        if (a <= eps) return;
        const ratio = (row[W] as number) / a;
        if (ratio < best - eps || (Math.abs(ratio - best) <= eps && (basis[i] as number) < (basis[leave] as number))) {
          best = ratio;
          leave = i;
        }
      });
      if (leave < 0) return 'unbounded';
      pivot(leave, entering);
    }
    throw new Error('simplex did not terminate');
  };
  const phase1 = Array.from({ length: W }, (_, j) => (j >= n ? 1 : 0));
  run(phase1, () => true);
  const infeasibility = T.reduce((s, row, i) => s + (phase1[basis[i] as number] ?? 0) * (row[W] as number), 0);
  if (infeasibility > 1e-7) return { status: 'infeasible' };
  T.forEach((row, i) => {
    if ((basis[i] as number) < n) return;
    const j = row.findIndex((v, k) => k < n && Math.abs(v) > eps);
    if (j >= 0) pivot(i, j);
  });
  const phase2 = Array.from({ length: W }, (_, j) => (j < n ? (c[j] ?? 0) : 0));
  if (run(phase2, (j) => j < n) === 'unbounded') return { status: 'unbounded' };
  return {
    status: 'optimal',
    value: T.reduce((s, row, i) => s + (phase2[basis[i] as number] ?? 0) * (row[W] as number), 0),
  };
}

/** The allocation problem as an LP: x per arc, u per source (unmet), s per capped destination (slack). */
function allocationLp(p: AllocationProblem): number {
  const S = p.sources.length;
  const capped = p.destinations.map((d, j) => (d.capacity === null ? -1 : j)).filter((j) => j >= 0);
  const nx = p.arcs.length;
  const cols = nx + S + capped.length;
  const A: number[][] = [];
  const b: number[] = [];
  p.sources.forEach((s, i) => {
    const row = new Array<number>(cols).fill(0);
    p.arcs.forEach((a, k) => {
      if (a.source === i) row[k] = 1;
    });
    row[nx + i] = 1;
    A.push(row);
    b.push(s.children);
  });
  capped.forEach((j, q) => {
    const row = new Array<number>(cols).fill(0);
    p.arcs.forEach((a, k) => {
      if (a.destination === j) row[k] = 1;
    });
    row[nx + S + q] = 1;
    A.push(row);
    b.push(p.destinations[j]?.capacity ?? 0);
  });
  const c = [...p.arcs.map((a) => a.cost), ...p.sources.map(() => p.unmetCost), ...capped.map(() => 0)];
  const r = solveLp(A, b, c);
  if (r.status !== 'optimal') throw new Error(`LP ${r.status}`);
  return r.value;
}

/** Every integral assignment (each source's children split over its arcs and unmet): the least cost. */
function bruteForce(p: AllocationProblem): number {
  const used = new Array<number>(p.destinations.length).fill(0);
  const bySource = p.sources.map((_, i) => p.arcs.filter((a) => a.source === i));
  let best = Infinity;
  const place = (i: number, cost: number): void => {
    if (i === p.sources.length) {
      best = Math.min(best, cost);
      return;
    }
    const list = bySource[i] ?? [];
    const spread = (k: number, left: number, c: number): void => {
      if (k === list.length) {
        place(i + 1, c + left * p.unmetCost);
        return;
      }
      const a = list[k];
      if (!a) return;
      const cap = p.destinations[a.destination]?.capacity ?? null;
      for (let x = 0; x <= left; x++) {
        if (cap !== null && (used[a.destination] ?? 0) + x > cap) break;
        used[a.destination] = (used[a.destination] ?? 0) + x;
        spread(k + 1, left - x, c + x * a.cost);
        used[a.destination] = (used[a.destination] ?? 0) - x;
      }
    };
    spread(0, p.sources[i]?.children ?? 0, cost);
  };
  place(0, 0);
  return best;
}

function randomAllocation(r: () => number, size: { sources: number; destinations: number; children: number }) {
  const S = int(r, 1, size.sources);
  const D = int(r, 1, size.destinations);
  const problem: AllocationProblem = {
    sources: Array.from({ length: S }, (_, i) => ({ id: `s${i}`, children: int(r, 0, size.children) })),
    destinations: Array.from({ length: D }, (_, j) => ({
      id: `d${j}`,
      capacity: r() < 0.2 ? null : int(r, 0, size.children),
    })),
    arcs: [],
    unmetCost: int(r, 5, 60),
  };
  for (let i = 0; i < S; i++) {
    for (let j = 0; j < D; j++) if (r() < 0.7) problem.arcs.push({ source: i, destination: j, cost: int(r, 0, 40) });
  }
  return problem;
}

/** Checks conservation and capacities, and that the objective is what the flows cost. */
function expectConsistent(p: AllocationProblem, result: ReturnType<typeof allocate>): void {
  p.sources.forEach((s, i) => {
    const placed = p.arcs.reduce((sum, a, k) => sum + (a.source === i ? (result.placed[k] ?? 0) : 0), 0);
    expect(placed + (result.unmet[i] ?? 0)).toBe(s.children);
  });
  p.destinations.forEach((d, j) => {
    const into = p.arcs.reduce((sum, a, k) => sum + (a.destination === j ? (result.placed[k] ?? 0) : 0), 0);
    expect(result.used[j]).toBe(into);
    if (d.capacity !== null) expect(into).toBeLessThanOrEqual(d.capacity);
  });
  for (const x of [...result.placed, ...result.unmet]) {
    expect(Number.isInteger(x)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(0);
  }
  const cost =
    p.arcs.reduce((sum, a, k) => sum + a.cost * (result.placed[k] ?? 0), 0) +
    result.unmet.reduce((sum, u) => sum + u * p.unmetCost, 0);
  expect(result.objective).toBe(cost);
}

describe('allocation: exact optimum', () => {
  it('matches brute force over every integral assignment on 300 small cases', () => {
    const r = seededRandom(1);
    for (let t = 0; t < 300; t++) {
      const p = randomAllocation(r, { sources: 3, destinations: 3, children: 3 });
      const result = allocate(p);
      expectConsistent(p, result);
      expect(result.objective, `case ${t}`).toBe(bruteForce(p));
    }
  });

  it('matches an independent LP (dense simplex) on 200 seeded transportation instances', () => {
    const r = seededRandom(2);
    for (let t = 0; t < 200; t++) {
      const p = randomAllocation(r, { sources: 6, destinations: 7, children: 25 });
      const result = allocate(p);
      expectConsistent(p, result);
      expect(result.objective, `case ${t}`).toBeCloseTo(allocationLp(p), 6);
    }
  });

  it('matches the LP on 200 seeded general networks (negative costs, capacities, infeasible supplies)', () => {
    const r = seededRandom(3);
    let infeasible = 0;
    for (let t = 0; t < 200; t++) {
      const n = int(r, 2, 7);
      const arcs: { from: number; to: number; capacity: number; cost: number }[] = [];
      const m = int(r, 1, 16);
      for (let k = 0; k < m; k++) {
        const from = int(r, 0, n - 1);
        let to = int(r, 0, n - 2);
        if (to >= from) to++;
        arcs.push({ from, to, capacity: int(r, 0, 9), cost: int(r, -6, 20) });
      }
      // Supplies from a random feasible flow, perturbed now and then to make some infeasible.
      const supply = new Array<number>(n).fill(0);
      for (const a of arcs) {
        const f = int(r, 0, a.capacity);
        supply[a.from] = (supply[a.from] ?? 0) + f;
        supply[a.to] = (supply[a.to] ?? 0) - f;
      }
      if (r() < 0.15) {
        supply[0] = (supply[0] ?? 0) + 3;
        supply[n - 1] = (supply[n - 1] ?? 0) - 3;
      }
      const net: FlowNetwork = {
        nodeCount: n,
        supply,
        from: arcs.map((a) => a.from),
        to: arcs.map((a) => a.to),
        capacity: arcs.map((a) => a.capacity),
        cost: arcs.map((a) => a.cost),
      };
      const solution = minCostFlow(net);
      // LP: x per arc and a slack per arc for its capacity.
      const A: number[][] = [];
      const b: number[] = [];
      for (let v = 0; v < n; v++) {
        const row = new Array<number>(2 * m).fill(0);
        arcs.forEach((a, k) => {
          if (a.from === v) row[k] = (row[k] ?? 0) + 1;
          if (a.to === v) row[k] = (row[k] ?? 0) - 1;
        });
        A.push(row);
        b.push(supply[v] ?? 0);
      }
      arcs.forEach((a, k) => {
        const row = new Array<number>(2 * m).fill(0);
        row[k] = 1;
        row[m + k] = 1;
        A.push(row);
        b.push(a.capacity);
      });
      const lp = solveLp(A, b, [...arcs.map((a) => a.cost), ...arcs.map(() => 0)]);
      if (lp.status === 'infeasible') {
        infeasible++;
        expect(solution.status, `case ${t}`).toBe('infeasible');
        continue;
      }
      expect(lp.status).toBe('optimal');
      expect(solution.status, `case ${t}`).toBe('optimal');
      if (lp.status === 'optimal') expect(solution.cost, `case ${t}`).toBeCloseTo(lp.value, 6);
      // Feasible, integral, and certified by the potentials (complementary slackness).
      const balance = new Array<number>(n).fill(0);
      arcs.forEach((a, k) => {
        const f = solution.flow[k] ?? NaN;
        expect(Number.isInteger(f) && f >= 0 && f <= a.capacity).toBe(true);
        balance[a.from] = (balance[a.from] ?? 0) + f;
        balance[a.to] = (balance[a.to] ?? 0) - f;
        const reduced = a.cost + (solution.potential[a.from] ?? 0) - (solution.potential[a.to] ?? 0);
        if (f < a.capacity) expect(reduced).toBeGreaterThanOrEqual(0);
        if (f > 0) expect(reduced).toBeLessThanOrEqual(0);
      });
      expect(balance).toEqual(supply);
    }
    expect(infeasible).toBeGreaterThan(0);
  });
});

describe('allocation: properties', () => {
  it('adding beds never increases unmet need or total cost', () => {
    const r = seededRandom(4);
    for (let t = 0; t < 200; t++) {
      const p = randomAllocation(r, { sources: 5, destinations: 5, children: 12 });
      // Unmet cost above (sources + destinations + 1) × (largest arc cost + 1): unmet only when unavoidable.
      p.unmetCost = (p.sources.length + p.destinations.length + 1) * 41;
      p.destinations.forEach((d) => {
        if (d.capacity === null) d.capacity = int(r, 0, 12);
      });
      const before = allocate(p);
      const more: AllocationProblem = structuredClone(p);
      const j = int(r, 0, more.destinations.length - 1);
      const target = more.destinations[j];
      if (target && target.capacity !== null) target.capacity += int(r, 1, 5);
      if (r() < 0.5) {
        more.destinations.push({ id: 'new', capacity: int(r, 1, 5) });
        more.sources.forEach((_, i) => {
          if (r() < 0.6) more.arcs.push({ source: i, destination: more.destinations.length - 1, cost: int(r, 0, 40) });
        });
      }
      const after = allocate(more);
      const unmet = (x: typeof before) => x.unmet.reduce((s, u) => s + u, 0);
      expect(unmet(after), `case ${t}`).toBeLessThanOrEqual(unmet(before));
      expect(after.objective, `case ${t}`).toBeLessThanOrEqual(before.objective);
    }
  });

  it('is deterministic: the same problem gives the same flows, whatever was solved before', () => {
    const r = seededRandom(5);
    const problems = Array.from({ length: 20 }, () =>
      randomAllocation(r, { sources: 8, destinations: 8, children: 30 }),
    );
    const first = problems.map((p) => allocate(p));
    const again = [...problems]
      .reverse()
      .map((p) => allocate(p))
      .reverse();
    expect(again).toEqual(first);
  });

  it('warm starts give the optimum for every demand draw', () => {
    const r = seededRandom(6);
    for (let t = 0; t < 20; t++) {
      const p = randomAllocation(r, { sources: 6, destinations: 6, children: 20 });
      const allocator = createAllocator({
        sourceCount: p.sources.length,
        destinations: p.destinations,
        arcs: p.arcs,
        unmetCost: p.unmetCost,
      });
      for (let draw = 0; draw < 15; draw++) {
        const children = p.sources.map((s) => Math.max(0, s.children + int(r, -3, 3)));
        const warm = allocator.solve(children);
        const cold = allocate({ ...p, sources: children.map((c, i) => ({ id: `s${i}`, children: c })) });
        expect(warm.objective).toBe(cold.objective);
        expectConsistent({ ...p, sources: children.map((c, i) => ({ id: `s${i}`, children: c })) }, warm);
      }
    }
  });

  it('reports unmet need rather than hiding it, and leaves out arcs dearer than an unlimited option', () => {
    const p: AllocationProblem = {
      sources: [
        { id: 'Bury', children: 5 },
        { id: 'Trafford', children: 2 },
      ],
      destinations: [
        { id: 'Bury homes', capacity: 3 },
        { id: 'outside', capacity: 1 },
        { id: 'anywhere', capacity: null },
      ],
      arcs: [
        { source: 0, destination: 0, cost: 1 },
        { source: 1, destination: 0, cost: 2 },
        { source: 0, destination: 1, cost: 5 },
        { source: 1, destination: 2, cost: 6 },
        { source: 1, destination: 1, cost: 7 },
      ],
      unmetCost: 100,
    };
    const result = allocate(p);
    expect(result.placed).toEqual([3, 0, 1, 2, 0]);
    expect(result.unmet).toEqual([1, 0]);
    expect(result.prunedArcs).toBe(1); // Trafford → outside (7) is dearer than "anywhere" (6)
    expect(result.objective).toBe(3 + 5 + 12 + 100);
  });

  it('solves a network with nothing to move', () => {
    const s = new NetworkSimplex({ nodeCount: 2, from: [0], to: [1], capacity: [4], cost: [3] }).solve([0, 0]);
    expect(s.status).toBe('optimal');
    expect([...s.flow]).toEqual([0]);
    expect(s.cost).toBe(0);
  });

  it('rejects malformed input with clear messages', () => {
    const ok: AllocationProblem = {
      sources: [{ id: 'a', children: 1 }],
      destinations: [{ id: 'x', capacity: 1 }],
      arcs: [{ source: 0, destination: 0, cost: 1 }],
      unmetCost: 10,
    };
    expect(() => allocate({ ...ok, sources: [{ id: 'a', children: 1.5 }] })).toThrow(/whole number of children/);
    expect(() => allocate({ ...ok, destinations: [{ id: 'x', capacity: -1 }] })).toThrow(/capacity/);
    expect(() => allocate({ ...ok, arcs: [{ source: 0, destination: 3, cost: 1 }] })).toThrow(/does not exist/);
    expect(() => allocate({ ...ok, arcs: [{ source: 0, destination: 0, cost: 0.5 }] })).toThrow(/whole-number cost/);
    expect(() => minCostFlow({ nodeCount: 2, supply: [1, 0], from: [0], to: [1], capacity: [1], cost: [1] })).toThrow(
      /sum to zero/,
    );
  });
});
