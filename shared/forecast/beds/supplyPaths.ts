/**
 * Registered and accessible places per projected year, for each member and the consortium
 * (./index.ts): LA-run + block-contracted + a share of the remaining open market, with listed
 * supply changes added from their first year; and, in simulated mode, the supply projection's own
 * paths as deviations from its median.
 */
import { placesInYear } from '../../supply/forecastSupply.js';
import { quantileSorted } from '../stats.js';
import type { AreaSupply, ForecastSettings, ProjectionInputs } from '../types.js';

interface SupplyPath {
  registered: Float64Array;
  accessible: Float64Array;
  /** LA-run places by year (before any listed supply change). */
  laRun: Float64Array;
  /** Open-market places by year (registered − LA-run − contracted), what the access share applies to. */
  openMarket: Float64Array;
}

export interface SupplyParts {
  laRun: number;
  contracted: number;
  openMarket: number;
}

export function supplyParts(supply: AreaSupply, contracted: number): SupplyParts {
  return {
    laRun: supply.laRunPlaces,
    contracted,
    openMarket: Math.max(0, supply.registeredPlaces - supply.laRunPlaces - contracted),
  };
}

/**
 * Accessible places for one area (or, with the consortium share, a group of areas) from its supply
 * parts: LA-run + contracted + share × open market, with supply changes added from their first year
 * (by supplyPaths). Not ../../supply/accessible.ts's rule, which counts one supply change's places
 * by its sector.
 */
export function accessibleFromSupplyParts(parts: SupplyParts, openMarketShare: number): number {
  return parts.laRun + parts.contracted + openMarketShare * parts.openMarket;
}

/**
 * Registered and accessible places per projected year for each area and for the consortium. Places
 * per year come from `placesInYear` (the supply projection where attached, else the snapshot).
 */
export function supplyPaths(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  codes: readonly string[],
  years: readonly string[],
  /** Each member's own open-market share (../accessShares.ts); `settings.openMarketAccessShare` where absent. */
  ownShares?: ReadonlyMap<string, number>,
): { areas: Map<string, SupplyPath>; consortium: SupplyPath } {
  const H = years.length;
  const areas = new Map<string, SupplyPath>();
  const consortium: SupplyPath = {
    registered: new Float64Array(H),
    accessible: new Float64Array(H),
    laRun: new Float64Array(H),
    openMarket: new Float64Array(H),
  };
  const totals: SupplyParts[] = years.map(() => ({ laRun: 0, contracted: 0, openMarket: 0 }));
  const changes = new Float64Array(H);
  // Where a member's own share is above the consortium's, consortium children can count on at least
  // what its own children can: the difference is added to the consortium's places.
  const aboveConsortium = new Float64Array(H);
  for (const code of codes) {
    const area = inputs.areas.find((a) => a.code === code);
    if (!area) continue;
    const contracted = settings.contractedPlaces[code] ?? 0;
    const path: SupplyPath = {
      registered: new Float64Array(H),
      accessible: new Float64Array(H),
      laRun: new Float64Array(H),
      openMarket: new Float64Array(H),
    };
    years.forEach((year, h) => {
      const places = placesInYear(area.supply, year);
      const parts = supplyParts({ ...area.supply, ...places }, contracted);
      const total = totals[h];
      if (total) {
        total.laRun += parts.laRun;
        total.contracted += parts.contracted;
        total.openMarket += parts.openMarket;
      }
      path.registered[h] = places.registeredPlaces;
      path.laRun[h] = parts.laRun;
      path.openMarket[h] = parts.openMarket;
      consortium.laRun[h] = (consortium.laRun[h] ?? 0) + parts.laRun;
      consortium.openMarket[h] = (consortium.openMarket[h] ?? 0) + parts.openMarket;
      const share = ownShares?.get(code) ?? settings.openMarketAccessShare;
      path.accessible[h] = accessibleFromSupplyParts(parts, share);
      aboveConsortium[h] =
        (aboveConsortium[h] ?? 0) + Math.max(0, share - settings.consortiumOpenMarketAccessShare) * parts.openMarket;
    });
    for (const change of settings.supplyChanges) {
      if (change.area !== code) continue;
      years.forEach((year, h) => {
        if (year < change.fromYear) return;
        path.registered[h] = (path.registered[h] ?? 0) + change.registeredPlaces;
        path.accessible[h] = (path.accessible[h] ?? 0) + change.accessiblePlaces;
        changes[h] = (changes[h] ?? 0) + change.accessiblePlaces;
      });
    }
    for (let h = 0; h < H; h++) {
      path.registered[h] = Math.max(0, path.registered[h] ?? 0);
      path.accessible[h] = Math.max(0, path.accessible[h] ?? 0);
      consortium.registered[h] = (consortium.registered[h] ?? 0) + (path.registered[h] ?? 0);
    }
    areas.set(code, path);
  }
  for (let h = 0; h < H; h++) {
    const total = totals[h] ?? { laRun: 0, contracted: 0, openMarket: 0 };
    const base = accessibleFromSupplyParts(total, settings.consortiumOpenMarketAccessShare);
    consortium.accessible[h] = Math.max(0, base + (changes[h] ?? 0) + (aboveConsortium[h] ?? 0));
  }
  return { areas, consortium };
}

