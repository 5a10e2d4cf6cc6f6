/**
 * Allocating a scenario year's children to beds at least total cost, and what the allocation
 * placed where.
 *
 * **Allocation.** Each LA's children are placed at least total cost — the same £ cost that is
 * reported: the weekly price (spot placements pay the sector price, outside the consortium plus the
 * out-of-area premium; a block bed is paid for anyway, so placing a child there costs only the part of
 * its price not paid when empty; a new home's running cost is fixed, so its places cost nothing
 * extra), plus social-worker, IRO and family-time travel per mile between LA centroids, plus the
 * missing incidents to expect where the child is placed × their public cost. Children are allocated
 * in thousandths (the P50 path's children are whole per LA, but a pool's capacity is kept to a
 * thousandth of a child rather than rounded to whole children), so the cost is the exact optimum of a
 * linear programme: adding a block bed saves no more than the bed before it did (the cost is convex
 * in capacity). With a distance policy, children placed since it began get a penalty on beds more
 * than 20 miles away that outweighs any saving, so they go there only when no reshuffle frees a
 * nearer bed; the penalty steers and is never counted. Anyone who cannot be placed at all is reported
 * as unmet, at a penalty larger still (the order is lexicographic: place everyone possible, then keep
 * policy children near, then minimise cost). A block contract's beds can hold at most `blockFill` of
 * a child each (a bed stands empty between placements), so its voids are the beds its children do
 */
import {
  createAllocator,
  type AllocationArc,
  type AllocationDestination,
  type Allocator,
} from '../../allocate/allocate.js';
import { DISTANT_MILES } from '../../allocate/distance.js';
import type { PlacementFigures, PlacementFlowOutcome, ScenarioContext } from '../types.js';
import type { Pool, YearSupply } from './supply.js';
import { ALLOCATION_UNITS } from './units.js';

/** Miles from member i's centroid to a pool (0 within the LA; the outside market's mean distances). */
export function poolMiles(context: ScenarioContext, pool: Pool, i: number): number {
  if (pool.kind === 'outsideNear') return context.outside.nearMilesByMember[i] ?? context.outside.nearMiles;
  if (pool.kind === 'outsideFar') return context.outside.farMiles;
  return context.distances[i * context.members.length + pool.host] ?? 0;
}

export const isDistant = (pool: Pool, miles: number): boolean =>
  pool.kind === 'outsideFar' || (pool.kind !== 'outsideNear' && miles > DISTANT_MILES);

/** A year's allocation problem, built once and solved for any number of demand draws. */
export interface YearProblem {
  supply: YearSupply;
  /** Share of each member's children under the distance policy (0 without one). */
  policyShare: Float64Array;
  destinations: AllocationDestination[];
  arcs: AllocationArc[];
  /** Member index and pool index of each arc. */
  arcMember: Int32Array;
  arcPool: Int32Array;
  arcMiles: Float64Array;
  unmetCost: number;
  /** Solver for this structure (warm-starts from the previous solve of the same year). */
  allocator: Allocator;
  /** Scratch: children per source. */
  sourceChildren: Int32Array;
}

/** Pence a week: the allocation's integer cost unit. */
const costUnits = (pounds: number): number => Math.round(pounds * 100);

/**
 * What placing a child of member i in a pool costs a week beyond the pool's price: travel and staff
 * time by distance, and the missing incidents to expect there × their public cost.
 */
export function localityWeekly(
  context: ScenarioContext,
  pool: Pick<Pool, 'host'>,
  i: number,
  miles: number,
): { travel: number; missing: number } {
  const { locality, missingRates, weeksPerYear } = context.settings;
  const rate = pool.host === i ? missingRates.ownLa : missingRates.outOfArea;
  return {
    travel: locality.travelPerMileWeekly * miles,
    missing: (rate * locality.missingIncidentCost) / weeksPerYear,
  };
}

