/**
 * The Compare view's key-figure table: one row per figure, one column per scenario (the baseline
 * first), each value with its difference from the baseline, each block contract's break-even price
 * beside the net cost and the new homes' residual value; what each lever did (or why it changed
 * nothing). Pure, unit-tested.
 */
import { breakEvenWeeklyPrice, changesNothing, type BlockBreakEven } from '#shared/scenario/compare.js';
import type { CostBreakdown, ScenarioOutcome } from '#shared/scenario/types.js';
import { financialYear, financialYearSpan } from '#shared/scenario/years.js';
import { formatMoney, formatMoneyDiff, formatPounds } from '../../format/money';
import { formatCount, formatCountDiff, judgeDiff, type Better } from '../../format/numbers';
import { formatPointsDiff, formatShare } from '../../format/shares';
import { probabilityWords } from '../../models/evidenceModel';

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
  const span = financialYearSpan(years);
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
      key: 'npvResidualValue',
      label: 'of which residual value of new homes at the horizon (credit)',
      hint: '',
      kind: 'money',
      better: 'lower',
      part: true,
      hideWhenZero: true,
      value: (o) => o.npv.residualValue,
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
  const rows = figureDefinitions(years)
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
  // Each block contract's break-even price sits beside the net cost it is worked out from.
  const breakEven = breakEvenRow(baseline, columns);
  if (breakEven) rows.splice(rows.findIndex((r) => r.key === 'npv') + 1, 0, breakEven);
  return rows;
}

/** Each block contract of an outcome with its break-even against the baseline (none for the baseline). */
export function blockBreakEvens(outcome: ScenarioOutcome, baseline: ScenarioOutcome): BlockBreakEven[] {
  if (outcome === baseline) return [];
  return outcome.levers
    .map((l) => breakEvenWeeklyPrice(outcome, baseline, l.key))
    .filter((e): e is BlockBreakEven => e !== null);
}

/** "£4,321 a bed a week (price £5,000)"; "none: not even at £0 (price £5,000)"; "or more" when a lower bound. */
export function breakEvenText(e: BlockBreakEven): string {
  const price = `price ${formatPounds(e.weeklyPrice)}`;
  if (e.breakEvenWeeklyPrice <= 0) return `none: it would not pay for itself even at £0 a bed a week (${price})`;
  return `${formatPounds(e.breakEvenWeeklyPrice)} a bed a week${e.exact ? '' : ' or a little more'} (${price})`;
}

function breakEvenRow(baseline: ScenarioOutcome, columns: readonly ScenarioOutcome[]): KeyFigureRow | null {
  const perColumn = columns.map((o) => blockBreakEvens(o, baseline));
  if (perColumn.every((list) => list.length === 0)) return null;
  return {
    key: 'blockBreakEven',
    label: 'Block contract break-even price',
    hint: 'the weekly price at which its net present cost equals the baseline’s; below it, it saves money',
    part: true,
    cells: columns.map((o, i) => {
      const list = perColumn[i] ?? [];
      const text =
        list.length === 0
          ? '—'
          : list.length === 1
            ? breakEvenText(list[0]!)
            : list.map((e) => `${e.label}: ${breakEvenText(e)}`).join('; ');
      return { scenarioId: o.scenario.id, text, diff: null };
    }),
  };
}

export interface LeverNote {
  key: string;
  label: string;
  /** What the lever did, or why it changed nothing (the model's own statements, in order). */
  notes: string[];
  /** A block contract's break-even price against the baseline, in words. */
  breakEven: string | null;
}

export interface LeverNoteGroup {
  scenarioId: string;
  name: string;
  illustrative: boolean;
  /** Said first when the scenario changes no gap, placement or cost against the baseline. */
  changesNothing: string | null;
  levers: LeverNote[];
}

/**
 * What each lever of each compared scenario did (the baseline has none): the model's notes (a new
 * home's note gives its residual value at the horizon) and each block contract's break-even price;
 * a scenario that changes nothing against the baseline says so first.
 */
export function leverNoteGroups(baseline: ScenarioOutcome, outcomes: readonly ScenarioOutcome[]): LeverNoteGroup[] {
  return outcomes
    .filter((o) => o.scenario.levers.length > 0)
    .map((o) => {
      const breakEvens = blockBreakEvens(o, baseline);
      return {
        scenarioId: o.scenario.id,
        name: o.scenario.name,
        illustrative: o.scenario.illustrative,
        changesNothing: changesNothing(o, baseline)
          ? 'This scenario changes nothing against the baseline: no gap, placement or cost differs.'
          : null,
        levers: o.levers.map((l) => {
          const e = breakEvens.find((b) => b.lever === l.key);
          return {
            key: l.key,
            label: l.label,
            notes: l.notes,
            breakEven: e ? `Breaks even at ${breakEvenText(e)}.` : null,
          };
        }),
      };
    });
}
