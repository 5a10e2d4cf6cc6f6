/** The placement-flow model's inputs, options and results: authorities' published figures, England's children's-homes shares, parameters and the fit. */

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
