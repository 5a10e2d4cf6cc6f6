/**
 * The year-by-year mechanics of a scenario: what its levers do to supply, demand and prices, how
 * each year's children are allocated to beds, and what that costs.
 *
 * **Supply (pools of beds).** For each member LA: its LA-run places (used by its own children); its
 * private and voluntary places (the open market), of which the projection's LA share (30%) is open
 * to its own children, the consortium share less that (60% − 30%) to other members' children, and
 * the rest to children from outside the consortium — so the baseline reproduces the published
 * pattern of LAs' own children filling only part of their local homes; a local-first agreement adds
 * agreed × (1 − consortium share) for any member's children. Then block-contracted beds (taken out
 * of the host's open market when they are existing places), new homes (× their ramp-up), and
 * closures. Open-market pools are priced at the places-weighted private and voluntary price. The
 * places accessible to the consortium (what the gap uses) are LA-run + consortium share × open
 * market + agreed + contracted + new, as in the projection. Outside the consortium:
 * a "near" market (within 20 miles of home) whose capacity is calibrated, and a "far" market (more
 * than 20 miles), unlimited unless set. Children a pool can take = its places × target occupancy
 * (a home cannot be matched at 100%), rounded to whole children by the largest-remainder method
 * within each member's pools and within the levers' pools.
 *
 * **Allocation.** Each LA's children (whole numbers) are placed at least total cost, where a child's
 * cost in a pool is the marginal weekly price plus a distance penalty per mile between LA centroids
 * (the penalty steers, it is never a cash cost). Marginal prices: spot placements pay the sector
 * price; a block bed is paid for anyway, so placing a child there only saves the void share; a new
 * home's running cost is fixed, so its places cost nothing extra. With a distance policy, children
 * placed since it began get a penalty on beds more than 20 miles away that outweighs any saving, so
 * they go there only when no reshuffle frees a nearer bed. Anyone who cannot be placed at all is
 * reported as unmet, at a penalty larger still (the order is lexicographic: place everyone possible,
 * then keep policy children near, then minimise cost). The near outside market is nearer to members
 * at the consortium's edge, so who uses it is decided by geography, not by ties.
 *
 * **Demand levers** act on the projection through a stock-flow view of children's homes: children
 * leave at rate μ = 1 ÷ mean placement length; prevention cuts entries by x, step-down adds an exit
 * rate y to foster care. Relative to the projection (taken as the no-lever path),
 * dS/dt = μ(1 − x) − (μ + y)S with S(0) = 1, stepped monthly with the exact solution, so a 10% cut in
 * entries shows about 6% fewer children after a year and approaches 10%. Stepped-down children are
 * assumed to stay in foster care as long as they would have stayed in the home (dF/dt = yS − μF).
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
  /** Children it can take (whole), or null for no limit. */
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
): YearSupply {
  const year = context.years[h] ?? '';
  const M = context.members.length;
  const { prices, settings } = context;
  const warnings: string[] = [];
  const laRun = context.supply.map((s) => s.laRun);
  const priv = context.supply.map((s) => s.private);
  const vol = context.supply.map((s) => s.voluntary);
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
  const ownShare = Math.min(settings.openMarketAccessShare, consortiumShare);
  for (let i = 0; i < M; i++) {
    const p = priv[i] ?? 0;
    const v = vol[i] ?? 0;
    const open = p + v;
    const openPrice = (open > 0 ? (p * prices.private + v * prices.voluntary) / open : prices.private) * index;
    const privateShare = open > 0 ? p / open : 1;
    pools.push({
      kind: 'laRun',
      host: i,
      eligible: i,
      excluded: -1,
      places: laRun[i] ?? 0,
      capacity: 0,
      cashWeekly: prices.localAuthority * index,
      marginalWeekly: prices.localAuthority * index,
      privateShare: 0,
      lever: -1,
    });
    const market = (kind: PoolKind, places: number, eligible: number, excluded: number): Pool => ({
      kind,
      host: i,
      eligible,
      excluded,
      places,
      capacity: 0,
      cashWeekly: openPrice,
      marginalWeekly: openPrice,
      privateShare,
      lever: -1,
    });
    pools.push(market('openOwn', ownShare * open, i, -1));
    pools.push(market('openOthers', (consortiumShare - ownShare) * open, -1, i));
    const agreed = (offered[i] ?? 0) * (1 - consortiumShare) * open;
    openMarketUnoffered += open * (1 - (offered[i] ?? 0));
    if (agreed > 0) pools.push(market('openAgreement', agreed, -1, -1));
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
      capacity: 0,
      cashWeekly: 0,
      marginalWeekly: 0,
      privateShare: 0,
      lever: k,
    });
  });

  // Whole children per pool, rounded within groups — each member's own pools, and the levers' pools
  // together — so that a lever never changes the rounding of the existing pools it leaves alone.
  const occupancy = settings.targetOccupancy;
  const groups = new Map<number, number[]>();
  pools.forEach((p, j) => {
    const group = p.lever >= 0 ? -1 : p.host;
    const list = groups.get(group) ?? [];
    list.push(j);
    groups.set(group, list);
  });
  for (const members of groups.values()) {
    const capacities = largestRemainder(members.map((j) => (pools[j]?.places ?? 0) * occupancy));
    members.forEach((j, k) => {
      const pool = pools[j];
      if (pool) pool.capacity = capacities[k] ?? 0;
    });
  }
  const accessiblePlaces = pools.reduce((s, p) => s + p.places, 0);

  const outsidePrice = prices.private * index;
  pools.push({
    kind: 'outsideNear',
    host: -1,
    eligible: -1,
    excluded: -1,
    places: 0,
    capacity: context.outside.nearCapacity,
    cashWeekly: outsidePrice,
    marginalWeekly: outsidePrice,
    privateShare: 1,
    lever: -1,
  });
  pools.push({
    kind: 'outsideFar',
    host: -1,
    eligible: -1,
    excluded: -1,
    places: 0,
    capacity: context.outside.farCapacity,
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

/** Tenths of a pound a week: the allocation's integer cost unit (fine enough to separate distances). */
const costUnits = (pounds: number): number => Math.round(pounds * 10);

export function buildYearProblem(context: ScenarioContext, supply: YearSupply, policyShare: Float64Array): YearProblem {
  const M = context.members.length;
  const penaltyPerMile = context.settings.distancePenaltyPerMile;
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
      const cost = costUnits(pool.marginalWeekly + penaltyPerMile * miles);
      maxBase = Math.max(maxBase, cost);
      base.push({ member: i, pool: j, miles, cost });
    });
  }
  // Penalties in strict (lexicographic) order: first place everyone who can be placed, then keep
  // children under a distance policy within 20 miles wherever a reshuffle allows, then minimise cost.
  // An augmenting path changes at most (sources + pools) arcs, each by less than maxBase + 1, so a
  // penalty above (sources + pools + 1) × that always outweighs any saving from the cheaper arcs.
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

