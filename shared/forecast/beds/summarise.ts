/**
 * Any method's demand turned into the result the app shows (./index.ts): each member's own
 * open-market share, places and gaps year by year for every member and the consortium (the
 * consortium's percentiles from summing each simulation's members, never by adding percentiles),
 * the assumptions stated, the gaps reconciled and the headline gap's tornado.
 */
import {
  accessShareAssumptions,
  drawMemberAccessShares,
  memberAccessShares,
  type MemberAccessShare,
} from '../accessShares.js';
import { assumptionRanges, drawAssumptions, gapTornado } from '../assumptionUncertainty.js';
import { reconcileGaps } from '../basePosition.js';
import type { DemandProjection } from '../demand.js';
import { settingsAssumptions } from '../settings.js';
import { columnStats } from '../simulate.js';
import type {
  AreaProjection,
  DemandSummary,
  ForecastAssumption,
  ForecastSettings,
  ProjectionInputs,
  ProjectionResult,
  YearProjection,
} from '../types.js';
import { addBasePositions } from './basePositions.js';
import { supplyDrawDeltas, supplyParts, supplyPaths, supplySpread } from './supplyPaths.js';
import { analyticYear, sumHistory, withAssumptionUncertainty, yearFigures } from './yearFigures.js';

export const CONSORTIUM_CODE = 'consortium';

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
  // Each member's share drawn about its own estimate, from its own stream (../accessShares.ts).
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
