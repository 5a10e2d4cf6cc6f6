/**
 * The renderer's plan session (renderer/src/app/planSession/planSessionStore.ts): a revision bumped
 * by every refresh of the plan, a fresh session for another plan, the views' slices kept until then,
 * and listeners told of each change; and the content key that decides when the Scenarios view asks
 * its workers for a run (renderer/src/views/scenarios/engine/contentKey.ts).
 */
import { describe, expect, it } from 'vitest';
import { BASELINE_SCENARIO_ID, builtInScenarios } from '#shared/scenario/builtin.js';
import { scenarioSchema } from '#shared/scenario/levers.js';
import {
  createPlanSessionStore,
  defaultProjectionControls,
  planKeyOf,
} from '../../renderer/src/app/planSession/planSessionStore.js';
import { contentKey } from '../../renderer/src/views/scenarios/engine/contentKey.js';
import type { ScenarioDraft } from '../../renderer/src/views/scenarios/leverFields/index.js';

const draft: ScenarioDraft = {
  notes: 'edited',
  illustrative: false,
  levers: [{ key: 'lever-draft-1', type: 'closure', values: { la: 'E08000001', places: '4' } }],
};
const bury = { key: planKeyOf({ path: '/plans/bury.ccplan', name: 'bury' }), horizonYears: 5 };

/** A session with edits in every slice, for the plan `bury`. */
function editedSession() {
  const store = createPlanSessionStore();
  store.planRefreshed(bury);
  store.selectScenario('scenario-1');
  store.changeDrafts((drafts) => ({ ...drafts, 'scenario-1': draft }));
  store.chooseCompared(['scenario-1', 'scenario-2']);
  store.setProjectionControls({ ...defaultProjectionControls, method: 'manual', seedText: '9' });
  store.setProjectionGrowth({ E08000001: '2.5' });
  store.setProjectionYears(['2026', '2027']);
  return store;
}

describe('the plan session', () => {
  it('bumps the revision on every refresh of the plan and records its horizon, keeping the edits', () => {
    const store = editedSession();
    const before = store.getState();
    store.planRefreshed({ ...bury, horizonYears: 7 });
    const after = store.getState();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.horizonYears).toBe(7);
    expect(after.scenarios).toEqual({ selectedId: 'scenario-1', drafts: { 'scenario-1': draft } });
    expect(after.compareIds).toEqual(['scenario-1', 'scenario-2']);
    expect(after.projection.controls.method).toBe('manual');
    expect(after.projection.growth).toEqual({ E08000001: '2.5' });
    expect(after.projectionYears).toEqual(['2026', '2027']);
  });

  it('starts afresh when another plan is open, when the plan is saved under another name, and when none is', () => {
    const other = { key: planKeyOf({ path: '/plans/wigan.ccplan', name: 'wigan' }), horizonYears: 5 };
    const renamed = { key: planKeyOf({ path: '/plans/bury-2.ccplan', name: 'bury-2' }), horizonYears: 5 };
    for (const next of [other, renamed, null]) {
      const store = editedSession();
      const revision = store.getState().revision;
      store.planRefreshed(next);
      expect(store.getState()).toEqual({
        planKey: next?.key ?? null,
        revision: revision + 1,
        horizonYears: next?.horizonYears ?? null,
        scenarios: { selectedId: BASELINE_SCENARIO_ID, drafts: {} },
        compareIds: null,
        projection: { controls: defaultProjectionControls, growth: {} },
        projectionYears: [],
      });
    }
  });

  it('starts afresh at the refresh after a plan was opened, made or closed, even one of the same name', () => {
    const store = editedSession();
    store.planReplaced();
    // Nothing changes until the new plan's refresh, so the old plan's view never shows a blank session.
    expect(store.getState().scenarios.selectedId).toBe('scenario-1');
    store.planRefreshed(bury);
    expect(store.getState().scenarios).toEqual({ selectedId: BASELINE_SCENARIO_ID, drafts: {} });
    expect(store.getState().compareIds).toBeNull();
    // Once only: the next refresh of the same plan keeps what was chosen since.
    store.selectScenario('scenario-2');
    store.planRefreshed(bury);
    expect(store.getState().scenarios.selectedId).toBe('scenario-2');
  });

  it('tells its listeners of each change, and not of a change that changes nothing', () => {
    const store = createPlanSessionStore();
    let calls = 0;
    const stop = store.subscribe(() => calls++);
    store.planRefreshed(bury);
    store.setProjectionYears(['2026', '2027']);
    store.setProjectionYears(['2026', '2027']); // the same years: no notice
    store.selectScenario(BASELINE_SCENARIO_ID); // already selected: no notice
    const state = store.getState();
    store.changeDrafts((drafts) => drafts); // unchanged: no notice
    expect(store.getState()).toBe(state);
    expect(calls).toBe(2);
    stop();
    store.planRefreshed(bury);
    expect(calls).toBe(2);
  });

  it('gives every lever form a key of its own, across plans', () => {
    const store = createPlanSessionStore();
    const first = store.nextDraftKey();
    store.planReplaced();
    store.planRefreshed(bury);
    const second = store.nextDraftKey();
    expect(second).not.toBe(first);
    expect(second).toMatch(/^lever-draft-\d+$/);
  });
});

describe('the content key of a scenario run', () => {
  const [block, homes] = builtInScenarios().map((s) => scenarioSchema.parse(s));

  it('is the same for the same content in another object, and differs when any value does', () => {
    const copy = structuredClone(block!);
    expect(copy).not.toBe(block);
    expect(contentKey(copy)).toBe(contentKey(block));
    expect(contentKey(homes)).not.toBe(contentKey(block));
    const lever = block!.levers[0]!;
    const changes = [
      { ...block!, name: `${block!.name} ` },
      { ...block!, notes: `${block!.notes}.` },
      { ...block!, illustrative: !block!.illustrative },
      { ...block!, levers: [{ ...lever, startYear: '2028' }] },
      { ...block!, levers: [lever, lever] },
      { ...block!, levers: [] },
    ];
    const keys = new Set(changes.map(contentKey));
    expect(keys.size).toBe(changes.length);
    expect(keys.has(contentKey(block))).toBe(false);
  });

  it('tells numbers, text and structure apart, and counts an undefined field as absent, as JSON does', () => {
    expect(contentKey({ beds: 4 })).not.toBe(contentKey({ beds: '4' }));
    expect(contentKey({ beds: 4 })).not.toBe(contentKey({ beds: 4.000001 }));
    expect(contentKey(['ab', 'c'])).not.toBe(contentKey(['a', 'bc']));
    expect(contentKey({ a: [1], b: [] })).not.toBe(contentKey({ a: [], b: [1] }));
    expect(contentKey({ a: 1, label: undefined })).toBe(contentKey({ a: 1 }));
    expect(contentKey(null)).not.toBe(contentKey(false));
  });
});
