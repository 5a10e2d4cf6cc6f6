/**
 * Every figure of the built-in plan, frozen: the projection (consortium and each member, every year,
 * P10/P50/P90, base position, decomposition, tornado, reconciliation, backtest), the scenarios
 * (baseline and the built-in examples: totals, percentiles, NPV, per-year figures, sensitivity) and
 * the export tables (the XLSX sheets and CSV files, as data), all with a fixed seed and number of
 * simulations, read through the same handlers as the app. It guards restructuring (issue 19): moving
 * code must not move a number.
 *
 * When a change is meant to alter figures (a model fix, new data), refresh the snapshot deliberately:
 *
 *     npx vitest run --config vitest.config.ts -u test/integration/figuresSnapshot.test.ts
 *
 * and say in the commit message which figures change and why. Never refresh it to make a refactor pass.
 *
 * Numbers are kept to 12 significant digits: any real change of a figure shows, while a last-bit
 * difference of floating-point arithmetic between machines does not.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { planTables } from '../../electron/services/exportService.js';
import { toCsv } from '../../electron/services/exportTables/index.js';
import { dispatchCall } from '../../electron/services/dispatch.js';
import { makeTempDir } from '../helpers/tmp.js';

const SIMULATIONS = 400;
const SEED = 20_190;

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeAll(() => {
  tmp = makeTempDir('planner-figures-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data'), autosaveIntervalMs: 0 });
  context.plans.newPlan();
});
afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

/** A value as the wire carries it, with numbers to 12 significant digits and typed arrays as lists. */
function frozen(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as Float64Array);
      if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) return Number(v.toPrecision(12));
      return v;
    }),
  );
}

async function call(name: string, args: unknown): Promise<unknown> {
  const result = await dispatchCall(context.handlers, name, args);
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
  return result.value;
}

/** The figures, as JSON with two-space indents, one snapshot file per part. */
function asFile(value: unknown): string {
  return `${JSON.stringify(frozen(value), null, 1)}\n`;
}

describe('the built-in plan’s figures', () => {
  it('projection: consortium and members, every year, with its backtest', async () => {
    const projection = await call('getProjection', {
      method: 'rate',
      simulations: SIMULATIONS,
      seed: SEED,
      withBacktest: true,
    });
    await expect(asFile(projection)).toMatchFileSnapshot('./__snapshots__/figures-projection.json');
  });

  it('scenarios: baseline and the built-in examples, with each one’s sensitivity', async () => {
    const listed = (await call('listScenarios', {})) as { id: string; updatedAt: string | null }[];
    // When a scenario was saved is the clock's, not a figure.
    const scenarios = listed.map(({ updatedAt: _updatedAt, ...rest }) => rest);
    const ids = scenarios.map((s) => s.id).filter((id) => id !== 'baseline');
    // The built-in examples are what this plan starts with; a plan without them would freeze nothing.
    expect(ids.length).toBeGreaterThanOrEqual(2);
    const run = await call('runScenarios', { ids: ids.slice(0, 4), simulations: SIMULATIONS, seed: SEED });
    const sensitivity: Record<string, unknown> = {};
    for (const id of ['baseline', ...ids]) {
      const result = await dispatchCall(context.handlers, 'runSensitivity', { id });
      sensitivity[id] = result.ok ? result.value : { error: result.error };
    }
    await expect(asFile({ scenarios, run, sensitivity })).toMatchFileSnapshot('./__snapshots__/figures-scenarios.json');
  });

  it('export tables: every sheet of the workbook and every CSV file, as data', async () => {
    const { tables, about } = planTables(context.plans, context.imports);
    // When and by which version it was exported are the clock's and the release's, not figures.
    const aboutFixed = about.filter(([key]) => key !== 'Exported' && key !== 'Exported by');
    const csv = Object.fromEntries(tables.map((t) => [t.name, toCsv(t)]));
    await expect(asFile({ about: aboutFixed, tables })).toMatchFileSnapshot('./__snapshots__/figures-exports.json');
    // The CSV files are the same tables in text: frozen as written, byte for byte.
    await expect(`${JSON.stringify(csv, null, 1)}\n`).toMatchFileSnapshot('./__snapshots__/figures-csv.json');
  });
});
