import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallArgs, CallResults } from '#shared/api/contract.js';
import { api } from '../../api';
import { toShownError, type ShownError } from '../../app/usePlanController';

export type ProjectionRequest = CallArgs<'getProjection'>;
export type ProjectionResponse = CallResults['getProjection'];

/** How long the inputs must stay still before the projection is run again. */
export const projectionDebounceMs = 150;

interface Settled {
  request: ProjectionRequest | null;
  revision: number | typeof AFTER_CHANGE | null;
  response: ProjectionResponse | null;
  error: ShownError | null;
  lastRate: ProjectionResponse | null;
}

export interface ProjectionState {
  /** The latest response (kept on screen while a newer one is on its way). */
  response: ProjectionResponse | null;
  /** The error of the latest run, when it failed. */
  error: ShownError | null;
  /** True while the shown response is not yet for the current inputs. */
  updating: boolean;
  /** The latest rate-method response (a starting point for manual growth), if any. */
  lastRate: ProjectionResponse | null;
  /**
   * Call right after a change to the plan has been made in the host (an assumption committed):
   * asks for the projection at once, instead of once the app has reloaded the plan summary, and
   * shows it as soon as it arrives. The run that the new summary causes takes this answer.
   */
  planChanged: () => void;
}

/**
 * The revision of an answer asked for by planChanged: the plan as the change left it, which the
 * summary on its way will describe; current until that summary arrives.
 */
const AFTER_CHANGE = Symbol('the plan after the change being refreshed');

/** A projection asked for by planChanged, for the plan as the change left it. */
interface Early {
  request: ProjectionRequest;
  response: Promise<ProjectionResponse>;
}

/**
 * Runs getProjection for the current inputs, debounced: a change of the controls waits
 * {@link projectionDebounceMs} (a change of the plan alone, such as a committed assumption, runs at
 * once: it is one change, already settled),
 * a newer change cancels an older run (its answer is dropped), and the last good answer stays on
 * screen meanwhile. `request` must keep its identity while its contents are unchanged; `revision`
 * changes whenever the plan does (the plan session's revision), to run it again.
 */
export function useProjection(request: ProjectionRequest | null, revision: number): ProjectionState {
  const [settled, setSettled] = useState<Settled>({
    request: null,
    revision: null,
    response: null,
    error: null,
    lastRate: null,
  });

  const lastRequest = useRef<ProjectionRequest | null>(null);
  const early = useRef<Early | null>(null);

  const settle = useCallback(
    (request: ProjectionRequest, revision: Settled['revision'], response: ProjectionResponse) => {
      setSettled((prev) => ({
        request,
        revision,
        response,
        error: null,
        lastRate: response.projection.method === 'rate' ? response : prev.lastRate,
      }));
    },
    [],
  );

  const planChanged = useCallback(() => {
    const request = lastRequest.current;
    if (!request) return;
    const entry: Early = { request, response: api.getProjection(request) };
    early.current = entry;
    entry.response.then(
      (response) => {
        // Shown at once while the summary for the change is still on its way (the run that the
        // new summary causes takes the same answer); dropped once anything newer was asked for.
        if (early.current === entry && lastRequest.current === request) settle(request, AFTER_CHANGE, response);
      },
      () => undefined, // reported by the run that takes it
    );
  }, [settle]);

  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    const controlsChanged = lastRequest.current !== request;
    lastRequest.current = request;
    // A change of the plan alone (an assumption committed) may have been asked for already.
    const taken = early.current;
    early.current = null;
    const answer = taken && taken.request === request ? taken.response : null;
    const timer = window.setTimeout(
      () => {
        (answer ?? api.getProjection(request)).then(
          (response) => {
            if (!cancelled) settle(request, revision, response);
          },
          (error: unknown) => {
            if (!cancelled) setSettled((prev) => ({ ...prev, request, revision, error: toShownError(error) }));
          },
        );
      },
      controlsChanged ? projectionDebounceMs : 0,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [request, revision, settle]);

  return {
    response: settled.response,
    error: settled.error,
    updating:
      request !== null &&
      (settled.request !== request || (settled.revision !== revision && settled.revision !== AFTER_CHANGE)),
    lastRate: settled.lastRate,
    planChanged,
  };
}
