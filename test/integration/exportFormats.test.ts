/**
 * The workbook as a finance officer opens it: read back with read-excel-file (numbers are numbers,
 * years are numbers) and, since read-excel-file does not report formats, its styles and sheet XML
 * read from the zip: counts whole, rates to one decimal place, money in £, shares as %, sized
 * columns and a frozen header row. The CSV files keep what the workbook shows.
 */
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { writeCsvFolder, writeWorkbook } from '../../electron/services/exportService.js';
import { csvField, kindOfUnit, withUnit, yearCell } from '../../electron/services/exportTables/index.js';
import { parseCsv } from '#shared/import/csv.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let file: string;
let sheets: Awaited<ReturnType<typeof readExcelFile>>;
let zip: Record<string, Uint8Array>;

const unescape = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The sheet's XML by its name, through workbook.xml and its relationships. */
function sheetXml(name: string): string {
  const workbook = strFromU8(zip['xl/workbook.xml'] ?? new Uint8Array());
  const rels = strFromU8(zip['xl/_rels/workbook.xml.rels'] ?? new Uint8Array());
  const sheet = [...workbook.matchAll(/<sheet [^>]*>/g)].map((m) => m[0]).find((t) => t.includes(`name="${name}"`));
  const id = /r:id="([^"]+)"/.exec(sheet ?? '')?.[1];
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
  const xml = zip[`xl/${target}`];
  if (!xml) throw new Error(`no sheet ${name}`);
  return strFromU8(xml);
}

/** The number format code of a cell (e.g. "C2"), or null for General. */
function formatOf(sheet: string, ref: string): string | null {
  const styles = strFromU8(zip['xl/styles.xml'] ?? new Uint8Array());
  const codes = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"\/>/g)].map((m) => [m[1], unescape(m[2] ?? '')]),
  );
  const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? '').matchAll(/<xf\b([^>]*)>/g)].map(
    (m) => /numFmtId="(\d+)"/.exec(m[1] ?? '')?.[1] ?? '0',
  );
  const cell = new RegExp(`<c [^>]*r="${ref}"[^>]*>`).exec(sheetXml(sheet))?.[0];
  if (!cell) throw new Error(`no cell ${sheet}!${ref}`);
  const style = Number(/ s="(\d+)"/.exec(cell)?.[1] ?? 0);
  const id = xfs[style] ?? '0';
  return id === '0' ? null : (codes.get(id) ?? `built-in ${id}`);
}

/** "A".."Z", "AA".. for a 0-based column. */
const col = (i: number): string => (i < 26 ? String.fromCharCode(65 + i) : col(Math.floor(i / 26) - 1) + col(i % 26));

function columnOf(sheet: string, header: string): number {
  const head = (sheets.find((s) => s.sheet === sheet)?.data[0] ?? []) as string[];
  const i = head.indexOf(header);
  if (i < 0) throw new Error(`${sheet} has no column "${header}": ${head.join(' | ')}`);
  return i;
}

/** The first data row (1-based sheet row) whose first cell is `first`. */
function rowOf(sheet: string, first: string): number {
  const data = sheets.find((s) => s.sheet === sheet)?.data ?? [];
  const i = data.findIndex((r, k) => k > 0 && r[0] === first);
  if (i < 0) throw new Error(`${sheet} has no row for ${first}`);
  return i + 1;
}

