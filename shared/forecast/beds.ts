/**
 * From children to beds, and beds to gaps.
 *
 * - **Beds needed** = demand ÷ target occupancy (a home cannot be matched at 100%), split by need type
 *   with assumed shares (mainstream, solo/complex).
 * - **Registered places** are long-term children's home places located in the area at the latest
 *   Ofsted snapshot (short-break-only and secure homes excluded), plus any supply changes listed.
 * - **Accessible places** are the ones the area's children can count on: LA-run places + block-
 *   contracted places + a share of the remaining open market (most of an LA's private places go to
 *   other LAs' children): each member's own share, estimated from its published figures
 *   (./accessShares.ts), or one share for every member when the plan sets it. For the consortium
 *   (never less, member by member, than a member's own share of its market) the open-market share is the consortium one, since
 *   a child may use a place anywhere in the consortium; so the consortium's accessible places are more
 *   than the sum of its members'.
 * - **Gap** = beds needed − accessible places: positive means short.
 *
 * In simulated mode, every percentile is read from the simulations (the consortium's from summing
 * each simulation's LAs, never by adding percentiles), and the probability of being short is the
 * share of simulations where beds needed exceed accessible places.
 */
import {
  accessShareAssumptions,
  drawMemberAccessShares,
  memberAccessShares,
  type MemberAccessShare,
} from './accessShares.js';
import { assumptionRanges, drawAssumptions, gapTornado, type AssumptionDraws } from './assumptionUncertainty.js';
import {
  basePosition,
  decomposeGap,
  reconcileGaps,
  sumPlacedWhere,
  type BasePlaces,
  type BasePosition,
} from './basePosition.js';
import type { AnalyticDemand, DemandProjection } from './demand.js';
import { placesInYear } from '../supply/forecastSupply.js';
import { settingsAssumptions } from './settings.js';
import { columnStats } from './simulate.js';
import { normalCdf, quantileSorted, Z90 } from './stats.js';
import type {
  AreaProjection,
  AreaSupply,
  DemandSummary,
  ForecastAssumption,
  ForecastSettings,
  Percentiles,
  ProjectionInputs,
  ProjectionResult,
  YearProjection,
  YearValue,
} from './types.js';

export const CONSORTIUM_CODE = 'consortium';

/** Bounds outside which P(need > beds) is saturated: reported as near-certain, not as a figure. */
export const INFORMATIVE_PROBABILITY = { min: 0.01, max: 0.99 } as const;

export const probabilityInformative = (p: number): boolean =>
  p >= INFORMATIVE_PROBABILITY.min && p <= INFORMATIVE_PROBABILITY.max;

export type ProbabilityKind = 'figure' | 'nearCertain' | 'veryUnlikely' | 'unknown';

export interface ProbabilityWords {
  kind: ProbabilityKind;
  /** "37%", "near certain (>99%)", "very unlikely (<1%)" or "—". */
  text: string;
  /** True when the figure carries information (neither saturated nor missing). */
  informative: boolean;
}

/**
 * A probability as it should be read, in every view and export: a percentage only where it is
 * informative; saturated ones in words. Uses the result's own `informative` flag where it has one,
 * else the same 1%/99% rule.
 */
export function probabilityWords(p: number | null | undefined, informative?: boolean): ProbabilityWords {
  if (p === null || p === undefined || !Number.isFinite(p)) return { kind: 'unknown', text: '—', informative: false };
  if (informative ?? probabilityInformative(p)) {
    const pct = Math.min(99, Math.max(1, Math.round(p * 100)));
    return { kind: 'figure', text: `${pct}%`, informative: true };
  }
  return p >= 0.5
    ? { kind: 'nearCertain', text: 'near certain (>99%)', informative: false }
    : { kind: 'veryUnlikely', text: 'very unlikely (<1%)', informative: false };
}

/** Beds needed for a number of children at a target occupancy. */
export function bedsNeeded(children: number, targetOccupancy: number): number {
  return children / targetOccupancy;
}

