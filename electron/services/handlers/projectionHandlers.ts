/** The API call for the plan's projection (rate or manual method), bound to the projection service. */
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { PlanService } from '../planService.js';
import { runProjection } from '../projectionService.js';

export function projectionHandlers(plans: PlanService): Pick<PlannerHandlers, 'getProjection'> {
  return { getProjection: (args) => runProjection(plans, args) };
}
