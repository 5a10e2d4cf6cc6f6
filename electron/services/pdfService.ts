/**
 * The PDF report. The renderer draws the report (the Report view, opened with `?print=report`) and
 * a Chromium prints it: in the desktop app Electron's own `webContents.printToPDF` on a hidden
 * window (see electron/main.ts, which registers it with {@link setNativeReportPrinter}); in browser
 * mode and the CLI a headless Chromium driven by playwright-core, pointed at a temporary loopback
 * host serving the same UI and the same handlers, so all three produce the same document. That
 * Chromium has no network at all: this process fetches each of its requests from the host and hands
 * the answer back.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import type { PlannerHandlers } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { startBrowserHost } from '../browser-host/index.js';

/** Page margins in millimetres; the report's CSS `@page` rule uses the same. */
export const PDF_MARGINS_MM = { top: 16, right: 15, bottom: 18, left: 15 } as const;

/** Page numbers, drawn by Chromium in the bottom margin (outside the page, so not subject to its CSP). */
export const PDF_FOOTER_TEMPLATE =
  '<div style="font-size:8px;width:100%;text-align:center;color:#4a5565;font-family:sans-serif">' +
  '<span class="pageNumber"></span> / <span class="totalPages"></span></div>';
export const PDF_HEADER_TEMPLATE = '<div></div>';

/** The report page sets this when its data has loaded and its charts are drawn. */
export const REPORT_READY_SELECTOR = 'body[data-report-ready="true"]';
/** The same test as a script, for Electron's executeJavaScript. */
export const REPORT_READY_SCRIPT = "document.body && document.body.dataset.reportReady === 'true'";
export const REPORT_TIMEOUT_MS = 120_000;

/**
 * Host resolution for a Chromium that may reach this computer's loopback host and nothing else:
 * every name and address but 127.0.0.1 and localhost fails inside Chromium. `^NOTFOUND` fails the
 * lookup before Chromium's resolver runs, so there is no DNS query at all; `~NOTFOUND`, often
 * quoted, only renames the host and still hands it to the resolver. The loopback host itself still
 * goes through the resolver, which connect()s a UDP socket to a public IPv6 address to learn
 * whether IPv6 is routable (nothing is sent); the report's Chromium avoids even that (below).
 */
export const LOOPBACK_ONLY_RESOLVER = '--host-resolver-rules=MAP * ^NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost';

/**
 * Host resolution for the report's Chromium, which needs no network at all: every request the
 * report page makes is answered through Playwright from this process (see {@link renderReportPdf}),
 * so even 127.0.0.1 fails inside Chromium and its resolver is never asked.
 */
export const NO_HOST_RESOLVER = '--host-resolver-rules=MAP * ^NOTFOUND';

/**
 * Flags for a closed network: no background connections, no first-run work, no proxy. Chromium's
 * own switches turn off what they can (background networking, component updates, sync, domain
 * reliability, crash reports, metrics uploads, pings, field trials, default apps, extensions,
 * WebRTC's non-proxied UDP); older switches are kept for the Chromiums that still know them (DNS
 * prefetch, translate, Safe Browsing updates, client-side phishing detection, the crash reporter)
 * and are ignored by those that do not. Playwright adds its own `--disable-features` list
 * (optimisation hints, media router, network time, search preconnect among them); a second
 * `--disable-features` would replace that list, not add to it, so none is given here. What
 * guarantees that nothing leaves is the host resolver rule: whatever a background service asks for
 * (Chromium 156 still asks update.googleapis.com for a model manifest and accounts.google.com for
 * signed-in accounts) fails inside Chromium, and with `--no-proxy-server` no system proxy is used.
 * test/e2e/no-network.test.ts proves it with strace.
 */
const CLOSED_NETWORK_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--disable-crash-reporter',
  '--metrics-recording-only',
  '--no-pings',
  '--disable-field-trial-config',
  '--disable-default-apps',
  '--disable-extensions',
  '--disable-component-extensions-with-background-pages',
  '--dns-prefetch-disable',
  '--disable-translate',
  '--safebrowsing-disable-auto-update',
  '--disable-client-side-phishing-detection',
  '--webrtc-ip-handling-policy=disable_non_proxied_udp',
  '--no-proxy-server',
];

/** A Chromium that may load pages from this computer's loopback host and nothing else (the end-to-end tests' browser). */
export const CHROMIUM_ARGS = [...CLOSED_NETWORK_ARGS, LOOPBACK_ONLY_RESOLVER];

