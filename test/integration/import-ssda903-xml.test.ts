/**
 * SSDA903 returns in XML, imported through the app: the same children, episodes and missing
 * episodes as the same return in CSV tables, the same stock-flow projection from it, problems named
 * by child and element, and a malformed file refused with its line, changing nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { runStockFlow } from '../../electron/services/stockflowService.js';
import { readSsda903Files } from '../../electron/store/ssda903Data.js';
import { makeTempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtures = path.join(repoRoot, 'test/fixtures/ssda903');

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-ssda903-xml-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const heldCount = () =>
  context.plans.read((db) => (db.prepare('SELECT COUNT(*) AS n FROM ssda903_file').get() as { n: number }).n);

async function importFiles(files: string[]) {
  const preview = await context.imports.preview(files.map((f) => ({ path: f })));
  return preview;
}

describe('SSDA903 returns in XML', () => {
  it('import as the same return in CSV tables does, with the same stock-flow projection', async () => {
    const xml = await importFiles([path.join(fixtures, '2021-return.xml')]);
    expect(xml.files.map((f) => f.kind)).toEqual(['ssda903-xml']);
    const file = xml.files[0]!;
    expect(file.measures[0]).toBe(
      'SSDA903 return in XML: 3 children; tables Header 3 rows, Episodes 4 rows, Missing 3 rows, Reviews 1 row',
    );
    expect(file.kindLabel).toMatch(/child-level personal data/);
    expect(file.notTaken[0]).toMatch(
      /^SSDA903 Reviews table: 1 row of .*Not used by the planner, so it is not stored\.$/,
    );
    expect(file.errorCount).toBe(0);
    expect(xml.canCommit).toBe(true);
    context.imports.commit(xml.previewId);
    expect(heldCount()).toBe(3);
    const names = context.plans.read((db) => readSsda903Files(db).map((f) => f.name));
    expect(names.sort()).toEqual([
      '2021-return.xml › episodes',
      '2021-return.xml › header',
      '2021-return.xml › missing',
    ]);
    const fromXml = runStockFlow(context.plans, { mode: 'corrected', horizonMonths: 12, simulations: 0 });

    // Importing the same return again replaces its tables.
    const again = await importFiles([path.join(fixtures, '2021-return.xml')]);
    expect(again.files[0]).toMatchObject({ added: 0, replaced: 10 });
    context.imports.commit(again.previewId);
    expect(heldCount()).toBe(3);

    // The same return as CSV tables, in a plan of its own.
    await context.handlers.removeSsda903({});
    const csv = await importFiles(['2021-header.csv', '2021-episodes.csv'].map((f) => path.join(fixtures, f)));
    expect(csv.canCommit).toBe(true);
    context.imports.commit(csv.previewId);
    const fromCsv = runStockFlow(context.plans, { mode: 'corrected', horizonMonths: 12, simulations: 0 });
    expect(fromXml.children).toBe(3);
    expect(fromXml.episodes).toBe(fromCsv.episodes);
    expect(fromXml.projection.points).toEqual(fromCsv.projection.points);
  });

  it('names a bad value by child, episode and element', async () => {
    const text = fs
      .readFileSync(path.join(fixtures, '2021-return.xml'), 'utf8')
      .replace('<PL>K2</PL>', '<PL>ZZ</PL>')
      .replace('<DECOM>15/12/2020</DECOM>', '<DECOM>31/02/2021</DECOM>')
      .replace('<MIS_END>12/03/2021</MIS_END>', '<MIS_END>08/03/2021</MIS_END>');
    const bad = path.join(tmp.dir, '2021-bad.xml');
    fs.writeFileSync(bad, text);
    const preview = await importFiles([bad]);
    const messages = preview.files[0]!.issues.map((i) => `${i.severity} ${i.column}: ${i.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^\w+ PL: CHILD 1001, episode 2, element PL: .*ZZ/));
    expect(messages).toContainEqual(expect.stringMatching(/^error DECOM: CHILD 1002, episode 1, element DECOM: /));
    expect(messages).toContainEqual(expect.stringMatching(/CHILD 1002, missing episode 1, element MIS_END: /));
    expect(preview.canCommit).toBe(false);
    expect(heldCount()).toBe(0);
  });

  it('refuses a malformed file with the line where it breaks, and changes nothing', async () => {
    const text = fs.readFileSync(path.join(fixtures, '2021-return.xml'), 'utf8').replace('</EPISODE>', '</EPISOD>');
    const broken = path.join(tmp.dir, '2021-broken.xml');
    fs.writeFileSync(broken, text);
    const before = context.plans.currentState();
    const preview = await importFiles([broken]);
    expect(preview.canCommit).toBe(false);
    const issue = preview.files[0]!.issues[0]!;
    expect(issue.severity).toBe('error');
    expect(issue.message).toMatch(/not well-formed XML: .*EPISODE.*\(line \d+\)/);
    expect(issue.row).toBeGreaterThan(1);
    expect(() => context.imports.commit(preview.previewId)).toThrow(/errors/);
    expect(context.plans.currentState()).toEqual(before);
    expect(heldCount()).toBe(0);
  });

  it('tells an XML file that is not a return from one that is', async () => {
    const other = path.join(tmp.dir, 'feed.xml');
    fs.writeFileSync(other, '<?xml version="1.0"?><rss><channel><title>News</title></channel></rss>');
    const preview = await importFiles([other]);
    expect(preview.files[0]!.kind).toBe('unknown');
    expect(preview.files[0]!.issues[0]!.message).toMatch(/not an SSDA903 return/);
    expect(preview.canCommit).toBe(false);
  });
});
