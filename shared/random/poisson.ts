/**
 * The one Poisson sampler, for every random source (./lcg.ts, ./sfc32.ts): multiplication of
 * uniforms (Knuth) below a mean of 10, Hörmann's transformed rejection with squeeze (PTRS, 1993)
 * above, so the cost does not grow with the mean; and ln(k!), which its acceptance test needs.
 */

/** A source of uniforms on [0, 1) or (0, 1). */
export interface UniformSource {
  uniform(): number;
}

/** A Poisson count with the given mean (0 for a mean that is not above 0). */
export function samplePoisson(source: UniformSource, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = source.uniform();
    while (p > limit) {
      k++;
      p *= source.uniform();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = source.uniform() - 0.5;
    const v = source.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) {
      return k;
    }
  }
}

const LOG_FACTORIALS: number[] = [0];
for (let i = 1; i < 256; i++) LOG_FACTORIALS.push(LOG_FACTORIALS[i - 1]! + Math.log(i));

/** ln(k!) (table below 256, Stirling series above). */
export function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIALS[k]!;
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}
