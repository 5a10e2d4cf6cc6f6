/**
 * Exports for bids and analysis: an XLSX workbook (one sheet per table, real numbers with number
 * formats by column kind, years as numbers, columns sized to their contents, units in the headers,
 * frozen header rows) and the same tables as CSV files, one file per table in a folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import { PlannerError } from '#shared/api/errors.js';
import { APP_NAME, APP_VERSION } from './coreContext.js';
import {
  assumptionsTable,
  backtestTable,
  comparisonTable,
  scenariosTable,
  dataByLaTable,
  gapsTable,
  historyTable,
  projectionTable,
  sourcesTable,
  cellKind,
  NUMBER_FORMATS,
  toCsv,
  type CellValue,
  type ColumnKind,
  type ExportTable,
} from './exportTables/index.js';
import type { ImportService } from './importService.js';
import type { PlanService } from './planService.js';
import { runProjection } from './projectionService.js';
import { listScenarios, runScenarios } from './scenarioService.js';

export function planTables(
  plans: PlanService,
  imports: ImportService,
  scenarioNames: readonly string[] = [],
): { tables: ExportTable[]; about: [string, string][] } {
  const summary = plans.summary();
  const state = plans.currentState();
  let projection = null;
  let projectionProblem: string | null = null;
  try {
    // The plan's own simulations and seed, as every view uses them: one set of figures everywhere.
    projection = runProjection(plans, { method: 'rate', withBacktest: true });
  } catch (error) {
    projectionProblem = (error as Error).message;
  }
  // Scenarios: the ones named, or every scenario in the plan (at most four), against the baseline.
  let scenarios: ReturnType<typeof runScenarios> | null = null;
  let scenarioProblem: string | null = null;
  const stored = listScenarios(plans).filter((s) => s.editable);
  const chosen = scenarioNames.length
    ? scenarioNames.map((name) => {
        const found = stored.find((s) => s.name === name || s.id === name);
        if (!found) throw new PlannerError('NOT_FOUND', `There is no scenario called “${name}” in this plan.`);
        return found.id;
      })
    : stored.slice(0, 4).map((s) => s.id);
  if (projection) {
    try {
      scenarios = runScenarios(plans, { ids: chosen });
    } catch (error) {
      scenarioProblem = (error as Error).message;
    }
  }
  const tables = [
    dataByLaTable(summary),
    ...(projection ? [projectionTable(projection)] : []),
    ...(projection ? [backtestTable(projection)].filter((t): t is ExportTable => t !== null) : []),
    ...(scenarios
      ? [scenariosTable(scenarios), ...(scenarios.outcomes.length ? [comparisonTable(scenarios)] : [])]
      : []),
    assumptionsTable(summary, projection),
    historyTable(summary),
    sourcesTable(summary, imports.log()),
    gapsTable(summary),
  ];
  const vintages = summary.sources
    .filter((s) => !s.illustrative)
    .map((s) => `${s.publisher}: ${s.title} (${s.period})`)
    .join('; ');
  const about: [string, string][] = [
    ['Plan', state.name],
    ['Plan file', state.path ?? 'Not saved yet'],
    [
      'Consortium',
      `${summary.consortium.name} (${summary.consortium.memberCount} authorities: ${summary.authorities.map((a) => a.name).join(', ')})`,
    ],
    ['Exported', new Date().toISOString()],
    ['Exported by', `${APP_NAME} ${APP_VERSION}`],
    ['Data vintages', vintages],
    [
      'Illustrative values',
      summary.sources.some((s) => s.illustrative)
        ? 'Some values are illustrative (generated, not published): see the Sources sheet.'
        : 'None',
    ],
    [
      'Projection',
      projection
        ? `Rate-based, ${projection.projection.simulations.toLocaleString('en-GB')} simulations, seed ${projection.projection.seed}`
        : `Not available: ${projectionProblem ?? 'no projection'}`,
    ],
    [
      'Scenarios',
      scenarios
        ? `Baseline and ${scenarios.outcomes.map((o) => `${o.scenario.name}${o.scenario.illustrative ? ' (illustrative)' : ''}`).join('; ') || 'no other scenario'}: the projection's ${projection?.projection.simulations.toLocaleString('en-GB') ?? ''} demand simulations, seed ${projection?.projection.seed ?? ''}`
        : `Not available: ${scenarioProblem ?? projectionProblem ?? 'no projection'}`,
    ],
    ['Missing data', summary.gaps.map((g) => g.message).join(' ') || 'None'],
  ];
  return { tables, about };
}

/** Roughly how a cell shows in the workbook, for sizing its column. */
function shownText(value: CellValue, kind: ColumnKind): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  const fixed = (digits: number, x = value) =>
    x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  switch (kind) {
    case 'year':
      return String(value);
    case 'count':
      return fixed(0);
    case 'oneDecimal':
      return fixed(1);
    case 'money':
      return `£${fixed(0)}`;
    case 'price':
      return `£${fixed(2)}`;
    case 'share':
      return `${fixed(1, value * 100)}%`;
    case 'ratio':
      return fixed(2);
    default:
      return String(value);
  }
}

