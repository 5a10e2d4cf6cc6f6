import { useEffect, useRef, useState } from 'react';
import type { CallArgs, CallResults } from '../../../../shared/api/contract.js';
import { api } from '../../api';
import { toShownError, type ShownError } from '../../app/usePlanController';

export type ProjectionRequest = CallArgs<'getProjection'>;
export type ProjectionResponse = CallResults['getProjection'];

/** How long the inputs must stay still before the projection is run again. */
export const projectionDebounceMs = 150;

/**
 * A projection asked for ahead of time, right after a change to the plan (see
 * {@link prefetchProjection}): the next run for the same request object takes its answer instead of
 * asking again, once the plan's refreshed summary arrives.
 */
let prefetched: { request: ProjectionRequest; response: Promise<ProjectionResponse> } | null = null;

/**
 * Starts getProjection for `request` at once, for the plan as a change just made left it (an
 * assumption committed): the host works it out while the app reloads the plan summary, instead of
 * after. The run that the new summary causes takes this answer when its request is the same object;
 * any other run drops it. Call only after the change has been made in the host.
 */
export function prefetchProjection(request: ProjectionRequest): void {
  const response = api.getProjection(request);
  // a failure is reported by the run that takes it, or not at all when none does
  response.catch(() => undefined);
  prefetched = { request, response };
}

/** The prefetched answer for `request`, once (null when there is none for it). */
function takePrefetched(request: ProjectionRequest): Promise<ProjectionResponse> | null {
  const found = prefetched;
  prefetched = null;
  return found && found.request === request ? found.response : null;
}

interface Settled {
  request: ProjectionRequest | null;
  revision: unknown;
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
}

/**
 * Runs getProjection for the current inputs, debounced: a change of the controls waits
 * {@link projectionDebounceMs} (a change of the plan alone, such as a committed assumption, runs at
 * once: it is one change, already settled),
 * a newer change cancels an older run (its answer is dropped), and the last good answer stays on
 * screen meanwhile. `request` must keep its identity while its contents are unchanged; `revision`
 * changes whenever the plan does (e.g. the plan summary object), to run it again.
 */
export function useProjection(request: ProjectionRequest | null, revision: unknown): ProjectionState {
  const [settled, setSettled] = useState<Settled>({
    request: null,
    revision: null,
    response: null,
    error: null,
    lastRate: null,
  });

  const lastRequest = useRef<ProjectionRequest | null>(null);
  useEffect(() => {
    if (!request) return;
    let cancelled = false;
    const controlsChanged = lastRequest.current !== request;
    lastRequest.current = request;
    // A change of the plan alone (an assumption committed) may have been asked for already.
    const early = takePrefetched(request);
    const timer = window.setTimeout(
      () => {
        (early ?? api.getProjection(request)).then(
          (response) => {
            if (cancelled) return;
            setSettled((prev) => ({
              request,
              revision,
              response,
              error: null,
              lastRate: response.projection.method === 'rate' ? response : prev.lastRate,
            }));
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
  }, [request, revision]);

  return {
    response: settled.response,
    error: settled.error,
    updating: request !== null && (settled.request !== request || settled.revision !== revision),
    lastRate: settled.lastRate,
  };
}
