import fs from 'node:fs';
import pkg from '../../package.json';
import type { AppInfo, HostMode, PlannerHandlers } from '../../shared/api/contract.js';
import type { BuiltInDataset } from '../../shared/model/dataset.js';
import { latestSchemaVersion } from '../store/database.js';
import { createHandlers, noFileDialogs, type FileDialogs } from './handlers.js';
import { PlanService } from './planService.js';
import { builtInTemplate } from './template.js';

export const APP_NAME = 'Sufficiency Planner';
export const APP_VERSION: string = pkg.version;

export interface AppContext {
  plans: PlanService;
  handlers: PlannerHandlers;
  appInfo: AppInfo;
}

export function createAppContext(options: {
  mode: HostMode;
  dataDir: string;
  dialogs?: FileDialogs;
  template?: BuiltInDataset;
}): AppContext {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const plans = new PlanService({ dataDir: options.dataDir, template: options.template ?? builtInTemplate });
  const appInfo: AppInfo = {
    appName: APP_NAME,
    version: APP_VERSION,
    mode: options.mode,
    schemaVersion: latestSchemaVersion,
  };
  return { plans, appInfo, handlers: createHandlers(plans, appInfo, options.dialogs ?? noFileDialogs) };
}