interface SupplyPath {
  registered: Float64Array;
  accessible: Float64Array;
  /** LA-run places by year (before any listed supply change). */
  laRun: Float64Array;
  /** Open-market places by year (registered − LA-run − contracted), what the access share applies to. */
  openMarket: Float64Array;
}

interface SupplyParts {
  laRun: number;
  contracted: number;
  openMarket: number;
}

function supplyParts(supply: AreaSupply, contracted: number): SupplyParts {
  return {
    laRun: supply.laRunPlaces,
    contracted,
    openMarket: Math.max(0, supply.registeredPlaces - supply.laRunPlaces - contracted),
  };
}

/**
 * Accessible places for one area (or, with the consortium share, a group of areas): LA-run +
 * contracted + share × open market, with supply changes added from their first year.
 */
export function accessiblePlaces(parts: SupplyParts, openMarketShare: number): number {
  return parts.laRun + parts.contracted + openMarketShare * parts.openMarket;
}

/**
 * Registered and accessible places per projected year for each area and for the consortium. Places
 * per year come from `placesInYear` (the supply projection where attached, else the snapshot).
 */
export function supplyPaths(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  codes: readonly string[],
  years: readonly string[],
  /** Each member's own open-market share (./accessShares.ts); `settings.openMarketAccessShare` where absent. */
  ownShares?: ReadonlyMap<string, number>,
): { areas: Map<string, SupplyPath>; consortium: SupplyPath } {
  const H = years.length;
  const areas = new Map<string, SupplyPath>();
  const consortium: SupplyPath = {
    registered: new Float64Array(H),
    accessible: new Float64Array(H),
    laRun: new Float64Array(H),
    openMarket: new Float64Array(H),
  };
  const totals: SupplyParts[] = years.map(() => ({ laRun: 0, contracted: 0, openMarket: 0 }));
  const changes = new Float64Array(H);
  // Where a member's own share is above the consortium's, consortium children can count on at least
  // what its own children can: the difference is added to the consortium's places.
  const aboveConsortium = new Float64Array(H);
  for (const code of codes) {
    const area = inputs.areas.find((a) => a.code === code);
    if (!area) continue;
    const contracted = settings.contractedPlaces[code] ?? 0;
    const path: SupplyPath = {
      registered: new Float64Array(H),
      accessible: new Float64Array(H),
      laRun: new Float64Array(H),
      openMarket: new Float64Array(H),
    };
    years.forEach((year, h) => {
      const places = placesInYear(area.supply, year);
      const parts = supplyParts({ ...area.supply, ...places }, contracted);
      const total = totals[h];
      if (total) {
        total.laRun += parts.laRun;
        total.contracted += parts.contracted;
        total.openMarket += parts.openMarket;
      }
      path.registered[h] = places.registeredPlaces;
      path.laRun[h] = parts.laRun;
      path.openMarket[h] = parts.openMarket;
      consortium.laRun[h] = (consortium.laRun[h] ?? 0) + parts.laRun;
      consortium.openMarket[h] = (consortium.openMarket[h] ?? 0) + parts.openMarket;
      const share = ownShares?.get(code) ?? settings.openMarketAccessShare;
      path.accessible[h] = accessiblePlaces(parts, share);
      aboveConsortium[h] =
        (aboveConsortium[h] ?? 0) + Math.max(0, share - settings.consortiumOpenMarketAccessShare) * parts.openMarket;
    });
    for (const change of settings.supplyChanges) {
      if (change.area !== code) continue;
      years.forEach((year, h) => {
        if (year < change.fromYear) return;
        path.registered[h] = (path.registered[h] ?? 0) + change.registeredPlaces;
        path.accessible[h] = (path.accessible[h] ?? 0) + change.accessiblePlaces;
        changes[h] = (changes[h] ?? 0) + change.accessiblePlaces;
      });
    }
    for (let h = 0; h < H; h++) {
      path.registered[h] = Math.max(0, path.registered[h] ?? 0);
      path.accessible[h] = Math.max(0, path.accessible[h] ?? 0);
      consortium.registered[h] = (consortium.registered[h] ?? 0) + (path.registered[h] ?? 0);
    }
    areas.set(code, path);
  }
  for (let h = 0; h < H; h++) {
    const total = totals[h] ?? { laRun: 0, contracted: 0, openMarket: 0 };
    const base = accessiblePlaces(total, settings.consortiumOpenMarketAccessShare);
    consortium.accessible[h] = Math.max(0, base + (changes[h] ?? 0) + (aboveConsortium[h] ?? 0));
  }
  return { areas, consortium };
}

