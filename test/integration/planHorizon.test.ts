/**
 * The projection horizon belongs to the plan: set through the API (setHorizon), saved in the plan
 * file, and followed by the projection, scenario runs, the scenario context and the exports when no
 * explicit horizon is asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { writeCsvFolder } from '../../electron/services/exportService.js';
import { runProjection } from '../../electron/services/projectionService.js';
import { runScenarios, scenarioContext, listScenarios } from '../../electron/services/scenarioService.js';
import { dispatchCall } from '../../electron/services/dispatch.js';
import { runSensitivity } from '../../electron/services/sensitivityService.js';
import { parseCsv } from '#shared/import/csv.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-horizon-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const seven = ['2026', '2027', '2028', '2029', '2030', '2031', '2032'];

describe('the plan’s horizon', () => {
  it('starts at five years, and is set through the API, marking the plan unsaved', async () => {
    const initial = context.plans.currentState();
    expect(initial.horizonYears).toBe(5);
    expect(
      runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 }).projection.years,
    ).toEqual(seven.slice(0, 5));
    const result = await dispatchCall(context.handlers, 'setHorizon', { years: 7 });
    expect(result).toMatchObject({ ok: true, value: { horizonYears: 7, dirty: true } });
    for (const years of [0, 11, 2.5]) {
      const bad = await dispatchCall(context.handlers, 'setHorizon', { years });
      expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(() => context.plans.setHorizon(11)).toThrow(/1 to 10/);
    expect(context.plans.currentState().horizonYears).toBe(7);
  });

  it('is saved: set to 7, saved, reopened — projection, scenarios and export tables have seven years', async () => {
    context.plans.setHorizon(7);
    const file = path.join(tmp.dir, 'seven.ccplan');
    context.plans.saveAs(file);
    expect(context.plans.currentState().dirty).toBe(false);
    context.plans.newPlan();
    expect(context.plans.currentState().horizonYears).toBe(5);
    const reopened = context.plans.openPlan(file);
    expect(reopened.horizonYears).toBe(7);
    expect(reopened.dirty).toBe(false);

    const { projection, backtest } = runProjection(context.plans, {
      method: 'rate',
      withBacktest: true,
      simulations: 200,
      seed: 1,
    });
    expect(projection.years).toEqual(seven);
    expect(projection.consortium.years).toHaveLength(7);
    expect(backtest?.horizons.length).toBeGreaterThan(0);
    // An explicit horizon still wins over the plan's.
    expect(
      runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0, horizonYears: 3 }).projection
        .years,
    ).toEqual(seven.slice(0, 3));

    const ids = listScenarios(context.plans)
      .filter((s) => s.editable)
      .map((s) => s.id);
    const run = runScenarios(context.plans, { ids, simulations: 100, seed: 1 });
    expect(run.baseline.years.map((y) => y.year)).toEqual(seven);
    for (const o of run.outcomes) expect(o.years).toHaveLength(7);
    // The sensitivity (Compare) costs the same years: three years cost well under seven.
    const sevenYearCost = runSensitivity(context.plans, ids[0] ?? '').base.cost;
    context.plans.setHorizon(3);
    expect(runSensitivity(context.plans, ids[0] ?? '').base.cost).toBeLessThan(sevenYearCost * 0.6);
    context.plans.setHorizon(7);
    const wire = scenarioContext(context.plans, { simulations: 50, seed: 1 });
    expect(wire.context.years).toEqual(seven);

    const files = writeCsvFolder(context.plans, context.imports, path.join(tmp.dir, 'csv'));
    const read = (name: string) => parseCsv(fs.readFileSync(files.find((f) => f.endsWith(name)) ?? '', 'utf8'));
    const projectionRows = read('projection.csv');
    const yearColumn = projectionRows[0]?.findIndex((h) => /^Year/.test(h)) ?? -1;
    expect(yearColumn).toBeGreaterThanOrEqual(0);
    expect([...new Set(projectionRows.slice(1).map((r) => r[yearColumn]))]).toEqual(seven);
    const scenarioRows = read('scenarios.csv');
    const baselineYears = scenarioRows.filter((r) => r[0] === 'Baseline').map((r) => r[2]);
    expect(baselineYears).toEqual(seven);
    const comparison = read('comparison.csv');
    expect(comparison.length).toBeGreaterThan(1);
  });
});
