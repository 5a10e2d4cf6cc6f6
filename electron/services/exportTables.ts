/**
 * The plan's tables for export (workbook sheets and CSV files): real numbers, each column's kind
 * (a count, a rate, money, a share, a year) so the workbook can format it, units in the headers
 * where the label does not already say them, and every figure's source. One definition serves XLSX
 * and CSV, from the app and from the command line alike.
 */
import type { CallResults, ImportLogEntry } from '../../shared/api/contract.js';
import { probabilityWords } from '../../shared/forecast/beds/probability.js';
import { measures } from '../../shared/model/measures.js';
import type { PlanSummary } from '../../shared/model/summary.js';
import { withUnit } from '../../shared/model/words.js';
import { financialYearSpan } from '../../shared/scenario/years.js';

export { withUnit };

export type CellValue = string | number | null;

/**
 * What a column holds, for its number format: whole counts (children, beds, places), figures to one
 * decimal place (rates per 10,000, errors, expected incidents), money in whole pounds or in pounds
 * and pence (unit prices), shares (0–1, shown as %), ratios (two decimal places), years, text, or
 * `general` (a number shown as it is).
 */
export type ColumnKind = 'text' | 'year' | 'count' | 'oneDecimal' | 'money' | 'price' | 'share' | 'ratio' | 'general';

/** Excel number formats by column kind (none for text and general). */
export const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  year: '0',
  count: '#,##0',
  oneDecimal: '#,##0.0',
  money: '"£"#,##0',
  price: '"£"#,##0.00',
  share: '0.0%',
  ratio: '0.00',
};

/** Decimal places a CSV file keeps for each kind: what the workbook shows (a CSV file holds no formats). */
const CSV_DECIMALS: Partial<Record<ColumnKind, number>> = {
  year: 0,
  count: 0,
  oneDecimal: 1,
  money: 0,
  price: 2,
  share: 3,
  ratio: 2,
};

export interface ExportTable {
  /** Sheet name (≤ 31 characters) and CSV file stem. */
  name: string;
  title: string;
  header: string[];
  /** One per header cell: the column's kind, or a function giving it for a row (columns of mixed units). */
  kinds: (ColumnKind | ((row: readonly CellValue[]) => ColumnKind))[];
  rows: CellValue[][];
}

/** The kind of one cell. */
export function cellKind(table: ExportTable, row: readonly CellValue[], column: number): ColumnKind {
  const kind = table.kinds[column] ?? 'general';
  return typeof kind === 'function' ? kind(row) : kind;
}

/** The kind of a figure in a unit as the model words it ("children", "per 10,000 children", "share of places", "£ per week"). */
export function kindOfUnit(unit: string | null | undefined): ColumnKind {
  const u = (unit ?? '').toLowerCase();
  if (u.startsWith('£')) return u === '£' ? 'money' : 'price';
  if (u.startsWith('share')) return 'share';
  if (u.includes('per 10,000')) return 'oneDecimal';
  if (u === 'ratio') return 'ratio';
  if (/^(children|beds|places|homes|bed-years|child-years)$/.test(u)) return 'count';
  if (u === 'incidents') return 'oneDecimal';
  return 'general';
}

/** A year as a number when it is one ("2026" → 2026); other periods ("2024-25", a date) stay text. */
export function yearCell(period: string | number): string | number {
  return typeof period === 'number' || !/^\d{4}$/.test(period) ? period : Number(period);
}

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
function chanceBasis(assumptions: readonly { key: string; value: number }[]): string {
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

/**
 * Characters that make a spreadsheet program read a cell as a formula (OWASP, "CSV Injection"):
 * `=`, `+`, `-`, `@`, tab and carriage return. Leading spaces and line feeds are skipped too, since
 * some programs trim them before deciding.
 */
const FORMULA_TRIGGER = /^[\t\r]|^\s*[=+\-@]/;

/** True when a text cell would be read as a formula if written as it is. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_TRIGGER.test(text);
}

/**
 * One CSV field. Finite numbers are written as numbers (a negative number stays a number; NaN and
 * the infinities, which no table should hold, as text). Text that a spreadsheet would read as a
 * formula is neutralised as OWASP advises: prefixed with a single quote, wrapped in double quotes,
 * its own double quotes doubled. Other text is quoted when it holds a quote, a comma, a semicolon
 * (the separator in some locales), a tab or a line break, so no separator inside it can start a
 * new cell.
 */
export function csvField(value: CellValue, kind: ColumnKind = 'general'): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return csvField(String(value));
    const decimals = CSV_DECIMALS[kind];
    // as the workbook shows it; 0 rather than -0
    return decimals === undefined ? String(value) : String(Number(value.toFixed(decimals)) + 0);
  }
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  if (isFormulaLike(value)) return quoted(`'${value}`);
  return /[",;\t\r\n]/.test(value) ? quoted(value) : value;
}

/**
 * RFC 4180 CSV with a UTF-8 BOM so spreadsheet programs read £ and ’ correctly; inert (see
 * {@link csvField}); numbers to the decimal places the workbook shows (counts whole, rates to one
 * place, money to the pound, shares as fractions to 0.1%).
 */