beforeAll(async () => {
  tmp = makeTempDir('planner-export-formats-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
  file = await writeWorkbook(context.plans, context.imports, path.join(tmp.dir, 'gm.xlsx'));
  sheets = await readExcelFile(fs.readFileSync(file));
  zip = unzipSync(new Uint8Array(fs.readFileSync(file)));
}, 60_000);

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

describe('workbook number formats', () => {
  it('gives years as numbers and counts as whole numbers with thousands separators', () => {
    const projection = sheets.find((s) => s.sheet === 'Projection')?.data ?? [];
    const year = columnOf('Projection', 'Year ending 31 March');
    const beds = columnOf('Projection', 'Beds needed P50');
    const row = rowOf('Projection', 'Greater Manchester');
    expect(typeof projection[row - 1]?.[year]).toBe('number');
    expect(projection[row - 1]?.[year]).toBe(2026);
    expect(formatOf('Projection', `${col(year)}${row}`)).toBe('0');
    // the value keeps its precision; the format shows it whole
    expect(formatOf('Projection', `${col(beds)}${row}`)).toBe('#,##0');
    expect(formatOf('Projection', `${col(columnOf('Projection', 'Registered places'))}${row}`)).toBe('#,##0');
    const history = sheets.find((s) => s.sheet === 'History')?.data ?? [];
    expect(history.slice(1).some((r) => typeof r[3] === 'number' && r[3] > 2000)).toBe(true);
    expect(history.slice(1).every((r) => typeof r[3] === 'number' || !/^\d{4}$/.test(String(r[3])))).toBe(true);
  });

  it('shows rates to one decimal place, money in pounds and shares as percentages', () => {
    const rateHeader = (sheets.find((s) => s.sheet === 'Data by LA')?.data[0] as string[]).find((h) =>
      h.startsWith('Rate per 10,000 children'),
    );
    expect(rateHeader).toBeDefined();
    const manchester = rowOf('Data by LA', 'Manchester');
    expect(formatOf('Data by LA', `${col(columnOf('Data by LA', rateHeader ?? ''))}${manchester}`)).toBe('#,##0.0');

    const baseline = rowOf('Scenarios', 'Baseline');
    expect(formatOf('Scenarios', `${col(columnOf('Scenarios', 'Cost: total [£]'))}${baseline}`)).toBe('"£"#,##0');
    expect(
      formatOf('Scenarios', `${col(columnOf('Scenarios', 'Placed more than 20 miles away [share]'))}${baseline}`),
    ).toBe('0.0%');
    expect(formatOf('Scenarios', `${col(columnOf('Scenarios', 'Expected missing incidents'))}${baseline}`)).toBe(
      '#,##0.0',
    );
    // the comparison's rows have their own units: money in £, a share as %
    const comparison = sheets.find((s) => s.sheet === 'Comparison')?.data ?? [];
    const costRow = comparison.findIndex((r) => r[1] === 'Total cost') + 1;
    const shareRow = comparison.findIndex((r) => r[1] === 'Placed more than 20 miles away') + 1;
    expect(formatOf('Comparison', `D${costRow}`)).toBe('"£"#,##0');
    expect(formatOf('Comparison', `F${costRow}`)).toBe('"£"#,##0');
    expect(formatOf('Comparison', `D${shareRow}`)).toBe('0.0%');
    // text stays General
    expect(formatOf('Projection', `A2`)).toBeNull();
  });

  it('freezes the header row and sizes columns to their contents', () => {
    for (const name of ['Projection', 'Scenarios', 'History', 'Sources']) {
      const xml = sheetXml(name);
      expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      const widths = [...xml.matchAll(/<col [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(widths.length).toBe((sheets.find((s) => s.sheet === name)?.data[0] ?? []).length);
      expect(new Set(widths).size).toBeGreaterThan(1);
      expect(Math.max(...widths)).toBeLessThanOrEqual(62);
    }
    // a Sources title is long: its column is wider than a code's
    const sources = sheetXml('Sources');
    const width = (n: number) => Number(new RegExp(`<col min="${n}" max="${n}" width="([\\d.]+)"`).exec(sources)?.[1]);
    expect(width(2)).toBeGreaterThan(width(1));
  });

  it('lists each sheet with its title on the About sheet', () => {
    const about = sheets.find((s) => s.sheet === 'About')?.data ?? [];
    const projection = about.find((r) => r[0] === 'Projection' && String(r[1]).startsWith('Bed need by year'));
    expect(String(projection?.[1])).toContain('rate-based method');
  });
});

describe('costs that value locality, read back from the workbook', () => {
  const costColumns = [
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
  ];

  it('gives travel and staff time, missing incidents and residual value in £, the parts adding up to the total', async () => {
    const data = sheets.find((s) => s.sheet === 'Scenarios')?.data ?? [];
    const total = columnOf('Scenarios', 'Cost: total [£]');
    const columns = costColumns.map((h) => columnOf('Scenarios', h));
    const baseline = rowOf('Scenarios', 'Baseline');
    for (const c of columns) expect(formatOf('Scenarios', `${col(c)}${baseline}`)).toBe('"£"#,##0');
    for (const row of data.slice(1)) {
      for (const c of columns) expect(typeof row[c]).toBe('number');
      const parts = columns.reduce((t, c) => t + Number(row[c]), 0);
      expect(parts).toBeCloseTo(Number(row[total]), 0);
    }
    // Distance costs money in every year; the homes' capital leaves a credit in the last year only.
    const travel = columnOf('Scenarios', 'Cost: travel and staff time by distance [£]');
    const missing = columnOf('Scenarios', 'Cost: missing incidents (public cost) [£]');
    expect(data.slice(1).every((r) => Number(r[travel]) > 0 && Number(r[missing]) > 0)).toBe(true);
    const residual = columnOf('Scenarios', 'Residual value of new homes at the horizon (credit) [£]');
    const homes = data.slice(1).filter((r) => String(r[0]).startsWith('Two consortium homes'));
    expect(homes.slice(0, -1).every((r) => r[residual] === 0)).toBe(true);
    expect(Number(homes.at(-1)?.[residual])).toBeLessThan(0);

    // The same figures as the host's own run of the scenarios.
    const run = await context.handlers.runScenarios({
      ids: (await context.handlers.listScenarios({})).filter((s) => s.editable).map((s) => s.id),
    });
    const modelHomes = run.outcomes.find((o) => o.scenario.name.startsWith('Two consortium homes'))!;
    expect(Number(homes.at(-1)?.[residual])).toBeCloseTo(modelHomes.years.at(-1)!.cost.residualValue, 0);
    expect(Number(homes[0]?.[travel])).toBeCloseTo(modelHomes.years[0]!.cost.travel, 0);
  });

  it('gives each block contract’s weekly price and break-even in the Comparison sheet, in £ a week', async () => {
    const comparison = sheets.find((s) => s.sheet === 'Comparison')?.data ?? [];
    const priceRow = comparison.findIndex((r) => String(r[1]).startsWith('Block contract weekly price: '));
    const breakEvenRow = comparison.findIndex((r) => String(r[1]).startsWith('Block contract break-even price'));
    expect(priceRow).toBeGreaterThan(0);
    expect(breakEvenRow).toBeGreaterThan(0);
    const row = comparison[breakEvenRow]!;
    expect(row[0]).toBe('Joint block contract, 12 beds');
    expect(row[2]).toBe('£ per week');
    expect(typeof row[3]).toBe('number');
    expect(row[4]).toBeNull();
    expect(Number(row[5])).toBeCloseTo(Number(row[3]) - Number(comparison[priceRow]![3]), 6);
    expect(formatOf('Comparison', `D${breakEvenRow + 1}`)).toBe('"£"#,##0.00');
    const run = await context.handlers.runScenarios({
      ids: (await context.handlers.listScenarios({})).filter((s) => s.editable).map((s) => s.id),
    });
    const expected = run.comparison.scenarios.find((d) => d.name === 'Joint block contract, 12 beds')!.breakEven[0]!;
    expect(Number(row[3])).toBeCloseTo(expected.breakEvenWeeklyPrice, 6);
    expect(comparison[priceRow]![3]).toBe(expected.weeklyPrice);
    // Only scenarios with a block contract have the rows.
    expect(
      comparison.some((r) => String(r[0]).startsWith('Two consortium homes') && String(r[1]).startsWith('Block')),
    ).toBe(false);
    for (const figure of [
      'Cost: travel and staff time by distance',
      'Cost: missing incidents (public cost)',
      'Residual value of new homes at the horizon (credit)',
    ]) {
      const i = comparison.findIndex((r) => r[1] === figure);
      expect(i, figure).toBeGreaterThan(0);
      expect(formatOf('Comparison', `D${i + 1}`)).toBe('"£"#,##0');
    }
  });
});

describe('CSV files keep what the workbook shows', () => {
  it('writes counts whole, shares as fractions to 0.1% and years as numbers', () => {
    const files = writeCsvFolder(context.plans, context.imports, path.join(tmp.dir, 'csv'));
    const rows = parseCsv(fs.readFileSync(files.find((f) => f.endsWith('projection.csv')) ?? '', 'utf8'));
    const header = rows[0] ?? [];
    const gm = rows.find((r) => r[0] === 'Greater Manchester');
    expect(gm?.[header.indexOf('Year ending 31 March')]).toBe('2026');
    expect(gm?.[header.indexOf('Beds needed P50')]).toMatch(/^-?\d+$/);
    const scenarios = parseCsv(fs.readFileSync(files.find((f) => f.endsWith('scenarios.csv')) ?? '', 'utf8'));
    const share = scenarios[1]?.[(scenarios[0] ?? []).indexOf('Placed more than 20 miles away [share]')] ?? '';
    expect(share).toMatch(/^(0|1|0\.\d{1,3})$/);
    // money to the pound, as the workbook shows it
    const travel = scenarios[1]?.[(scenarios[0] ?? []).indexOf('Cost: travel and staff time by distance [£]')] ?? '';
    expect(travel).toMatch(/^\d+$/);
  });

  it('rounds by column kind, and never writes -0', () => {
    expect(csvField(898.8235294117648, 'count')).toBe('899');
    expect(csvField(499.59999999999997, 'count')).toBe('500');
    expect(csvField(61.04999, 'oneDecimal')).toBe('61');
    expect(csvField(61.25, 'oneDecimal')).toBe('61.3');
    expect(csvField(0.15349, 'share')).toBe('0.153');
    expect(csvField(-0.2, 'count')).toBe('0');
    expect(csvField(1234567.891, 'money')).toBe('1234568');
    expect(csvField(12.345, 'general')).toBe('12.345');
  });
});

describe('the exportPlan call (File › Export and the Report view)', () => {
  it('writes the tables with the scenarios chosen, as the CLI does', async () => {
    const [first, second] = (await context.handlers.listScenarios({})).filter((s) => s.editable);
    expect(second).toBeDefined();
    const folder = path.join(tmp.dir, 'chosen-csv');
    const { files } = await context.handlers.exportPlan({ format: 'csv', path: folder, scenarios: [second?.id ?? ''] });
    expect(files.every((f) => path.dirname(f) === folder)).toBe(true);
    const rows = parseCsv(fs.readFileSync(files.find((f) => f.endsWith('scenarios.csv')) ?? '', 'utf8'));
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(['Baseline', second?.name]));
    expect(rows.some((r) => r[0] === first?.name)).toBe(false);
    const { files: workbook } = await context.handlers.exportPlan({ format: 'xlsx', path: path.join(tmp.dir, 'b') });
    expect(workbook).toEqual([path.join(tmp.dir, 'b.xlsx')]);
  });
});

describe('column headings and kinds', () => {
  it('states a unit once', () => {
    expect(withUnit('Registered places', 'places')).toBe('Registered places');
    expect(withUnit('Beds needed P50', 'beds')).toBe('Beds needed P50');
    expect(withUnit('Children looked after (2025)', 'children')).toBe('Children looked after (2025)');
    expect(withUnit("In secure or children's homes (2025)", 'children')).toBe(
      "In secure or children's homes (2025) [children]",
    );
    expect(withUnit('Placed outside LA boundary (2025)', 'children')).toBe(
      'Placed outside LA boundary (2025) [children]',
    );
  });

  it('reads kinds from units and years from periods', () => {
    expect(kindOfUnit('per 10,000 children')).toBe('oneDecimal');
    expect(kindOfUnit('share of places')).toBe('share');
    expect(kindOfUnit('£ per week')).toBe('price');
    expect(kindOfUnit('£')).toBe('money');
    expect(kindOfUnit('children')).toBe('count');
    expect(kindOfUnit('weeks')).toBe('general');
    expect(yearCell('2026')).toBe(2026);
    expect(yearCell('2024-25')).toBe('2024-25');
  });
});
