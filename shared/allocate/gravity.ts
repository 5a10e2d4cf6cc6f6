/**
 * A doubly-constrained gravity model (Wilson's maximum-entropy spatial interaction model), the
 * general machinery behind the modelled placement flows in ./placementFlows/.
 *
 * For origins i (placing authorities, with O_i children to place) and destinations j (host
 * authorities, able to take D_j children), the flow is
 *
 *     T_ij = A_i O_i B_j D_j f_ij
 *
 * where f_ij = exp(−β d_ij) for two different authorities d_ij miles apart, and f_ii = exp(λ) inside
 * the placing authority's own boundary (its own homes are not "0 miles away" from every child: they
 * are a distinct choice, and the published share placed inside the boundary is a distinct figure).
 * λ = −∞ gives f_ii = 0, for a model whose own-boundary flows are fixed beforehand.
 * The balancing factors A_i and B_j are found by iterative proportional fitting (Furness's method) so
 * that every row sums to O_i and every column to D_j. Among all flow tables meeting those totals and
 * a given mean cost, this is the one of maximum entropy: the least committal spread of children over
 * homes consistent with what is known.
 *
 * Plain Furness sweeps converge slowly when distance decay is steep (hundreds to thousands of sweeps
 * for England), so the sweeps are over-relaxed on the log scale with a rate estimated from the first
 * few; that, and warm starts from a nearby solution, keep a fit over England's 153 authorities to a
 * few hundred milliseconds.
 *
 * Also here: a small Levenberg–Marquardt least-squares fit, used to fit β (and λ) to published
 * shares. Everything is deterministic (no random starts).
 */

/** The model's two parameters. */
export interface GravityParameters {
  /** Distance decay per mile (β ≥ 0): the deterrence between two authorities d miles apart is exp(−β d). */
  beta: number;
  /** Log weight of a placement inside the placing authority's own boundary (λ): deterrence exp(λ) for i = j. */
  ownAuthority: number;
}

export interface GravityProblem {
  /** Children each origin places (O_i ≥ 0). */
  origins: ArrayLike<number>;
  /** Children each destination takes (D_j ≥ 0); scaled to the origins' total if the totals differ. */
  destinations: ArrayLike<number>;
  /** Centroid distances in miles, row-major (`miles[i * n + j]`), as ./distance.ts distanceMatrix gives. */
  miles: ArrayLike<number>;
}

export interface BalanceOptions {
  /** Stop when no row or column total is out by more than this many children (default 1e-9). */
  tolerance?: number;
  /** Give up after this many sweeps (default 5,000); `converged` is then false. */
  maxIterations?: number;
  /** Starting column factors B_j (say, from a nearby parameter value), for a faster solve. */
  warmStart?: Float64Array;
  /** Over-relaxation ω of the sweeps (1: plain Furness); 'adaptive' (default) estimates the best. */
  relaxation?: number | 'adaptive';
}

export interface BalancedFlows {
  /** T_ij, row-major. */
  flows: Float64Array;
  /** Balancing factors A_i (0 where O_i = 0). */
  a: Float64Array;
  /** Balancing factors B_j (0 where D_j = 0). */
  b: Float64Array;
  /** Destination totals actually used (D_j scaled to the origins' total). */
  destinations: Float64Array;
  iterations: number;
  converged: boolean;
  /** Largest difference between a row or column total and its constraint, in children. */
  maxError: number;
  /** The over-relaxation ω the sweeps ended with (pass it back, with `b` as warmStart, for a similar problem). */
  relaxation: number;
}

/** Deterrence between two different authorities `miles` apart: exp(−β d). Decreasing in d for β > 0. */
export function distanceDecay(miles: number, beta: number): number {
  return Math.exp(-beta * miles);
}

/** The deterrence matrix f_ij for the parameters (row-major). */
export function deterrenceMatrix(miles: ArrayLike<number>, n: number, parameters: GravityParameters): Float64Array {
  const f = new Float64Array(n * n);
  const own = Math.exp(parameters.ownAuthority);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) f[row + j] = i === j ? own : distanceDecay(miles[row + j] ?? 0, parameters.beta);
  }
  return f;
}

