/**
 * The model's targets: each authority's published shares (inside the boundary, more than 20 miles)
 * moved on the log-odds scale so the children-weighted mean matches England's children's-homes share.
 */
import type { ChildrensHomesShares, FlowModelAuthority, PlacementFlowFit } from './types.js';

const SHARE_FLOOR = 0.001;
const logit = (p: number): number => {
  const q = Math.min(1 - SHARE_FLOOR, Math.max(SHARE_FLOOR, p));
  return Math.log(q / (1 - q));
};
const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * The shift δ on the log-odds scale for which the weighted mean of logistic(logit(p) + δ) is `level`
 * (bisection; the mean is increasing in δ). 0 when nothing has weight.
 */
export function logOddsShift(shares: readonly (number | null)[], weights: readonly number[], level: number): number {
  const items = shares.flatMap((p, k) =>
    p === null || !((weights[k] ?? 0) > 0) ? [] : [{ z: logit(p), w: weights[k] ?? 0 }],
  );
  const total = items.reduce((s, it) => s + it.w, 0);
  if (total === 0) return 0;
  const mean = (delta: number): number => items.reduce((s, it) => s + it.w * logistic(it.z + delta), 0) / total;
  let lo = -30;
  let hi = 30;
  for (let k = 0; k < 200 && hi - lo > 1e-12; k++) {
    const mid = (lo + hi) / 2;
    if (mean(mid) < level) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

const ratio = (num: number | null | undefined, den: number | null | undefined): number | null =>
  num === null || num === undefined || den === null || den === undefined || !(den > 0)
    ? null
    : Math.min(1, Math.max(0, num / den));

interface Targets {
  published: {
    inside: (number | null)[];
    over20: (number | null)[];
    over20OfInside: (number | null)[];
    hostOther: (number | null)[];
  };
  inside: (number | null)[];
  over20: (number | null)[];
  /** Never null: the proportion of in-boundary placements counted as more than 20 miles. */
  over20OfInside: number[];
  hostOther: (number | null)[];
  shifts: PlacementFlowFit['targetShifts'];
}

export function targetsFor(
  authorities: readonly FlowModelAuthority[],
  origins: Float64Array,
  hosted: Float64Array,
  national: ChildrensHomesShares,
): Targets {
  const published = {
    inside: authorities.map((a) =>
      a.placedOutsideLaBoundary === null || a.childrenLookedAfter === null
        ? null
        : ratio(a.childrenLookedAfter - a.placedOutsideLaBoundary, a.childrenLookedAfter),
    ),
    over20: authorities.map((a) => ratio(a.placedOver20Miles, a.childrenLookedAfter)),
    over20OfInside: authorities.map((a) =>
      a.placedOutsideLaBoundary === null || a.childrenLookedAfter === null
        ? null
        : ratio(a.placedInsideOver20Miles ?? 0, a.childrenLookedAfter - a.placedOutsideLaBoundary),
    ),
    hostOther: authorities.map((a) => {
      if (
        a.otherLasChildrenPlacedInside === null ||
        a.placedOutsideLaBoundary === null ||
        a.childrenLookedAfter === null
      ) {
        return null;
      }
      return ratio(
        a.otherLasChildrenPlacedInside,
        a.otherLasChildrenPlacedInside + a.childrenLookedAfter - a.placedOutsideLaBoundary,
      );
    }),
  };
  const o = Array.from(origins);
  const shifts = {
    insideShare: logOddsShift(published.inside, o, national.insideLaBoundary),
    over20Share: logOddsShift(published.over20, o, national.over20Miles),
    over20MilesOfInside: 0,
    hostOtherShare: logOddsShift(published.hostOther, Array.from(hosted), 1 - national.insideLaBoundary),
  };
  const shift = (p: number | null, delta: number): number | null => (p === null ? null : logistic(logit(p) + delta));
  const inside = published.inside.map((p) => shift(p, shifts.insideShare));
  // In-boundary placements more than 20 miles away, weighted by each authority's in-boundary children.
  shifts.over20MilesOfInside = logOddsShift(
    published.over20OfInside,
    o.map((v, i) => v * (inside[i] ?? 0)),
    national.over20MilesOfInside,
  );
  return {
    published,
    inside,
    over20: published.over20.map((p) => shift(p, shifts.over20Share)),
    over20OfInside: published.over20OfInside.map((p) => shift(p, shifts.over20MilesOfInside) ?? 0),
    hostOther: published.hostOther.map((p) => shift(p, shifts.hostOtherShare)),
    shifts,
  };
}
