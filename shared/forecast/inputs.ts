/**
 * Assembling projection inputs from a plan: each member LA's children in secure and children's
 * homes by year, its population aged 0 to 17 and its long-term places at the latest supply
 * snapshot. Pure: the same plan gives the same inputs.
 *
 * Population: ONS mid-year estimates for the past; for the future, the ONS sub-national population
 * projection (SNPP, ages 0 to 17 summed from single years) where the plan holds one, rebased to the
 * latest mid-year estimate (the projection's growth from that year applied to the estimate, so a
 * projection made from an older base does not jump at the join). Without one,
 * or beyond its last year, the population is held at the last known figure, changed only by the
 * plan's own annual growth assumption (`populationGrowthWithoutProjection`, default 0, −5% to +5%
 * a year) — never by extrapolating a short recent trend — and the stated assumption says which.
 */
import type { Observation } from '../model/dataset.js';
import type { PlanData } from '../model/summarise.js';
import { accessEvidenceFromPlan } from './accessShares.js';
import { placedWhereByMember } from './basePosition.js';
import { nationalPanelFromPlan } from './national.js';
import { MAX_HORIZON_YEARS, planAssumptionKeys } from './settings.js';
import type {
  AreaInputs,
  AreaSupply,
  ForecastAssumption,
  ForecastSettings,
  PopulationPoint,
  ProjectionInputs,
  YearValue,
} from './types.js';

/** The plan assumption key for annual population growth where no ONS projection covers a year. */
export const POPULATION_GROWTH_KEY = 'populationGrowthWithoutProjection';
/** The largest annual growth (either way) the assumption accepts: ±5% a year. */
export const MAX_POPULATION_GROWTH = 0.05;
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
  /**
   * Annual growth of the population aged 0 to 17 after the last known figure (estimate or ONS
   * projection), as a share (0.01 = +1% a year); default 0: held at the last figure.
   */
  populationGrowthWithoutProjection?: number;
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

/** How an area's population was carried past its last known figure (null when it never was). */
interface CarriedForward {
  /** Calendar year of the last known mid-year figure. */
  from: number;
  basis: 'estimate' | 'projection';
}

/**
 * Population for each demand year from the first observed to ten years past the base year. Known
 * figures (estimates, and ONS projections where no estimate exists) are used as they are; a gap
 * between known years is interpolated geometrically; after the last known figure the value is held,
 * changed by `growth` a year (0 by default), never extrapolated from a fitted trend.
 */
function alignPopulation(
  series: AreaSeries,
  firstYear: number,
  lastYear: number,
  growth: number,
): { points: PopulationPoint[]; carried: CarriedForward | null } {
  const known = new Map<number, { value: number; basis: 'estimate' | 'projection' }>();
  const estimates = new Map<number, number>();
  for (const [y, v] of Object.entries(series.populationEstimates)) {
    if (Number.isFinite(v) && v > 0) estimates.set(Number(y), v);
  }
  const projections = new Map<number, number>();
  for (const [y, v] of Object.entries(series.populationProjections ?? {})) {
    if (Number.isFinite(v) && v > 0) projections.set(Number(y), v);
  }
  // A projection is rebased to the latest estimate: its growth from that year is applied to the
  // estimate, so a projection made from an older base (SNPP 2018-based, say) does not jump.
  const lastEstimate = Math.max(-Infinity, ...estimates.keys());
  const projectedAtBase = projections.get(lastEstimate);
  const rebase = projectedAtBase ? (estimates.get(lastEstimate) ?? projectedAtBase) / projectedAtBase : 1;
  for (const [y, v] of projections) {
    if (y > lastEstimate || !estimates.has(y))
      known.set(y, { value: y > lastEstimate ? v * rebase : v, basis: 'projection' });
  }
  for (const [y, v] of estimates) known.set(y, { value: v, basis: 'estimate' });
  const knownYears = [...known.keys()].sort((a, b) => a - b);
  const lastKnown = knownYears[knownYears.length - 1];
  let carried: CarriedForward | null = null;
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
      const last = known.get(lastKnown);
      const value = (last?.value ?? 0) * Math.pow(1 + growth, mid - lastKnown);
      carried ??= { from: lastKnown, basis: last?.basis ?? 'estimate' };
      // 'trend' is the type's name for a year carried past the last known figure (here: held, or the set growth).
      points.push({ year: String(year), midYear: String(mid), value, basis: 'trend' });
    }
  }
  return { points, carried };
}

