/**
 * `planner backtest`: the rolling-origin backtest on any plan's figures, in-process through runCli
 * on the built-in national data — the JSON's shape, the number of pairs per horizon for the members
 * and for every authority, the period and horizon options, history added to a plan, and bad
 * arguments refused with status 2 and the usage message.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext } from '../../electron/services/appContext.js';
import type { PlanBacktestReport } from '../../electron/services/backtestService.js';
import { makeTempDir } from '../helpers/tmp.js';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

type Report = PlanBacktestReport;

async function backtest(args: string[]): Promise<Report> {
  const { code, stdout, stderr } = await run(['backtest', ...args, '--json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Report;
}

const pairs = (r: Report, role: string) => r.methods.find((m) => m.role === role)?.horizons.map((h) => h.pairs);

const tmp = makeTempDir('planner-backtest-cli-');
afterAll(() => tmp.cleanup());

describe('planner backtest', () => {
  it('scores the chosen method, last value, drift and linear trend on the members, per horizon', async () => {
    const r = await backtest([]);
    expect(r).toMatchObject({
      scope: 'members',
      measure: 'childrenInChildrensHomes',
      period: { from: 2021, to: 2025 },
      authorities: 10,
      origins: [2021, 2022, 2023, 2024],
      horizons: [1, 2, 3],
    });
    expect(r.methods.map((m) => m.role)).toEqual(['chosen', 'lastValue', 'drift', 'linearTrend']);
    expect(r.chosen.basis).toMatch(/every authority the plan holds \(150\)/);
    expect(r.chosen.reason.length).toBeGreaterThan(20);
    // Ten members × four, three and two origins.
    for (const m of r.methods) {
      expect(m.horizons.map((h) => h.pairs)).toEqual([40, 30, 20]);
      for (const h of m.horizons) {
        expect(Object.keys(h).sort()).toEqual(['bias', 'coverage80', 'h', 'mae', 'mape', 'mase', 'pairs']);
        expect(h.mae).toBeGreaterThan(0);
        expect(h.mape).toBeGreaterThan(0);
        expect(h.mase).toBeGreaterThan(0);
        expect(Number.isFinite(h.bias)).toBe(true);
      }
    }
    const coverage = r.methods[0]?.horizons.map((h) => h.coverage80 ?? -1) ?? [];
    for (const c of coverage) expect(c).toBeGreaterThanOrEqual(0);
    expect(r.notes.join(' ')).toMatch(/fewer than 30 pairs/);
  });

  it('runs on every authority the plan holds, for either series', async () => {
    const homes = await backtest(['--all-england']);
    expect(homes).toMatchObject({ scope: 'all-england', authorities: 150 });
    expect(pairs(homes, 'lastValue')).toEqual([587, 438, 291]);
    expect(pairs(homes, 'linearTrend')).toEqual([587, 438, 291]);
    const cla = await backtest(['--all-england', '--measure', 'childrenLookedAfter']);
    expect(cla).toMatchObject({
      measure: 'childrenLookedAfter',
      authorities: 153,
      origins: [2020, 2021, 2022, 2023, 2024],
    });
    expect(pairs(cla, 'chosen')).toEqual([751, 598, 447]);
    // Ranges for summed totals: the nine regions and 200 random groups at every origin, scored
    // origin by origin (each origin counted once), with the note that says so.
    const totals = cla.totals;
    expect(totals.map((t) => t.regions.pairs)).toEqual([45, 36, 27]);
    expect(totals.map((t) => t.randomGroups.pairs)).toEqual([1000, 800, 600]);
    expect(totals.map((t) => t.byOrigin.map((o) => o.origin))).toEqual([
      [2020, 2021, 2022, 2023, 2024],
      [2020, 2021, 2022, 2023],
      [2020, 2021, 2022],
    ]);
    for (const t of totals) expect(t.randomGroups.coverage80).toBeGreaterThan(0.6);
    expect(cla.notes.join(' ')).toMatch(/Totals' 80% coverage rests on 3–5 origins/);
  });

  it('limits the years of figures and the horizons', async () => {
    const r = await backtest(['--from', '2022', '--to', '2025', '--horizons', '2,1']);
    expect(r).toMatchObject({ period: { from: 2022, to: 2025 }, origins: [2022, 2023, 2024], horizons: [1, 2] });
    expect(pairs(r, 'drift')).toEqual([30, 20]);
    const { code, stdout } = await run(['backtest', '--to', '2024']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/figures 2021–2024, origins 2021, 2022, 2023/);
    expect(stdout).toMatch(/Chosen: .*\n {3}h {2}Pairs/);
  });

  it('backtests history added to a plan (an older release imported)', async () => {
    const file = path.join(tmp.dir, 'older.ccplan');
    const context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
    context.plans.newPlan();
    context.plans.mutate((db) => {
      db.prepare(
        `INSERT INTO observation (area_code, measure, period, value, suppression, source_id)
         SELECT area_code, measure, '2020', value, suppression, source_id FROM observation
         WHERE measure = 'childrenInChildrensHomes' AND period = '2021'
           AND area_code IN (SELECT code FROM area WHERE is_member = 1)`,
      ).run();
    });
    context.plans.saveAs(file);
    context.plans.dispose();
    const r = await backtest(['--plan', file]);
    expect(r.period).toEqual({ from: 2020, to: 2025 });
    expect(r.origins).toEqual([2020, 2021, 2022, 2023, 2024]);
    expect(pairs(r, 'lastValue')).toEqual([50, 40, 30]);
  });

  it.each([
    [['--measure', 'placedOver20Miles'], '--measure must be'],
    [['--horizons', '0,1'], '--horizons must be from 1 to 10'],
    [['--horizons', 'one'], '--horizons needs whole numbers'],
    [['--from', '2024', '--to', '2022'], '--from must be before --to'],
    [['--from'], '--from needs a whole number'],
    [['--plan'], '--plan needs a file path'],
    [['--sims', '10'], 'Unknown option for backtest: --sims'],
  ])('exits 2 with the usage message for %j', async (args, message) => {
    const { code, stderr } = await run(['backtest', ...args]);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: planner');
    expect(stderr).toContain('backtest [--plan FILE] [--all-england]');
  });

  it('exits 1 when the period holds too little history', async () => {
    const { code, stderr } = await run(['backtest', '--from', '2025', '--to', '2030']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Too little history/);
  });
});
