import fs from 'node:fs';
import pkg from '../../package.json';
import type { AppInfo, HostMode, PlannerHandlers } from '../../shared/api/contract.js';
import type { BuiltInDataset } from '../../shared/model/dataset.js';
import type { InputLimits } from '../../shared/import/limits.js';
import { latestSchemaVersion } from '../store/database.js';
import { createHandlers, noFileDialogs, type FileDialogs } from './handlers.js';
import { ImportService } from './importService.js';
import { authorityLookup } from './reference.js';
import { PlanService } from './planService.js';
import { builtInTemplate } from './template.js';

export const APP_NAME = 'Sufficiency Planner';
export const APP_VERSION: string = pkg.version;

export interface AppContext {
  plans: PlanService;
  imports: ImportService;
  handlers: PlannerHandlers;
  appInfo: AppInfo;
}

export function createAppContext(options: {
  mode: HostMode;
  dataDir: string;
  dialogs?: FileDialogs;
  template?: BuiltInDataset;
  /** Names the program in a plan's lock; defaults from the mode. */
  program?: string;
  /** How often unsaved work is made durable for recovery (default one minute; 0: never). */
  autosaveIntervalMs?: number;
  /** Import limits in place of the defaults (shared/import/limits.ts), e.g. the maximum input size. */
  importLimits?: Partial<InputLimits>;
}): AppContext {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const plans = new PlanService({
    dataDir: options.dataDir,
    template: options.template ?? builtInTemplate,
    program: options.program ?? (options.mode === 'electron' ? 'the desktop app' : 'browser mode'),
    ...(options.autosaveIntervalMs === undefined ? {} : { autosaveIntervalMs: options.autosaveIntervalMs }),
  });
  const appInfo: AppInfo = {
    appName: APP_NAME,
    version: APP_VERSION,
    mode: options.mode,
    schemaVersion: latestSchemaVersion,
  };
  const imports = new ImportService(
    plans,
    authorityLookup,
    options.importLimits ? { limits: options.importLimits } : {},
  );
  return {
    plans,
    imports,
    appInfo,
    handlers: createHandlers(plans, imports, appInfo, options.dialogs ?? noFileDialogs),
  };
}
