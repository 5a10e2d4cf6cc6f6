/**
 * Population aged 0 to 17 for each demand year: ONS mid-year estimates for the past; for the
 * future, the ONS sub-national population projection (SNPP, ages 0 to 17 summed from single years)
 * where the plan holds one, rebased to the latest mid-year estimate (the projection's growth from
 * that year applied to the estimate, so a projection made from an older base does not jump at the
 * join). Without one, or beyond its last year, the population is held at the last known figure,
 * changed only by the plan's own annual growth assumption (`populationGrowthWithoutProjection`,
 * default 0, −5% to +5% a year) — never by extrapolating a short recent trend — and the stated
 * assumption says which.
 */
import type { ForecastAssumption, PopulationPoint } from '../types.js';
import type { AreaSeries } from './series.js';

/** The plan assumption key for annual population growth where no ONS projection covers a year. */
export const POPULATION_GROWTH_KEY = 'populationGrowthWithoutProjection';
/** The largest annual growth (either way) the assumption accepts: ±5% a year. */
export const MAX_POPULATION_GROWTH = 0.05;

/** How an area's population was carried past its last known figure (null when it never was). */
export interface CarriedForward {
  /** Calendar year of the last known mid-year figure. */
  from: number;
  basis: 'estimate' | 'projection';
}

/**
 * Population for each demand year from the first observed to ten years past the base year. Known
 * figures (estimates, and ONS projections where no estimate exists) are used as they are; a gap
 * between known years is interpolated geometrically; after the last known figure the value is held,
 * changed by `growth` a year (0 by default), never extrapolated from a fitted trend.
 */
export function alignPopulation(
  series: AreaSeries,
  firstYear: number,
  lastYear: number,
  growth: number,
): { points: PopulationPoint[]; carried: CarriedForward | null } {
  const known = new Map<number, { value: number; basis: 'estimate' | 'projection' }>();
  const estimates = new Map<number, number>();
  for (const [y, v] of Object.entries(series.populationEstimates)) {
    if (Number.isFinite(v) && v > 0) estimates.set(Number(y), v);
  }
  const projections = new Map<number, number>();
  for (const [y, v] of Object.entries(series.populationProjections ?? {})) {
    if (Number.isFinite(v) && v > 0) projections.set(Number(y), v);
  }
  // A projection is rebased to the latest estimate: its growth from that year is applied to the
  // estimate, so a projection made from an older base (SNPP 2018-based, say) does not jump.
  const lastEstimate = Math.max(-Infinity, ...estimates.keys());
  const projectedAtBase = projections.get(lastEstimate);
  const rebase = projectedAtBase ? (estimates.get(lastEstimate) ?? projectedAtBase) / projectedAtBase : 1;
  for (const [y, v] of projections) {
    if (y > lastEstimate || !estimates.has(y))
      known.set(y, { value: y > lastEstimate ? v * rebase : v, basis: 'projection' });
  }
  for (const [y, v] of estimates) known.set(y, { value: v, basis: 'estimate' });
  const knownYears = [...known.keys()].sort((a, b) => a - b);
  const lastKnown = knownYears[knownYears.length - 1];
  let carried: CarriedForward | null = null;
  const points: PopulationPoint[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    const mid = year - 1;
    const k = known.get(mid);
    if (k) {
      points.push({ year: String(year), midYear: String(mid), value: k.value, basis: k.basis });
    } else if (lastKnown !== undefined && mid < lastKnown && mid > (knownYears[0] ?? Infinity)) {
      // A gap between known years (e.g. estimates to 2024, a projection from 2026): geometric interpolation.
      const before = knownYears.filter((y) => y < mid).at(-1) ?? mid;
      const after = knownYears.find((y) => y > mid) ?? mid;
      const a = known.get(before)?.value ?? 0;
      const b = known.get(after)?.value ?? 0;
      const value = a * Math.pow(b / a, (mid - before) / (after - before));
      points.push({ year: String(year), midYear: String(mid), value, basis: 'interpolated' });
    } else if (lastKnown !== undefined && mid > lastKnown) {
      const last = known.get(lastKnown);
      const value = (last?.value ?? 0) * Math.pow(1 + growth, mid - lastKnown);
      carried ??= { from: lastKnown, basis: last?.basis ?? 'estimate' };
      // 'trend' is the type's name for a year carried past the last known figure (here: held, or the set growth).
      points.push({ year: String(year), midYear: String(mid), value, basis: 'trend' });
    }
  }
  return { points, carried };
}

