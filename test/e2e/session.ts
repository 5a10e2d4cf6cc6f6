import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type RunningApp } from './app-process.js';
import { chromiumArgs } from './chromium.js';

export interface BrowserSession {
  app: RunningApp;
  browser: Browser;
  page: Page;
  /** What went wrong in the page since the last check (see failureChecks.ts). */
  failures: SessionFailures;
}

export interface SessionFailures {
  /** Every response with a 4xx or 5xx status, as "status path". */
  failedCalls: string[];
  /** Every console error, as "text (path of the page or resource that logged it)". */
  consoleErrors: string[];
}

/** The session opened last: the one the failure checks (failureChecks.ts) watch. */
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
