/**
 * Placement flows for any consortium, modelled from published figures: how many children each
 * English authority places in secure and children's homes in each other authority (placing LA →
 * host LA), which no public file gives.
 *
 * Method (docs/methods/placement-flows.md explains it for analysts):
 *  - A doubly-constrained gravity model (./gravity.ts) over authority centroids. Origin totals O_i are
 *    each authority's published children in secure and children's homes (DfE); destination totals
 *    D_j are each authority's registered places in long-term children's homes and secure homes
 *    (Ofsted), scaled to the same national total, i.e. homes are assumed equally full everywhere.
 *  - Targets. DfE publishes, per authority, the shares of ALL looked-after children placed inside
 *    the boundary and more than 20 miles from home, and the number of other authorities' children
 *    placed inside (all placement types). Children in children's homes are placed further away than
 *    looked-after children as a whole (England 2024: 32% inside the boundary against 52%; 49% more
 *    than 20 miles against 22%), so each published share is moved on the log-odds scale by one amount
 *    per measure, chosen so that the children-weighted mean equals England's published
 *    children's-homes share. This keeps each authority's rank and spread and never leaves 0–1.
 *  - Own boundary. By default ('published') each authority's flow to its own homes is set to its
 *    target in-boundary share of its children (never more than its homes hold), and the gravity model
 *    spreads the rest over other authorities: a maximum-entropy model with the diagonal as a further
 *    constraint. Alternatively ('fitted') one own-authority weight exp(λ) serves every authority.
 *  - Fit. β (distance decay per mile), and λ when fitted, minimise the weighted squared differences
 *    between modelled and target shares (Levenberg–Marquardt): inside the boundary and more than 20
 *    miles (placing authorities), and other authorities' children among those placed in each host.
 *  - Distance. Placements between authorities count as more than 20 miles when their centroids are
 *    more than 20 miles apart; placements inside an authority count as more than 20 miles in the
 *    (target) proportion that authority publishes for its own in-boundary placements.
 * The result is marked modelled, never published: its fit is returned with it.
 */
import type { Source } from '../model/dataset.js';
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '../model/placements.js';
import { DISTANT_MILES, distanceMatrix } from './distance.js';
import { balanceWith, deterrenceMatrix, leastSquares, type GravityParameters } from './gravity.js';

/** One authority's published figures for one period. Counts are null when suppressed or not published. */
export interface FlowModelAuthority {
  /** ONS code. */
  code: string;
  /** Centroid, degrees. */
  lat: number;
  lon: number;
  /** Children the authority placed in secure and children's homes (DfE, CLA on 31 March by characteristics). */
  childrenInHomes: number | null;
  /** Registered places in the authority's long-term children's homes and secure children's homes (Ofsted). */
  registeredPlaces: number | null;
  /** All looked-after children (DfE), the denominator of the published shares. */
  childrenLookedAfter: number | null;
  /** Looked-after children (all placement types) placed outside the authority's boundary. */
  placedOutsideLaBoundary: number | null;
  /** Looked-after children (all placement types) placed more than 20 miles from home. */
  placedOver20Miles: number | null;
  /**
   * Looked-after children placed inside the boundary and more than 20 miles from home (DfE's distance ×
   * locality breakdown). Null (suppressed: a handful of children) or absent is taken as 0.
   */
  placedInsideOver20Miles?: number | null;
  /** Other authorities' looked-after children (all placement types) placed inside this authority (DfE net gain). */
  otherLasChildrenPlacedInside: number | null;
}

/** England's shares for children in secure and children's homes, the level the targets are moved to. */
export interface ChildrensHomesShares {
  /** Share placed inside the placing authority's boundary. */
  insideLaBoundary: number;
  /** Share placed more than 20 miles from home (distance not known counted in the denominator, as DfE does). */
  over20Miles: number;
  /** Of those placed inside the boundary, the share more than 20 miles from home. */
  over20MilesOfInside: number;
  /** Where the figures come from. */
  source: string;
}

/**
 * England, 31 March 2024 (DfE, Children looked after in England including adoptions, 2024 national
 * tables): 8,650 children in secure and children's homes, 2,790 of them inside the placing authority's
 * boundary; 4,220 of 8,640 more than 20 miles from home; 400 inside the boundary and more than 20 miles.
 */