const scale = (p: Percentiles, k: number): Percentiles => ({ p10: p.p10 * k, p50: p.p50 * k, p90: p.p90 * k });
const shift = (p: Percentiles, k: number): Percentiles => ({ p10: p.p10 + k, p50: p.p50 + k, p90: p.p90 + k });

function yearFigures(
  year: string,
  demand: DemandSummary,
  probability: number,
  population: number,
  registered: number,
  accessible: number,
  settings: ForecastSettings,
): YearProjection {
  const occ = settings.targetOccupancy;
  const beds = scale(demand, 1 / occ);
  return {
    year,
    demand,
    population0to17: population,
    ratePer10k: scale(demand, population > 0 ? 10_000 / population : NaN),
    bedsNeeded: beds,
    bedsNeededByNeedType: {
      mainstream: scale(beds, settings.needTypeShares.mainstream),
      soloComplex: scale(beds, settings.needTypeShares.soloComplex),
    },
    registeredPlaces: registered,
    accessiblePlaces: accessible,
    gap: shift(beds, -accessible),
    probabilityNeedExceedsAccessible: probability,
    probabilityInformative: probabilityInformative(probability),
  };
}

function analyticYear(a: AnalyticDemand, h: number, accessible: number, occ: number): [DemandSummary, number] {
  const median = a.median[h] ?? 0;
  const sd = a.logSd[h] ?? 0;
  const spread = Math.exp(a.q * sd);
  const demand: DemandSummary = { p10: median / spread, p50: median, p90: median * spread, mean: a.mean[h] ?? median };
  const threshold = accessible * occ;
  let probability: number;
  if (median <= 0) probability = 0;
  else if (threshold <= 0) probability = 1;
  else if (sd === 0) probability = median > threshold ? 1 : 0;
  else probability = 1 - normalCdf(Math.log(threshold / median) / ((sd * a.q) / Z90));
  return [demand, probability];
}

/** The sum of several histories, for the years every one of them has, in year order. */
export const sumHistory = (histories: YearValue[][]): YearValue[] => {
  const byYear = new Map<string, { value: number; count: number }>();
  for (const history of histories) {
    for (const d of history) {
      const e = byYear.get(d.year) ?? { value: 0, count: 0 };
      e.value += d.value;
      e.count++;
      byYear.set(d.year, e);
    }
  }
  return [...byYear]
    .filter(([, e]) => e.count === histories.length)
    .map(([year, e]) => ({ year, value: e.value }))
    .sort((a, b) => (a.year < b.year ? -1 : 1));
};

/**
 * Turns any method's demand (simulated or analytic) into the result the app shows. A stock-flow
 * method calls this with its own simulations to get the same shape.
 */
