/**
 * A build step (scripts/build.mjs): fits the placement-flow model to the built-in national figures,
 * as a new plan would, and writes the fit next to the command line (dist/node/builtin-flow-fit.json);
 * and saves that new plan beside it (dist/node/builtin-new-plan.ccplan), which `planner summary`
 * without --plan reads in place instead of making the same new plan again.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCoreContext } from './services/coreContext.js';
import { writeFlowFit } from './services/flowFitStore.js';
import { builtInTemplate } from './services/template.js';
import { readPlanData } from './store/planData.js';

/** Writes the fit to `file`, and the new plan it was fitted on to `planFile` when given. */
export function writeBuiltInFlowFit(file: string, planFile?: string): boolean {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sufficiency-planner-build-'));
  const context = createCoreContext({
    mode: 'browser',
    dataDir,
    template: builtInTemplate,
    program: 'the build',
    autosaveIntervalMs: 0,
  });
  try {
    context.plans.newPlan();
    const written = context.plans.read((db) => writeFlowFit(file, readPlanData(db)));
    if (written && planFile) context.plans.saveAs(planFile);
    return written;
  } finally {
    context.plans.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
