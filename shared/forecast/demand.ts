/**
 * The hand-over between a demand method and ./beds/: each LA's projected demand, either as joint
 * simulations or as a central path with an analytic lognormal spread. A stock-flow model returns
 * the same (with `samples`), then calls summariseProjection() to get a {@link ProjectionResult}.
 */
import type {
  ForecastAssumption,
  ManualModelSummary,
  MethodSelection,
  ProjectionMethodId,
  RateModelSummary,
  YearValue,
} from './types.js';

/**
 * A central path with a lognormal spread, per projected year: P50 = median, P10/P90 = median ×
 * exp(∓ q × logSd). Used when simulations are 0, for an instant answer while a lever moves.
 */
export interface AnalyticDemand {
  median: Float64Array;
  mean: Float64Array;
  /** Standard deviation of log demand. */
  logSd: Float64Array;
  /** Multiplier for the 90th percentile: the normal 1.2816, or Student's t where variance is estimated. */
  q: number;
}

export interface AreaDemand {
  code: string;
  name: string;
  history: YearValue[];
  /** Population aged 0 to 17 used for each projected year. */
  population: Float64Array;
  model?: RateModelSummary | ManualModelSummary;
  /** Year-major simulations: samples[yearIndex × simulations + s]; simulations are joint across LAs. */
  samples?: Float64Array;
  analytic?: AnalyticDemand;
}

export interface DemandProjection {
  method: ProjectionMethodId;
  baseYear: string;
  years: string[];
  /** 0 with analytic spreads. */
  simulations: number;
  seed: number;
  areas: AreaDemand[];
  /** The consortium's analytic spread (analytic mode only): LAs' spreads are not independent. */
  consortiumAnalytic?: AnalyticDemand;
  assumptions: ForecastAssumption[];
  warnings: string[];
  /** The evidence behind the method (rate method). */
  selection?: MethodSelection;
}
