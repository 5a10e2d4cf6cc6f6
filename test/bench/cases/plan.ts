import path from 'node:path';
import { runCli } from '#electron/cli/main.js';
import { PlanService } from '#electron/services/planService.js';
import { builtInTemplate } from '#electron/services/template.js';
import type { BenchContext, BenchSuite } from '../types.js';

/** Plan store and summary benchmarks. */
export function suite(context: BenchContext): BenchSuite {
  const service = new PlanService({ dataDir: path.join(context.tmpDir, 'plan-data'), template: builtInTemplate });
  const planFile = path.join(context.tmpDir, 'gm.ccplan');
  return {
    setup: () => {
      service.newPlan();
      service.saveAs(planFile);
    },
    cases: [
      { name: 'new plan from the GM template', runs: 20, target: 250, run: () => service.newPlan() },
      { name: 'open plan (GM, from disk)', runs: 20, target: 250, run: () => service.openPlan(planFile) },
      { name: 'plan summary', runs: 50, target: 50, run: () => service.summary() },
      { name: 'save plan (atomic)', runs: 20, target: 250, run: () => service.save() },
      {
        name: 'CLI summary --json (in process)',
        runs: 10,
        target: 500,
        run: () => runCli(['summary', '--json'], { stdout: () => undefined, stderr: () => undefined }),
      },
    ],
    teardown: () => service.dispose(),
  };
}