/** "+1.0% a year", "−0.5% a year", or "no change". */
function growthText(growth: number): string {
  if (growth === 0) return 'no change';
  const pct = Math.round(Math.abs(growth) * 1000) / 10;
  return `${growth > 0 ? '+' : '−'}${pct.toLocaleString('en-GB')}% a year`;
}

/** "Alpha, Bravo and Charlie". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The stated population assumptions: the projection used, and what happens where there is none. */
function populationAssumptions(
  used: { name: string; projectionTo: number | null; carried: CarriedForward | null }[],
  growth: number,
): ForecastAssumption[] {
  const list: ForecastAssumption[] = [];
  const withProjection = used.filter((u) => u.projectionTo !== null);
  if (withProjection.length) {
    const ends = [...new Set(withProjection.map((u) => u.projectionTo))].sort();
    list.push({
      key: 'populationProjection',
      label: 'Population aged 0 to 17 from the ONS sub-national population projection',
      value: withProjection.length,
      unit: withProjection.length === 1 ? 'authority' : 'authorities',
      rationale: `${withProjection.length === used.length ? 'Every member authority’s' : `${listNames(withProjection.map((u) => u.name))}’s`} children aged 0 to 17 in future years come from the ONS sub-national population projection imported into the plan (single years of age 0 to 17 summed, to mid-${ends.join('/mid-')}), rebased to the latest mid-year estimate: the projection’s growth from that year is applied to the estimate, so a projection made from an older base does not jump at the join; mid-year estimates are used wherever they exist.`,
      source: null,
    });
  }
  const carried = used.filter((u) => u.carried !== null);
  if (carried.length === 0) return list;
  const noProjection = carried.filter((u) => u.carried?.basis === 'estimate');
  const beyond = carried.filter((u) => u.carried?.basis === 'projection');
  const lastEstimates = [...new Set(noProjection.map((u) => u.carried?.from))].sort();
  const held = growth === 0 ? 'held at' : `carried forward from`;
  const parts: string[] = [];
  if (noProjection.length) {
    const who =
      noProjection.length === used.length
        ? 'The plan has no ONS sub-national population projection, so each member authority’s'
        : `${listNames(noProjection.map((u) => u.name))} ${noProjection.length === 1 ? 'has' : 'have'} no ONS sub-national population projection in the plan, so ${noProjection.length === 1 ? 'its' : 'their'}`;
    parts.push(
      `${who} children aged 0 to 17 are ${held} the latest mid-year estimate (mid-${lastEstimates.join('/mid-')})${growth === 0 ? '' : ` at ${growthText(growth)}`}.`,
    );
  }
  if (beyond.length) {
    parts.push(
      `Beyond the last year of the ONS projection, ${beyond.length === used.length ? 'every member authority’s' : `${listNames(beyond.map((u) => u.name))}’s`} children aged 0 to 17 are ${held} its last projected figure${growth === 0 ? '' : ` at ${growthText(growth)}`}.`,
    );
  }
  parts.push(
    'A short recent trend is not extrapolated: recent growth in the child population (such as 2021–24’s, driven by migration) is not a settled path. Change the annual growth here to test another path, or import the ONS sub-national population projection (SNPP) to use it instead.',
  );
  list.push({
    key: POPULATION_GROWTH_KEY,
    label:
      noProjection.length === used.length
        ? 'Population aged 0 to 17: annual change after the latest mid-year estimate (no ONS projection in the plan)'
        : 'Population aged 0 to 17: annual change where no ONS projection covers a year',
    value: growth,
    unit: 'share a year',
    rationale: parts.join(' '),
    source: null,
  });
  return list;
}

