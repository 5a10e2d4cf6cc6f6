/**
 * The Scenarios view's "Recommend" panel: where should the consortium open homes? The user sets a
 * capital budget, an objective and the home sizes; the optimiser (shared/recommend) runs in its own
 * worker on the plan's scenario context, with progress and Cancel (which stops the worker); the
 * answer lists the homes ranked by what each adds, against the baseline, with how often the choice
 * holds and what would change it; "Make a scenario" saves the homes as a scenario of new-home levers
 * for Compare, the report and workshop mode.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Recommendation, RecommendObjective } from '#shared/recommend/types.js';
import { api } from '../../api';
import { toShownError } from '../../app/usePlanController';
import type { RecommendAnswer, RecommendRequest } from './engine/recommendWorkerCore';
import { RecommendationResult } from './RecommendationResult';
import { scenarioContextRequest } from '../../app/useScenarios';

export interface RecommendWorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export function createRecommendWorker(): RecommendWorkerLike {
  return new Worker(new URL('./engine/recommend.worker.ts', import.meta.url), { type: 'module', name: 'recommend' });
}

const objectives: { value: RecommendObjective; label: string }[] = [
  { value: 'local', label: 'Fewest children placed outside the consortium' },
  { value: 'distance', label: 'Fewest children placed more than 20 miles from home' },
  { value: 'cost', label: 'Lowest whole-life cost (NPV, residual value credited)' },
];
const allSizes = [2, 3, 4, 5, 6];

type Status =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; stage: string }
  | { kind: 'done'; recommendation: Recommendation }
  | { kind: 'error'; message: string };

export function RecommendPanel({
  act,
  onScenarioCreated,
  createWorker = createRecommendWorker,
}: {
  /** Runs a change to the plan; resolves to an error message, or null when it was made. */
  act: (task: () => Promise<void>) => Promise<string | null>;
  onScenarioCreated: (id: string) => void;
  createWorker?: () => RecommendWorkerLike;
}) {
  const ids = { heading: useId(), budget: useId(), objective: useId() };
  const [budgetMillions, setBudgetMillions] = useState('5');
  const [objective, setObjective] = useState<RecommendObjective>('local');
  const [sizes, setSizes] = useState<number[]>([2, 3, 4]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [saveMessage, setSaveMessage] = useState<string | null>(null);
  const worker = useRef<RecommendWorkerLike | null>(null);
  const request = useRef(0);

  const stop = () => {
    worker.current?.terminate();
    worker.current = null;
  };
  useEffect(() => stop, []);

  const budget = Number(budgetMillions) * 1_000_000;
  const budgetProblem =
    budgetMillions.trim() === '' || !Number.isFinite(budget) || budget < 0 || budget > 1e10
      ? 'Enter the capital budget in £ millions, e.g. 5 or 2.5.'
      : null;
  const sizesProblem = sizes.length === 0 ? 'Choose at least one home size.' : null;

  async function start() {
    if (budgetProblem || sizesProblem) return;
    stop();
    const mine = ++request.current;
    setSaveMessage(null);
    setStatus({ kind: 'running', done: 0, stage: 'Getting the plan’s projection' });
    let context: unknown;
    try {
      context = (await api.getScenarioContext(scenarioContextRequest)).context;
    } catch (error) {
      if (request.current === mine) setStatus({ kind: 'error', message: toShownError(error).message });
      return;
    }
    if (request.current !== mine) return;
    const w = createWorker();
    worker.current = w;
    w.onmessage = (event) => {
      const answer = event.data as RecommendAnswer;
      if (request.current !== mine) return;
      if (answer.type === 'progress') setStatus({ kind: 'running', done: answer.done, stage: answer.stage });
      else if (answer.type === 'result') {
        setStatus({ kind: 'done', recommendation: answer.recommendation });
        stop();
      } else {
        setStatus({ kind: 'error', message: [answer.message, ...answer.issues].join(' ') });
        stop();
      }
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      if (request.current === mine)
        setStatus({ kind: 'error', message: `The recommendation stopped: ${event.message || 'unknown error'}.` });
      stop();
    };
    const message: RecommendRequest = {
      type: 'recommend',
      request: mine,
      context,
      options: { budget, objective, sizes: [...sizes].sort((a, b) => a - b) },
    };
    w.postMessage(message);
  }

  function cancel() {
    request.current++;
    stop();
    setStatus({ kind: 'idle' });
  }

  async function makeScenario(r: Recommendation) {
    const bytes = new Uint8Array(4);
    crypto.getRandomValues(bytes);
    const id = `${r.scenario.id}-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`.slice(0, 64);
    const error = await act(() => api.saveScenario({ scenario: { ...r.scenario, id } }).then(() => undefined));
    if (error) setSaveMessage(`The scenario could not be made: ${error}`);
    else {
      setSaveMessage(`Made the scenario “${r.scenario.name}”.`);
      onScenarioCreated(id);
    }
  }

  const running = status.kind === 'running';
  return (
    <section className="scn-recommend" aria-labelledby={ids.heading} data-testid="recommend-panel">
      <h2 id={ids.heading}>Recommend homes</h2>
      <p className="scn-intro">
        Where should the consortium open its next homes? Every member, home size and opening year in the horizon is a
        candidate; each choice is run through the same allocation and costs as the scenarios, over the projection’s
        simulations. Capital and running costs per place are illustrative assumptions, shown with the answer.
      </p>
      <form
        className="scn-recommend-form"
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <label htmlFor={ids.budget}>Capital budget (£ millions)</label>
        <input
          id={ids.budget}
          inputMode="decimal"
          value={budgetMillions}
          onChange={(e) => setBudgetMillions(e.target.value)}
          aria-invalid={budgetProblem ? 'true' : undefined}
          disabled={running}
        />
        <label htmlFor={ids.objective}>Objective</label>
        <select
          id={ids.objective}
          value={objective}
          onChange={(e) => setObjective(e.target.value as RecommendObjective)}
          disabled={running}
        >
          {objectives.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <fieldset disabled={running}>
          <legend>Home sizes (places)</legend>
          {allSizes.map((s) => (
            <label key={s} className="scn-recommend-size">
              <input
                type="checkbox"
                checked={sizes.includes(s)}
                onChange={(e) => setSizes((prev) => (e.target.checked ? [...prev, s] : prev.filter((x) => x !== s)))}
              />
              {s}
            </label>
          ))}
        </fieldset>
        <div className="scn-recommend-actions">
          {/* Distinct keys: were React to reuse the Cancel button as the submit button during the
              click, the click's default action would submit the form and start the run again. */}
          {running ? (
            <button key="cancel" type="button" className="button" onClick={cancel}>
              Cancel
            </button>
          ) : (
            <button
              key="recommend"
              type="submit"
              className="button button-primary"
              disabled={Boolean(budgetProblem || sizesProblem)}
            >
              Recommend
            </button>
          )}
        </div>
        {(budgetProblem || sizesProblem) && <p className="scn-error">{budgetProblem ?? sizesProblem}</p>}
      </form>

      {status.kind === 'running' && (
        <div className="scn-recommend-progress" role="status">
          <progress max={1} value={status.done} aria-label="Recommendation progress" />
          <span>{status.stage}…</span>
        </div>
      )}
      {status.kind === 'error' && (
        <p className="scn-error" role="alert">
          {status.message}
        </p>
      )}
      {status.kind === 'done' && (
        <RecommendationResult
          recommendation={status.recommendation}
          saveMessage={saveMessage}
          onMakeScenario={() => void makeScenario(status.recommendation)}
        />
      )}
    </section>
  );
}