export function summariseProjection(
  inputs: ProjectionInputs,
  demand: DemandProjection,
  settings: ForecastSettings,
): ProjectionResult {
  const H = demand.years.length;
  const S = demand.simulations;
  const occ = settings.targetOccupancy;
  // Each member's own open-market share: estimated from its figures, or the one share set for all.
  const accessShares = inputs.accessEvidence
    ? memberAccessShares(
        inputs.accessEvidence.filter((e) => demand.areas.some((a) => a.code === e.code)),
        (code) => inputs.areas.find((a) => a.code === code)?.supply,
        occ,
        settings.ownAccessShares === 'single' ? settings.openMarketAccessShare : null,
        settings.openMarketAccessShareFactor,
      )
    : null;
  const ownShares = new Map((accessShares ?? []).map((s) => [s.code, s.share]));
  const ownShare = (code: string): number => ownShares.get(code) ?? settings.openMarketAccessShare;
  const supply = supplyPaths(
    inputs,
    settings,
    demand.areas.map((a) => a.code),
    demand.years,
    ownShares,
  );
  const scratch = new Float64Array(S);
  // Assumption uncertainty: every simulation draws its own occupancy and access shares.
  const ranges = assumptionRanges(settings);
  const draws = S > 0 ? drawAssumptions(ranges, S, settings.seed) : null;
  // Supply uncertainty: each simulation also takes one of the supply projection's own paths.
  const supplyDeltas = draws ? supplyDrawDeltas(inputs, settings, demand.areas, demand.years, S) : null;
  // Each member's share drawn about its own estimate, from its own stream (./accessShares.ts).
  const memberDraws = S > 0 && accessShares ? drawMemberAccessShares(accessShares, S, settings.seed) : null;
  const openMarketOf = (code: string): number => {
    const input = inputs.areas.find((x) => x.code === code);
    return input ? supplyParts(input.supply, settings.contractedPlaces[code] ?? 0).openMarket : 0;
  };
  const consortiumOpenMarket = demand.areas.reduce((t, a) => t + openMarketOf(a.code), 0);
  const consortiumPopulation = new Float64Array(H);
  const consortiumSamples = S > 0 ? new Float64Array(H * S) : null;

  const areas: AreaProjection[] = demand.areas.map((a) => {
    const path = supply.areas.get(a.code);
    const years: YearProjection[] = demand.years.map((year, h) => {
      const registered = path?.registered[h] ?? 0;
      const accessible = path?.accessible[h] ?? 0;
      const population = a.population[h] ?? NaN;
      consortiumPopulation[h] = (consortiumPopulation[h] ?? 0) + population;
      let summary: DemandSummary;
      let probability: number;
      if (a.samples && S > 0) {
        const st = columnStats(a.samples, h, S, scratch, accessible, occ);
        summary = { p10: st.p10, p50: st.p50, p90: st.p90, mean: st.mean };
        probability = st.shareAbove;
      } else if (a.analytic) {
        [summary, probability] = analyticYear(a.analytic, h, accessible, occ);
      } else {
        throw new Error(`${a.name}: the ${demand.method} method returned neither simulations nor a central path.`);
      }
      const figures = yearFigures(year, summary, probability, population, registered, accessible, settings);
      figures.laRunPlaces = path?.laRun[h] ?? 0;
      if (draws && a.samples) {
        withAssumptionUncertainty(
          figures,
          a.samples,
          h,
          S,
          draws,
          memberDraws?.get(a.code) ?? draws.openMarketAccessShare,
          {
            accessible,
            openMarket: path?.openMarket[h] ?? openMarketOf(a.code),
            share: ownShare(a.code),
            deltas: supplyDeltas?.areas.get(a.code) ?? null,
          },
        );
      }
      return figures;
    });
    if (consortiumSamples && a.samples) {
      const s = a.samples;
      for (let k = 0; k < consortiumSamples.length; k++)
        consortiumSamples[k] = (consortiumSamples[k] ?? 0) + (s[k] ?? 0);
    }
    const out: AreaProjection = { code: a.code, name: a.name, history: a.history, years };
    if (a.model) out.model = a.model;
    if (settings.keepSamples && a.samples) out.samples = a.samples;
    return out;
  });

  const consortiumYears: YearProjection[] = demand.years.map((year, h) => {
    const registered = supply.consortium.registered[h] ?? 0;
    const accessible = supply.consortium.accessible[h] ?? 0;
    let summary: DemandSummary;
    let probability: number;
    if (consortiumSamples) {
      const st = columnStats(consortiumSamples, h, S, scratch, accessible, occ);
      summary = { p10: st.p10, p50: st.p50, p90: st.p90, mean: st.mean };
      probability = st.shareAbove;
    } else if (demand.consortiumAnalytic) {
      [summary, probability] = analyticYear(demand.consortiumAnalytic, h, accessible, occ);
    } else {
      throw new Error(`The ${demand.method} method returned no consortium spread.`);
    }
    const figures = yearFigures(
      year,
      summary,
      probability,
      consortiumPopulation[h] ?? NaN,
      registered,
      accessible,
      settings,
    );
    if (draws && consortiumSamples) {
      withAssumptionUncertainty(figures, consortiumSamples, h, S, draws, draws.consortiumOpenMarketAccessShare, {
        accessible,
        openMarket: supply.consortium.openMarket[h] ?? consortiumOpenMarket,
        share: settings.consortiumOpenMarketAccessShare,
        deltas: supplyDeltas?.consortium ?? null,
      });
    }
    return figures;
  });
  const consortium: AreaProjection = {
    code: CONSORTIUM_CODE,
    name: inputs.consortiumName,
    history: sumHistory(demand.areas.map((a) => a.history)),
    years: consortiumYears,
  };
  addBasePositions(inputs, settings, demand.baseYear, areas, consortium, ownShares);
  if (settings.keepSamples && consortiumSamples) consortium.samples = consortiumSamples;

  const warnings = [...inputs.warnings, ...demand.warnings];
  const left = inputs.areas.length - demand.areas.length;
  if (left > 0) warnings.push(`The consortium totals exclude ${left} member LA(s) without figures.`);
  warnings.push(
    'Demand counts children in secure homes and children’s homes (as DfE publishes it); supply counts children’s homes only.',
  );
  const result: ProjectionResult = {
    method: demand.method,
    baseYear: demand.baseYear,
    years: demand.years,
    simulations: S,
    seed: demand.seed,
    uncertainty: S > 0 ? 'simulated' : 'analytic',
    areas,
    consortium,
    assumptions: [
      ...inputs.assumptions,
      ...ownShareSummary(settingsAssumptions(settings), accessShares),
      ...accessShareAssumptions(accessShares ?? []),
      ...demand.assumptions,
    ],
    warnings,
  };
  if (demand.selection) result.selection = demand.selection;
  result.assumptionRanges = ranges;
  if (accessShares) result.accessShares = accessShares;
  result.reconciliation = demand.years.map((year, h) =>
    reconcileGaps(
      year,
      { demandP50: consortium.years[h]?.demand.p50 ?? 0, gapP50: consortium.years[h]?.gap.p50 ?? 0 },
      areas.map((a) => {
        const y = a.years[h];
        return {
          demandP50: y?.demand.p50 ?? 0,
          gapP50: y?.gap.p50 ?? 0,
          openMarket: Math.max(
            0,
            (y?.registeredPlaces ?? 0) - (y?.laRunPlaces ?? 0) - (settings.contractedPlaces[a.code] ?? 0),
          ),
          openMarketShare: ownShare(a.code),
        };
      }),
      settings,
    ),
  );
  const last = consortium.years.at(-1);
  const base = consortium.base;
  if (last && base) {
    // The horizon year's own places: LA-run and contracted, the open market the share applies to,
    // and listed supply changes (what is left of its accessible places).
    const laRunAndContracted = (supply.consortium.laRun[H - 1] ?? 0) + base.places.contracted;
    const openMarket = Math.max(0, last.registeredPlaces - laRunAndContracted);
    result.tornado = gapTornado(
      last,
      {
        laRunAndContracted,
        openMarket,
        changes: last.accessiblePlaces - (laRunAndContracted + settings.consortiumOpenMarketAccessShare * openMarket),
        drawn: supplyDeltas
          ? supplySpread(supplyDeltas.consortium, H - 1, S, settings.consortiumOpenMarketAccessShare)
          : null,
      },
      ranges,
    );
  }
  if (draws && settings.keepSamples) result.assumptionDraws = draws;
  if (supplyDeltas && settings.keepSamples) result.supplyDraws = supplyDeltas.consortium;
  return result;
}

