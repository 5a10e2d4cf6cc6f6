/**
 * The rate-based method: children in secure and children's homes per 10,000 children aged 0 to 17,
 * with a trend, applied to the projected population.
 *
 * **Model.** For LA i in year t, the number of children Y_it is negative binomial with mean
 *   μ_it = (N_it ÷ 10,000) × exp(a_i + b_i (t − t̄_i)),
 * where N_it is the population aged 0 to 17, exp(a_i) the rate per 10,000 at the LA's (weighted) mean
 * year t̄_i and b_i its trend (log-rate per year, so 0.05 ≈ +5% a year), and variance μ + κ²μ²: Poisson
 * variation plus extra year-to-year variation κ (shared by all members; κ = 0.1 is ±10%).
 *
 * **Fit.** Each LA's a_i and b_i are fitted by iteratively reweighted least squares (the negative
 * binomial GLM with log population as offset), so a constant rate times a known population is
 * recovered exactly. κ² is estimated from all members' Pearson residuals together (solving
 * Σ (y − μ)² ÷ (μ + κ²μ²) = residual degrees of freedom), which a 5-year series alone could not do.
 *
 * **Partial pooling of the trend.** A trend from five noisy years is itself noisy, and more so for a
 * small LA (its counts carry more Poisson noise relative to their size). Each LA's trend b̂_i, with
 * sampling variance s_i², is treated as a draw from a consortium distribution N(β, τ²): τ² is the
 * between-LA variance of true trends (DerSimonian–Laird moment estimate), β its precision-weighted
 * mean (the consortium trend). The trend used is the empirical-Bayes blend
 *   b̃_i = B_i b̂_i + (1 − B_i) β,  B_i = τ² ÷ (τ² + s_i²),
 * so an LA whose own trend is poorly determined (large s_i²: few children, few years) is pulled
 * further towards the consortium. Its uncertainty is B_i s_i² + (1 − B_i)² Var(β).
 *
 * **Projection.** From the last observed year the trend is damped: year k ahead adds φᵏ of the trend
 * (φ = trendDamping; 1 = straight log-linear extrapolation).
 *
 * **Common year effects.** Year effects shared by every member (see {@link CommonShocks}) are
 * estimated from the consortium total's residuals, and add both a shared error to every LA's fitted
 * level and trend and a shared effect in each future year.
 *
 * **Uncertainty.** Each simulation draws, jointly for all LAs: κ² from its sampling distribution
 * (the residual sum above set equal to a χ² draw — so few residual degrees of freedom give wider
 * bands); the common-effect variance σ² and the shared errors it implies; the consortium trend β
 * (shared, which also correlates the LAs); each LA's level and pooled trend from their estimated
 * sampling distributions (parameter uncertainty); and then each year's count from the negative
 * binomial (process noise: a gamma-distributed LA year effect and Poisson variation) with that
 * year's common effect. τ² is held at its estimate. Population projections are taken as given.
 * On synthetic data from this process, P10–P90 holds about 80% of outcomes
 * (test/unit/forecast-coverage.test.ts).
 */
import type { AnalyticDemand, AreaDemand, DemandProjection } from './demand.js';
import { trendDampingAssumption } from './settings.js';
import { Rng } from '../random/lcg.js';
import { t90, Z90 } from './stats.js';
import type { AreaInputs, ForecastSettings, ProjectionInputs, RateModelSummary } from './types.js';

/** Extra year-to-year variance assumed when no LA has three or more years to estimate it from (κ = 0.1). */
export const FALLBACK_DISPERSION = 0.01;
/** Stands in for population (per 10,000) when an LA has none: the model becomes one for counts. */
const PSEUDO_EXPOSURE = 1;

