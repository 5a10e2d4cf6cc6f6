/**
 * Year 0 and what the horizon's gap is made of.
 *
 * **Base-year position**: the latest observed year (the projection's base year, 31 March) by the
 * same definitions the projection uses — children in secure and children's homes as published,
 * where they were placed (own authority, elsewhere in the consortium, outside it: the plan's
 * placement flows, with their own period and source), places by sector at the supply snapshot
 * (LA-run, block-contracted, the open market and the share of it counted as accessible), beds
 * needed at the target occupancy and the gap. Most of a horizon's gap is often already there today,
 * so the base year comes first.
 *
 * **Decomposition** of a projected year's median gap into four parts that add up to it exactly:
 * - today's shortfall: base-year children less base-year accessible places (at 100% occupancy);
 * - growth in need: the year's median children less the base year's;
 * - occupancy headroom: the beds kept free so homes can match children (median children × (1 ÷
 *   occupancy − 1));
 * - supply change: base-year accessible places less the year's (positive when places are lost).
 * gap = children ÷ occupancy − accessible = shortfall + growth + headroom + supply change.
 */
import type { PlacementFlow } from '../model/placements.js';
import type { Percentiles } from './types.js';

/** Where an area's children in homes were placed at one snapshot, from the plan's placement flows. */
export interface PlacedWhere {
  /** Snapshot of the flows, e.g. "2025" (31 March). */
  period: string;
  /** Source ids the flows come from. */
  sources: string[];
  ownLa: number;
  elsewhereInConsortium: number;
  outside: number;
}

export interface BasePlaces {
  /** Supply snapshot date, e.g. "2023-03-31" (the latest of the members'); null when none. */
  snapshot: string | null;
  /** True when the places are the snapshot moved on to the base year by openings and closures. */
  movedOn: boolean;
  registered: number;
  laRun: number;
  contracted: number;
  /** Private and voluntary places not contracted. */
  openMarket: number;
  /** LA-run + contracted + the open-market share counted as accessible. */
  accessible: number;
  /** The open-market share used (an authority's own, or the consortium's). */
  openMarketShare: number;
}

export interface BasePosition {
  /** Year ending 31 March, e.g. "2025". */
  year: string;
  /** Observed children in secure and children's homes; null when a member has no figure that year. */
  children: number | null;
  placedWhere: PlacedWhere | null;
  places: BasePlaces;
  bedsNeeded: number | null;
  gap: number | null;
}

export interface GapDecomposition {
  year: string;
  /** The year's median gap (beds). */
  gap: number;
  todayShortfall: number;
  growthInNeed: number;
  occupancyHeadroom: number;
  supplyChange: number;
}

/** The base-year position from observed children and places by the projection's definitions. */
export function basePosition(
  year: string,
  children: number | null,
  places: BasePlaces,
  targetOccupancy: number,
  placedWhere: PlacedWhere | null,
): BasePosition {
  const bedsNeeded = children === null ? null : children / targetOccupancy;
  return {
    year,
    children,
    placedWhere,
    places,
    bedsNeeded,
    gap: bedsNeeded === null ? null : bedsNeeded - places.accessible,
  };
}

/** A projected year's median gap in four parts that add up to it; null without base-year children. */
export function decomposeGap(
  base: BasePosition,
  year: { year: string; demand: Pick<Percentiles, 'p50'>; accessiblePlaces: number },
  targetOccupancy: number,
): GapDecomposition | null {
  if (base.children === null) return null;
  const children = year.demand.p50;
  return {
    year: year.year,
    gap: children / targetOccupancy - year.accessiblePlaces,
    todayShortfall: base.children - base.places.accessible,
    growthInNeed: children - base.children,
    occupancyHeadroom: children * (1 / targetOccupancy - 1),
    supplyChange: base.places.accessible - year.accessiblePlaces,
  };
}

/**
 * Where each member's children were placed at the latest flows snapshot up to the base year (the
 * latest of all when none is that early): own authority, elsewhere in the consortium, outside.
 */
