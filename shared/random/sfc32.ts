/**
 * Seeded random numbers for the Monte Carlo: sfc32 (small, fast, passes PractRand to 2^40+)
 * seeded through splitmix32, with the draws the stock-flow model needs — normal (polar), gamma
 * (Marsaglia–Tsang), Poisson (Knuth; PTRS for large means, Hörmann 1993) and binomial
 * (inversion; normal approximation for large means). The stock-flow model's source; the projections
 * use ./lcg.ts.
 */
import { PolarNormal } from './normal.js';
import { samplePoisson } from './poisson.js';

export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private readonly normals: PolarNormal;
  /** Uniforms drawn in blocks (fewer calls in hot loops). */
  private readonly block = new Float64Array(4096);
  private position = 4096;

  constructor(seed: number) {
    let s = seed >>> 0;
    const splitmix = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i++) this.uint32();
    this.normals = new PolarNormal(() => this.next());
  }

  uint32(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    const r = (c << 21) | (c >>> 11);
    this.c = (r + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  next(): number {
    if (this.position === 4096) this.refill();
    return this.block[this.position++]!;
  }

  private refill(): void {
    let a = this.a;
    let b = this.b;
    let c = this.c;
    let d = this.d;
    const block = this.block;
    for (let i = 0; i < 4096; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      block[i] = (t >>> 0) / 4294967296;
    }
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    this.position = 0;
  }

  /** Standard normal (Marsaglia polar method). */
  normal(): number {
    return this.normals.draw();
  }

  /** Gamma(shape, rate): mean shape / rate. Zero when shape is 0. */
  gamma(shape: number, rate: number): number {
    if (shape <= 0) return 0;
    if (shape < 1) {
      const u = this.next();
      return this.gamma(shape + 1, rate) * Math.pow(u === 0 ? Number.MIN_VALUE : u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.next();
      if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
    }
  }

  /** Uniform on [0, 1): the source the shared samplers (./poisson.ts) read. */
  uniform(): number {
    return this.next();
  }

  /** Poisson(mean) (Knuth below 10, PTRS above: ./poisson.ts). */
  poisson(mean: number): number {
    return samplePoisson(this, mean);
  }

  /**
   * Binomial(n, p): exact inversion while n·min(p, 1−p) < 20, else the normal approximation with
   * rounding (its error is far below the model's own uncertainty at those sizes).
   */
  binomial(n: number, p: number): number {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    if (p > 0.5) return n - this.binomial(n, 1 - p);
    const mean = n * p;
    if (mean >= 20) {
      const k = Math.round(mean + Math.sqrt(mean * (1 - p)) * this.normal());
      return k < 0 ? 0 : k > n ? n : k;
    }
    const q = 1 - p;
    const ratio = p / q;
    let prob = Math.pow(q, n);
    let cdf = prob;
    const u = this.next();
    let k = 0;
    while (u > cdf && k < n) {
      prob *= (ratio * (n - k)) / (k + 1);
      cdf += prob;
      k++;
      if (prob < 1e-300) break;
    }
    return k;
  }
}