/** The report's Chromium: no network at all, not even loopback. */
export const PDF_CHROMIUM_ARGS = [...CLOSED_NETWORK_ARGS, NO_HOST_RESOLVER];

const NO_CHROMIUM =
  'No Chromium was found to print the report. Install Chromium (Debian: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to its path.';

/** The query string that opens the report alone: `print=report`, and the scenarios when chosen. */
export function reportQuery(scenarios?: readonly string[]): string {
  const params = new URLSearchParams({ print: 'report' });
  if (scenarios) params.set('scenarios', scenarios.join(','));
  return params.toString();
}

/** Electron's printToPDF options: the same page, margins (inches) and footer as the headless path. */
export function electronPrintOptions() {
  const inches = (mm: number) => Math.round((mm / 25.4) * 1000) / 1000;
  return {
    pageSize: 'A4' as const,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: PDF_HEADER_TEMPLATE,
    footerTemplate: PDF_FOOTER_TEMPLATE,
    margins: {
      top: inches(PDF_MARGINS_MM.top),
      right: inches(PDF_MARGINS_MM.right),
      bottom: inches(PDF_MARGINS_MM.bottom),
      left: inches(PDF_MARGINS_MM.left),
    },
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

type Playwright = typeof import('playwright-core');

/** playwright-core, loaded only when needed (a development dependency: the desktop app prints natively). */
function loadPlaywright(): Playwright | null {
  try {
    return createRequire(import.meta.url)('playwright-core') as Playwright;
  } catch {
    return null;
  }
}

const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Finds a Chromium to print with: PLAYWRIGHT_CHROMIUM_EXECUTABLE, Debian's, or Playwright's own. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  options: { system?: readonly string[]; playwrightOwn?: boolean } = {},
): { path: string } | { reason: string } {
  const candidates = [env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, ...(options.system ?? SYSTEM_CHROMIUMS)];
  if (options.playwrightOwn ?? true) {
    try {
      const own = loadPlaywright()?.chromium.executablePath();
      if (own) candidates.push(own);
    } catch {
      // Playwright has no browsers of its own here.
    }
  }
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return { path: candidate };
  return { reason: NO_CHROMIUM };
}

/** Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`), else the page tree's count. */
export function countPdfPages(bytes: Uint8Array): number {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
  if (pages > 0) return pages;
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  return counts.length ? Math.max(...counts) : 0;
}

/** "report" → "report.pdf"; a name already ending in .pdf is kept. */
export function pdfTarget(filePath: string): string {
  return filePath.toLowerCase().endsWith('.pdf') ? filePath : `${filePath}.pdf`;
}

function checkFolder(target: string): void {
  const folder = path.dirname(target);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new PlannerError('IO_ERROR', `Could not write ${target}: the folder ${folder} does not exist.`);
  }
}

/** Writes the PDF atomically (a temporary file, then rename) and counts its pages. */
export function writePdf(target: string, bytes: Uint8Array): { path: string; pages: number } {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 5)).toString('latin1');
  if (text !== '%PDF-') throw new PlannerError('INTERNAL', 'Chromium did not return a PDF.');
  checkFolder(target);
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, bytes);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw new PlannerError('IO_ERROR', `Could not write ${target}: ${(error as Error).message}`);
  }
  return { path: target, pages: countPdfPages(bytes) };
}

/**
 * The built renderer (index.html and assets/): beside the bundle in dist/node (or its chunks/), or
 * dist/renderer when running from source (tests, tsx).
 */