export function placedWhereByMember(
  flows: readonly PlacementFlow[],
  members: readonly string[],
  baseYear: string,
): Map<string, PlacedWhere> {
  const memberSet = new Set(members);
  const ours = flows.filter((f) => memberSet.has(f.placingArea) && Number.isFinite(f.children));
  const periods = [...new Set(ours.map((f) => f.period))].sort();
  const period = periods.filter((p) => p <= baseYear).at(-1) ?? periods.at(-1);
  const out = new Map<string, PlacedWhere>();
  if (period === undefined) return out;
  for (const f of ours) {
    if (f.period !== period) continue;
    const p = out.get(f.placingArea) ?? { period, sources: [], ownLa: 0, elsewhereInConsortium: 0, outside: 0 };
    if (f.hostArea === f.placingArea) p.ownLa += f.children;
    else if (memberSet.has(f.hostArea)) p.elsewhereInConsortium += f.children;
    else p.outside += f.children;
    if (!p.sources.includes(f.source)) p.sources.push(f.source);
    out.set(f.placingArea, p);
  }
  return out;
}

/** The consortium's placement split: members' summed (a child in another member is still in the consortium). */
export function sumPlacedWhere(parts: readonly PlacedWhere[]): PlacedWhere | null {
  const first = parts[0];
  if (!first) return null;
  const sum: PlacedWhere = { period: first.period, sources: [], ownLa: 0, elsewhereInConsortium: 0, outside: 0 };
  for (const p of parts) {
    sum.ownLa += p.ownLa;
    sum.elsewhereInConsortium += p.elsewhereInConsortium;
    sum.outside += p.outside;
    for (const s of p.sources) if (!sum.sources.includes(s)) sum.sources.push(s);
  }
  return sum;
}

/** The consortium's gap set beside the sum of its members' gaps, with what separates them. */
export interface GapReconciliation {
  year: string;
  /** Σ members' median gaps, each with its own open-market share. */
  sumOfMembers: number;
  /**
   * Minus the open-market places in other members a consortium child can also use: Σ over members
   * (the consortium's share − the member's own share) × its open-market places, for members whose
   * own share is below the consortium's (the consortium counts at least a member's own share).
   */
  pooledAccess: number;
  /** Plus the difference between the consortium's median children and the sum of members' medians, ÷ occupancy (medians do not add). */
  mediansDoNotAdd: number;
  /** Whatever is left (places floored at zero for a member); usually 0. */
  other: number;
  /** The consortium's median gap. */
  consortium: number;
}

/**
 * Reconciles the consortium's median gap in one year with the sum of its members' median gaps:
 * consortium = Σ members − pooled access + medians-do-not-add + other (the parts add up exactly).
 */
export function reconcileGaps(
  year: string,
  consortium: { demandP50: number; gapP50: number },
  members: readonly { demandP50: number; gapP50: number; openMarket: number; openMarketShare?: number }[],
  settings: { targetOccupancy: number; openMarketAccessShare: number; consortiumOpenMarketAccessShare: number },
): GapReconciliation {
  const sumOfMembers = members.reduce((s, m) => s + m.gapP50, 0);
  // Each member at its own share (./accessShares.ts); the settings' share where a member has none.
  const pooledAccess = members.reduce(
    (s, m) =>
      s +
      Math.max(0, settings.consortiumOpenMarketAccessShare - (m.openMarketShare ?? settings.openMarketAccessShare)) *
        m.openMarket,
    0,
  );
  const mediansDoNotAdd =
    (consortium.demandP50 - members.reduce((s, m) => s + m.demandP50, 0)) / settings.targetOccupancy;
  const other = consortium.gapP50 - (sumOfMembers - pooledAccess + mediansDoNotAdd);
  return { year, sumOfMembers, pooledAccess, mediansDoNotAdd, other, consortium: consortium.gapP50 };
}