/** Per simulation, how far a supply path's LA-run and open-market places are from the median path's (year-major). */
export interface SupplyDeltas {
  laRun: Float64Array;
  openMarket: Float64Array;
}

/**
 * The supply projection's own simulations as deviations from its median path, for each member and
 * the consortium (simulation s takes the supply projection's path s modulo the paths it kept, the
 * same path for every member, so the consortium's is the sum of its members'); null when no member's
 * supply was drawn.
 */
export function supplyDrawDeltas(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  areas: readonly { code: string }[],
  years: readonly string[],
  S: number,
): { areas: Map<string, SupplyDeltas>; consortium: SupplyDeltas } | null {
  const H = years.length;
  const consortium: SupplyDeltas = { laRun: new Float64Array(H * S), openMarket: new Float64Array(H * S) };
  const out = new Map<string, SupplyDeltas>();
  for (const a of areas) {
    const input = inputs.areas.find((x) => x.code === a.code);
    const projected = input?.supply.projected;
    const draws = projected?.draws;
    if (!input || !projected || !draws) continue;
    const contracted = settings.contractedPlaces[a.code] ?? 0;
    const d: SupplyDeltas = { laRun: new Float64Array(H * S), openMarket: new Float64Array(H * S) };
    years.forEach((year, h) => {
      const i = projected.years.indexOf(year);
      if (i < 0) return;
      const median = supplyParts({ ...input.supply, ...placesInYear(input.supply, year) }, contracted);
      const medianOpen = median.openMarket;
      for (let s = 0; s < S; s++) {
        const j = i * draws.simulations + (s % draws.simulations);
        const laRun = draws.laRun[j] ?? 0;
        const open = Math.max(0, (draws.registered[j] ?? 0) - laRun - contracted);
        const k = h * S + s;
        d.laRun[k] = laRun - median.laRun;
        d.openMarket[k] = open - medianOpen;
        consortium.laRun[k] = (consortium.laRun[k] ?? 0) + (d.laRun[k] ?? 0);
        consortium.openMarket[k] = (consortium.openMarket[k] ?? 0) + (d.openMarket[k] ?? 0);
      }
    });
    out.set(a.code, d);
  }
  return out.size > 0 ? { areas: out, consortium } : null;
}

/** P10 and P90 of a year's change in accessible places from supply draws alone (at the plan's share). */
export function supplySpread(d: SupplyDeltas, h: number, S: number, share: number): { p10: number; p90: number } {
  const v = new Float64Array(S);
  for (let s = 0; s < S; s++) v[s] = (d.laRun[h * S + s] ?? 0) + share * (d.openMarket[h * S + s] ?? 0);
  v.sort();
  return { p10: quantileSorted(v, 0.1), p90: quantileSorted(v, 0.9) };
}
