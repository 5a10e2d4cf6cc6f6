/**
 * Looking up a plan's observations by area, measure and period, the latest period every member
 * has a set of measures in, and a projection assumption's value by key.
 */
import type { ForecastAssumption } from '../../forecast/types.js';
import type { Observation } from '../../model/dataset.js';

export interface Facts {
  get(area: string, measure: string, period: string): number | undefined;
  periods(measure: string): string[];
}

export function facts(observations: readonly Observation[]): Facts {
  const index = new Map<string, number>();
  const periods = new Map<string, Set<string>>();
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) continue;
    index.set(`${o.area}|${o.measure}|${o.period}`, o.value);
    let set = periods.get(o.measure);
    if (!set) periods.set(o.measure, (set = new Set()));
    set.add(o.period);
  }
  return {
    get: (area, measure, period) => index.get(`${area}|${measure}|${period}`),
    periods: (measure) => [...(periods.get(measure) ?? [])].sort(),
  };
}

/** Latest period in which every member has every measure. */
export function latestCommon(f: Facts, codes: readonly string[], measures: readonly string[]): string | null {
  const first = measures[0];
  if (first === undefined) return null;
  const candidates = f.periods(first).reverse();
  return candidates.find((p) => codes.every((c) => measures.every((m) => f.get(c, m, p) !== undefined))) ?? null;
}

export function assumptionValue(list: readonly ForecastAssumption[], key: string): number | undefined {
  return list.find((a) => a.key === key)?.value;
}
