import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './security.js';
import { lockedWebPreferences } from './webPreferences.js';

/** The one window, with locked webPreferences (each is checked by the Electron end-to-end test). */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title: 'Sufficiency Planner',
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: lockedWebPreferences(preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
