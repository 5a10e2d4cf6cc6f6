/**
 * Browser-mode transport: the same contract as the Electron preload, carried over HTTP to the
 * loopback host that served this page. Every call is `POST ./api/<callName>` with the arguments as
 * JSON and the per-launch token as a bearer token; every answer is an ApiResult. Nothing here throws:
 * transport failures become `{ ok: false, error }` like any other failure.
 */
import { callNames, type CallArgs, type CallName, type CallResults, type PlannerBridge } from '#shared/api/contract.js';
import { isApiError, type ApiError, type ApiResult } from '#shared/api/errors.js';

export const tokenStorageKey = 'planner.token';
const tokenParam = 'token';

/**
 * Reads the launch token from `?token=…` (first load), keeps it in sessionStorage so a reload still
 * works, and removes it from the address bar so it is not left in history or shown on a projector.
 */
export function takeLaunchToken(win: Window = window): string | null {
  const url = new URL(win.location.href);
  const fromUrl = url.searchParams.get(tokenParam);
  if (fromUrl !== null) {
    url.searchParams.delete(tokenParam);
    try {
      win.sessionStorage.setItem(tokenStorageKey, fromUrl);
    } catch {
      // Storage can be disabled; the token still works for this page's lifetime.
    }
    win.history.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return win.sessionStorage.getItem(tokenStorageKey);
  } catch {
    return null;
  }
}

function failure(code: ApiError['code'], message: string): { ok: false; error: ApiError } {
  return { ok: false, error: { code, message } };
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'value' in v;
  if (v.ok === false) return isApiError(v.error);
  return false;
}

function failureForStatus(status: number, name: CallName): { ok: false; error: ApiError } {
  switch (status) {
    case 401:
      return failure(
        'UNAUTHORISED',
        'The planner did not accept this page’s access token. Open the address shown when the planner started.',
      );
    case 403:
      return failure('FORBIDDEN', 'The planner refused this request.');
    case 404:
      return failure('UNKNOWN_CALL', `The planner does not offer the call “${name}”. It may be an older version.`);
    case 400:
      return failure('INVALID_ARGUMENT', `The planner rejected the request “${name}” as invalid.`);
    default:
      return failure('INTERNAL', `The planner answered “${name}” with HTTP ${status} and no usable result.`);
  }
}

export interface HttpBridgeOptions {
  token: string | null;
  /** Origin the API is served from; defaults to this page's origin. */
  origin?: string;
  fetch?: typeof fetch;
}

export function createHttpBridge(options: HttpBridgeOptions): PlannerBridge {
  const origin = options.origin ?? window.location.origin;
  const doFetch = options.fetch ?? window.fetch.bind(window);

  async function call<K extends CallName>(name: K, args: CallArgs<K>): Promise<ApiResult<CallResults[K]>> {
    if (!options.token) {
      return failure(
        'UNAUTHORISED',
        'This page was opened without its access token. Open the full address shown when the planner started (it ends in ?token=…).',
      );
    }
    let response: Response;
    try {
      response = await doFetch(new URL(`./api/${name}`, `${origin}/`).href, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${options.token}` },
        body: JSON.stringify(args ?? {}),
        credentials: 'same-origin',
        cache: 'no-store',
        redirect: 'error',
      });
    } catch {
      return failure(
        'INTERNAL',
        'Could not reach the planner on this computer. Check that it is still running, then reload this page.',
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      return response.ok
        ? failure('INTERNAL', `The planner’s answer to “${name}” was not valid JSON.`)
        : failureForStatus(response.status, name);
    }
    if (isApiResult(body)) return body as ApiResult<CallResults[K]>;
    return response.ok
      ? failure('INTERNAL', `The planner’s answer to “${name}” was not in the expected form.`)
      : failureForStatus(response.status, name);
  }

  const calls = Object.fromEntries(callNames.map((name) => [name, (args: CallArgs<typeof name>) => call(name, args)]));
  return {
    ...(calls as Omit<PlannerBridge, 'onMenuCommand' | 'pathForFile'>),
    // Browser mode has no native menu; the in-page toolbar and shortcuts send the same commands.
    onMenuCommand: () => () => {},
    // Files dropped on a web page have no path: their contents are sent instead.
    pathForFile: () => null,
  };
}
