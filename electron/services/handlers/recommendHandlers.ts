/** The API call for where to open consortium-run homes within a budget, bound to the recommend service. */
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { PlanService } from '../planService.js';
import { recommendForPlan } from '../recommendService.js';

export function recommendHandlers(plans: PlanService): Pick<PlannerHandlers, 'recommendHomes'> {
  return { recommendHomes: (args) => recommendForPlan(plans, args) };
}
