/**
 * The API call for the stock-flow projection from SSDA903 returns, bound to the stock-flow service.
 * It only reads the plan, so it takes any reader: the plan service, or the command line's read-only
 * in-place open (electron/store/planReadOnly.ts).
 */
import type { PlannerHandlers } from '#shared/api/contract.js';
import { runStockFlow, type PlanReader } from '../stockflowService.js';

export function stockflowHandlers(plans: PlanReader): Pick<PlannerHandlers, 'getStockFlowProjection'> {
  return { getStockFlowProjection: (args) => runStockFlow(plans, args) };
}
