/** The app's services and the API handlers bound to them: what the desktop app and browser mode run. */
import type { HostMode, PlannerHandlers } from '#shared/api/contract.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import type { InputLimits } from '#shared/import/limits.js';
import { createCoreContext, type CoreContext } from './coreContext.js';
import { createHandlers, noFileDialogs, type FileDialogs } from './handlers.js';
import { ImportService } from './importService.js';
import { authorityLookup } from './reference.js';
import { builtInTemplate } from './template.js';

export { APP_NAME, APP_VERSION } from './coreContext.js';

export interface AppContext extends CoreContext {
  imports: ImportService;
  handlers: PlannerHandlers;
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
  const { dialogs, template, importLimits, ...rest } = options;
  const core = createCoreContext({ ...rest, template: template ?? builtInTemplate });
  const imports = new ImportService(core.plans, authorityLookup, importLimits ? { limits: importLimits } : {});
  return { ...core, imports, handlers: createHandlers(core.plans, imports, core.appInfo, dialogs ?? noFileDialogs) };
}
