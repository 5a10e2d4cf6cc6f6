/**
 * Corrected mode (the default): the same stock-flow idea as the reference, with its known flaws
 * fixed (DOMAIN.md, "Modelling guidance"):
 *
 * - Rates are occurrence ÷ exposure: transitions in the reference window divided by the
 *   child-days at risk (the day before each possible event), so days with no children in a state
 *   add nothing instead of pulling a daily mean of ratios towards zero, and a day with one child
 *   does not weigh as much as a day with fifty. Sparse states are pooled towards the category's
 *   all-ages rate (`poolingDays` of pseudo-exposure).
 * - Ageing is deterministic: the state is age in completed months (0–215) × category; everyone
 *   grows a month older each month and leaves care at 18. Rates vary by age band
 *   ([0,1), [1,5), [5,10), [10,16), [16,18)); ageing is not an estimated rate.
 * - Exits on or after the 18th birthday are not counted as exits by choice (they are the ageing
 *   out), so they are not double counted.
 * - Entries can follow a population projection or a damped fitted trend instead of being held.
 * - Intervals come from a seeded Monte Carlo with parameter uncertainty (gamma posteriors for
 *   every rate, normal for a trend's slope) and process noise (binomial/multinomial moves,
 *   Poisson entries): P10/P50/P90 by month, up to ten years ahead.
 * - Categories split residential care: children's homes (K2) apart from other residential
 *   (K1 secure, R1, P3, S1), which is what sufficiency planning needs.
 *
 * Each month is 30.4375 days; within a month, moves follow the continuous-time chain
 *
 * The parts: categories, bands and the model's shape (./model.ts); the fit (./fit.ts); entries and
 * their trend (./entries.ts); the month's transition probabilities (./transitions.ts); the
 * projection run (./run.ts) with its draws (./sampling.ts). This file only re-exports them.
 */
export { entryAgeShares, entryMultiplier } from './entries.js';
export { fitCorrected } from './fit.js';
export {
  AGE_MONTHS,
  BANDS,
  bandOfAgeMonths,
  CATEGORIES,
  CORRECTED_BANDS,
  CORRECTED_CATEGORIES,
  correctedCategory,
  EXIT,
  MONTH_DAYS,
  OUTCOMES,
  type CorrectedFitInput,
  type CorrectedModel,
  type ResolvedEntryTrend,
} from './model.js';
export { runCorrected, type CorrectedRun } from './run.js';
export { expm6, transitionProbabilities } from './transitions.js';
