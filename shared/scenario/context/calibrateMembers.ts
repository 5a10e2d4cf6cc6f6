/**
 * Member-by-member calibration of the base-year baseline: how much of each member's LA-run places
 * its own children keep, each member's reach into the other members' places, and each member's near
 * outside capacity, so the baseline reproduces every member's published inside-boundary and 20+ mile
 * shares (or names the member and why not).
 */
import { ALLOCATION_UNITS, buildYearProblem, buildYearSupply, placementFigures, solveYear } from '../model/index.js';
import type { MemberCalibration, ScenarioContext } from '../types.js';
import { MAX_CALIBRATION_ITERATIONS, pct } from './constants.js';

/** One member's calibration targets: shares of its children in homes inside its boundary and 20+ miles away. */
export interface MemberTarget {
  inside: number;
  over20Miles: number;
  /** Why its own share cannot reproduce the inside share (../../forecast/accessShares.ts), or null. */
  limit: string | null;
}

/** Within this many percentage points of a member's published split counts as calibrated. */
export const CALIBRATION_TOLERANCE = 0.03;

/**
 * Member-by-member calibration of the base-year baseline (see ./build.ts), deterministic:
 * 1. LA-run places: where a member's LA-run places alone (× occupancy) hold more children than it
 *    publishes placing inside its boundary, only the share that holds them is kept for its own
 *    children and the rest is open to other members' (closed form).
 * 2. Each member's near outside capacity by fixed-point iteration on the base-year allocation:
 *    capacity_i = its outside placements − (its 20+ mile target × its children − its distant
 *    placements inside the consortium), bounded to 0…its outside placements, all members at once,
 *    until no capacity changes (to a thousandth of a child) or 25 rounds; on a repeat the smaller
 *    of each pair is kept (more distant placements, the cautious side).
 * Before step 2, each member's reach into the other members' places open to consortium children is
 * fitted (othersReach), so its children placed elsewhere in the consortium leave at least its 20+
 * mile target outside it. Its own open-market share is the projection's (estimated so its own
 * children placed inside its boundary fill it), so the inside share is reproduced without changing
 * the gap.
 */
export function calibrateMembers(
  context: ScenarioContext,
  targets: readonly MemberTarget[],
): { capacity: number[]; iterations: number; notes: string[]; rows: MemberCalibration[] } {
  const M = context.members.length;
  const children = context.baseYearChildren;
  const occ = context.settings.targetOccupancy;
  const laRunOwn = context.supply.map((s, i) => {
    const inside = (targets[i]?.inside ?? 0) * (children[i] ?? 0);
    return s.laRun * occ > inside && s.laRun > 0 ? inside / (s.laRun * occ) : 1;
  });
  if (laRunOwn.some((k) => k < 1)) context.settings.laRunOwnShareByMember = laRunOwn;
  const notes: string[] = [];
  const reach = othersReach(context, targets, laRunOwn);
  context.settings.othersReachByMember = reach.weights;
  const noPolicy = new Float64Array(M);
  const solveAt = (capacity: readonly number[]) => {
    context.outside.nearCapacityByMember = [...capacity];
    const supply = buildYearSupply(context, [], 0, 1, true);
    const problem = buildYearProblem(context, supply, noPolicy);
    return { problem, allocation: solveYear(context, problem, children) };
  };
  const thousandth = (v: number) => Math.round(v * ALLOCATION_UNITS) / ALLOCATION_UNITS;
  let capacity = new Array<number>(M).fill(0);
  const seen = new Set<string>();
  let iterations = 0;
  let solved = solveAt(capacity);
  for (;;) {
    iterations++;
    const { problem, allocation } = solved;
    const far = new Float64Array(M);
    allocation.placed.forEach((n, k) => {
      if (n !== 0 && problem.supply.pools[problem.arcPool[k] ?? 0]?.kind === 'outsideFar')
        far[problem.arcMember[k] ?? 0] = (far[problem.arcMember[k] ?? 0] ?? 0) + n;
    });
    const next = capacity.map((_, i) => {
      const outside = allocation.outside[i] ?? 0;
      const distantInside = (allocation.over20[i] ?? 0) - (far[i] ?? 0);
      const wantFar = (targets[i]?.over20Miles ?? 0) * (children[i] ?? 0);
      return thousandth(Math.min(outside, Math.max(0, outside - (wantFar - distantInside))));
    });
    if (next.every((c, i) => c === capacity[i]) || iterations >= MAX_CALIBRATION_ITERATIONS) break;
    seen.add(capacity.join(','));
    if (seen.has(next.join(','))) {
      capacity = capacity.map((c, i) => Math.min(c, next[i] ?? c));
      solved = solveAt(capacity);
      notes.push(
        'The member-by-member calibration alternated between two sets of capacities; the smaller of each was kept.',
      );
      break;
    }
    capacity = next;
    solved = solveAt(capacity);
  }
  const { allocation } = solved;
  const rows: MemberCalibration[] = context.members.map((m, i) => {
    const f = placementFigures(context, allocation, i);
    const placed = Math.max(1e-9, f.placedOwnLa + f.placedElsewhereInConsortium + f.placedOutside);
    const insideModelled = f.placedOwnLa / placed;
    const over20Modelled = f.over20Miles / placed;
    const t = targets[i];
    const insideOff = t ? insideModelled - t.inside : 0;
    const farOff = t ? over20Modelled - t.over20Miles : 0;
    const reasons: string[] = [];
    if (Math.abs(insideOff) > CALIBRATION_TOLERANCE) {
      const own = context.settings.openMarketAccessShareByMember?.[i] ?? context.settings.openMarketAccessShare;
      reasons.push(
        `${pct(insideModelled)} modelled inside its boundary against ${pct(t?.inside ?? 0)} published: ${
          t?.limit ??
          (context.settings.openMarketAccessShareByMember
            ? `its own open-market share (${pct(own)}) leaves its children competing with other members’ for its places`
            : 'its own open-market share is set for every member in the assumption register, not estimated from its figures')
        }`,
      );
    }
    if (Math.abs(farOff) > CALIBRATION_TOLERANCE) {
      reasons.push(
        `${pct(over20Modelled)} modelled more than 20 miles away against ${pct(t?.over20Miles ?? 0)}: ${
          farOff > 0
            ? 'more of its children are placed far inside the consortium than the target allows, even with all its placements outside the consortium near'
            : `too few of its children are placed outside its boundary (${pct(1 - insideModelled)}) for the target, even with all its placements outside the consortium far`
        }`,
      );
    }
    if (Math.abs(farOff) > CALIBRATION_TOLERANCE && farOff < 0 && reach.surplus > 0.5) {
      reasons.push(
        `the consortium open-market share counts ${reach.surplus.toFixed(0)} more children’s places in other members than the members’ published splits leave them using there (their children outside their boundary less their 20+ mile targets); a lower consortium share would bring it closer`,
      );
    }
    const why = reasons.length ? reasons.join('; ') : null;
    if (why) notes.push(`${m.name} is not calibrated within 3 percentage points: ${why}.`);
    return {
      code: m.code,
      name: m.name,
      children: children[i] ?? 0,
      insideTarget: t?.inside ?? null,
      insideModelled,
      over20MilesTarget: t?.over20Miles ?? null,
      over20MilesModelled: over20Modelled,
      openMarketAccessShare:
        context.settings.openMarketAccessShareByMember?.[i] ?? context.settings.openMarketAccessShare,
      laRunOwnShare: laRunOwn[i] ?? 1,
      nearOutsideCapacity: capacity[i] ?? 0,
      withinTolerance: why === null,
      why,
    };
  });
  return { capacity, iterations, notes, rows };
}