/** Per simulation, how far a supply path's LA-run and open-market places are from the median path's (year-major). */
export interface SupplyDeltas {
  laRun: Float64Array;
  openMarket: Float64Array;
}

/**
 * The supply projection's own simulations as deviations from its median path, for each member and
 * the consortium (simulation s takes the supply projection's path s modulo the paths it kept, the
 * same path for every member, so the consortium's is the sum of its members'); null when no member's
 * supply was drawn.
 */
function supplyDrawDeltas(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  areas: readonly { code: string }[],
  years: readonly string[],
  S: number,
): { areas: Map<string, SupplyDeltas>; consortium: SupplyDeltas } | null {
  const H = years.length;
  const consortium: SupplyDeltas = { laRun: new Float64Array(H * S), openMarket: new Float64Array(H * S) };
  const out = new Map<string, SupplyDeltas>();
  for (const a of areas) {
    const input = inputs.areas.find((x) => x.code === a.code);
    const projected = input?.supply.projected;
    const draws = projected?.draws;
    if (!input || !projected || !draws) continue;
    const contracted = settings.contractedPlaces[a.code] ?? 0;
    const d: SupplyDeltas = { laRun: new Float64Array(H * S), openMarket: new Float64Array(H * S) };
    years.forEach((year, h) => {
      const i = projected.years.indexOf(year);
      if (i < 0) return;
      const median = supplyParts({ ...input.supply, ...placesInYear(input.supply, year) }, contracted);
      const medianOpen = median.openMarket;
      for (let s = 0; s < S; s++) {
        const j = i * draws.simulations + (s % draws.simulations);
        const laRun = draws.laRun[j] ?? 0;
        const open = Math.max(0, (draws.registered[j] ?? 0) - laRun - contracted);
        const k = h * S + s;
        d.laRun[k] = laRun - median.laRun;
        d.openMarket[k] = open - medianOpen;
        consortium.laRun[k] = (consortium.laRun[k] ?? 0) + (d.laRun[k] ?? 0);
        consortium.openMarket[k] = (consortium.openMarket[k] ?? 0) + (d.openMarket[k] ?? 0);
      }
    });
    out.set(a.code, d);
  }
  return out.size > 0 ? { areas: out, consortium } : null;
}

