import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { runStockFlow } from '../../electron/services/stockflowService.js';
import { makeTempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const regional = path.resolve(repoRoot, '../shared/data/ssda903_regional_sample');
const hasShared = fs.existsSync(regional);

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-stockflow-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

describe('stock-flow from SSDA903 returns held in the plan', () => {
  it('refuses clearly when the plan holds no returns', () => {
    expect(() => runStockFlow(context.plans, { mode: 'corrected', horizonMonths: 12 })).toThrow(
      /holds no SSDA903 returns/,
    );
  });

  it.skipIf(!hasShared)(
    `imported through the app, reproduces the regional model's table${hasShared ? '' : ' (skipped: ../shared/data is absent)'}`,
    async () => {
      const preview = await context.imports.preview(
        ['header.csv', 'episodes.csv'].map((f) => ({ path: path.join(regional, f) })),
      );
      expect(preview.canCommit).toBe(true);
      expect(preview.files.map((f) => f.kind)).toEqual(['ssda903-header', 'ssda903-episodes']);
      context.imports.commit(preview.previewId);
      const file = path.join(tmp.dir, 'sf.ccplan');
      context.plans.saveAs(file);

      let out = '';
      const code = await runCli(
        [
          'project',
          '--plan',
          file,
          '--method',
          'stockflow',
          '--mode',
          'sf-regional',
          '--reference-months',
          '12',
          '--horizon-months',
          '24',
          '--report-months',
          '6,12,18,24',
          '--json',
        ],
        { stdout: (t) => (out += t), stderr: () => undefined },
      );
      expect(code).toBe(0);
      const report = JSON.parse(out);
      expect(report).toMatchObject({
        referenceStart: '2021-03-31',
        referenceEnd: '2022-03-31',
        projectionStart: '2022-03-31',
      });
      expect(report.start.total.mean).toBe(86);
      const totals = report.points.map((p: { total: { mean: number } }) => p.total.mean);
      [68.86, 55.55, 45.15, 37.12].forEach((expected, i) =>
        expect(Math.abs(totals[i] / expected - 1)).toBeLessThan(0.01),
      );
      const twelve = report.points[1].byCategory;
      expect(Math.abs(twelve.foster.mean / 34.44 - 1)).toBeLessThan(0.01);
    },
  );

  it('holds imported returns in the plan until the user removes the child-level data', async () => {
    const fixtures = path.join(repoRoot, 'test/fixtures/ssda903');
    const preview = await context.imports.preview(
      ['2021-header.csv', '2021-episodes.csv'].map((f) => ({ path: path.join(fixtures, f) })),
    );
    expect(preview.canCommit).toBe(true);
    context.imports.commit(preview.previewId);
    const held = () =>
      context.plans.read((db) => (db.prepare('SELECT COUNT(*) AS n FROM ssda903_file').get() as { n: number }).n);
    expect(held()).toBe(2);
    const result = runStockFlow(context.plans, { mode: 'corrected', horizonMonths: 12, simulations: 0 });
    expect(result.episodes).toBeGreaterThan(0);
    // Both modes side by side from the CLI, with the difference and why.
    const file = path.join(tmp.dir, 'both.ccplan');
    context.plans.saveAs(file);
    let out = '';
    const code = await runCli(
      [
        'project',
        '--plan',
        file,
        '--method',
        'stockflow',
        '--mode',
        'both',
        '--horizon-months',
        '12',
        '--report-months',
        '6,12',
        '--sims',
        '50',
        '--json',
      ],
      { stdout: (t) => (out += t), stderr: () => undefined },
    );
    expect(code).toBe(0);
    const both = JSON.parse(out);
    expect(both.modes.map((m: { mode: string }) => m.mode)).toEqual(['sf-regional', 'corrected']);
    expect(both.difference.map((d: { month: number }) => d.month)).toEqual([6, 12]);
    expect(both.difference[0].total).toBeCloseTo(
      both.modes[1].points[0].total.mean - both.modes[0].points[0].total.mean,
      9,
    );
    expect(both.explanation.join(' ')).toContain('child-days at risk');
    const removed = await context.handlers.removeSsda903({});
    expect(removed.removedFiles).toBe(2);
    expect(removed.state.dirty).toBe(true);
    expect(held()).toBe(0);
  });
});
