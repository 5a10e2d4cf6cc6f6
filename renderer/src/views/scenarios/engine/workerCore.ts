/**
 * What the scenario worker does with each message, apart from the worker itself so that it can be
 * tested directly: keep the context it was last sent, run scenarios on it, and keep each mode's
 * baseline for the context (lever edits never change the baseline, so it is run once per context).
 * The scenarios it is sent were checked with the schema where they became scenarios (the lever
 * editor's validateDraft, or the host for saved ones), so it checks them only against its context
 * (members and years), which the page may not know yet: no second parse.
 */
import { plainIssue } from '#shared/api/fieldNames.js';
import {
  baselineScenario,
  compareScenarios,
  fromWireContext,
  runParsedScenario,
  runScenario,
  ScenarioError,
  type RunScenarioOptions,
  type ScenarioContext,
  type ScenarioOutcome,
} from '#shared/scenario/index.js';
import { toWorkerSchema, type FromWorker, type UncertaintyMode } from './protocol';

const runOptions: Record<UncertaintyMode, RunScenarioOptions> = {
  central: { uncertainty: 'percentile paths' },
  simulated: { uncertainty: 'simulated' },
};

export class ScenarioWorkerCore {
  private context: { key: string; value: ScenarioContext } | null = null;
  private baselines = new Map<UncertaintyMode, ScenarioOutcome>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Handles one message; returns the answer to send back, if any. */
  handle(message: unknown): FromWorker | null {
    const parsed = toWorkerSchema.safeParse(message);
    if (!parsed.success) {
      return {
        type: 'error',
        request: null,
        message: 'The scenario worker was sent a message it does not understand.',
        issues: parsed.error.issues.map((i) => plainIssue(i.path, i.message)),
      };
    }
    const msg = parsed.data;
    if (msg.type === 'context') {
      if (this.context?.key === msg.key) return null;
      const wire = fromWireContext(msg.context);
      if (!wire.ok) {
        this.context = null;
        return {
          type: 'error',
          request: null,
          message: 'The scenario context from the plan is not in the expected shape.',
          issues: wire.issues,
        };
      }
      this.context = { key: msg.key, value: wire.context };
      this.baselines.clear();
      return null;
    }
    const context = this.context;
    if (!context || context.key !== msg.contextKey) {
      return {
        type: 'error',
        request: msg.request,
        message: 'The scenario worker does not have this plan’s context yet.',
        issues: [],
      };
    }
    const started = this.now();
    try {
      const options = runOptions[msg.uncertainty];
      let baseline = this.baselines.get(msg.uncertainty);
      if (!baseline) {
        baseline = runScenario(context.value, baselineScenario(), options);
        this.baselines.set(msg.uncertainty, baseline);
      }
      const outcomes = msg.scenarios.map((scenario) => runParsedScenario(context.value, scenario, options));
      const result = { baseline, outcomes, comparison: compareScenarios(baseline, outcomes) };
      return { type: 'result', request: msg.request, computeMs: this.now() - started, result };
    } catch (error) {
      if (error instanceof ScenarioError)
        return {
          type: 'error',
          request: msg.request,
          message: error.message,
          issues: error.issues.map((i) => plainIssue(i.path, i.message)),
        };
      return {
        type: 'error',
        request: msg.request,
        message: (error as Error).message || 'The scenario could not be run.',
        issues: [],
      };
    }
  }
}
