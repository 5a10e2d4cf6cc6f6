/**
 * The Recommend panel's worker and result: the worker rebuilds the plan's context from its wire form
 * and answers with the same recommendation as the optimiser on the context itself, reporting
 * progress that only moves forward; it refuses a message it does not understand and options out of
 * range; the result names the homes in rank order with what each adds, and offers "Make a scenario".
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import { recommend } from '#shared/recommend/index.js';
import { scenarioContextFromPlan, toWireContext } from '#shared/scenario/index.js';
import {
  handleRecommend,
  type RecommendAnswer,
} from '../../renderer/src/views/scenarios/engine/recommendWorkerCore.js';
import { RecommendationResult } from '../../renderer/src/views/scenarios/RecommendationResult.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

const plan = builtInPlanData();
const context = scenarioContextFromPlan(
  plan,
  project(projectionInputsFromPlan(plan), { method: 'rate', simulations: 40, seed: 2, keepSamples: true }),
);
const options = {
  budget: 2_000_000,
  objective: 'distance' as const,
  sizes: [3, 4],
  candidates: ['E08000002', 'E08000009'],
};

function ask(message: unknown): RecommendAnswer[] {
  const answers: RecommendAnswer[] = [];
  handleRecommend(message, (a) => answers.push(a));
  return answers;
}

describe('the recommendation worker', () => {
  it('answers with the optimiser’s recommendation on the wire context, with progress moving forward', () => {
    const answers = ask({ type: 'recommend', request: 3, context: toWireContext(context), options });
    const progress = answers.filter((a) => a.type === 'progress');
    expect(progress.length).toBeGreaterThan(2);
    progress.forEach((p, i) => expect(p.done).toBeGreaterThanOrEqual(i ? (progress[i - 1]?.done ?? 0) : 0));
    const last = answers[answers.length - 1];
    if (last?.type !== 'result') throw new Error(`expected a result, got ${JSON.stringify(last)}`);
    expect(last.request).toBe(3);
    const direct = recommend(context, options);
    const strip = (r: typeof direct) => ({ ...r, method: { ...r.method, milliseconds: 0 } });
    expect(strip(last.recommendation)).toEqual(strip(direct));
    expect(last.recommendation.homes.length).toBeGreaterThan(0);
  });

  it('refuses a message it does not understand, and options out of range', () => {
    const [bad] = ask({ type: 'run' });
    expect(bad).toMatchObject({ type: 'error', request: null });
    const [negative] = ask({ type: 'recommend', request: 1, context: {}, options: { ...options, budget: -5 } });
    expect(negative?.type).toBe('error');
    const [shape] = ask({ type: 'recommend', request: 2, context: { nonsense: true }, options });
    expect(shape).toMatchObject({
      type: 'error',
      request: 2,
      message: expect.stringContaining('not in the expected shape'),
    });
  });
});

describe('the recommendation shown', () => {
  it('lists the homes in rank order with what each adds, and offers Make a scenario', () => {
    const r = recommend(context, { ...options, sensitivity: false });
    const html = renderToStaticMarkup(
      createElement(RecommendationResult, { recommendation: r, saveMessage: null, onMakeScenario: () => undefined }),
    );
    const first = r.homes[0];
    if (!first) throw new Error('expected a home');
    expect(html).toContain(`<th scope="row">${first.name}</th>`);
    expect(html).toContain(first.openingFinancialYear);
    expect(html).toContain('Make a scenario');
    expect(html).toContain('Runner-up');
    const none = renderToStaticMarkup(
      createElement(RecommendationResult, {
        recommendation: { ...r, homes: [] },
        saveMessage: null,
        onMakeScenario: () => undefined,
      }),
    );
    expect(none).toContain('No home within the budget improves on the baseline');
    expect(none).not.toContain('Make a scenario');
  });
});
