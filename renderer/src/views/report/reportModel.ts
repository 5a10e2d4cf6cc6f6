/**
 * Pure preparation of the report: which sections it has, the cover's facts, the summary's figures,
 * gaps by authority, scenario figures against the baseline, the assumption register and the
 * methodology in plain English. No React and no DOM, so it is unit-tested directly.
 */
import type { AppInfo, CallResults, ImportLogEntry, MapData, OpenPlanState } from '../../../../shared/api/contract.js';
import type { AreaProjection, BacktestResult, ProjectionResult } from '../../../../shared/forecast/types.js';
import type { Source } from '../../../../shared/model/dataset.js';
import { measures, type MeasureId } from '../../../../shared/model/measures.js';
import type { PlanSummary } from '../../../../shared/model/summary.js';
import type { Scenario, ScenarioOutcome } from '../../../../shared/scenario/index.js';
import { fileSlug } from '../../app/fileNames';
import { leverSummary as leverDetail } from '../scenarios/leverFields';
import { missingMark, missingReason } from '../data/table';
import { formatPeriod, formatValue } from '../../format/measures';
import { gapPartsSentence } from '../projection/baseYearModel';
import { gapRangeWords, gapWords } from '../projection/projectionModel';
import { formatAssumption } from '../../format/assumptions';
import { formatMoneyBrief, formatSignedMoney } from '../../format/money';
import { formatRange, formatSignedCount, formatWhole } from '../../format/numbers';
import { formatPointsChange, formatSharePercent } from '../../format/shares';
import {
  buildNationalGroups,
  buildOwnBacktest,
  buildTotalsCoverage,
  probabilityAssumptions,
  probabilityWords,
  selectionWords,
  shortfallProbability,
  type NationalGroup,
  type OwnBacktest,
  type TotalsCoverage,
  type SelectionWords,
} from '../projection/evidenceModel';

export type ScenarioListItem = CallResults['listScenarios'][number];

/** Everything the report shows, loaded once; each part that could not be had says why. */
export interface ReportData {
  /** When the report was made (ISO timestamp). */
  generatedAt: string;
  appInfo: AppInfo | null;
  plan: OpenPlanState;
  summary: PlanSummary;
  projection: CallResults['getProjection'] | null;
  projectionProblem: string | null;
  /** The scenarios shown (never the baseline), in the order asked for. */
  scenarios: ScenarioListItem[];
  /** Every scenario stored in the plan besides the baseline. */
  availableScenarios: ScenarioListItem[];
  scenarioRun: CallResults['runScenarios'] | null;
  scenarioProblem: string | null;
  mapData: MapData | null;
  mapProblem: string | null;
  imports: ImportLogEntry[];
}

export const MAX_REPORT_SCENARIOS = 4;
export const BASELINE_ID = 'baseline';

// ---------- Sections ----------

export type ReportSectionId =
  'summary' | 'projection' | 'map' | 'scenarios' | 'comparison' | 'assumptions' | 'methodology' | 'sources' | 'missing';

export interface ReportSection {
  id: ReportSectionId;
  title: string;
}

/**
 * The report's sections after the cover, in order. The comparison needs at least one scenario
 * besides the baseline; "What this plan is missing" appears when the plan lacks data or a part of
 * the report could not be made.
 */
export function reportSections(
  data: Pick<ReportData, 'summary' | 'scenarioRun' | 'projectionProblem' | 'scenarioProblem' | 'mapProblem'>,
): ReportSection[] {
  const sections: ReportSection[] = [
    { id: 'summary', title: 'Summary' },
    { id: 'projection', title: 'Projection' },
    { id: 'map', title: 'Gap map' },
    { id: 'scenarios', title: 'Scenarios' },
  ];
  if ((data.scenarioRun?.outcomes.length ?? 0) > 0) sections.push({ id: 'comparison', title: 'Scenario comparison' });
  sections.push(
    { id: 'assumptions', title: 'Assumptions register' },
    { id: 'methodology', title: 'Methodology' },
    { id: 'sources', title: 'Data sources and licences' },
  );
  if (missingItems(data).length > 0) sections.push({ id: 'missing', title: 'What this plan is missing' });
  return sections;
}