export function buildYearProblem(context: ScenarioContext, supply: YearSupply, policyShare: Float64Array): YearProblem {
  const M = context.members.length;
  const withPolicy = policyShare.some((s) => s > 0);
  const cohorts = withPolicy ? 2 : 1;
  const destinations: AllocationDestination[] = supply.pools.map((p, j) => ({
    id: `${p.kind}:${p.host}:${j}`,
    capacity: p.capacity,
  }));
  const base: { member: number; pool: number; miles: number; cost: number }[] = [];
  let maxBase = 0;
  for (let i = 0; i < M; i++) {
    supply.pools.forEach((pool, j) => {
      if (pool.capacity === 0) return;
      if ((pool.eligible >= 0 && pool.eligible !== i) || pool.excluded === i) return;
      const miles = poolMiles(context, pool, i);
      const locality = localityWeekly(context, pool, i, miles);
      const cost = costUnits(pool.marginalWeekly + locality.travel + locality.missing);
      maxBase = Math.max(maxBase, cost);
      base.push({ member: i, pool: j, miles, cost });
    });
  }
  // Penalties in strict (lexicographic) order: first place everyone who can be placed, then keep
  // children under a distance policy within 20 miles wherever a reshuffle allows, then minimise cost.
  // An augmenting path changes at most (sources + pools) arcs, each by less than maxBase + 1, so a
  // penalty above (sources + pools + 1) × that always outweighs any saving from the cheaper arcs. The
  // penalties steer only: the cost reported is the £ cost of the arcs, the same as minimised.
  const span = cohorts * M + supply.pools.length + 1;
  const policyPenalty = span * (maxBase + 1);
  const unmetCost = span * (policyPenalty + maxBase + 1);
  const arcs: AllocationArc[] = [];
  const arcMember: number[] = [];
  const arcPool: number[] = [];
  const arcMiles: number[] = [];
  for (let c = 0; c < cohorts; c++) {
    for (const b of base) {
      const pool = supply.pools[b.pool];
      const distant = pool !== undefined && isDistant(pool, b.miles);
      arcs.push({
        source: c * M + b.member,
        destination: b.pool,
        cost: b.cost + (c === 1 && distant ? policyPenalty : 0),
      });
      arcMember.push(b.member);
      arcPool.push(b.pool);
      arcMiles.push(b.miles);
    }
  }
  return {
    supply,
    policyShare,
    destinations,
    arcs,
    arcMember: Int32Array.from(arcMember),
    arcPool: Int32Array.from(arcPool),
    arcMiles: Float64Array.from(arcMiles),
    unmetCost,
    allocator: createAllocator({ sourceCount: cohorts * M, destinations, arcs, unmetCost }),
    sourceChildren: new Int32Array(cohorts * M),
  };
}

/**
 * The same allocation structure as an earlier year's problem (same pools, capacities, prices and
 * distance policy), so its solver — and its last optimal tree — can be reused.
 */
export function sameStructure(problem: YearProblem, supply: YearSupply, policyShare: Float64Array): boolean {
  const a = problem.supply.pools;
  const b = supply.pools;
  if (a.length !== b.length || problem.policyShare.length !== policyShare.length) return false;
  for (let j = 0; j < a.length; j++) {
    const p = a[j];
    const q = b[j];
    if (
      !p ||
      !q ||
      p.kind !== q.kind ||
      p.host !== q.host ||
      p.eligible !== q.eligible ||
      p.excluded !== q.excluded ||
      p.capacity !== q.capacity ||
      p.marginalWeekly !== q.marginalWeekly
    ) {
      return false;
    }
  }
  for (let i = 0; i < policyShare.length; i++) if (problem.policyShare[i] !== policyShare[i]) return false;
  return true;
}

/** One year's allocation, aggregated (children, to a thousandth). */
export interface YearAllocation {
  /** Per member: own LA, elsewhere in consortium, outside, unmet, over 20 miles. */
  own: Float64Array;
  elsewhere: Float64Array;
  outside: Float64Array;
  unmet: Float64Array;
  over20: Float64Array;
  /** Children placed in each pool. */
  used: Float64Array;
  /** Placed children per arc (same order as problem.arcs). */
  placed: number[];
}