export const ENGLAND_CHILDRENS_HOMES_SHARES_2024: ChildrensHomesShares = {
  insideLaBoundary: 2_790 / 8_650,
  over20Miles: 4_220 / 8_640,
  over20MilesOfInside: 400 / 2_790,
  source:
    "DfE, Children looked after in England including adoptions 2024: national CLA on 31 March by placement provider, placement type and locality (secure homes and children's homes inside 2,790, outside 5,860); by placement distance and placement locality (over 20 miles 4,220 of 8,640; over 20 miles inside the LA boundary 400)",
};

export type FitWeighting = 'children' | 'authorities';

/**
 * How children placed inside their own authority's boundary are modelled:
 *  - 'published' (default): each authority's own-boundary flow is its target share of its children
 *    (at most what its homes hold), and the gravity model spreads the rest over other authorities, so
 *    only β is fitted (to the 20-mile shares);
 *  - 'fitted': one own-authority weight exp(λ) for every authority, fitted with β to all the shares.
 */
export type OwnBoundaryMode = 'published' | 'fitted';

/** The fitted (or given) parameters. */
export interface FlowModelParameters {
  /** Distance decay per mile between authorities: deterrence exp(−β × miles). */
  beta: number;
  /** λ, the log weight of the own authority ('fitted'); null when own-boundary flows are set from the published shares. */
  ownAuthority: number | null;
}

export interface PlacementFlowModelOptions {
  /** The national children's-homes shares the targets are moved to (default England 2024). */
  national?: ChildrensHomesShares;
  /** Default 'published'. */
  ownBoundary?: OwnBoundaryMode;
  /** Use these parameters instead of fitting them. */
  parameters?: FlowModelParameters;
  /**
   * How authorities count in the fit: each child equally (default: an authority weighs by its children
   * in homes, a host by its places) or each authority equally.
   */
  weighting?: FitWeighting;
  /** Weight of the host term (other authorities' children among those placed in each host), default 1. */
  hostWeight?: number;
  /** Where the parameter search starts (default β = 0.05 a mile, λ = 1). */
  start?: FlowModelParameters;
}

/** A share for one authority: published for all looked-after children, the children's-homes target and the model's. */
export interface ShareFit {
  publishedAllPlacements: number | null;
  target: number | null;
  modelled: number | null;
}

export interface AuthorityFlowFit {
  code: string;
  /** O_i. */
  childrenInHomes: number;
  /** Registered places used as its attractiveness. */
  registeredPlaces: number;
  /** D_j: children modelled as placed in its homes (places scaled to England's children in homes). */
  hostedChildren: number;
  /** Share of its own children placed inside its boundary. */
  insideShare: ShareFit;
  /** Share of its own children placed more than 20 miles from home. */
  over20Share: ShareFit;
  /** Of the children placed in its homes, the share who are other authorities' children. */
  hostOtherShare: ShareFit;
  /** Other authorities' children placed inside it: published (all placement types) and modelled (homes). */
  otherLasChildrenPlacedInside: { publishedAllPlacements: number | null; modelled: number };
}

export interface ShareFitSummary {
  /** Authorities with a target (and children or places, so a modelled share). */
  authorities: number;
  /** Mean absolute error, modelled − target, over those authorities (unweighted), as a proportion. */
  meanAbsoluteError: number;
  rootMeanSquareError: number;
  /** Weighted (by children or places) mean of the targets and of the modelled shares. */
  targetMean: number;
  modelledMean: number;
}

