/**
 * Assembling projection inputs from a plan: each member LA's children in secure and children's
 * homes by year, its population aged 0 to 17 (estimates, ONS projections where the plan has them,
 * otherwise carried forward by the recent trend — stated as an assumption) and its long-term places
 * at the latest supply snapshot. Pure: the same plan gives the same inputs.
 */
import type { Observation } from '../model/dataset.js';
import type { PlanData } from '../model/summarise.js';
import { MAX_HORIZON_YEARS, planAssumptionKeys } from './settings.js';
import { olsLine } from './stats.js';
import type {
  AreaInputs,
  AreaSupply,
  ForecastAssumption,
  ForecastSettings,
  PopulationPoint,
  ProjectionInputs,
  YearValue,
} from './types.js';

export const DEFAULT_POPULATION_TREND_YEARS = 5;
/** England, 31 March 2023: 407 of 2,814 active children's homes were LA-run (Ofsted). Used only without a sector breakdown. */
export const DEFAULT_LA_RUN_SHARE = 0.14;

/** One LA's raw series, before population is aligned and extended. */
export interface AreaSeries {
  code: string;
  name: string;
  /** Children in secure and children's homes on 31 March, by year ending 31 March ("2025"). */
  demand: Record<string, number | null>;
  /** ONS mid-year estimates of children aged 0 to 17, by calendar year of the estimate ("2024" = mid-2024). */
  populationEstimates: Record<string, number>;
  /** ONS projections of the same, by calendar year. */
  populationProjections?: Record<string, number>;
  /** Long-term registered places; when undefined the LA has no supply figures. */
  registeredPlaces?: number;
  /** LA-run places among them; when undefined, the assumed LA-run share is applied. */
  laRunPlaces?: number;
  shortBreakOnlyPlaces?: number;
  supplyPeriod?: string;
}

export interface SeriesInputs {
  consortiumName: string;
  areas: AreaSeries[];
  /** Years of estimates the population trend is fitted over (default 5: six estimates). */
  populationTrendYears?: number;
  /** LA-run share of places applied where supply has no sector breakdown. */
  laRunShareWhenUnknown?: number;
  planSettings?: Partial<ForecastSettings>;
  warnings?: string[];
}

const yearNumber = (year: string): number => Number(year.slice(0, 4));
const sortedYears = (record: Record<string, unknown>): string[] =>
  Object.keys(record)
    .filter((y) => /^\d{4}$/.test(y))
    .sort();

interface PopulationTrend {
  from: number;
  to: number;
  growth: number;
}

/**
 * Population for each demand year from the first observed to ten years past the base year. Where
 * neither an estimate nor a projection exists for a mid-year after the last one known, the last
 * known value is carried forward at the log-linear growth rate fitted over the last `trendYears`
 * years of known values (estimates and projections together).
 */
