/**
 * Types of the scenario model: the context a plan and its projection give (members, distances,
 * supply, demand, prices, calibrated outside market), and what running a scenario returns.
 *
 * Years are financial years ending 31 March, as in the projection ("2027" = April 2026 to March
 * 2027); placements are counted on 31 March and that count is taken as the average through the
 * year when costing. Money is in pounds at the unit costs' price year (real terms) unless a
 * price-inflation lever says otherwise.
 *
 * Over 400 lines because: declarations only, one documented interface per part of the context and
 * of the outcome, which the scenario modules, the recommender, the renderer and the tests all import
 * from here; splitting them would scatter the model's one typed contract across files.
 */
import type { ForecastAssumption, Percentiles } from '../forecast/types.js';
import type { ScenarioSensitivity } from './costUncertainty.js';
import type { Scenario } from './levers.js';

/**
 * A stated assumption a figure rests on (the register's fields without the audit trail), with the
 * plausible range where the value is a judgement on published evidence rather than a figure from it.
 */

export type ScenarioAssumption = ForecastAssumption & { low?: number; high?: number };

export interface ScenarioMember {
  /** ONS code. */
  code: string;
  name: string;
  /** Centroid in degrees; null when the plan has none (distances are then assumed, with a warning). */
  lat: number | null;
  lon: number | null;
}

/** Long-term children's home places located in a member LA at the supply snapshot, by sector. */
export interface MemberSupply {
  code: string;
  /** Places in LA-run homes: used by the LA's own children. */
  laRun: number;
  /** Places in private homes (and health-authority, academy or other homes, priced as private). */
  private: number;
  /** Places in voluntary-sector homes. */
  voluntary: number;
  /**
   * The same by projected year when the projection moves supply on from the snapshot (openings and
   * closures, ../supply): the years' LA-run places and the open market split as at the snapshot.
   */
  byYear?: { laRun: number[]; private: number[]; voluntary: number[] };
}

/** Projected children needing a place, per member, from the projection (before any demand lever). */
export interface MemberDemand {
  code: string;
  p10: number[];
  p50: number[];
  p90: number[];
  /** Joint simulations, year-major (`samples[h × simulations + s]`), when the projection kept them. */
  samples: Float64Array | null;
}

/** Weekly prices (£ per child or place per week) at the price year. */
export interface WeeklyPrices {
  priceYear: string;
  localAuthority: number;
  private: number;
  voluntary: number;
  blockContract: number;
  fosterInHouse: number;
  fosterAgency: number;
  /** Cash cost of a child left without a registered place (unregistered or emergency provision). */
  unmet: number;
}

/** Expected missing incidents per child per year, by where the child is placed. */
export interface MissingRates {
  ownLa: number;
  /** Placed outside the LA's boundary (elsewhere in the consortium, outside it, or unplaced). */
  outOfArea: number;
}

/**
 * The market outside the consortium, as two destinations: "near" (within 20 miles of home, capacity
 * limited and calibrated) and "far" (more than 20 miles, unlimited unless set).
 */
export interface OutsideMarket {
  /** Children the near outside market takes per year (calibrated so the baseline 20+ mile share matches). */
  nearCapacity: number;
  /**
   * The near outside market member by member (children a year, in member order), calibrated so each
   * member's baseline 20+ mile share matches its own; absent: one market for all (`nearCapacity`).
   */
  nearCapacityByMember?: number[];
  /** Mean distance of near outside placements, miles. */
  nearMiles: number;
  /**
   * Near outside distance from each member: the mean adjusted by how far the member is from the
   * consortium's centre relative to the average member (edge LAs are nearer homes outside).
   */
  nearMilesByMember: number[];
  /** Mean distance of far outside placements, miles. */
  farMiles: number;
  /** Children the far outside market can take per year; null for no limit. */
  farCapacity: number | null;
  /** Mean distance of all outside placements (exponential model), miles. */
  meanMiles: number;
}

/**
 * How the outside market and the 20+ mile share were calibrated (see ./context/build.ts): the baseline
 * allocation of the base year's observed children is run, and the near outside capacity chosen so
 * that the share placed more than 20 miles away matches the target.
 */