/** One LA's observations prepared for the fit. */
interface LaData {
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

function estimateCommonShocks(
  fits: readonly Omit<LaFit, 'ownWeight' | 'pooledTrend' | 'pooledTrendVar'>[],
  data: readonly LaData[],
  dispersion: number,
): CommonShocks {
  const none: CommonShocks = { variance: 0, sumSquares: 0, independent: 0, df: 0, years: 0, sxx: 0 };
  if (fits.length < 2) return none;
  const byYear = new Map<number, { res: number; mu: number; v: number; n: number }>();
  fits.forEach((f, i) => {
    const d = data[i];
    if (!d) return;
    for (let j = 0; j < f.mu.length; j++) {
      const year = d.years[j] ?? 0;
      const m = f.mu[j] ?? 0;
      const e = byYear.get(year) ?? { res: 0, mu: 0, v: 0, n: 0 };
      e.res += (d.counts[j] ?? 0) - m;
      e.mu += m;
      e.v += m + dispersion * m * m;
      e.n++;
      byYear.set(year, e);
    }
  });
  const complete = [...byYear].filter(([, e]) => e.n === fits.length && e.mu > 0);
  if (complete.length < 2) return none;
  let sumSquares = 0;
  let independent = 0;
  let tbar = 0;
  for (const [year, e] of complete) {
    sumSquares += (e.res / e.mu) ** 2;
    independent += e.v / (e.mu * e.mu);
    tbar += year / complete.length;
  }
  let sxx = 0;
  for (const [year] of complete) sxx += (year - tbar) ** 2;
  const common: CommonShocks = {
    variance: 0,
    sumSquares,
    independent: independent / complete.length,
    df: Math.max(0, complete.length - 2),
    years: complete.length,
    sxx,
  };
  common.variance = commonShockVariance(common, COMMON_SHOCK_PRIOR_WEIGHT + common.df);
  return common;
}

function prepare(area: AreaInputs, upToYear: number, warnings: string[]): LaData | null {
  const pop = new Map(area.population.map((p) => [p.year, p.value]));
  const countsOnly = area.population.length === 0;
  if (countsOnly)
    warnings.push(`${area.name}: no population aged 0 to 17, so its numbers are projected without a rate.`);
  const rows = area.demand.filter((d) => Number(d.year) <= upToYear && (countsOnly || pop.has(d.year)));
  const dropped = area.demand.filter((d) => Number(d.year) <= upToYear).length - rows.length;
  if (dropped > 0) warnings.push(`${area.name}: ${dropped} year(s) without population left out of the fit.`);
  if (rows.length === 0) return null;
  return {
    area,
    years: Float64Array.from(rows, (r) => Number(r.year)),
    counts: Float64Array.from(rows, (r) => Math.max(0, r.value)),
    exposure: Float64Array.from(rows, (r) => (countsOnly ? PSEUDO_EXPOSURE : (pop.get(r.year) ?? 0) / 10_000)),
    lastYear: Number(rows[rows.length - 1]?.year),
    countsOnly,
  };
}

/**
 * Negative binomial GLM with log link and offset, by iteratively reweighted least squares. Returns
 * the level at the weighted mean year (so level and trend are uncorrelated) and both variances.
 */
function fitOne(d: LaData, dispersion: number): Omit<LaFit, 'ownWeight' | 'pooledTrend' | 'pooledTrendVar'> {
  const n = d.years.length;
  let sumY = 0;
  let sumE = 0;
  let c = 0;
  for (let j = 0; j < n; j++) {
    sumY += d.counts[j] ?? 0;
    sumE += d.exposure[j] ?? 0;
    c += (d.years[j] ?? 0) / n;
  }
  // An LA with no children at all in the window gets a floor of half a child, not log(0).
  let a = Math.log(Math.max(sumY, 0.5) / sumE);
  let b = 0;
  const mu = new Float64Array(n);
  const w = new Float64Array(n);
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = (d.years[j] ?? 0) - c;
  const fitTrend = n >= 2 && sumY > 0;
  const zs = new Float64Array(n);
  for (let iter = 0; iter < 50 && sumY > 0; iter++) {
    let sw = 0;
    let swx = 0;
    let swz = 0;
    for (let j = 0; j < n; j++) {
      const eta = a + b * (x[j] ?? 0);
      const m = (d.exposure[j] ?? 0) * Math.exp(eta);
      const wj = m / (1 + dispersion * m);
      const z = eta + ((d.counts[j] ?? 0) - m) / m;
      zs[j] = z;
      sw += wj;
      swx += wj * (x[j] ?? 0);
      swz += wj * z;
      w[j] = wj;
    }
    const xw = swx / sw;
    const zw = swz / sw;
    let sxx = 0;
    let sxz = 0;
    for (let j = 0; j < n; j++) {
      const dx = (x[j] ?? 0) - xw;
      sxx += (w[j] ?? 0) * dx * dx;
      sxz += (w[j] ?? 0) * dx * ((zs[j] ?? 0) - zw);
    }
    const nb = fitTrend && sxx > 0 ? sxz / sxx : 0;
    const na = zw - nb * xw;
    const done = Math.abs(na - a) < 1e-12 && Math.abs(nb - b) < 1e-12;
    a = na;
    b = nb;
    if (done) break;
  }
  let sw = 0;
  let swx = 0;
  for (let j = 0; j < n; j++) {
    const m = (d.exposure[j] ?? 0) * Math.exp(a + b * (x[j] ?? 0));
    mu[j] = m;
    w[j] = m / (1 + dispersion * m);
    sw += w[j] ?? 0;
    swx += (w[j] ?? 0) * (x[j] ?? 0);
  }
  const xw = swx / sw;
  let sxx = 0;
  for (let j = 0; j < n; j++) sxx += (w[j] ?? 0) * ((x[j] ?? 0) - xw) ** 2;
  for (let j = 0; j < n; j++) x[j] = (x[j] ?? 0) - xw; // re-centre on the weighted mean year
  return {
    code: d.area.code,
    name: d.area.name,
    years: n,
    lastYear: d.lastYear,
    centre: c + xw,
    level: a + b * xw,
    levelVar: 1 / sw,
    ownTrend: b,
    ownTrendVar: fitTrend && sxx > 0 ? 1 / sxx : Infinity,
    mu,
    x,
    countsOnly: d.countsOnly,
  };
}

/**
 * κ² solving Σ r² ÷ (μ(1 + κ²μ)) = target (Newton's method from 0: the left side is convex and
 * decreasing in κ², so the iterates rise monotonically to the root). 0 when even κ² = 0 is enough.
 */
export function solveDispersion(residual2: Float64Array, fitted: Float64Array, target: number): number {
  let k = 0;
  for (let iter = 0; iter < 100; iter++) {
    let g = -target;
    let dg = 0;
    for (let j = 0; j < residual2.length; j++) {
      const m = fitted[j] ?? 1;
      const r2 = residual2[j] ?? 0;
      const den = 1 + k * m;
      g += r2 / (m * den);
      dg -= r2 / (den * den);
    }
    if (g <= 0 || dg === 0) return k;
    const step = -g / dg;
    k += step;
    if (step < 1e-12 * Math.max(k, 1e-6)) return k;
  }
  return k;
}

/** Fits every LA, the shared dispersion and the pooled trends, using data up to `upToYear`. */
export function fitRateModel(inputs: ProjectionInputs, upToYear = Number(inputs.baseYear)): RateFit {
  const warnings: string[] = [];
  const data = inputs.areas.flatMap((a) => {
    const d = prepare(a, upToYear, warnings);
    if (!d) warnings.push(`${a.name} has no figures to ${upToYear} and is left out of the projection.`);
    return d ? [d] : [];
  });
  if (data.length === 0)
    throw new Error(`No member authority has figures for children in children’s homes to ${upToYear}.`);
  const df = data.reduce((s, d) => s + Math.max(0, d.years.length - 2), 0);
  const total = data.reduce((s, d) => s + d.years.length, 0);
  const residual2 = new Float64Array(total);
  const fitted = new Float64Array(total);

  // Alternate between the LA fits and the shared dispersion until κ² settles.
  let dispersion = df > 0 ? 0 : FALLBACK_DISPERSION;
  let fits = data.map((d) => fitOne(d, dispersion));
  for (let round = 0; round < 20 && df > 0; round++) {
    let j = 0;
    fits.forEach((f, i) => {
      const counts = data[i]?.counts;
      for (let k = 0; k < f.mu.length; k++, j++) {
        const m = f.mu[k] ?? 0;
        fitted[j] = Math.max(m, 1e-9);
        residual2[j] = ((counts?.[k] ?? 0) - m) ** 2;
      }
    });
    const next = solveDispersion(residual2, fitted, df);
    const settled = Math.abs(next - dispersion) < 1e-10;
    dispersion = next;
    fits = data.map((d) => fitOne(d, dispersion));
    if (settled) break;
  }
  if (df === 0) {
    warnings.push(
      `Too few years to estimate year-to-year variation (three or more are needed in at least one LA): ±${Math.round(Math.sqrt(FALLBACK_DISPERSION) * 100)}% assumed.`,
    );
  }

  // Partial pooling of trends (DerSimonian–Laird).
  const withTrend = fits.filter((f) => Number.isFinite(f.ownTrendVar));
  let tau2 = 0;
  let beta = 0;
  let betaVar = Infinity;
  if (withTrend.length === 1) {
    const only = withTrend[0];
    tau2 = Infinity;
    beta = only?.ownTrend ?? 0;
    betaVar = only?.ownTrendVar ?? Infinity;
  } else if (withTrend.length >= 2) {
    let sw = 0;
    let sw2 = 0;
    let swb = 0;
    for (const f of withTrend) {
      const w = 1 / f.ownTrendVar;
      sw += w;
      sw2 += w * w;
      swb += w * f.ownTrend;
    }
    const fixed = swb / sw;
    let q = 0;
    for (const f of withTrend) q += (f.ownTrend - fixed) ** 2 / f.ownTrendVar;
    tau2 = Math.max(0, (q - (withTrend.length - 1)) / (sw - sw2 / sw));
    let sws = 0;
    let swsb = 0;
    for (const f of withTrend) {
      const w = 1 / (f.ownTrendVar + tau2);
      sws += w;
      swsb += w * f.ownTrend;
    }
    beta = swsb / sws;
    betaVar = 1 / sws;
  } else {
    warnings.push('No LA has two years of figures, so no trend can be fitted: rates are held level.');
    betaVar = 0;
  }
  const areas: LaFit[] = fits.map((f) => {
    const own = Number.isFinite(f.ownTrendVar) ? (tau2 === Infinity ? 1 : tau2 / (tau2 + f.ownTrendVar)) : 0;
    return {
      ...f,
      ownWeight: own,
      pooledTrend: own * f.ownTrend + (1 - own) * beta,
      pooledTrendVar: (own > 0 ? own * f.ownTrendVar : 0) + (1 - own) ** 2 * betaVar,
    };
  });
  return {
    areas,
    dispersion,
    dispersionDf: df,
    residual2,
    fitted,
    betweenTrendVar: tau2,
    consortiumTrend: beta,
    consortiumTrendVar: betaVar,
    common: estimateCommonShocks(fits, data, dispersion),
    warnings,
  };
}

/** Σ_{k=1..h} φᵏ: how many years of trend a damped projection adds h years ahead. */
export function dampedSteps(h: number, phi: number): number {
  if (phi === 1) return h;
  return (phi * (1 - Math.pow(phi, h))) / (1 - phi);
}

const growth = (logTrend: number): number => Math.exp(logTrend) - 1;

function modelSummary(f: LaFit, fit: RateFit): RateModelSummary {
  const lastX = f.lastYear - f.centre;
  return {
    kind: 'rate',
    years: f.years,
    ratePer10k: Math.exp(f.level + f.pooledTrend * lastX),
    ownTrend: Number.isFinite(f.ownTrendVar) ? growth(f.ownTrend) : growth(fit.consortiumTrend),
    consortiumTrend: growth(fit.consortiumTrend),
    pooledTrend: growth(f.pooledTrend),
    poolingWeight: 1 - f.ownWeight,
  };
}

/** Projection years as numbers: the `horizon` years after `baseYear`. */
export function projectionYears(baseYear: string, horizon: number): string[] {
  return Array.from({ length: horizon }, (_, i) => String(Number(baseYear) + i + 1));
}

/** Where a projection starts and which years it covers, when the caller chooses (a backtest does). */
export interface ProjectionWindowOptions {
  /** The last year the fit may see; the plan's base year by default. */
  upToYear?: number;
  /** The years to project; the horizon's years after `upToYear` by default. */
  years?: string[];
}

/** The last year a projection's fit sees and the years it projects. */
export function projectionWindow(
  inputs: Pick<ProjectionInputs, 'baseYear'>,
  settings: Pick<ForecastSettings, 'horizonYears'>,
  options: ProjectionWindowOptions,
): { upToYear: number; years: string[] } {
  const upToYear = options.upToYear ?? Number(inputs.baseYear);
  return { upToYear, years: options.years ?? projectionYears(String(upToYear), settings.horizonYears) };
}

interface Prepared {
  fit: RateFit;
  years: string[];
  /** Per LA × year: population ÷ 10,000 and the damped trend position relative to the LA's centre. */
  exposure: Float64Array;
  position: Float64Array;
  population: Float64Array;
}

function prepareProjection(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  upToYear: number,
  years: string[],
): Prepared {
  const fit = fitRateModel(inputs, upToYear);
  const H = years.length;
  const L = fit.areas.length;
  const exposure = new Float64Array(L * H);
  const position = new Float64Array(L * H);
  const population = new Float64Array(L * H);
  fit.areas.forEach((f, i) => {
    const area = inputs.areas.find((a) => a.code === f.code);
    const pop = new Map(area?.population.map((p) => [p.year, p.value]));
    const lastX = f.lastYear - f.centre;
    years.forEach((year, h) => {
      const p = pop.get(year);
      if (!f.countsOnly && p === undefined) {
        throw new Error(`${f.name}: no population aged 0 to 17 for ${year}, which the projection needs.`);
      }
      exposure[i * H + h] = f.countsOnly ? PSEUDO_EXPOSURE : (p ?? 0) / 10_000;
      population[i * H + h] = f.countsOnly ? NaN : (p ?? 0);
      position[i * H + h] = lastX + dampedSteps(Number(year) - f.lastYear, settings.trendDamping);
    });
  });
  return { fit, years, exposure, position, population };
}

/**
 * Runs the rate method. With `simulations` > 0, demand is simulated jointly for all LAs; with 0 the
 * central path (parameters at their estimates, no noise) is returned with an analytic lognormal
 * spread combining the same parameter and process variances.
 */
export function projectRate(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  options: ProjectionWindowOptions = {},
): DemandProjection {
  const { upToYear, years } = projectionWindow(inputs, settings, options);
  const prep = prepareProjection(inputs, settings, upToYear, years);
  const { fit } = prep;
  const H = years.length;
  const S = settings.simulations;
  const areas: AreaDemand[] = fit.areas.map((f, i) => {
    const source = inputs.areas.find((a) => a.code === f.code);
    return {
      code: f.code,
      name: f.name,
      history: (source?.demand ?? []).filter((d) => Number(d.year) <= upToYear),
      population: prep.population.slice(i * H, (i + 1) * H),
      model: modelSummary(f, fit),
    };
  });
  const result: DemandProjection = {
    method: 'rate',
    baseYear: String(upToYear),
    years,
    simulations: S,
    seed: settings.seed,
    areas,
    assumptions: [
      trendDampingAssumption(settings),
      {
        key: 'commonYearEffectPrior',
        label: 'Year effects shared by all members: prior size',
        value: COMMON_SHOCK_PRIOR_SD,
        unit: 'coefficient of variation',
        rationale: `A weak prior (worth ${COMMON_SHOCK_PRIOR_WEIGHT} years of data) on how much a year moves every member the same way; combined with the ${fit.common.years} years where every member has a figure, it gives ±${Math.round(Math.sqrt(fit.common.variance) * 1000) / 10}% a year.`,
        source: null,
      },
    ],
    warnings: fit.warnings,
  };
  if (fit.dispersionDf === 0) {
    result.assumptions.push({
      key: 'fallbackDispersion',
      label: 'Year-to-year variation beyond Poisson (assumed)',
      value: Math.sqrt(FALLBACK_DISPERSION),
      unit: 'coefficient of variation',
      rationale: 'Too few years of history to estimate it from the data.',
      source: null,
    });
  }
  if (S === 0) analytic(prep, result);
  else simulate(prep, settings, result);
  return result;
}

function analytic(prep: Prepared, result: DemandProjection): void {
  const { fit, exposure, position } = prep;
  const H = prep.years.length;
  const q = fit.dispersionDf > 0 ? t90(fit.dispersionDf) : Z90;
  const k2 = fit.dispersion;
  const { common } = fit;
  const sigma2 = common.variance;
  const commonLevel = common.years > 0 ? sigma2 / common.years : 0;
  const commonTrend = common.sxx > 0 ? sigma2 / common.sxx : 0;
  // Sums over LAs for the covariances between them (delta method on the log scale):
  // through the consortium trend (c_i = μ_i (1 − B_i) D_i) and through common effects (μ_i, e_i = μ_i D_i).
  const sums = Array.from({ length: 6 }, () => new Float64Array(H)); // Σμ, Σμ², Σc, Σc², Σe, Σe²
  const cVar = new Float64Array(H);
  fit.areas.forEach((f, i) => {
    const median = new Float64Array(H);
    const mean = new Float64Array(H);
    const logSd = new Float64Array(H);
    for (let h = 0; h < H; h++) {
      const D = position[i * H + h] ?? 0;
      const mu = (exposure[i * H + h] ?? 0) * Math.exp(f.level + f.pooledTrend * D);
      const parVar = f.levelVar + D * D * f.pooledTrendVar + commonLevel + D * D * commonTrend;
      const processVar = Math.log(1 + (mu > 0 ? 1 / mu : 0) + k2) + sigma2;
      median[h] = mu;
      mean[h] = mu * Math.exp(parVar / 2);
      logSd[h] = Math.sqrt(parVar + processVar);
      cVar[h] = (cVar[h] ?? 0) + mu * mu * (Math.exp(parVar + processVar) - 1);
      const c = mu * (1 - f.ownWeight) * D;
      const parts = [mu, mu * mu, c, c * c, mu * D, mu * mu * D * D];
      parts.forEach((x, k) => {
        const sum = sums[k];
        if (sum) sum[h] = (sum[h] ?? 0) + x;
      });
    }
    const area = result.areas[i];
    if (area) area.analytic = { median, mean, logSd, q };
  });
  const [sMu, sMu2, sC, sC2, sE, sE2] = sums;
  const consortium: AnalyticDemand = {
    median: sMu ?? new Float64Array(H),
    mean: new Float64Array(H),
    logSd: new Float64Array(H),
    q,
  };
  const trendVar = fit.areas.length > 1 && Number.isFinite(fit.consortiumTrendVar) ? fit.consortiumTrendVar : 0;
  for (let h = 0; h < H; h++) {
    const m = sMu?.[h] ?? 0;
    const cross = (a: Float64Array | undefined, b: Float64Array | undefined) => (a?.[h] ?? 0) ** 2 - (b?.[h] ?? 0);
    const variance =
      (cVar[h] ?? 0) +
      trendVar * cross(sC, sC2) +
      (commonLevel + sigma2) * cross(sMu, sMu2) +
      commonTrend * cross(sE, sE2);
    const logVar = m > 0 ? Math.log(1 + variance / (m * m)) : 0;
    consortium.logSd[h] = Math.sqrt(logVar);
    consortium.mean[h] = m * Math.exp(logVar / 2);
  }
  result.consortiumAnalytic = consortium;
}

function simulate(prep: Prepared, settings: ForecastSettings, result: DemandProjection): void {
  const { fit, exposure, position } = prep;
  const H = prep.years.length;
  const L = fit.areas.length;
  const S = settings.simulations;
  const rng = new Rng(settings.seed);
  const samples = fit.areas.map(() => new Float64Array(H * S));
  const tau2 = fit.betweenTrendVar;
  const slopeVar = new Float64Array(L);
  const levelVar = new Float64Array(L);
  const ownW = new Float64Array(L);
  const yearEffect = new Float64Array(H);
  for (let s = 0; s < S; s++) {
    // Parameter uncertainty in κ²: the residual sum set equal to a χ² draw.
    const k2 =
      fit.dispersionDf > 0
        ? solveDispersion(fit.residual2, fit.fitted, rng.chiSquare(fit.dispersionDf))
        : fit.dispersion;
    // Sampling variances of each LA's level and trend under this κ², and the pooling they imply.
    let sumW = 0;
    for (let i = 0; i < L; i++) {
      const f = fit.areas[i];
      if (!f) continue;
      let sw = 0;
      let sxx = 0;
      for (let j = 0; j < f.mu.length; j++) {
        const m = f.mu[j] ?? 0;
        const w = m / (1 + k2 * m);
        const x = f.x[j] ?? 0;
        sw += w;
        sxx += w * x * x;
      }
      levelVar[i] = sw > 0 ? 1 / sw : 0;
      const sv = Number.isFinite(f.ownTrendVar) && sxx > 0 ? 1 / sxx : Infinity;
      slopeVar[i] = sv;
      const b = Number.isFinite(sv) ? (tau2 === Infinity ? 1 : tau2 / (tau2 + sv)) : 0;
      ownW[i] = b;
      if (Number.isFinite(sv)) sumW += 1 / (sv + (tau2 === Infinity ? 0 : tau2));
    }
    // Common year effects: their variance, the shared error they left in every fitted line, and
    // each future year's shared effect.
    const { common } = fit;
    const commonDf = COMMON_SHOCK_PRIOR_WEIGHT + common.df;
    const sigma2 = common.years > 0 ? (common.variance * commonDf) / rng.chiSquare(commonDf) : 0;
    const sigma = Math.sqrt(sigma2);
    const commonLevel = common.years > 0 ? Math.sqrt(sigma2 / common.years) * rng.normal() : 0;
    const commonTrend = common.sxx > 0 ? Math.sqrt(sigma2 / common.sxx) * rng.normal() : 0;
    for (let h = 0; h < H; h++) yearEffect[h] = sigma > 0 ? sigma * rng.normal() : 0;
    const betaSd = Math.sqrt(
      sumW > 0 && tau2 !== Infinity ? 1 / sumW : Number.isFinite(fit.consortiumTrendVar) ? fit.consortiumTrendVar : 0,
    );
    const beta = fit.consortiumTrend + betaSd * rng.normal();
    for (let i = 0; i < L; i++) {
      const f = fit.areas[i];
      const out = samples[i];
      if (!f || !out) continue;
      const b = ownW[i] ?? 0;
      const sv = slopeVar[i] ?? 0;
      const trend = b * f.ownTrend + (1 - b) * beta + (b > 0 ? Math.sqrt(b * sv) * rng.normal() : 0) + commonTrend;
      const level = f.level + Math.sqrt(levelVar[i] ?? 0) * rng.normal() + commonLevel;
      for (let h = 0; h < H; h++) {
        const eta = level + trend * (position[i * H + h] ?? 0) + (yearEffect[h] ?? 0);
        const mean = (exposure[i * H + h] ?? 0) * Math.exp(eta);
        out[h * S + s] = rng.negativeBinomial(mean, k2);
      }
    }
  }
  result.areas.forEach((a, i) => {
    const s = samples[i];
    if (s) a.samples = s;
  });
}
