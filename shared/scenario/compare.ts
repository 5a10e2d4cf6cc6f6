/**
 * Side-by-side differences from the baseline: for each other scenario, each year's figures and the
 * totals minus the baseline's (positive = more than the baseline; for costs, dearer). A set can be
 * run so that a scenario which cannot be run (one naming an authority outside the consortium, say)
 * is listed as needing repair rather than failing the whole set.
 */
import { baselineScenario } from './builtin.js';
import { parseScenario, ScenarioError, scenarioSchema, type Scenario, type ScenarioInput } from './levers.js';
import { addCost, emptyCost } from './model.js';
import { nonMemberLevers, type RepairContext, type ScenarioNeedingRepair } from './repair.js';
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

export interface CheckedScenarioSetResult extends ScenarioSetResult {
  /** The scenarios that could not be run, with their problems, in the order given. */
  needsRepair: ScenarioNeedingRepair[];
}

export interface CheckedRunOptions {
  /** A baseline already run on the same context and options. */
  baseline?: ScenarioOutcome;
  /** Names and centroids of authorities outside the consortium, for the repair suggestions. */
  places?: Omit<RepairContext, 'members'>;
}

const textField = (input: unknown, key: string): string | null => {
  const value = input !== null && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
  return typeof value === 'string' ? value : null;
};

/**
 * Runs the baseline and every scenario that can be run, and compares them with the baseline; a
 * scenario that cannot be run (invalid, or naming a non-member) is returned in `needsRepair` with
 * its issues instead of failing the set. Never throws a ScenarioError.
 */
export function runScenarioSetChecked(
  context: ScenarioContext,
  scenarios: readonly unknown[],
  options: RunScenarioOptions = {},
  extra: CheckedRunOptions = {},
): CheckedScenarioSetResult {
  const baseline = extra.baseline ?? runScenario(context, baselineScenario(), options);
  const repair: RepairContext = { ...extra.places, members: context.members };
  const outcomes: ScenarioOutcome[] = [];
  const needsRepair: ScenarioNeedingRepair[] = [];
  for (const input of scenarios) {
    const id = textField(input, 'id') ?? '(no id)';
    const name = textField(input, 'name') ?? id;
    const parsed = parseScenario(input, context);
    if (!parsed.ok) {
      const shape = scenarioSchema.safeParse(input);
      const nonMembers = shape.success ? nonMemberLevers(shape.data, repair) : [];
      needsRepair.push({ id, name, issues: parsed.issues, nonMembers });
      continue;
    }
    try {
      outcomes.push(runScenario(context, parsed.scenario, options));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      needsRepair.push({ id, name, issues: error.issues, nonMembers: [] });
    }
  }
  return { baseline, outcomes, comparison: compareScenarios(baseline, outcomes), needsRepair };
}
