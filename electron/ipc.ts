/** Binds the API contract to IPC: one channel per call, sender and arguments checked. */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { callNames, type PlannerHandlers } from '#shared/api/contract.js';
import type { ApiResult } from '#shared/api/errors.js';
import { APP_ORIGIN } from './security.js';
import { dispatchCall } from './services/dispatch.js';

export const channelFor = (name: string) => `planner:${name}`;
export const MENU_CHANNEL = 'planner:menu';

function trustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return url.startsWith(`${APP_ORIGIN}/`);
}

export function bindIpc(handlers: PlannerHandlers, onChange: () => void): void {
  for (const name of callNames) {
    ipcMain.handle(channelFor(name), async (event, args: unknown): Promise<ApiResult<unknown>> => {
      if (!trustedSender(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Calls are accepted only from the app window.' } };
      }
      const result = await dispatchCall(handlers, name, args);
      onChange();
      return result;
    });
  }
}