export interface MissingItem {
  what: string;
  fillWith: string;
}

/** What the plan lacks (its data gaps) and any part of the report that could not be made. */
export function missingItems(
  data: Pick<ReportData, 'summary' | 'projectionProblem' | 'scenarioProblem' | 'mapProblem'>,
): MissingItem[] {
  const items: MissingItem[] = data.summary.gaps.map((g) => ({ what: g.message, fillWith: g.fillWith }));
  const fix = 'Import the missing figures (see above), or choose members with published figures.';
  if (data.projectionProblem) items.push({ what: `No projection: ${data.projectionProblem}`, fillWith: fix });
  if (data.scenarioProblem && data.scenarioProblem !== data.projectionProblem) {
    items.push({ what: `Scenarios could not be run: ${data.scenarioProblem}`, fillWith: fix });
  }
  if (data.mapProblem) items.push({ what: `No map data: ${data.mapProblem}`, fillWith: fix });
  return items;
}

// ---------- Scenarios chosen ----------

/** The scenarios a report shows by default: the plan's own (not the baseline), at most four. */
export function defaultScenarioIds(list: readonly Pick<ScenarioListItem, 'id' | 'editable'>[]): string[] {
  return list
    .filter((s) => s.editable && s.id !== BASELINE_ID)
    .map((s) => s.id)
    .slice(0, MAX_REPORT_SCENARIOS);
}

/** The asked-for ids that exist in the plan, in order, without the baseline or repeats, at most four. */
export function chosenScenarios(list: readonly ScenarioListItem[], ids: readonly string[] | null): ScenarioListItem[] {
  const wanted = ids ?? defaultScenarioIds(list);
  const seen = new Set<string>();
  const out: ScenarioListItem[] = [];
  for (const id of wanted) {
    if (id === BASELINE_ID || seen.has(id)) continue;
    const found = list.find((s) => s.id === id);
    if (!found) continue;
    seen.add(id);
    out.push(found);
  }
  return out.slice(0, MAX_REPORT_SCENARIOS);
}

// ---------- Words and numbers ----------

/** A file name to suggest for the PDF, e.g. "greater-manchester-report.pdf". */
export function reportFileName(plan: Pick<OpenPlanState, 'name' | 'untitled' | 'consortiumName'>): string {
  const base = plan.untitled ? plan.consortiumName : plan.name;
  return `${fileSlug(base, 80) || 'plan'}-report.pdf`;
}

// ---------- Cover ----------

/** The published data the plan rests on, one line each: "Ofsted: Children's social care data… (31 March 2023)". */
export function dataVintages(sources: readonly Source[]): string[] {
  const lines = sources.filter((s) => !s.illustrative).map((s) => `${s.publisher}: ${s.title} (${s.period})`);
  return [...new Set(lines)];
}

// ---------- Summary ----------

/** The headline measures the summary table shows, in order. */
export const summaryMeasures: readonly MeasureId[] = [
  'childrenLookedAfter',
  'childrenLookedAfterRatePer10k',
  'childrenInChildrensHomes',
  'placedOver20Miles',
  'registeredPlaces',
  'registeredPlacesPer10k',
];

export interface HeadlineColumn {
  measure: MeasureId;
  label: string;
  period: string;
  periodLabel: string;
}

export interface HeadlineRow {
  code: string;
  name: string;
  kind: 'member' | 'consortium';
  cells: string[];
}

