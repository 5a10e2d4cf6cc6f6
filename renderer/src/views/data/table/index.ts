/** The Data view's authority table model (no React, no DOM; unit-tested): its parts' public API in one place. */
export * from './buildTable';
export * from './cells';
export * from './columns';
export * from './figures';
export * from './sorting';