export interface Calibration {
  year: string;
  children: number;
  /** Target share of children in children's homes placed more than 20 miles from home. */
  over20MilesTarget: number;
  over20MilesTargetBasis: string;
  /** Achieved by the calibrated baseline allocation. */
  over20MilesAchieved: number;
  /** Share of outside-LA placements that are 20+ miles away nationally, used for the distance model. */
  outsideOver20MilesShare: number;
  nearOutsideCapacity: number;
  outsideMeanMiles: number;
  iterations: number;
  /** Modelled base-year placements: own LA, elsewhere in the consortium, outside. */
  modelled: { ownLa: number; elsewhereInConsortium: number; outside: number; unmet: number; over20Miles: number };
  /** The same from the plan's placement flows, where it has them. */
  observed: { period: string; ownLa: number; elsewhereInConsortium: number; outside: number; source: string } | null;
  /** Member by member: published and modelled locality split, where the plan has the members' figures. */
  members?: MemberCalibration[];
  notes: string[];
}

/** One member's published locality split beside the calibrated baseline's (base year, median). */
export interface MemberCalibration {
  code: string;
  name: string;
  children: number;
  /** Share placed inside its own boundary: published (or from the plan's flows) and modelled. */
  insideTarget: number | null;
  insideModelled: number;
  /** Share placed more than 20 miles from home. */
  over20MilesTarget: number | null;
  over20MilesModelled: number;
  /** Its own open-market share and the share of its LA-run places kept for its own children. */
  openMarketAccessShare: number;
  laRunOwnShare: number;
  /** Children the near outside market takes for it. */
  nearOutsideCapacity: number;
  /** True when both shares are within the tolerance (3 percentage points). */
  withinTolerance: boolean;
  /** Why not, in words; null when within. */
  why: string | null;
}

/**
 * What distance and locality cost, per child placed, beyond the weekly price (see
 * ./context/costAssumptions.ts for each figure's source and range). All are real costs, counted in
 * the totals and minimised by the allocation.
 */
export interface LocalityCosts {
  /** Premium on the spot price for placements outside the consortium (share, e.g. 0.05). */
  outsidePremium: number;
  /** Travel and staff time per straight-line mile between home and placement, £ per child per week. */
  travelPerMileWeekly: number;
  /** Public cost of one missing incident (police investigation and return home interview), £. */
  missingIncidentCost: number;
}

/** Default delivery costs of prevention and step-down (see ./context/costAssumptions.ts for sources and ranges). */
export interface DeliveryCosts {
  /** £ per child or family worked with by an edge-of-care service. */
  preventionCostPerChild: number;
  /** Children or families worked with for each entry to a children's home prevented. */
  preventionWorkedWithPerEntryPrevented: number;
  /** One-off £ per child stepped down to foster care (matching, transition, extra support). */
  stepDownCostPerChild: number;
}

export interface ScenarioSettings {
  targetOccupancy: number;
  /** Share of the open market located in an LA that the LA's own children can count on (where a member has no share of its own). */
  openMarketAccessShare: number;
  /** Each member's own share, as the projection used it (../forecast/accessShares.ts), in member order. */
  openMarketAccessShareByMember?: number[];
  /**
   * Share of each member's LA-run places kept for its own children (calibrated, in member order; 1
   * where absent): below 1 only where its LA-run places alone would hold more of its children than
   * it publishes placing inside its boundary; the rest take other members' children.
   */
  laRunOwnShareByMember?: number[];
  /**
   * Each member's weight in the other members' open-market places consortium children can count on
   * (calibrated, in member order): each host's places are shared among the other members in
   * proportion, so members reach other members' homes as their published locality split says.
   * Absent: one pool per host for any other member.
   */
  othersReachByMember?: number[];
  /** Share of open-market places in member LAs that consortium children can count on. */
  consortiumOpenMarketAccessShare: number;
  discountRate: number;
  /** What locality costs beyond the weekly price: minimised by the allocation and reported. */
  locality: LocalityCosts;
  /**
   * Most of a block contract's beds that can hold a child at once: a bed stands empty between one
   * child leaving and the next moving in, mean placement ÷ (mean placement + transition).
   */
  blockFill: number;
  /** Largest cut in entries to children's homes prevention levers may claim, together (share). */
  preventionMaxShare: number;
  /** Largest extra share of children a year step-down levers may move to foster care, together. */
  stepDownMaxShare: number;
  /** Delivery costs of demand levers where a lever does not state its own. */
  delivery: DeliveryCosts;
  weeksPerYear: number;
  /** Mean length of a children's home placement in years (sets how fast demand levers and the distance policy take effect). */
  meanPlacementYears: number;
  missingRates: MissingRates;
}

