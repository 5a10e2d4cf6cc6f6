/**
 * The home-location optimiser: a Greater Manchester recommendation over its 10 members × 3 home
 * sizes × 5 opening years (150 candidates) for a £5m capital budget, on a projection with 500 kept
 * simulations (search on the median path, the best sets re-ranked on all 500, what each home adds on
 * 100, the value of £1m more and the four sensitivity re-runs included), under each objective. The
 * projection and scenario context are made once in setup, as the app has them before it recommends;
 * a last case times them too.
 */
import { project, projectionInputsFromPlan } from '../../../shared/forecast/index.js';
import { recommend, type RecommendObjective } from '../../../shared/recommend/index.js';
import { scenarioContextFromPlan } from '../../../shared/scenario/index.js';
import type { ScenarioContext } from '../../../shared/scenario/types.js';
import { builtInPlanData } from '../../helpers/builtinPlan.js';
import type { BenchCase, BenchContext, BenchSuite } from '../types.js';

const BUDGET = 5_000_000;

export function suite(_context: BenchContext): BenchSuite {
  const plan = builtInPlanData();
  const inputs = projectionInputsFromPlan(plan);
  const makeContext = () =>
    scenarioContextFromPlan(plan, project(inputs, { method: 'rate', simulations: 500, seed: 1, keepSamples: true }));
  let context: ScenarioContext | null = null;
  const gm = (objective: RecommendObjective) => () => {
    if (!context) throw new Error('setup did not run');
    const answer = recommend(context, { budget: BUDGET, objective });
    if (answer.method.candidates !== 150) throw new Error(`Expected 150 candidates, got ${answer.method.candidates}.`);
    return answer;
  };
  return {
    setup: () => {
      context = makeContext();
    },
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