/**
 * Each member's reach into the other members' places open to consortium children (see
 * calibrateMembers): weights a such that member i's part of the places, Σ over hosts h ≠ i of
 * children_h × a_i ÷ Σ_{k ≠ h} a_k, is its published room elsewhere in the consortium — its children
 * outside its boundary less its 20+ mile target, (1 − inside − 20+) × children — scaled so the parts
 * add up to the places (iterative proportional fitting, 200 rounds, deterministic). `surplus`: how
 * many children's places the scaling had to add to the members' room (0 when the room is enough).
 */
export function othersReach(
  context: ScenarioContext,
  targets: readonly MemberTarget[],
  laRunOwn: readonly number[],
): { weights: number[]; surplus: number } {
  const { targetOccupancy: occ, consortiumOpenMarketAccessShare: c } = context.settings;
  const M = context.members.length;
  const own = (i: number) =>
    context.settings.openMarketAccessShareByMember?.[i] ?? context.settings.openMarketAccessShare;
  // Children each host's places for other members can hold, at the supply snapshot.
  const hosts = context.supply.map(
    (s, h) => occ * (Math.max(0, c - own(h)) * (s.private + s.voluntary) + (1 - (laRunOwn[h] ?? 1)) * s.laRun),
  );
  const total = hosts.reduce((t, x) => t + x, 0);
  const room = targets.map((t, i) => Math.max(0, (1 - t.inside - t.over20Miles) * (context.baseYearChildren[i] ?? 0)));
  const roomTotal = room.reduce((t, x) => t + x, 0);
  if (!(total > 0) || !(roomTotal > 0))
    return { weights: new Array<number>(M).fill(1), surplus: Math.max(0, total - roomTotal) };
  const want = room.map((r) => (r * total) / roomTotal);
  const weights = room.map((r) => (r > 0 ? r : 0));
  for (let round = 0; round < 200; round++) {
    const sums = hosts.map((_, h) => weights.reduce((t, a, k) => (k === h ? t : t + a), 0));
    const got = weights.map((a, i) =>
      hosts.reduce((t, x, h) => (h === i || !((sums[h] ?? 0) > 0) ? t : t + (x * a) / (sums[h] ?? 1)), 0),
    );
    for (let i = 0; i < M; i++) {
      const g = got[i] ?? 0;
      if (g > 0 && (want[i] ?? 0) > 0) weights[i] = (weights[i] ?? 0) * ((want[i] ?? 0) / g);
    }
  }
  const top = Math.max(...weights);
  return {
    weights: weights.map((a) => (top > 0 ? Math.round((a / top) * 1e6) / 1e6 : 1)),
    surplus: Math.max(0, total - roomTotal),
  };
}
