/**
 * Electron main process: single instance, hardened window, native menu, the API over IPC.
 */
import { BrowserWindow, Menu, app, dialog } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FileDialogs } from './services/handlers.js';
import { bindIpc } from './ipc.js';
import { buildMenu } from './menu.js';
import { APP_ORIGIN, hardenApp, registerAppScheme, serveRenderer } from './security.js';
import { createAppContext } from './services/appContext.js';
import { loadFlowFit } from './services/flowFitStore.js';
import { autosaveIntervalMs, maxInputBytes } from './services/paths.js';
import {
  REPORT_READY_SCRIPT,
  REPORT_TIMEOUT_MS,
  electronPrintOptions,
  setNativeReportPrinter,
} from './services/pdfService.js';
import { lockedWebPreferences } from './webPreferences.js';
import { useNativeBinding } from './store/database.js';
import { PLAN_EXTENSION } from './store/planFile.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const planFilters = [{ name: 'Sufficiency Planner plan', extensions: [PLAN_EXTENSION.slice(1)] }];
const pdfFilters = [{ name: 'PDF document', extensions: ['pdf'] }];

/**
 * The PDF report in the desktop app: a hidden window (locked like the main one) opens the report
 * alone, waits until it says it is ready, and Chromium's own printToPDF prints it, with the same
 * page size, margins and page numbers as the headless path in browser mode and the CLI.
 */
async function printReportToPdf(query: string): Promise<Uint8Array> {
  const window = new BrowserWindow({
    show: false,
    width: 1000,
    height: 1400,
    webPreferences: lockedWebPreferences(path.join(here, 'preload.cjs')),
  });
  try {
    await window.loadURL(`${APP_ORIGIN}/index.html?${query}`);
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    while (!(await window.webContents.executeJavaScript(REPORT_READY_SCRIPT))) {
      if (Date.now() > deadline) throw new Error('The report did not finish loading in time.');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return await window.webContents.printToPDF(electronPrintOptions());
  } finally {
    window.destroy();
  }
}

// better-sqlite3 built for Electron's ABI lives apart from the Node build (see README, "Native modules").
const electronNative = process.env.PLANNER_ELECTRON_SQLITE_BINDING;
if (!app.isPackaged && electronNative && fs.existsSync(electronNative)) useNativeBinding(electronNative);

// The app never touches the network: no host name resolves (the UI is served from app://, which
// needs none), no proxy is consulted, and Chromium's background services stay off.
for (const [name, value] of [
  ['host-resolver-rules', 'MAP * ^NOTFOUND'],
  ['no-proxy-server', undefined],
  ['disable-background-networking', undefined],
  ['disable-component-update', undefined],
  ['disable-domain-reliability', undefined],
  ['disable-quic', undefined],
  ['no-pings', undefined],
  ['webrtc-ip-handling-policy', 'disable_non_proxied_udp'],
] as const) {
  if (value === undefined) app.commandLine.appendSwitch(name);
  else app.commandLine.appendSwitch(name, value);
}

registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | null = null;

  const dialogs: FileDialogs = {
    async chooseOpenPath() {
      const options = { title: 'Open plan', properties: ['openFile' as const], filters: planFilters };
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
    async chooseSavePath(suggestedName: string) {
      // what is saved follows the suggested name: a report, a workbook, a folder of CSV files or a plan
      const lower = suggestedName.toLowerCase();
      const kind = lower.endsWith('.pdf')
        ? { title: 'Save report as PDF', filters: pdfFilters }
        : lower.endsWith('.xlsx')
          ? { title: 'Save tables as an Excel workbook', filters: [{ name: 'Excel workbook', extensions: ['xlsx'] }] }
          : lower.endsWith(PLAN_EXTENSION)
            ? { title: 'Save plan as', filters: planFilters }
            : { title: 'Save tables as CSV files (a folder of one file per table)', filters: [] };
      const options = { title: kind.title, defaultPath: suggestedName, filters: kind.filters };
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return { path: result.canceled ? null : (result.filePath ?? null) };
    },
  };

  const planArg = process.argv.slice(1).find((a) => a.toLowerCase().endsWith(PLAN_EXTENSION));
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    hardenApp();
    serveRenderer(path.join(here, '../renderer'));
    setNativeReportPrinter(printReportToPdf);
    const autosave = autosaveIntervalMs(undefined);
    const maxInput = maxInputBytes(undefined);
    // the placement-flow fit the build made for the built-in figures (beside this file), for new plans
    loadFlowFit(path.join(here, 'builtin-flow-fit.json'));
    const context = createAppContext({
      mode: 'electron',
      dataDir: process.env.PLANNER_DATA_DIR ?? app.getPath('userData'),
      dialogs,
      ...(autosave === undefined ? {} : { autosaveIntervalMs: autosave }),
      ...(maxInput === undefined ? {} : { importLimits: { maxInputBytes: maxInput } }),
    });
    try {
      context.plans.openInitialPlan(planArg);
    } catch (error) {
      dialog.showErrorBox('Could not open the plan', (error as Error).message);
      context.plans.newPlan();
    }
    const window = createMainWindow(path.join(here, 'preload.cjs'));
    mainWindow = window;

    const refreshChrome = () => {
      const state = context.plans.state();
      Menu.setApplicationMenu(buildMenu(window, context.plans.recent.list()));
      window.setTitle(
        state.open ? `${state.name}${state.dirty ? ' •' : ''} — Sufficiency Planner` : 'Sufficiency Planner',
      );
      window.setDocumentEdited(state.open && state.dirty);
    };
    bindIpc(context.handlers, refreshChrome);
    refreshChrome();

    window.on('close', (event) => {
      const state = context.plans.state();
      if (!state.open || !state.dirty) return;
      const choice = dialog.showMessageBoxSync(window, {
        type: 'warning',
        buttons: ['Discard changes', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `“${state.name}” has unsaved changes.`,
        detail: 'If you close now, your changes since the last save are lost.',
      });
      if (choice === 1) event.preventDefault();
    });
    window.on('closed', () => {
      mainWindow = null;
      context.plans.dispose();
      app.quit();
    });
  });

  app.on('window-all-closed', () => app.quit());
}
