/**
 * The Map's figures per member authority and year: the projected or observed gap, the share placed
 * more than 20 miles from home, registered places by sector group, where children are placed, and
 * the trends, each with its sources. Pure: the renderer turns them into words and shapes.
 */
import type { BasePosition } from '../forecast/basePosition.js';
import type { ProjectionResult, YearProjection } from '../forecast/types.js';
import { flowPeriodFor, placementBreakdown } from '../geo/index.js';
import type { PlacementFlow } from '../model/placements.js';
import type { AreaSummary, PlanSummary } from '../model/summary.js';
import type { HomeSector } from '../model/supply.js';
import type { MapYear } from './years.js';

export type SupplyGroup = 'LA-run' | 'Private' | 'Voluntary and other';
export const supplyGroups: readonly SupplyGroup[] = ['LA-run', 'Private', 'Voluntary and other'];

function supplyGroupOf(sector: HomeSector): SupplyGroup {
  return sector === 'Local Authority' ? 'LA-run' : sector === 'Private' ? 'Private' : 'Voluntary and other';
}

export interface DistanceFigure {
  /** Children placed more than 20 miles from home ÷ children looked after, same 31 March. */
  share: number;
  over20: number;
  childrenLookedAfter: number;
  period: string;
  sources: string[];
}

export interface AreaFigures {
  code: string;
  name: string;
  /** The projected year's figures; null for a history or base year or when there is no projection. */
  projected: YearProjection | null;
  /** Year 0 (observed) by the projection's definitions, in the base year only; null otherwise. */
  base: BasePosition | null;
  /** The first projected year's accessible places, shown with supply in history years. */
  accessiblePlacesNow: number | null;
  /** Published share placed 20+ miles away for the year, or the latest one for a projected year. */
  distance: DistanceFigure | null;
  /** Latest Ofsted snapshot of children's home places, by sector group. */
  supply: { group: SupplyGroup; places: number; homes: number }[];
  supplyPeriod: string | null;
  supplyPlaces: number;
  supplySources: string[];
  /** Where the LA's children are placed, from flows at the flow period. */
  placements: { own: number; consortium: number; outside: number; total: number } | null;
  /** Observed children in children's homes, and the projected median, for the trend. */
  trend: { period: string; value: number | null }[];
  /** Projected gap median per projected year. */
  gapTrend: { period: string; value: number | null }[];
  historySources: string[];
}

function latestDistance(area: AreaSummary, year: string, exact: boolean): DistanceFigure | null {
  const over = area.history.placedOver20Miles ?? [];
  const cla = new Map((area.history.childrenLookedAfter ?? []).map((p) => [p.period, p]));
  const candidates = over
    .filter((p) => p.value !== null && (exact ? p.period === year : p.period <= year))
    .sort((a, b) => (a.period < b.period ? 1 : -1));
  for (const p of candidates) {
    const d = cla.get(p.period);
    if (d?.value) {
      return {
        share: p.value! / d.value,
        over20: p.value!,
        childrenLookedAfter: d.value,
        period: p.period,
        sources: [...new Set([p.source, d.source])],
      };
    }
  }
  return null;
}

export function areaFigures(
  summary: PlanSummary,
  projection: ProjectionResult | null,
  flows: readonly PlacementFlow[],
  year: MapYear,
): Map<string, AreaFigures> {
  const members = summary.authorities.filter((a) => a.isMember);
  const memberCodes = new Set(members.map((a) => a.code));
  const flowPeriod = flowPeriodFor(flows, year.year);
  const periodFlows = flows.filter((f) => f.period === flowPeriod);
  const result = new Map<string, AreaFigures>();
  for (const a of members) {
    const p = projection?.areas.find((x) => x.code === a.code) ?? null;
    const projected = year.kind === 'projection' ? (p?.years.find((y) => y.year === year.year) ?? null) : null;
    const supplyPeriod =
      a.supplyBySector
        .map((s) => s.period)
        .sort()
        .at(-1) ?? null;
    const supplyRows = a.supplyBySector.filter((s) => s.period === supplyPeriod);
    const supply = supplyGroups
      .map((group) => {
        const rows = supplyRows.filter((s) => supplyGroupOf(s.sector) === group);
        return {
          group,
          places: rows.reduce((t, s) => t + s.registeredPlaces, 0),
          homes: rows.reduce((t, s) => t + s.homes, 0),
        };
      })
      .filter((s) => s.places > 0);
    const history = a.history.childrenInChildrensHomes ?? [];
    const trend = [
      ...history.filter((h) => /^\d{4}$/.test(h.period)).map((h) => ({ period: h.period, value: h.value })),
      ...(p?.years ?? []).map((y) => ({ period: y.year, value: Math.round(y.demand.p50) })),
    ];
    const placements = flowPeriod ? placementBreakdown(periodFlows, a.code, memberCodes) : null;
    result.set(a.code, {
      code: a.code,
      name: a.name,
      projected,
      base: year.kind === 'base' ? (p?.base ?? null) : null,
      accessiblePlacesNow: p?.years[0]?.accessiblePlaces ?? null,
      distance: latestDistance(a, year.year, year.kind !== 'projection'),
      supply,
      supplyPeriod,
      supplyPlaces: supply.reduce((t, s) => t + s.places, 0),
      supplySources: [...new Set(supplyRows.flatMap((s) => s.sources))],
      placements: placements && placements.total > 0 ? placements : null,
      trend,
      gapTrend: (p?.years ?? []).map((y) => ({ period: y.year, value: Math.round(y.gap.p50) })),
      historySources: [
        ...new Set(
          [...history, ...(a.history.placedOver20Miles ?? []), ...(a.history.childrenLookedAfter ?? [])].map(
            (h) => h.source,
          ),
        ),
      ],
    });
  }
  return result;
}

/** The latest supply snapshot behind the members' year-0 places, e.g. "2023-03-31"; null without one. */
export function baseSnapshot(projection: ProjectionResult | null): string | null {
  const snapshots = (projection?.areas ?? []).flatMap((a) => (a.base?.places.snapshot ? [a.base.places.snapshot] : []));
  return snapshots.sort().at(-1) ?? null;
}
