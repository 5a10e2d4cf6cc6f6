/**
 * Types shared by every projection method (rate-based, manual, and the stock-flow model that
 * lives in ./stockflow). A method turns {@link ProjectionInputs} into demand for each member LA
 * and year — either a matrix of joint simulations or a central path with an analytic spread — and
 * ./beds/ turns that into the one {@link ProjectionResult} shape the app shows: demand, beds
 * needed, places, gap and the probability of being short, per LA, for the consortium, per year.
 *
 * Years are financial years ending 31 March, written as in DfE files: "2026" is the year to
 * 31 March 2026, and demand is the number of children in secure homes and children's homes on
 * that date.
 */
import type { MemberAccessEvidence, MemberAccessShare } from './accessShares.js';
import type { AssumptionDraws, AssumptionRange, TornadoBar } from './assumptionUncertainty.js';
import type { BasePosition, GapDecomposition, GapReconciliation, PlacedWhere } from './basePosition.js';
import type { Assumption } from '../model/placements.js';
import type { CandidateId } from './candidates.js';
import type { NationalBacktestResult, NationalPanel } from './national/index.js';

/** One value for one year ending 31 March. */
export interface YearValue {
  year: string;
  value: number;
}

/** Where a year's population aged 0 to 17 came from. */
export type PopulationBasis = 'estimate' | 'projection' | 'interpolated' | 'trend';

/**
 * The population aged 0 to 17 that goes with a demand year. DfE's rates per 10,000 for the year
 * ending 31 March Y divide by the ONS mid-year estimate for Y − 1 (e.g. 31 March 2022 uses
 * mid-2021), so `midYear` is one less than `year`.
 */
export interface PopulationPoint extends YearValue {
  midYear: string;
  basis: PopulationBasis;
}

/**
 * Long-term children's home places located in an LA at the latest supply snapshot. Short-break-only
 * homes are excluded (respite, not long-term places) and so are secure homes (a separate market).
 */
export interface AreaSupply {
  /** Snapshot the places were counted at, e.g. "2023-03-31"; null when the plan has none. */
  period: string | null;
  registeredPlaces: number;
  /** Places in homes run by a local authority (the LA's own homes in practice). */
  laRunPlaces: number;
  /** Places in short-break-only homes in the LA: shown for transparency, never counted as supply. */
  shortBreakOnlyPlaces: number;
  /**
   * How `laRunPlaces` was found: from supply rows by sector, or by applying the assumed LA-run
   * share to a total without a sector breakdown, or there were no places at all.
   */
  basis: 'supply rows' | 'assumed LA-run share' | 'none';
  /**
   * Places projected past the snapshot by openings and closures (shared/supply), by year ending 31
   * March; absent where the plan holds no such history, and then places are held at the snapshot.
   * Read through `placesInYear` (shared/supply/forecastSupply.ts).
   */
  projected?: ProjectedPlaces;
}

/** Long-term places of one area per year from the supply projection: medians of the simulations, and the range. */
export interface ProjectedPlaces {
  years: string[];
  registeredPlaces: number[];
  laRunPlaces: number[];
  p10: number[];
  p90: number[];
  /**
   * The supply projection's own simulations (year-major over `years`: `registered[h × simulations
   * + s]`), so the gap's range can draw supply too; absent when it kept none.
   */
  draws?: { simulations: number; registered: Float64Array; laRun: Float64Array };
}

/** One member LA's history, population and supply, ready for any projection method. */
export interface AreaInputs {
  /** ONS code. */
  code: string;
  name: string;
  /** Children in secure and children's homes on 31 March; suppressed or missing years are left out. */
  demand: YearValue[];
  /**
   * Population aged 0 to 17 for each demand year, history and future alike, oldest first. Future
   * years run at least ten years past the base year (the longest horizon).
   */
  population: PopulationPoint[];
  supply: AreaSupply;
}

/** A stated assumption a result rests on: the register's fields without the audit trail. */
export type ForecastAssumption = Pick<Assumption, 'key' | 'label' | 'value' | 'unit' | 'rationale' | 'source'>;

export interface ProjectionInputs {
  consortiumName: string;
  /** Where each member's children were placed at the latest placement-flows snapshot (by ONS code). */
  placements?: Record<string, PlacedWhere>;
  /** Member LAs only, in a stable order (by name). */
  areas: AreaInputs[];
  /** The last year with observed demand for any member, e.g. "2025"; projections start the year after. */
  baseYear: string;
  /** Assumptions made while assembling the inputs (population carried forward, LA-run share…). */
  assumptions: ForecastAssumption[];
  warnings: string[];
  /** Settings found in the plan's assumption register, used where project() options leave them unset. */
  planSettings: Partial<ForecastSettings>;
  /** Each member's locality evidence at the base year, for its own open-market access share (./accessShares.ts). */
  accessEvidence?: MemberAccessEvidence[];
  /**
   * Every authority's children in secure and children's homes in the plan (members or not), the
   * panel the default method is chosen and its ranges calibrated on. Without it, the members alone.
   */
  national?: NationalPanel;
}

