/**
 * Placement flows modelled for the plan's own members: a new plan gets rows for its members only,
 * summing to each member's latest children in homes, under a modelled (not illustrative) source; a
 * change of members models them again, so no row names a former member or a stale OUTSIDE.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { readPlanData } from '../../electron/store/planData.js';
import { MODELLED_FLOWS_SOURCE_ID } from '#shared/allocate/planFlows.js';
import { OUTSIDE_CONSORTIUM } from '#shared/model/placements.js';
import { makeTempDir } from '../helpers/tmp.js';

const WEST_YORKSHIRE = ['E08000032', 'E08000033', 'E08000034', 'E08000035', 'E08000036'];
let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
beforeAll(() => {
  tmp = makeTempDir('planner-flows-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data'), autosaveIntervalMs: 0 });
});
afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

function flowsByPlacing(): { data: ReturnType<typeof readPlanData>; totals: Map<string, number> } {
  const data = context.plans.read((db) => readPlanData(db));
  const totals = new Map<string, number>();
  for (const f of data.flows) totals.set(f.placingArea, (totals.get(f.placingArea) ?? 0) + f.children);
  return { data, totals };
}

function childrenInHomes2025(data: ReturnType<typeof readPlanData>, code: string): number | null | undefined {
  return data.observations.find(
    (o) => o.area === code && o.measure === 'childrenInChildrensHomes' && o.period === '2025',
  )?.value;
}

describe('modelled placement flows', () => {
  it('a new plan holds its members’ flows, each summing to the member’s children in homes, under a modelled source', () => {
    context.plans.newPlan({ name: 'West Yorkshire', members: WEST_YORKSHIRE });
    const { data, totals } = flowsByPlacing();
    expect([...totals.keys()].sort()).toEqual(WEST_YORKSHIRE);
    for (const code of WEST_YORKSHIRE) expect(totals.get(code)).toBe(childrenInHomes2025(data, code));
    for (const f of data.flows) {
      expect(f.source).toBe(MODELLED_FLOWS_SOURCE_ID);
      expect([...WEST_YORKSHIRE, OUTSIDE_CONSORTIUM]).toContain(f.hostArea);
    }
    const source = data.sources.find((s) => s.id === MODELLED_FLOWS_SOURCE_ID);
    expect(source?.illustrative).toBe(false);
    expect(source?.title).toMatch(/^Modelled placing-LA → host-LA flows/);
    expect(source?.table).toMatch(/exp\(−\d\.\d{4} × miles\)/);
  });

  it('a change of members models the flows again for the new members', () => {
    context.plans.setMembership(WEST_YORKSHIRE.slice(0, 2));
    const { data, totals } = flowsByPlacing();
    expect([...totals.keys()].sort()).toEqual(WEST_YORKSHIRE.slice(0, 2));
    for (const f of data.flows) expect([...WEST_YORKSHIRE.slice(0, 2), OUTSIDE_CONSORTIUM]).toContain(f.hostArea);
    // children once placed in the dropped members now count as outside the consortium
    const outside = data.flows.filter((f) => f.hostArea === OUTSIDE_CONSORTIUM).reduce((s, f) => s + f.children, 0);
    expect(outside).toBeGreaterThan(0);
  });
});
