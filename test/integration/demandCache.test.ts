/**
 * The demand reused across assumption changes that move only beds (shared/forecast/selected.ts,
 * projectSelectedCached) gives the figures a fresh computation gives: after a target occupancy
 * change the whole projection equals one worked out with nothing reused; a change that moves demand
 * (trend damping, the seed) is worked out again; and a caller that changes what it was given cannot
 * change what the next caller gets.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { projectionInputs } from '../../electron/services/projectionService.js';
import { project, projectSelected, resolveSettings } from '#shared/forecast/index.js';
import { projectSelectedCached } from '#shared/forecast/selected.js';
import type { ProjectionInputs } from '#shared/forecast/types.js';
import { makeTempDir } from '../helpers/tmp.js';

const tmp = makeTempDir('planner-demand-cache-');
let context: AppContext;

beforeAll(() => {
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const options = { method: 'rate' as const, horizonYears: 5, simulations: 300, seed: 7 };

/** The same inputs with a national panel of a new identity: nothing cached is reused for them. */
function uncached(inputs: ProjectionInputs): ProjectionInputs {
  return { ...inputs, ...(inputs.national ? { national: { ...inputs.national } } : {}) };
}

describe('the demand reused across beds-only changes', () => {
  it('gives, after a target occupancy change, the projection worked out afresh', () => {
    context.plans.setAssumption('targetOccupancy', 0.8);
    const before = project(projectionInputs(context.plans), options);
    context.plans.setAssumption('targetOccupancy', 0.85);
    const inputs = projectionInputs(context.plans);
    const reused = project(inputs, options);
    const fresh = project(uncached(projectionInputs(context.plans)), options);
    expect(reused).toEqual(fresh);
    // the change did reach the beds, and left the demand as it was
    const last = (r: typeof reused) => r.consortium.years.at(-1)!;
    expect(last(reused).bedsNeeded.p50).not.toBe(last(before).bedsNeeded.p50);
    expect(last(reused).demand).toEqual(last(before).demand);
  });

  it('works the demand out again when something it reads changes', () => {
    const inputs = projectionInputs(context.plans);
    const settings = resolveSettings(options, inputs.planSettings);
    const first = projectSelectedCached(inputs, settings);
    const otherSeed = { ...settings, seed: settings.seed + 1 };
    expect(projectSelectedCached(inputs, otherSeed)).toEqual(projectSelected(inputs, otherSeed));
    expect(projectSelectedCached(inputs, otherSeed).areas[0]?.samples).not.toEqual(first.areas[0]?.samples);
    const damped = projectSelectedCached(inputs, settings, { trendDamping: 0.5 });
    expect(damped).toEqual(projectSelected(inputs, settings, { trendDamping: 0.5 }));
    expect(damped).not.toEqual(first);
  });

  it('gives each caller its own copy', () => {
    const inputs = projectionInputs(context.plans);
    const settings = resolveSettings(options, inputs.planSettings);
    const first = projectSelectedCached(inputs, settings);
    const expected = projectSelected(inputs, settings);
    first.areas[0]!.samples![0] = -1;
    first.warnings.push('changed by a caller');
    expect(projectSelectedCached(inputs, settings)).toEqual(expected);
  });
});
