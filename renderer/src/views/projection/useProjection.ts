import { useEffect, useRef, useState } from 'react';
import type { CallArgs, CallResults } from '../../../../shared/api/contract.js';
import { api } from '../../api';
import { toShownError, type ShownError } from '../../app/usePlanController';

export type ProjectionRequest = CallArgs<'getProjection'>;
export type ProjectionResponse = CallResults['getProjection'];

/** How long the inputs must stay still before the projection is run again. */
export const projectionDebounceMs = 150;

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
    const timer = window.setTimeout(
      () => {
        api.getProjection(request).then(
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
