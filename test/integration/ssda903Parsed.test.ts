/**
 * The SSDA903 returns stored as read (electron/store/ssda903Parsed.ts): stored at import, they give
 * a stock-flow projection the figures that reading the text gives; they are ignored when their key
 * no longer matches the files held, and go with the returns when those are removed. The reader's
 * source is fingerprinted so that a change to it cannot leave stored forms of an older reader in use.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { runStockFlow } from '../../electron/services/stockflowService.js';
import { readSsda903Files } from '../../electron/store/ssda903Data.js';
import {
  SSDA903_READER_VERSION,
  decodeParsed,
  encodeParsed,
  readSsda903Parsed,
} from '../../electron/store/ssda903Parsed.js';
import { importSsda903 } from '#shared/import/ssda903/index.js';
import { generatedEpisodesCsv, generatedHeaderCsv } from '../bench/ssda903Generated.js';
import { makeTempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/ssda903');

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-ssda903-parsed-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

/** A generated return of 300 children, three episodes each, written as the two CSV tables. */
function generatedReturn(): string[] {
  const header = path.join(tmp.dir, 'generated-header.csv');
  const episodes = path.join(tmp.dir, 'generated-episodes.csv');
  fs.writeFileSync(header, generatedHeaderCsv(300));
  fs.writeFileSync(episodes, generatedEpisodesCsv(300, 3));
  return [header, episodes];
}

async function importFiles(names: string[]): Promise<void> {
  const preview = await context.imports.preview(
    names.map((f) => ({ path: path.isAbsolute(f) ? f : path.join(fixtures, f) })),
  );
  expect(preview.canCommit).toBe(true);
  context.imports.commit(preview.previewId);
}

const storedKeys = () =>
  context.plans.read((db) =>
    (db.prepare('SELECT key FROM ssda903_parsed').all() as { key: string }[]).map((r) => r.key),
  );

const args = { mode: 'corrected' as const, horizonMonths: 24, simulations: 200, seed: 5 };

describe('SSDA903 returns stored as read', () => {
  it('round-trips what the reader makes of the returns, typed arrays and all', () => {
    const files = [
      ...generatedReturn(),
      ...['errors-header.csv', 'errors-episodes.csv', '2021-missing.csv'].map((f) => path.join(fixtures, f)),
    ].map((f) => ({
      name: path.basename(f),
      text: fs.readFileSync(f, 'utf8'),
    }));
    const read = importSsda903(files);
    expect(read.dataset.episodes.length).toBeGreaterThan(0);
    expect(read.issues.length).toBeGreaterThan(0);
    const back = decodeParsed(encodeParsed(read)) as typeof read;
    expect(back).toEqual(read);
    expect(back.dataset.episodes.decom).toBeInstanceOf(Int32Array);
    expect(back.dataset.children.la).toBeInstanceOf(Uint16Array);
    expect(decodeParsed(encodeParsed({ a: [NaN, Infinity, -Infinity, 1.5] }))).toEqual({
      a: [NaN, Infinity, -Infinity, 1.5],
    });
  });

  it('is stored at import and gives the projection that reading the text gives', async () => {
    await importFiles(generatedReturn());
    expect(storedKeys()).toHaveLength(1);
    const stored = context.plans.read((db) => readSsda903Parsed(db));
    const fromText = importSsda903(context.plans.read((db) => readSsda903Files(db)));
    expect(stored).toEqual(fromText);
    const withStored = runStockFlow(context.plans, args);
    context.plans.mutate((db) => db.prepare('DELETE FROM ssda903_parsed').run());
    const withoutStored = runStockFlow(context.plans, args);
    expect(withStored).toEqual(withoutStored);
    expect(withStored.episodes).toBeGreaterThan(0);
  });

  it('is replaced when another year’s returns are imported, ignored when stale, and removed with the returns', async () => {
    await importFiles(['2020-header.csv', '2020-episodes.csv']);
    const [first] = storedKeys();
    const before = runStockFlow(context.plans, args);
    await importFiles(['2021-header.csv', '2021-episodes.csv']);
    const [second] = storedKeys();
    expect(storedKeys()).toHaveLength(1);
    expect(second).not.toBe(first);
    const both = runStockFlow(context.plans, args);
    expect(both.episodes).toBeGreaterThan(before.episodes);
    // a stored form whose key does not match the files held is not used: its content here is wrong on purpose
    context.plans.mutate((db) => db.prepare('UPDATE ssda903_parsed SET key = ?').run('0'.repeat(64)));
    expect(runStockFlow(context.plans, args)).toEqual(both);
    await context.handlers.removeSsda903({});
    expect(storedKeys()).toEqual([]);
    expect(() => runStockFlow(context.plans, args)).toThrow(/holds no SSDA903 returns/);
  });

  it('keys stored forms by the reader’s version: change the reader, bump SSDA903_READER_VERSION', () => {
    // The reader's source, as the stored forms of version SSDA903_READER_VERSION were made by it.
    // When this fails, bump SSDA903_READER_VERSION in electron/store/ssda903Parsed.ts if the change
    // can alter what importSsda903 returns, and record the new fingerprint and version here.
    // The reader is every part of shared/import/ssda903/ (its xml/ folder turns XML into CSV first).
    const folder = 'shared/import/ssda903';
    const parts = fs.readdirSync(path.join(repoRoot, folder)).filter((f) => f.endsWith('.ts'));
    const sources = [...parts.sort().map((f) => `${folder}/${f}`), 'shared/import/report.ts'];
    const hash = createHash('sha256');
    for (const f of sources) hash.update(fs.readFileSync(path.join(repoRoot, f), 'utf8').replace(/\r\n/g, '\n'));
    expect({ version: SSDA903_READER_VERSION, fingerprint: hash.digest('hex') }).toEqual({
      version: 1,
      fingerprint: 'dfdb1762e7b7073514c47d080fcd2b0f36d61b307cc625204bb921a774cf1db6',
    });
  });
});
