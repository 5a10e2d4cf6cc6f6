/** The placement-flow model: β (and λ when fitted) by Levenberg–Marquardt over the gravity model, with its fit. */
import { distanceMatrix } from '../distance.js';
import { type GravityParameters, balanceWith, deterrenceMatrix, leastSquares } from '../gravity.js';
import { distantShares, measure, pearson, summarise, weightedResiduals } from './measure.js';
import { targetsFor } from './targets.js';
import {
  type AuthorityFlowFit,
  ENGLAND_CHILDRENS_HOMES_SHARES_2024,
  type FlowModelAuthority,
  type FlowModelParameters,
  type PlacementFlowFit,
  type PlacementFlowModel,
  type PlacementFlowModelOptions,
} from './types.js';

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
