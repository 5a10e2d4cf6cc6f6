/**
 * Running a scenario: for each projected year, apply the levers to supply, demand and prices,
 * allocate each member's children to beds (exact minimum-cost flow), and count where they are, how
 * many are more than 20 miles from home, the missing incidents to expect and what it all costs;
 * then five-year totals and net present value. See ../model/ for the mechanics and ../context/
 * for where every input comes from.
 *
 * **Central figures** come from the P50 demand path: each LA's projected median, scaled so the
 * members together make the consortium's median (medians do not add), × its demand-lever
 * multiplier, rounded to whole children that add up to the rounded total. The gap is the consortium's P50 beds needed (the
 * projection's consortium median, scaled by the demand levers' demand-weighted multiplier, ÷ target
 * occupancy) less the scenario's accessible places, so the baseline gap is the projection's.
 *
 * **Uncertainty** is carried through in one of two ways:
 * - *simulated* (when the projection kept its joint simulations): every simulation is allocated
 *   and costed; each figure's P10/P50/P90 are read across simulations, and the probability that the
 *   gap is closed is the share of simulations in which beds needed ≤ accessible places;
 * - *percentile paths* (otherwise): the consortium's P10 and P90 demand paths (each LA's median
 *   scaled by the consortium's P10 ÷ P50 or P90 ÷ P50, since LAs' percentiles do not add) are
 *   allocated and costed like the central path; the probability comes from a lognormal through the
 *   consortium's P50 and P90.
 */
import { assumptionRanges } from '../../forecast/assumptionUncertainty.js';
import { percentilesOf } from '../../forecast/stats.js';
import type { Percentiles } from '../../forecast/types.js';
import { scenarioSensitivity } from '../costUncertainty.js';
import { checkScenarioForContext, parseScenario, ScenarioError } from '../parse.js';
import type { Scenario, ScenarioInput } from '../levers.js';
import type {
  RunScenarioOptions,
  ScenarioAssumption,
  ScenarioContext,
  ScenarioOutcome,
  ScenarioTotals,
  ScenarioYear,
} from '../types.js';
import { leverAssumption } from './leverAssumption.js';
import { leverOutcomes } from './leverOutcomes.js';
import { figureKeys, orderedTriple, type CountKey, type PathTotals } from './paths.js';
import { startRun } from './state.js';
import { runYear } from './year.js';

/**
 * Runs a scenario on a context (see the file comment). Accepts a scenario as parsed or as supplied
 * (defaults are filled in); throws a {@link ScenarioError} listing every problem when it is invalid.
 */
export function runScenario(
  context: ScenarioContext,
  input: Scenario | ScenarioInput,
  options: RunScenarioOptions = {},
): ScenarioOutcome {
  const parsed = parseScenario(input);
  const name = typeof (input as { name?: unknown })?.name === 'string' ? (input as { name: string }).name : '(unnamed)';
  if (!parsed.ok) throw new ScenarioError(name, parsed.issues);
  return runParsedScenario(context, parsed.scenario, options, name);
}

/**
 * Runs a scenario already parsed with the schema (by {@link parseScenario}, or where a lever form
 * became a scenario), so its shape is not checked again: only against this context (members, years),
 * throwing a {@link ScenarioError} named `name` when it names a non-member or a year outside it.
 */