/** The consortium's and each member's headline figures: members by name, then the consortium total. */
export function headlineTable(summary: PlanSummary): { columns: HeadlineColumn[]; rows: HeadlineRow[] } {
  const columns: HeadlineColumn[] = summaryMeasures.flatMap((measure) => {
    const figure = summary.consortium.headline.find((f) => f.measure === measure);
    const period =
      figure?.period ??
      summary.authorities.flatMap((a) => a.headline.filter((f) => f.measure === measure)).at(0)?.period;
    if (!period) return [];
    return [{ measure, label: measures[measure].label, period, periodLabel: formatPeriod(measure, period) }];
  });
  const cell = (headline: PlanSummary['consortium']['headline'], column: HeadlineColumn) => {
    const figure = headline.find((f) => f.measure === column.measure && f.period === column.period) ?? null;
    if (figure?.value === null || figure?.value === undefined) return `${missingMark} (${missingReason(figure)})`;
    return formatValue(column.measure, figure.value);
  };
  const members = summary.authorities
    .filter((a) => a.isMember)
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  return {
    columns,
    rows: [
      ...members.map((a) => ({
        code: a.code,
        name: a.name,
        kind: 'member' as const,
        cells: columns.map((c) => cell(a.headline, c)),
      })),
      {
        code: 'consortium',
        name: `${summary.consortium.name} (total)`,
        kind: 'consortium' as const,
        cells: columns.map((c) => cell(summary.consortium.headline, c)),
      },
    ],
  };
}

/**
 * The five-year bed need and gap in one sentence: "By 31 March 2030, Greater Manchester is projected
 * to need 1,085 beds in children's homes (80% range 929–1,274) for 923 children, against 500 places its
 * children can count on: short by 586 beds (80% range: short by 430 to 775)." — then the gap today
 * by the same definition and the parts the horizon's gap is made of.
 */
export function bedNeedSentence(consortiumName: string, projection: ProjectionResult | null): string | null {
  const last = projection?.consortium.years.at(-1);
  if (!projection || !last) return null;
  const gap = gapWords(last.gap.p50);
  const gapText =
    gap.kind === 'balanced' ? 'no gap' : `${gap.text} ${Math.abs(Math.round(last.gap.p50)) === 1 ? 'bed' : 'beds'}`;
  // Base year first, then the parts the horizon's gap is made of.
  const parts = gapPartsSentence(projection.consortium);
  return (
    `By 31 March ${last.year}, ${consortiumName} is projected to need ${formatWhole(last.bedsNeeded.p50)} beds in children’s homes ` +
    `(80% range ${formatRange(last.bedsNeeded)}) for ${formatWhole(last.demand.p50)} children, against ` +
    `${formatWhole(last.accessiblePlaces)} places its children can count on: ${gapText} (80% range: ${gapRangeWords(last.gap)}).` +
    (parts ? ` ${parts}` : '')
  );
}

export interface KeyFigure {
  label: string;
  value: string;
  note: string;
}

/** Four or five figures for the top of the summary. */
export function keyFigures(summary: PlanSummary, projection: ProjectionResult | null): KeyFigure[] {
  const figures: KeyFigure[] = [];
  const inHomes = summary.consortium.headline.find((f) => f.measure === 'childrenInChildrensHomes');
  if (inHomes?.value !== null && inHomes?.value !== undefined) {
    figures.push({
      label: 'Children in secure or children’s homes',
      value: formatWhole(inHomes.value),
      note: formatPeriod('childrenInChildrensHomes', inHomes.period),
    });
  }
  const last = projection?.consortium.years.at(-1);
  if (last) {
    figures.push(
      {
        label: 'Beds needed',
        value: formatWhole(last.bedsNeeded.p50),
        note: `31 March ${last.year}, median (80% range ${formatRange(last.bedsNeeded)})`,
      },
      {
        label: 'Places the consortium can count on',
        value: formatWhole(last.accessiblePlaces),
        note: `of ${formatWhole(last.registeredPlaces)} registered places`,
      },
      {
        label: 'Gap',
        value: gapWords(last.gap.p50).text.replace(/^./, (c) => c.toUpperCase()),
        note: `beds, 31 March ${last.year}`,
      },
      {
        label: 'Chance of being short',
        value: shortfallProbability(last).text,
        note: `31 March ${last.year}${probabilityBasisNote(projection)}`,
      },
    );
  }
  return figures;
}