export interface ScenarioContext {
  consortiumName: string;
  /** Last observed year; the first projected year is the one after. */
  baseYear: string;
  years: string[];
  /** Member LAs, sorted by ONS code; every per-member array below follows this order. */
  members: ScenarioMember[];
  /** Centroid distances in miles, `distances[i × members + j]`. */
  distances: Float64Array;
  supply: MemberSupply[];
  /** Supply snapshot, e.g. "2023-03-31". */
  supplyPeriod: string | null;
  demand: MemberDemand[];
  /** The projection's consortium demand percentiles per year (not the sum of members' percentiles). */
  consortiumDemand: { p10: number[]; p50: number[]; p90: number[] };
  /** Number of joint simulations behind `samples`; 0 when none were kept. */
  simulations: number;
  /**
   * The projection's own draws of the assumptions, one per simulation (target occupancy and the
   * consortium's open-market access share), so a scenario's gap range draws them as the projection's
   * does; null without simulations.
   */
  assumptionDraws: {
    targetOccupancy: number[];
    consortiumOpenMarketAccessShare: number[];
    /**
     * The projection's supply paths for the consortium, per simulation: LA-run and open-market
     * places less the median path's (year-major, `[h × simulations + s]`); absent when supply was not drawn.
     */
    supplyLaRun?: number[];
    supplyOpenMarket?: number[];
  } | null;
  /**
   * The projection's split of children by need type (mainstream, solo or complex) with its basis;
   * null or absent when the projection has none. The allocation does not use it (places are
   * interchangeable across need types); the optimiser says whom its homes are for by it.
   */
  needTypeShares?: { mainstream: number; soloComplex: number; basis: string } | null;
  /** The projection's seed, from which the cost assumptions' draws are seeded too (1 when absent). */
  seed?: number;
  /** Children observed per member in the base year (used for calibration). */
  baseYearChildren: number[];
  prices: WeeklyPrices;
  settings: ScenarioSettings;
  outside: OutsideMarket;
  calibration: Calibration;
  assumptions: ScenarioAssumption[];
  warnings: string[];
}

/** Cash cost of one year (or a total), £. */
export interface CostBreakdown {
  /** Spot placements by sector: LA-run homes, private and voluntary homes in member LAs, outside the consortium, and children without a registered place. */
  placementsBySector: {
    localAuthority: number;
    private: number;
    voluntary: number;
    outsideConsortium: number;
    unmet: number;
  };
  /** Block-contracted beds in use. */
  blockContracts: number;
  /** Block-contracted beds paid for but empty. */
  voids: number;
  /** Capital for new homes. */
  capital: number;
  /** Running costs of new homes. */
  running: number;
  /** Demand and access levers: foster placements of stepped-down children, programme and agreement costs, delivery per child. */
  programmes: number;
  /** Social-worker, IRO and family-time travel and staff time, by distance from home. */
  travel: number;
  /** Public cost of missing incidents (police investigations, return home interviews). */
  missingEpisodes: number;
  /** Residual value of new homes' capital at the horizon (a credit: 0 or negative), in the last year. */
  residualValue: number;
  total: number;
}

/** Where children were placed, for one year or summed over years (child-years). */
export interface PlacementFigures {
  /** Children needing a place in the allocation (after demand levers; whole numbers per LA). */
  children: number;
  placedOwnLa: number;
  placedElsewhereInConsortium: number;
  placedOutside: number;
  /** Children without a registered place (only when the outside market is capacity-limited). */
  unmet: number;
  /** Placed more than 20 miles from home (elsewhere in the consortium by centroid distance, or the far outside market). */
  over20Miles: number;
  /** over20Miles ÷ children placed. */
  over20MilesShare: number;
  expectedMissingIncidents: number;
}

/** Figures that carry demand uncertainty. */
export type UncertainFigure =
  | 'gap'
  | 'children'
  | 'placedOwnLa'
  | 'placedElsewhereInConsortium'
  | 'placedOutside'
  | 'unmet'
  | 'over20Miles'
  | 'over20MilesShare'
  | 'expectedMissingIncidents'
  | 'totalCost';

export interface AreaYearOutcome extends PlacementFigures {
  code: string;
  name: string;
}

/** Children from one placing LA in one destination (central demand path). */
export interface PlacementFlowOutcome {
  placingArea: string;
  /** Member LA code where the bed is, or "OUTSIDE" for the outside market. */
  hostArea: string;
  pool: PoolKind;
  /** Lever key for block and new-home pools. */
  lever: string | null;
  miles: number;
  children: number;
}

