/**
 * The doubly-constrained gravity model (shared/allocate/gravity.ts) on small worlds whose answers are
 * known: the balancing constraints hold to 1e-6 children, independence when nothing deters, the 2 × 2
 * closed form, the cross-product ratios Furness's method preserves, steeper decay keeping children
 * nearer home, over-relaxed and warm-started sweeps agreeing with plain ones, and the least-squares
 * fit recovering known parameters.
 */
import { describe, expect, it } from 'vitest';
import {
  balanceFlows,
  balanceWith,
  deterrenceMatrix,
  distanceDecay,
  leastSquares,
  type GravityProblem,
} from '#shared/allocate/gravity.js';

/** Authorities at these positions on a line (miles): the distance matrix, row-major. */
function lineMiles(positions: readonly number[]): Float64Array {
  const n = positions.length;
  const miles = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) miles[i * n + j] = Math.abs(positions[i]! - positions[j]!);
  return miles;
}

const at = (flows: Float64Array, n: number, i: number, j: number): number => flows[i * n + j]!;

function rowSums(flows: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => at(flows, n, i, j)).reduce((s, v) => s + v, 0),
  );
}

function colSums(flows: Float64Array, n: number): number[] {
  return Array.from({ length: n }, (_, j) =>
    Array.from({ length: n }, (_, i) => at(flows, n, i, j)).reduce((s, v) => s + v, 0),
  );
}

/** Mean miles travelled per child, placements in the own authority counting as 0. */
function meanMiles(flows: Float64Array, miles: Float64Array): number {
  let total = 0;
  let weighted = 0;
  flows.forEach((t, k) => {
    total += t;
    weighted += t * miles[k]!;
  });
  return weighted / total;
}

// Four authorities: two close together, one 15 miles on, one far away; unequal sizes and supplies.
const world: GravityProblem = {
  origins: [40, 10, 25, 5],
  destinations: [12, 30, 20, 38],
  miles: lineMiles([0, 6, 21, 60]),
};
const N = 4;

describe('balancing (Furness)', () => {
  it.each([
    { beta: 0, ownAuthority: 0 },
    { beta: 0.05, ownAuthority: 1 },
    { beta: 0.2, ownAuthority: 3 },
    { beta: 0.5, ownAuthority: -2 },
    { beta: 1, ownAuthority: 5 },
  ])('meets every row and column total to 1e-6 children (β $beta, λ $ownAuthority)', (parameters) => {
    const balanced = balanceFlows(world, parameters);
    expect(balanced.converged).toBe(true);
    expect(balanced.maxError).toBeLessThan(1e-6);
    rowSums(balanced.flows, N).forEach((s, i) => expect(Math.abs(s - Number(world.origins[i]))).toBeLessThan(1e-6));
    // Destinations (total 100) are scaled to the origins' total (80).
    colSums(balanced.flows, N).forEach((s, j) =>
      expect(Math.abs(s - (Number(world.destinations[j]) * 80) / 100)).toBeLessThan(1e-6),
    );
    for (const t of balanced.flows) expect(t).toBeGreaterThanOrEqual(0);
  });

  it('gives independence, T_ij = O_i D_j / T, when nothing deters (β = 0, λ = 0)', () => {
    const balanced = balanceFlows(world, { beta: 0, ownAuthority: 0 });
    for (let i = 0; i < N; i++) {
      for (let j = 0; j < N; j++) {
        const expected = (Number(world.origins[i]) * Number(world.destinations[j]) * 0.8) / 80;
        expect(at(balanced.flows, N, i, j)).toBeCloseTo(expected, 9);
      }
    }
  });

  it('matches the 2 × 2 closed form: with equal totals the own share is logistic(λ + β d)', () => {
    for (const [beta, lambda, d] of [
      [0.05, 1, 12],
      [0.1, 0, 30],
      [0.02, -1, 5],
    ] as const) {
      const balanced = balanceFlows(
        { origins: [7, 7], destinations: [7, 7], miles: lineMiles([0, d]) },
        { beta, ownAuthority: lambda },
      );
      const p = 1 / (1 + Math.exp(-(lambda + beta * d)));
      expect(at(balanced.flows, 2, 0, 0) / 7).toBeCloseTo(p, 9);
      expect(at(balanced.flows, 2, 1, 1) / 7).toBeCloseTo(p, 9);
      expect(at(balanced.flows, 2, 0, 1) / 7).toBeCloseTo(1 - p, 9);
    }
  });

  it('keeps the cross-product ratios of the deterrence matrix (what Furness balancing preserves)', () => {
    const parameters = { beta: 0.08, ownAuthority: 1.5 };
    const balanced = balanceFlows(world, parameters);
    const f = deterrenceMatrix(world.miles, N, parameters);
    const ratio = (m: ArrayLike<number>, i: number, j: number, k: number, l: number): number =>
      (m[i * N + j]! * m[k * N + l]!) / (m[i * N + l]! * m[k * N + j]!);
    for (const [i, j, k, l] of [
      [0, 0, 1, 1],
      [0, 2, 3, 1],
      [2, 3, 1, 0],
    ] as const) {
      expect(ratio(balanced.flows, i, j, k, l) / ratio(f, i, j, k, l)).toBeCloseTo(1, 6);
    }
  });

  it('keeps children nearer home as the distance decay β grows', () => {
    let previousMiles = Number.POSITIVE_INFINITY;
    let previousNear = 0;
    for (const beta of [0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4]) {
      const balanced = balanceFlows(world, { beta, ownAuthority: 0.5 });
      const miles = meanMiles(balanced.flows, Float64Array.from(world.miles));
      // Children placed within 20 miles of home (own authority or the near neighbour).
      const near = balanced.flows.reduce((s, t, k) => s + (Number(world.miles[k]) <= 20 ? t : 0), 0) / 80;
      expect(miles).toBeLessThan(previousMiles);
      expect(near).toBeGreaterThan(previousNear);
      previousMiles = miles;
      previousNear = near;
    }
  });

  it('places more children in their own authority as λ grows', () => {
    let previous = 0;
    for (const ownAuthority of [-3, -1, 0, 1, 2, 4]) {
      const balanced = balanceFlows(world, { beta: 0.05, ownAuthority });
      const own = [0, 1, 2, 3].reduce((s, i) => s + at(balanced.flows, N, i, i), 0);
      expect(own).toBeGreaterThan(previous);
      previous = own;
    }
  });

  it('has no own-authority flow when λ = −∞', () => {
    const balanced = balanceFlows(world, { beta: 0.05, ownAuthority: Number.NEGATIVE_INFINITY });
    for (let i = 0; i < N; i++) expect(at(balanced.flows, N, i, i)).toBe(0);
    expect(balanced.maxError).toBeLessThan(1e-6);
  });

  it('gives the same flows plain, over-relaxed and warm-started, the latter two in fewer sweeps when the plain method is slow', () => {
    const parameters = { beta: 0.3, ownAuthority: 0 };
    const f = deterrenceMatrix(world.miles, N, parameters);
    const plain = balanceWith(world, f, { relaxation: 1, tolerance: 1e-11 });
    const adaptive = balanceWith(world, f, { tolerance: 1e-11 });
    const fixed = balanceWith(world, f, { relaxation: 1.5, tolerance: 1e-11 });
    const warm = balanceWith(world, f, { tolerance: 1e-11, warmStart: plain.b, relaxation: adaptive.relaxation });
    for (const other of [adaptive, fixed, warm]) {
      other.flows.forEach((t, k) => expect(Math.abs(t - plain.flows[k]!)).toBeLessThan(1e-8));
    }
    expect(adaptive.iterations).toBeLessThan(plain.iterations);
    expect(warm.iterations).toBeLessThan(plain.iterations);
  });

  it('places nothing when no origin has children, and refuses children with nowhere to go', () => {
    const none = balanceFlows({ ...world, origins: [0, 0, 0, 0] }, { beta: 0.05, ownAuthority: 1 });
    expect(none.flows.every((t) => t === 0)).toBe(true);
    expect(() => balanceFlows({ ...world, destinations: [0, 0, 0, 0] }, { beta: 0.05, ownAuthority: 1 })).toThrow(
      /no destination/,
    );
    expect(() => balanceFlows({ ...world, destinations: [1, 2] }, { beta: 0.05, ownAuthority: 1 })).toThrow(
      /4 origins/,
    );
  });

  it('is deterministic', () => {
    const a = balanceFlows(world, { beta: 0.07, ownAuthority: 1.2 });
    const b = balanceFlows(world, { beta: 0.07, ownAuthority: 1.2 });
    expect(Array.from(a.flows)).toEqual(Array.from(b.flows));
  });
});

