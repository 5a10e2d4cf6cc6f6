/**
 * The report's scenario figures against the baseline: the key-figure rows, each lever in words, each
 * scenario's year-by-year rows and its gap series for the comparison chart. Pure, unit-tested.
 */
import type { Scenario, ScenarioOutcome } from '#shared/scenario/index.js';
import { leverSummary as leverDetail } from '#renderer/models/leverSummary.js';
import { gapWords } from '#renderer/models/projectionModel.js';
import { probabilityWords } from '#renderer/models/evidenceModel.js';
import { formatMoneyBrief, formatSignedMoney } from '#renderer/format/money.js';
import { formatSignedCount, formatWhole } from '#renderer/format/numbers.js';
import { formatPointsChange, formatSharePercent } from '#renderer/format/shares.js';

export interface ScenarioMetric {
  key: string;
  label: string;
  unit: string;
  value(o: ScenarioOutcome): number;
  format(v: number): string;
  formatDifference(d: number): string;
}

const count = (v: number) => formatWhole(v);

/** The figures each scenario is judged on, over the projected years. */
export const scenarioMetrics: readonly ScenarioMetric[] = [
  {
    key: 'finalYearGap',
    label: 'Gap in the last year',
    unit: 'beds',
    value: (o) => o.totals.finalYearGap,
    format: (v) => gapWords(v).text,
    formatDifference: formatSignedCount,
  },
  {
    key: 'gap',
    label: 'Gap summed over the years',
    unit: 'bed-years',
    value: (o) => o.totals.gap,
    format: (v) => gapWords(v).text,
    formatDifference: formatSignedCount,
  },
  {
    key: 'placedOwnLa',
    label: 'Placed in their own authority',
    unit: 'child-years',
    value: (o) => o.totals.placedOwnLa,
    format: count,
    formatDifference: formatSignedCount,
  },
  {
    key: 'placedElsewhereInConsortium',
    label: 'Placed elsewhere in the consortium',
    unit: 'child-years',
    value: (o) => o.totals.placedElsewhereInConsortium,
    format: count,
    formatDifference: formatSignedCount,
  },
  {
    key: 'placedOutside',
    label: 'Placed outside the consortium',
    unit: 'child-years',
    value: (o) => o.totals.placedOutside,
    format: count,
    formatDifference: formatSignedCount,
  },
  {
    key: 'unmet',
    label: 'Without a registered place',
    unit: 'child-years',
    value: (o) => o.totals.unmet,
    format: count,
    formatDifference: formatSignedCount,
  },
  {
    key: 'over20MilesShare',
    label: 'Placed more than 20 miles away',
    unit: 'share',
    value: (o) => o.totals.over20MilesShare,
    format: formatSharePercent,
    formatDifference: formatPointsChange,
  },
  {
    key: 'expectedMissingIncidents',
    label: 'Expected missing incidents',
    unit: 'incidents',
    value: (o) => o.totals.expectedMissingIncidents,
    format: count,
    formatDifference: formatSignedCount,
  },
  {
    key: 'cost',
    label: 'Cost over the years',
    unit: '£, cash',
    value: (o) => o.totals.cost.total,
    format: formatMoneyBrief,
    formatDifference: formatSignedMoney,
  },
  {
    key: 'npv',
    label: 'Net present value of costs',
    unit: '£, discounted',
    value: (o) => o.npv.total,
    format: formatMoneyBrief,
    formatDifference: formatSignedMoney,
  },
];

export interface ScenarioFigureRow {
  key: string;
  label: string;
  unit: string;
  baseline: string;
  /** One per scenario, in order: the value and its difference from the baseline. */
  scenarios: { value: string; difference: string }[];
}

/** Each metric for the baseline and each scenario, with the difference from the baseline. */
export function scenarioFigureRows(
  baseline: ScenarioOutcome,
  outcomes: readonly ScenarioOutcome[],
): ScenarioFigureRow[] {
  return scenarioMetrics.map((m) => {
    const base = m.value(baseline);
    return {
      key: m.key,
      label: m.label,
      unit: m.unit,
      baseline: m.format(base),
      scenarios: outcomes.map((o) => ({
        value: m.format(m.value(o)),
        difference: m.formatDifference(m.value(o) - base),
      })),
    };
  });
}

/**
 * What a lever does, in a few words: its label (or its type) and what it sets, its years as
 * financial years ("Joint block contract: 12 beds in Bury (12 beds in Bury, 2025-26 for 5 years)").
 */
export function leverSummary(lever: Scenario['levers'][number], memberName: (code: string) => string): string {
  const detail = leverDetail(lever, memberName);
  const name = lever.label?.trim() || leverTypeName(lever);
  return name === detail ? name : `${name} (${detail})`;
}

function leverTypeName(lever: Scenario['levers'][number]): string {
  const names: Record<string, string> = {
    blockContract: 'Block contract',
    newHome: 'New home',
    localFirstAgreement: 'Local-first agreement',
    closure: 'Closure',
    prevention: 'Prevention',
    stepDown: 'Step-down to foster care',
    priceInflation: 'Price inflation',
    distancePolicy: 'Distance policy',
  };
  return names[lever.type] ?? lever.type;
}

export interface ScenarioYearRow {
  year: string;
  accessible: string;
  gap: string;
  /** Against the baseline; null for the baseline itself. */
  gapDifference: string | null;
  /** Chance that beds needed are no more than accessible places that year. */
  chanceGapClosed: string;
  placedOutside: string;
  over20Miles: string;
  cost: string;
  costDifference: string | null;
}

/** One row per projected year of a scenario (central path), with differences from the baseline. */
export function scenarioYearRows(baseline: ScenarioOutcome, outcome: ScenarioOutcome | null): ScenarioYearRow[] {
  const shown = outcome ?? baseline;
  return shown.years.map((y) => {
    const base = baseline.years.find((b) => b.year === y.year);
    return {
      year: y.year,
      accessible: formatWhole(y.accessiblePlaces),
      gap: gapWords(y.gap).text,
      gapDifference: outcome && base ? formatSignedCount(y.gap - base.gap) : null,
      chanceGapClosed: probabilityWords(y.probabilityGapClosed).text,
      placedOutside: formatWhole(y.placedOutside),
      over20Miles: formatSharePercent(y.over20MilesShare),
      cost: formatMoneyBrief(y.cost.total),
      costDifference: outcome && base ? formatSignedMoney(y.cost.total - base.cost.total) : null,
    };
  });
}

/** The gap by year for one outcome (for the comparison chart and tables). */
export function gapSeries(outcome: ScenarioOutcome): { year: string; gap: number }[] {
  return outcome.years.map((y) => ({ year: y.year, gap: y.gap }));
}