export function runParsedScenario(
  context: ScenarioContext,
  scenario: Scenario,
  options: RunScenarioOptions = {},
  name: string = scenario.name,
): ScenarioOutcome {
  const issues = checkScenarioForContext(scenario, context);
  if (issues.length > 0) throw new ScenarioError(name, issues);
  const run = startRun(context, scenario, options);
  const {
    levers,
    H,
    rate,
    warnings,
    keys,
    effects,
    indexes,
    simulated,
    S,
    pathTotals,
    costRangeList,
    demandOnlyCost,
    demandOnlyNpv,
    atHorizon,
    centralTotals,
    totalCost,
    npv,
    track,
  } = run;

  const years: ScenarioYear[] = context.years.map((year, h) => runYear(run, year, h));
  const gapSum = run.gapSum;

  const totalsPercentiles = (pick: (t: PathTotals) => number): Percentiles => {
    if (simulated) return percentilesOf(pathTotals.map(pick));
    return orderedTriple(
      pick(pathTotals[0] ?? centralTotals),
      pick(centralTotals),
      pick(pathTotals[1] ?? centralTotals),
    );
  };
  const totals: ScenarioTotals = {
    years: H,
    ...centralTotals.counts,
    over20MilesShare: centralTotals.over20MilesShare,
    gap: gapSum,
    finalYearGap: years[H - 1]?.gap ?? 0,
    cost: totalCost,
    percentiles: {
      ...(Object.fromEntries(figureKeys.map((k) => [k, totalsPercentiles((t) => t.counts[k])])) as Record<
        CountKey,
        Percentiles
      >),
      over20MilesShare: totalsPercentiles((t) => t.over20MilesShare),
      totalCost: totalsPercentiles((t) => t.totalCost),
      npv: totalsPercentiles((t) => t.npv),
    },
  };

  const gapRanges = assumptionRanges(context.settings);
  const rangeOf = (key: 'targetOccupancy' | 'consortiumOpenMarketAccessShare') => {
    const r = gapRanges.find((x) => x.key === key);
    return {
      low: r?.low ?? NaN,
      central: r?.central ?? NaN,
      high: r?.high ?? NaN,
      basis: r?.basis ?? '',
      label: r?.label ?? key,
    };
  };
  const demandCost = simulated
    ? percentilesOf(Array.from(demandOnlyCost))
    : orderedTriple(demandOnlyCost[0] ?? NaN, totalCost.total, demandOnlyCost[1] ?? NaN);
  const demandNpv = simulated
    ? percentilesOf(Array.from(demandOnlyNpv))
    : orderedTriple(demandOnlyNpv[0] ?? NaN, npv.total, demandOnlyNpv[1] ?? NaN);
  const horizon = atHorizon.horizon;
  const sensitivity = horizon
    ? scenarioSensitivity({
        year: context.years[H - 1] ?? '',
        gap: years[H - 1]?.gap ?? 0,
        demand: horizon.demand,
        occupancy: rangeOf('targetOccupancy'),
        share: rangeOf('consortiumOpenMarketAccessShare'),
        accessible: horizon.accessible,
        openMarket: horizon.openMarket,
        supplyDrawn: horizon.supplyDrawn,
        yearCosts: years.map((y) => y.cost),
        totalCost: totalCost.total,
        demandCost: { p10: demandCost.p10, p90: demandCost.p90 },
        demandNpv: { p10: demandNpv.p10, p90: demandNpv.p90 },
        discountFactors: years.map((y) => y.discountFactor),
        ranges: costRangeList,
      })
    : undefined;

  const assumptions: ScenarioAssumption[] = [
    ...context.assumptions,
    {
      key: 'uncertainty',
      label: simulated ? 'Demand simulations allocated' : 'Demand percentile paths allocated',
      value: simulated ? S : 3,
      unit: simulated ? 'simulations' : 'paths',
      rationale: simulated
        ? 'Every kept joint simulation of the projection is allocated and costed; P10/P50/P90 of each figure are read across simulations. Each simulation also draws the cost assumptions (weekly prices by sector, real price growth, the out-of-area premium, travel per mile, the cost of a missing incident; ranges in the assumptions and the cost tornado) and its allocation is re-valued at them, and the gap draws occupancy, the access share and a supply path.'
        : 'The projection kept no simulations: the consortium’s P10, P50 and P90 demand paths are allocated (each LA’s median scaled by the consortium’s P10 ÷ P50 or P90 ÷ P50, since LAs’ percentiles do not add); the probability of closing the gap uses a lognormal through the consortium’s P50 and P90.',
      source: null,
    },
    ...levers.map((lever, k) => leverAssumption(context, lever, keys[k] ?? String(k))),
  ];
  const growth = costRangeList.find((r) => r.key === 'priceGrowth');
  if (growth) {
    assumptions.push({
      key: 'priceGrowth',
      label: growth.label,
      value: growth.central,
      unit: growth.unit,
      rationale: `${growth.basis} Drawn in every simulation (${simulated ? 'here' : 'not here: no simulations were kept'}); a price-inflation lever adds its own growth on top.`,
      source: null,
      low: growth.low,
      high: growth.high,
    });
  }
  if (levers.some((l) => l.type === 'priceInflation')) {
    assumptions.push({
      key: 'priceIndexFinalYear',
      label: `Price index in ${context.years[H - 1] ?? ''}`,
      value: Math.round((indexes[H - 1] ?? 1) * 10_000) / 10_000,
      unit: `× ${context.prices.priceYear} prices`,
      rationale: 'Product of (1 + rate) over the years each price-inflation lever has run.',
      source: null,
    });
  }

  return {
    scenario,
    consortiumName: context.consortiumName,
    baseYear: context.baseYear,
    years,
    totals,
    npv,
    discountRate: rate,
    uncertainty: simulated ? 'simulated' : 'percentile paths',
    simulations: S,
    calibration: context.calibration,
    levers: leverOutcomes(context, levers, keys, years, effects.capped, track),
    assumptions,
    warnings: [...warnings],
    ...(sensitivity ? { sensitivity } : {}),
  };
}
