/**
 * The browser-mode end-to-end files' one setup: `useBrowserSession` (called once inside a file's
 * describe) makes the file's temporary data folder, starts the app in browser mode and opens
 * Chromium on it before the tests, watches every test for failed calls and console errors
 * (useFailureChecks below), and closes both and removes the folder after.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { makeTempDir } from '../helpers/tmp.js';
import { startApp, type RunningApp } from './app-process.js';
import { chromiumArgs, findChromium } from './chromium.js';

export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  page: Page;
  /** What went wrong in the page since the last check (see useFailureChecks). */
  failures: SessionFailures;
}

export interface SessionFailures {
  /** Every response with a 4xx or 5xx status, as "status path". */
  failedCalls: string[];
  /** Every console error, as "text (path of the page or resource that logged it)". */
  consoleErrors: string[];
}

/** The session opened last: the one the failure checks (useFailureChecks) watch. */
let current: BrowserSession | null = null;

/** The session opened last, or null before any. */
export function currentSession(): BrowserSession | null {
  return current;
}

/**
 * Starts `npm start -- --browser --no-open` with its own data folder, opens Chromium on it, and
 * records CSP violations, page errors and requests into the arrays given.
 */
export async function openBrowserSession(options: {
  dataDir: string;
  executablePath: string | undefined;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
  cspViolations?: string[];
  pageErrors?: string[];
  requests?: string[];
  /** Every response with a 4xx or 5xx status, as "status path". */
  failedCalls?: string[];
}): Promise<BrowserSession> {
  const app = await startApp(['--browser', '--no-open'], { PLANNER_DATA_DIR: options.dataDir });
  const browser = await chromium.launch({ executablePath: options.executablePath, args: chromiumArgs });
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    ...(options.acceptDownloads ? { acceptDownloads: true } : {}),
  });
  const failures: SessionFailures = { failedCalls: [], consoleErrors: [] };
  if (options.requests) page.on('request', (r) => options.requests?.push(r.url()));
  page.on('response', (r) => {
    if (r.status() < 400) return;
    const line = `${r.status()} ${new URL(r.url()).pathname}`;
    failures.failedCalls.push(line);
    options.failedCalls?.push(line);
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) options.cspViolations?.push(m.text());
    if (m.type() !== 'error') return;
    const where = m.location().url;
    failures.consoleErrors.push(
      `${m.text()}${where ? ` (${where.startsWith('http') ? new URL(where).pathname : where})` : ''}`,
    );
  });
  page.on('pageerror', (e) => options.pageErrors?.push(e.message));
  current = { app, browser, page, failures };
  return current;
}

export async function closeBrowserSession(
  session: { app?: RunningApp; browser?: Browser },
  tmp: { cleanup: () => void },
): Promise<void> {
  await session.browser?.close();
  await session.app?.stop();
  tmp.cleanup();
}

/** What a file passes to `useBrowserSession` besides the folder and the browser, which it finds. */
export type SessionOptions = Omit<Parameters<typeof openBrowserSession>[0], 'dataDir' | 'executablePath'> & {
  /** What a test in the file provokes on purpose, passed to the failure checks. */
  allow?: RegExp[];
};

/**
 * Registers the file's session: before all tests it opens the app and Chromium in a fresh data folder
 * (prefix `tempPrefix`) and hands the session to `onOpen`, which keeps what the tests use; after all,
 * it closes them and removes the folder, which it returns for tests that write files beside it.
 */
export function useBrowserSession(
  tempPrefix: string,
  options: SessionOptions,
  onOpen: (session: BrowserSession) => unknown,
): { dir: string; cleanup: () => void } {
  const { allow, ...openOptions } = options;
  useFailureChecks(allow ? { allow } : {});
  const tmp = makeTempDir(tempPrefix);
  const found = findChromium();
  let session: BrowserSession | undefined;
  beforeAll(async () => {
    session = await openBrowserSession({
      ...openOptions,
      dataDir: path.join(tmp.dir, 'data'),
      executablePath: 'path' in found ? found.path : undefined,
    });
    await onOpen(session);
  });
  afterAll(() => closeBrowserSession({ app: session?.app, browser: session?.browser }, tmp));
  return tmp;
}

/**
 * The suite's check that nothing failed quietly: after each test, no call from the page came back 4xx
 * or 5xx and nothing was logged as a console error, in whichever view the test drove.
 */
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