function sizeOf(problem: GravityProblem): number {
  const n = problem.origins.length;
  if (problem.destinations.length !== n) {
    throw new Error(`Gravity model: ${n} origins but ${problem.destinations.length} destinations`);
  }
  if (problem.miles.length !== n * n) throw new Error(`Gravity model: the distance matrix is not ${n} × ${n}`);
  return n;
}

/**
 * Balances the flows for given parameters (Furness's method): alternately rescales rows to their
 * origin totals and columns to their destination totals until both hold to `tolerance` children.
 * Destination totals are first scaled to the origins' total (a doubly-constrained model needs equal
 * totals). Throws when there is something to place but nowhere to place it.
 */
export function balanceFlows(
  problem: GravityProblem,
  parameters: GravityParameters,
  options: BalanceOptions = {},
): BalancedFlows {
  const n = sizeOf(problem);
  return balanceWith(problem, deterrenceMatrix(problem.miles, n, parameters), options);
}

/** As balanceFlows, with the deterrence matrix given (so a caller can reuse or vary it). */
export function balanceWith(problem: GravityProblem, f: Float64Array, options: BalanceOptions = {}): BalancedFlows {
  const n = sizeOf(problem);
  const tolerance = options.tolerance ?? 1e-9;
  const maxIterations = options.maxIterations ?? 5_000;
  const o = Float64Array.from({ length: n }, (_, i) => Math.max(0, problem.origins[i] ?? 0));
  const dRaw = Float64Array.from({ length: n }, (_, j) => Math.max(0, problem.destinations[j] ?? 0));
  const totalO = o.reduce((s, v) => s + v, 0);
  const totalD = dRaw.reduce((s, v) => s + v, 0);
  const flows = new Float64Array(n * n);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  if (totalO === 0)
    return {
      flows,
      a,
      b,
      destinations: new Float64Array(n),
      iterations: 0,
      converged: true,
      maxError: 0,
      relaxation: 1,
    };
  if (totalD === 0) throw new Error('Gravity model: children to place but no destination can take any');
  const d = dRaw.map((v) => (v * totalO) / totalD);

  // Column sums run along rows of the transpose, so both passes read memory in order.
  const ft = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ft[j * n + i] = f[i * n + j] ?? 0;
  let solved = sweep(
    n,
    f,
    ft,
    o,
    d,
    a,
    b,
    tolerance,
    maxIterations,
    options.relaxation ?? 'adaptive',
    options.warmStart,
  );
  if (!solved.finite) solved = sweep(n, f, ft, o, d, a, b, tolerance, maxIterations, 1, undefined);
  if (!solved.finite)
    throw new Error('Gravity model: the balancing factors overflowed (is every origin able to reach a destination?)');
  const { iterations, converged, relaxation } = solved;

  const colTotals = new Float64Array(n);
  let maxError = 0;
  for (let i = 0; i < n; i++) {
    const scale = (a[i] ?? 0) * (o[i] ?? 0);
    let rowTotal = 0;
    for (let j = 0; j < n; j++) {
      const t = scale * (b[j] ?? 0) * (d[j] ?? 0) * (f[i * n + j] ?? 0);
      flows[i * n + j] = t;
      rowTotal += t;
      colTotals[j] = (colTotals[j] ?? 0) + t;
    }
    maxError = Math.max(maxError, Math.abs(rowTotal - (o[i] ?? 0)));
  }
  for (let j = 0; j < n; j++) maxError = Math.max(maxError, Math.abs((colTotals[j] ?? 0) - (d[j] ?? 0)));
  return { flows, a, b, destinations: d, iterations, converged, maxError, relaxation };
}

/**
 * Furness sweeps, in place on `a` and `b`: each sets A_i = 1 / Σ_j B_j D_j f_ij, then
 * B_j = 1 / Σ_i A_i O_i f_ij, both over-relaxed on the log scale by ω (x ← x^(1−ω) · update^ω; ω = 1 is
 * plain Furness). 'adaptive' runs plain sweeps until the error's rate of decrease ρ is known, then
 * uses ω = 2 / (1 + √(1 − ρ)) (the successive over-relaxation optimum, which cuts the sweeps needed
 * three- to tenfold when the plain method is slow). The factors are renormalised each sweep (B's
 * geometric mean 1) so that they cannot drift out of floating-point range.
 */