/** "; assumes target occupancy 85%; …": the assumptions a chance of being short rests on. */
function probabilityBasisNote(projection: ProjectionResult | null): string {
  const basis = projection ? probabilityAssumptions(projection.assumptions, 'consortium') : null;
  return basis ? `; assumes ${basis}` : '';
}

// ---------- Gap by authority ----------

export interface GapRow {
  code: string;
  name: string;
  kind: 'member' | 'consortium';
  children: string;
  beds: string;
  bedsRange: string;
  accessible: string;
  gap: string;
  gapKind: 'short' | 'surplus' | 'balanced';
  gapRange: string;
  chance: string;
  /** Unrounded median gap, for ordering. */
  gapValue: number;
}

function gapRow(area: AreaProjection, kind: GapRow['kind']): GapRow | null {
  const y = area.years.at(-1);
  if (!y) return null;
  const words = gapWords(y.gap.p50);
  return {
    code: area.code,
    name: area.name,
    kind,
    children: formatWhole(y.demand.p50),
    beds: formatWhole(y.bedsNeeded.p50),
    bedsRange: formatRange(y.bedsNeeded),
    accessible: formatWhole(y.accessiblePlaces),
    gap: words.text,
    gapKind: words.kind,
    gapRange: gapRangeWords(y.gap),
    chance: shortfallProbability(y).text,
    gapValue: y.gap.p50,
  };
}

/** The last projected year's gap for each member (largest shortfall first), then the consortium. */
export function gapByAuthority(projection: ProjectionResult): { year: string | null; rows: GapRow[] } {
  const rows = projection.areas
    .map((a) => gapRow(a, 'member'))
    .filter((r): r is GapRow => r !== null)
    .sort((a, b) => b.gapValue - a.gapValue || a.name.localeCompare(b.name, 'en-GB'));
  const consortium = gapRow(projection.consortium, 'consortium');
  return { year: projection.years.at(-1) ?? null, rows: consortium ? [...rows, consortium] : rows };
}

// ---------- Scenarios ----------

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

// ---------- Assumptions ----------

export interface AssumptionLine {
  key: string;
  label: string;
  value: string;
  rationale: string;
  /** Numbered references to the data sources list, e.g. "[6] Sufficiency Planner (generated)". */
  source: string;
  illustrative: boolean;
  where: 'Plan register' | 'Projection' | 'Scenario model';
}

/**
 * The plan's assumption register, then the assumptions the projection and the scenario model add
 * (each key once), with their sources named.
 */
export function assumptionLines(
  summary: PlanSummary,
  projection: ProjectionResult | null,
  scenarioAssumptions: readonly {
    key: string;
    label: string;
    value: number;
    unit: string;
    rationale: string;
    source: string | null;
  }[],
): AssumptionLine[] {
  const sources = new Map(summary.sources.map((s, i) => [s.id, { source: s, number: i + 1 }]));
  const describe = (ids: string | null) => {
    const list = (ids ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean);
    return {
      source: list
        .map((id) => {
          const found = sources.get(id);
          return found ? `[${found.number}] ${found.source.publisher}` : id;
        })
        .join('; '),
      illustrative: list.some((id) => sources.get(id)?.source.illustrative ?? false),
    };
  };
  const lines: AssumptionLine[] = [];
  const seen = new Set<string>();
  const add = (
    a: { key: string; label: string; value: number; unit: string; rationale: string; source: string | null },
    where: AssumptionLine['where'],
  ) => {
    if (seen.has(a.key)) return;
    seen.add(a.key);
    lines.push({
      key: a.key,
      label: a.label,
      value: formatAssumption(a.value, a.unit),
      rationale: a.rationale,
      ...describe(a.source),
      where,
    });
  };
  for (const a of summary.assumptions) add(a, 'Plan register');
  for (const a of projection?.assumptions ?? []) add(a, 'Projection');
  for (const a of scenarioAssumptions) add(a, 'Scenario model');
  return lines;
}

