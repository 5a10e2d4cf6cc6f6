/**
 * The placement-flow fit the build stores for the built-in figures (dist/node/builtin-flow-fit.json):
 * read back exactly, used only for exactly the figures it was fitted to, and giving a new plan the
 * same modelled flows as fitting afresh.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { readPlanData } from '../../electron/store/planData.js';
import type { PlanFlowInputs } from '#shared/allocate/planFlows.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let data: PlanFlowInputs;
const members = ['E08000001', 'E08000002', 'E08000003'];

beforeAll(() => {
  tmp = makeTempDir('planner-flow-fit-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data'), autosaveIntervalMs: 0 });
  context.plans.newPlan();
  data = context.plans.read((db) => readPlanData(db));
});

afterAll(() => {
  context.plans.dispose();
  tmp.cleanup();
});

/** planFlows and the store, freshly loaded: a process that has fitted nothing yet. */
async function freshModules() {
  vi.resetModules();
  const flows = await import('#shared/allocate/planFlows.js');
  const store = await import('../../electron/services/flowFitStore.js');
  return { flows, store };
}

describe('the stored placement-flow fit', () => {
  it('reads back exactly, and a fresh process uses it for the same figures', async () => {
    const fitted = await freshModules();
    const file = path.join(tmp.dir, 'fit.json');
    expect(fitted.store.writeFlowFit(file, data)).toBe(true);
    const expected = fitted.flows.modelledPlanFlows(data, members);
    const original = fitted.flows.nationalFlowFit(data);

    const parsed = fitted.store.parseFlowFit(fs.readFileSync(file, 'utf8'));
    expect(parsed.key).toBe(original?.key);
    expect(parsed.model.flows).toEqual(original?.model.flows);
    expect(parsed.model.miles).toEqual(original?.model.miles);
    expect(parsed.model.fit).toEqual(original?.model.fit);

    const fresh = await freshModules();
    expect(fresh.store.loadFlowFit(file)).toBe(true);
    // the stored model is the one used: no second fit
    const used = fresh.flows.nationalFlowFit(data);
    expect(used?.model.flows).toEqual(parsed.model.flows);
    expect(fresh.flows.modelledPlanFlows(data, members)?.flows).toEqual(expected?.flows);
    expect(fresh.flows.modelledPlanFlows(data, members)?.source).toEqual(expected?.source);
    // the very model held is the one given, not a fit made again
    const primed = await freshModules();
    primed.flows.primeNationalFlowFit(parsed);
    expect(primed.flows.nationalFlowFit(data)?.model).toBe(parsed.model);
  }, 60_000);

  it('is ignored for other figures, and a missing or damaged file changes nothing', async () => {
    const fitted = await freshModules();
    const file = path.join(tmp.dir, 'fit-other.json');
    fitted.store.writeFlowFit(file, data);
    const stored = fitted.store.parseFlowFit(fs.readFileSync(file, 'utf8'));

    // one authority's children in homes changed: the stored fit is not for these figures
    const period = (JSON.parse(stored.key) as [string])[0];
    const first = data.observations.findIndex(
      (o) => o.measure === 'childrenInChildrensHomes' && o.period === period && o.value !== null,
    );
    expect(first).toBeGreaterThanOrEqual(0);
    const changed = {
      ...data,
      observations: data.observations.map((o, i) => (i === first ? { ...o, value: (o.value ?? 0) + 40 } : o)),
    };
    const fresh = await freshModules();
    expect(fresh.store.loadFlowFit(file)).toBe(true);
    const refitted = fresh.flows.nationalFlowFit(changed);
    expect(refitted?.key).not.toBe(stored.key);
    expect(refitted?.model.flows).not.toEqual(stored.model.flows);

    const missing = await freshModules();
    expect(missing.store.loadFlowFit(path.join(tmp.dir, 'none.json'))).toBe(false);
    fs.writeFileSync(path.join(tmp.dir, 'bad.json'), '{"key": 1}');
    expect(missing.store.loadFlowFit(path.join(tmp.dir, 'bad.json'))).toBe(false);
    expect(() => missing.store.parseFlowFit('{"key":"[]","model":{"codes":["a"]},"flows":"AAAA","miles":""}')).toThrow(
      /not a national flow fit/,
    );
  }, 120_000);
});
