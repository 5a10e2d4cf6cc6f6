/**
 * Running a scenario (see ./runScenario.ts): `runScenario`, and `roundToTotal`, the rounding of
 * members' children that the recommender's evaluation shares.
 */
export { roundToTotal } from './paths.js';
export { runParsedScenario, runScenario } from './runScenario.js';
