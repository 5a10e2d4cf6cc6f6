/**
 * Projection inputs from plain series (./series.ts): each member's demand by year, its population
 * aligned to the demand years (./population.ts), its long-term places, and the assumptions stated.
 */
import { MAX_HORIZON_YEARS } from '../settings.js';
import type { AreaInputs, AreaSupply, ForecastAssumption, ProjectionInputs, YearValue } from '../types.js';
import { alignPopulation, checkPopulationGrowth, populationAssumptions, type CarriedForward } from './population.js';
import { DEFAULT_LA_RUN_SHARE, type AreaSeries, type SeriesInputs } from './series.js';

const yearNumber = (year: string): number => Number(year.slice(0, 4));
const sortedYears = (record: Record<string, unknown>): string[] =>
  Object.keys(record)
    .filter((y) => /^\d{4}$/.test(y))
    .sort();

function supplyFor(series: AreaSeries, laRunShare: number): AreaSupply {
  if (series.registeredPlaces === undefined) {
    return { period: null, registeredPlaces: 0, laRunPlaces: 0, shortBreakOnlyPlaces: 0, basis: 'none' };
  }
  const known = series.laRunPlaces !== undefined;
  return {
    period: series.supplyPeriod ?? null,
    registeredPlaces: series.registeredPlaces,
    laRunPlaces: known ? (series.laRunPlaces ?? 0) : Math.round(series.registeredPlaces * laRunShare),
    shortBreakOnlyPlaces: series.shortBreakOnlyPlaces ?? 0,
    basis: known ? 'supply rows' : 'assumed LA-run share',
  };
}

/** Builds inputs from plain series (used by projectionInputsFromPlan, tests and benchmarks). */
export function buildProjectionInputs(input: SeriesInputs): ProjectionInputs {
  const growth = input.populationGrowthWithoutProjection ?? 0;
  checkPopulationGrowth(growth);
  const laRunShare = input.laRunShareWhenUnknown ?? DEFAULT_LA_RUN_SHARE;
  const warnings = [...(input.warnings ?? [])];
  const demandYears = input.areas.flatMap((a) =>
    sortedYears(a.demand).filter((y) => a.demand[y] !== null && a.demand[y] !== undefined),
  );
  if (demandYears.length === 0) {
    throw new Error(
      'No member authority has figures for children in secure and children’s homes: import the DfE “CLA on 31 March by characteristics” file first.',
    );
  }
  const firstYear = Math.min(...demandYears.map(yearNumber));
  const baseYear = Math.max(...demandYears.map(yearNumber));
  const lastYear = baseYear + MAX_HORIZON_YEARS;

  const populationUse: { name: string; projectionTo: number | null; carried: CarriedForward | null }[] = [];
  let assumedLaRun = 0;
  const areas: AreaInputs[] = input.areas.map((series) => {
    const demand: YearValue[] = sortedYears(series.demand).flatMap((year) => {
      const value = series.demand[year];
      return value === null || value === undefined || !Number.isFinite(value) ? [] : [{ year, value }];
    });
    if (demand.length === 0) warnings.push(`${series.name} has no figures for children in children’s homes.`);
    const { points, carried } = alignPopulation(series, firstYear, lastYear, growth);
    const projected = points.filter((p) => p.basis === 'projection').map((p) => Number(p.midYear));
    populationUse.push({
      name: series.name,
      projectionTo: projected.length ? Math.max(...projected) : null,
      carried,
    });
    if (points.length === 0) warnings.push(`${series.name} has no population figures aged 0 to 17.`);
    const supply = supplyFor(series, laRunShare);
    if (supply.basis === 'none') warnings.push(`${series.name} has no children’s home places in the plan.`);
    if (supply.basis === 'assumed LA-run share') assumedLaRun++;
    return { code: series.code, name: series.name, demand, population: points, supply };
  });

  const assumptions: ForecastAssumption[] = [
    {
      key: 'populationLag',
      label: 'Population year used for each year’s rate',
      value: 1,
      unit: 'years before',
      rationale:
        'As in DfE’s rates per 10,000: children on 31 March of a year are divided by the ONS mid-year estimate of the calendar year before (31 March 2022 uses mid-2021).',
      source: null,
    },
  ];
  assumptions.push(...populationAssumptions(populationUse, growth));
  if (assumedLaRun) {
    assumptions.push({
      key: 'laRunShareWhenUnknown',
      label: 'LA-run share of places where supply has no sector breakdown',
      value: laRunShare,
      unit: 'share of places',
      rationale: `Applied to ${assumedLaRun} member LA${assumedLaRun === 1 ? '' : 's'} whose places have no sector breakdown. England, 31 March 2023: 407 of 2,814 active children’s homes were LA-run (Ofsted provider-level data). Import Ofsted provider-level data to replace this.`,
      source: null,
    });
  }
  return {
    consortiumName: input.consortiumName,
    areas,
    baseYear: String(baseYear),
    assumptions,
    warnings,
    planSettings: input.planSettings ?? {},
  };
}
