/**
 * The plan session: what the renderer remembers about the open plan while the app runs, in one
 * small store instead of variables scattered through the views. It holds the scenario drafts
 * (unsaved lever edits), the selections (the scenario shown, Compare's ticked scenarios, the
 * projection's controls and manual growth), the plan's horizon, the years of the last scenario run
 * (lever forms offer them) and a revision number bumped by every change to the plan.
 *
 * Rules: only the plan controller (../usePlanController.ts) calls `planRefreshed` and
 * `planReplaced`; views read through ./usePlanSession.ts and change their own slice with the
 * setters here, never by mutating a state they were given. Every setter replaces the state object,
 * so `getState()` identity changes exactly when something changed. Opening, making, recovering or
 * closing a plan (or the plan's path or name changing, as Save as does) starts a fresh session;
 * the revision keeps counting up so that nothing keyed on it mistakes one plan for another.
 * Pure TypeScript (no React), so it is unit-tested directly.
 */
import { defaultSettings } from '#shared/forecast/settings.js';
import { BASELINE_SCENARIO_ID } from '#shared/scenario/builtin.js';
import type { ControlValues } from '../../views/projection/ProjectionControls';
import type { ScenarioDraft } from '../../views/scenarios/leverFields/drafts';

/** The forecast's own defaults, as the scenarios, report, exports and CLI use them: one set of figures. */
export const defaultProjectionControls: ControlValues = {
  method: 'rate',
  horizonYears: defaultSettings.horizonYears,
  simulations: defaultSettings.simulations,
  seedText: String(defaultSettings.seed),
};

export interface PlanSessionState {
  /** The open plan as "path|name" (path empty before its first save); null when none is open. */
  planKey: string | null;
  /** Bumped by every change to the plan (each refresh of its summary after a call). */
  revision: number;
  /** The plan's projection horizon in years (saved with the plan); null when none is open. */
  horizonYears: number | null;
  /** The scenario shown in the Scenarios view and the unsaved edits of each scenario, by id. */
  scenarios: { selectedId: string; drafts: Readonly<Record<string, ScenarioDraft>> };
  /** The scenarios ticked in Compare; null until the user first chooses. */
  compareIds: readonly string[] | null;
  /** The Projection view's controls (its horizon is the plan's) and manual growth as typed, by LA. */
  projection: { controls: ControlValues; growth: Readonly<Record<string, string>> };
  /** The years (ending 31 March) of the last scenario run; lever forms offer them as start years. */
  projectionYears: readonly string[];
}

/** The plan as a refresh found it. */
export interface RefreshedPlan {
  key: string;
  horizonYears: number;
}

export interface PlanSessionStore {
  getState(): PlanSessionState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /**
   * The plan controller has reloaded the plan's state and summary: bumps the revision, records the
   * horizon, and starts afresh when another plan is open (or none, `plan` null).
   */
  planRefreshed(plan: RefreshedPlan | null): void;
  /** A plan was opened, made, recovered or closed: the next refresh starts a fresh session. */
  planReplaced(): void;
  selectScenario(id: string): void;
  changeDrafts(change: (drafts: Readonly<Record<string, ScenarioDraft>>) => Record<string, ScenarioDraft>): void;
  chooseCompared(ids: readonly string[]): void;
  setProjectionControls(controls: ControlValues): void;
  setProjectionGrowth(growth: Readonly<Record<string, string>>): void;
  /** Records the years of a scenario run (no change, and no notice, when they are the same). */
  setProjectionYears(years: readonly string[]): void;
  /** A new React key for a lever's form, unique for as long as the app runs. */
  nextDraftKey(): string;
}

/** The session of a plan just opened (or of none), at a given revision. */
export function freshSession(planKey: string | null, revision: number, horizonYears: number | null): PlanSessionState {
  return {
    planKey,
    revision,
    horizonYears,
    scenarios: { selectedId: BASELINE_SCENARIO_ID, drafts: {} },
    compareIds: null,
    projection: { controls: defaultProjectionControls, growth: {} },
    projectionYears: [],
  };
}

export function createPlanSessionStore(): PlanSessionStore {
  let state = freshSession(null, 0, null);
  let replaced = false;
  let draftKeys = 0;
  const listeners = new Set<() => void>();

  const set = (next: PlanSessionState) => {
    state = next;
    for (const listener of [...listeners]) listener();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    planRefreshed(plan) {
      const key = plan?.key ?? null;
      const revision = state.revision + 1;
      const horizonYears = plan?.horizonYears ?? null;
      const fresh = replaced || key !== state.planKey;
      replaced = false;
      set(fresh ? freshSession(key, revision, horizonYears) : { ...state, revision, horizonYears });
    },
    planReplaced() {
      replaced = true;
    },
    selectScenario(id) {
      if (id !== state.scenarios.selectedId) set({ ...state, scenarios: { ...state.scenarios, selectedId: id } });
    },
    changeDrafts(change) {
      const drafts = change(state.scenarios.drafts);
      if (drafts !== state.scenarios.drafts) set({ ...state, scenarios: { ...state.scenarios, drafts } });
    },
    chooseCompared(ids) {
      set({ ...state, compareIds: [...ids] });
    },
    setProjectionControls(controls) {
      if (controls !== state.projection.controls) set({ ...state, projection: { ...state.projection, controls } });
    },
    setProjectionGrowth(growth) {
      if (growth !== state.projection.growth) set({ ...state, projection: { ...state.projection, growth } });
    },
    setProjectionYears(years) {
      if (years.length === state.projectionYears.length && years.every((y, i) => y === state.projectionYears[i]))
        return;
      set({ ...state, projectionYears: [...years] });
    },
    nextDraftKey: () => `lever-draft-${++draftKeys}`,
  };
}

/** The app's one plan session. */
export const planSession = createPlanSessionStore();

/** The key of an open plan, as the session tells plans apart. */
export function planKeyOf(plan: { path: string | null; name: string }): string {
  return `${plan.path ?? ''}|${plan.name}`;
}
