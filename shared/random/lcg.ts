/**
 * The seeded random source of the projections, scenarios and recommendations: d3's linear
 * congruential generator underneath (so a seed gives the same numbers on every platform), with the
 * normal, gamma, chi-square, Poisson and negative binomial draws the methods need, written to
 * allocate nothing per draw.
 */
import { randomLcg } from 'd3';
import { PolarNormal } from './normal.js';
import { samplePoisson } from './poisson.js';

/** Mixes any finite seed into a 32-bit LCG state, so nearby seeds start far apart. */
function mixSeed(seed: number): number {
  let h = Math.floor(seed) | 0;
  const frac = seed - Math.floor(seed);
  if (frac > 0) h ^= Math.floor(frac * 0x100000000) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) + 1; // an integer ≥ 1: d3 reads seeds in [0, 1) as fractions of 2^32.
}

export class Rng {
  private readonly next: () => number;
  private readonly normals: PolarNormal;

  constructor(seed: number) {
    this.next = randomLcg(mixSeed(seed));
    this.normals = new PolarNormal(this.next);
  }

  /** Uniform on the open interval (0, 1). */
  uniform(): number {
    let u = this.next();
    while (u === 0) u = this.next();
    return u;
  }

  /** Standard normal (Marsaglia's polar method; the second value of each pair is kept for the next call). */
  normal(): number {
    return this.normals.draw();
  }

  /** Gamma with the given shape and scale 1 (Marsaglia & Tsang 2000). */
  gamma(shape: number): number {
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniform(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      const x = this.normal();
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = this.uniform();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Chi-square with `df` degrees of freedom. */
  chiSquare(df: number): number {
    return 2 * this.gamma(df / 2);
  }

  /**
   * Poisson with mean `lambda`: multiplication of uniforms below 10, Hörmann's transformed
   * rejection with squeeze (PTRS, 1993) above, so the cost does not grow with the mean.
   */
  poisson(lambda: number): number {
    return samplePoisson(this, lambda);
  }

  /**
   * A negative binomial count with mean `mean` and variance mean + dispersion × mean²: Poisson
   * noise around a gamma-distributed mean (extra-Poisson variation from year to year).
   */
  negativeBinomial(mean: number, dispersion: number): number {
    if (!(mean > 0)) return 0;
    if (!(dispersion > 0)) return this.poisson(mean);
    const shape = 1 / dispersion;
    return this.poisson(mean * this.gamma(shape) * dispersion);
  }
}
