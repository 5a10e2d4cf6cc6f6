/** The Map's figures, decided in shared/ (pure): years, per-area figures, layers and scales. */
export * from './figures.js';
export * from './layers.js';
export * from './scales.js';
export * from './years.js';
