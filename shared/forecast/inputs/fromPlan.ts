/**
 * Reads a plan's member LAs into projection inputs: their children in secure and children's homes
 * by year, population estimates and projections, and long-term places at the latest supply
 * snapshot; the plan's own settings; every authority's figures for the national panel; and the
 * evidence for each member's own open-market access share.
 */
import type { Observation } from '../../model/dataset.js';
import type { PlanData } from '../../model/summarise.js';
import { accessEvidenceFromPlan } from '../accessShares.js';
import { placedWhereByMember } from '../basePosition.js';
import { nationalPanelFromPlan } from '../national/index.js';
import { planAssumptionKeys } from '../settings.js';
import type { ForecastSettings, ProjectionInputs } from '../types.js';
import { buildProjectionInputs } from './build.js';
import { POPULATION_GROWTH_KEY } from './population.js';
import type { AreaSeries } from './series.js';

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
  // Every authority's figures, members or not: the panel the default method is chosen on (../national/).
  inputs.national = nationalPanelFromPlan(data, 'childrenInChildrensHomes');
  // Where members' children were placed at the base year (year 0 of the projection).
  const placed = placedWhereByMember(data.flows, [...memberCodes], inputs.baseYear);
  if (placed.size) inputs.placements = Object.fromEntries(placed);
  // Each member's locality at the base year, for its own open-market access share (../accessShares.ts).
  inputs.accessEvidence = accessEvidenceFromPlan(data, inputs.areas, inputs.baseYear);
  return inputs;
}
