/**
 * A council's whole SSDA903 return imported through the app: every table of the export chosen at
 * once imports without an error (the tables the planner does not use are named, counted and not
 * stored), the preview counts each table's rows as the file holds them, the same return in XML
 * stores the same data and gives the same projections (all children, UASC only, UASC excluded), and
 * the public samples in ../shared/data import whole, the regional demand model's with its uasc.csv.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { runStockFlow } from '../../electron/services/stockflowService.js';
import { readSsda903Files } from '../../electron/store/ssda903Data.js';
import { importSsda903 } from '#shared/import/ssda903/index.js';
import { makeTempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const full = path.join(repoRoot, 'test/fixtures/ssda903/full-2022');
const sharedData = path.resolve(repoRoot, '../shared/data');
const csvFiles = fs
  .readdirSync(full)
  .filter((f) => f.endsWith('.csv'))
  .sort();
/** Data rows of a CSV file: its non-empty lines after the header. */
const rowsIn = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '').length - 1;

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-ssda903-return-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const preview = (files: string[]) => context.imports.preview(files.map((f) => ({ path: f })));
const held = () =>
  context.plans.read((db) =>
    (
      db.prepare('SELECT table_kind AS t, rows FROM ssda903_file ORDER BY t').all() as { t: string; rows: number }[]
    ).map((r) => `${r.t} ${r.rows}`),
  );

/** The stored returns read back as the stock-flow model reads them. */
function storedDataset() {
  const { dataset } = importSsda903(context.plans.read((db) => readSsda903Files(db)));
  const c = dataset.children;
  const e = dataset.episodes;
  return {
    children: c.id.map((id, i) => [id, c.sex[i], c.dob[i], c.uasc[i], c.duc[i], c.ethnic.values[c.ethnic.codes[i]!]]),
    episodes: Array.from({ length: e.length }, (_, i) => [
      c.id[e.child[i]!],
      e.decom[i],
      e.dec[i],
      e.place.values[e.place.codes[i]!],
      e.rne.values[e.rne.codes[i]!],
      e.urn.values[e.urn.codes[i]!],
    ]),
    missing: Array.from({ length: dataset.missing.length }, (_, i) => [
      c.id[dataset.missing.child[i]!],
      dataset.missing.start[i],
      dataset.missing.end[i],
    ]),
  };
}

const projections = () =>
  (['all', 'only', 'excluded'] as const).map((uasc) =>
    (['corrected', 'sf-regional'] as const).map(
      (mode) =>
        runStockFlow(context.plans, { mode, uasc, horizonMonths: 12, simulations: 0, referenceEnd: '2022-03-31' })
          .projection,
    ),
  );

