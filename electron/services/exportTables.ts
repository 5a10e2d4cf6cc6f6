/**
 * The plan's tables for export (workbook sheets and CSV files): real numbers, units in the headers,
 * and every figure's source. One definition serves XLSX and CSV.
 */
import type { CallResults, ImportLogEntry } from '../../shared/api/contract.js';
import { probabilityWords } from '../../shared/forecast/beds.js';
import { measures } from '../../shared/model/measures.js';
import type { PlanSummary } from '../../shared/model/summary.js';

export type CellValue = string | number | null;

export interface ExportTable {
  /** Sheet name (≤ 31 characters) and CSV file stem. */
  name: string;
  title: string;
  header: string[];
  rows: CellValue[][];
}

const unitLabel = (measure: keyof typeof measures) => measures[measure].unit;

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
    ...headline.map((f) => `${measures[f.measure].label} (${f.period}) [${unitLabel(f.measure)}]`),
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
          measure,
          p.period,
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
    header: ['Area', 'ONS code', 'Measure', 'Measure id', 'Period', 'Value', 'Unit', 'Suppression code', 'Source id'],
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
        y.year,
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
    title: `Bed need by year ending 31 March (${projection.method} method, ${projection.simulations} simulations, seed ${projection.seed}). The probability is given only between 1% and 99% (else blank, with words beside it) and rests on ${chanceBasis(projection.assumptions)}`,
    header: [
      'Area',
      'Code',
      'Year ending 31 March',
      'Demand P10 [children]',
      'Demand P50 [children]',
      'Demand P90 [children]',
      'Beds needed P10 [beds]',
      'Beds needed P50 [beds]',
      'Beds needed P90 [beds]',
      'Registered places [places]',
      'Accessible places [places]',
      'Gap P10 [beds]',
      'Gap P50 [beds]',
      'Gap P90 [beds]',
      'Probability need exceeds accessible places [share]',
      'Chance of being short (as read)',
    ],
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
  add('Authorities', result.projection.method, b.horizons);
  add('Authorities', 'last value', b.baselines.lastValue);
  add('Authorities', 'linear trend', b.baselines.linearTrend);
  add('Consortium', result.projection.method, b.consortium.method);
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
    rows,
  };
}

export function assumptionsTable(summary: PlanSummary, result: CallResults['getProjection'] | null): ExportTable {
  const rows: CellValue[][] = summary.assumptions.map((a) => [
    a.label,
    a.key,
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
    rows.push([a.label, a.key, a.value, a.unit, a.rationale, a.source, null, null, 'Projection']);
  }
  return {
    name: 'Assumptions',
    title: 'The assumption register and the projection’s assumptions',
    header: ['Assumption', 'Key', 'Value', 'Unit', 'Rationale', 'Source id', 'Changed by', 'Changed at', 'Where'],
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
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : csvField(String(value));
  const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;
  if (isFormulaLike(value)) return quoted(`'${value}`);
  return /[",;\t\r\n]/.test(value) ? quoted(value) : value;
}

/** RFC 4180 CSV with a UTF-8 BOM so spreadsheet programs read £ and ’ correctly; inert (see {@link csvField}). */
export function toCsv(table: ExportTable): string {
  return `\uFEFF${[table.header, ...table.rows].map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
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
        y.year,
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
        c.blockContracts,
        c.voids,
        c.capital,
        c.total,
        y.presentValue,
      ]);
    }
  }
  return {
    name: 'Scenarios',
    title: `Each scenario by year ending 31 March (median demand; percentiles in the app and the report). The probability the gap is closed is given only between 1% and 99% (else blank, with words beside it) and rests on ${chanceBasis(run.baseline.assumptions)}`,
    header: [
      'Scenario',
      'Illustrative',
      'Year ending 31 March',
      'Children needing a place [children]',
      'Beds needed [beds]',
      'Accessible places [places]',
      'Gap [beds]',
      'Probability the gap is closed [share]',
      'Chance the gap is closed (as read)',
      'Placed in own LA [children]',
      'Placed elsewhere in consortium [children]',
      'Placed outside consortium [children]',
      'Without a place [children]',
      'Placed more than 20 miles away [share]',
      'Expected missing incidents [incidents]',
      'Cost: LA-run homes [£]',
      'Cost: private homes in members [£]',
      'Cost: voluntary homes in members [£]',
      'Cost: outside the consortium [£]',
      'Cost: block contracts in use [£]',
      'Cost: voids [£]',
      'Cost: capital [£]',
      'Cost: total [£]',
      'Present value of the cost [£]',
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
    ['Net present value of the cost', '£', (o) => o.npv.total],
  ];
  const rows: CellValue[][] = [];
  for (const o of run.outcomes) {
    for (const [label, unit, value] of figures) {
      rows.push([o.scenario.name, label, unit, value(o), value(run.baseline), value(o) - value(run.baseline)]);
    }
  }
  return {
    name: 'Comparison',
    title: `${run.baseline.years.length}-year totals of each scenario against the baseline (${run.baseline.years[0]?.year ?? ''}–${run.baseline.years.at(-1)?.year ?? ''})`,
    header: ['Scenario', 'Figure', 'Unit', 'Scenario value', 'Baseline value', 'Difference from baseline'],
    rows,
  };
}
