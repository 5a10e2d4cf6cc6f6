/**
 * Messages between the Scenarios view and its worker, checked with zod where they arrive: the
 * worker checks the envelope of what the view sends (and the context itself, see
 * shared/scenario/wire.ts); the view checks the envelope of what comes back. The scenarios in a run
 * were parsed with the scenario schema where they became scenarios (the lever editor's
 * validateDraft, or the host for saved ones) and are not parsed again.
 */
import { z } from 'zod';
import type { Scenario, ScenarioSetResult } from '#shared/scenario/index.js';

/**
 * How a run carries demand uncertainty: `central` allocates the consortium's P10/P50/P90 demand
 * paths (a few milliseconds, shown at once); `simulated` allocates every kept simulation.
 */
export const uncertaintyModes = ['central', 'simulated'] as const;
export type UncertaintyMode = (typeof uncertaintyModes)[number];

const contextKey = z.string().min(1).max(128);

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('context'), key: contextKey, context: z.unknown() }).strict(),
  z
    .object({
      type: z.literal('run'),
      request: z.number().int().min(0),
      contextKey,
      uncertainty: z.enum(uncertaintyModes),
      /** Scenarios as parsed by the schema where they were made (see the file comment). */
      scenarios: z.array(z.custom<Scenario>((value) => value !== null && typeof value === 'object')).max(4),
    })
    .strict(),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('result'),
      request: z.number().int(),
      /** Milliseconds the worker spent running the scenarios. */
      computeMs: z.number().min(0),
      result: z.object({ baseline: z.unknown(), outcomes: z.array(z.unknown()), comparison: z.unknown() }).loose(),
    })
    .strict(),
  z
    .object({
      type: z.literal('error'),
      request: z.number().int().nullable(),
      message: z.string(),
      issues: z.array(z.string()),
    })
    .strict(),
]);

export type FromWorker =
  | { type: 'result'; request: number; computeMs: number; result: ScenarioSetResult }
  | { type: 'error'; request: number | null; message: string; issues: string[] };