describe('distance decay', () => {
  it('is 1 at no distance and falls with distance, faster for a larger β', () => {
    expect(distanceDecay(0, 0.1)).toBe(1);
    for (const beta of [0.01, 0.05, 0.2]) {
      let previous = 1;
      for (const miles of [1, 5, 10, 20, 50, 100, 300]) {
        const f = distanceDecay(miles, beta);
        expect(f).toBeLessThan(previous);
        expect(f).toBeGreaterThan(0);
        expect(f).toBeLessThan(distanceDecay(miles, beta / 2));
        previous = f;
      }
    }
  });

  it('puts exp(λ) on the diagonal of the deterrence matrix', () => {
    const f = deterrenceMatrix(world.miles, N, { beta: 0.1, ownAuthority: 2 });
    for (let i = 0; i < N; i++) expect(f[i * N + i]).toBeCloseTo(Math.exp(2), 12);
    expect(f[0 * N + 2]).toBeCloseTo(Math.exp(-2.1), 12);
  });
});

describe('least squares (Levenberg–Marquardt)', () => {
  it('recovers the parameters of an exponential curve from exact data', () => {
    const xs = [0, 1, 2, 4, 8, 16];
    const ys = xs.map((x) => 3 * Math.exp(-0.25 * x));
    const fit = leastSquares((p) => xs.map((x, k) => p[0]! * Math.exp(-p[1]! * x) - ys[k]!), [1, 1], {
      xTolerance: 1e-10,
      fTolerance: 1e-15,
    });
    expect(fit.converged).toBe(true);
    expect(fit.x[0]).toBeCloseTo(3, 5);
    expect(fit.x[1]).toBeCloseTo(0.25, 5);
  });

  it("finds the minimum of Rosenbrock's valley", () => {
    const fit = leastSquares((p) => [10 * (p[1]! - p[0]! ** 2), 1 - p[0]!], [-1.2, 1], {
      xTolerance: 1e-10,
      fTolerance: 1e-15,
      step: 1e-7,
    });
    expect(fit.x[0]).toBeCloseTo(1, 4);
    expect(fit.x[1]).toBeCloseTo(1, 4);
    expect(fit.value).toBeLessThan(1e-8);
  });
});
