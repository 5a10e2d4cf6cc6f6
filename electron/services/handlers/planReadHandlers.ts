/**
 * The API calls that only read the open plan (its summary, its SSDA903 files), bound to any plan
 * reader: the plan service, or the command line's read-only in-place open
 * (electron/store/planReadOnly.ts), which `planner summary --plan` reads through.
 */
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { countSsda903Files } from '../../store/ssda903Data.js';
import type { PlanReader } from '../stockflowService.js';

/** What these calls read: the plan's database, and its summary. */
export interface PlanSummaryReader extends PlanReader {
  summary(): PlanSummary;
}

export function planReadHandlers(plans: PlanSummaryReader): Pick<PlannerHandlers, 'getPlanSummary' | 'countSsda903'> {
  return {
    getPlanSummary: () => plans.summary(),
    countSsda903: () => ({ files: plans.read((db) => countSsda903Files(db)) }),
  };
}
