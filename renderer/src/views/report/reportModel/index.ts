/**
 * Pure preparation of the report: which sections it has, the cover's facts, the summary's figures,
 * gaps by authority, scenario figures against the baseline, the assumption register and the
 * methodology in plain English. No React and no DOM, so it is unit-tested directly. This index only
 * re-exports the parts, so callers import one module.
 */
export * from './data';
export * from './sections';
export * from './words';
export * from './summary';
export * from './gaps';
export * from './scenarios';
export * from './assumptions';
export * from './methodology';
