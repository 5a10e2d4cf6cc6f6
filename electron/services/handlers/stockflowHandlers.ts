/** The API call for the stock-flow projection from SSDA903 returns, bound to the stock-flow service. */
import type { PlannerHandlers } from '../../../shared/api/contract.js';
import type { PlanService } from '../planService.js';
import { runStockFlow } from '../stockflowService.js';

export function stockflowHandlers(plans: PlanService): Pick<PlannerHandlers, 'getStockFlowProjection'> {
  return { getStockFlowProjection: (args) => runStockFlow(plans, args) };
}
