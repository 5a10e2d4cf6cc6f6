/**
 * Standard normal draws by Marsaglia's polar method, for both random sources (./lcg.ts, ./sfc32.ts):
 * each pair of uniforms inside the unit circle gives two normals, the second kept for the next call.
 */
export class PolarNormal {
  private spare = 0;
  private hasSpare = false;

  /** `next`: uniforms on [0, 1) from the source. */
  constructor(private readonly next: () => number) {}

  draw(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}
