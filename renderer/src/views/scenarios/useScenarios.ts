import { useEffect, useRef, useState } from 'react';
import type { CallResults } from '../../../../shared/api/contract.js';
import { api } from '../../api';
import { toShownError, type ShownError } from '../../app/usePlanController';

export type ScenarioListItem = CallResults['listScenarios'][number];
export type RunResult = CallResults['runScenarios'];

/** Simulations per run: enough for stable medians and ranges, quick enough (≈ 0.5–1 s) to feel live. */
export const defaultSimulations = 500;

/** How long to wait after a change before running the scenarios again. */
export const runDebounceMs = 300;

interface ListState {
  revision: unknown;
  list: ScenarioListItem[] | null;
  error: ShownError | null;
}

/**
 * The plan's scenarios (the baseline first), loaded again whenever `revision` changes (pass the
 * plan summary, which is refreshed after every change to the plan).
 */
export function useScenarioList(revision: unknown): { list: ScenarioListItem[] | null; error: ShownError | null } {
  const [state, setState] = useState<ListState>({ revision: null, list: null, error: null });
  useEffect(() => {
    let cancelled = false;
    api.listScenarios({}).then(
      (list) => {
        if (!cancelled) setState({ revision, list, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState((prev) => ({ ...prev, revision, error: toShownError(error) }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [revision]);
  return { list: state.list, error: state.error };
}

/** The years of the last run, kept while the app runs (lever forms offer them as start years). */
let lastYears: string[] = [];

export function knownProjectionYears(): string[] {
  return lastYears;
}

interface RunState {
  key: string | null;
  revision: unknown;
  result: RunResult | null;
  error: ShownError | null;
  /** `central` while the result is the quick central estimate and the simulated run is on its way. */
  phase: 'central' | 'full';
}

export interface ScenarioRunState {
  /** The latest result (kept on screen while a newer one is on its way). */
  result: RunResult | null;
  error: ShownError | null;
  /** True while the shown result is not for the current request. */
  updating: boolean;
  /**
   * True while the shown result is the central estimate for the current request (no simulations;
   * ranges from percentile paths) and the simulated run that replaces it is still on its way.
   */
  central: boolean;
}

export interface ScenarioRunOptions {
  simulations?: number;
  /**
   * Answer each request at once with the host's central estimate (`simulations: 0`, a few
   * milliseconds), then replace it with the simulated run. Waits only {@link centralDebounceMs}.
   */
  centralFirst?: boolean;
}

/**
 * With `centralFirst`, how long to wait before the central estimate: no longer than it takes to
 * coalesce changes made together (saves are one at a time already).
 */
export const centralDebounceMs = 0;

/**
 * Runs the baseline and the scenarios `ids` (at most four), debounced: a change waits
 * {@link runDebounceMs} (or {@link centralDebounceMs} with `centralFirst`), a newer request drops an
 * older one's answers, and the last result stays on screen meanwhile. `ids` null runs nothing.
 * `revision` changes whenever the plan does.
 */
export function useScenarioRun(
  ids: readonly string[] | null,
  revision: unknown,
  { simulations = defaultSimulations, centralFirst = false }: ScenarioRunOptions = {},
): ScenarioRunState {
  const key = ids ? `${simulations}|${centralFirst ? 'central' : ''}|${ids.join('|')}` : null;
  const [state, setState] = useState<RunState>({
    key: null,
    revision: null,
    result: null,
    error: null,
    phase: 'full',
  });
  // Every request gets a number; only the latest request's answers are shown.
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const [sims = String(defaultSimulations), central = '', ...chosen] = key.split('|');
    const request = ++latest.current;
    let cancelled = false;
    const isLatest = () => !cancelled && request === latest.current;
    const args = { ids: chosen.filter((id) => id !== '') };
    const count = Number(sims);
    const show = (result: RunResult, phase: RunState['phase']) => {
      if (!isLatest()) return false;
      lastYears = result.baseline.years.map((y) => y.year);
      setState({ key, revision, result, error: null, phase });
      return true;
    };
    const fail = (error: unknown) => {
      if (isLatest()) setState((prev) => ({ ...prev, key, revision, error: toShownError(error), phase: 'full' }));
    };
    const runFull = () => {
      api.runScenarios({ ...args, simulations: count }).then((result) => show(result, 'full'), fail);
    };
    const quick = central === 'central' && count > 0;
    const timer = window.setTimeout(
      () => {
        if (!quick) runFull();
        else
          api.runScenarios({ ...args, simulations: 0 }).then((result) => {
            if (show(result, 'central')) runFull();
          }, fail);
      },
      quick ? centralDebounceMs : runDebounceMs,
    );
    return () => {
      window.clearTimeout(timer);
      // Answers still on their way for this request are dropped.
      cancelled = true;
    };
  }, [key, revision]);

  const updating = key !== null && (state.key !== key || state.revision !== revision);
  return {
    result: state.result,
    error: state.key === key && state.revision === revision ? state.error : null,
    updating,
    central: !updating && state.phase === 'central',
  };
}