/** Allocates whole numbers of children per member (see the file comment). */
export function solveYear(context: ScenarioContext, problem: YearProblem, children: ArrayLike<number>): YearAllocation {
  const M = context.members.length;
  const withPolicy = problem.sourceChildren.length > M;
  const sources = problem.sourceChildren;
  for (let i = 0; i < M; i++) {
    const n = Math.max(0, Math.round(children[i] ?? 0)) * ALLOCATION_UNITS;
    const underPolicy = withPolicy ? Math.round(n * (problem.policyShare[i] ?? 0)) : 0;
    sources[i] = n - underPolicy;
    if (withPolicy) sources[M + i] = underPolicy;
  }
  const result = problem.allocator.solve(sources);
  const own = new Float64Array(M);
  const elsewhere = new Float64Array(M);
  const outside = new Float64Array(M);
  const unmet = new Float64Array(M);
  const over20 = new Float64Array(M);
  const used = Float64Array.from(result.used, (n) => n / ALLOCATION_UNITS);
  const placed = result.placed.map((n) => n / ALLOCATION_UNITS);
  placed.forEach((n, k) => {
    if (n === 0) return;
    const i = problem.arcMember[k] ?? 0;
    const pool = problem.supply.pools[problem.arcPool[k] ?? 0];
    if (!pool) return;
    if (pool.host === -1) outside[i] = (outside[i] ?? 0) + n;
    else if (pool.host === i) own[i] = (own[i] ?? 0) + n;
    else elsewhere[i] = (elsewhere[i] ?? 0) + n;
    if (isDistant(pool, problem.arcMiles[k] ?? 0)) over20[i] = (over20[i] ?? 0) + n;
  });
  result.unmet.forEach((n, s) => {
    const i = s % M;
    unmet[i] = (unmet[i] ?? 0) + n / ALLOCATION_UNITS;
  });
  return { own, elsewhere, outside, unmet, over20, used, placed };
}

export const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] ?? 0;
  return s;
};

/** Placement figures for the consortium, or for one member when `member` is given. */
export function placementFigures(context: ScenarioContext, a: YearAllocation, member?: number): PlacementFigures {
  const pick = (arr: Float64Array) => (member === undefined ? sum(arr) : (arr[member] ?? 0));
  const own = pick(a.own);
  const elsewhere = pick(a.elsewhere);
  const outside = pick(a.outside);
  const unmet = pick(a.unmet);
  const over20 = pick(a.over20);
  const placed = own + elsewhere + outside;
  const rates = context.settings.missingRates;
  return {
    children: placed + unmet,
    placedOwnLa: own,
    placedElsewhereInConsortium: elsewhere,
    placedOutside: outside,
    unmet,
    over20Miles: over20,
    over20MilesShare: placed > 0 ? over20 / placed : 0,
    expectedMissingIncidents: own * rates.ownLa + (elsewhere + outside + unmet) * rates.outOfArea,
  };
}

/** Placement flows of one allocation, for display. */
export function allocationFlows(
  context: ScenarioContext,
  problem: YearProblem,
  a: YearAllocation,
  leverKeys: readonly string[],
): PlacementFlowOutcome[] {
  const byKey = new Map<string, PlacementFlowOutcome>();
  a.placed.forEach((n, k) => {
    if (n === 0) return;
    const i = problem.arcMember[k] ?? 0;
    const j = problem.arcPool[k] ?? 0;
    const pool = problem.supply.pools[j];
    if (!pool) return;
    const key = `${i}|${j}`;
    const existing = byKey.get(key);
    if (existing) {
      existing.children += n;
      return;
    }
    byKey.set(key, {
      placingArea: context.members[i]?.code ?? '',
      hostArea: pool.host >= 0 ? (context.members[pool.host]?.code ?? '') : 'OUTSIDE',
      pool: pool.kind,
      lever: pool.lever >= 0 ? (leverKeys[pool.lever] ?? null) : null,
      miles: Math.round((problem.arcMiles[k] ?? 0) * 10) / 10,
      children: n,
    });
  });
  return [...byKey.values()];
}

/**
 * For a distance policy's outcome: children under the policy placed more than 20 miles away, and
 * beds within 20 miles left free that any of them could have used (children, central path).
 */
export function policyDiagnostics(
  context: ScenarioContext,
  problem: YearProblem,
  allocation: YearAllocation,
): { policyDistant: number; freeNear: number } {
  const M = context.members.length;
  let policyDistant = 0;
  const distantMembers = new Set<number>();
  problem.arcs.forEach((arc, k) => {
    if (arc.source < M) return;
    const n = allocation.placed[k] ?? 0;
    const pool = problem.supply.pools[arc.destination];
    if (n > 0 && pool && isDistant(pool, problem.arcMiles[k] ?? 0)) {
      policyDistant += n;
      distantMembers.add(arc.source - M);
    }
  });
  let freeNear = 0;
  problem.supply.pools.forEach((pool, j) => {
    const capacity = pool.capacity;
    if (capacity === null) return;
    const free = capacity / ALLOCATION_UNITS - (allocation.used[j] ?? 0);
    if (free < 1e-9) return;
    for (const i of distantMembers) {
      if ((pool.eligible >= 0 && pool.eligible !== i) || pool.excluded === i) continue;
      if (!isDistant(pool, poolMiles(context, pool, i))) {
        freeNear += free;
        return;
      }
    }
  });
  return { policyDistant, freeNear };
}
