/**
 * Exposes exactly the API contract as window.planner: one method per call, each validating its
 * arguments before they cross to the main process. Nothing generic (no send/invoke/on).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  callNames,
  menuCommandSchema,
  validateCallArgs,
  type CallName,
  type MenuCommand,
  type PlannerBridge,
} from '#shared/api/contract.js';
import type { ApiResult } from '#shared/api/errors.js';

function call(name: CallName) {
  return async (args: unknown): Promise<ApiResult<unknown>> => {
    const validated = validateCallArgs(name, args);
    if (!validated.ok) return validated;
    return (await ipcRenderer.invoke(`planner:${name}`, validated.value)) as ApiResult<unknown>;
  };
}

const bridge = Object.fromEntries(callNames.map((name) => [name, call(name)])) as unknown as Omit<
  PlannerBridge,
  'onMenuCommand'
>;

const planner: PlannerBridge = {
  ...bridge,
  onMenuCommand(listener: (command: MenuCommand) => void) {
    const wrapped = (_event: unknown, command: unknown) => {
      const parsed = menuCommandSchema.safeParse(command);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on('planner:menu', wrapped);
    return () => {
      ipcRenderer.removeListener('planner:menu', wrapped);
    };
  },
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File) || null;
    } catch {
      return null;
    }
  },
};

contextBridge.exposeInMainWorld('planner', planner);
