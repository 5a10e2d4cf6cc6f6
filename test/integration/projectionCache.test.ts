/**
 * The projection service's caches give the figures a fresh computation gives: the backtest reused
 * across assumption changes that move only beds (target occupancy, access shares, the solo/complex
 * share) is the backtest worked out afresh, and a change that moves demand (trend damping) is
 * worked out again; the plan's figures read once are reused across assumption changes only, and a
 * projection made from them is the projection a freshly opened copy of the plan gives.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { forecastSupplyChanges, projectionInputs, runProjection } from '../../electron/services/projectionService.js';
import { backtest, defaultSettings } from '#shared/forecast/index.js';
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

  it('reads the plan again after any change but an assumption value', () => {
    const version = () => context.plans.dataVersion();
    const v0 = version();
    context.plans.setAssumption('targetOccupancy', 0.83);
    expect(version()).toEqual(v0);
    context.plans.renameConsortium('Renamed consortium');
    const v1 = version();
    expect(v1.changes).not.toBe(v0.changes);
    const members = context.plans.listAuthorities().filter((a) => a.isMember);
    context.plans.setMembership(members.slice(0, 4).map((a) => a.onsCode));
    expect(version().changes).not.toBe(v1.changes);
    const { projection } = runProjection(context.plans, { ...request, withBacktest: false });
    expect(projection.areas.map((a) => a.code).sort()).toEqual(
      members
        .slice(0, 4)
        .map((a) => a.onsCode)
        .sort(),
    );
    context.plans.setMembership(members.map((a) => a.onsCode));
    expect(runProjection(context.plans, { ...request, withBacktest: false }).projection.areas).toHaveLength(
      members.length,
    );
  });

  it('gives, after an assumption change, the projection a freshly opened copy of the plan gives', async () => {
    const file = path.join(tmp.dir, 'copy.ccplan');
    runProjection(context.plans, request); // the plan's figures read, and kept
    context.plans.setAssumption('targetOccupancy', 0.78);
    const reused = runProjection(context.plans, request);
    await context.handlers.savePlanAs({ path: file });
    const other = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'other') });
    try {
      other.plans.openPlan(file, { lock: 'none' });
      const fresh = runProjection(other.plans, request);
      expect(reused).toEqual(fresh);
    } finally {
      other.plans.dispose();
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