/** "+1.0% a year", "−0.5% a year", or "no change". */
function growthText(growth: number): string {
  if (growth === 0) return 'no change';
  const pct = Math.round(Math.abs(growth) * 1000) / 10;
  return `${growth > 0 ? '+' : '−'}${pct.toLocaleString('en-GB')}% a year`;
}

/** "Alpha, Bravo and Charlie". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
}

/** The stated population assumptions: the projection used, and what happens where there is none. */
export function populationAssumptions(
  used: { name: string; projectionTo: number | null; carried: CarriedForward | null }[],
  growth: number,
): ForecastAssumption[] {
  const list: ForecastAssumption[] = [];
  const withProjection = used.filter((u) => u.projectionTo !== null);
  if (withProjection.length) {
    const ends = [...new Set(withProjection.map((u) => u.projectionTo))].sort();
    list.push({
      key: 'populationProjection',
      label: 'Population aged 0 to 17 from the ONS sub-national population projection',
      value: withProjection.length,
      unit: withProjection.length === 1 ? 'authority' : 'authorities',
      rationale: `${withProjection.length === used.length ? 'Every member authority’s' : `${listNames(withProjection.map((u) => u.name))}’s`} children aged 0 to 17 in future years come from the ONS sub-national population projection imported into the plan (single years of age 0 to 17 summed, to mid-${ends.join('/mid-')}), rebased to the latest mid-year estimate: the projection’s growth from that year is applied to the estimate, so a projection made from an older base does not jump at the join; mid-year estimates are used wherever they exist.`,
      source: null,
    });
  }
  const carried = used.filter((u) => u.carried !== null);
  if (carried.length === 0) return list;
  const noProjection = carried.filter((u) => u.carried?.basis === 'estimate');
  const beyond = carried.filter((u) => u.carried?.basis === 'projection');
  const lastEstimates = [...new Set(noProjection.map((u) => u.carried?.from))].sort();
  const held = growth === 0 ? 'held at' : `carried forward from`;
  const parts: string[] = [];
  if (noProjection.length) {
    const who =
      noProjection.length === used.length
        ? 'The plan has no ONS sub-national population projection, so each member authority’s'
        : `${listNames(noProjection.map((u) => u.name))} ${noProjection.length === 1 ? 'has' : 'have'} no ONS sub-national population projection in the plan, so ${noProjection.length === 1 ? 'its' : 'their'}`;
    parts.push(
      `${who} children aged 0 to 17 are ${held} the latest mid-year estimate (mid-${lastEstimates.join('/mid-')})${growth === 0 ? '' : ` at ${growthText(growth)}`}.`,
    );
  }
  if (beyond.length) {
    parts.push(
      `Beyond the last year of the ONS projection, ${beyond.length === used.length ? 'every member authority’s' : `${listNames(beyond.map((u) => u.name))}’s`} children aged 0 to 17 are ${held} its last projected figure${growth === 0 ? '' : ` at ${growthText(growth)}`}.`,
    );
  }
  parts.push(
    'A short recent trend is not extrapolated: recent growth in the child population (such as 2021–24’s, driven by migration) is not a settled path. Change the annual growth here to test another path, or import the ONS sub-national population projection (SNPP) to use it instead.',
  );
  list.push({
    key: POPULATION_GROWTH_KEY,
    label:
      noProjection.length === used.length
        ? 'Population aged 0 to 17: annual change after the latest mid-year estimate (no ONS projection in the plan)'
        : 'Population aged 0 to 17: annual change where no ONS projection covers a year',
    value: growth,
    unit: 'share a year',
    rationale: parts.join(' '),
    source: null,
  });
  return list;
}

/** The assumption as the plan's register stores it before the user changes it (for planService). */
export function populationGrowthAssumptionTemplate(): ForecastAssumption {
  return {
    key: POPULATION_GROWTH_KEY,
    label: 'Population aged 0 to 17: annual change where no ONS projection covers a year',
    value: 0,
    unit: 'share a year',
    rationale:
      'Without an ONS sub-national population projection, children aged 0 to 17 are held at the latest mid-year estimate, changed only by this annual growth (default 0); a short recent trend is never extrapolated.',
    source: null,
  };
}

export function checkPopulationGrowth(growth: number): void {
  if (!Number.isFinite(growth) || Math.abs(growth) > MAX_POPULATION_GROWTH + 1e-12) {
    throw new Error(
      `Population growth without a projection must be from −${MAX_POPULATION_GROWTH * 100}% to +${MAX_POPULATION_GROWTH * 100}% a year (−0.05 to 0.05); got ${String(growth)}.`,
    );
  }
}
