/**
 * The rate method's model (./index.ts): what is fitted for each LA and for the consortium, and the
 * common year effects shared by every member.
 *
 * **Model.** For LA i in year t, the number of children Y_it is negative binomial with mean
 *   μ_it = (N_it ÷ 10,000) × exp(a_i + b_i (t − t̄_i)),
 * where N_it is the population aged 0 to 17, exp(a_i) the rate per 10,000 at the LA's (weighted) mean
 * year t̄_i and b_i its trend (log-rate per year, so 0.05 ≈ +5% a year), and variance μ + κ²μ²: Poisson
 * variation plus extra year-to-year variation κ (shared by all members; κ = 0.1 is ±10%).
 */
import type { AreaInputs } from '../types.js';

/** Extra year-to-year variance assumed when no LA has three or more years to estimate it from (κ = 0.1). */
export const FALLBACK_DISPERSION = 0.01;
/** Stands in for population (per 10,000) when an LA has none: the model becomes one for counts. */
export const PSEUDO_EXPOSURE = 1;

/** One LA's observations prepared for the fit. */
export interface LaData {
  area: AreaInputs;
  years: Float64Array;
  counts: Float64Array;
  /** Population ÷ 10,000. */
  exposure: Float64Array;
  lastYear: number;
  /** True when the LA had no population and is modelled on counts. */
  countsOnly: boolean;
}

/** One LA's fitted model. */
export interface LaFit {
  code: string;
  name: string;
  years: number;
  lastYear: number;
  /** Weighted mean year the level is measured at. */
  centre: number;
  /** Log rate per 10,000 at `centre`. */
  level: number;
  levelVar: number;
  /** Own trend (log-rate per year) and its sampling variance; 0 and Infinity with fewer than two years. */
  ownTrend: number;
  ownTrendVar: number;
  /** B_i: weight kept on the own trend (0 = fully pooled). */
  ownWeight: number;
  pooledTrend: number;
  pooledTrendVar: number;
  /** Fitted means and observation years (for re-weighting when κ² is redrawn). */
  mu: Float64Array;
  x: Float64Array;
  countsOnly: boolean;
}

export interface RateFit {
  areas: LaFit[];
  /** κ²: extra year-to-year variance on the log scale. */
  dispersion: number;
  /** Residual degrees of freedom behind κ² (0: the fallback was used). */
  dispersionDf: number;
  /** Squared raw residuals and fitted means of every observation, for redrawing κ². */
  residual2: Float64Array;
  fitted: Float64Array;
  /** τ²: variance of true trends between LAs. */
  betweenTrendVar: number;
  consortiumTrend: number;
  consortiumTrendVar: number;
  common: CommonShocks;
  warnings: string[];
}

/**
 * Year effects shared by all members (a change in national policy or in the market moves every LA
 * the same way). They are invisible in any one LA's residuals but show in the consortium total's:
 * e_t = Σ_i (y_it − μ_it) ÷ Σ_i μ_it. With independent LAs, e_t would have variance v_t =
 * Σ_i Var(y_it) ÷ (Σ_i μ_it)²; what is left over estimates σ², the variance of common year effects.
 * Because five years say little about σ², it is combined with a weak prior (see
 * COMMON_SHOCK_PRIOR_SD), and each simulation draws it from a scaled inverse-χ² distribution
 * around the estimate on (years − 2 + prior weight) degrees of freedom. Common effects also moved
 * every LA's fitted line alike, so the level and trend get a shared error too.
 */
export interface CommonShocks {
  /** Point estimate of σ² (log scale). */
  variance: number;
  /** Σ_t e_t² over the years where every member has a figure. */
  sumSquares: number;
  /** Mean v_t: what independent LA variation alone would give per year. */
  independent: number;
  /** Residual degrees of freedom (years − 2), excluding the prior's. */
  df: number;
  years: number;
  /** Σ (t − t̄)² over those years, for the shared trend error σ² ÷ Sxx. */
  sxx: number;
}

/**
 * Weak prior on common year effects: ±5% a year, worth two years of data. Without it a backtest fit
 * on three years would rest σ² on one degree of freedom; with it, the data dominate as years accrue.
 */
export const COMMON_SHOCK_PRIOR_SD = 0.05;
export const COMMON_SHOCK_PRIOR_WEIGHT = 2;

/**
 * σ² = max(0, (prior + Σ e_t²) ÷ c − mean v_t): the excess of the consortium total's residual
 * variance over what independent LAs explain, with c = prior weight + degrees of freedom.
 */
export function commonShockVariance(common: CommonShocks, c: number): number {
  if (common.years === 0) return 0;
  const prior = COMMON_SHOCK_PRIOR_WEIGHT * (COMMON_SHOCK_PRIOR_SD ** 2 + common.independent);
  return Math.max(0, (prior + common.sumSquares) / c - common.independent);
}

export interface Prepared {
  fit: RateFit;
  years: string[];
  /** Per LA × year: population ÷ 10,000 and the damped trend position relative to the LA's centre. */
  exposure: Float64Array;
  position: Float64Array;
  population: Float64Array;
}
