/**
 * The projection service's caches give the figures a fresh computation gives: the backtest reused
 * across assumption changes that move only beds (target occupancy, access shares, the solo/complex
 * share) is the backtest worked out afresh, and a change that moves demand (trend damping) is
 * worked out again.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { forecastSupplyChanges, projectionInputs, runProjection } from '../../electron/services/projectionService.js';
import { backtest, defaultSettings } from '../../shared/forecast/index.js';
import { makeTempDir } from '../helpers/tmp.js';

const tmp = makeTempDir('planner-projection-cache-');
let context: AppContext;

beforeAll(() => {
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const request = { method: 'rate' as const, withBacktest: true, simulations: 200, seed: 3 };

/** The backtest as runProjection would work it out with no cache. */
function freshBacktest() {
  const inputs = projectionInputs(context.plans);
  const access = inputs.planSettings.openMarketAccessShare ?? defaultSettings.openMarketAccessShare;
  const supplyChanges = forecastSupplyChanges(context.plans, access);
  return backtest(inputs, {
    ...(supplyChanges.length ? { supplyChanges } : {}),
    method: 'rate',
    horizonYears: context.plans.horizonYears(),
    simulations: request.simulations,
    seed: request.seed,
  });
}

describe('projection service caches', () => {
  it('reuses the backtest across beds-only assumption changes, with the figures of a fresh run', () => {
    const start = runProjection(context.plans, request);
    const first = start.backtest;
    let previous = start.projection;
    expect(first?.pairs.length).toBeGreaterThan(0);
    const changes: [string, number][] = [
      ['targetOccupancy', 0.8],
      ['openMarketAccessShare', 0.5],
      ['consortiumOpenMarketAccessShare', 0.6],
      ['needTypeShareSoloComplex', 0.3],
    ];
    for (const [key, value] of changes) {
      context.plans.setAssumption(key, value);
      const { projection, backtest: cached } = runProjection(context.plans, request);
      // the assumption reached the projection (the consortium-wide share moves nothing for this plan) …
      if (key !== 'consortiumOpenMarketAccessShare') expect(projection, key).not.toEqual(previous);
      previous = projection;
      // … and the backtest is the one a fresh run gives
      expect(cached).toEqual(freshBacktest());
      expect(cached).toBe(first);
    }
  });

  it('works the backtest out again when a demand setting changes', () => {
    const before = runProjection(context.plans, request).backtest;
    context.plans.setAssumption('trendDamping', 0.5);
    const after = runProjection(context.plans, request).backtest;
    expect(after).not.toBe(before);
    expect(after).not.toEqual(before);
    expect(after).toEqual(freshBacktest());
  });
});
