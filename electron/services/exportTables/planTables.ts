/**
 * The plan's tables for export (workbook sheets and CSV files), its scenarios' aside
 * (./scenarioTables.ts): real numbers, each column's kind (a count, a rate, money, a share, a year)
 * so the workbook can format it, units in the headers where the label does not already say them,
 * and every figure's source: data by LA, history, projection, backtest, assumptions, sources and
 * what the plan is missing.
 */
import type { CallResults, ImportLogEntry } from '#shared/api/contract.js';
import { probabilityWords } from '#shared/forecast/beds/probability.js';
import { measures } from '#shared/model/measures.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { withUnit } from '#shared/model/words.js';
import { kindOfUnit, yearCell, type CellValue, type ColumnKind, type ExportTable } from './cells.js';

const unitLabel = (measure: keyof typeof measures) => measures[measure].unit;

/** A projection method in words, as the exports name it. */
function methodWords(method: string): string {
  return method === 'rate'
    ? 'rate-based'
    : method === 'manual'
      ? 'manual growth'
      : method === 'stockFlow'
        ? 'stock-flow'
        : method;
}

/**
 * A chance as the export gives it: the share only where it carries information (1% to 99%, or as
 * the projection flags it), else null beside words saying it is almost certain one way.
 */
export function chanceCells(p: number, informative?: boolean): [number | null, string] {
  if (!Number.isFinite(p)) return [null, ''];
  const reading = probabilityWords(p, informative);
  return [reading.informative ? p : null, reading.text];
}

/** "target occupancy 85%; open-market share counted as accessible 30% (an authority's own children), 60% (consortium children)". */
export function chanceBasis(assumptions: readonly { key: string; value: number }[]): string {
  const v = (key: string) => assumptions.find((a) => a.key === key)?.value;
  const pc = (x: number | undefined) => (x === undefined ? 'as set' : `${Math.round(x * 100)}%`);
  return `target occupancy ${pc(v('targetOccupancy'))}; open-market share counted as accessible ${pc(v('openMarketAccessShare'))} for an authority’s own children, ${pc(v('consortiumOpenMarketAccessShare'))} for consortium children`;
}

export function dataByLaTable(summary: PlanSummary): ExportTable {
  const headline = summary.consortium.headline;
  const header = [
    'Area',
    'ONS code',
    'DfE code',
    'Level',
    ...headline.map((f) => withUnit(`${measures[f.measure].label} (${f.period})`, unitLabel(f.measure))),
  ];
  const row = (a: PlanSummary['authorities'][number]) => [
    a.name,
    a.code,
    a.dfeCode,
    a.isMember ? 'Member' : a.level,
    ...headline.map((h) => a.headline.find((f) => f.measure === h.measure && f.period === h.period)?.value ?? null),
  ];
  return {
    name: 'Data by LA',
    title: `Headline figures for ${summary.consortium.name}, its members and comparators`,
    header,
    kinds: ['text', 'text', 'text', 'text', ...headline.map((f) => kindOfUnit(unitLabel(f.measure)))],
    rows: [
      ...summary.authorities.map(row),
      [`${summary.consortium.name} (consortium total)`, null, null, 'Consortium', ...headline.map((f) => f.value)],
      ...summary.comparators.map(row),
    ],
  };
}

export function historyTable(summary: PlanSummary): ExportTable {
  const rows: CellValue[][] = [];
  for (const area of [...summary.authorities, ...summary.comparators]) {
    for (const [measure, points] of Object.entries(area.history)) {
      for (const p of points ?? []) {
        rows.push([
          area.name,
          area.code,
          measures[measure as keyof typeof measures].label,
          yearCell(p.period),
          p.value,
          unitLabel(measure as keyof typeof measures),
          p.suppression,
          p.source,
        ]);
      }
    }
  }
  return {
    name: 'History',
    title: 'Every stored figure by area, measure and period, with its suppression code and source id',
    header: ['Area', 'ONS code', 'Measure', 'Period', 'Value', 'Unit', 'Suppression code', 'Source id'],
    kinds: [
      'text',
      'text',
      'text',
      (row) => (typeof row[3] === 'number' ? 'year' : 'text'),
      (row) => kindOfUnit(typeof row[5] === 'string' ? row[5] : null),
      'text',
      'text',
      'text',
    ],
    rows,
  };
}

