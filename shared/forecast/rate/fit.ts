/**
 * Fits the rate method's model (./model.ts) on each LA's years up to an origin.
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
 * **Common year effects.** Year effects shared by every member (see {@link CommonShocks}) are
 * estimated from the consortium total's residuals, and add both a shared error to every LA's fitted
 * level and trend and a shared effect in each future year.
 */
import {
  COMMON_SHOCK_PRIOR_WEIGHT,
  commonShockVariance,
  FALLBACK_DISPERSION,
  PSEUDO_EXPOSURE,
  type CommonShocks,
  type LaData,
  type LaFit,
  type RateFit,
} from './model.js';
import type { AreaInputs, ProjectionInputs } from '../types.js';

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
