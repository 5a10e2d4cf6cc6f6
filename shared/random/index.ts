/** The one random-number module: both seeded sources and the samplers they share. */
export { Rng } from './lcg.js';
export { Random } from './sfc32.js';
export { PolarNormal } from './normal.js';
export { logFactorial, samplePoisson, type UniformSource } from './poisson.js';
export { triangular, triangularDraws } from './triangular.js';
