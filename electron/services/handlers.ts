/**
 * Binds every call of the API contract to the Node-side services: one map, used by IPC, by HTTP and
 * (a group at a time, see ./handlers/) by the command line. Each group binds one service's calls.
 */
import type { AppInfo, PlannerHandlers } from '#shared/api/contract.js';
import { backtestHandlers } from './handlers/backtestHandlers.js';
import { exportHandlers } from './handlers/exportHandlers.js';
import { importHandlers } from './handlers/importHandlers.js';
import { planHandlers, type FileDialogs } from './handlers/planHandlers.js';
import { projectionHandlers } from './handlers/projectionHandlers.js';
import { recommendHandlers } from './handlers/recommendHandlers.js';
import { scenarioHandlers } from './handlers/scenarioHandlers.js';
import { stockflowHandlers } from './handlers/stockflowHandlers.js';
import type { ImportService } from './importService.js';
import type { PlanService } from './planService.js';

export { noFileDialogs, type FileDialogs } from './handlers/planHandlers.js';

export function createHandlers(
  plans: PlanService,
  imports: ImportService,
  appInfo: AppInfo,
  dialogs: FileDialogs,
): PlannerHandlers {
  const handlers: PlannerHandlers = {
    ...planHandlers(plans, appInfo, dialogs),
    ...importHandlers(imports),
    ...projectionHandlers(plans),
    ...backtestHandlers(plans),
    ...recommendHandlers(plans),
    ...stockflowHandlers(plans),
    ...scenarioHandlers(plans),
    ...exportHandlers(plans, imports, () => handlers),
  };
  return handlers;
}
