/**
 * The Scenarios view's worker and its client: the scenario context crosses JSON intact and is
 * refused, with paths, when its shape is wrong; the worker answers exactly as running the scenarios
 * directly would; the client drops overtaken answers and stops a busy simulated worker rather than
 * wait for it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import type { PlanData } from '#shared/model/summarise.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';
import {
  baselineScenario,
  builtInScenarios,
  fromWireContext,
  runScenarioSet,
  scenarioContextFromPlan,
  toWireContext,
  type ScenarioContext,
  type ScenarioContextWire,
} from '#shared/scenario/index.js';
import {
  ScenarioEngine,
  ScenarioRunError,
  type WorkerLike,
} from '../../renderer/src/views/scenarios/engine/scenarioEngine';
import { ScenarioWorkerCore } from '../../renderer/src/views/scenarios/engine/workerCore';

const plan: PlanData = builtInPlanData();

let context: ScenarioContext;
let wire: ScenarioContextWire;
const [block, homes] = builtInScenarios();

beforeAll(() => {
  const projection = project(projectionInputsFromPlan(plan), {
    method: 'rate',
    simulations: 60,
    seed: 7,
    keepSamples: true,
  });
  context = scenarioContextFromPlan(plan, projection);
  wire = JSON.parse(JSON.stringify(toWireContext(context))) as ScenarioContextWire;
});

describe('the scenario context on the wire', () => {
  it('survives JSON: the same outcomes, figure for figure', () => {
    const back = fromWireContext(wire);
    if (!back.ok) throw new Error(back.issues.join('\n'));
    expect(back.context.distances).toBeInstanceOf(Float64Array);
    expect(back.context.demand[0]?.samples).toBeInstanceOf(Float64Array);
    expect(back.context.demand[0]?.samples).toHaveLength(60 * context.years.length);
    const direct = runScenarioSet(context, [block!, homes!]);
    const viaWire = runScenarioSet(back.context, [block!, homes!]);
    expect(viaWire).toEqual(direct);
    expect(direct.outcomes[0]?.simulations).toBe(60);
  });

  it.each([
    [
      'distances short of members²',
      (w: ScenarioContextWire) => ({ ...w, distances: w.distances.slice(1) }),
      'distances',
    ],
    ['a member without supply', (w: ScenarioContextWire) => ({ ...w, supply: w.supply.slice(1) }), 'supply'],
    [
      'simulations that do not match the count',
      (w: ScenarioContextWire) => ({ ...w, simulations: 61 }),
      'demand.0.samples',
    ],
    [
      'demand for another member',
      (w: ScenarioContextWire) => ({
        ...w,
        demand: w.demand.map((d, i) => (i === 2 ? { ...d, code: 'E09000001' } : d)),
      }),
      'demand.2.code',
    ],
    [
      'a negative place count',
      (w: ScenarioContextWire) => ({ ...w, supply: w.supply.map((s, i) => (i === 0 ? { ...s, private: -4 } : s)) }),
      'supply.0.private',
    ],
    [
      'an occupancy over 100%',
      (w: ScenarioContextWire) => ({ ...w, settings: { ...w.settings, targetOccupancy: 1.2 } }),
      'settings.targetOccupancy',
    ],
    ['a field it does not know', (w: ScenarioContextWire) => ({ ...w, extra: 1 }), '(context)'],
  ])('is refused with %s, naming where', (_label, spoil, path) => {
    const result = fromWireContext(spoil(wire));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.some((i) => i.startsWith(`${path}:`))).toBe(true);
  });
});

describe('the scenario worker', () => {
  it('runs what it is sent on the context it holds, as a direct run would', () => {
    const core = new ScenarioWorkerCore();
    expect(core.handle({ type: 'context', key: 'k1', context: wire })).toBeNull();
    const answer = core.handle({
      type: 'run',
      request: 1,
      contextKey: 'k1',
      uncertainty: 'simulated',
      scenarios: [block],
    });
    if (answer?.type !== 'result') throw new Error(JSON.stringify(answer));
    expect(answer.request).toBe(1);
    expect(answer.computeMs).toBeGreaterThanOrEqual(0);
    expect(answer.result).toEqual(runScenarioSet(context, [block!]));

    const central = core.handle({
      type: 'run',
      request: 2,
      contextKey: 'k1',
      uncertainty: 'central',
      scenarios: [homes],
    });
    if (central?.type !== 'result') throw new Error(JSON.stringify(central));
    expect(central.result.outcomes[0]?.uncertainty).toBe('percentile paths');
    expect(central.result.outcomes[0]?.totals).toEqual(
      runScenarioSet(context, [homes!], { uncertainty: 'percentile paths' }).outcomes[0]?.totals,
    );
  });

  it('runs the baseline once per context and mode', () => {
    const core = new ScenarioWorkerCore();
    core.handle({ type: 'context', key: 'k1', context: wire });
    const run = (request: number, key = 'k1') =>
      core.handle({ type: 'run', request, contextKey: key, uncertainty: 'central', scenarios: [block] });
    const first = run(1);
    const second = run(2);
    if (first?.type !== 'result' || second?.type !== 'result') throw new Error('expected results');
    expect(second.result.baseline).toBe(first.result.baseline);
    // A new context (another key) runs it again.
    core.handle({ type: 'context', key: 'k2', context: wire });
    const third = run(3, 'k2');
    if (third?.type !== 'result') throw new Error('expected a result');
    expect(third.result.baseline).not.toBe(first.result.baseline);
    expect(third.result.baseline).toEqual(first.result.baseline);
  });

  it('answers with what is wrong: a strange message, no context yet, a scenario outside the plan, a bad context', () => {
    const core = new ScenarioWorkerCore();
    expect(core.handle({ type: 'launch' })).toMatchObject({ type: 'error', request: null });
    expect(
      core.handle({ type: 'run', request: 4, contextKey: 'k1', uncertainty: 'central', scenarios: [] }),
    ).toMatchObject({ type: 'error', request: 4, message: expect.stringMatching(/context/) });
    core.handle({ type: 'context', key: 'k1', context: wire });
    const lever = block!.levers[0]!;
    // Scenarios arrive parsed by the schema (where the lever form became one), so the worker checks
    // them only against its own context: a start year outside the projection is named.
    const invalid = core.handle({
      type: 'run',
      request: 5,
      contextKey: 'k1',
      uncertainty: 'central',
      scenarios: [{ ...block, levers: [{ ...lever, startYear: '1990' }] }],
    });
    expect(invalid).toMatchObject({ type: 'error', request: 5 });
    if (invalid?.type === 'error') expect(invalid.issues.join(' ')).toMatch(/start year 1990/);
    const bad = core.handle({ type: 'context', key: 'k9', context: { ...wire, years: [] } });
    expect(bad).toMatchObject({
      type: 'error',
      request: null,
      issues: expect.arrayContaining([expect.stringMatching(/^years:/)]),
    });
    // The bad context replaced the good one: nothing runs until a good one comes.
    expect(
      core.handle({ type: 'run', request: 6, contextKey: 'k1', uncertainty: 'central', scenarios: [] }),
    ).toMatchObject({ type: 'error', request: 6 });
  });
});

/** A worker in the same thread: answers after a tick, or only when told to (`hold`). */
class FakeWorker implements WorkerLike {
  static made: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  hold = false;
  held: unknown[] = [];
  readonly received: unknown[] = [];
  private readonly core = new ScenarioWorkerCore();

