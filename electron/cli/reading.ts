/**
 * How the commands that only read a plan (`summary`, `project --method stockflow`) open it: the file
 * read in place, read-only, where that is safe (../store/planReadOnly.ts says when and why), without
 * the plan service, a working copy or the full integrity check; otherwise a working copy opened the
 * usual way (migrated when older, with the usual messages for a damaged or newer plan). Either way
 * the command calls the same reading API calls, bound to whichever it got.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { PlanSummaryReader } from '../services/handlers/planReadHandlers.js';
import type { PlanDatabase } from '../store/database.js';
import { builtFile } from './builtFiles.js';
import { withPlanCalls } from './session.js';

/** The handlers a reading command calls, bound to a plan reader. */
export type BindReading = (plans: PlanSummaryReader) => Partial<PlannerHandlers>;

/** A plan database opened read-only, as a reader the handler groups take; `name` is the plan's name. */
async function readerOf(db: PlanDatabase, name: string): Promise<PlanSummaryReader> {
  const { summariseDatabase } = await import('../services/planSummary.js');
  return { read: (read) => read(db), summary: () => summariseDatabase(db, name) };
}

/**
 * Runs `fn` on the reading calls `bind` gives for `planFile`; with `planFile` null, on the new plan
 * for the default consortium: the one the build saved beside the command line (see
 * ../flow-fit-build.ts) read in place where it can be, which gives the summary of the plan made
 * here without making it, else a new plan made the usual way.
 */
export async function withPlanForReading<T>(
  planFile: string | null,
  bind: BindReading,
  fn: (handlers: Partial<PlannerHandlers>) => T | Promise<T>,
): Promise<T> {
  const { openPlanReadOnly, planNameFromPath } = await import('../store/planReadOnly.js');
  let db: PlanDatabase | null;
  let name: string;
  if (planFile !== null) {
    db = openPlanReadOnly(planFile);
    name = planNameFromPath(planFile);
  } else {
    const { UNTITLED_PLAN_NAME } = await import('../store/planHeader.js');
    const builtNewPlan = fileURLToPath(builtFile('builtin-new-plan.ccplan'));
    db = fs.existsSync(builtNewPlan) ? openPlanReadOnly(builtNewPlan) : null;
    name = UNTITLED_PLAN_NAME;
  }
  if (db) {
    try {
      return await fn(bind(await readerOf(db, name)));
    } finally {
      db.close();
    }
  }
  // the plan service is a reader too: the same calls, on its working copy
  return withPlanCalls(planFile ?? undefined, [], async (handlers, context) =>
    fn({ ...handlers, ...bind(context.plans) }),
  );
}