/** The methods that return a {@link ProjectionResult}. `stockFlow` is produced by ./stockflow. */
export type ProjectionMethodId = 'rate' | 'manual' | 'stockFlow';

/** The share of children needing each type of home; the two shares sum to 1. */
export interface NeedTypeShares {
  mainstream: number;
  soloComplex: number;
}

/**
 * A change to supply from a year onwards (an opening, a closure, a block contract starting), in
 * places. `accessiblePlaces` is the part of the change consortium children can use; a new LA-run
 * or block-contracted home adds the same number to both.
 */
export interface SupplyChange {
  area: string;
  /** First year ending 31 March the change counts in, e.g. "2027". */
  fromYear: string;
  registeredPlaces: number;
  accessiblePlaces: number;
}

/** Every tunable setting with its default resolved (see ./settings.ts for defaults and rationale). */
export interface ForecastSettings {
  horizonYears: number;
  /** 0 gives the deterministic central path with an analytic (lognormal) spread. */
  simulations: number;
  seed: number;
  targetOccupancy: number;
  needTypeShares: NeedTypeShares;
  /**
   * Share of the open market located in an LA that the LA's own children can count on: the fallback
   * where a member has no estimate of its own, or the one share for every member when
   * `ownAccessShares` is 'single'.
   */
  openMarketAccessShare: number;
  /**
   * 'perMember' (default): each member's share is estimated from the plan's figures
   * (./accessShares.ts); 'single': `openMarketAccessShare` for every member (set when the plan's
   * register or the caller sets that share).
   */
  ownAccessShares: 'perMember' | 'single';
  /** Multiplies every member's own share, bounded to 1 (sensitivity runs; default 1). */
  openMarketAccessShareFactor: number;
  /** Share of the open market located anywhere in the consortium that consortium children can count on. */
  consortiumOpenMarketAccessShare: number;
  /**
   * Rate method: each further year keeps this fraction of the previous year's trend (1 = straight
   * log-linear extrapolation; 0.8 keeps 80%, so growth fades and the rate levels off).
   */
  trendDamping: number;
  /** Manual method: annual growth in children by LA code (0.05 = 5% a year). */
  manualGrowth: Record<string, number>;
  /** Places in block contracts, by LA code: accessible, and taken out of the LA's open market. */
  contractedPlaces: Record<string, number>;
  supplyChanges: SupplyChange[];
  /** Keep the raw demand simulations in the result (memory: areas × years × simulations numbers). */
  keepSamples: boolean;
}

/** What project() accepts: a method and any settings to override. */
export interface ProjectOptions extends Partial<Omit<ForecastSettings, 'needTypeShares'>> {
  method: 'rate' | 'manual';
  needTypeShares?: NeedTypeShares;
  /** Rate method: use this candidate instead of the one the national backtest chose. */
  candidate?: CandidateId;
}

export interface Percentiles {
  p10: number;
  p50: number;
  p90: number;
}

export interface DemandSummary extends Percentiles {
  mean: number;
}

/** One area's figures for one projected year. */
export interface YearProjection {
  year: string;
  /** Children needing a place in a secure or children's home on 31 March. */
  demand: DemandSummary;
  /** Population aged 0 to 17 the year's rate is applied to (summed for the consortium). */
  population0to17: number;
  /** Demand per 10,000 children aged 0 to 17. */
  ratePer10k: Percentiles;
  /** Demand ÷ target occupancy. */
  bedsNeeded: Percentiles;
  bedsNeededByNeedType: { mainstream: Percentiles; soloComplex: Percentiles };
  /** Long-term registered places located in the area, after any supply changes. */
  registeredPlaces: number;
  /** Of the registered places, those in LA-run homes (members only; the scenarios' supply by year). */
  laRunPlaces?: number;
  /** Places the area's children can count on (LA-run + contracted + assumed open-market share). */
  accessiblePlaces: number;
  /**
   * Beds needed − accessible places: positive means short. The median is at the plan's own
   * assumptions; with simulations, the 80% range also draws occupancy and the access shares.
   */
  gap: Percentiles;
  /** The gap's range from the demand forecast alone (the plan's assumptions held), when it differs. */
  gapDemandOnly?: Percentiles;
  /** Share of simulations (or analytic probability) in which beds needed exceed accessible places (assumptions drawn too). */
  probabilityNeedExceedsAccessible: number;
  /**
   * False when that probability is saturated (below 1% or above 99%): it then says only "almost
   * certainly" one way, so show it as such rather than as a figure.
   */
  probabilityInformative?: boolean;
}