export interface PlacementFlowFit {
  parameters: FlowModelParameters;
  ownBoundary: OwnBoundaryMode;
  weighting: FitWeighting;
  authorities: AuthorityFlowFit[];
  insideShare: ShareFitSummary;
  over20Share: ShareFitSummary;
  hostOtherShare: ShareFitSummary;
  /** Pearson correlation of modelled children's-homes counts with published all-placement counts of other LAs' children placed inside. */
  hostCountCorrelation: { authorities: number; correlation: number };
  /** The log-odds shifts that moved the published all-placement shares to the children's-homes targets. */
  targetShifts: { insideShare: number; over20Share: number; over20MilesOfInside: number; hostOtherShare: number };
  /** The fit's objective at the optimum (weighted mean squared error, summed over the three families). */
  objective: number;
  /** Models balanced during the fit. */
  evaluations: number;
  /** Furness sweeps over all those balancings (a measure of the work done). */
  sweeps: number;
  /** Whether the parameter search converged (true when the parameters were given). */
  converged: boolean;
  /** Largest row or column error of the final balancing, in children. */
  maxBalanceError: number;
  national: ChildrensHomesShares;
}

export interface PlacementFlowModel {
  /** Authority codes, in the order of the matrices. */
  codes: string[];
  parameters: FlowModelParameters;
  /** Modelled children placed by codes[i] in codes[j]: `flows[i * n + j]`. */
  flows: Float64Array;
  /** Centroid distances in miles, same layout. */
  miles: Float64Array;
  fit: PlacementFlowFit;
}

// ---------------------------------------------------------------------------------------------
// Targets

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

function targetsFor(
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

// ---------------------------------------------------------------------------------------------
// Modelled shares and the objective

interface Modelled {
  inside: (number | null)[];
  over20: (number | null)[];
  hostOther: (number | null)[];
  /** Other authorities' children placed in each host. */
  imported: number[];
}

function measure(flows: Float64Array, far: Float64Array, o: Float64Array, d: Float64Array): Modelled {
  const n = o.length;
  const inside: (number | null)[] = [];
  const over20: (number | null)[] = [];
  const hostOther: (number | null)[] = [];
  const imported: number[] = [];
  for (let i = 0; i < n; i++) {
    const oi = o[i] ?? 0;
    const own = flows[i * n + i] ?? 0;
    if (oi > 0) {
      let distant = 0;
      for (let j = 0; j < n; j++) distant += (flows[i * n + j] ?? 0) * (far[i * n + j] ?? 0);
      inside.push(own / oi);
      over20.push(distant / oi);
    } else {
      inside.push(null);
      over20.push(null);
    }
    const dj = d[i] ?? 0;
    imported.push(Math.max(0, dj - own));
    hostOther.push(dj > 0 ? Math.max(0, dj - own) / dj : null);
  }
  return { inside, over20, hostOther, imported };
}

/**
 * The share of a flow from i to j counted as more than 20 miles from home: between two authorities, 1
 * when their centroids are more than 20 miles apart, else 0; inside an authority, its own (target)
 * share of in-boundary placements more than 20 miles away.
 */
function distantShares(miles: ArrayLike<number>, n: number, inside: readonly number[]): Float64Array {
  const far = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++)
      far[i * n + j] = i === j ? (inside[i] ?? 0) : (miles[i * n + j] ?? 0) > DISTANT_MILES ? 1 : 0;
  }
  return far;
}

function summarise(
  targets: readonly (number | null)[],
  modelled: readonly (number | null)[],
  weights: ArrayLike<number>,
): ShareFitSummary {
  let count = 0;
  let abs = 0;
  let sq = 0;
  let w = 0;
  let wt = 0;
  let wm = 0;
  targets.forEach((t, k) => {
    const m = modelled[k];
    if (t === null || m === null || m === undefined) return;
    count++;
    abs += Math.abs(m - t);
    sq += (m - t) ** 2;
    const wk = weights[k] ?? 0;
    w += wk;
    wt += wk * t;
    wm += wk * m;
  });
  return {
    authorities: count,
    meanAbsoluteError: count > 0 ? abs / count : 0,
    rootMeanSquareError: count > 0 ? Math.sqrt(sq / count) : 0,
    targetMean: w > 0 ? wt / w : 0,
    modelledMean: w > 0 ? wm / w : 0,
  };
}

