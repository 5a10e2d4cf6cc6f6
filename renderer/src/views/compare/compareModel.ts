/**
 * The Compare view's key-figure table: one row per figure, one column per scenario (the baseline
 * first), each value with its difference from the baseline; and the series the charts draw. Pure,
 * unit-tested.
 */
import type { CostBreakdown, ScenarioOutcome } from '../../../../shared/scenario/types.js';
import type { LocalityRow, YearSeries } from '../../charts/scenarioCharts';
import {
  formatCount,
  formatCountDiff,
  formatMoney,
  formatMoneyDiff,
  formatPointsDiff,
  formatShare,
  judgeDiff,
  financialYear,
  yearSpan,
  type Better,
} from '../scenarios/scenarioFormat';
import { probabilityWords } from '../projection/evidenceModel';

type Kind = 'count' | 'share' | 'money' | 'probability';

interface FigureDefinition {
  key: string;
  label: string;
  /** Unit or what is summed, under the label. */
  hint: string;
  kind: Kind;
  better: Better;
  /** A sub-row (a part of the row above). */
  part?: boolean;
  /** Left out when every column is zero (e.g. capital when no scenario builds a home). */
  hideWhenZero?: boolean;
  value(o: ScenarioOutcome): number;
}

export interface KeyFigureCell {
  scenarioId: string;
  text: string;
  diff: { text: string; judgement: 'better' | 'worse' | 'same' } | null;
}

export interface KeyFigureRow {
  key: string;
  label: string;
  hint: string;
  part: boolean;
  cells: KeyFigureCell[];
}

const lastYear = (o: ScenarioOutcome) => o.years[o.years.length - 1];

const costParts: { key: string; label: string; value(c: CostBreakdown): number }[] = [
  {
    key: 'spot',
    label: 'of which spot placements',
    value: (c) =>
      c.placementsBySector.localAuthority +
      c.placementsBySector.private +
      c.placementsBySector.voluntary +
      c.placementsBySector.outsideConsortium,
  },
  { key: 'unmetCost', label: 'of which children without a registered place', value: (c) => c.placementsBySector.unmet },
  { key: 'blockContracts', label: 'of which block-contracted beds in use', value: (c) => c.blockContracts },
  { key: 'voids', label: 'of which empty block-contracted beds', value: (c) => c.voids },
  { key: 'capital', label: 'of which capital for new homes', value: (c) => c.capital },
  { key: 'running', label: 'of which running new homes', value: (c) => c.running },
  { key: 'programmes', label: 'of which programmes and agreements', value: (c) => c.programmes },
  { key: 'travel', label: 'of which travel and staff time by distance', value: (c) => c.travel },
  { key: 'missingEpisodes', label: 'of which missing incidents (public cost)', value: (c) => c.missingEpisodes },
  { key: 'residualValue', label: 'of which residual value of new homes (credit)', value: (c) => c.residualValue },
];

function figureDefinitions(years: readonly string[]): FigureDefinition[] {
  const span = yearSpan(years);
  const last = financialYear(years[years.length - 1] ?? '');
  return [
    {
      key: 'finalYearGap',
      label: `Bed gap in ${last}`,
      hint: 'beds needed − accessible places (median)',
      kind: 'count',
      better: 'lower',
      value: (o) => o.totals.finalYearGap,
    },
    {
      key: 'gap',
      label: `Bed gap, ${span}`,
      hint: 'summed over the years, bed-years',
      kind: 'count',
      better: 'lower',
      value: (o) => o.totals.gap,
    },
    {
      key: 'placedOwnLa',
      label: 'Placed in own council area',
      hint: `child-years, ${span}`,
      kind: 'count',
      better: 'higher',
      value: (o) => o.totals.placedOwnLa,
    },
    {
      key: 'placedElsewhereInConsortium',
      label: 'Placed elsewhere in the consortium',
      hint: `child-years, ${span}`,
      kind: 'count',
      better: 'neither',
      value: (o) => o.totals.placedElsewhereInConsortium,
    },
    {
      key: 'placedOutside',
      label: 'Placed outside the consortium',
      hint: `child-years, ${span}`,
      kind: 'count',
      better: 'lower',
      value: (o) => o.totals.placedOutside,
    },
    {
      key: 'unmet',
      label: 'Without a registered place',
      hint: `child-years, ${span}`,
      kind: 'count',
      better: 'lower',
      hideWhenZero: true,
      value: (o) => o.totals.unmet,
    },
    {
      key: 'over20MilesShare',
      label: 'Placed more than 20 miles away',
      hint: `share of children placed, ${span}`,
      kind: 'share',
      better: 'lower',
      value: (o) => o.totals.over20MilesShare,
    },
    {
      key: 'expectedMissingIncidents',
      label: 'Expected missing incidents',
      hint: `incidents, ${span}`,
      kind: 'count',
      better: 'lower',
      value: (o) => o.totals.expectedMissingIncidents,
    },
    {
      key: 'totalCost',
      label: `Total cost, ${span}`,
      hint: 'cash, at the price year’s prices',
      kind: 'money',
      better: 'lower',
      value: (o) => o.totals.cost.total,
    },
    ...costParts.map<FigureDefinition>((p) => ({
      key: p.key,
      label: p.label,
      hint: '',
      kind: 'money',
      better: 'lower',
      part: true,
      hideWhenZero: true,
      value: (o) => p.value(o.totals.cost),
    })),
    {
      key: 'npv',
      label: 'Net present value of costs',
      hint: 'discounted to the start of the first year',
      kind: 'money',
      better: 'lower',
      value: (o) => o.npv.total,
    },
    {
      key: 'probabilityGapClosed',
      label: `Chance the gap is closed in ${last}`,
      hint: 'beds needed ≤ accessible places',
      kind: 'probability',
      better: 'higher',
      value: (o) => lastYear(o)?.probabilityGapClosed ?? 0,
    },
  ];
}