/**
 * Column widths in characters: wide enough for the longest cell as shown (headers wrap, so a
 * header needs only its longest word and about a third of its length), within 8 to 60.
 */
export function columnWidths(table: ExportTable): number[] {
  return table.header.map((h, c) => {
    const headerNeed = Math.max(...h.split(/\s+/).map((w) => w.length), Math.ceil(h.length / 3));
    let cellNeed = 0;
    for (const row of table.rows)
      cellNeed = Math.max(cellNeed, shownText(row[c] ?? null, cellKind(table, row, c)).length);
    return Math.min(60, Math.max(8, headerNeed, cellNeed) + 2);
  });
}

/** One workbook cell: numbers typed and formatted by the column's kind, long text wrapped. */
function workbookCell(value: CellValue, kind: ColumnKind) {
  if (value === null) return null;
  if (typeof value === 'number') {
    const format = NUMBER_FORMATS[kind];
    return { value, type: Number, ...(format ? { format } : {}) };
  }
  return { value, type: String, ...(value.length > 60 ? { wrap: true } : {}) };
}

export async function writeWorkbook(
  plans: PlanService,
  imports: ImportService,
  filePath: string,
  scenarioNames: readonly string[] = [],
): Promise<string> {
  const target = filePath.toLowerCase().endsWith('.xlsx') ? filePath : `${filePath}.xlsx`;
  const { tables, about } = planTables(plans, imports, scenarioNames);
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const sheets = [
    {
      sheet: 'About',
      data: [
        [bold(`${APP_NAME}: ${about[0]?.[1] ?? ''}`)],
        [],
        ...about.map(([k, v]) => [bold(k), { value: v, wrap: true }]),
        [],
        [bold('Sheets')],
        ...tables.map((t) => [{ value: t.name.slice(0, 31) }, { value: t.title, wrap: true }]),
      ],
      columns: [{ width: 22 }, { width: 110 }],
    },
    ...tables.map((t) => ({
      sheet: t.name.slice(0, 31),
      data: [
        t.header.map((h) => ({ ...bold(h), wrap: true })),
        ...t.rows.map((r) => r.map((v, c) => workbookCell(v, cellKind(t, r, c)))),
      ],
      columns: columnWidths(t).map((width) => ({ width })),
      stickyRowsCount: 1,
    })),
  ];
  try {
    const buffer = await writeExcelFile(sheets).toBuffer();
    const tmp = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, buffer);
    fs.renameSync(tmp, target);
  } catch (error) {
    throw new PlannerError('IO_ERROR', `Could not write ${target}: ${(error as Error).message}`);
  }
  return target;
}

export function writeCsvFolder(
  plans: PlanService,
  imports: ImportService,
  folder: string,
  scenarioNames: readonly string[] = [],
): string[] {
  const { tables } = planTables(plans, imports, scenarioNames);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw new PlannerError('IO_ERROR', `Could not create ${folder}: ${(error as Error).message}`);
  }
  return tables.map((t) => {
    const file = path.join(folder, `${t.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.csv`);
    fs.writeFileSync(file, toCsv(t));
    return file;
  });
}