export function projectionTable(result: CallResults['getProjection']): ExportTable {
  const { projection } = result;
  const rows: CellValue[][] = [];
  for (const area of [projection.consortium, ...projection.areas]) {
    for (const y of area.years) {
      rows.push([
        area.name,
        area.code,
        yearCell(y.year),
        y.demand.p10,
        y.demand.p50,
        y.demand.p90,
        y.bedsNeeded.p10,
        y.bedsNeeded.p50,
        y.bedsNeeded.p90,
        y.registeredPlaces,
        y.accessiblePlaces,
        y.gap.p10,
        y.gap.p50,
        y.gap.p90,
        ...chanceCells(y.probabilityNeedExceedsAccessible, y.probabilityInformative),
      ]);
    }
  }
  return {
    name: 'Projection',
    title: `Bed need by year ending 31 March (${methodWords(projection.method)} method, ${projection.simulations} simulations, seed ${projection.seed}). The probability is given only between 1% and 99% (else blank, with words beside it) and rests on ${chanceBasis(projection.assumptions)}`,
    header: [
      'Area',
      'Code',
      'Year ending 31 March',
      'Demand P10 [children]',
      'Demand P50 [children]',
      'Demand P90 [children]',
      'Beds needed P10',
      'Beds needed P50',
      'Beds needed P90',
      'Registered places',
      'Accessible places',
      'Gap P10 [beds]',
      'Gap P50 [beds]',
      'Gap P90 [beds]',
      'Probability need exceeds accessible places [share]',
      'Chance of being short (as read)',
    ],
    kinds: ['text', 'text', 'year', ...Array.from({ length: 11 }, (): ColumnKind => 'count'), 'share', 'text'],
    rows,
  };
}

export function backtestTable(result: CallResults['getProjection']): ExportTable | null {
  const b = result.backtest;
  if (!b) return null;
  const rows: CellValue[][] = [];
  const add = (level: string, method: string, list: typeof b.horizons) => {
    for (const h of list) rows.push([level, method, h.h, h.n, h.mae, h.mape, h.coverage80]);
  };
  const method = methodWords(result.projection.method);
  add('Authorities', method, b.horizons);
  add('Authorities', 'last value', b.baselines.lastValue);
  add('Authorities', 'linear trend', b.baselines.linearTrend);
  add('Consortium', method, b.consortium.method);
  add('Consortium', 'last value', b.consortium.lastValue);
  add('Consortium', 'linear trend', b.consortium.linearTrend);
  return {
    name: 'Backtest',
    title: `Rolling-origin backtest (origins ${b.origins.join(', ')}). ${b.notes.join(' ')}`,
    header: [
      'Level',
      'Method',
      'Horizon [years]',
      'Pairs',
      'MAE [children]',
      'MAPE [%]',
      '80% interval coverage [share]',
    ],
    kinds: ['text', 'text', 'count', 'count', 'oneDecimal', 'oneDecimal', 'share'],
    rows,
  };
}

export function assumptionsTable(summary: PlanSummary, result: CallResults['getProjection'] | null): ExportTable {
  const rows: CellValue[][] = summary.assumptions.map((a) => [
    a.label,
    a.value,
    a.unit,
    a.rationale,
    a.source,
    a.changedBy,
    a.changedAt,
    'Plan register',
  ]);
  for (const a of result?.projection.assumptions ?? []) {
    if (summary.assumptions.some((p) => p.key === a.key)) continue;
    rows.push([a.label, a.value, a.unit, a.rationale, a.source, null, null, 'Projection']);
  }
  return {
    name: 'Assumptions',
    title: 'The assumption register and the projection’s assumptions',
    header: ['Assumption', 'Value', 'Unit', 'Rationale', 'Source id', 'Changed by', 'Changed at', 'Where'],
    kinds: [
      'text',
      (row) => kindOfUnit(typeof row[2] === 'string' ? row[2] : null),
      'text',
      'text',
      'text',
      'text',
      'text',
      'text',
    ],
    rows,
  };
}

export function sourcesTable(summary: PlanSummary, imports: ImportLogEntry[]): ExportTable {
  return {
    name: 'Sources',
    title: 'Where every figure comes from',
    header: [
      'Source id',
      'Title',
      'Publisher',
      'File',
      'Table',
      'Period',
      'Licence',
      'Address',
      'Illustrative',
      'Imported (SHA-256)',
    ],
    kinds: Array.from({ length: 10 }, (): ColumnKind => 'text'),
    rows: summary.sources.map((s) => [
      s.id,
      s.title,
      s.publisher,
      s.file,
      s.table,
      s.period,
      s.licence,
      s.url,
      s.illustrative ? 'Yes — generated, not published' : 'No',
      imports.find((i) => i.sourceId === s.id)?.sha256 ?? null,
    ]),
  };
}

export function gapsTable(summary: PlanSummary): ExportTable {
  return {
    name: 'Missing data',
    title: 'What this plan is missing, and which import fills it',
    header: ['What is missing', 'Filled by'],
    kinds: ['text', 'text'],
    rows: summary.gaps.map((g) => [g.message, g.fillWith]),
  };
}
