import path from 'node:path';
import writeExcelFile from 'write-excel-file/node';
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { authorityLookup } from '../../electron/services/reference.js';
import { readSupplyChanges } from '../../electron/store/planData.js';
import { README_SHEET, TEMPLATE_MARKER, parseTemplate, templateSheets } from '#shared/import/template.js';
import type { RawTable } from '#shared/import/table.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-template-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const sheet = (name: string, rows: string[][]): RawTable => ({ sheetName: name, rows });
const headers = templateSheets.map((s) => s.columns.map((c) => c.name));

describe('data template parser', () => {
  it('reads flows, unit costs and supply changes by code or name, and names each problem by row and column', () => {
    const result = parseTemplate(
      'local.xlsx',
      [
        sheet(README_SHEET, [[TEMPLATE_MARKER]]),
        sheet('Placement flows', [
          headers[0] ?? [],
          ['E08000001', 'Bury', '2025', '4'],
          ['Bolton', 'OUTSIDE', '2025', '9'],
          ['Bolton', 'outside', '2025', '1'],
          ['Atlantis', 'Bury', '2025', '3'],
          ['Bolton', 'Bury', '25', '-2'],
        ]),
        sheet('Unit costs', [
          headers[1] ?? [],
          ['childrensHome', 'Private', '2024-25', '£6,400'],
          ['childrensHome', 'Private', '2024-26', '300000'],
        ]),
        sheet('Supply changes', [
          headers[2] ?? [],
          ['Trafford', '2027', 'Local Authority', 'childrensHome', '+4', 'New home'],
          ['Wigan', '2026', 'Private', 'childrensHome', '0', ''],
        ]),
      ],
      authorityLookup,
      'src',
    );
    expect(result.flows).toEqual([
      { placingArea: 'E08000001', hostArea: 'E08000002', period: '2025', children: 4, source: 'src' },
      { placingArea: 'E08000001', hostArea: 'OUTSIDE', period: '2025', children: 9, source: 'src' },
    ]);
    expect(result.unitCosts).toEqual([
      { placementType: 'childrensHome', sector: 'Private', priceYear: '2024-25', weeklyCost: 6400, source: 'src' },
    ]);
    expect(result.supplyChanges).toEqual([
      {
        area: 'E08000009',
        fromYear: '2027',
        sector: 'Local Authority',
        homeType: 'childrensHome',
        placesChange: 4,
        note: 'New home',
        source: 'src',
      },
    ]);
    const problems = result.issues.map((i) => `${i.severity} ${i.row} ${i.column}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        'error 4 null', // duplicate of row 3 (OUTSIDE in any case)
        'error 5 Placing LA',
        'error 6 Year ending 31 March',
        'error 6 Children',
        'error 3 Price year',
        'warning 3 Weekly cost (£)',
        'error 3 Change in places',
      ]),
    );
  });

  it('reports missing sheets and columns', () => {
    const result = parseTemplate(
      't.xlsx',
      [sheet(README_SHEET, [[TEMPLATE_MARKER]]), sheet('Placement flows', [['Placing LA', 'Children']])],
      authorityLookup,
      's',
    );
    const messages = result.issues.map((i) => i.message).join('\n');
    expect(messages).toContain("Column 'Host LA' is missing");
    expect(messages).toContain("The sheet 'Unit costs' is missing");
  });
});

describe('data template round trip through the app', () => {
  it('writes the plan’s values into the template, and importing it back changes no figure', async () => {
    const file = path.join(tmp.dir, 'template.xlsx');
    await context.plans.writeDataTemplate(file, true);
    const before = context.plans.mapData().flows.map((f) => [f.placingArea, f.hostArea, f.children]);
    const preview = await context.imports.preview([{ path: file }]);
    expect(preview.files[0]).toMatchObject({ kind: 'planner-template', errorCount: 0, added: 0 });
    expect(preview.files[0]?.replaced).toBeGreaterThan(100);
    context.imports.commit(preview.previewId);
    const after = context.plans.mapData().flows;
    expect(after.map((f) => [f.placingArea, f.hostArea, f.children])).toEqual(before);
    expect(new Set(after.map((f) => f.source))).toEqual(
      new Set([preview.files[0] && `import-${preview.files[0].sha256.slice(0, 16)}`]),
    );
    const source = context.plans.summary().sources.find((s) => s.id === after[0]?.source);
    expect(source).toMatchObject({ illustrative: false, publisher: 'Your consortium' });
  });

  it('imports supply changes from an edited template, replacing the earlier list', async () => {
    const write = async (rows: (string | number)[][]) => {
      const file = path.join(tmp.dir, `edited-${rows.length}.xlsx`);
      const cells = (r: (string | number)[]) => r.map((value) => ({ value }));
      fs.writeFileSync(
        file,
        await writeExcelFile([
          { sheet: README_SHEET, data: [cells([TEMPLATE_MARKER])] },
          { sheet: 'Placement flows', data: [cells(headers[0] ?? [])] },
          { sheet: 'Unit costs', data: [cells(headers[1] ?? [])] },
          { sheet: 'Supply changes', data: [cells(headers[2] ?? []), ...rows.map(cells)] },
        ]).toBuffer(),
      );
      const preview = await context.imports.preview([{ path: file }]);
      expect(preview.canCommit).toBe(true);
      context.imports.commit(preview.previewId);
    };
    await write([
      ['E08000009', '2027', 'Local Authority', 'childrensHome', 4, 'Consortium home 1'],
      ['E08000009', '2027', 'Local Authority', 'childrensHome', 4, 'Consortium home 2'],
    ]);
    expect(context.plans.read((db) => readSupplyChanges(db)).map((c) => c.note)).toEqual([
      'Consortium home 1',
      'Consortium home 2',
    ]);
    await write([['Bury', '2026', 'Private', 'childrensHome', -3, 'Closure']]);
    expect(context.plans.read((db) => readSupplyChanges(db))).toEqual([
      expect.objectContaining({ area: 'E08000002', fromYear: '2026', placesChange: -3, note: 'Closure' }),
    ]);
  });
});

describe('supply changes reach the projection', () => {
  it('a new LA-run home adds its places to registered and accessible places from its opening year', async () => {
    const { runProjection } = await import('../../electron/services/projectionService.js');
    const before = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const file = path.join(tmp.dir, 'new-home.xlsx');
    const cells = (r: (string | number)[]) => r.map((value) => ({ value }));
    fs.writeFileSync(
      file,
      await writeExcelFile([
        { sheet: README_SHEET, data: [cells([TEMPLATE_MARKER])] },
        { sheet: 'Placement flows', data: [cells(headers[0] ?? [])] },
        { sheet: 'Unit costs', data: [cells(headers[1] ?? [])] },
        {
          sheet: 'Supply changes',
          data: [
            cells(headers[2] ?? []),
            cells(['Trafford', '2027', 'Local Authority', 'childrensHome', 4, 'New home']),
          ],
        },
      ]).toBuffer(),
    );
    const preview = await context.imports.preview([{ path: file }]);
    context.imports.commit(preview.previewId);
    const after = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const trafford = (r: typeof before) => r.projection.areas.find((a) => a.code === 'E08000009')?.years ?? [];
    expect(trafford(after)[0]?.registeredPlaces).toBe(trafford(before)[0]?.registeredPlaces); // 2026: not open yet
    expect(trafford(after)[1]?.registeredPlaces).toBe((trafford(before)[1]?.registeredPlaces ?? 0) + 4);
    expect(trafford(after)[1]?.accessiblePlaces).toBeCloseTo((trafford(before)[1]?.accessiblePlaces ?? 0) + 4, 6);
  });
});