// ---------- Methodology ----------

export interface MethodologyPart {
  heading: string;
  paragraphs: string[];
}

/** Which method is used and why, with the national evidence and the consortium's own backtest. */
export interface MethodEvidence {
  /** Null when the method was not chosen by a backtest (manual growth). */
  selection: SelectionWords | null;
  national: NationalGroup[];
  /** English authorities in the national backtest. */
  nationalAreas: number;
  own: OwnBacktest;
  /** The chosen method's ranges for summed totals, origin by origin. */
  totals: TotalsCoverage;
}

export interface Methodology {
  parts: MethodologyPart[];
  evidence: MethodEvidence;
  /** Sentences about the backtest, shown with its table. */
  backtest: string[];
  limitations: string[];
}

export interface MethodologyInput {
  summary: PlanSummary;
  projection: ProjectionResult | null;
  backtest: BacktestResult | null;
  scenarios: ScenarioOutcome | null;
  hasScenarios: boolean;
}

const assumptionValue = (projection: ProjectionResult | null, key: string) =>
  projection?.assumptions.find((a) => a.key === key)?.value;

const pct = (share: number | undefined, fallback: string) =>
  share === undefined ? fallback : formatSharePercent(share);

/** The methods, their accuracy and their limits in plain English, from the plan's own settings. */
export function buildMethodology(input: MethodologyInput): Methodology {
  const { summary, projection, backtest } = input;
  const parts: MethodologyPart[] = [];
  const horizon = projection?.years.length ?? 5;
  const firstYear = projection?.years[0];
  const lastYear = projection?.years.at(-1);

  parts.push({
    heading: 'What is projected',
    paragraphs: [
      `The report estimates how many children from the ${summary.consortium.memberCount === 1 ? 'member authority' : `${summary.consortium.memberCount} member authorities`} of ${summary.consortium.name} will need a place in a children’s home or a secure children’s home on 31 March of each of the next ${horizon} years` +
        (firstYear && lastYear ? ` (${firstYear} to ${lastYear})` : '') +
        ', how many beds that means, and how that compares with the places the consortium’s children can count on.',
    ],
  });

  const damping = assumptionValue(projection, 'trendDamping');
  if (!projection || projection.method === 'rate') {
    const selection = projection?.selection;
    const used = selection?.used ?? '';
    parts.push({
      heading: 'The projection method, chosen on evidence',
      paragraphs: [
        ...(selection
          ? [
              `The method used is ${selection.usedLabel.toLowerCase()}. ${selection.used === selection.chosen ? 'It was chosen on evidence: the national backtest below.' : 'It was set by hand; the national backtest below shows the evidence.'} Every authority’s projection starts from its last observed figure, never from a fitted line, so the first projected year continues from what was last published.`,
            ]
          : []),
        'Six methods were tried on every English authority’s published history, each refitted as if standing at every earlier year and scored on the years that followed (a rolling-origin backtest): last value (no change), a random walk with drift, damped trends on the count of children in secure and children’s homes and on its rate per 10,000 children aged 0 to 17, and the same damped trends pooled across authorities (each authority’s trend pulled towards its region’s and England’s, more strongly where its own figures are few or noisy). The default is the method with the lowest error relative to last value one, two and three years ahead, provided it is no worse than last value at any of them; if none is, last value is used and the report says so.',
        ...(used === 'lastValue'
          ? [
              'Last value carries each authority’s latest figure forward unchanged: on the national evidence no trend method forecast better.',
            ]
          : used.toLowerCase().includes('damped')
            ? [
                `The trend is damped: each further year keeps ${pct(damping, 'a share')} of the previous year’s change, so growth levels off rather than compounding.${used.endsWith('Rate') ? ' The projected rate is applied to the projected number of children aged 0 to 17 in each authority (held at the latest estimate, changed only by the plan’s own growth assumption, unless an ONS projection is imported).' : ''}`,
              ]
            : []),
      ],
    });
  } else {
    parts.push({
      heading: 'Manual growth',
      paragraphs: [
        'Each authority’s last observed number of children in secure and children’s homes is grown by an annual rate set by the consortium. The rates are stated in the assumptions register.',
      ],
    });
  }

  if (projection && projection.uncertainty === 'simulated') {
    parts.push({
      heading: 'Uncertainty: Monte Carlo simulation',
      paragraphs: [
        `The projection is run ${formatWhole(projection.simulations)} times. Each run draws every authority’s error from the method’s own out-of-sample errors in the national backtest, scaled to the authority’s size and calibrated so that 80% ranges held about 80% of the outcomes published later, with a share of each year’s error common to all authorities at the level that regions and other groups of authorities showed. The report gives the median (the middle of the runs) and the 80% range (from the 10th to the 90th percentile).`,
        `The consortium’s figures add up its authorities within each run, so its range is narrower than the sum of the authorities’ ranges. The runs use a fixed seed (${projection.seed}), so the same plan gives the same figures.`,
      ],
    });
  } else if (projection) {
    parts.push({
      heading: 'Uncertainty',
      paragraphs: [
        'The ranges are an approximation (a lognormal spread around the central path) rather than simulations. The report gives the median and the 80% range (the 10th to the 90th percentile).',
      ],
    });
  }

  const occupancy = assumptionValue(projection, 'targetOccupancy');
  const solo = assumptionValue(projection, 'needTypeShare.soloComplex');
  parts.push({
    heading: 'From children to beds: occupancy',
    paragraphs: [
      `A home cannot be full all the time: matching children with each other, sibling groups and changing needs leave beds empty. Beds needed are children ÷ target occupancy (${pct(occupancy, 'the target occupancy')}). ` +
        (solo === undefined
          ? ''
          : `${pct(solo, '')} of children are assumed to need a solo or complex-needs home, shown separately in the projection.`),
    ],
  });

  const own = assumptionValue(projection, 'openMarketAccessShare');
  const shared = assumptionValue(projection, 'consortiumOpenMarketAccessShare');
  parts.push({
    heading: 'Places the consortium can count on: accessible places',
    paragraphs: [
      'Registered places are the Ofsted-registered places in children’s homes located in each authority at the latest snapshot, leaving out short-break-only homes and secure homes.',
      `Not every place is open to the consortium’s children, because private and voluntary homes take children from all over England. Places in homes run by the authorities and block-contracted places count in full; of the other places, ${ownShareWords(projection?.accessShares, own)} and ${pct(shared, 'a share')} of those anywhere in the consortium to consortium children. These are accessible places. The gap is beds needed minus accessible places: a positive gap is a shortfall.`,
    ],
  });

  if (input.hasScenarios || input.scenarios) {
    const s = input.scenarios;
    parts.push({
      heading: 'Scenarios: the allocation model',
      paragraphs: [
        'Each scenario changes supply or demand: for example block-contracting beds, opening homes, agreeing local-first access, preventing entries to care or stepping children down to foster care. The baseline is the same model with no changes.',
        'For each year the model places the projected children in the beds available by solving a minimum-cost allocation: each child is placed where the weekly price plus a penalty for distance from home is lowest, in the authority’s own homes, elsewhere in the consortium or outside it. The market outside the consortium is calibrated so that the baseline reproduces the published share of children placed more than 20 miles from home.',
        s
          ? `Costs use weekly prices by sector; future costs are discounted at ${formatSharePercent(s.discountRate)} a year (HM Treasury Green Book) to give a net present value. Ranges come from ${s.uncertainty === 'simulated' ? `allocating ${formatWhole(s.simulations)} demand simulations` : 'allocating the low and high demand paths'}.`
          : 'Costs use weekly prices by sector; future costs are discounted to give a net present value.',
      ],
    });
  }

  const backtestLines: string[] = [];
  if (backtest) {
    backtestLines.push(
      `To see how well the method would have done, it was refitted as if standing at earlier years (${backtest.origins.join(', ')}) and its forecasts were compared with the figures later published. MAE is the average error in children; MAPE is the average error as a percentage of the actual figure; coverage is how often the actual figure fell inside the 80% range (about 80% is right). Each row shows n, the number of forecasts behind it.`,
      ...backtest.notes,
    );
  } else {
    backtestLines.push(
      'No backtest is available: the plan does not hold enough years of history to refit the method on earlier years.',
    );
  }

  const selection = projection?.selection ?? null;
  const evidence: MethodEvidence = {
    selection: selection ? selectionWords(selection) : null,
    national: selection ? buildNationalGroups(selection, selection.horizons) : [],
    nationalAreas: selection?.areas ?? 0,
    own: buildOwnBacktest(backtest),
    totals: buildTotalsCoverage(selection),
  };

  const limitations: string[] = [
    'Small numbers: many authorities have tens of children in children’s homes, so a few children more or fewer make a large difference in percentage terms, and trends fitted on five or six years of figures are uncertain.',
  ];
  if (backtest && evidence.own.thin) limitations.push(evidence.own.verdict);
  limitations.push(
    'Demand counts children in secure homes and children’s homes together, as the Department for Education publishes it, while supply counts children’s homes only; the gap therefore slightly overstates the need for children’s home places.',
  );
  const illustrative = summary.sources.filter((s) => s.illustrative);
  if (illustrative.length) {
    limitations.push(
      `Illustrative values: ${illustrative.length} of the plan’s ${summary.sources.length} sources are generated for illustration, not published (they are marked in the data sources). Replace them with the consortium’s own figures before relying on costs, placement flows or missing-incident figures.`,
    );
  }
  limitations.push(
    'Supply is held at the latest Ofsted snapshot unless a scenario changes it: homes opened or closed since then are not counted.',
  );
  if (summary.gaps.some((g) => g.measure === 'populationProjection')) {
    limitations.push(
      'Population: the plan has no ONS population projection, so the future number of children is held at the latest mid-year estimate, changed only by the plan’s annual growth assumption (stated in the assumptions register); a short recent trend is not extrapolated.',
    );
  }
  limitations.push(
    'Accessible-place shares and occupancy are assumptions, not measurements: the assumptions register states each one and why. The chance of being short depends on them as much as on the forecast, and is given as a figure only between 1% and 99%; outside that it says only “near certain” or “very unlikely”.',
    'The model plans capacity, not placements: it does not capture individual children’s needs, matching or placement stability.',
  );
  for (const w of projection?.warnings ?? []) {
    if (!/secure homes/.test(w)) limitations.push(w);
  }

  return { parts, evidence, backtest: backtestLines, limitations };
}

/**
 * The own-authority share in words: one figure where every member uses the same share, otherwise
 * the range of the members' own estimates (from their published figures) and their average.
 */
function ownShareWords(shares: ProjectionResult['accessShares'], average: number | undefined): string {
  const own = shares?.filter((a) => a.basis !== 'set') ?? [];
  if (own.length < 2)
    return `${pct(average, 'a share')} of those in an authority are assumed available to its own children`;
  const low = Math.min(...own.map((a) => a.share));
  const high = Math.max(...own.map((a) => a.share));
  return `a share of those in an authority is available to its own children, estimated for each member from its published figures (the children it placed inside its own boundary against its places: from ${pct(low, '')} to ${pct(high, '')}, ${pct(average, '')} on average, listed in the base-year table)`;
}
