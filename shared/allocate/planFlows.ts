/**
 * Placement flows for any consortium, modelled from the plan's own national figures: the plan holds
 * every English authority's published children in homes, looked-after children, shares placed
 * outside the boundary and more than 20 miles away, other LAs' children placed inside, Ofsted places
 * and centroids; ./placementFlows/ fits its gravity model to all of England at the year those
 * shares were published, and the consortium's rows are the national flows restricted to its members
 * (one OUTSIDE row per member), scaled to each member's latest children in homes.
 *
 * The national fit depends only on the national figures, not on the members, so it is computed once
 * and kept for as long as those figures are the same (changing members only restricts it anew).
 */
import type { Area, Observation, Source } from '../model/dataset.js';
import type { PlacementFlow } from '../model/placements.js';
import type { SupplyRow } from '../model/supply.js';
import {
  consortiumFlows,
  modelledFlowsSource,
  modelPlacementFlows,
  placementFlowRows,
  type FlowModelAuthority,
  type PlacementFlowModel,
} from './placementFlows/index.js';

/** Source id of modelled flows in a plan (the rows are replaced whenever members change). */
export const MODELLED_FLOWS_SOURCE_ID = 'modelled-placement-flows';

export interface PlanFlowInputs {
  areas: readonly Area[];
  observations: readonly Observation[];
  supply: readonly SupplyRow[];
}

export interface ModelledPlanFlows {
  flows: PlacementFlow[];
  source: Source;
  /** Members for which no flow could be modelled (no children in homes published, or no centroid). */
  membersWithoutFlows: string[];
  /** The year the national fit used (the shares' latest common year) and the year the rows are scaled to. */
  fitPeriod: string;
  period: string;
  model: PlacementFlowModel;
}

const FIT_MEASURES = [
  'childrenInChildrensHomes',
  'childrenLookedAfter',
  'placedOutsideLaBoundary',
  'placedOver20Miles',
  'otherLasChildrenPlacedInside',
] as const;

function index(observations: readonly Observation[]): Map<string, number | null> {
  const map = new Map<string, number | null>();
  for (const o of observations) map.set(`${o.area}|${o.measure}|${o.period}`, o.value);
  return map;
}

/** The latest year in which every fit measure is published for most authorities. */
function fitPeriod(observations: readonly Observation[], authorities: number): string | null {
  const counts = new Map<string, number>();
  for (const o of observations) {
    if (o.value === null || !(FIT_MEASURES as readonly string[]).includes(o.measure)) continue;
    const key = `${o.measure}|${o.period}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const periods = [...new Set(observations.map((o) => o.period))].filter((p) => /^\d{4}$/.test(p)).sort();
  for (const period of periods.reverse()) {
    if (FIT_MEASURES.every((m) => (counts.get(`${m}|${period}`) ?? 0) >= authorities * 0.8)) return period;
  }
  return null;
}

/** The model's inputs for every authority with a centroid, at `period`; places from the latest Ofsted snapshot. */
export function flowModelInputs(data: PlanFlowInputs, period: string): FlowModelAuthority[] {
  const values = index(data.observations);
  const supplyPeriod = data.supply.reduce<string | null>((p, s) => (p === null || s.period > p ? s.period : p), null);
  const places = new Map<string, number>();
  for (const s of data.supply) {
    if (s.period !== supplyPeriod || s.homeType === 'shortBreakOnly') continue;
    places.set(s.area, (places.get(s.area) ?? 0) + s.registeredPlaces);
  }
  const get = (code: string, measure: string) => values.get(`${code}|${measure}|${period}`) ?? null;
  return data.areas
    .filter((a) => a.level === 'Local authority' && a.centroidLat !== null && a.centroidLon !== null)
    .map((a) => ({
      code: a.code,
      lat: a.centroidLat as number,
      lon: a.centroidLon as number,
      childrenInHomes: get(a.code, 'childrenInChildrensHomes'),
      registeredPlaces: supplyPeriod === null ? null : (places.get(a.code) ?? 0),
      childrenLookedAfter: get(a.code, 'childrenLookedAfter'),
      placedOutsideLaBoundary: get(a.code, 'placedOutsideLaBoundary'),
      placedOver20Miles: get(a.code, 'placedOver20Miles'),
      otherLasChildrenPlacedInside: get(a.code, 'otherLasChildrenPlacedInside'),
    }));
}

let cache: { key: string; model: PlacementFlowModel; national: PlacementFlow[] } | null = null;

/** The national fit for a plan's figures, and the key (the fit's inputs) it is valid for. */
export interface NationalFlowFit {
  key: string;
  model: PlacementFlowModel;
}

/** The fit's inputs as one key, or null when the plan lacks the national figures the model needs. */
function fitKey(data: PlanFlowInputs): { key: string; period: string; inputs: FlowModelAuthority[] } | null {
  const authorities = data.areas.filter((a) => a.level === 'Local authority').length;
  if (authorities < 20) return null;
  const period = fitPeriod(data.observations, authorities);
  if (!period) return null;
  const inputs = flowModelInputs(data, period);
  return { key: JSON.stringify([period, inputs]), period, inputs };
}

/** The national fit for these figures, computing it if it is not already held (a build step stores it). */
export function nationalFlowFit(data: PlanFlowInputs): NationalFlowFit | null {
  const keyed = fitKey(data);
  if (!keyed) return null;
  modelledPlanFlows(data, []);
  return cache?.key === keyed.key ? { key: cache.key, model: cache.model } : null;
}

/**
 * Holds a national fit computed earlier (by a build step, for the built-in figures), so a plan with
 * exactly those figures is not fitted again; a plan with other figures is fitted as before.
 */
export function primeNationalFlowFit(fit: NationalFlowFit): void {
  const period = (JSON.parse(fit.key) as [string, unknown])[0];
  cache = {
    key: fit.key,
    model: fit.model,
    national: placementFlowRows(fit.model, { period, source: MODELLED_FLOWS_SOURCE_ID, decimals: 3 }),
  };
}

/**
 * The consortium's modelled flows, or null when the plan lacks the national figures the model
 * needs (a plan holding only its members' figures: import flows instead).
 */
export function modelledPlanFlows(data: PlanFlowInputs, members: readonly string[]): ModelledPlanFlows | null {
  const keyed = fitKey(data);
  if (!keyed) return null;
  const { key, period, inputs } = keyed;
  if (cache?.key !== key) {
    const model = modelPlacementFlows(inputs);
    cache = {
      key,
      model,
      national: placementFlowRows(model, { period, source: MODELLED_FLOWS_SOURCE_ID, decimals: 3 }),
    };
  }
  const { model, national } = cache;
  // scale each member's row to its latest published children in homes
  const inHomes = data.observations.filter((o) => o.measure === 'childrenInChildrensHomes' && o.value !== null);
  const latest = inHomes.reduce((p, o) => (o.period > p ? o.period : p), period);
  const childrenInHomes = new Map(
    inHomes.filter((o) => o.period === latest && members.includes(o.area)).map((o) => [o.area, o.value as number]),
  );
  const restricted = consortiumFlows(national, members, {
    period: latest,
    source: MODELLED_FLOWS_SOURCE_ID,
    childrenInHomes,
  });
  const source = modelledFlowsSource(model, {
    id: MODELLED_FLOWS_SOURCE_ID,
    period: `Fitted to 31 March ${period}; each member's children scaled to 31 March ${latest}`,
    inputs: `DfE children looked after (31 March ${period}), Ofsted places (${data.supply[0]?.period ?? 'latest snapshot'}) and ONS authority centroids`,
  });
  return { ...restricted, source, fitPeriod: period, period: latest, model };
}
