/** The API call for the rolling-origin backtest on the plan's own figures, bound to the backtest service. */
import type { PlannerHandlers } from '#shared/api/contract.js';
import { runPlanBacktest } from '../backtestService.js';
import type { PlanService } from '../planService.js';

export function backtestHandlers(plans: PlanService): Pick<PlannerHandlers, 'getPlanBacktest'> {
  return {
    getPlanBacktest: ({ allEngland, measure, horizons, from, to }) =>
      runPlanBacktest(plans, {
        allEngland,
        measure,
        horizons,
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
      }),
  };
}
