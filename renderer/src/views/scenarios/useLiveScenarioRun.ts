/**
 * Runs the scenario being edited in the Scenarios view's workers (./engine/), as it changes: the
 * central estimate at once, then the simulated ranges. docs/architecture.md walks the whole path.
 */
import { useEffect, useEffectEvent, useMemo, useRef, useState } from 'react';
import type { Scenario } from '#shared/scenario/levers.js';
import { api } from '../../api';
import { planSession } from '../../app/planSession/planSessionStore';
import { toShownError, type ShownError } from '../../app/usePlanController';
import { contentKey } from './engine/contentKey';
import { ScenarioEngine, ScenarioRunError } from './engine/scenarioEngine';
import { scenarioContextRequest, type RunResult } from '../../app/useScenarios';

/** How long after the central estimate the simulated run starts: long enough to let a typist finish. */
export const simulatedDelayMs = 150;

export interface LiveRunState {
  /** The latest result (kept on screen while a newer one is on its way). */
  result: RunResult | null;
  error: ShownError | null;
  /** True while the shown result is not for the scenario as it now stands. */
  updating: boolean;
  /** True while the shown result is the central estimate and the simulated run is on its way. */
  central: boolean;
  /** Milliseconds the worker took for the shown result. */
  computeMs: number | null;
}

interface Shown {
  key: string | null;
  result: RunResult | null;
  error: ShownError | null;
  phase: 'central' | 'full';
  computeMs: number | null;
}

function shownError(error: unknown): ShownError {
  if (error instanceof ScenarioRunError) {
    return { code: null, message: error.issues.length ? `${error.message} ${error.issues.join('; ')}` : error.message };
  }
  return toShownError(error);
}

/**
 * Runs the baseline and `scenario` (null: the baseline alone) in the scenario workers as the
 * scenario is edited: the central estimate at once, then the simulated ranges. `scenario` has been
 * parsed by the schema already (the lever editor's validateDraft, or the host for a saved one) and
 * is not checked again here. A run is asked for once per change of its content (its
 * {@link contentKey}) or of the context. The plan's scenario context is fetched from the host
 * whenever `revision` changes (the plan session's); until it arrives the workers keep the one they
 * have, and a context with the same key runs nothing again.
 */
export function useLiveScenarioRun(scenario: Scenario | null, revision: number): LiveRunState {
  const engine = useRef<ScenarioEngine | null>(null);
  const [contextKey, setContextKey] = useState<string | null>(null);
  const [contextError, setContextError] = useState<ShownError | null>(null);
  const [shown, setShown] = useState<Shown>({ key: null, result: null, error: null, phase: 'full', computeMs: null });

  useEffect(() => {
    const created = new ScenarioEngine();
    engine.current = created;
    return () => {
      created.dispose();
      if (engine.current === created) engine.current = null;
    };
  }, []);

  useEffect(() => {
    let cancelled = false;
    api.getScenarioContext(scenarioContextRequest).then(
      ({ key, context }) => {
        if (cancelled || !engine.current) return;
        engine.current.setContext(key, context);
        setContextError(null);
        setContextKey(key);
      },
      (error: unknown) => {
        if (!cancelled) setContextError(toShownError(error));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [revision]);

  const scenarioKey = useMemo(() => (scenario ? contentKey(scenario) : 'baseline'), [scenario]);
  const runKey = contextKey ? `${contextKey}|${scenarioKey}` : null;
  // The scenario of the render that made the run key (read when the run starts, not a dependency).
  const scenariosToRun = useEffectEvent((): Scenario[] => (scenario ? [scenario] : []));

  useEffect(() => {
    const current = engine.current;
    if (!runKey || !current) return;
    const scenarios = scenariosToRun();
    let cancelled = false;
    let timer: number | undefined;
    const show = (phase: Shown['phase']) => (run: { result: RunResult; computeMs: number }) => {
      if (cancelled) return false;
      planSession.setProjectionYears(run.result.baseline.years.map((y) => y.year));
      setShown({ key: runKey, result: run.result, error: null, phase, computeMs: run.computeMs });
      return true;
    };
    const fail = (error: unknown) => {
      if (cancelled || (error instanceof ScenarioRunError && error.superseded)) return;
      setShown((prev) => ({ ...prev, key: runKey, error: shownError(error), phase: 'full' }));
    };
    current
      .run(scenarios, 'central')
      .then(show('central'))
      .then((ok) => {
        if (!ok) return;
        timer = window.setTimeout(() => {
          current.run(scenarios, 'simulated').then(show('full'), fail);
        }, simulatedDelayMs);
      }, fail);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [runKey]);

  const updating = runKey === null ? contextError === null : shown.key !== runKey;
  return {
    result: shown.result,
    error: contextError ?? (shown.key === runKey ? shown.error : null),
    updating,
    central: !updating && shown.phase === 'central' && shown.error === null,
    computeMs: shown.computeMs,
  };
}
