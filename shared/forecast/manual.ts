/**
 * The manual method: the user sets each LA's annual growth, applied to its last observed number of
 * children: demand(t + h) = demand(t) × (1 + g)ʰ. The spread around that path is year-to-year
 * variation only (Poisson and the extra variation κ² estimated by the rate model's fit on the same
 * history): there is no uncertainty about a growth rate the user has chosen.
 */
import type { AreaDemand, DemandProjection } from './demand.js';
import { fitRateModel, FALLBACK_DISPERSION, projectionWindow, type ProjectionWindowOptions } from './rate/index.js';
import { Rng } from '../random/lcg.js';
import { Z90 } from './stats.js';
import type { ForecastSettings, ProjectionInputs } from './types.js';

export function projectManual(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  options: ProjectionWindowOptions = {},
): DemandProjection {
  const { upToYear, years } = projectionWindow(inputs, settings, options);
  const H = years.length;
  const S = settings.simulations;
  const warnings: string[] = [];
  let dispersion = FALLBACK_DISPERSION;
  try {
    dispersion = fitRateModel(inputs, upToYear).dispersion;
  } catch {
    warnings.push('Year-to-year variation could not be estimated from the history; ±10% assumed.');
  }
  const unset: string[] = [];
  const areas: AreaDemand[] = [];
  const paths: Float64Array[] = [];
  for (const area of inputs.areas) {
    const history = area.demand.filter((d) => Number(d.year) <= upToYear);
    const last = history[history.length - 1];
    if (!last) {
      warnings.push(`${area.name} has no figures to ${upToYear} and is left out of the projection.`);
      continue;
    }
    const g = settings.manualGrowth[area.code];
    if (g === undefined) unset.push(area.name);
    const growth = g ?? 0;
    const pop = new Map(area.population.map((p) => [p.year, p.value]));
    const path = Float64Array.from(years, (y) => last.value * Math.pow(1 + growth, Number(y) - Number(last.year)));
    paths.push(path);
    areas.push({
      code: area.code,
      name: area.name,
      history,
      population: Float64Array.from(years, (y) => pop.get(y) ?? NaN),
      model: { kind: 'manual', growth, jumpOffYear: last.year, jumpOffValue: last.value },
    });
  }
  if (unset.length) warnings.push(`No growth set for ${unset.join(', ')}: 0% a year assumed.`);

  if (S === 0) {
    areas.forEach((a, i) => {
      const median = paths[i] ?? new Float64Array(H);
      a.analytic = {
        median,
        mean: median,
        logSd: median.map((m) => Math.sqrt(Math.log(1 + (m > 0 ? 1 / m : 0) + dispersion))),
        q: Z90,
      };
    });
    const cMedian = new Float64Array(H);
    const cVar = new Float64Array(H);
    paths.forEach((p) =>
      p.forEach((m, h) => {
        cMedian[h] = (cMedian[h] ?? 0) + m;
        cVar[h] = (cVar[h] ?? 0) + m + dispersion * m * m;
      }),
    );
    return finish({
      logSd: cMedian.map((m, h) => (m > 0 ? Math.sqrt(Math.log(1 + (cVar[h] ?? 0) / (m * m))) : 0)),
      median: cMedian,
      mean: cMedian,
      q: Z90,
    });
  }
  const rng = new Rng(settings.seed);
  const samples = areas.map(() => new Float64Array(H * S));
  for (let s = 0; s < S; s++) {
    for (let i = 0; i < areas.length; i++) {
      const path = paths[i];
      const out = samples[i];
      if (!path || !out) continue;
      for (let h = 0; h < H; h++) out[h * S + s] = rng.negativeBinomial(path[h] ?? 0, dispersion);
    }
  }
  areas.forEach((a, i) => {
    const s = samples[i];
    if (s) a.samples = s;
  });
  return finish(undefined);

  function finish(consortiumAnalytic: DemandProjection['consortiumAnalytic']): DemandProjection {
    return {
      method: 'manual',
      baseYear: String(upToYear),
      years,
      simulations: S,
      seed: settings.seed,
      areas,
      ...(consortiumAnalytic ? { consortiumAnalytic } : {}),
      assumptions: areas.map((a) => ({
        key: `manualGrowth.${a.code}`,
        label: `Annual growth in children in children’s homes: ${a.name}`,
        value: Math.round((a.model?.kind === 'manual' ? a.model.growth : 0) * 10000) / 100,
        unit: '% a year',
        rationale: unset.includes(a.name)
          ? 'No growth was set for this LA, so its number is held level.'
          : 'Set by the user; applied to the last observed number of children.',
        source: null,
      })),
      warnings: [
        ...warnings,
        'Manual growth: the bands show year-to-year variation only, not uncertainty about the growth rates set.',
      ],
    };
  }
}
