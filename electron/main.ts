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
import { hardenApp, registerAppScheme, serveRenderer } from './security.js';
import { createAppContext } from './services/appContext.js';
import { useNativeBinding } from './store/database.js';
import { PLAN_EXTENSION } from './store/planFile.js';
import { createMainWindow } from './window.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const planFilters = [{ name: 'Sufficiency Planner plan', extensions: [PLAN_EXTENSION.slice(1)] }];

// better-sqlite3 built for Electron's ABI lives apart from the Node build (see README, "Native modules").
const electronNative = process.env.PLANNER_ELECTRON_SQLITE_BINDING;
if (!app.isPackaged && electronNative && fs.existsSync(electronNative)) useNativeBinding(electronNative);

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
      const options = { title: 'Save plan as', defaultPath: suggestedName, filters: planFilters };
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
    const context = createAppContext({
      mode: 'electron',
      dataDir: process.env.PLANNER_DATA_DIR ?? app.getPath('userData'),
      dialogs,
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
