/**
 * Runs a fitted reference-compatible model (./index.ts): the reference's daily recursion
 * x(t+1) = M·x(t) + λ with its variance.
 */
import type { SfRegionalModel } from './model.js';

/**
 * Runs the reference's daily recursion for `days` days and returns the mean and variance by state
 * on each requested day (0 = the starting stock).
 */
export function runSfRegional(
  model: SfRegionalModel,
  reportDays: readonly number[],
): { mean: Float64Array[]; variance: Float64Array[] } {
  const S = model.stateCount;
  const width = S + 1;
  const rates = model.transitionRates;
  const lambda = model.entryRates;
  // Sparse off-diagonal entries and the diagonal.
  const from: number[] = [];
  const to: number[] = [];
  const value: number[] = [];
  const self = new Float64Array(S);
  for (let s = 0; s < S; s++) {
    let out = 0;
    for (let t = 0; t < width; t++) {
      const r = rates[s * width + t]!;
      if (r === 0 || t === s) continue;
      out += r;
      if (t < S) {
        from.push(s);
        to.push(t);
        value.push(r);
      }
    }
    self[s] = 1 - out;
  }
  const nnz = value.length;
  let x = Float64Array.from(model.initialStock);
  let v = new Float64Array(S);
  let nx = new Float64Array(S);
  let nv = new Float64Array(S);
  const maxDay = reportDays.reduce((a, b) => Math.max(a, b), 0);
  const wanted = new Map<number, number[]>();
  reportDays.forEach((d, i) => {
    const list = wanted.get(d) ?? [];
    list.push(i);
    wanted.set(d, list);
  });
  const mean: Float64Array[] = new Array<Float64Array>(reportDays.length);
  const variance: Float64Array[] = new Array<Float64Array>(reportDays.length);
  const record = (day: number): void => {
    for (const i of wanted.get(day) ?? []) {
      mean[i] = x.slice();
      variance[i] = v.slice();
    }
  };
  record(0);
  for (let day = 1; day <= maxDay; day++) {
    for (let s = 0; s < S; s++) {
      const m = self[s]!;
      nx[s] = m * x[s]! + lambda[s]!;
      nv[s] = v[s]! + m * (1 - m) * x[s]! + lambda[s]!;
    }
    for (let k = 0; k < nnz; k++) {
      const r = value[k]!;
      const xs = x[from[k]!]!;
      nx[to[k]!]! += r * xs;
      nv[to[k]!]! += r * (1 - r) * xs;
    }
    [x, nx] = [nx, x];
    [v, nv] = [nv, v];
    record(day);
  }
  return { mean, variance };
}
