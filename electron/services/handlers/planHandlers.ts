/**
 * The API calls about the plan itself (open, save, members, settings, summary, map, data template,
 * SSDA903 files), bound to the plan service; the calls that only read it are ./planReadHandlers.ts.
 * Light: what most `planner` commands load.
 */
import type { AppInfo, ChosenPath, PlannerHandlers } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { removeSsda903Files } from '../../store/ssda903Data.js';
import type { PlanService } from '../planService.js';
import { planReadHandlers } from './planReadHandlers.js';

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

export type PlanCalls =
  | 'getAppInfo'
  | 'getPlanState'
  | 'newPlan'
  | 'listConsortiumPresets'
  | 'listBuiltInAuthorities'
  | 'openPlan'
  | 'openPlanForChanges'
  | 'savePlan'
  | 'savePlanAs'
  | 'closePlan'
  | 'listRecentPlans'
  | 'listRecoverablePlans'
  | 'recoverPlan'
  | 'discardRecoverablePlan'
  | 'chooseOpenPath'
  | 'chooseSavePath'
  | 'getPlanSummary'
  | 'renameConsortium'
  | 'listAuthorities'
  | 'setMembership'
  | 'setAssumption'
  | 'setHorizon'
  | 'getMapData'
  | 'setMapGeometry'
  | 'countSsda903'
  | 'removeSsda903'
  | 'writeDataTemplate';

export function planHandlers(
  plans: PlanService,
  appInfo: AppInfo,
  dialogs: FileDialogs = noFileDialogs,
): Pick<PlannerHandlers, PlanCalls> {
  return {
    getAppInfo: () => appInfo,
    getPlanState: () => plans.state(),
    newPlan: ({ consortium }) => plans.newPlan(consortium),
    listConsortiumPresets: () => plans.consortiumPresets(),
    listBuiltInAuthorities: () => plans.builtInAuthorities(),
    openPlan: ({ path }) => plans.openPlan(path),
    openPlanForChanges: ({ path, consortium, mustNotExist }) =>
      plans.openForChanges(path, { ...(consortium ? { consortium } : {}), mustNotExist }),
    savePlan: () => plans.save(),
    savePlanAs: ({ path }) => plans.saveAs(path),
    closePlan: () => plans.close(),
    listRecentPlans: () => plans.recent.list(),
    listRecoverablePlans: () => plans.recoverablePlans(),
    recoverPlan: ({ id }) => plans.recoverPlan(id),
    discardRecoverablePlan: ({ id }) => plans.discardRecoverable(id),
    chooseOpenPath: () => dialogs.chooseOpenPath(),
    chooseSavePath: ({ suggestedName }) => dialogs.chooseSavePath(suggestedName),
    ...planReadHandlers(plans),
    renameConsortium: ({ name }) => plans.renameConsortium(name),
    listAuthorities: () => plans.listAuthorities(),
    setMembership: ({ codes }) => plans.setMembership(codes),
    setAssumption: ({ key, value }) => plans.setAssumption(key, value),
    setHorizon: ({ years }) => plans.setHorizon(years),
    getMapData: () => plans.mapData(),
    setMapGeometry: ({ geometry }) => plans.setMapGeometry(geometry),
    removeSsda903: () => {
      const removedFiles = plans.mutate((db) => removeSsda903Files(db));
      return { removedFiles, state: plans.currentState() };
    },
    writeDataTemplate: ({ path, prefill }) => plans.writeDataTemplate(path, prefill),
  };
}
