/**
 * The illustration's fixed inputs and small tools: its seed, the national shares and price ratios it calibrates to (each with its source in the comment beside it), the members' facts index, and the outside-consortium count of step 4.
 */
import type { Area, Observation, Source } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import type { Assumption, PlacementFlow, UnitCost } from '#shared/model/placements.js';
// The illustrative prices and rates the national cost build states too (one definition for both).
export {
  BLOCK_CONTRACT_DISCOUNT,
  DISCOUNT_RATE,
  FOSTER_AGENCY_WEEKLY,
  FOSTER_IN_HOUSE_WEEKLY,
  MISSING_RELATIVE_RISK_OUT_OF_AREA,
  SECURE_TO_RESIDENTIAL as SECURE_TO_CHILDRENS_HOME,
  SUPPORTED_ACCOMMODATION_WEEKLY,
  TARGET_OCCUPANCY,
  WEEKS_PER_YEAR,
  thousands,
} from '../costs/constants.js';

export const ILLUSTRATIVE_SEED = 20260401;

export const GENERATOR = 'scripts/illustrative.ts';
export const CHANGED_AT = '2026-04-01';
export const PUBLISHER = 'Sufficiency Planner (generated)';
export const LICENCE = 'Generated illustration — not published data';
export const ENGLAND = 'E92000001';

// Published national figures (DfE CLA 2024 national tables; DOMAIN.md "Recent figures").
export const NATIONAL_CH_OUTSIDE_LA_SHARE = 0.67;
export const NATIONAL_CH_OVER_20_MILES_SHARE = 0.49;
/** Year of the national children's-homes figures; England's all-CLA shares are taken from the same year. */
export const NATIONAL_FIGURES_PERIOD = '2024';
/** Used only if England's 2024 observations are absent from the facts (values as published for 2024). */
export const FALLBACK_ENGLAND_OUTSIDE_LA_SHARE = 37_520 / 83_630;
export const FALLBACK_ENGLAND_OVER_20_MILES_SHARE = 18_020 / 83_630;

// Flow model parameters.
export const DISTANCE_DECAY_MILES = 10;
export const MAX_OUTSIDE_LA_SHARE = 0.9;
export const MIN_OUTSIDE_CONSORTIUM_OF_OUT = 0.1;
export const MAX_OUTSIDE_CONSORTIUM_OF_OUT = 0.9;
export const SHARE_NOISE_SD = 0.02;
export const GRAVITY_LOG_NOISE_SD = 0.2;
export const SUPPLY_PERIOD = '2023-03-31';

// Costs.
export const NAO_ANNUAL_COST_PER_PLACE = 318_400;
export const PRICE_YEAR = '2023-24';
export const LA_TO_PRIVATE_PRICE = 0.85;
export const VOLUNTARY_TO_PRIVATE_PRICE = 0.93;
/**
 * National mix of children in children's homes, 2024: 33% inside the LA boundary (35% LA-run, 58% private),
 * 67% outside (93% private; the remaining 7% assumed 3% LA-run, 4% voluntary). Voluntary takes the rest.
 */
export const MIX_LA = 0.33 * 0.35 + 0.67 * 0.03;
export const MIX_PRIVATE = 0.33 * 0.58 + 0.67 * 0.93;
export const MIX_VOLUNTARY = 1 - MIX_LA - MIX_PRIVATE;

export interface IllustrativeOutput {
  sources: Source[];
  flows: PlacementFlow[];
  unitCosts: UnitCost[];
  assumptions: Assumption[];
}

/**
 * Rounds non-negative values to integers summing exactly to `total` (largest-remainder method;
 * ties go to the earlier index, so the result is deterministic).
 */
export function largestRemainder(values: readonly number[], total: number): number[] {
  const floors = values.map((v) => Math.floor(Math.max(0, v)));
  let remaining = total - floors.reduce((a, b) => a + b, 0);
  const order = values
    .map((v, i) => ({ i, frac: Math.max(0, v) - Math.floor(Math.max(0, v)) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; remaining > 0 && order.length > 0; k = (k + 1) % order.length) {
    const entry = order[k];
    if (entry === undefined) break;
    floors[entry.i] = (floors[entry.i] ?? 0) + 1;
    remaining -= 1;
  }
  // Values summing to more than the total (not expected): take the excess from the largest.
  while (remaining < 0) {
    let max = 0;
    floors.forEach((v, i) => {
      if (v > (floors[max] ?? 0)) max = i;
    });
    floors[max] = (floors[max] ?? 0) - 1;
    remaining += 1;
  }
  return floors;
}

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
export const round = (v: number, dp: number): number => Number(v.toFixed(dp));
export const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

export class Facts {
  private readonly index = new Map<string, number>();

  constructor(observations: readonly Observation[]) {
    for (const o of observations) {
      if (o.value !== null && Number.isFinite(o.value)) this.index.set(`${o.area}|${o.measure}|${o.period}`, o.value);
    }
  }

  get(area: string, measure: MeasureId, period: string): number | undefined {
    return this.index.get(`${area}|${measure}|${period}`);
  }

  /** Latest period in which every area has a value for every measure. */
  latestCommonPeriod(areas: readonly string[], measures: readonly MeasureId[], candidates: readonly string[]): string {
    const periods = [...new Set(candidates)].sort().reverse();
    const found = periods.find((p) => areas.every((a) => measures.every((m) => this.get(a, m, p) !== undefined)));
    if (found === undefined) throw new Error(`No period has ${measures.join(', ')} for every consortium member`);
    return found;
  }

  sum(areas: readonly string[], measure: MeasureId, period: string): number {
    return areas.reduce((acc, a) => acc + (this.get(a, measure, period) ?? 0), 0);
  }
}

export interface Member {
  area: Area;
  children: number;
  /** Target share placed outside the LA (before noise). */
  outsideLaTarget: number;
  /** Target share placed more than 20 miles away (before noise). */
  distantTarget: number;
  places: number;
}

/** Number placed outside the consortium so that the distant share meets its target (step 4). */
export function outsideConsortiumCount(
  children: number,
  outsideLa: number,
  distant: number,
  g: number,
  phi: number,
): number {
  const out = children * outsideLa;
  const raw = phi > g ? (children * distant - out * g) / (phi - g) : out / 2;
  return clamp(raw, out * MIN_OUTSIDE_CONSORTIUM_OF_OUT, out * MAX_OUTSIDE_CONSORTIUM_OF_OUT);
}
