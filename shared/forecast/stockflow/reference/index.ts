/**
 * Reference-compatible mode (`sf-regional`): reproduces the estimator of Social Finance's regional
 * children's services demand model, so that our figures can be checked against it. Its
 * conventions, including its flaws, are kept on purpose:
 *
 * - categories Fostering (U1–U6), Residential (K2, R1, P3, S1), Supported (H5, K3, P2), Other;
 * - age bands [0,1) (from −1, so a few days before birth count as babies), [1,5), [5,10), [10,16)
 *   and [16,30) labelled "16 to 18+": age is (date − DOB) ÷ 365.24 days; an episode is split at
 *   the calendar birthday where it crosses a band, so ageing is an observed transition;
 * - cleaning: children without a date of birth dropped; of episodes ending on the same day, the
 *   earliest-starting kept; overlapping episodes truncated; contiguous episodes whose reason for
 *   new episode is L, T or U (no new placement in its eyes) merged into the one before;
 * - stock on a day = episodes with DECOM ≤ day < DEC (or open);
 * - daily transition rate = mean, over reference-window days whose previous-day stock is positive,
 *   of (transitions that day ÷ previous day's stock); exits go to "not in care";
 * - daily entry rate = entrants (episodes starting from not in care) ÷ (window days + 1);
 * - projection x(t+1) = M·x(t) + λ, daily, from the stock on the projection start day; nobody
 *   ages out at 18 and entries are held constant;
 * - its variance: v(t+1) = v(t) + (M∘(1−M))·x(t) + λ (reported as `sd`).
 *
 * The parts: categories, bands and the model's shape (./model.ts); the fit (./fit.ts); the daily
 * recursion (./run.ts). The return year both modes use is ../returnYear.ts. This file only
 * re-exports them.
 */
export { fitSfRegional } from './fit.js';
export {
  SF_REGIONAL_BANDS,
  SF_REGIONAL_CATEGORIES,
  sfRegionalBand,
  sfRegionalCategory,
  type SfRegionalFitInput,
  type SfRegionalModel,
} from './model.js';
export { runSfRegional } from './run.js';
