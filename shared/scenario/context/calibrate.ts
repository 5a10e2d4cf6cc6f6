/**
 * Calibrating a scenario context's baseline (see ./build.ts): choosing member-by-member or
 * consortium-wide calibration, and the near outside market's capacity that makes the baseline's 20+
 * mile share match its target (by fixed-point iteration, or the member-by-member result), compared
 * with the plan's observed placement flows in their latest period.
 */
import type { ProjectionResult } from '../../forecast/types.js';
import type { PlanData } from '../../model/summarise.js';
import { ALLOCATION_UNITS, buildYearProblem, buildYearSupply, placementFigures, solveYear } from '../model/index.js';
import type { Calibration, PlacementFigures, ScenarioContext } from '../types.js';
import { calibrateMembers, type MemberTarget } from './calibrateMembers.js';
import { MAX_CALIBRATION_ITERATIONS, pct } from './constants.js';
import type { ScenarioContextOptions } from './options.js';
import { over20Target } from './over20Target.js';

/**
 * Calibrating the context's baseline to the published placement pattern: each member's own
 * open-market share as the projection used it, the 20+ mile target, and the near outside capacity —
 * member by member where every member has its published split, else for the consortium as a whole.
 * Sets the context's calibration and near outside capacity, and adds its notes to the warnings;
 * returns the target's source.
 */
export function calibrateContext(
  context: ScenarioContext,
  data: PlanData,
  projection: ProjectionResult,
  options: ScenarioContextOptions,
  codes: readonly string[],
  phi: number,
): { source: string | null } {
  const { members, baseYearChildren, settings, warnings, outside } = context;
  const ownAccess = settings.openMarketAccessShare;
  // Each member's own open-market share, as the projection used it (../../forecast/accessShares.ts).
  const shares = members.map((m) => projection.accessShares?.find((a) => a.code === m.code));
  if (projection.accessShares) settings.openMarketAccessShareByMember = shares.map((a) => a?.share ?? ownAccess);
  const target = over20Target(data, codes, options.over20MilesTarget);
  // Member by member where every member has its published split and the caller sets no single
  // target (a consortium-wide target in the register is then shown, not used).
  const memberTargets: MemberTarget[] | null =
    options.over20MilesTarget === undefined && shares.every((a) => a?.inside && a.over20Miles)
      ? shares.map((a) => ({
          inside: a?.inside?.share ?? 0,
          over20Miles: a?.over20Miles?.share ?? 0,
          limit: a?.limit ?? null,
        }))
      : null;
  if (memberTargets) {
    const member = calibrateMembers(context, memberTargets);
    const total = baseYearChildren.reduce((s, n) => s + n, 0);
    target.value =
      total > 0 ? memberTargets.reduce((s, t, i) => s + t.over20Miles * (baseYearChildren[i] ?? 0), 0) / total : 0;
    target.basis =
      'the members’ own targets, children-weighted: each member’s published share of looked-after children placed more than 20 miles away, moved to children’s homes on the log-odds scale (England’s children’s homes: 4,220 of 8,640, DfE 2024)';
    context.calibration = calibrate(context, data, target, phi, member);
  } else {
    context.calibration = calibrate(context, data, target, phi);
    if (projection.accessShares) {
      warnings.push(
        'The 20+ mile share is calibrated for the consortium as a whole, not member by member: a single target is set by the caller, or a member has no published locality split.',
      );
    }
  }
  outside.nearCapacity = context.calibration.nearOutsideCapacity;
  warnings.push(...context.calibration.notes);
  return target;
}

/**
 * The near outside capacity that makes the baseline 20+ mile share match the target (see
 * ./build.ts), or, with `members`, the member-by-member calibration's result (calibrateMembers).
 */