/** Fitted rate model for one LA (rate method), to show how its trend was formed. */
export interface RateModelSummary {
  kind: 'rate';
  /** Years of history the fit used. */
  years: number;
  /** Fitted rate per 10,000 at the last observed year. */
  ratePer10k: number;
  /** The LA's own fitted trend in the rate, per year (0.05 = +5% a year). */
  ownTrend: number;
  /** The consortium trend it is pooled towards. */
  consortiumTrend: number;
  /** The trend used: a precision-weighted blend of the two. */
  pooledTrend: number;
  /** Weight on the consortium trend (0 = own trend kept, 1 = fully pooled); larger for small or noisy LAs. */
  poolingWeight: number;
  /** The candidate method used (the evidence-chosen default unless set); absent for the GLM fit. */
  candidate?: CandidateId;
  /** φ: share of the trend kept each further year. */
  damping?: number;
  /** The last observed year and number the projection starts from. */
  jumpOffYear?: string;
  jumpOffValue?: number;
}

/**
 * Why the projection uses the method it does: the national backtest of every candidate (scores by
 * horizon, pairs, the winner and why, the interval calibration), and the method actually used.
 */
export interface MethodSelection extends NationalBacktestResult {
  used: CandidateId;
  usedLabel: string;
}

export interface ManualModelSummary {
  kind: 'manual';
  /** Annual growth applied to the last observed number of children. */
  growth: number;
  jumpOffYear: string;
  jumpOffValue: number;
}

export interface AreaProjection {
  /** ONS code, or "consortium". */
  code: string;
  name: string;
  /** Observed demand (for the consortium: years where every member has a figure). */
  history: YearValue[];
  years: YearProjection[];
  model?: RateModelSummary | ManualModelSummary;
  /** Raw demand simulations, year-major (index = yearIndex × simulations + s), when asked for. */
  samples?: Float64Array;
  /** The base year (latest observed) by the same definitions: year 0. */
  base?: BasePosition;
  /** Each projected year's median gap in parts that add up to it (null parts: no base-year children). */
  decomposition?: GapDecomposition[];
}

export interface ProjectionResult {
  method: ProjectionMethodId;
  /** Last observed year; the first projected year is the one after. */
  baseYear: string;
  years: string[];
  /** Number of joint simulations; 0 when the spread is the analytic approximation. */
  simulations: number;
  seed: number;
  uncertainty: 'simulated' | 'analytic';
  areas: AreaProjection[];
  /** Consortium totals; in simulated mode its percentiles come from summing each simulation's LAs. */
  consortium: AreaProjection;
  assumptions: ForecastAssumption[];
  warnings: string[];
  /** Rate method: the evidence behind the method used (national backtest and selection). */
  selection?: MethodSelection;
  /** The assumptions drawn in every simulation, with their ranges and basis (./assumptionUncertainty.ts). */
  assumptionRanges?: AssumptionRange[];
  /** The draws themselves, one per simulation, when samples are kept (the scenarios use the same). */
  assumptionDraws?: AssumptionDraws;
  /**
   * The consortium's supply paths drawn in every simulation (the supply projection's own), as
   * deviations of LA-run and open-market places from the median path (year-major `[h × S + s]`),
   * when samples are kept and supply was projected (the scenarios use the same).
   */
  supplyDraws?: { laRun: Float64Array; openMarket: Float64Array };
  /** The consortium's gap in the horizon year with each input at its low and high (largest swing first). */
  tornado?: TornadoBar[];
  /** Each year's consortium gap beside the sum of its members' gaps, with what separates them. */
  reconciliation?: GapReconciliation[];
  /** Each member's own open-market access share as used, with its estimate, range and source (./accessShares.ts). */
  accessShares?: MemberAccessShare[];
}

/** Accuracy at one horizon. */
export interface HorizonAccuracy {
  /** Years ahead. */
  h: number;
  /** Forecast/actual pairs behind the figures (small samples: read with care). */
  n: number;
  /** Mean absolute error, in children. */
  mae: number | null;
  /** Mean absolute percentage error, in per cent (pairs with an actual of 0 are left out). */
  mape: number | null;
  /**
   * Share of actuals inside the forecast's P10–P90 interval (nominal 0.8; an actual equal to an end
   * counts half, as counts are whole numbers); null where the forecast has no interval.
   */
  coverage80: number | null;
}

export interface BacktestLevel {
  method: HorizonAccuracy[];
  lastValue: HorizonAccuracy[];
  linearTrend: HorizonAccuracy[];
}

/** One forecast compared with what happened. */
export interface BacktestPair {
  area: string;
  origin: string;
  year: string;
  h: number;
  actual: number;
  method: Percentiles;
  lastValue: Percentiles | null;
  linearTrend: Percentiles | null;
}

export interface BacktestResult {
  method: 'rate' | 'manual';
  /** Accuracy over member LAs' forecasts, by horizon. */
  horizons: HorizonAccuracy[];
  baselines: { lastValue: HorizonAccuracy[]; linearTrend: HorizonAccuracy[] };
  /** The same for the consortium total (one pair per origin and horizon). */
  consortium: BacktestLevel;
  /** Last observed year of each fit. */
  origins: string[];
  minHistoryYears: number;
  pairs: BacktestPair[];
  notes: string[];
}