describe('a whole SSDA903 return', () => {
  it('imports every table of the CSV export at once: used tables stored, the others named and left out', async () => {
    const result = await preview(csvFiles.map((f) => path.join(full, f)));
    expect(result.files.filter((f) => f.errorCount > 0)).toEqual([]);
    expect(result.canCommit).toBe(true);
    for (const f of result.files) expect(f.rowsRead, f.fileName).toBe(rowsIn(path.join(full, f.fileName)));
    const other = result.files.filter((f) => f.kind === 'ssda903-other');
    expect(other.map((f) => f.fileName)).toEqual([
      '2022-ad1.csv',
      '2022-oc2.csv',
      '2022-oc3.csv',
      '2022-placed-adoption.csv',
      '2022-prev-perm.csv',
      '2022-reviews.csv',
      '2022-sw-episodes.csv',
    ]);
    for (const f of other) {
      expect(f.notTaken).toHaveLength(1);
      expect(f.notTaken[0]).toMatch(
        /^SSDA903 \w+ table: \d+ rows? of .*Not used by the planner, so it is not stored\.$/,
      );
      expect(f.added + f.replaced).toBe(0);
    }
    expect(other.find((f) => f.fileName === '2022-sw-episodes.csv')?.notTaken[0]).toMatch(
      /^SSDA903 SWEpisodes table: 2 rows of changes of the child’s social worker/,
    );
    const uasc = result.files.find((f) => f.kind === 'ssda903-uasc')!;
    expect(uasc.measures).toEqual(['SSDA903 UASC table: 2 rows']);
    expect(uasc.notTaken).toEqual([
      'All returns held together: 6 children, 8 episodes after merging the copies that several returns hold, 2 of the children UASC, LAs not given.',
    ]);
    context.imports.commit(result.previewId);
    expect(held()).toEqual(['episodes 8', 'header 6', 'missing 2', 'uasc 2']);
    // Only the tables that added something are logged; the others were named in the preview.
    const log = context.imports.log();
    expect(log).toHaveLength(4);
  });

  it('stores the same data, and gives the same projections, from the return in XML as from its CSV tables', async () => {
    const fromCsv = await preview(
      ['2022-header.csv', '2022-episodes.csv', '2022-missing.csv', '2022-uasc.csv'].map((f) => path.join(full, f)),
    );
    context.imports.commit(fromCsv.previewId);
    const csvData = storedDataset();
    const csvProjections = projections();

    await context.handlers.removeSsda903({});
    const fromXml = await preview([path.join(full, '2022-return.xml')]);
    expect(fromXml.canCommit).toBe(true);
    const file = fromXml.files[0]!;
    expect(file.measures).toEqual([
      'SSDA903 return in XML: 6 children; tables Header 6 rows, Episodes 8 rows, Missing 2 rows, UASC 2 rows, Reviews 3 rows, OC2 1 row, OC3 1 row, AD1 1 row, PlacedAdoption 1 row, PrevPerm 1 row, SWEpisodes 2 rows',
    ]);
    expect(file.notTaken).toHaveLength(8);
    expect(file.added).toBe(6 + 8 + 2 + 2);
    context.imports.commit(fromXml.previewId);
    expect(held()).toEqual(['episodes 8', 'header 6', 'missing 2', 'uasc 2']);

    expect(storedDataset()).toEqual(csvData);
    const xmlProjections = projections();
    expect(xmlProjections).toEqual(csvProjections);
    // The UASC split divides the starting stock (it is not the same figures three times).
    const start = (i: number) => csvProjections[i]![0]!.start.total.mean;
    expect(start(0)).toBe(4);
    expect(start(1)).toBe(1);
    expect(start(2)).toBe(3);
  });
});

/** The public samples: every CSV in the folder, chosen at once. */
const samples = ['ssda903_regional_sample', 'ssda903_synthetic', 'ssda903_d2i_sample'];

describe.each(samples)('conformance: ../shared/data/%s', (folder) => {
  const dir = path.join(sharedData, folder);
  const present = fs.existsSync(dir);
  it.skipIf(!present)(
    present ? 'imports whole, each file counted as its rows' : `skipped: ${dir} is absent`,
    async () => {
      const files = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort();
      const result = await preview(files.map((f) => path.join(dir, f)));
      const errors = result.files.flatMap((f) => f.issues.filter((i) => i.severity === 'error'));
      expect(errors).toEqual([]);
      expect(result.canCommit).toBe(true);
      for (const f of result.files) {
        expect(f.kind, f.fileName).toMatch(/^ssda903-(header|episodes|missing|uasc)$/);
        expect(f.rowsRead, f.fileName).toBe(rowsIn(path.join(dir, f.fileName)));
      }
      context.imports.commit(result.previewId);
      const stored = held();
      expect(stored.length).toBe(files.length);
      if (files.includes('uasc.csv')) {
        expect(stored).toContain(`uasc ${rowsIn(path.join(dir, 'uasc.csv'))}`);
        const { dataset } = importSsda903(context.plans.read((db) => readSsda903Files(db)));
        expect(dataset.children.uasc.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
        const split = runStockFlow(context.plans, { mode: 'sf-regional', uasc: 'only', horizonMonths: 12 });
        expect(split.projection.notes.at(-1)).toMatch(/^Only unaccompanied asylum-seeking children/);
      }
    },
    60_000,
  );
});