export function toCsv(table: ExportTable): string {
  const lines = [
    table.header.map((h) => csvField(h)).join(','),
    ...table.rows.map((r) => r.map((v, c) => csvField(v, cellKind(table, r, c))).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

type ScenarioRun = CallResults['runScenarios'];

export function scenariosTable(run: ScenarioRun): ExportTable {
  const rows: CellValue[][] = [];
  for (const o of [run.baseline, ...run.outcomes]) {
    for (const y of o.years) {
      const c = y.cost;
      rows.push([
        o.scenario.name,
        o.scenario.illustrative ? 'Yes' : 'No',
        yearCell(y.year),
        y.demand,
        y.bedsNeeded,
        y.accessiblePlaces,
        y.gap,
        ...chanceCells(y.probabilityGapClosed),
        y.placedOwnLa,
        y.placedElsewhereInConsortium,
        y.placedOutside,
        y.unmet,
        y.over20MilesShare,
        y.expectedMissingIncidents,
        c.placementsBySector.localAuthority,
        c.placementsBySector.private,
        c.placementsBySector.voluntary,
        c.placementsBySector.outsideConsortium,
        c.placementsBySector.unmet,
        c.blockContracts,
        c.voids,
        c.capital,
        c.running,
        c.programmes,
        c.travel,
        c.missingEpisodes,
        c.residualValue,
        c.total,
        y.presentValue,
      ]);
    }
  }
  return {
    name: 'Scenarios',
    title: `Each scenario by year ending 31 March (median demand; percentiles in the app and the report). The cost columns add up to the total: the residual value of new homes is a credit (negative) in the last year. The probability the gap is closed is given only between 1% and 99% (else blank, with words beside it) and rests on ${chanceBasis(run.baseline.assumptions)}`,
    header: [
      'Scenario',
      'Illustrative',
      'Year ending 31 March',
      'Children needing a place',
      'Beds needed',
      'Accessible places',
      'Gap [beds]',
      'Probability the gap is closed [share]',
      'Chance the gap is closed (as read)',
      'Placed in own LA [children]',
      'Placed elsewhere in consortium [children]',
      'Placed outside consortium [children]',
      'Without a place [children]',
      'Placed more than 20 miles away [share]',
      'Expected missing incidents',
      'Cost: LA-run homes [£]',
      'Cost: private homes in members [£]',
      'Cost: voluntary homes in members [£]',
      'Cost: outside the consortium [£]',
      'Cost: children without a registered place [£]',
      'Cost: block contracts in use [£]',
      'Cost: voids [£]',
      'Cost: capital [£]',
      'Cost: running new homes [£]',
      'Cost: programmes and agreements [£]',
      'Cost: travel and staff time by distance [£]',
      'Cost: missing incidents (public cost) [£]',
      'Residual value of new homes at the horizon (credit) [£]',
      'Cost: total [£]',
      'Present value of the cost [£]',
    ],
    kinds: [
      'text',
      'text',
      'year',
      'count',
      'count',
      'count',
      'count',
      'share',
      'text',
      'count',
      'count',
      'count',
      'count',
      'share',
      'oneDecimal',
      ...Array.from({ length: 15 }, (): ColumnKind => 'money'),
    ],
    rows,
  };
}

export function comparisonTable(run: ScenarioRun): ExportTable {
  const figures: [string, string, (o: ScenarioRun['baseline']) => number][] = [
    ['Bed gap in the final year', 'beds', (o) => o.totals.finalYearGap],
    ['Bed gap summed over the years', 'bed-years', (o) => o.totals.gap],
    ['Placed in own LA', 'child-years', (o) => o.totals.placedOwnLa],
    ['Placed elsewhere in consortium', 'child-years', (o) => o.totals.placedElsewhereInConsortium],
    ['Placed outside consortium', 'child-years', (o) => o.totals.placedOutside],
    ['Placed more than 20 miles away', 'share', (o) => o.totals.over20MilesShare],
    ['Expected missing incidents', 'incidents', (o) => o.totals.expectedMissingIncidents],
    ['Total cost', '£', (o) => o.totals.cost.total],
    ['Cost: travel and staff time by distance', '£', (o) => o.totals.cost.travel],
    ['Cost: missing incidents (public cost)', '£', (o) => o.totals.cost.missingEpisodes],
    ['Residual value of new homes at the horizon (credit)', '£', (o) => o.totals.cost.residualValue],
    ['Net present value of the cost', '£', (o) => o.npv.total],
    ['Net present value of the residual value (credit)', '£', (o) => o.npv.residualValue],
  ];
  const rows: CellValue[][] = [];
  for (const o of run.outcomes) {
    for (const [label, unit, value] of figures) {
      rows.push([o.scenario.name, label, unit, value(o), value(run.baseline), value(o) - value(run.baseline)]);
    }
    // Each block contract: its weekly price and the price at which its net present cost equals the baseline's.
    const difference = run.comparison.scenarios.find((d) => d.id === o.scenario.id);
    for (const e of difference?.breakEven ?? []) {
      rows.push([o.scenario.name, `Block contract weekly price: ${e.label}`, '£ per week', e.weeklyPrice, null, null]);
      rows.push([
        o.scenario.name,
        `Block contract break-even price${e.exact ? '' : ' (lower bound)'}: ${e.label}`,
        '£ per week',
        e.breakEvenWeeklyPrice,
        null,
        e.breakEvenWeeklyPrice - e.weeklyPrice,
      ]);
    }
  }
  return {
    name: 'Comparison',
    title: `${run.baseline.years.length}-year totals of each scenario against the baseline (${financialYearSpan(run.baseline.years.map((y) => y.year))}); each block contract's break-even is the weekly price at which the scenario's net present cost equals the baseline's (its difference: break-even less the contract price)`,
    header: ['Scenario', 'Figure', 'Unit', 'Scenario value', 'Baseline value', 'Difference from baseline'],
    kinds: [
      'text',
      'text',
      'text',
      ...Array.from({ length: 3 }, () => (row: readonly CellValue[]) => kindOfUnit(String(row[2]))),
    ],
    rows,
  };
}
