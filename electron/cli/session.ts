/**
 * What a `planner` command runs on: a throw-away app context (its own data folder, so the user's
 * recent plans are untouched; plans opened for reading only, without taking their lock), and the
 * API handler groups it calls, bound to that context as IPC and HTTP bind them
 * (../services/handlers/). Each group, the built-in dataset and the import service load only for the
 * commands that use them.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PlannerHandlers } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import type { InputLimits } from '#shared/import/limits.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import type { CoreContext } from '../services/coreContext.js';
import { callHandler } from '../services/dispatch.js';
import type { ImportService } from '../services/importService.js';
import { builtFile } from './builtFiles.js';

/** The command line's services: the import service is made on first use (see loadImportService). */
export type CliContext = CoreContext & { readonly imports: ImportService };

/** The API handler groups a command can load; 'all' is the whole map (the PDF report draws through it). */
export type HandlerGroup = 'plan' | 'import' | 'projection' | 'backtest' | 'recommend' | 'scenario' | 'all';

let builtIn: BuiltInDataset | null = null;
let importServiceModule: typeof import('../services/importService.js') | null = null;
let authorities: typeof import('../services/reference.js').authorityLookup | null = null;

/** Loads the import service and its parsers, for the commands that import or list imports. */
export async function loadImportService(): Promise<void> {
  const [module, reference] = await Promise.all([
    import('../services/importService.js'),
    import('../services/reference.js'),
  ]);
  importServiceModule = module;
  authorities = reference.authorityLookup;
}

/**
 * Loads the built-in national dataset (2.6 MB) and the placement-flow fit the build made for it
 * (dist/node/builtin-flow-fit.json beside the command line, when there is one), once, for commands
 * that make a new plan; commands that only open a plan file never load them.
 */
export async function loadBuiltInTemplate(): Promise<BuiltInDataset> {
  if (builtIn) return builtIn;
  const [{ checkDataset }, { loadFlowFit }] = await Promise.all([
    import('../services/templateCheck.js'),
    import('../services/flowFitStore.js'),
  ]);
  loadFlowFit(fileURLToPath(builtFile('builtin-flow-fit.json')));
  // The build copies the dataset beside the command line: JSON.parse reads it several times faster
  // than the same data bundled as JavaScript. Run from source (tests), it comes from the bundled module.
  let text: string | null;
  try {
    text = fs.readFileSync(builtFile('builtin-england.json'), 'utf8');
  } catch {
    text = null;
  }
  builtIn =
    text === null
      ? (await import('../services/template.js')).builtInTemplate
      : checkDataset(JSON.parse(text) as BuiltInDataset);
  return builtIn;
}

/** Runs `fn` with a throw-away app context: its own data folder, so the user's recent plans are untouched. */
export async function withCliContext<T>(
  fn: (context: CliContext) => Promise<T>,
  importLimits?: Partial<InputLimits>,
): Promise<T> {
  const [{ makeCliTempDir, sweepCliTempDirs }, { createCoreContext }] = await Promise.all([
    import('../store/workingCopies.js'),
    import('../services/coreContext.js'),
  ]);
  // Folders left by runs that were killed hold working copies (child-level data): remove them.
  sweepCliTempDirs();
  const dataDir = makeCliTempDir();
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const core = createCoreContext({
    mode: 'browser',
    dataDir,
    // a new plan (or an import creating one) needs it: loaded first by loadBuiltInTemplate
    template: () => {
      if (!builtIn) throw new PlannerError('INTERNAL', 'The built-in dataset was not loaded.');
      return builtIn;
    },
    program: 'the command line',
    autosaveIntervalMs: 0,
    // reading only: another program may hold the plan for changes (writers use openPlanForChanges)
    openLock: 'none',
  });
  let imports: ImportService | null = null;
  const context: CliContext = {
    ...core,
    // made on first use, by commands that loaded it first (loadImportService)
    get imports(): ImportService {
      if (!importServiceModule || !authorities) {
        throw new PlannerError('INTERNAL', 'The import service was not loaded.');
      }
      imports ??= new importServiceModule.ImportService(
        core.plans,
        authorities,
        importLimits ? { limits: importLimits } : {},
      );
      return imports;
    },
  };
  // Ctrl+C or a polite kill still removes the working copy and its folder.
  const onSignal = (signal: NodeJS.Signals) => {
    context.plans.dispose();
    removeDataDir();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(context);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    context.plans.dispose();
    removeDataDir();
  }
}

/** One handler group bound to the context, its code loaded on first use. */
async function handlerGroup(context: CliContext, group: HandlerGroup): Promise<Partial<PlannerHandlers>> {
  switch (group) {
    case 'plan':
      return (await import('../services/handlers/planHandlers.js')).planHandlers(context.plans, context.appInfo);
    case 'import':
      await loadImportService();
      return (await import('../services/handlers/importHandlers.js')).importHandlers(context.imports);
    case 'projection':
      return (await import('../services/handlers/projectionHandlers.js')).projectionHandlers(context.plans);
    case 'backtest':
      return (await import('../services/handlers/backtestHandlers.js')).backtestHandlers(context.plans);
    case 'recommend':
      return (await import('../services/handlers/recommendHandlers.js')).recommendHandlers(context.plans);
    case 'scenario':
      return (await import('../services/handlers/scenarioHandlers.js')).scenarioHandlers(context.plans);
    case 'all': {
      const [{ createHandlers, noFileDialogs }] = await Promise.all([
        import('../services/handlers.js'),
        loadImportService(),
      ]);
      return createHandlers(context.plans, context.imports, context.appInfo, noFileDialogs);
    }
  }
}

/** The API handlers of the groups named, bound to the context: what a command calls through callHandler. */
export async function cliHandlers(
  context: CliContext,
  groups: readonly HandlerGroup[],
): Promise<Partial<PlannerHandlers>> {
  const bound = await Promise.all(groups.map((g) => handlerGroup(context, g)));
  return Object.assign({}, ...bound) as Partial<PlannerHandlers>;
}

/** Opens the plan file given (for reading only), or a new plan on the built-in data when there is none. */
export async function openPlanOrNew(handlers: Partial<PlannerHandlers>, planFile: string | undefined): Promise<void> {
  if (planFile) await callHandler(handlers, 'openPlan', { path: planFile });
  else {
    await loadBuiltInTemplate();
    await callHandler(handlers, 'newPlan', {});
  }
}

/**
 * Runs `fn` with the handlers of a command that opens a plan (or makes a new one) and calls the
 * groups named: the usual pattern of `project`, `backtest`, `template`, `export`, `scenario` and
 * `recommend`.
 */
export async function withPlanCalls<T>(
  planFile: string | undefined,
  groups: readonly HandlerGroup[],
  fn: (handlers: Partial<PlannerHandlers>, context: CliContext) => Promise<T>,
): Promise<T> {
  return withCliContext(async (context) => {
    const handlers = await cliHandlers(context, ['plan', ...groups]);
    await openPlanOrNew(handlers, planFile);
    return fn(handlers, context);
  });
}
