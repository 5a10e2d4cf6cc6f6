/** Binds every call of the API contract to the Node-side services. Used by IPC and by HTTP. */
import {
  callArgSchemas,
  isCallName,
  validateCallArgs,
  type AppInfo,
  type CallName,
  type ChosenPath,
  type PlannerHandlers,
} from '../../shared/api/contract.js';
import { PlannerError, toApiError, type ApiResult } from '../../shared/api/errors.js';
import type { ImportService } from './importService.js';
import type { PlanService } from './planService.js';
import { runProjection } from './projectionService.js';
import { runStockFlow } from './stockflowService.js';
import { runSensitivity } from './sensitivityService.js';
import {
  duplicateScenario,
  listScenarios,
  removeScenario,
  runScenarios,
  saveScenario,
  scenarioContext,
} from './scenarioService.js';
import { countSsda903Files, removeSsda903Files } from '../store/ssda903Data.js';
import { writeCsvFolder, writeWorkbook } from './exportService.js';
import { exportReportPdf } from './pdfService.js';

/** Native file dialogs where the host has them (Electron); browser mode has none. */
export interface FileDialogs {
  chooseOpenPath(): Promise<ChosenPath>;
  chooseSavePath(suggestedName: string): Promise<ChosenPath>;
}

export const noFileDialogs: FileDialogs = {
  chooseOpenPath: () => {
    throw new PlannerError('UNSUPPORTED', 'File dialogs are not available in browser mode: type the full path.');
  },
  chooseSavePath: () => {
    throw new PlannerError('UNSUPPORTED', 'File dialogs are not available in browser mode: type the full path.');
  },
};

export function createHandlers(
  plans: PlanService,
  imports: ImportService,
  appInfo: AppInfo,
  dialogs: FileDialogs,
): PlannerHandlers {
  const handlers: PlannerHandlers = {
    getAppInfo: () => appInfo,
    getPlanState: () => plans.state(),
    newPlan: ({ consortium }) => plans.newPlan(consortium),
    listConsortiumPresets: () => plans.consortiumPresets(),
    listBuiltInAuthorities: () => plans.builtInAuthorities(),
    openPlan: ({ path }) => plans.openPlan(path),
    savePlan: () => plans.save(),
    savePlanAs: ({ path }) => plans.saveAs(path),
    closePlan: () => plans.close(),
    listRecentPlans: () => plans.recent.list(),
    listRecoverablePlans: () => plans.recoverablePlans(),
    recoverPlan: ({ id }) => plans.recoverPlan(id),
    discardRecoverablePlan: ({ id }) => plans.discardRecoverable(id),
    chooseOpenPath: () => dialogs.chooseOpenPath(),
    chooseSavePath: ({ suggestedName }) => dialogs.chooseSavePath(suggestedName),
    getPlanSummary: () => plans.summary(),
    renameConsortium: ({ name }) => plans.renameConsortium(name),
    listAuthorities: () => plans.listAuthorities(),
    setMembership: ({ codes }) => plans.setMembership(codes),
    previewImport: ({ files }) => imports.preview(files),
    commitImport: ({ previewId }) => imports.commit(previewId),
    discardImport: ({ previewId }) => ({ discarded: imports.discard(previewId) }),
    listImports: () => imports.log(),
    getImportProgress: () => {
      const p = imports.progress();
      return p
        ? { running: true, ...p }
        : { running: false, files: 0, current: 0, fileName: '', stage: null, startedAt: null };
    },
    cancelImport: async () => ({ cancelled: await imports.cancel() }),
    getProjection: (args) => runProjection(plans, args),
    setAssumption: ({ key, value }) => plans.setAssumption(key, value),
    setHorizon: ({ years }) => plans.setHorizon(years),
    getMapData: () => plans.mapData(),
    listScenarios: () => listScenarios(plans),
    saveScenario: ({ scenario }) => saveScenario(plans, scenario),
    duplicateScenario: ({ id, name }) => duplicateScenario(plans, id, name),
    deleteScenario: ({ id }) => removeScenario(plans, id),
    runScenarios: (args) => runScenarios(plans, args),
    runSensitivity: ({ id }) => runSensitivity(plans, id),
    getScenarioContext: (args) => scenarioContext(plans, args),
    getStockFlowProjection: (args) => runStockFlow(plans, args),
    countSsda903: () => ({ files: plans.read((db) => countSsda903Files(db)) }),
    removeSsda903: () => {
      const removedFiles = plans.mutate((db) => removeSsda903Files(db));
      return { removedFiles, state: plans.currentState() };
    },
    writeDataTemplate: ({ path, prefill }) => plans.writeDataTemplate(path, prefill),
    exportPlan: async ({ format, path, scenarios }) =>
      format === 'xlsx'
        ? { files: [await writeWorkbook(plans, imports, path, scenarios)] }
        : { files: writeCsvFolder(plans, imports, path, scenarios) },
    // The report page calls these same handlers, through a temporary host or Electron's IPC.
    exportPdf: (args) => exportReportPdf(handlers, args),
    setMapGeometry: ({ geometry }) => plans.setMapGeometry(geometry),
  };
  return handlers;
}

/**
 * Runs one call by name: validates the name and arguments, then the handler, and returns
 * the serialisable result. Never throws.
 */
export async function dispatchCall(
  handlers: PlannerHandlers,
  name: string,
  args: unknown,
): Promise<ApiResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_CALL', message: `There is no call named "${name}".` } };
  }
  const validated = validateCallArgs(name, args);
  if (!validated.ok) return validated;
  try {
    const handler = handlers[name] as (a: unknown) => unknown;
    return { ok: true, value: await handler(validated.value) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

export const allCallNames = Object.keys(callArgSchemas) as CallName[];