/** P10 and P90 of a year's change in accessible places from supply draws alone (at the plan's share). */
function supplySpread(d: SupplyDeltas, h: number, S: number, share: number): { p10: number; p90: number } {
  const v = new Float64Array(S);
  for (let s = 0; s < S; s++) v[s] = (d.laRun[h * S + s] ?? 0) + share * (d.openMarket[h * S + s] ?? 0);
  v.sort();
  return { p10: quantileSorted(v, 0.1), p90: quantileSorted(v, 0.9) };
}

/**
 * Where each member has its own share, the single "own share" assumption every view and export
 * quotes states their average (weighted by open-market places) and their range, not the fallback.
 */
function ownShareSummary(
  list: ForecastAssumption[],
  shares: readonly MemberAccessShare[] | null,
): ForecastAssumption[] {
  const own = shares?.filter((a) => a.basis !== 'set') ?? [];
  const places = own.reduce((t, a) => t + a.openMarketPlaces, 0);
  if (!own.length || !(places > 0)) return list;
  const mean = own.reduce((t, a) => t + a.share * a.openMarketPlaces, 0) / places;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const low = Math.min(...own.map((a) => a.share));
  const high = Math.max(...own.map((a) => a.share));
  return list.map((a) =>
    a.key === 'openMarketAccessShare'
      ? {
          ...a,
          label: 'Open-market places in an LA available to its own children (members’ own shares, average)',
          value: Math.round(mean * 10_000) / 10_000,
          rationale: `Each member’s own share, estimated from its published figures (from ${pct(low)} to ${pct(high)}, listed member by member), averaged over their ${Math.round(places)} private and voluntary places. ${a.rationale}`,
        }
      : a,
  );
}

/**
 * The gap's 80% range and the chance of being short with the assumptions drawn too: in simulation
 * s, beds needed = children_s ÷ occupancy_s and accessible places = the year's accessible places +
 * (share_s − the area's share) × open-market places (`shares`: the area's own draws). The median gap stays the one at the plan's
 * values; the demand-only range is kept beside it.
 */