/** √(scale · w_k / W) · (modelled − target) for the pairs with a target, W the weight of those pairs. */
function weightedResiduals(
  targets: readonly (number | null)[],
  modelled: readonly (number | null)[],
  weights: ArrayLike<number>,
  scale: number,
): number[] {
  let total = 0;
  targets.forEach((t, k) => {
    const m = modelled[k];
    const wk = weights[k] ?? 0;
    if (t !== null && m !== null && m !== undefined && wk > 0) total += wk;
  });
  if (!(total > 0) || !(scale > 0)) return [];
  return targets.flatMap((t, k) => {
    const m = modelled[k];
    const wk = weights[k] ?? 0;
    return t === null || m === null || m === undefined || !(wk > 0) ? [] : [Math.sqrt((scale * wk) / total) * (m - t)];
  });
}

/** Pearson correlation; 0 when either side has no spread. */
export function pearson(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < n; k++) {
    mx += xs[k] ?? 0;
    my += ys[k] ?? 0;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < n; k++) {
    const dx = (xs[k] ?? 0) - mx;
    const dy = (ys[k] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

// ---------------------------------------------------------------------------------------------
// The model

const DEFAULT_START: FlowModelParameters = { beta: 0.05, ownAuthority: 1 };
const BETA_RANGE = [1e-4, 2] as const;
const OWN_RANGE = [-15, 15] as const;
/** Balancing tolerance (children) while searching, and for the flows returned. */
const SEARCH_TOLERANCE = 1e-7;
const FINAL_TOLERANCE = 1e-9;

/**
 * Fits the model to the authorities' published figures (or balances it with the given parameters) and
 * returns every flow with the fit. Authorities with no children in homes place none; authorities with
 * no places take none. Deterministic.
 */
export function modelPlacementFlows(
  authorities: readonly FlowModelAuthority[],
  options: PlacementFlowModelOptions = {},
): PlacementFlowModel {
  const n = authorities.length;
  const codes = authorities.map((a) => a.code);
  if (new Set(codes).size !== n) throw new Error('Placement flow model: an authority is listed twice');
  const national = options.national ?? ENGLAND_CHILDRENS_HOMES_SHARES_2024;
  const weighting = options.weighting ?? 'children';
  const hostWeight = options.hostWeight ?? 1;
  const ownBoundary = options.ownBoundary ?? 'published';
  const miles = distanceMatrix(authorities.map((a) => ({ code: a.code, lat: a.lat, lon: a.lon })));
  const origins = Float64Array.from(authorities, (a) => Math.max(0, a.childrenInHomes ?? 0));
  const places = Float64Array.from(authorities, (a) => Math.max(0, a.registeredPlaces ?? 0));
  const totalO = origins.reduce((s, v) => s + v, 0);
  const totalPlaces = places.reduce((s, v) => s + v, 0);
  if (totalO > 0 && totalPlaces === 0)
    throw new Error('Placement flow model: children in homes but no registered places');
  const hosted = places.map((v) => (totalPlaces > 0 ? (v * totalO) / totalPlaces : 0));
  const targets = targetsFor(authorities, origins, hosted, national);
  const far = distantShares(miles, n, targets.over20OfInside);
  const placingWeights = weighting === 'children' ? origins : origins.map((v) => (v > 0 ? 1 : 0));
  const hostWeights = weighting === 'children' ? hosted : hosted.map((v) => (v > 0 ? 1 : 0));

  // 'published': each authority's own-boundary flow is its target share of its children (England's
  // share where it has none), at most what its homes hold; the rest is balanced with no diagonal.
  const own =
    ownBoundary === 'published'
      ? origins.map((o, i) => Math.min(o * (targets.inside[i] ?? national.insideLaBoundary), hosted[i] ?? 0))
      : new Float64Array(n);
  const problem = {
    origins: origins.map((o, i) => Math.max(0, o - (own[i] ?? 0))),
    destinations: hosted.map((d, j) => Math.max(0, d - (own[j] ?? 0))),
    miles,
  };

  let warmStart: Float64Array | undefined;
  let relaxation: number | 'adaptive' = 'adaptive';
  let sweeps = 0;
  const solve = (parameters: GravityParameters, tolerance: number) => {
    const balanced = balanceWith(problem, deterrenceMatrix(miles, n, parameters), {
      tolerance,
      relaxation,
      ...(warmStart ? { warmStart } : {}),
    });
    warmStart = balanced.b;
    relaxation = balanced.relaxation;
    sweeps += balanced.iterations;
    for (let i = 0; i < n; i++) balanced.flows[i * n + i] = (balanced.flows[i * n + i] ?? 0) + (own[i] ?? 0);
    return balanced;
  };
  // Residuals √(w_k / W) · (modelled − target), W the family's total weight: their sum of squares is the
  // weighted mean squared error of each family, summed. (With 'published' own-boundary flows the first
  // and third families do not depend on β.)
  const residualsOf = (flows: Float64Array): number[] => {
    const m = measure(flows, far, origins, hosted);
    return [
      ...weightedResiduals(targets.inside, m.inside, placingWeights, 1),
      ...weightedResiduals(targets.over20, m.over20, placingWeights, 1),
      ...weightedResiduals(targets.hostOther, m.hostOther, hostWeights, hostWeight),
    ];
  };
  const objectiveOf = (flows: Float64Array): number => residualsOf(flows).reduce((s, r) => s + r * r, 0);
  const clampBeta = (beta: number): number => Math.min(BETA_RANGE[1], Math.max(BETA_RANGE[0], beta));
  const fromVector = (x: readonly number[]): GravityParameters => ({
    beta: clampBeta(Math.exp(x[0] ?? 0)),
    ownAuthority:
      ownBoundary === 'published'
        ? Number.NEGATIVE_INFINITY
        : Math.min(OWN_RANGE[1], Math.max(OWN_RANGE[0], x[1] ?? 0)),
  });
  const start = options.start ?? DEFAULT_START;
  const startVector =
    ownBoundary === 'published' ? [Math.log(start.beta)] : [Math.log(start.beta), start.ownAuthority ?? 1];

  let gravity: GravityParameters;
  let evaluations = 0;
  let converged = true;
  if (options.parameters) {
    const lambda = options.parameters.ownAuthority;
    if (ownBoundary === 'fitted' && lambda === null) {
      throw new Error('Placement flow model: fitted own-boundary flows need the own-authority parameter λ');
    }
    gravity = {
      beta: options.parameters.beta,
      ownAuthority: ownBoundary === 'published' ? Number.NEGATIVE_INFINITY : (lambda ?? 0),
    };
  } else if (totalO === 0) {
    gravity = fromVector(startVector);
  } else {
    const result = leastSquares(
      (x) => residualsOf(solve(fromVector(x), SEARCH_TOLERANCE).flows),
      startVector,
      // Parameters to 0.1% of β and 0.001 of λ: far finer than the data can tell apart.
      { xTolerance: 1e-3, fTolerance: 1e-7 },
    );
    gravity = fromVector(result.x);
    evaluations = result.evaluations;
    converged = result.converged;
  }
  const parameters: FlowModelParameters = {
    beta: gravity.beta,
    ownAuthority: ownBoundary === 'published' ? null : gravity.ownAuthority,
  };
  const balanced = solve(gravity, FINAL_TOLERANCE);
  const flows = balanced.flows;
  const m = measure(flows, far, origins, hosted);

  const fitted: AuthorityFlowFit[] = authorities.map((a, i) => ({
    code: a.code,
    childrenInHomes: origins[i] ?? 0,
    registeredPlaces: places[i] ?? 0,
    hostedChildren: hosted[i] ?? 0,
    insideShare: {
      publishedAllPlacements: targets.published.inside[i] ?? null,
      target: targets.inside[i] ?? null,
      modelled: m.inside[i] ?? null,
    },
    over20Share: {
      publishedAllPlacements: targets.published.over20[i] ?? null,
      target: targets.over20[i] ?? null,
      modelled: m.over20[i] ?? null,
    },
    hostOtherShare: {
      publishedAllPlacements: targets.published.hostOther[i] ?? null,
      target: targets.hostOther[i] ?? null,
      modelled: m.hostOther[i] ?? null,
    },
    otherLasChildrenPlacedInside: {
      publishedAllPlacements: a.otherLasChildrenPlacedInside,
      modelled: m.imported[i] ?? 0,
    },
  }));
  const withCounts = fitted.filter(
    (f) => f.otherLasChildrenPlacedInside.publishedAllPlacements !== null && f.hostedChildren > 0,
  );
  const fit: PlacementFlowFit = {
    parameters,
    ownBoundary,
    weighting,
    authorities: fitted,
    insideShare: summarise(targets.inside, m.inside, origins),
    over20Share: summarise(targets.over20, m.over20, origins),
    hostOtherShare: summarise(targets.hostOther, m.hostOther, hosted),
    hostCountCorrelation: {
      authorities: withCounts.length,
      correlation: pearson(
        withCounts.map((f) => f.otherLasChildrenPlacedInside.modelled),
        withCounts.map((f) => f.otherLasChildrenPlacedInside.publishedAllPlacements ?? 0),
      ),
    },
    targetShifts: targets.shifts,
    objective: objectiveOf(flows),
    evaluations,
    sweeps,
    converged,
    maxBalanceError: balanced.maxError,
    national,
  };
  return { codes, parameters, flows, miles, fit };
}

// ---------------------------------------------------------------------------------------------
// Rows

export interface FlowRowOptions {
  /** Snapshot the flows describe, e.g. "2024". */
  period: string;
  /** Source id for every row (a Source with `illustrative: false`; see modelledFlowsSource). */
  source: string;
  /** Decimal places kept (default 2); cells that round to 0 are left out. */
  decimals?: number;
}

/** Every modelled flow as a PlacementFlow row (fractional children), placing authority by placing authority. */
export function placementFlowRows(model: PlacementFlowModel, options: FlowRowOptions): PlacementFlow[] {
  const n = model.codes.length;
  const scale = 10 ** (options.decimals ?? 2);
  const rows: PlacementFlow[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const children = Math.round((model.flows[i * n + j] ?? 0) * scale) / scale;
      if (children > 0) {
        rows.push({
          placingArea: model.codes[i]!,
          hostArea: model.codes[j]!,
          period: options.period,
          children,
          source: options.source,
        });
      }
    }
  }
  return rows;
}

/**
 * Rounds non-negative values to whole numbers summing exactly to `total` (largest remainder; ties to
 * the earlier index, so the result is deterministic).
 */
export function roundToTotal(values: readonly number[], total: number): number[] {
  const floors = values.map((v) => Math.floor(Math.max(0, v)));
  let remaining = Math.round(total) - floors.reduce((s, v) => s + v, 0);
  const order = values
    .map((v, i) => ({ i, frac: Math.max(0, v) - Math.floor(Math.max(0, v)) }))
    .sort((p, q) => q.frac - p.frac || p.i - q.i);
  for (let k = 0; remaining > 0 && order.length > 0; k = (k + 1) % order.length) {
    const at = order[k]!.i;
    floors[at] = (floors[at] ?? 0) + 1;
    remaining--;
  }
  while (remaining < 0) {
    let largest = 0;
    floors.forEach((v, i) => {
      if (v > (floors[largest] ?? 0)) largest = i;
    });
    if ((floors[largest] ?? 0) === 0) break;
    floors[largest] = (floors[largest] ?? 0) - 1;
    remaining++;
  }
  return floors;
}

export interface ConsortiumFlowOptions {
  /** Snapshot of the rows returned. */
  period: string;
  /** Source id of the rows returned. */
  source: string;
  /**
   * Each member's children in secure and children's homes, when the plan's figure should set the
   * total (say, a later year than the national flows); otherwise the national flows' own total.
   */
  childrenInHomes?: ReadonlyMap<string, number>;
  /** Round to whole children (default true), each member's rows summing exactly to its total. */
  whole?: boolean;
}

export interface ConsortiumFlows {
  /** Member → member rows, then one member → OUTSIDE_CONSORTIUM row; rows with no children left out. */
  flows: PlacementFlow[];
  /** Members the national flows do not place from (no children in homes, or not in the model). */
  membersWithoutFlows: string[];
}

/**
 * Restricts national flows (one period's rows, as placementFlowRows gives) to a consortium: each
 * member's children go to members by their national flows, and everything else to
 * OUTSIDE_CONSORTIUM, so that the member's rows sum to its children in homes. The split is the
 * national one, scaled to `childrenInHomes` where given, and rounded by largest remainder.
 */
export function consortiumFlows(
  national: readonly PlacementFlow[],
  members: readonly string[],
  options: ConsortiumFlowOptions,
): ConsortiumFlows {
  const memberSet = new Set(members);
  const byPlacing = new Map<string, Map<string, number>>();
  for (const f of national) {
    if (!memberSet.has(f.placingArea)) continue;
    const host = memberSet.has(f.hostArea) ? f.hostArea : OUTSIDE_CONSORTIUM;
    const row = byPlacing.get(f.placingArea) ?? new Map<string, number>();
    row.set(host, (row.get(host) ?? 0) + f.children);
    byPlacing.set(f.placingArea, row);
  }
  const hosts = [...new Set(members), OUTSIDE_CONSORTIUM];
  const flows: PlacementFlow[] = [];
  const membersWithoutFlows: string[] = [];
  for (const placing of new Set(members)) {
    const row = byPlacing.get(placing);
    const modelled = hosts.map((h) => row?.get(h) ?? 0);
    const modelledTotal = modelled.reduce((s, v) => s + v, 0);
    if (!(modelledTotal > 0)) {
      membersWithoutFlows.push(placing);
      continue;
    }
    const total = options.childrenInHomes?.get(placing) ?? modelledTotal;
    const scaled = modelled.map((v) => (v * total) / modelledTotal);
    const children = options.whole === false ? scaled : roundToTotal(scaled, total);
    hosts.forEach((host, k) => {
      const c = children[k] ?? 0;
      if (c > 0)
        flows.push({
          placingArea: placing,
          hostArea: host,
          period: options.period,
          children: c,
          source: options.source,
        });
    });
  }
  return { flows, membersWithoutFlows };
}

// ---------------------------------------------------------------------------------------------
// Provenance

export interface ModelledSourceOptions {
  id: string;
  /** Snapshot of the flows, e.g. "31 March 2024". */
  period: string;
  /** The published files the inputs came from, for the title (e.g. "DfE CLA 2024; Ofsted 31 March 2023; ONS centroids"). */
  inputs: string;
  /** The file or script that ran the model (default this module). */
  file?: string;
}

const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const points = (v: number): string => `${(v * 100).toFixed(1)} percentage points`;

/** A Source for modelled flows: not illustrative, with the method and its fit in the table field. */
export function modelledFlowsSource(model: PlacementFlowModel, options: ModelledSourceOptions): Source {
  const { fit, parameters } = model;
  return {
    id: options.id,
    title: `Modelled placing-LA → host-LA flows of children in secure and children's homes (doubly-constrained gravity model over authority centroids, fitted to ${options.inputs}). Modelled, not published: no public file gives who places where.`,
    publisher: 'Sufficiency Planner (modelled from published figures)',
    file: options.file ?? 'shared/allocate/placementFlows.ts',
    table:
      `T_ij = A_i O_i B_j D_j f(d_ij), f = exp(−${parameters.beta.toFixed(4)} × miles) between authorities and ` +
      (parameters.ownAuthority === null
        ? "each placing authority's own-boundary flow set to its in-boundary share (children's-homes target); "
        : `exp(${parameters.ownAuthority.toFixed(2)}) inside the placing authority; `) +
      `O = children in secure and children's homes, ` +
      `D = registered places scaled to them. Fit over ${fit.insideShare.authorities} placing authorities: in-boundary share ` +
      `${pct(fit.insideShare.modelledMean)} modelled against ${pct(fit.insideShare.targetMean)} target (mean absolute error ` +
      `${points(fit.insideShare.meanAbsoluteError)}); more than 20 miles ${pct(fit.over20Share.modelledMean)} against ` +
      `${pct(fit.over20Share.targetMean)} (error ${points(fit.over20Share.meanAbsoluteError)}); other authorities' children placed ` +
      `inside correlate ${fit.hostCountCorrelation.correlation.toFixed(2)} with the published counts.`,
    period: options.period,
    licence: 'Modelled from Open Government Licence v3.0 data (DfE, Ofsted, ONS)',
    url: '',
    illustrative: false,
  };
}
