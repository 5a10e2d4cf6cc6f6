import fs from 'node:fs';
import path from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { writeCsvFolder, writeWorkbook } from '../../electron/services/exportService.js';
import { chanceCells } from '../../electron/services/exportTables/index.js';
import { runProjection } from '../../electron/services/projectionService.js';
import { parseCsv } from '#shared/import/csv.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-export-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

describe('workbook export', () => {
  it('round-trips: reopened, its numbers equal the model’s, as numbers not text', async () => {
    const file = await writeWorkbook(context.plans, context.imports, path.join(tmp.dir, 'gm'));
    expect(file.endsWith('gm.xlsx')).toBe(true);
    const sheets = await readExcelFile(fs.readFileSync(file));
    expect(sheets.map((s) => s.sheet)).toEqual([
      'About',
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
    const scenarioRows = sheets.find((s) => s.sheet === 'Scenarios')?.data ?? [];
    expect(new Set(scenarioRows.slice(1).map((r) => r[0]))).toEqual(
      new Set(['Baseline', 'Joint block contract, 12 beds', 'Two consortium homes in Trafford from 2026-27']),
    );
    const comparison = sheets.find((s) => s.sheet === 'Comparison')?.data ?? [];
    const cost = comparison.find((r) => r[0] === 'Joint block contract, 12 beds' && r[1] === 'Total cost');
    expect(typeof cost?.[5]).toBe('number');
    expect(cost?.[5]).toBeCloseTo(Number(cost?.[3]) - Number(cost?.[4]), 0);

    const data = sheets.find((s) => s.sheet === 'Data by LA')?.data ?? [];
    const header = data[0] as string[];
    const claColumn = header.findIndex((h) => h.startsWith('Children looked after (2025)'));
    expect(header[claColumn]).toBe('Children looked after (2025)');
    const manchester = data.find((r) => r[0] === 'Manchester');
    expect(manchester?.[claColumn]).toBe(1280);
    const total = data.find((r) => String(r[0]).includes('consortium total'));
    expect(total?.[claColumn]).toBe(6119);

    const model = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 1000, seed: 1 });
    const projection = sheets.find((s) => s.sheet === 'Projection')?.data ?? [];
    const p50Column = (projection[0] as string[]).indexOf('Beds needed P50');
    const row = projection.find((r) => r[0] === 'Greater Manchester' && r[2] === 2026);
    expect(typeof row?.[p50Column]).toBe('number');
    expect(row?.[p50Column]).toBeCloseTo(model.projection.consortium.years[0]?.bedsNeeded.p50 ?? NaN, 6);
    // The chance of being short is a share only where it carries information; else blank, with words.
    const projectionHeader = projection[0] as string[];
    const share = row?.[projectionHeader.indexOf('Probability need exceeds accessible places [share]')];
    const asRead = String(row?.[projectionHeader.indexOf('Chance of being short (as read)')]);
    if (model.projection.consortium.years[0]?.probabilityInformative === false) {
      expect(share ?? null).toBeNull();
      expect(asRead).toMatch(/^(near certain \(>99%\)|very unlikely \(<1%\))$/);
    } else {
      expect(typeof share).toBe('number');
      expect(asRead).toMatch(/^\d+%$/);
    }

    const sources = sheets.find((s) => s.sheet === 'Sources')?.data ?? [];
    expect(sources.some((r) => String(r[8]).startsWith('Yes'))).toBe(true); // illustrative sources are marked
  });

  it('exports a plan with missing data, saying what is missing rather than failing', async () => {
    context.plans.setMembership(['E06000017']); // Rutland: its children's homes figures are all suppressed (c)
    const file = await writeWorkbook(context.plans, context.imports, path.join(tmp.dir, 'partial.xlsx'));
    const sheets = await readExcelFile(fs.readFileSync(file));
    const about = sheets.find((s) => s.sheet === 'About')?.data ?? [];
    expect(about.find((r) => r[0] === 'Projection')?.[1]).toMatch(/^Not available: /);
    expect(sheets.find((s) => s.sheet === 'Missing data')?.data.length).toBeGreaterThan(1);
  });
});

describe('CSV export', () => {
  it('writes one CSV per table that parses back to the same rows', () => {
    const files = writeCsvFolder(context.plans, context.imports, path.join(tmp.dir, 'csv'));
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(['data-by-la.csv', 'projection.csv', 'assumptions.csv', 'sources.csv']),
    );
    const rows = parseCsv(fs.readFileSync(files.find((f) => f.endsWith('data-by-la.csv')) ?? '', 'utf8'));
    expect(rows[0]?.[0]).toBe('Area');
    expect(rows.filter((r) => r[3] === 'Member')).toHaveLength(10);
  });

  it('CLI export --format xlsx writes the workbook; bad options exit with usage', async () => {
    let out = '';
    const code = await runCli(['export', '--format', 'xlsx', '--out', path.join(tmp.dir, 'cli.xlsx')], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    expect(out).toContain('cli.xlsx');
    let err = '';
    expect(
      await runCli(['export', '--format', 'pdfx', '--out', 'x'], {
        stdout: () => undefined,
        stderr: (t) => (err += t),
      }),
    ).toBe(2);
    expect(err).toContain('--format xlsx or --format csv');
  });
});

describe('chance in exports', () => {
  it('gives a share only between 1% and 99%, else words', () => {
    expect(chanceCells(0.37)).toEqual([0.37, '37%']);
    expect(chanceCells(0.995)).toEqual([null, 'near certain (>99%)']);
    expect(chanceCells(0)).toEqual([null, 'very unlikely (<1%)']);
    expect(chanceCells(0.992, false)).toEqual([null, 'near certain (>99%)']);
    expect(chanceCells(0.0104, true)).toEqual([0.0104, '1%']);
  });
});
