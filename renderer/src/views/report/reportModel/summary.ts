/**
 * The report's cover facts (the data vintages) and its summary: the headline table of published
 * figures, the beds-needed sentence and the key figures. Pure, unit-tested.
 */
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { Source } from '#shared/model/dataset.js';
import { measures, type MeasureId } from '#shared/model/measures.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { formatPeriod, formatValue } from '#renderer/format/measures.js';
import { missingMark, missingReason } from '#renderer/models/figureWords.js';
import { gapPartsSentence } from '#renderer/models/baseYearModel.js';
import { gapRangeWords, gapWords } from '#renderer/models/projectionModel.js';
import { probabilityAssumptions, shortfallProbability } from '#renderer/models/evidenceModel.js';
import { formatRange, formatWhole } from '#renderer/format/numbers.js';

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