/** The assumption as the plan's register stores it before the user changes it (for planService). */
export function populationGrowthAssumptionTemplate(): ForecastAssumption {
  return {
    key: POPULATION_GROWTH_KEY,
    label: 'Population aged 0 to 17: annual change where no ONS projection covers a year',
    value: 0,
    unit: 'share a year',
    rationale:
      'Without an ONS sub-national population projection, children aged 0 to 17 are held at the latest mid-year estimate, changed only by this annual growth (default 0); a short recent trend is never extrapolated.',
    source: null,
  };
}

function checkPopulationGrowth(growth: number): void {
  if (!Number.isFinite(growth) || Math.abs(growth) > MAX_POPULATION_GROWTH + 1e-12) {
    throw new Error(
      `Population growth without a projection must be from −${MAX_POPULATION_GROWTH * 100}% to +${MAX_POPULATION_GROWTH * 100}% a year (−0.05 to 0.05); got ${String(growth)}.`,
    );
  }
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

export interface InputsFromPlanOptions {
  /** Overrides the plan's own `populationGrowthWithoutProjection` assumption. */
  populationGrowthWithoutProjection?: number;
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

  // One supply snapshot for everyone: the latest the plan holds (supply rows of any authority, or a
  // member's places figure). A member with no homes in it has 0 places, never an older snapshot's.
  const homeRows = data.supply.filter((r) => memberCodes.has(r.area));
  const latestOf = (periods: Iterable<string>): string | null => {
    let latest: string | null = null;
    for (const p of periods) if (latest === null || p > latest) latest = p;
    return latest;
  };
  const snapshot = latestOf([
    ...data.supply.map((r) => r.period),
    ...data.observations
      .filter((o) => o.measure === 'registeredPlaces' && memberCodes.has(o.area) && o.value !== null)
      .map((o) => o.period),
  ]);

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
    } else if (placesObservation && placesObservation.value !== null && placesObservation.period === snapshot) {
      // The stored measure already excludes short-break-only and secure homes.
      series.registeredPlaces = placesObservation.value;
      series.supplyPeriod = placesObservation.period;
    } else if (snapshot !== null && (placesObservation || homeRows.some((r) => r.area === area.code))) {
      // In an older snapshot but not the latest: no homes then, whatever the older one said.
      series.registeredPlaces = 0;
      series.laRunPlaces = 0;
      series.shortBreakOnlyPlaces = 0;
      series.supplyPeriod = snapshot;
      warnings.push(
        `${area.name} has no children’s homes in the latest supply snapshot (${snapshot}), so 0 places are counted, not an earlier snapshot’s figure.`,
      );
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

  const inputs = buildProjectionInputs({
    consortiumName: data.consortiumName,
    areas,
    populationGrowthWithoutProjection: options.populationGrowthWithoutProjection ?? setting(POPULATION_GROWTH_KEY) ?? 0,
    ...(options.laRunShareWhenUnknown !== undefined ? { laRunShareWhenUnknown: options.laRunShareWhenUnknown } : {}),
    planSettings,
    warnings,
  });
  // Every authority's figures, members or not: the panel the default method is chosen on (./national.ts).
  inputs.national = nationalPanelFromPlan(data, 'childrenInChildrensHomes');
  // Where members' children were placed at the base year (year 0 of the projection).
  const placed = placedWhereByMember(data.flows, [...memberCodes], inputs.baseYear);
  if (placed.size) inputs.placements = Object.fromEntries(placed);
  // Each member's locality at the base year, for its own open-market access share (./accessShares.ts).
  inputs.accessEvidence = accessEvidenceFromPlan(data, inputs.areas, inputs.baseYear);
  return inputs;
}