function formatValue(kind: Kind, value: number): string {
  switch (kind) {
    case 'money':
      return formatMoney(value);
    case 'share':
      return formatShare(value);
    case 'probability':
      // A figure only between 1% and 99%: a saturated chance is said in words.
      return probabilityWords(value).text;
    default:
      return formatCount(value);
  }
}

function formatDiff(kind: Kind, diff: number): string {
  switch (kind) {
    case 'money':
      return formatMoneyDiff(diff);
    case 'share':
    case 'probability':
      return formatPointsDiff(diff, kind === 'probability' ? 0 : 1);
    default:
      return formatCountDiff(diff);
  }
}

const tolerance: Record<Kind, number> = { count: 0.5, money: 0.5, share: 0.0005, probability: 0.005 };

/**
 * The key figures of the baseline and each scenario (columns in the order given, baseline first),
 * with each scenario's difference from the baseline.
 */
export function keyFigureRows(baseline: ScenarioOutcome, outcomes: readonly ScenarioOutcome[]): KeyFigureRow[] {
  const years = baseline.years.map((y) => y.year);
  const columns = [baseline, ...outcomes];
  return figureDefinitions(years)
    .filter((d) => !d.hideWhenZero || columns.some((o) => Math.abs(d.value(o)) >= 0.5))
    .map((d) => {
      const base = d.value(baseline);
      return {
        key: d.key,
        label: d.label,
        hint: d.hint,
        part: d.part ?? false,
        cells: columns.map((o, i) => {
          const value = d.value(o);
          const diff = value - base;
          return {
            scenarioId: o.scenario.id,
            text: formatValue(d.kind, value),
            diff:
              i === 0
                ? null
                : { text: formatDiff(d.kind, diff), judgement: judgeDiff(diff, d.better, tolerance[d.kind]) },
          };
        }),
      };
    });
}

/**
 * Each outcome's values of one yearly figure, as chart series (the baseline first, each drawn in
 * the style of its position), as amounts or as differences from the baseline.
 */
export function yearSeries(
  outcomes: readonly ScenarioOutcome[],
  value: (y: ScenarioOutcome['years'][number]) => number,
  mode: 'amount' | 'difference' = 'amount',
): YearSeries[] {
  const baseline = outcomes[0];
  return outcomes.map((o, i) => ({
    id: o.scenario.id,
    name: o.scenario.name,
    styleIndex: i,
    values: o.years.map((y, i) => {
      const b = baseline?.years[i];
      return { year: y.year, value: mode === 'difference' && b ? value(y) - value(b) : value(y) };
    }),
  }));
}

/** Where each outcome's children are placed in one year (the last when not given), for the locality chart. */
export function localityRows(outcomes: readonly ScenarioOutcome[], year?: string): LocalityRow[] {
  return outcomes.map((o) => {
    const y = (year ? o.years.find((v) => v.year === year) : undefined) ?? lastYear(o);
    return {
      id: o.scenario.id,
      name: o.scenario.name,
      parts: {
        ownLa: y?.placedOwnLa ?? 0,
        elsewhere: y?.placedElsewhereInConsortium ?? 0,
        outside: y?.placedOutside ?? 0,
        unmet: y?.unmet ?? 0,
      },
    };
  });
}