function sweep(
  n: number,
  f: Float64Array,
  ft: Float64Array,
  o: Float64Array,
  d: Float64Array,
  a: Float64Array,
  b: Float64Array,
  tolerance: number,
  maxIterations: number,
  relaxation: number | 'adaptive',
  warmStart: Float64Array | undefined,
): { iterations: number; converged: boolean; finite: boolean; relaxation: number } {
  for (let j = 0; j < n; j++) {
    const w = warmStart?.[j];
    b[j] = d[j]! > 0 ? (w !== undefined && w > 0 && Number.isFinite(w) ? w : 1) : 0;
  }
  a.fill(0);
  const bd = new Float64Array(n);
  const ao = new Float64Array(n);
  let omega = relaxation === 'adaptive' ? 1 : relaxation;
  const errors: number[] = [];
  let colError = Number.POSITIVE_INFINITY;
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    for (let j = 0; j < n; j++) bd[j] = b[j]! * d[j]!;
    // The row error of the current factors shows in the row update: with the old A_i the row total was
    // O_i · A_old · S_i. The column error likewise in the column update.
    let rowError = 0;
    for (let i = 0; i < n; i++) {
      const oi = o[i]!;
      if (oi === 0) continue;
      const s = dot(f, i * n, bd, n);
      if (!(s > 0) || !Number.isFinite(s))
        return { iterations: iteration, converged: false, finite: false, relaxation: omega };
      const old = a[i]!;
      if (iteration > 0) rowError = Math.max(rowError, oi * Math.abs(old * s - 1));
      const next = omega === 1 || iteration === 0 ? 1 / s : old ** (1 - omega) * s ** -omega;
      a[i] = next;
      ao[i] = oi * next;
    }
    const error = Math.max(rowError, colError);
    if (iteration > 1 && error <= tolerance)
      return { iterations: iteration, converged: true, finite: true, relaxation: omega };
    if (relaxation === 'adaptive' && iteration > 0) {
      errors.push(error);
      const k = errors.length;
      if (omega === 1 && k >= ADAPT_AFTER) {
        const rho = Math.min(0.999, ((errors[k - 1] ?? 0) / (errors[k - 1 - ADAPT_SPAN] ?? 1)) ** (1 / ADAPT_SPAN));
        if (rho > 0 && Number.isFinite(rho)) omega = Math.min(MAX_RELAXATION, 2 / (1 + Math.sqrt(1 - rho)));
      }
    }
    colError = 0;
    let logSum = 0;
    let count = 0;
    for (let j = 0; j < n; j++) {
      const dj = d[j]!;
      if (dj === 0) continue;
      const s = dot(ft, j * n, ao, n);
      if (!(s > 0) || !Number.isFinite(s))
        return { iterations: iteration, converged: false, finite: false, relaxation: omega };
      const old = b[j]!;
      if (iteration > 0) colError = Math.max(colError, dj * Math.abs(old * s - 1));
      const next = omega === 1 || iteration === 0 ? 1 / s : old ** (1 - omega) * s ** -omega;
      b[j] = next;
      logSum += Math.log(next);
      count++;
    }
    const c = Math.exp(logSum / Math.max(1, count));
    if (!(c > 0) || !Number.isFinite(c))
      return { iterations: iteration, converged: false, finite: false, relaxation: omega };
    for (let j = 0; j < n; j++) b[j] = b[j]! / c;
    for (let i = 0; i < n; i++) a[i] = a[i]! * c;
  }
  return { iterations: maxIterations, converged: false, finite: true, relaxation: omega };
}

/** Plain sweeps before the adaptive over-relaxation estimates the rate, and the span it estimates over. */
const ADAPT_AFTER = 12;
const ADAPT_SPAN = 4;
const MAX_RELAXATION = 1.9;

