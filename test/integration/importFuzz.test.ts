import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomLcg } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { makeTempDir } from '../helpers/tmp.js';

const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const tmp = makeTempDir('planner-import-fuzz-');
let context: AppContext;

beforeAll(() => {
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});
afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

/** Seeded mutations of a valid file: truncation, wrong delimiters, swapped columns, garbage, huge numbers. */
function mutate(bytes: Buffer, random: () => number): Buffer {
  const text = bytes.toString('latin1');
  const pick = Math.floor(random() * 6);
  const at = Math.floor(random() * text.length);
  switch (pick) {
    case 0:
      return Buffer.from(text.slice(0, at), 'latin1');
    case 1:
      return Buffer.from(text.replace(/,/g, random() < 0.5 ? ';' : '\t'), 'latin1');
    case 2: {
      const lines = text.split('\n').map((l) => {
        const cells = l.split(',');
        if (cells.length > 2) [cells[0], cells[cells.length - 1]] = [cells[cells.length - 1] ?? '', cells[0] ?? ''];
        return cells.join(',');
      });
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 3: {
      const garbage = Buffer.from(Array.from({ length: 64 }, () => Math.floor(random() * 256)));
      return Buffer.concat([bytes.subarray(0, at), garbage, bytes.subarray(at)]);
    }
    case 4:
      return Buffer.from(
        text.replace(/\b\d{2,}\b/g, () => '9'.repeat(400)),
        'latin1',
      );
    default:
      return Buffer.alloc(0);
  }
}

const count = () =>
  context.plans.read((db) => (db.prepare('SELECT COUNT(*) AS n FROM observation').get() as { n: number }).n);

describe('imports of damaged files through the app', () => {
  it('never crash, always report, and an import with errors changes nothing', async () => {
    const random = randomLcg(20261122);
    const files = fs.readdirSync(fixtures).filter((f) => f.endsWith('.csv'));
    const before = count();
    let blocked = 0;
    for (let i = 0; i < 20; i++) {
      const name = files[Math.floor(random() * files.length)] ?? files[0] ?? '';
      const mutated = mutate(fs.readFileSync(path.join(fixtures, name)), random);
      const file = path.join(tmp.dir, `mutated-${i}-${name}`);
      fs.writeFileSync(file, mutated);
      const preview = await context.imports.preview([{ path: file }]);
      expect(preview.files).toHaveLength(1);
      const report = preview.files[0];
      expect(report?.errorCount).toBeGreaterThanOrEqual(0);
      for (const issue of report?.issues ?? []) {
        expect(issue.file).toBe(path.basename(file));
        expect(issue.message.length).toBeGreaterThan(5);
      }
      if (!preview.canCommit) {
        blocked++;
        expect(() => context.imports.commit(preview.previewId)).toThrow(/Nothing was changed/);
        expect(count()).toBe(before);
      } else {
        context.imports.discard(preview.previewId);
      }
    }
    expect(blocked).toBeGreaterThan(5); // the mutations really produced bad files
    expect(count()).toBe(before);
  }, 120_000);
});
