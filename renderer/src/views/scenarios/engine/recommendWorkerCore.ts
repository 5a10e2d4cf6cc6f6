/**
 * What the recommendation worker does with a request, apart from the worker itself so that it can be
 * tested directly: check the message, rebuild the plan's scenario context from its wire form, run
 * the optimiser (shared/recommend) reporting progress, and answer with the recommendation or a plain
 * error. Cancelling is stopping the worker (the page does it), since the optimiser runs to its end
 * once started.
 */
import { z } from 'zod';
import { plainIssue } from '#shared/api/fieldNames.js';
import { RecommendError, recommend, RECOMMEND_OBJECTIVES, type Recommendation } from '#shared/recommend/index.js';
import { fromWireContext } from '#shared/scenario/wire.js';

export const recommendRequestSchema = z
  .object({
    type: z.literal('recommend'),
    request: z.number().int().min(0),
    context: z.unknown(),
    options: z
      .object({
        budget: z.number().min(0).max(1e10),
        objective: z.enum(RECOMMEND_OBJECTIVES as ['local', 'distance', 'cost']),
        sizes: z.array(z.number().int().min(1).max(50)).min(1).max(10),
        candidates: z.array(z.string().max(64)).max(200).optional(),
      })
      .strict(),
  })
  .strict();
export type RecommendRequest = z.infer<typeof recommendRequestSchema>;

export type RecommendAnswer =
  | { type: 'progress'; request: number; done: number; stage: string }
  | { type: 'result'; request: number; recommendation: Recommendation }
  | { type: 'error'; request: number | null; message: string; issues: string[] };

export function handleRecommend(message: unknown, send: (answer: RecommendAnswer) => void): void {
  const parsed = recommendRequestSchema.safeParse(message);
  if (!parsed.success) {
    send({
      type: 'error',
      request: null,
      message: 'The recommendation worker was sent a message it does not understand.',
      issues: parsed.error.issues.map((i) => plainIssue(i.path, i.message)),
    });
    return;
  }
  const { request, context, options } = parsed.data;
  const wire = fromWireContext(context);
  if (!wire.ok) {
    send({
      type: 'error',
      request,
      message: 'The plan’s scenario context is not in the expected shape.',
      issues: wire.issues,
    });
    return;
  }
  let last = -1;
  try {
    const recommendation = recommend(wire.context, {
      ...options,
      onProgress: (done, stage) => {
        // At most one message per percent.
        const percent = Math.floor(done * 100);
        if (percent === last) return;
        last = percent;
        send({ type: 'progress', request, done, stage });
      },
    });
    send({ type: 'result', request, recommendation });
  } catch (error) {
    send({
      type: 'error',
      request,
      message:
        error instanceof RecommendError
          ? error.message
          : (error as Error).message || 'The recommendation could not be made.',
      issues: [],
    });
  }
}
