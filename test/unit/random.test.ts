/**
 * The one random-number module (shared/random): both seeded sources repeat for a seed, the shared
 * Poisson sampler has the right mean and variance on both sides of its switch of method (and on both
 * sources), ln(k!) is exact where tabled and close above, and triangular draws keep to their range.
 */
import { describe, expect, it } from 'vitest';
import {
  logFactorial,
  PolarNormal,
  Random,
  Rng,
  samplePoisson,
  triangular,
  triangularDraws,
} from '#shared/random/index.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean };
}

describe('shared/random', () => {
  it('gives the same numbers for the same seed, and others for another seed', () => {
    const take = (make: () => { uniform(): number }) => {
      const r = make();
      return Array.from({ length: 5 }, () => r.uniform());
    };
    expect(take(() => new Rng(7))).toEqual(take(() => new Rng(7)));
    expect(take(() => new Rng(7))).not.toEqual(take(() => new Rng(8)));
    expect(take(() => new Random(7))).toEqual(take(() => new Random(7)));
    expect(take(() => new Random(7))).not.toEqual(take(() => new Random(8)));
  });

  for (const mean of [0.7, 4, 9.9, 10, 35, 400]) {
    it(`samples Poisson(${mean}) with mean and variance ${mean}, from either source`, () => {
      for (const source of [new Rng(11), new Random(11)]) {
        const { mean: m, variance: v } = moments(() => samplePoisson(source, mean), 40_000);
        // standard error of the mean is sqrt(mean / n); allow about five of them
        expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / 40_000) + 1e-9);
        expect(v / mean).toBeGreaterThan(0.94);
        expect(v / mean).toBeLessThan(1.06);
      }
    });
  }

  it('draws standard normals by the polar method, the same for both sources', () => {
    for (const source of [new Rng(13), new Random(13)]) {
      const { mean, variance } = moments(() => source.normal(), 40_000);
      expect(Math.abs(mean)).toBeLessThan(0.03);
      expect(variance).toBeGreaterThan(0.96);
      expect(variance).toBeLessThan(1.04);
    }
    // a source's normals are the shared polar method over its own uniforms
    const raw = new Random(21);
    const polar = new PolarNormal(() => raw.next());
    const random = new Random(21);
    for (let i = 0; i < 5; i++) expect(random.normal()).toBe(polar.draw());
  });

  it('gives 0 for a mean of 0 or less, and whole numbers otherwise', () => {
    const rng = new Rng(3);
    expect(samplePoisson(rng, 0)).toBe(0);
    expect(samplePoisson(rng, -2)).toBe(0);
    expect(samplePoisson(rng, Number.NaN)).toBe(0);
    for (let i = 0; i < 100; i++) expect(Number.isInteger(samplePoisson(rng, 25))).toBe(true);
    // both sources' own methods are the shared sampler
    expect(new Rng(5).poisson(30)).toBe(samplePoisson(new Rng(5), 30));
    expect(new Random(5).poisson(30)).toBe(samplePoisson(new Random(5), 30));
  });

  it('computes ln(k!) exactly where tabled and to 1e-12 by Stirling above', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(5)).toBeCloseTo(Math.log(120), 12);
    let exact = 0;
    for (let i = 1; i <= 300; i++) exact += Math.log(i);
    expect(Math.abs(logFactorial(300) - exact) / exact).toBeLessThan(1e-12);
  });

  it('draws triangular values within the range, peaked where asked, one range after another', () => {
    expect(triangular(0, 1, 2, 5)).toBe(1);
    expect(triangular(1, 1, 2, 5)).toBe(5);
    expect(triangular(0.3, 2, 2, 2)).toBe(2);
    const draws = triangularDraws(
      [
        { key: 'a', low: 0, central: 0.2, high: 1 },
        { key: 'b', low: 10, central: 10, high: 10 },
      ],
      20_000,
      new Rng(9),
    );
    expect(Math.min(...draws.a)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws.a)).toBeLessThanOrEqual(1);
    const mean = draws.a.reduce((s, x) => s + x, 0) / draws.a.length;
    expect(mean).toBeCloseTo((0 + 0.2 + 1) / 3, 2);
    expect(new Set(draws.b)).toEqual(new Set([10]));
  });
});
