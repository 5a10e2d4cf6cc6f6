/**
 * The supply side of a scenario year: pools of beds and block contracts, after the levers.
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
 */
import type { Lever } from '../levers.js';
import type { PoolKind, ScenarioContext } from '../types.js';
import { ALLOCATION_UNITS, largestRemainder, memberIndexes, rampShare, yearNumber } from './units.js';

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
    // each other member's part in proportion to its reach (../context/calibrateMembers.ts).
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
