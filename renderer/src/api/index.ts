/**
 * The renderer's only way to reach the host. It picks the transport once (the Electron preload's
 * `window.planner` when present, otherwise the HTTP bridge back to the browser-mode host), and turns
 * `{ ok: false, error }` results into thrown {@link PlannerError}s, so callers simply await.
 */
import {
  callNames,
  type CallArgs,
  type CallName,
  type CallResults,
  type MenuCommand,
  type PlannerBridge,
} from '#shared/api/contract.js';
import { PlannerError, toApiError, type ApiResult } from '#shared/api/errors.js';
import { createHttpBridge, takeLaunchToken } from './httpBridge';

export type PlannerApi = {
  [K in CallName]: (args: CallArgs<K>) => Promise<CallResults[K]>;
} & {
  /** Native menu commands (Electron); returns an unsubscribe function. A no-op in browser mode. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The host path of a dropped file (Electron); null in browser mode, where its contents are sent. */
  pathForFile(file: File): string | null;
};

export type TransportKind = 'ipc' | 'http';

let bridge: PlannerBridge | null = null;
let kind: TransportKind = 'http';

function getBridge(): PlannerBridge {
  if (bridge) return bridge;
  if (window.planner) {
    bridge = window.planner;
    kind = 'ipc';
  } else {
    bridge = createHttpBridge({ token: takeLaunchToken() });
    kind = 'http';
  }
  return bridge;
}

/** Which transport the app is using; chooses it (and takes the launch token) on first use. */
export function transportKind(): TransportKind {
  getBridge();
  return kind;
}

async function invoke<K extends CallName>(name: K, args: CallArgs<K>): Promise<CallResults[K]> {
  const transport = getBridge();
  const method = transport[name] as (args: CallArgs<K>) => Promise<ApiResult<CallResults[K]>>;
  let result: ApiResult<CallResults[K]>;
  try {
    result = await method.call(transport, args);
  } catch (error) {
    // A transport should never reject, but if one does the caller still gets a PlannerError.
    const apiError = toApiError(error);
    throw new PlannerError(apiError.code, apiError.message, apiError.details);
  }
  if (result.ok) return result.value;
  throw new PlannerError(result.error.code, result.error.message, result.error.details);
}

const calls = Object.fromEntries(callNames.map((name) => [name, (args: CallArgs<typeof name>) => invoke(name, args)]));

export const api: PlannerApi = {
  ...(calls as Omit<PlannerApi, 'onMenuCommand' | 'pathForFile'>),
  onMenuCommand(listener) {
    return getBridge().onMenuCommand(listener);
  },
  pathForFile(file) {
    return getBridge().pathForFile(file);
  },
};

export { PlannerError };
export function isPlannerError(error: unknown, code?: PlannerError['code']): error is PlannerError {
  return error instanceof PlannerError && (code === undefined || error.code === code);
}
