/**
 * The year-by-year mechanics of a scenario: what its levers do to supply, demand and prices, how
 * each year's children are allocated to beds, and what that costs.
 *
 * **Supply (pools of beds).** For each member LA: its LA-run places (used by its own children); its
 * private and voluntary places (the open market), of which the member's own share as the projection
 * used it (estimated from its published figures) is open to its own children, the consortium share
 * less that (e.g. 60% − own, none where its own share is higher) to other members' children —
 * shared among them by their calibrated reach where the calibration sets one — and the rest to
 * children from outside the consortium — so the baseline reproduces the published
 * pattern of LAs' own children filling only part of their local homes; a local-first agreement adds
 * agreed × (1 − consortium share) for any member's children. Then block-contracted beds (taken out
 * of the host's open market when they are existing places), new homes (× their ramp-up), and
 * closures. Open-market pools are priced at the places-weighted private and voluntary price. The
 * places accessible to the consortium (what the gap uses) are LA-run + consortium share × open
 * market + agreed + contracted + new, as in the projection. Outside the consortium:
 * a "near" market (within 20 miles of home) whose capacity is calibrated (member by member where the
 * calibration does so), and a "far" market (more than 20 miles), unlimited unless set. LA-run places
 * take only their own authority's children, except the part the calibration opens to other members'. Children a pool can take = its places × target occupancy
 * (a home cannot be matched at 100%; a block bed × the block fill), to a thousandth of a child by the
 * largest-remainder method within each member's pools and within the levers' pools.
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
 * not use, year by year and simulation by simulation.
 *
 * **Demand levers** act on the projection through a stock-flow view of children's homes: children
 * leave at rate μ = 1 ÷ mean placement length; prevention cuts entries by x, step-down adds an exit
 * rate y to foster care. Relative to the projection (taken as the no-lever path),
 * dS/dt = μ(1 − x) − (μ + y)S with S(0) = 1, stepped monthly with the exact solution, so a 10% cut in
 * entries shows about 6% fewer children after a year and approaches 10%. Stepped-down children are
 * assumed to stay in foster care as long as they would have stayed in the home (dF/dt = yS − μF).
 * Together, prevention levers cut entries by at most `preventionMaxShare` and step-down levers move at
 * most `stepDownMaxShare` of children a year (settings, with their reasons in the assumptions). Each
 * entry prevented costs the delivery cost per child × children worked with per entry prevented; each
 * child stepped down a one-off cost.
 */
import {
  createAllocator,
  type AllocationArc,
  type AllocationDestination,
  type Allocator,
} from '../allocate/allocate.js';
import { DISTANT_MILES } from '../allocate/distance.js';
import type { Lever, Scenario } from './levers.js';
import type { CostBreakdown, PlacementFigures, PlacementFlowOutcome, PoolKind, ScenarioContext } from './types.js';

/** A pool of beds in one year. */
export interface Pool {
  kind: PoolKind;
  /** Member index of the LA where the beds are; −1 outside the consortium. */
  host: number;
  /** Member index of the only LA whose children may use it; −1 for any member. */
  eligible: number;
  /** Member index of an LA whose children may not use it (the host, for other members' share); −1 for none. */
  excluded: number;
  /** Places counted as accessible (fractional; 0 for the outside market). */
  places: number;
  /** Children a place can hold on average: target occupancy, or the block fill for block beds. */
  fill: number;
  /** Children it can take, in allocation units (thousandths of a child), or null for no limit. */
  capacity: number | null;
  /** Cash price per child placed, £ a week (block contracts are costed separately; new homes 0). */
  cashWeekly: number;
  /** Price the allocation sees per child placed, £ a week. */
  marginalWeekly: number;
  /** Share of the pool's places in private homes (the rest voluntary), for costs by sector. */
  privateShare: number;
  /** Index of the lever that created it, or −1. */
  lever: number;
}

export interface BlockInYear {
  lever: number;
  pool: number;
  /** Beds paid for this year (after any ramp-up). */
  paidBeds: number;
  weeklyPrice: number;
  voidCostShare: number;
}

export interface YearSupply {
  pools: Pool[];
  /** Σ places of the member pools: what the gap compares beds needed with. */
  accessiblePlaces: number;
  /**
   * Open-market places in member LAs not offered first under an agreement: how much accessible
   * places move per unit of the consortium's open-market access share (for drawing that share).
   */
  openMarketUnoffered: number;
  blocks: BlockInYear[];
  warnings: string[];
}