/** One year's allocation, aggregated. */
export interface YearAllocation {
  /** Per member: own LA, elsewhere in consortium, outside, unmet, over 20 miles. */
  own: Int32Array;
  elsewhere: Int32Array;
  outside: Int32Array;
  unmet: Int32Array;
  over20: Int32Array;
  /** Children placed in each pool. */
  used: Int32Array;
  /** Placed children per arc (same order as problem.arcs). */
  placed: number[];
}

/** Allocates whole numbers of children per member (see the file comment). */
export function solveYear(context: ScenarioContext, problem: YearProblem, children: ArrayLike<number>): YearAllocation {
  const M = context.members.length;
  const withPolicy = problem.sourceChildren.length > M;
  const sources = problem.sourceChildren;
  for (let i = 0; i < M; i++) {
    const n = Math.max(0, Math.round(children[i] ?? 0));
    const underPolicy = withPolicy ? Math.round(n * (problem.policyShare[i] ?? 0)) : 0;
    sources[i] = n - underPolicy;
    if (withPolicy) sources[M + i] = underPolicy;
  }
  const result = problem.allocator.solve(sources);
  const own = new Int32Array(M);
  const elsewhere = new Int32Array(M);
  const outside = new Int32Array(M);
  const unmet = new Int32Array(M);
  const over20 = new Int32Array(M);
  const used = Int32Array.from(result.used);
  result.placed.forEach((n, k) => {
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
    unmet[i] = (unmet[i] ?? 0) + n;
  });
  return { own, elsewhere, outside, unmet, over20, used, placed: result.placed };
}

const sum = (a: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] ?? 0;
  return s;
};

/** Placement figures for the consortium, or for one member when `member` is given. */
export function placementFigures(context: ScenarioContext, a: YearAllocation, member?: number): PlacementFigures {
  const pick = (arr: Int32Array) => (member === undefined ? sum(arr) : (arr[member] ?? 0));
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
}

