/**
 * The home-location optimiser: a Greater Manchester recommendation over its 10 members × 3 home
 * sizes × 5 opening years (150 candidates) for a £5m capital budget, on a projection with 500 kept
 * simulations (search on the median path, the best sets re-ranked on all 500, what each home adds on
 * 100, the value of £1m more and the four sensitivity re-runs included), under each objective. The
 * projection and scenario context are made once in setup, as the app has them before it recommends;
 * a last case times them too.
 *
 * England scale: the largest region of the built-in national dataset (London, 33 authorities) as a
 * regional consortium made as `planner new --region` makes it, with every member a candidate × 3
 * sizes × 5 opening years (495 candidates), 500 simulations, £5m, sensitivity included: < 30 s.
 */
import path from 'node:path';
import { PlanService } from '#electron/services/planService.js';
import { builtInTemplate } from '#electron/services/template.js';
import { readPlanData } from '#electron/store/planData.js';
import { consortiumPresets } from '#shared/model/consortia.js';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import { recommend, type RecommendObjective } from '#shared/recommend/index.js';
import { scenarioContextFromPlan } from '#shared/scenario/index.js';
import type { ScenarioContext } from '#shared/scenario/types.js';
import { builtInPlanData } from '../../helpers/builtinPlan.js';
import type { BenchCase, BenchContext, BenchSuite } from '../types.js';

const BUDGET = 5_000_000;

export function suite(bench: BenchContext): BenchSuite {
  const plan = builtInPlanData();
  const inputs = projectionInputsFromPlan(plan);
  const makeContext = () =>
    scenarioContextFromPlan(plan, project(inputs, { method: 'rate', simulations: 500, seed: 1, keepSamples: true }));
  let context: ScenarioContext | null = null;
  // The largest region, as a regional consortium (every member a candidate).
  const region = consortiumPresets(builtInTemplate.areas)
    .filter((p) => p.kind === 'region')
    .sort((a, b) => b.members.length - a.members.length)[0];
  let service: PlanService | null = null;
  let regionContext: ScenarioContext | null = null;
  const gm = (objective: RecommendObjective) => () => {
    if (!context) throw new Error('setup did not run');
    const answer = recommend(context, { budget: BUDGET, objective });
    if (answer.method.candidates !== 150) throw new Error(`Expected 150 candidates, got ${answer.method.candidates}.`);
    return answer;
  };
  return {
    setup: () => {
      context = makeContext();
      if (region) {
        service = new PlanService({
          dataDir: path.join(bench.tmpDir, 'recommend-region'),
          template: builtInTemplate,
          autosaveIntervalMs: 0,
        });
        service.newPlan({ name: region.name, members: region.members });
        const data = service.read((db) => readPlanData(db));
        regionContext = scenarioContextFromPlan(
          data,
          project(projectionInputsFromPlan(data), { method: 'rate', simulations: 500, seed: 1, keepSamples: true }),
        );
      }
    },
    teardown: () => service?.dispose(),
    cases: [
      ...(['local', 'distance', 'cost'] as const).map((objective): BenchCase => ({
        name: `recommend: GM £5m, 10 members × 3 sizes × 5 opening years, 500 simulations (${objective})`,
        runs: 3,
        target: 5000,
        run: gm(objective),
      })),
      {
        name: 'recommend: GM £5m (local) including the 500-simulation projection and scenario context',
        runs: 3,
        target: 6000,
        run: () => recommend(makeContext(), { budget: BUDGET, objective: 'local' }),
      },
      ...(region
        ? [
            {
              name: `recommend: ${region.name} region (${region.members.length} authorities × 3 sizes × 5 opening years), £5m, 500 simulations (local)`,
              runs: 2,
              target: 30_000,
              run: () => {
                if (!regionContext) throw new Error('setup did not run');
                const answer = recommend(regionContext, { budget: BUDGET, objective: 'local' });
                const expected = region.members.length * 3 * regionContext.years.length;
                if (answer.method.candidates !== expected)
                  throw new Error(`Expected ${expected} candidates, got ${answer.method.candidates}.`);
                if (regionContext.simulations !== 500) throw new Error('The region kept no simulations.');
                return answer;
              },
            } satisfies BenchCase,
          ]
        : []),
      {
        // On a machine shared with other work the wall time above moves with the load; CPU time far less.
        name: 'recommend: GM £5m (local), CPU time of the process (user + system)',
        runs: 3,
        target: 5000,
        unit: 'ms CPU',
        run: () => {
          const start = process.cpuUsage();
          gm('local')();
          const used = process.cpuUsage(start);
          return (used.user + used.system) / 1000;
        },
      },
    ],
  };
}
