import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { runProjection } from '../../electron/services/projectionService.js';
import { PlannerError } from '#shared/api/errors.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-projection-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

describe('projection from the open plan', () => {
  it('projects five financial years for each member and the consortium, deterministically per seed', () => {
    const a = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 300, seed: 7 });
    const b = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 300, seed: 7 });
    expect(a.projection.years).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(a.projection.areas).toHaveLength(10);
    expect(a).toEqual(b);
    const first = a.projection.consortium.years[0];
    expect(first?.demand.p10).toBeLessThanOrEqual(first?.demand.p50 ?? 0);
    expect(first?.demand.p50).toBeLessThanOrEqual(first?.demand.p90 ?? 0);
    expect(a.projection.consortium.history.at(-1)).toEqual({ year: '2025', value: 727 });
  });

  it('uses the plan’s target occupancy from the assumption register, and records who changed it', () => {
    const before = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const state = context.plans.setAssumption('targetOccupancy', 0.8);
    expect(state.dirty).toBe(true);
    const after = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const y0 = (r: typeof before) => r.projection.consortium.years[0];
    expect(y0(after)?.demand.p50).toBeCloseTo(y0(before)?.demand.p50 ?? 0, 6);
    expect(y0(after)?.bedsNeeded.p50).toBeCloseTo((y0(before)?.demand.p50 ?? 0) / 0.8, 6);
    const register = context.plans.summary().assumptions.find((a) => a.key === 'targetOccupancy');
    expect(register).toMatchObject({ value: 0.8 });
    expect(register?.changedBy).not.toBe('scripts/illustrative.ts');
    expect(() => context.plans.setAssumption('targetOccupancy', 1.5)).toThrow(PlannerError);
    expect(() => context.plans.setAssumption('noSuchThing', 1)).toThrow(/no assumption/);
  });

  it('holds the population at the latest estimate unless the plan sets an annual growth (−5% to +5%)', () => {
    const held = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const last = held.projection.consortium.years.at(-1);
    expect(held.projection.consortium.years[0]?.population0to17).toBeCloseTo(last?.population0to17 ?? 0, 6);
    const stated = held.projection.assumptions.find((a) => a.key === 'populationGrowthWithoutProjection');
    expect(stated).toMatchObject({ value: 0, unit: 'share a year' });
    expect(stated?.rationale).toMatch(/held at the latest mid-year estimate \(mid-2024\)/);
    context.plans.setAssumption('populationGrowthWithoutProjection', 0.01);
    const grown = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const years = grown.projection.consortium.years;
    expect(years.at(-1)?.population0to17).toBeCloseTo((years[0]?.population0to17 ?? 0) * 1.01 ** 4, 3);
    expect(years.at(-1)?.demand.p50).toBeGreaterThan(last?.demand.p50 ?? 0);
    expect(() => context.plans.setAssumption('populationGrowthWithoutProjection', 0.06)).toThrow(PlannerError);
  });

  it('manual growth compounds from the last observed year', () => {
    const r = runProjection(context.plans, {
      method: 'manual',
      withBacktest: false,
      simulations: 0,
      manualGrowth: { E08000001: 0.1 },
    });
    const bolton = r.projection.areas.find((a) => a.code === 'E08000001');
    const last = bolton?.history.at(-1)?.value ?? 0;
    expect(bolton?.years[1]?.demand.p50).toBeCloseTo(last * 1.1 * 1.1, 6);
  });

  it('CLI project --json returns demand, beds, places, gap, assumptions and the backtest', async () => {
    let out = '';
    const code = await runCli(['project', '--years', '3', '--sims', '200', '--seed', '3', '--json'], {
      stdout: (t) => (out += t),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    const json = JSON.parse(out);
    expect(json.years).toEqual(['2026', '2027', '2028']);
    expect(json.authorities).toHaveLength(10);
    expect(json.consortium.years[0]).toMatchObject({
      demand: { p10: expect.any(Number), p50: expect.any(Number), p90: expect.any(Number) },
    });
    expect(json.consortium.years[0].gap.p50).toBeCloseTo(
      json.consortium.years[0].bedsNeeded.p50 - json.consortium.years[0].accessiblePlaces,
      6,
    );
    expect(json.assumptions.map((a: { key: string }) => a.key)).toContain('targetOccupancy');
    expect(json.backtest.authorities.method[0]).toMatchObject({ h: 1, n: expect.any(Number) });
  });

  it('CLI project rejects bad options with usage', async () => {
    let err = '';
    const code = await runCli(['project', '--years', '11'], { stdout: () => undefined, stderr: (t) => (err += t) });
    expect(code).toBe(2);
    expect(err).toContain('--years needs a whole number from 1 to 10');
  });
});

describe('every stored forecast assumption can be changed', () => {
  it.each([
    ['targetOccupancy', 0.9],
    ['openMarketAccessShare', 0.25],
    ['consortiumOpenMarketAccessShare', 0.5],
    ['trendDamping', 0.6],
    ['needTypeShareSoloComplex', 0.2],
  ])('%s', (key, value) => {
    context.plans.setAssumption(key, value);
    expect(context.plans.summary().assumptions.find((a) => a.key === key)).toMatchObject({ value });
  });
});