function withAssumptionUncertainty(
  figures: YearProjection,
  samples: Float64Array,
  h: number,
  S: number,
  draws: AssumptionDraws,
  shares: Float64Array,
  supply: { accessible: number; openMarket: number; share: number; deltas: SupplyDeltas | null },
): void {
  const gaps = new Float64Array(S);
  const occ = draws.targetOccupancy;
  let short = 0;
  const dLaRun = supply.deltas?.laRun;
  const dOpen = supply.deltas?.openMarket;
  for (let s = 0; s < S; s++) {
    const share = shares[s] ?? supply.share;
    const accessible = Math.max(
      0,
      supply.accessible +
        (share - supply.share) * supply.openMarket +
        (dLaRun?.[h * S + s] ?? 0) +
        share * (dOpen?.[h * S + s] ?? 0),
    );
    const g = (samples[h * S + s] ?? 0) / (occ[s] ?? 1) - accessible;
    gaps[s] = g;
    if (g > 0) short++;
  }
  gaps.sort();
  const p50 = figures.gap.p50;
  figures.gapDemandOnly = figures.gap;
  figures.gap = {
    p10: Math.min(quantileSorted(gaps, 0.1), p50),
    p50,
    p90: Math.max(quantileSorted(gaps, 0.9), p50),
  };
  figures.probabilityNeedExceedsAccessible = short / S;
  figures.probabilityInformative = probabilityInformative(short / S);
}

/**
 * Year 0 for every area and the consortium (observed children, where they were placed, places by
 * sector and the gap, by the projection's own definitions and supply rules at the base year), and
 * each projected year's median gap decomposed against it (./basePosition.ts).
 */
function addBasePositions(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  baseYear: string,
  areas: AreaProjection[],
  consortium: AreaProjection,
  ownShares: ReadonlyMap<string, number>,
): void {
  const occ = settings.targetOccupancy;
  const codes = areas.map((a) => a.code);
  const atBase = supplyPaths(inputs, settings, codes, [baseYear], ownShares);
  const total = { registered: 0, laRun: 0, contracted: 0, openMarket: 0 };
  const snapshots: string[] = [];
  const observed = (a: AreaProjection) => a.history.find((d) => d.year === baseYear)?.value ?? null;
  const decompose = (area: AreaProjection, base: BasePosition) => {
    area.base = base;
    area.decomposition = area.years.flatMap((y) => decomposeGap(base, y, occ) ?? []);
  };
  for (const area of areas) {
    const input = inputs.areas.find((a) => a.code === area.code);
    if (!input) continue;
    // The places of the base year: the snapshot, moved on to it where supply is projected.
    const parts = supplyParts(
      { ...input.supply, ...placesInYear(input.supply, baseYear) },
      settings.contractedPlaces[area.code] ?? 0,
    );
    const places: BasePlaces = {
      snapshot: input.supply.period,
      movedOn: input.supply.projected?.years.includes(baseYear) ?? false,
      registered: atBase.areas.get(area.code)?.registered[0] ?? input.supply.registeredPlaces,
      laRun: parts.laRun,
      contracted: parts.contracted,
      openMarket: parts.openMarket,
      accessible: atBase.areas.get(area.code)?.accessible[0] ?? 0,
      openMarketShare: ownShares.get(area.code) ?? settings.openMarketAccessShare,
    };
    total.registered += places.registered;
    total.laRun += parts.laRun;
    total.contracted += parts.contracted;
    total.openMarket += parts.openMarket;
    if (input.supply.period) snapshots.push(input.supply.period);
    decompose(area, basePosition(baseYear, observed(area), places, occ, inputs.placements?.[area.code] ?? null));
  }
  const placed = areas.flatMap((a) => (a.base?.placedWhere ? [a.base.placedWhere] : []));
  const consortiumPlaces: BasePlaces = {
    snapshot: snapshots.sort().at(-1) ?? null,
    movedOn: areas.some((a) => a.base?.places.movedOn),
    ...total,
    accessible: atBase.consortium.accessible[0] ?? 0,
    openMarketShare: settings.consortiumOpenMarketAccessShare,
  };
  decompose(
    consortium,
    basePosition(
      baseYear,
      observed(consortium),
      consortiumPlaces,
      occ,
      placed.length === areas.length ? sumPlacedWhere(placed) : null,
    ),
  );
}