/** Σ_k m[offset + k] · v[k], the inner loop of balancing. */
function dot(m: Float64Array, offset: number, v: Float64Array, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += m[offset + k]! * v[k]!;
  return s;
}

// ---------------------------------------------------------------------------------------------
// Fitting

export interface LeastSquaresOptions {
  /** Forward-difference step per coordinate for the Jacobian (default 1e-3). */
  step?: number;
  /** Stop when a step moves no coordinate by more than this (default 1e-5). */
  xTolerance?: number;
  /** Stop when a step improves the sum of squares by less than this share of it (default 1e-9). */
  fTolerance?: number;
  /** Default 200 evaluations of the residuals. */
  maxEvaluations?: number;
}

export interface LeastSquaresFit {
  x: number[];
  /** Sum of squared residuals at x. */
  value: number;
  evaluations: number;
  converged: boolean;
}

/**
 * Minimises the sum of squared residuals by Levenberg–Marquardt (Marquardt's scaling, Jacobian by
 * forward differences). Deterministic; meant for a handful of parameters and smooth residuals, where
 * it needs far fewer evaluations than a simplex search.
 */
export function leastSquares(
  residuals: (x: readonly number[]) => ArrayLike<number>,
  start: readonly number[],
  options: LeastSquaresOptions = {},
): LeastSquaresFit {
  const dim = start.length;
  const h = options.step ?? 1e-3;
  const xTolerance = options.xTolerance ?? 1e-5;
  const fTolerance = options.fTolerance ?? 1e-9;
  const maxEvaluations = options.maxEvaluations ?? 200;
  let evaluations = 0;
  const evaluate = (x: readonly number[]): { r: Float64Array; value: number } => {
    evaluations++;
    const r = Float64Array.from(residuals(x));
    let value = 0;
    for (const v of r) value += v * v;
    return { r, value: Number.isFinite(value) ? value : Number.POSITIVE_INFINITY };
  };
  let x = [...start];
  let current = evaluate(x);
  let mu = 1e-3;
  let converged = false;
  while (evaluations + dim + 1 <= maxEvaluations) {
    // Jacobian columns by forward differences.
    const columns = Array.from({ length: dim }, (_, k) => {
      const xk = [...x];
      xk[k] = (xk[k] ?? 0) + h;
      const rk = evaluate(xk).r;
      return rk.map((v, m) => (v - (current.r[m] ?? 0)) / h);
    });
    const jtj = Array.from({ length: dim }, (_, p) =>
      Array.from({ length: dim }, (_, q) => dotArrays(columns[p]!, columns[q]!)),
    );
    const jtr = Array.from({ length: dim }, (_, p) => dotArrays(columns[p]!, current.r));
    let improved = false;
    while (evaluations < maxEvaluations) {
      const damped = jtj.map((row, p) => row.map((v, q) => (p === q ? v * (1 + mu) + 1e-12 : v)));
      const delta = solveSmall(
        damped,
        jtr.map((v) => -v),
      );
      if (delta === null) {
        mu *= 10;
        continue;
      }
      const trial = x.map((v, k) => v + (delta[k] ?? 0));
      const next = evaluate(trial);
      const stepSize = Math.max(...delta.map(Math.abs));
      if (next.value < current.value) {
        const gain = current.value - next.value;
        x = trial;
        current = next;
        mu = Math.max(1e-9, mu / 3);
        improved = true;
        if (stepSize <= xTolerance || gain <= fTolerance * next.value) converged = true;
        break;
      }
      mu *= 4;
      if (stepSize <= xTolerance) {
        converged = true;
        break;
      }
    }
    if (converged || !improved) break;
  }
  return { x, value: current.value, evaluations, converged };
}

function dotArrays(p: ArrayLike<number>, q: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < p.length; k++) s += (p[k] ?? 0) * (q[k] ?? 0);
  return s;
}

/** Solves a small dense system by Gaussian elimination with partial pivoting; null when singular. */
function solveSmall(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] | null {
  const n = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (!(Math.abs(m[pivot]![c]!) > 1e-300)) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < n; r++) {
      const factor = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k] = m[r]![k]! - factor * m[c]![k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = m[r]![n]!;
    for (let k = r + 1; k < n; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}