/** Children are allocated in thousandths, so pools' capacities need not be rounded to whole children. */
export const ALLOCATION_UNITS = 1000;

export const rampShare = (ramp: readonly number[] | undefined, t: number): number => (t < 0 ? 0 : (ramp?.[t] ?? 1));

const yearNumber = (year: string): number => Number(year);

/** Index of each member's code, for levers that name an LA or "all". */
function memberIndexes(context: ScenarioContext, la: string): number[] {
  if (la === 'all') return context.members.map((_, i) => i);
  const i = context.members.findIndex((m) => m.code === la);
  return i >= 0 ? [i] : [];
}

/**
 * Rounds non-negative values to whole numbers summing to ⌊Σ⌋ (largest remainder; ties to the earlier
 * index, so the result is deterministic).
 */
export function largestRemainder(values: readonly number[]): number[] {
  const floors = values.map((v) => Math.floor(Math.max(0, v) + 1e-9));
  const total = Math.floor(values.reduce((s, v) => s + Math.max(0, v), 0) + 1e-9);
  let remaining = total - floors.reduce((s, v) => s + v, 0);
  if (remaining <= 0) return floors;
  const order = values
    .map((v, i) => ({ i, frac: Math.max(0, v) - (floors[i] ?? 0) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (remaining <= 0) break;
    floors[i] = (floors[i] ?? 0) + 1;
    remaining--;
  }
  return floors;
}

/** Price index per projected year: Π (1 + rate) over each inflation lever's years so far. */
export function priceIndexes(context: ScenarioContext, levers: readonly Lever[]): number[] {
  return context.years.map((year) => {
    let index = 1;
    for (const lever of levers) {
      if (lever.type !== 'priceInflation') continue;
      const years = yearNumber(year) - yearNumber(lever.startYear) + 1;
      if (years > 0) index *= Math.pow(1 + lever.annualRate, years);
    }
    return index;
  });
}

/** Places, pools and block contracts in projected year `h`. */
export function buildYearSupply(
  context: ScenarioContext,
  levers: readonly Lever[],
  h: number,
  index: number,
  /** True for the supply snapshot itself (the base year's calibration), whatever the year. */
  atSnapshot = false,
): YearSupply {
  const year = context.years[h] ?? '';
  const M = context.members.length;
  const { prices, settings } = context;
  const warnings: string[] = [];
  const at = (s: ScenarioContext['supply'][number], part: 'laRun' | 'private' | 'voluntary') =>
    (atSnapshot ? undefined : s.byYear?.[part][h]) ?? s[part];
  const laRun = context.supply.map((s) => at(s, 'laRun'));
  const priv = context.supply.map((s) => at(s, 'private'));
  const vol = context.supply.map((s) => at(s, 'voluntary'));
  const name = (i: number) => context.members[i]?.name ?? `member ${i}`;

  levers.forEach((lever) => {
    if (lever.type !== 'closure' || lever.year > year) return;
    for (const i of memberIndexes(context, lever.la)) {
      const list = lever.sector === 'Local Authority' ? laRun : lever.sector === 'Private' ? priv : vol;
      const before = list[i] ?? 0;
      if (lever.places > before) {
        warnings.push(
          `${year}: ${name(i)} has ${before} ${lever.sector.toLowerCase()} places; the closure of ${lever.places} removes them all.`,
        );
      }
      list[i] = Math.max(0, before - lever.places);
    }
  });

  const blocks: { lever: number; host: number; eligible: number; beds: number }[] = [];
  levers.forEach((lever, k) => {
    if (lever.type !== 'blockContract') return;
    const t = yearNumber(year) - yearNumber(lever.startYear);
    if (t < 0 || t >= lever.termYears) return;
    const host = memberIndexes(context, lever.la)[0];
    if (host === undefined) return;
    const beds = lever.beds * rampShare(lever.rampUp, t);
    if (lever.fromExistingPlaces) {
      const fromPrivate = Math.min(beds, priv[host] ?? 0);
      priv[host] = (priv[host] ?? 0) - fromPrivate;
      const fromVoluntary = Math.min(beds - fromPrivate, vol[host] ?? 0);
      vol[host] = (vol[host] ?? 0) - fromVoluntary;
      const extra = beds - fromPrivate - fromVoluntary;
      if (extra > 1e-9) {
        warnings.push(
          `${year}: the block contract in ${name(host)} takes more beds than its open market has; ${extra.toFixed(1)} are counted as new places.`,
        );
      }
    }
    const eligible =
      lever.commissionedBy === 'consortium' ? -1 : (memberIndexes(context, lever.commissionedBy)[0] ?? -1);
    blocks.push({ lever: k, host, eligible, beds });
  });

  // Local-first agreements: share of each member's open market offered first to consortium children.
  const offered = new Float64Array(M);
  levers.forEach((lever) => {
    if (lever.type !== 'localFirstAgreement') return;
    const t = yearNumber(year) - yearNumber(lever.startYear);
    if (t < 0) return;
    const s = lever.share * rampShare(lever.rampUp, t);
    for (const i of memberIndexes(context, lever.la)) offered[i] = 1 - (1 - (offered[i] ?? 0)) * (1 - s);
  });

  // Open market (private and voluntary places) in three parts: the share the LA's own children can
  // count on, the further share other members' children can count on, and what a local-first
  // agreement adds for any member's children. Priced at the places-weighted sector price.
  const pools: Pool[] = [];
  let openMarketUnoffered = 0;
  const consortiumShare = settings.consortiumOpenMarketAccessShare;
  for (let i = 0; i < M; i++) {
    // Each member's own share, as the projection used it; consortium children can reach at least that.
    const ownShare = settings.openMarketAccessShareByMember?.[i] ?? settings.openMarketAccessShare;
    const laRunOwn = settings.laRunOwnShareByMember?.[i] ?? 1;
    const p = priv[i] ?? 0;
    const v = vol[i] ?? 0;
    const open = p + v;
    const openPrice = (open > 0 ? (p * prices.private + v * prices.voluntary) / open : prices.private) * index;
    const privateShare = open > 0 ? p / open : 1;
    // A pool of member i's places at one weekly price (cash = marginal), for the children `eligible`
    // may name (−1: any member's but `excluded`'s).
    const memberPool =
      (kind: PoolKind, weekly: number, poolPrivateShare: number) =>
      (places: number, eligible: number, excluded: number): Pool => ({
        kind,
        host: i,
        eligible,
        excluded,
        places,
        fill: settings.targetOccupancy,
        capacity: 0,
        cashWeekly: weekly,
        marginalWeekly: weekly,
        privateShare: poolPrivateShare,
        lever: -1,
      });
    const laRunPool = memberPool('laRun', prices.localAuthority * index, 0);
    // Places in member i open to other members' children: one pool for any of them, or (calibrated)
    // each other member's part in proportion to its reach (./context.ts).
    const reach = settings.othersReachByMember;
    const weight = reach ? reach.reduce((t, a, k) => (k === i ? t : t + a), 0) : 0;
    const forOthers = (pool: (places: number, eligible: number, excluded: number) => Pool, places: number) => {
      if (reach && weight > 0) {
        for (let k = 0; k < M; k++) if (k !== i) pools.push(pool((places * (reach[k] ?? 0)) / weight, k, -1));
      } else pools.push(pool(places, -1, i));
    };
    pools.push(laRunPool(laRunOwn * (laRun[i] ?? 0), i, -1));
    // Calibrated: LA-run places beyond those its own children published inside fill, for other members'.
    if (laRunOwn < 1) forOthers(laRunPool, (1 - laRunOwn) * (laRun[i] ?? 0));
    const market = (kind: PoolKind) => memberPool(kind, openPrice, privateShare);
    pools.push(market('openOwn')(ownShare * open, i, -1));
    forOthers(market('openOthers'), Math.max(0, consortiumShare - ownShare) * open);
    const agreed = (offered[i] ?? 0) * (1 - Math.max(consortiumShare, ownShare)) * open;
    openMarketUnoffered += open * (1 - (offered[i] ?? 0));
    if (agreed > 0) pools.push(market('openAgreement')(agreed, -1, -1));
  }
  const blockInfo: BlockInYear[] = [];
  for (const b of blocks) {
    const lever = levers[b.lever];
    if (lever?.type !== 'blockContract') continue;
    const price = lever.weeklyPrice * (lever.indexed ? index : 1);
    blockInfo.push({
      lever: b.lever,
      pool: pools.length,
      paidBeds: b.beds,
      weeklyPrice: price,
      voidCostShare: lever.voidCostShare,
    });
    pools.push({
      kind: 'block',
      host: b.host,
      eligible: b.eligible,
      excluded: -1,
      places: b.beds * lever.guaranteedAccess,
      fill: settings.blockFill,
      capacity: 0,
      cashWeekly: 0,
      marginalWeekly: price * (1 - lever.voidCostShare),
      privateShare: 0,
      lever: b.lever,
    });
  }
  levers.forEach((lever, k) => {
    if (lever.type !== 'newHome') return;
    const t = yearNumber(year) - yearNumber(lever.openingYear);
    if (t < 0) return;
    const host = memberIndexes(context, lever.la)[0];
    if (host === undefined) return;
    pools.push({
      kind: 'newHome',
      host,
      eligible: lever.runBy === 'la' ? host : -1,
      excluded: -1,
      places: lever.places * rampShare(lever.rampUp, t),
      fill: settings.targetOccupancy,
      capacity: 0,
      cashWeekly: 0,
      marginalWeekly: 0,
      privateShare: 0,
      lever: k,
    });
  });

  // Children per pool in allocation units, rounded within groups — each member's own pools, and the
  // levers' pools together — so that a lever never changes the rounding of the pools it leaves alone.
  const groups = new Map<number, number[]>();
  pools.forEach((p, j) => {
    const group = p.lever >= 0 ? -1 : p.host;
    const list = groups.get(group) ?? [];
    list.push(j);
    groups.set(group, list);
  });
  for (const members of groups.values()) {
    const capacities = largestRemainder(
      members.map((j) => (pools[j]?.places ?? 0) * (pools[j]?.fill ?? 0) * ALLOCATION_UNITS),
    );
    members.forEach((j, k) => {
      const pool = pools[j];
      if (pool) pool.capacity = capacities[k] ?? 0;
    });
  }
  const accessiblePlaces = pools.reduce((s, p) => s + p.places, 0);

  // Outside the consortium: the private spot price plus the out-of-area premium.
  const outsidePrice = prices.private * index * (1 + settings.locality.outsidePremium);
  const near = (eligible: number, children: number): Pool => ({
    kind: 'outsideNear',
    host: -1,
    eligible,
    excluded: -1,
    places: 0,
    fill: 1,
    capacity: Math.round(children * ALLOCATION_UNITS),
    cashWeekly: outsidePrice,
    marginalWeekly: outsidePrice,
    privateShare: 1,
    lever: -1,
  });
  // The near outside market: member by member where calibrated so, else one for all.
  const byMember = context.outside.nearCapacityByMember;
  if (byMember) for (let i = 0; i < M; i++) pools.push(near(i, byMember[i] ?? 0));
  else pools.push(near(-1, context.outside.nearCapacity));
  pools.push({
    kind: 'outsideFar',
    host: -1,
    eligible: -1,
    excluded: -1,
    places: 0,
    fill: 1,
    capacity: context.outside.farCapacity === null ? null : context.outside.farCapacity * ALLOCATION_UNITS,
    cashWeekly: outsidePrice,
    marginalWeekly: outsidePrice,
    privateShare: 1,
    lever: -1,
  });
  return { pools, accessiblePlaces, openMarketUnoffered, blocks: blockInfo, warnings };
}

/** Miles from member i's centroid to a pool (0 within the LA; the outside market's mean distances). */
export function poolMiles(context: ScenarioContext, pool: Pool, i: number): number {
  if (pool.kind === 'outsideNear') return context.outside.nearMilesByMember[i] ?? context.outside.nearMiles;
  if (pool.kind === 'outsideFar') return context.outside.farMiles;
  return context.distances[i * context.members.length + pool.host] ?? 0;
}

const isDistant = (pool: Pool, miles: number): boolean =>
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

const sum = (a: ArrayLike<number>): number => {
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

/** Effects of the demand levers on each member's projected children, per year. */
export interface DemandEffects {
  /** Multiplier on the projection's demand, `multiplier[i × H + h]`. */
  multiplier: Float64Array;
  /** Children stepped down to foster care per unit of projected demand, `steppedDown[i × H + h]`. */
  steppedDown: Float64Array;
  /** Foster cost of those children per unit of projected demand, £ a week (at the price year). */
  fosterWeekly: Float64Array;
  /** Entries to children's homes prevented in the year per unit of projected demand. */
  prevented: Float64Array;
  /** Children moved to foster care in the year per unit of projected demand. */
  movedDown: Float64Array;
  /** Delivery cost in the year per unit of projected demand, £ (at the price year): prevention and step-down per child. */
  deliveryCost: Float64Array;
  /** Per lever: whether the combined cap cut its effect in any year (for prevention and step-down levers). */
  capped: boolean[];
}

/** Cost per child worked with, children worked with per entry prevented, and one-off step-down cost: the levers' own or the context's. */
export function deliveryAssumptions(context: ScenarioContext, lever: Lever): { perChild: number; workedWith: number } {
  const d = context.settings.delivery;
  if (lever.type === 'prevention') {
    return {
      perChild: lever.costPerChild ?? d.preventionCostPerChild,
      workedWith: lever.workedWithPerEntryPrevented ?? d.preventionWorkedWithPerEntryPrevented,
    };
  }
  if (lever.type === 'stepDown') return { perChild: lever.costPerChild ?? d.stepDownCostPerChild, workedWith: 1 };
  return { perChild: 0, workedWith: 0 };
}

export function demandEffects(context: ScenarioContext, levers: readonly Lever[]): DemandEffects {
  const M = context.members.length;
  const H = context.years.length;
  const multiplier = new Float64Array(M * H).fill(1);
  const steppedDown = new Float64Array(M * H);
  const fosterWeekly = new Float64Array(M * H);
  const prevented = new Float64Array(M * H);
  const movedDown = new Float64Array(M * H);
  const deliveryCost = new Float64Array(M * H);
  const capped = levers.map(() => false);
  const mu = 1 / context.settings.meanPlacementYears;
  const { preventionMaxShare, stepDownMaxShare } = context.settings;
  const dt = 1 / 12;
  const leave = Math.exp(-mu * dt);
  const startIndex = (year: string) => yearNumber(year) - yearNumber(context.years[0] ?? year);
  for (let i = 0; i < M; i++) {
    const code = context.members[i]?.code;
    const applies = (la: string) => la === 'all' || la === code;
    const prevention: { lever: Extract<Lever, { type: 'prevention' }>; k: number }[] = [];
    const stepDown: { lever: Extract<Lever, { type: 'stepDown' }>; k: number }[] = [];
    levers.forEach((l, k) => {
      if (l.type === 'prevention' && applies(l.la)) prevention.push({ lever: l, k });
      if (l.type === 'stepDown' && applies(l.la)) stepDown.push({ lever: l, k });
    });
    if (prevention.length === 0 && stepDown.length === 0) continue;
    let S = 1;
    const F = new Float64Array(stepDown.length);
    for (let h = 0; h < H; h++) {
      // Prevention: the combined cut in entries, at most the plausible share; each lever's part pro rata.
      const xs = prevention.map(
        ({ lever }) => lever.entriesReduction * rampShare(lever.rampUp, h - startIndex(lever.startYear)),
      );
      const wanted = 1 - xs.reduce((keep, x) => keep * (1 - x), 1);
      const x = Math.min(wanted, preventionMaxShare);
      if (wanted > x + 1e-12) prevention.forEach(({ k }) => (capped[k] = true));
      // Step-down: the combined exit rate, at most the plausible share a year.
      const wantedYs = stepDown.map(
        ({ lever }) => lever.annualShare * rampShare(lever.rampUp, h - startIndex(lever.startYear)),
      );
      const wantedY = wantedYs.reduce((s, v) => s + v, 0);
      const scale = wantedY > stepDownMaxShare ? stepDownMaxShare / wantedY : 1;
      if (scale < 1) stepDown.forEach(({ k }) => (capped[k] = true));
      const ys = wantedYs.map((v) => v * scale);
      const y = ys.reduce((s, v) => s + v, 0);
      const k = mu + y;
      const target = (mu * (1 - x)) / k;
      const decay = Math.exp(-k * dt);
      const moved = new Float64Array(stepDown.length);
      for (let month = 0; month < 12; month++) {
        const next = target + (S - target) * decay;
        const mean = (S + next) / 2;
        for (let q = 0; q < F.length; q++) {
          F[q] = (F[q] ?? 0) * leave + (ys[q] ?? 0) * mean * ((1 - leave) / mu);
          moved[q] = (moved[q] ?? 0) + (ys[q] ?? 0) * mean * dt;
        }
        S = next;
      }
      multiplier[i * H + h] = S;
      // Entries the projection expects in the year (μ × its stock) × the cut.
      const entriesPrevented = mu * x;
      prevented[i * H + h] = entriesPrevented;
      let delivery = 0;
      if (wanted > 0) {
        prevention.forEach(({ lever }, q) => {
          const share = (xs[q] ?? 0) / xs.reduce((s, v) => s + v, 0);
          const { perChild, workedWith } = deliveryAssumptions(context, lever);
          delivery += entriesPrevented * share * workedWith * perChild;
        });
      }
      let fostered = 0;
      let weekly = 0;
      let movedTotal = 0;
      stepDown.forEach(({ lever }, q) => {
        const f = F[q] ?? 0;
        fostered += f;
        weekly += f * (lever.fosterWeeklyCost ?? context.prices.fosterAgency);
        movedTotal += moved[q] ?? 0;
        delivery += (moved[q] ?? 0) * deliveryAssumptions(context, lever).perChild;
      });
      steppedDown[i * H + h] = fostered;
      fosterWeekly[i * H + h] = weekly;
      movedDown[i * H + h] = movedTotal;
      deliveryCost[i * H + h] = delivery;
    }
  }
  return { multiplier, steppedDown, fosterWeekly, prevented, movedDown, deliveryCost, capped };
}

/**
 * Share of each member's children under a distance policy per year: those placed since it began —
 * 1 − exp(−t ÷ mean placement length) after t years — unless the lever gives its own ramp-up.
 */
export function policyShares(context: ScenarioContext, levers: readonly Lever[], h: number): Float64Array {
  const M = context.members.length;
  const shares = new Float64Array(M);
  const year = yearNumber(context.years[h] ?? '0');
  for (const lever of levers) {
    if (lever.type !== 'distancePolicy') continue;
    const t = year - yearNumber(lever.startYear);
    if (t < 0) continue;
    const share = lever.rampUp
      ? rampShare(lever.rampUp, t)
      : 1 - Math.exp(-(t + 1) / context.settings.meanPlacementYears);
    for (const i of memberIndexes(context, lever.la)) shares[i] = Math.max(shares[i] ?? 0, share);
  }
  return shares;
}

export const emptyCost = (): CostBreakdown => ({
  placementsBySector: { localAuthority: 0, private: 0, voluntary: 0, outsideConsortium: 0, unmet: 0 },
  blockContracts: 0,
  voids: 0,
  capital: 0,
  running: 0,
  programmes: 0,
  travel: 0,
  missingEpisodes: 0,
  residualValue: 0,
  total: 0,
});

/** Costs that do not depend on the allocation, for one year. */
export interface FixedCosts {
  capital: number;
  running: number;
  programmes: number;
  /** Residual value of new homes' capital at the horizon (≤ 0), in the last projected year only. */
  residualValue: number;
}

/**
 * Straight-line residual value of a new home's capital at the end of the last projected year: capital
 * × (1 − years in use ÷ asset life), never below 0; years in use count from the opening year.
 */
export function residualValue(
  context: ScenarioContext,
  lever: Extract<Lever, { type: 'newHome' }>,
): { yearsUsed: number; value: number } {
  const last = yearNumber(context.years[context.years.length - 1] ?? '0');
  const yearsUsed = Math.max(0, last - yearNumber(lever.openingYear) + 1);
  return { yearsUsed, value: lever.capitalCost * Math.max(0, 1 - yearsUsed / lever.assetLifeYears) };
}

/** Costs that do not depend on the allocation: capital, its residual value, running, programme and agreement costs. */
export function fixedCosts(context: ScenarioContext, scenario: Scenario, h: number, index: number): FixedCosts {
  const year = yearNumber(context.years[h] ?? '0');
  const first = yearNumber(context.years[0] ?? '0');
  const lastYear = h === context.years.length - 1;
  let capital = 0;
  let running = 0;
  let programmes = 0;
  let residual = 0;
  for (const lever of scenario.levers) {
    if (lever.type === 'newHome') {
      const opening = yearNumber(lever.openingYear);
      // Capital is spent the year before opening; before the horizon it counts in the first year.
      if (Math.max(first, opening - 1) === year) capital += lever.capitalCost;
      if (year >= opening) running += lever.runningCostPerYear * index;
      if (lastYear) residual -= residualValue(context, lever).value;
    } else if (lever.type === 'prevention' || lever.type === 'stepDown' || lever.type === 'localFirstAgreement') {
      if (year >= yearNumber(lever.startYear)) programmes += lever.annualCost * index;
    }
  }
  return { capital, running, programmes, residualValue: residual };
}

/**
 * Cost of a year: placements at the sector price × weeks in the year (outside the consortium with the
 * out-of-area premium), block beds in use and empty (× void share), travel and staff time by distance,
 * missing incidents × their public cost, new homes' capital, running costs and residual value, and the
 * levers' programme and delivery costs plus foster placements of stepped-down children
 * (`fosterWeekly` £ a week and `delivery` £ in the year, at the price year). Apart from the fixed
 * costs, this is the allocation's own objective, in pounds.
 */
export function costYear(
  context: ScenarioContext,
  problem: YearProblem,
  allocation: YearAllocation,
  fixed: FixedCosts,
  demandCosts: { fosterWeekly: number; delivery: number },
  index: number,
): CostBreakdown {
  const supply = problem.supply;
  const weeks = context.settings.weeksPerYear;
  const cost = emptyCost();
  const s = cost.placementsBySector;
  supply.pools.forEach((pool, j) => {
    const n = allocation.used[j] ?? 0;
    const annual = n * pool.cashWeekly * weeks;
    if (pool.kind === 'laRun') s.localAuthority += annual;
    else if (pool.kind === 'outsideNear' || pool.kind === 'outsideFar') s.outsideConsortium += annual;
    else if (pool.kind === 'openOwn' || pool.kind === 'openOthers' || pool.kind === 'openAgreement') {
      // Split by the pool's places: cash = n × blended price, so the sector parts add up to it.
      const p = context.prices.private * pool.privateShare;
      const v = context.prices.voluntary * (1 - pool.privateShare);
      const privatePart = p + v > 0 ? p / (p + v) : 1;
      s.private += annual * privatePart;
      s.voluntary += annual * (1 - privatePart);
    }
  });
  let travelWeekly = 0;
  allocation.placed.forEach((n, k) => {
    if (n !== 0) travelWeekly += n * context.settings.locality.travelPerMileWeekly * (problem.arcMiles[k] ?? 0);
  });
  cost.travel = travelWeekly * weeks;
  const figures = placementFigures(context, allocation);
  cost.missingEpisodes = figures.expectedMissingIncidents * context.settings.locality.missingIncidentCost;
  s.unmet = sum(allocation.unmet) * context.prices.unmet * index * weeks;
  for (const b of supply.blocks) {
    const used = allocation.used[b.pool] ?? 0;
    cost.blockContracts += used * b.weeklyPrice * weeks;
    cost.voids += Math.max(0, b.paidBeds - used) * b.weeklyPrice * b.voidCostShare * weeks;
  }
  cost.capital = fixed.capital;
  cost.running = fixed.running;
  cost.residualValue = fixed.residualValue;
  cost.programmes = fixed.programmes + (demandCosts.fosterWeekly * weeks + demandCosts.delivery) * index;
  cost.total =
    s.localAuthority +
    s.private +
    s.voluntary +
    s.outsideConsortium +
    s.unmet +
    cost.blockContracts +
    cost.voids +
    cost.capital +
    cost.running +
    cost.programmes +
    cost.travel +
    cost.missingEpisodes +
    cost.residualValue;
  return cost;
}

/** Adds `b × k` into `a` (component by component). */
export function addCost(a: CostBreakdown, b: CostBreakdown, k = 1): void {
  const sa = a.placementsBySector;
  const sb = b.placementsBySector;
  sa.localAuthority += sb.localAuthority * k;
  sa.private += sb.private * k;
  sa.voluntary += sb.voluntary * k;
  sa.outsideConsortium += sb.outsideConsortium * k;
  sa.unmet += sb.unmet * k;
  a.blockContracts += b.blockContracts * k;
  a.voids += b.voids * k;
  a.capital += b.capital * k;
  a.running += b.running * k;
  a.programmes += b.programmes * k;
  a.travel += b.travel * k;
  a.missingEpisodes += b.missingEpisodes * k;
  a.residualValue += b.residualValue * k;
  a.total += b.total * k;
}

/** Discount factor for projected year index h (0 = first): end-of-year, 1 ÷ (1 + r)^(h + 1). */
export function discountFactor(rate: number, h: number): number {
  return 1 / Math.pow(1 + rate, h + 1);
}

/** Net present value of yearly amounts, the first discounted by one full year (end-of-year convention). */
export function netPresentValue(amounts: readonly number[], rate: number): number {
  return amounts.reduce((s, x, h) => s + x * discountFactor(rate, h), 0);
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
