/**
 * Corrected mode's moves within a month (./index.ts): the continuous-time chain's transition
 * probabilities P = exp(Q·Δ) for each age band, from the daily hazards, so several moves in one
 * month are allowed.
 */
import { BANDS, CATEGORIES, OUTCOMES } from './model.js';

/** Scratch buffers for {@link expm6}. */
const expmScratch = {
  a: new Float64Array(OUTCOMES * OUTCOMES),
  term: new Float64Array(OUTCOMES * OUTCOMES),
  next: new Float64Array(OUTCOMES * OUTCOMES),
  square: new Float64Array(OUTCOMES * OUTCOMES),
};

/**
 * exp(G) for a 6×6 generator (row-major), by scaling and squaring with a Taylor series (scaled
 * norm ≤ 1/4, 12 terms: error below 1e-16). Writes into `out`.
 */
export function expm6(g: Float64Array, out: Float64Array = new Float64Array(OUTCOMES * OUTCOMES)): Float64Array {
  const n = OUTCOMES;
  const nn = n * n;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += Math.abs(g[i * n + j]!);
    norm = Math.max(norm, row);
  }
  const squarings = norm > 0.25 ? Math.ceil(Math.log2(norm / 0.25)) : 0;
  const scale = 1 / Math.pow(2, squarings);
  const { a, square } = expmScratch;
  let { term, next } = expmScratch;
  for (let i = 0; i < nn; i++) {
    a[i] = g[i]! * scale;
    out[i] = 0;
    term[i] = 0;
  }
  for (let i = 0; i < n; i++) {
    out[i * n + i] = 1;
    term[i * n + i] = 1;
  }
  for (let k = 1; k <= 12; k++) {
    multiply6(term, a, next);
    const inv = 1 / k;
    for (let i = 0; i < nn; i++) {
      const v = next[i]! * inv;
      next[i] = v;
      out[i]! += v;
    }
    [term, next] = [next, term];
  }
  expmScratch.term = term;
  expmScratch.next = next;
  for (let s = 0; s < squarings; s++) {
    multiply6(out, out, square);
    out.set(square);
  }
  return out;
}

function multiply6(x: Float64Array, y: Float64Array, out: Float64Array): void {
  const n = OUTCOMES;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += x[i * n + k]! * y[k * n + j]!;
      out[i * n + j] = sum;
    }
  }
}

/**
 * Transition probabilities over `days` for each band: `[(band * 5 + from) * 6 + to]`, from the
 * daily hazards (same layout, self-hazards ignored). With `halfOut`, also the probabilities over
 * half the period (the full period is then the half squared).
 */
export function transitionProbabilities(
  hazards: Float64Array,
  days: number,
  out: Float64Array = new Float64Array(BANDS * CATEGORIES * OUTCOMES),
  halfOut: Float64Array | null = null,
): Float64Array {
  const g = new Float64Array(OUTCOMES * OUTCOMES);
  const p = new Float64Array(OUTCOMES * OUTCOMES);
  const half = new Float64Array(OUTCOMES * OUTCOMES);
  const span = halfOut ? days / 2 : days;
  for (let b = 0; b < BANDS; b++) {
    g.fill(0);
    for (let c = 0; c < CATEGORIES; c++) {
      let total = 0;
      for (let d = 0; d < OUTCOMES; d++) {
        if (d === c) continue;
        const h = hazards[(b * CATEGORIES + c) * OUTCOMES + d]! * span;
        g[c * OUTCOMES + d] = h;
        total += h;
      }
      g[c * OUTCOMES + c] = -total;
    }
    if (halfOut) {
      expm6(g, half);
      multiply6(half, half, p);
      normaliseRows(half, halfOut, b);
    } else {
      expm6(g, p);
    }
    normaliseRows(p, out, b);
  }
  return out;
}

function normaliseRows(p: Float64Array, out: Float64Array, band: number): void {
  for (let c = 0; c < CATEGORIES; c++) {
    let sum = 0;
    const o = (band * CATEGORIES + c) * OUTCOMES;
    for (let d = 0; d < OUTCOMES; d++) {
      const v = Math.max(0, p[c * OUTCOMES + d]!);
      out[o + d] = v;
      sum += v;
    }
    for (let d = 0; d < OUTCOMES; d++) out[o + d]! /= sum;
  }
}
