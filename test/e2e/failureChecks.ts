/**
 * The end-to-end suite's shared check that nothing failed quietly: after each test, no call from the
 * page came back 4xx or 5xx and nothing was logged as a console error, in whichever view the test
 * drove. Every browser-mode e2e file calls useFailureChecks() once inside its describe.
 */
import { afterEach, expect } from 'vitest';
import { currentSession } from './session.js';

/**
 * Fails each test in which the page made a call that failed (4xx or 5xx) or logged a console error,
 * naming them. `allow` lists what a test in the file provokes on purpose (a bad import, say), matched
 * against "status path" and the console text.
 */
export function useFailureChecks(options: { allow?: RegExp[] } = {}): void {
  const allowed = (line: string) => (options.allow ?? []).some((pattern) => pattern.test(line));
  afterEach(() => {
    const session = currentSession();
    if (!session) return;
    const failedCalls = session.failures.failedCalls.splice(0).filter((line) => !allowed(line));
    const consoleErrors = session.failures.consoleErrors.splice(0).filter((line) => !allowed(line));
    expect({ failedCalls, consoleErrors }).toEqual({ failedCalls: [], consoleErrors: [] });
  });
}
