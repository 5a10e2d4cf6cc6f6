/** The Map's figures, decided in shared/ (pure): years, per-area figures, the measure coloured, flows drawn, scales and sources. */
export * from './figures.js';
export * from './fill.js';
export * from './flows.js';
export * from './layers.js';
export * from './scales.js';
export * from './sources.js';
export * from './years.js';