/**
 * Pools of beds: an LA's own homes; its open market (private and voluntary homes) split into the part
 * its own children can count on, the part other members' children can, and what a local-first
 * agreement adds for any member; block contracts; new homes; the outside market near and far.
 */
export type PoolKind =
  'laRun' | 'openOwn' | 'openOthers' | 'openAgreement' | 'block' | 'newHome' | 'outsideNear' | 'outsideFar';

export interface ScenarioYear extends PlacementFigures {
  year: string;
  /** Consortium children needing a place at P50 after demand levers (not rounded). */
  demand: number;
  bedsNeeded: number;
  /** Places consortium children can count on: LA-run + contracted + new homes + accessible open market. */
  accessiblePlaces: number;
  /** Beds needed − accessible places at P50: positive means short. */
  gap: number;
  /** Block beds contracted this year (paid for) and in use. */
  blockBeds: { contracted: number; used: number };
  /** Children stepped down to foster care by step-down levers (on 31 March). */
  steppedDown: number;
  cost: CostBreakdown;
  /** 1 ÷ (1 + r)^k, k = 1 for the first projected year (end-of-year convention). */
  discountFactor: number;
  /** Total cost × discount factor. */
  presentValue: number;
  /** P10/P50/P90 of each figure over demand uncertainty (see ScenarioOutcome.uncertainty). */
  percentiles: Record<UncertainFigure, Percentiles>;
  /** Share of demand simulations (or analytic probability) in which beds needed ≤ accessible places. */
  probabilityGapClosed: number;
  areas: AreaYearOutcome[];
  flows: PlacementFlowOutcome[];
}

export interface ScenarioTotals extends PlacementFigures {
  years: number;
  /** Sum of the years' gaps (bed-years; negative means spare). */
  gap: number;
  /** Gap in the last projected year. */
  finalYearGap: number;
  cost: CostBreakdown;
  /** P10/P50/P90 of the totals over demand uncertainty. */
  percentiles: Record<Exclude<UncertainFigure, 'gap'> | 'npv', Percentiles>;
}

/** What one lever did, in words and figures, so a lever that changes nothing says so and why. */
export interface LeverOutcome {
  /** The lever's key (its id, or position and type). */
  key: string;
  type: Scenario['levers'][number]['type'];
  label: string;
  /** Plain statements about the lever's effect (e.g. why it changed nothing), in order. */
  notes: string[];
  /** Block contracts: beds paid for, children in them and the void share, per year (central path). */
  block?: {
    paidBeds: number[];
    usedBeds: number[];
    voidShare: number[];
    /** Σ over years of discount factor × weeks × (used + void cost share × empty beds): £ of NPV per £1 a week on the price. */
    npvPerPound: number;
    weeklyPrice: number;
  };
  /** New homes: capital, its residual value at the horizon and that credit's present value. */
  residual?: { capital: number; assetLifeYears: number; yearsUsed: number; value: number; presentValue: number };
  /** Prevention and step-down: children prevented or stepped down, delivery cost per child, any cap applied. */
  demand?: { children: number; deliveryCost: number; capped: boolean };
}

export interface ScenarioOutcome {
  scenario: Scenario;
  consortiumName: string;
  baseYear: string;
  years: ScenarioYear[];
  /** Sums over the projected years (counts are child-years). */
  totals: ScenarioTotals;
  /** Net present value of the costs, by component, discounted to the start of the first projected year. */
  npv: CostBreakdown;
  discountRate: number;
  /**
   * 'simulated': figures' percentiles are read from allocating every kept demand simulation;
   * 'percentile paths': from allocating the consortium's P10 and P90 demand paths (each LA's median
   * scaled by the consortium's P10 ÷ P50, P90 ÷ P50).
   */
  uncertainty: 'simulated' | 'percentile paths';
  simulations: number;
  calibration: Calibration;
  /** What each lever did (see LeverOutcome). */
  levers: LeverOutcome[];
  assumptions: ScenarioAssumption[];
  warnings: string[];
  /** Tornadoes of the horizon gap and the five-year cost, and what drives each (./costUncertainty.ts). */
  sensitivity?: ScenarioSensitivity;
}

export interface RunScenarioOptions {
  /** 'auto' (default) uses demand simulations when the projection kept them, else percentile paths. */
  uncertainty?: 'auto' | 'simulated' | 'percentile paths';
  /** Use at most this many of the kept simulations (the first ones), for speed. */
  maxSimulations?: number;
  /** Include the central path's placement flows per year (default true). */
  flows?: boolean;
}