export function demandEffects(context: ScenarioContext, levers: readonly Lever[]): DemandEffects {
  const M = context.members.length;
  const H = context.years.length;
  const multiplier = new Float64Array(M * H).fill(1);
  const steppedDown = new Float64Array(M * H);
  const fosterWeekly = new Float64Array(M * H);
  const mu = 1 / context.settings.meanPlacementYears;
  const dt = 1 / 12;
  const leave = Math.exp(-mu * dt);
  const startIndex = (year: string) => yearNumber(year) - yearNumber(context.years[0] ?? year);
  for (let i = 0; i < M; i++) {
    const code = context.members[i]?.code;
    const applies = (la: string) => la === 'all' || la === code;
    const prevention = levers.filter(
      (l): l is Extract<Lever, { type: 'prevention' }> => l.type === 'prevention' && applies(l.la),
    );
    const stepDown = levers.filter(
      (l): l is Extract<Lever, { type: 'stepDown' }> => l.type === 'stepDown' && applies(l.la),
    );
    if (prevention.length === 0 && stepDown.length === 0) continue;
    let S = 1;
    const F = new Float64Array(stepDown.length);
    for (let h = 0; h < H; h++) {
      let keep = 1;
      for (const l of prevention) keep *= 1 - l.entriesReduction * rampShare(l.rampUp, h - startIndex(l.startYear));
      const x = 1 - keep;
      const ys = stepDown.map((l) => l.annualShare * rampShare(l.rampUp, h - startIndex(l.startYear)));
      const y = ys.reduce((s, v) => s + v, 0);
      const k = mu + y;
      const target = (mu * (1 - x)) / k;
      const decay = Math.exp(-k * dt);
      for (let month = 0; month < 12; month++) {
        const next = target + (S - target) * decay;
        const mean = (S + next) / 2;
        for (let q = 0; q < F.length; q++) F[q] = (F[q] ?? 0) * leave + (ys[q] ?? 0) * mean * ((1 - leave) / mu);
        S = next;
      }
      multiplier[i * H + h] = S;
      let fostered = 0;
      let weekly = 0;
      stepDown.forEach((l, q) => {
        const f = F[q] ?? 0;
        fostered += f;
        weekly += f * (l.fosterWeeklyCost ?? context.prices.fosterAgency);
      });
      steppedDown[i * H + h] = fostered;
      fosterWeekly[i * H + h] = weekly;
    }
  }
  return { multiplier, steppedDown, fosterWeekly };
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
  total: 0,
});

/** Costs that do not depend on the allocation: capital, running, programme and agreement costs. */
export function fixedCosts(
  context: ScenarioContext,
  scenario: Scenario,
  h: number,
  index: number,
): { capital: number; running: number; programmes: number } {
  const year = yearNumber(context.years[h] ?? '0');
  const first = yearNumber(context.years[0] ?? '0');
  let capital = 0;
  let running = 0;
  let programmes = 0;
  for (const lever of scenario.levers) {
    if (lever.type === 'newHome') {
      const opening = yearNumber(lever.openingYear);
      // Capital is spent the year before opening; before the horizon it counts in the first year.
      if (Math.max(first, opening - 1) === year) capital += lever.capitalCost;
      if (year >= opening) running += lever.runningCostPerYear * index;
    } else if (lever.type === 'prevention' || lever.type === 'stepDown' || lever.type === 'localFirstAgreement') {
      if (year >= yearNumber(lever.startYear)) programmes += lever.annualCost * index;
    }
  }
  return { capital, running, programmes };
}

/**
 * Cash cost of a year: placements at the sector price × weeks in the year, block beds in use and
 * empty (× void share), new homes' capital and running costs, and the levers' programme costs
 * plus foster placements of stepped-down children (`fosterWeekly` £ a week at the price year).
 */
export function costYear(
  context: ScenarioContext,
  supply: YearSupply,
  allocation: YearAllocation,
  fixed: { capital: number; running: number; programmes: number },
  fosterWeekly: number,
  index: number,
): CostBreakdown {
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
  s.unmet = sum(allocation.unmet) * context.prices.unmet * index * weeks;
  for (const b of supply.blocks) {
    const used = allocation.used[b.pool] ?? 0;
    cost.blockContracts += used * b.weeklyPrice * weeks;
    cost.voids += Math.max(0, b.paidBeds - used) * b.weeklyPrice * b.voidCostShare * weeks;
  }
  cost.capital = fixed.capital;
  cost.running = fixed.running;
  cost.programmes = fixed.programmes + fosterWeekly * index * weeks;
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
    cost.programmes;
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
