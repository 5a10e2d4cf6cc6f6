/**
 * Runs the rate method: the fit (./fit.ts) projected over the years asked for, with its
 * uncertainty simulated or analytic (./uncertainty.ts).
 *
 * **Projection.** From the last observed year the trend is damped: year k ahead adds φᵏ of the trend
 * (φ = trendDamping; 1 = straight log-linear extrapolation).
 */
import type { AreaDemand, DemandProjection } from '../demand.js';
import { trendDampingAssumption } from '../settings.js';
import type { ForecastSettings, ProjectionInputs, RateModelSummary } from '../types.js';
import { fitRateModel } from './fit.js';
import {
  COMMON_SHOCK_PRIOR_SD,
  COMMON_SHOCK_PRIOR_WEIGHT,
  FALLBACK_DISPERSION,
  PSEUDO_EXPOSURE,
  type LaFit,
  type Prepared,
  type RateFit,
} from './model.js';
import { analytic, simulate } from './uncertainty.js';

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