function alignPopulation(
  series: AreaSeries,
  firstYear: number,
  lastYear: number,
  trendYears: number,
): { points: PopulationPoint[]; trend: PopulationTrend | null } {
  const known = new Map<number, { value: number; basis: 'estimate' | 'projection' }>();
  for (const [y, v] of Object.entries(series.populationProjections ?? {})) {
    if (Number.isFinite(v) && v > 0) known.set(Number(y), { value: v, basis: 'projection' });
  }
  for (const [y, v] of Object.entries(series.populationEstimates)) {
    if (Number.isFinite(v) && v > 0) known.set(Number(y), { value: v, basis: 'estimate' });
  }
  const knownYears = [...known.keys()].sort((a, b) => a - b);
  const lastKnown = knownYears[knownYears.length - 1];
  let trend: PopulationTrend | null = null;
  if (lastKnown !== undefined && knownYears.length >= 2) {
    const window = knownYears.filter((y) => y >= lastKnown - trendYears);
    const fit = olsLine(
      window,
      window.map((y) => Math.log(known.get(y)?.value ?? 1)),
    );
    trend = { from: window[0] ?? lastKnown, to: lastKnown, growth: fit.slope };
  }
  const points: PopulationPoint[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const mid = year - 1;
    const k = known.get(mid);
    if (k) {
      points.push({ year: String(year), midYear: String(mid), value: k.value, basis: k.basis });
    } else if (lastKnown !== undefined && mid < lastKnown && mid > (knownYears[0] ?? Infinity)) {
      // A gap between known years (e.g. estimates to 2024, a projection from 2026): geometric interpolation.
      const before = knownYears.filter((y) => y < mid).at(-1) ?? mid;
      const after = knownYears.find((y) => y > mid) ?? mid;
      const a = known.get(before)?.value ?? 0;
      const b = known.get(after)?.value ?? 0;
      const value = a * Math.pow(b / a, (mid - before) / (after - before));
      points.push({ year: String(year), midYear: String(mid), value, basis: 'interpolated' });
    } else if (lastKnown !== undefined && mid > lastKnown) {
      const base = known.get(lastKnown)?.value ?? 0;
      const value = base * Math.exp((trend?.growth ?? 0) * (mid - lastKnown));
      points.push({ year: String(year), midYear: String(mid), value, basis: 'trend' });
    }
  }
  return { points, trend };
}

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
  const trendYears = input.populationTrendYears ?? DEFAULT_POPULATION_TREND_YEARS;
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

  const trends: { name: string; trend: PopulationTrend }[] = [];
  let projectionUsed = false;
  let assumedLaRun = 0;
  const areas: AreaInputs[] = input.areas.map((series) => {
    const demand: YearValue[] = sortedYears(series.demand).flatMap((year) => {
      const value = series.demand[year];
      return value === null || value === undefined || !Number.isFinite(value) ? [] : [{ year, value }];
    });
    if (demand.length === 0) warnings.push(`${series.name} has no figures for children in children’s homes.`);
    const { points, trend } = alignPopulation(series, firstYear, lastYear, trendYears);
    if (points.some((p) => p.basis === 'projection')) projectionUsed = true;
    if (trend && points.some((p) => p.basis === 'trend')) trends.push({ name: series.name, trend });
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
  if (trends.length) {
    const ranges = [...new Set(trends.map((t) => `${t.trend.from}–${t.trend.to}`))];
    const range = ranges.length === 1 ? ranges[0] : null;
    const mean = trends.reduce((s, t) => s + t.trend.growth, 0) / trends.length;
    const basis = range
      ? `the log-linear growth rate of its ${range} figures`
      : `the log-linear growth rate of its last ${trendYears} years of figures (${trends.map((t) => `${t.name} ${t.trend.from}–${t.trend.to}`).join(', ')})`;
    assumptions.push({
      key: 'populationCarriedForward',
      label: `Population aged 0 to 17 carried forward by ${range ? `its ${range} trend` : `the trend of its last ${trendYears} years of figures`}`,
      value: Math.round((Math.exp(mean) - 1) * 10000) / 100,
      unit: '% a year (mean over members)',
      rationale: `${projectionUsed ? 'Beyond the ONS projection in the plan,' : 'The plan has no ONS population projection, so'} each member’s children aged 0 to 17 are carried forward from the last figure at ${basis}. Import ONS sub-national population projections to replace this.`,
      source: null,
    });
  }
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

export interface InputsFromPlanOptions {
  populationTrendYears?: number;
  laRunShareWhenUnknown?: number;
  /** ONS projections by LA code and calendar year, where they are not stored as observations. */
  populationProjections?: Record<string, Record<string, number>>;
}

const isProjectionSource = (text: string): boolean => /projection|snpp/i.test(text);

/** Reads the plan's member LAs into projection inputs. */
export function projectionInputsFromPlan(data: PlanData, options: InputsFromPlanOptions = {}): ProjectionInputs {
  const members = data.areas
    .filter((a) => a.isMember && a.level === 'Local authority')
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  if (members.length === 0) throw new Error('The consortium has no member authorities: choose them first.');
  const memberCodes = new Set(members.map((m) => m.code));
  const projectionSources = new Set(
    data.sources.filter((s) => isProjectionSource(`${s.id} ${s.title} ${s.table}`)).map((s) => s.id),
  );
  const warnings: string[] = [];
  const byArea = new Map<string, Observation[]>();
  for (const o of data.observations) {
    if (!memberCodes.has(o.area)) continue;
    if (
      o.measure !== 'childrenInChildrensHomes' &&
      o.measure !== 'population0to17' &&
      o.measure !== 'registeredPlaces'
    ) {
      continue;
    }
    const list = byArea.get(o.area) ?? [];
    list.push(o);
    byArea.set(o.area, list);
  }

  // One supply snapshot for everyone: the latest among members' long-term homes.
  const homeRows = data.supply.filter((r) => memberCodes.has(r.area));
  const snapshot = homeRows.reduce<string | null>((p, r) => (p === null || r.period > p ? r.period : p), null);

  const areas: AreaSeries[] = members.map((area) => {
    const obs = byArea.get(area.code) ?? [];
    const demand: Record<string, number | null> = {};
    const populationEstimates: Record<string, number> = {};
    const populationProjections: Record<string, number> = { ...(options.populationProjections?.[area.code] ?? {}) };
    let placesObservation: Observation | undefined;
    for (const o of obs) {
      if (o.measure === 'childrenInChildrensHomes' && /^\d{4}$/.test(o.period)) {
        demand[o.period] = o.value;
        if (o.value === null) {
          warnings.push(
            `${area.name} ${o.period}: children in children’s homes suppressed (${o.suppression ?? 'missing'}); left out of the fit.`,
          );
        }
      } else if (o.measure === 'population0to17' && /^\d{4}$/.test(o.period) && o.value !== null) {
        if (projectionSources.has(o.source)) populationProjections[o.period] = o.value;
        else populationEstimates[o.period] = o.value;
      } else if (o.measure === 'registeredPlaces' && o.value !== null) {
        if (!placesObservation || o.period > placesObservation.period) placesObservation = o;
      }
    }
    const series: AreaSeries = { code: area.code, name: area.name, demand, populationEstimates, populationProjections };
    const rows = homeRows.filter((r) => r.area === area.code && r.period === snapshot);
    if (snapshot !== null && rows.length) {
      const longTerm = rows.filter((r) => r.homeType === 'childrensHome');
      series.registeredPlaces = longTerm.reduce((s, r) => s + r.registeredPlaces, 0);
      series.laRunPlaces = longTerm
        .filter((r) => r.sector === 'Local Authority')
        .reduce((s, r) => s + r.registeredPlaces, 0);
      series.shortBreakOnlyPlaces = rows
        .filter((r) => r.homeType === 'shortBreakOnly')
        .reduce((s, r) => s + r.registeredPlaces, 0);
      series.supplyPeriod = snapshot;
    } else if (placesObservation && placesObservation.value !== null) {
      // The stored measure already excludes short-break-only and secure homes.
      series.registeredPlaces = placesObservation.value;
      series.supplyPeriod = placesObservation.period;
    }
    return series;
  });

  const planSettings: Partial<ForecastSettings> = {};
  const setting = (key: string): number | undefined => data.assumptions.find((a) => a.key === key)?.value;
  const occupancy = setting(planAssumptionKeys.targetOccupancy);
  if (occupancy !== undefined) planSettings.targetOccupancy = occupancy;
  const access = setting(planAssumptionKeys.openMarketAccessShare);
  if (access !== undefined) planSettings.openMarketAccessShare = access;
  const consortiumAccess = setting(planAssumptionKeys.consortiumOpenMarketAccessShare);
  if (consortiumAccess !== undefined) planSettings.consortiumOpenMarketAccessShare = consortiumAccess;
  const damping = setting(planAssumptionKeys.trendDamping);
  if (damping !== undefined) planSettings.trendDamping = damping;
  const solo = setting(planAssumptionKeys.soloComplexShare);
  if (solo !== undefined) planSettings.needTypeShares = { mainstream: 1 - solo, soloComplex: solo };

  return buildProjectionInputs({
    consortiumName: data.consortiumName,
    areas,
    ...(options.populationTrendYears !== undefined ? { populationTrendYears: options.populationTrendYears } : {}),
    ...(options.laRunShareWhenUnknown !== undefined ? { laRunShareWhenUnknown: options.laRunShareWhenUnknown } : {}),
    planSettings,
    warnings,
  });
}