export function calibrate(
  context: ScenarioContext,
  data: PlanData,
  target: { value: number; basis: string },
  phi: number,
  members?: ReturnType<typeof calibrateMembers>,
): Calibration {
  const children = context.baseYearChildren;
  const total = children.reduce((s, n) => s + n, 0);
  const supply = buildYearSupply(context, [], 0, 1, true);
  const M = context.members.length;
  const notes: string[] = [...(members?.notes ?? [])];
  const nearPool = supply.pools.findIndex((p) => p.kind === 'outsideNear');
  const wantFar = Math.round(target.value * total);

  const farPool = supply.pools.findIndex((p) => p.kind === 'outsideFar');
  const noPolicy = new Float64Array(M);
  const solveAt = (k: number) => {
    const pool = supply.pools[nearPool];
    if (pool) pool.capacity = k * ALLOCATION_UNITS;
    return solveYear(context, buildYearProblem(context, supply, noPolicy), children);
  };

  let capacity = members ? members.capacity.reduce((s, c) => s + c, 0) : 0;
  let iterations = members?.iterations ?? 0;
  const tried = new Set<number>();
  let figures: PlacementFigures;
  for (;;) {
    if (members) {
      // Already calibrated member by member: the allocation at the members' capacities.
      figures = placementFigures(context, solveYear(context, buildYearProblem(context, supply, noPolicy), children));
      break;
    }
    iterations++;
    const allocation = solveAt(capacity);
    figures = placementFigures(context, allocation);
    const distantInside = figures.over20Miles - (allocation.used[farPool] ?? 0);
    // Outside placements that may be near: all of them less those the target needs far.
    const next = Math.round(
      Math.min(figures.placedOutside, Math.max(0, figures.placedOutside - (wantFar - distantInside))),
    );
    if (next === capacity || iterations >= MAX_CALIBRATION_ITERATIONS) break;
    tried.add(capacity);
    if (tried.has(next)) {
      // Alternating between capacities: keep the smaller (more distant placements, the cautious side).
      capacity = Math.min(capacity, next);
      figures = placementFigures(context, solveAt(capacity));
      notes.push('The calibration alternated between two capacities; the smaller was kept.');
      break;
    }
    capacity = next;
  }
  const achieved = total > 0 ? figures.over20Miles / Math.max(1, total - figures.unmet) : 0;
  if (!members && Math.abs(achieved - target.value) > 0.01) {
    notes.push(
      `The target ${pct(target.value)} could not be met exactly (achieved ${pct(achieved)}): ${
        achieved > target.value
          ? 'more children are distant inside the consortium or outside it than the target allows even with every outside placement near.'
          : 'too few children are placed outside the consortium for the target even with every outside placement far.'
      }`,
    );
  }

  // Observed flows in their latest period, for comparison.
  const memberSet = new Set(context.members.map((m) => m.code));
  const flows = data.flows.filter((f) => memberSet.has(f.placingArea));
  const period = flows.reduce<string | null>((p, f) => (p === null || f.period > p ? f.period : p), null);
  let observed: Calibration['observed'] = null;
  if (period !== null) {
    const latest = flows.filter((f) => f.period === period);
    const count = (pred: (f: (typeof latest)[number]) => boolean) =>
      latest.filter(pred).reduce((s, f) => s + f.children, 0);
    observed = {
      period,
      ownLa: count((f) => f.hostArea === f.placingArea),
      elsewhereInConsortium: count((f) => f.hostArea !== f.placingArea && memberSet.has(f.hostArea)),
      outside: count((f) => !memberSet.has(f.hostArea)),
      source: [...new Set(latest.map((f) => f.source))].join(', '),
    };
    const observedOutside =
      observed.outside / Math.max(1, observed.ownLa + observed.elsewhereInConsortium + observed.outside);
    const modelledOutside = figures.placedOutside / Math.max(1, total);
    if (Math.abs(observedOutside - modelledOutside) > 0.05) {
      const more = modelledOutside > observedOutside;
      notes.push(
        `In ${period} the plan’s placement flows have ${pct(observedOutside)} of children outside the consortium; the baseline allocation has ${pct(modelledOutside)}, with ${pct(context.settings.consortiumOpenMarketAccessShare)} of open-market places in member LAs counted as accessible to consortium children at ${pct(context.settings.targetOccupancy)} occupancy. ${more ? 'Raise' : 'Lower'} the consortium open-market access share in the assumption register to bring them closer.`,
      );
    }
  }

  return {
    year: context.baseYear,
    children: total,
    over20MilesTarget: target.value,
    over20MilesTargetBasis: target.basis,
    over20MilesAchieved: achieved,
    outsideOver20MilesShare: phi,
    nearOutsideCapacity: capacity,
    outsideMeanMiles: context.outside.meanMiles,
    iterations,
    modelled: {
      ownLa: figures.placedOwnLa,
      elsewhereInConsortium: figures.placedElsewhereInConsortium,
      outside: figures.placedOutside,
      unmet: figures.unmet,
      over20Miles: figures.over20Miles,
    },
    observed,
    ...(members ? { members: members.rows } : {}),
    notes,
  };
}
