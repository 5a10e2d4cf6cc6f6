/**
 * Side-by-side differences from the baseline: for each other scenario, each year's figures and the
 * totals minus the baseline's (positive = more than the baseline; for costs, dearer). A set can be
 * run so that a scenario which cannot be run (one naming an authority outside the consortium, say)
 * is listed as needing repair rather than failing the whole set.
 */
import { baselineScenario } from './builtin.js';
import { scenarioSchema, type Scenario, type ScenarioInput } from './levers.js';
import { parseScenario, ScenarioError } from './parse.js';
import { addCost, emptyCost } from './model/index.js';
import { nonMemberLevers, type RepairContext, type ScenarioNeedingRepair } from './repair.js';
import { runParsedScenario, runScenario } from './run/index.js';
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

/**
 * A block contract's break-even: the weekly price at which the scenario's net present cost equals the
 * baseline's, the contract's other terms and everything else held.
 */
export interface BlockBreakEven {
  lever: string;
  label: string;
  weeklyPrice: number;
  /** £ a week; negative when even a free bed would not pay for itself. */
  breakEvenWeeklyPrice: number;
  /**
   * True when empty beds are paid in full (void share 1): the allocation does not depend on the price,
   * so the break-even is exact. Otherwise it is a lower bound (the allocation is held as it is at
   * the contract's price; at a lower price the beds would be used more and save a little more).
   */
  exact: boolean;
}

export interface ScenarioDifference {
  id: string;
  name: string;
  illustrative: boolean;
  /** Each block contract's break-even weekly price against the baseline. */
  breakEven: BlockBreakEven[];
  /**
   * What each lever did, and — when the scenario changes nothing against the baseline — a first note
   * saying so, followed by the levers' own reasons.
   */
  notes: string[];
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

/**
 * The weekly price at which a block contract's scenario costs the same as the baseline in present
 * value: price − ΔNPV ÷ (NPV of £1 a week on its price), from the lever's outcome (see BlockBreakEven).
 */
export function breakEvenWeeklyPrice(
  outcome: ScenarioOutcome,
  baseline: ScenarioOutcome,
  leverKey: string,
): BlockBreakEven | null {
  const lever = outcome.levers.find((l) => l.key === leverKey);
  const index = outcome.levers.findIndex((l) => l.key === leverKey);
  const spec = outcome.scenario.levers[index];
  if (!lever?.block || spec?.type !== 'blockContract' || lever.block.npvPerPound <= 0) return null;
  const difference = outcome.npv.total - baseline.npv.total;
  return {
    lever: lever.key,
    label: lever.label,
    weeklyPrice: lever.block.weeklyPrice,
    breakEvenWeeklyPrice: lever.block.weeklyPrice - difference / lever.block.npvPerPound,
    exact: spec.voidCostShare === 1,
  };
}

const pounds = (v: number): string =>
  `${v < 0 ? '−' : ''}£${String(Math.round(Math.abs(v))).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** True when every figure and cost of the outcome is within rounding of the baseline's. */
export function changesNothing(o: ScenarioOutcome, b: ScenarioOutcome): boolean {
  const near = (x: number, y: number, tolerance: number) => Math.abs(x - y) <= tolerance;
  return (
    near(o.totals.gap, b.totals.gap, 1e-6) &&
    near(o.npv.total, b.npv.total, 1) &&
    near(o.totals.over20Miles, b.totals.over20Miles, 1e-6) &&
    near(o.totals.placedOwnLa, b.totals.placedOwnLa, 1e-6) &&
    near(o.totals.placedOutside, b.totals.placedOutside, 1e-6)
  );
}

function scenarioNotes(o: ScenarioOutcome, b: ScenarioOutcome, breakEven: readonly BlockBreakEven[]): string[] {
  const notes: string[] = [];
  if (o.scenario.levers.length > 0 && changesNothing(o, b)) {
    notes.push('This scenario changes nothing against the baseline: no gap, placement or cost differs.');
  }
  for (const l of o.levers) for (const n of l.notes) notes.push(`${l.label}: ${n}`);
  for (const e of breakEven) {
    notes.push(
      e.breakEvenWeeklyPrice <= 0
        ? `${e.label}: it would not pay for itself even at £0 a bed a week.`
        : `${e.label}: breaks even against the baseline at ${pounds(e.breakEvenWeeklyPrice)} a bed a week${e.exact ? '' : ' or a little more'} (contract price ${pounds(e.weeklyPrice)}); below that it saves money.`,
    );
  }
  return notes;
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
    scenarios: others.map((o) => {
      const breakEven = o.levers
        .map((l) => breakEvenWeeklyPrice(o, baseline, l.key))
        .filter((e): e is BlockBreakEven => e !== null);
      return {
        id: o.scenario.id,
        name: o.scenario.name,
        illustrative: o.scenario.illustrative,
        breakEven,
        notes: scenarioNotes(o, baseline, breakEven),
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
      };
    }),
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
      outcomes.push(runParsedScenario(context, parsed.scenario, options));
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      needsRepair.push({ id, name, issues: error.issues, nonMembers: [] });
    }
  }
  return { baseline, outcomes, comparison: compareScenarios(baseline, outcomes), needsRepair };
}
