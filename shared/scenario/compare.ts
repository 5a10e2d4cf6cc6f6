/**
 * Side-by-side differences from the baseline: for each other scenario, each year's figures and the
 * totals minus the baseline's (positive = more than the baseline; for costs, dearer).
 */
import { baselineScenario } from './builtin.js';
import type { Scenario, ScenarioInput } from './levers.js';
import { addCost, emptyCost } from './model.js';
import { runScenario } from './run.js';
import type { CostBreakdown, PlacementFigures, RunScenarioOptions, ScenarioContext, ScenarioOutcome } from './types.js';

export interface FigureDifferences extends PlacementFigures {
  gap: number;
  cost: CostBreakdown;
}

export interface YearDifferences extends FigureDifferences {
  year: string;
  accessiblePlaces: number;
  presentValue: number;
  /** Change in the probability that beds needed ≤ accessible places (percentage points as a share). */
  probabilityGapClosed: number;
}

export interface ScenarioDifference {
  id: string;
  name: string;
  illustrative: boolean;
  years: YearDifferences[];
  /** Differences in the totals over the projected years (the gap is summed: bed-years). */
  totals: FigureDifferences & { finalYearGap: number };
  /** Difference in net present value of costs, by component. */
  npv: CostBreakdown;
}

export interface ScenarioComparison {
  baseline: { id: string; name: string };
  years: string[];
  discountRate: number;
  scenarios: ScenarioDifference[];
}

const placementKeys = [
  'children',
  'placedOwnLa',
  'placedElsewhereInConsortium',
  'placedOutside',
  'unmet',
  'over20Miles',
  'over20MilesShare',
  'expectedMissingIncidents',
] as const;

function costDifference(a: CostBreakdown, b: CostBreakdown): CostBreakdown {
  const d = emptyCost();
  addCost(d, a);
  addCost(d, b, -1);
  return d;
}

function figureDifferences(
  a: PlacementFigures & { gap: number; cost: CostBreakdown },
  b: PlacementFigures & { gap: number; cost: CostBreakdown },
): FigureDifferences {
  const out = { gap: a.gap - b.gap, cost: costDifference(a.cost, b.cost) } as FigureDifferences;
  for (const k of placementKeys) out[k] = a[k] - b[k];
  return out;
}

/**
 * Differences of each scenario from the baseline, year by year and in total. The outcomes must come
 * from the same context (same consortium and years); otherwise this throws.
 */
export function compareScenarios(baseline: ScenarioOutcome, others: readonly ScenarioOutcome[]): ScenarioComparison {
  const years = baseline.years.map((y) => y.year);
  for (const o of others) {
    const theirs = o.years.map((y) => y.year);
    if (o.consortiumName !== baseline.consortiumName || theirs.join() !== years.join()) {
      throw new Error(
        `"${o.scenario.name}" was run for ${o.consortiumName} ${theirs.join(', ')}, the baseline for ${baseline.consortiumName} ${years.join(', ')}: run both on the same plan and projection.`,
      );
    }
  }
  return {
    baseline: { id: baseline.scenario.id, name: baseline.scenario.name },
    years,
    discountRate: baseline.discountRate,
    scenarios: others.map((o) => ({
      id: o.scenario.id,
      name: o.scenario.name,
      illustrative: o.scenario.illustrative,
      years: o.years.map((y, h) => {
        const b = baseline.years[h];
        if (!b) throw new Error(`The baseline has no year ${y.year}.`);
        return {
          year: y.year,
          ...figureDifferences(y, b),
          accessiblePlaces: y.accessiblePlaces - b.accessiblePlaces,
          presentValue: y.presentValue - b.presentValue,
          probabilityGapClosed: y.probabilityGapClosed - b.probabilityGapClosed,
        };
      }),
      totals: {
        ...figureDifferences(o.totals, baseline.totals),
        finalYearGap: o.totals.finalYearGap - baseline.totals.finalYearGap,
      },
      npv: costDifference(o.npv, baseline.npv),
    })),
  };
}

export interface ScenarioSetResult {
  baseline: ScenarioOutcome;
  outcomes: ScenarioOutcome[];
  comparison: ScenarioComparison;
}

/**
 * Runs the baseline and `scenarios` on one context and compares them with the baseline. A baseline
 * already run on the same context and options can be passed in to save running it again.
 */
export function runScenarioSet(
  context: ScenarioContext,
  scenarios: readonly (Scenario | ScenarioInput)[],
  options: RunScenarioOptions = {},
  baseline: ScenarioOutcome = runScenario(context, baselineScenario(), options),
): ScenarioSetResult {
  const outcomes = scenarios.map((s) => runScenario(context, s, options));
  return { baseline, outcomes, comparison: compareScenarios(baseline, outcomes) };
}
