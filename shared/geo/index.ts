/** Map geometry and scales: pure TypeScript (d3 and topojson-client only), shared by the UI and the host. */
export * from './boundaries/index.js';
export * from './colour.js';
export * from './flows.js';
export * from './hex/index.js';
export * from './osgb.js';
export * from './projection.js';
export * from './types.js';
