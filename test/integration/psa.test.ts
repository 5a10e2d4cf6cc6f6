/**
 * Probabilistic sensitivity analysis on the built-in plan, through the host's own services: the
 * headline gap's 80% range widens when each simulation also draws a supply path (its median does not
 * move) and the gap tornado gains a supply bar; the scenario run draws the cost assumptions, so the
 * baseline's cost range is wider than demand alone gives while its central cost is the one at the
 * plan's values; and the same seed gives the same numbers.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { projectionInputs } from '../../electron/services/projectionService.js';
import { buildContext } from '../../electron/services/scenarioService.js';
import { project } from '#shared/forecast/index.js';
import { baselineScenario, runScenario } from '#shared/scenario/index.js';
import { makeTempDir } from '../helpers/tmp.js';

const tmp = makeTempDir('planner-psa-');
let context: AppContext;

beforeAll(() => {
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

describe('supply uncertainty in the gap range', () => {
  it('widens the horizon gap’s 80% range and keeps its median when supply paths are drawn', () => {
    const horizonYears = context.plans.horizonYears();
    const withDraws = projectionInputs(context.plans);
    // The built-in plan holds Ofsted's joiners and leavers, so every member's supply is projected and drawn.
    expect(withDraws.areas.filter((a) => a.supply.projected?.draws).length).toBe(withDraws.areas.length);
    const without = projectionInputs(context.plans);
    for (const a of without.areas) {
      if (!a.supply.projected) continue;
      const { draws: _ignored, ...rest } = a.supply.projected;
      void _ignored;
      a.supply.projected = rest;
    }
    const on = project(withDraws, { method: 'rate', horizonYears });
    const off = project(without, { method: 'rate', horizonYears });
    const a = on.consortium.years.at(-1)!;
    const b = off.consortium.years.at(-1)!;
    expect(a.gap.p50).toBe(b.gap.p50);
    expect(a.gap.p90 - a.gap.p10).toBeGreaterThan(b.gap.p90 - b.gap.p10);
    // Demand alone is the same either way.
    expect(a.gapDemandOnly).toEqual(b.gapDemandOnly);
    const supplyBar = on.tornado?.find((t) => t.key === 'supply');
    expect(supplyBar).toBeDefined();
    expect(off.tornado?.find((t) => t.key === 'supply')).toBeUndefined();
    // More places (its P90) means a smaller gap.
    expect(supplyBar!.gapAtHigh).toBeLessThan(a.gap.p50);
    expect(supplyBar!.gapAtLow).toBeGreaterThan(a.gap.p50);
  });
});

describe('one gap range everywhere', () => {
  it('gives the baseline scenario the projection’s gap range and chance of closing it, supply drawn in both', async () => {
    const { projection } = await context.handlers.getProjection({ method: 'rate', withBacktest: false });
    const run = await context.handlers.runScenarios({ ids: [] });
    run.baseline.years.forEach((y, h) => {
      const p = projection.consortium.years[h]!;
      expect(y.percentiles.gap.p10).toBeCloseTo(p.gap.p10, 6);
      expect(y.percentiles.gap.p50).toBeCloseTo(p.gap.p50, 6);
      expect(y.percentiles.gap.p90).toBeCloseTo(p.gap.p90, 6);
      expect(y.probabilityGapClosed).toBeCloseTo(1 - p.probabilityNeedExceedsAccessible, 12);
    });
  });
});

describe('cost assumptions drawn in the scenario run', () => {
  it('gives the baseline a cost range wider than demand alone, its central cost unchanged, the same for the same seed', () => {
    const ctx = buildContext(context.plans, {});
    const simulated = runScenario(ctx, baselineScenario(), { flows: false });
    const paths = runScenario(ctx, baselineScenario(), { flows: false, uncertainty: 'percentile paths' });
    // The central path is costed at the plan's values whichever way uncertainty is carried.
    expect(simulated.totals.cost.total).toBeCloseTo(paths.totals.cost.total, 2);
    const range = simulated.totals.percentiles.totalCost;
    const demand = simulated.sensitivity!.cost.find((b) => b.key === 'demand')!;
    expect(range.p90 - range.p10).toBeGreaterThan(demand.atHigh - demand.atLow);
    expect(range.p10).toBeLessThan(simulated.totals.cost.total);
    expect(range.p90).toBeGreaterThan(simulated.totals.cost.total);
    // Same seed, same numbers.
    const again = runScenario(buildContext(context.plans, {}), baselineScenario(), { flows: false });
    expect(again.totals.percentiles.totalCost).toEqual(range);
    expect(again.years.at(-1)!.percentiles.gap).toEqual(simulated.years.at(-1)!.percentiles.gap);
    expect(again.sensitivity).toEqual(simulated.sensitivity);
    // Another seed, other draws.
    const other = runScenario(buildContext(context.plans, { seed: 777 }), baselineScenario(), { flows: false });
    expect(other.totals.percentiles.totalCost.p90).not.toBe(range.p90);
  });
});
