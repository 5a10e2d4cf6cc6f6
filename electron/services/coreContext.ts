/**
 * The plan service without the import service and the API handlers: what the command line needs for
 * most commands. The import parsers, the handlers (and the exports, PDF and scenario code they bind)
 * load only where a command needs them, so `planner summary` does not load the PDF or workbook
 * writers, nor the DfE, Ofsted and ONS parsers.
 */
import fs from 'node:fs';
import pkg from '../../package.json';
import type { AppInfo, HostMode } from '#shared/api/contract.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import { latestSchemaVersion } from '../store/database.js';
import { PlanService, type LockMode } from './planService.js';

export const APP_NAME = 'Sufficiency Planner';
export const APP_VERSION: string = pkg.version;

export interface CoreContext {
  plans: PlanService;
  appInfo: AppInfo;
}

export interface CoreContextOptions {
  mode: HostMode;
  dataDir: string;
  /** The built-in dataset for new plans, or a function giving it when first needed. */
  template: BuiltInDataset | (() => BuiltInDataset);
  /** Names the program in a plan's lock; defaults from the mode. */
  program?: string;
  /** How often unsaved work is made durable for recovery (default one minute; 0: never). */
  autosaveIntervalMs?: number;
  /** How opening a plan takes its lock when the call does not say (default 'prefer'). */
  openLock?: LockMode;
}

export function createCoreContext(options: CoreContextOptions): CoreContext {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const plans = new PlanService({
    dataDir: options.dataDir,
    template: options.template,
    program: options.program ?? (options.mode === 'electron' ? 'the desktop app' : 'browser mode'),
    ...(options.autosaveIntervalMs === undefined ? {} : { autosaveIntervalMs: options.autosaveIntervalMs }),
    ...(options.openLock === undefined ? {} : { openLock: options.openLock }),
  });
  const appInfo: AppInfo = {
    appName: APP_NAME,
    version: APP_VERSION,
    mode: options.mode,
    schemaVersion: latestSchemaVersion,
  };
  return { plans, appInfo };
}
