/**
 * The plan's scenarios from the host: the list (reloaded with the plan's revision) and host runs of
 * chosen scenarios for Compare, debounced, the newest request winning.
 */
import { useEffect, useRef, useState } from 'react';
import type { CallArgs, CallResults } from '#shared/api/contract.js';
import { api } from '../api';
import { planSession } from './planSession/planSessionStore';
import { toShownError, type ShownError } from './usePlanController';

export type ScenarioListItem = CallResults['listScenarios'][number];
export type RunResult = CallResults['runScenarios'];

/**
 * What the Scenarios view asks the host for: no simulations or seed, so the host uses the plan's own,
 * as the projection does, and the baseline's gap and cost are the ones every other view shows.
 */
export const scenarioContextRequest: CallArgs<'getScenarioContext'> = {};

/** How long to wait after a change before running the scenarios again. */
export const runDebounceMs = 300;

interface ListState {
  revision: number | null;
  list: ScenarioListItem[] | null;
  error: ShownError | null;
}

/**
 * The plan's scenarios (the baseline first), loaded again whenever `revision` changes (pass the
 * plan session's revision, bumped after every change to the plan).
 */
export function useScenarioList(revision: number): { list: ScenarioListItem[] | null; error: ShownError | null } {
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

interface RunState {
  key: string | null;
  revision: number | null;
  result: RunResult | null;
  error: ShownError | null;
}

export interface ScenarioRunState {
  /** The latest result (kept on screen while a newer one is on its way). */
  result: RunResult | null;
  error: ShownError | null;
  /** True while the shown result is not for the current request. */
  updating: boolean;
}

/**
 * Runs the baseline and the scenarios `ids` (at most four) on the host, debounced: a change waits
 * {@link runDebounceMs}, a newer request drops an older one's answers, and the last result stays on
 * screen meanwhile. `ids` null runs nothing. `revision` changes whenever the plan does. (The
 * Scenarios view runs its scenario in workers instead, as it is edited: ./useLiveScenarioRun.ts.)
 */
export function useScenarioRun(
  ids: readonly string[] | null,
  revision: number,
  /** Simulations per run; none asked for, the host uses the plan's own, as the projection does. */
  simulations?: number,
): ScenarioRunState {
  const key = ids ? `${simulations ?? ''}|${ids.join('|')}` : null;
  const [state, setState] = useState<RunState>({ key: null, revision: null, result: null, error: null });
  // Every request gets a number; only the latest request's answers are shown.
  const latest = useRef(0);

  useEffect(() => {
    if (key === null) return;
    const [sims = '', ...chosen] = key.split('|');
    const request = ++latest.current;
    let cancelled = false;
    const isLatest = () => !cancelled && request === latest.current;
    const args = { ids: chosen.filter((id) => id !== ''), ...(sims ? { simulations: Number(sims) } : {}) };
    const timer = window.setTimeout(() => {
      api.runScenarios(args).then(
        (result) => {
          if (!isLatest()) return;
          // The years of the run, for the lever forms (plan session).
          planSession.setProjectionYears(result.baseline.years.map((y) => y.year));
          setState({ key, revision, result, error: null });
        },
        (error: unknown) => {
          if (isLatest()) setState((prev) => ({ ...prev, key, revision, error: toShownError(error) }));
        },
      );
    }, runDebounceMs);
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
  };
}