  constructor() {
    FakeWorker.made.push(this);
  }

  postMessage(message: unknown): void {
    this.received.push(message);
    const answer = this.core.handle(structuredClone(message));
    if (!answer) return;
    if (this.hold) this.held.push(answer);
    else setTimeout(() => this.deliver(answer), 0);
  }

  deliver(answer: unknown): void {
    if (!this.terminated) this.onmessage?.({ data: structuredClone(answer) } as MessageEvent<unknown>);
  }

  terminate(): void {
    this.terminated = true;
  }
}

describe('the scenario engine (the page’s side)', () => {
  it('gives each run its answer, and a newer central run overtakes an older one', async () => {
    FakeWorker.made = [];
    const engine = new ScenarioEngine(() => new FakeWorker());
    await expect(engine.run([block!], 'central')).rejects.toThrow(/context has not arrived/);
    engine.setContext('k1', wire);
    engine.setContext('k1', wire); // the same key is not sent again
    const [central, simulated] = FakeWorker.made;
    expect(central?.received.filter((m) => (m as { type: string }).type === 'context')).toHaveLength(1);

    central!.hold = true;
    const older = engine.run([block!], 'central');
    const newer = engine.run([homes!], 'central');
    await expect(older).rejects.toMatchObject({ superseded: true });
    // The worker still answers the older request: that answer is dropped, the newer one is taken.
    for (const answer of central!.held) central!.deliver(answer);
    const run = await newer;
    expect(run.result.outcomes[0]?.scenario.id).toBe(homes!.id);
    expect(central!.terminated).toBe(false);
    expect(simulated!.terminated).toBe(false);
    engine.dispose();
  });

  it('stops a busy simulated worker when a newer simulated run comes, and starts one with the context', async () => {
    FakeWorker.made = [];
    const engine = new ScenarioEngine(() => new FakeWorker());
    engine.setContext('k1', wire);
    const busy = FakeWorker.made[1]!;
    busy.hold = true;
    const older = engine.run([block!], 'simulated');
    const newer = engine.run([homes!], 'simulated');
    await expect(older).rejects.toBeInstanceOf(ScenarioRunError);
    expect(busy.terminated).toBe(true);
    const fresh = FakeWorker.made[2]!;
    expect((fresh.received[0] as { type: string; key: string }).key).toBe('k1');
    const run = await newer;
    expect(run.result.outcomes[0]?.simulations).toBe(60);
    engine.dispose();
    expect(FakeWorker.made.every((w) => w === busy || w.terminated)).toBe(true);
  });

  it('reports a worker that fails, and carries on with a new one', async () => {
    FakeWorker.made = [];
    const engine = new ScenarioEngine(() => new FakeWorker());
    engine.setContext('k1', wire);
    const central = FakeWorker.made[0]!;
    central.hold = true;
    const pending = engine.run([block!], 'central');
    central.onerror?.({ message: 'out of memory', preventDefault: () => undefined } as ErrorEvent);
    await expect(pending).rejects.toThrow(/worker stopped: out of memory/);
    expect(central.terminated).toBe(true);
    const run = await engine.run([block!], 'central');
    expect(run.result.baseline.scenario.id).toBe(baselineScenario().id);
    engine.dispose();
  });
});
