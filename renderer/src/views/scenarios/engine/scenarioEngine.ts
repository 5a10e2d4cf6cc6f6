/**
 * The page's side of the scenario workers. Two workers hold the same context: one answers central
 * estimates (milliseconds), the other simulated runs (a few hundred milliseconds), so a central
 * estimate never waits behind a simulation. A simulated run overtaken by a newer request is not
 * waited for: its worker is stopped and a fresh one started with the context.
 */
import type { Scenario, ScenarioSetResult } from '#shared/scenario/index.js';
import type { ScenarioContextWire } from '#shared/scenario/wire.js';
import { fromWorkerSchema, type FromWorker, type ToWorker, type UncertaintyMode } from './protocol';

/** The minimum of a Worker the engine needs (a fake one in tests). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export class ScenarioRunError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
    /** True when a newer request took this one's place: nothing to show, nothing went wrong. */
    readonly superseded = false,
  ) {
    super(message);
    this.name = 'ScenarioRunError';
  }
}

export interface EngineRun {
  result: ScenarioSetResult;
  /** Milliseconds the worker spent computing. */
  computeMs: number;
}

interface Pending {
  request: number;
  resolve(run: EngineRun): void;
  reject(error: ScenarioRunError): void;
}

class WorkerSlot {
  private worker: WorkerLike;
  private pending: Pending | null = null;

  constructor(
    private readonly create: () => WorkerLike,
    private readonly context: () => ToWorker | null,
  ) {
    this.worker = this.start();
  }

  private start(): WorkerLike {
    const worker = this.create();
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.fail(new ScenarioRunError(`The scenario worker stopped: ${event.message || 'unknown error'}.`));
      this.restart();
    };
    const context = this.context();
    if (context) worker.postMessage(context);
    return worker;
  }

  private restart(): void {
    this.worker.terminate();
    this.worker = this.start();
  }

  private fail(error: ScenarioRunError): void {
    const pending = this.pending;
    this.pending = null;
    pending?.reject(error);
  }

  private receive(data: unknown): void {
    const parsed = fromWorkerSchema.safeParse(data);
    if (!parsed.success) {
      this.fail(new ScenarioRunError('The scenario worker sent an answer in an unexpected shape.'));
      return;
    }
    const answer = parsed.data as FromWorker;
    const pending = this.pending;
    if (answer.type === 'error' && answer.request === null) {
      // A context the worker could not take: every run on it would fail, so say so now.
      this.fail(new ScenarioRunError(answer.message, answer.issues));
      return;
    }
    if (!pending || pending.request !== answer.request) return; // an answer to a request since overtaken
    this.pending = null;
    if (answer.type === 'result') pending.resolve({ result: answer.result, computeMs: answer.computeMs });
    else pending.reject(new ScenarioRunError(answer.message, answer.issues));
  }

  post(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  run(message: Extract<ToWorker, { type: 'run' }>, stopBusyWorker: boolean): Promise<EngineRun> {
    if (this.pending) {
      this.fail(new ScenarioRunError('A newer change took its place.', [], true));
      if (stopBusyWorker) this.restart();
    }
    return new Promise<EngineRun>((resolve, reject) => {
      this.pending = { request: message.request, resolve, reject };
      this.worker.postMessage(message);
    });
  }

  dispose(): void {
    this.fail(new ScenarioRunError('The Scenarios view was closed.', [], true));
    this.worker.terminate();
  }
}

export function createScenarioWorker(): WorkerLike {
  return new Worker(new URL('./scenario.worker.ts', import.meta.url), { type: 'module', name: 'scenarios' });
}

export class ScenarioEngine {
  private contextMessage: Extract<ToWorker, { type: 'context' }> | null = null;
  private readonly slots: Record<UncertaintyMode, WorkerSlot>;
  private nextRequest = 0;

  constructor(create: () => WorkerLike = createScenarioWorker) {
    const context = () => this.contextMessage;
    this.slots = { central: new WorkerSlot(create, context), simulated: new WorkerSlot(create, context) };
  }

  /** The key of the context the workers hold, or null before the first. */
  get contextKey(): string | null {
    return this.contextMessage?.key ?? null;
  }

  /** Sends the workers a context (once per key). */
  setContext(key: string, context: ScenarioContextWire): void {
    if (this.contextMessage?.key === key) return;
    this.contextMessage = { type: 'context', key, context };
    for (const slot of Object.values(this.slots)) slot.post(this.contextMessage);
  }

  /**
   * Runs the baseline and `scenarios` (parsed by the schema; at most four) on the context. A newer
   * run of the same mode supersedes this one, which then rejects with `superseded` set.
   */
  run(scenarios: readonly Scenario[], uncertainty: UncertaintyMode): Promise<EngineRun> {
    const contextKey = this.contextMessage?.key;
    if (!contextKey) return Promise.reject(new ScenarioRunError('The plan’s scenario context has not arrived yet.'));
    const message: ToWorker = {
      type: 'run',
      request: ++this.nextRequest,
      contextKey,
      uncertainty,
      scenarios: [...scenarios],
    };
    return this.slots[uncertainty].run(message, uncertainty === 'simulated');
  }

  dispose(): void {
    for (const slot of Object.values(this.slots)) slot.dispose();
  }
}
