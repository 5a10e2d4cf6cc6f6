/**
 * Runs one call of the API contract by name against a map of handlers: validates the name and the
 * arguments at the boundary (zod, shared/api), then calls the handler. IPC (electron/ipc.ts), the
 * browser-mode HTTP host and the command line all call through here, so every host validates the
 * same way. It imports only shared/api: the services behind the handlers are the caller's.
 */
import {
  callArgSchemas,
  isCallName,
  validateCallArgs,
  type CallArgs,
  type CallName,
  type CallResults,
  type PlannerHandlers,
} from '#shared/api/contract.js';
import { PlannerError, toApiError, type ApiResult } from '#shared/api/errors.js';

/** Every call's name, in the contract's order. */
export const allCallNames = Object.keys(callArgSchemas) as CallName[];

/**
 * Runs one call by name: validates the name and arguments, then the handler (absent from a partial
 * map: refused as unsupported), and returns the serialisable result. Never throws.
 */
export async function dispatchCall(
  handlers: Partial<PlannerHandlers>,
  name: string,
  args: unknown,
): Promise<ApiResult<unknown>> {
  if (!isCallName(name)) {
    return { ok: false, error: { code: 'UNKNOWN_CALL', message: `There is no call named "${name}".` } };
  }
  const validated = validateCallArgs(name, args);
  if (!validated.ok) return validated;
  const handler = handlers[name] as ((a: unknown) => unknown) | undefined;
  if (!handler)
    return { ok: false, error: { code: 'UNSUPPORTED', message: `The call "${name}" is not available here.` } };
  try {
    return { ok: true, value: await handler(validated.value) };
  } catch (error) {
    return { ok: false, error: toApiError(error) };
  }
}

/** One call, typed by its name, as dispatchCall runs it; a refusal is thrown as the PlannerError it carried. */
export async function callHandler<K extends CallName>(
  handlers: Partial<PlannerHandlers>,
  name: K,
  args: CallArgs<K>,
): Promise<CallResults[K]> {
  const result = await dispatchCall(handlers, name, args);
  if (!result.ok) throw new PlannerError(result.error.code, result.error.message, result.error.details);
  return result.value as CallResults[K];
}