export function findRendererDir(): string {
  for (const relative of ['../renderer/', '../../renderer/', '../../dist/renderer/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (fs.existsSync(path.join(dir, 'index.html')) && fs.existsSync(path.join(dir, 'assets'))) return dir;
  }
  throw new PlannerError(
    'UNSUPPORTED',
    'The app’s built pages were not found, so the report cannot be printed: run `npm run build` first.',
  );
}

/**
 * Answers every request the page makes from this process instead of Chromium's network stack:
 * requests to the report's own host are fetched by Playwright here (a loopback connection from
 * Node) and handed back; anything else is refused. Chromium itself opens no socket and resolves no
 * name, so not even its IPv6 reachability probe (a UDP connect to a public address) runs.
 */
async function answerFromThisProcess(page: Page, origin: string): Promise<void> {
  await page.route('**/*', async (route) => {
    if (new URL(route.request().url()).origin !== origin) {
      await route.abort('blockedbyclient');
      return;
    }
    try {
      await route.fulfill({ response: await route.fetch({ maxRedirects: 0 }) });
    } catch {
      await route.abort('failed').catch(() => undefined);
    }
  });
}

/**
 * Opens the report at `url` (a running host's address with `print=report`) in headless Chromium,
 * waits until it says it is ready, and prints it to `out` as A4 with page numbers.
 */
export async function renderReportPdf(options: {
  url: string;
  out: string;
  timeoutMs?: number;
}): Promise<{ path: string; pages: number }> {
  const found = findChromium();
  if ('reason' in found) throw new PlannerError('UNSUPPORTED', found.reason);
  const playwright = loadPlaywright();
  if (!playwright) {
    throw new PlannerError(
      'UNSUPPORTED',
      'The report cannot be printed here: playwright-core is not installed (npm install in the app folder).',
    );
  }
  const timeout = options.timeoutMs ?? REPORT_TIMEOUT_MS;
  let browser;
  try {
    browser = await playwright.chromium.launch({
      executablePath: found.path,
      args: PDF_CHROMIUM_ARGS,
      headless: true,
      timeout: 60_000,
    });
  } catch (error) {
    throw new PlannerError(
      'UNSUPPORTED',
      `Chromium (${found.path}) could not be started to print the report: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 1400 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await answerFromThisProcess(page, new URL(options.url).origin);
    await page.goto(options.url, { waitUntil: 'load', timeout });
    try {
      await page.waitForSelector(REPORT_READY_SELECTOR, { state: 'attached', timeout });
    } catch {
      throw new PlannerError(
        'INTERNAL',
        `The report did not finish loading within ${Math.round(timeout / 1000)} s${problems.length ? `: ${problems[0]}` : '.'}`,
      );
    }
    const mm = (v: number) => `${v}mm`;
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: PDF_HEADER_TEMPLATE,
      footerTemplate: PDF_FOOTER_TEMPLATE,
      margin: {
        top: mm(PDF_MARGINS_MM.top),
        right: mm(PDF_MARGINS_MM.right),
        bottom: mm(PDF_MARGINS_MM.bottom),
        left: mm(PDF_MARGINS_MM.left),
      },
      tagged: true,
      outline: true,
    });
    return writePdf(options.out, pdf);
  } finally {
    await browser.close();
  }
}

/** Prints the report from a URL query (`print=report…`) to PDF bytes: Electron's printToPDF. */
export type NativeReportPrinter = (query: string) => Promise<Uint8Array>;

let nativePrinter: NativeReportPrinter | null = null;

/** The desktop app registers its printToPDF here; browser mode and the CLI leave it unset. */
export function setNativeReportPrinter(printer: NativeReportPrinter | null): void {
  nativePrinter = printer;
}

/**
 * The exportPdf call: checks the plan and the scenarios, then prints the report of the open plan
 * (natively in Electron, else with headless Chromium against a temporary host on the same
 * handlers) and writes it to `path` (".pdf" added when missing).
 */
export async function exportReportPdf(
  handlers: PlannerHandlers,
  args: { path: string; scenarios?: string[] | undefined },
): Promise<{ path: string; pages: number }> {
  const state = await handlers.getPlanState({});
  if (!state.open) throw new PlannerError('NO_PLAN_OPEN', 'Open a plan before exporting its report.');
  const target = pdfTarget(args.path);
  checkFolder(target);
  if (args.scenarios?.length) {
    const stored = await handlers.listScenarios({});
    const unknown = args.scenarios.filter((id) => !stored.some((s) => s.id === id));
    if (unknown.length) {
      throw new PlannerError(
        'NOT_FOUND',
        `There is no scenario ${unknown.map((u) => `“${u}”`).join(', ')} in this plan. Scenarios: ${stored.map((s) => `${s.name} (${s.id})`).join('; ')}.`,
      );
    }
  }
  const query = reportQuery(args.scenarios);
  if (nativePrinter) return writePdf(target, await nativePrinter(query));
  const host = await startBrowserHost({ handlers, rendererDir: findRendererDir(), port: 0 });
  try {
    return await renderReportPdf({ url: `${host.url}&${query}`, out: target });
  } finally {
    await host.close();
  }
}
