import { Menu, app, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentPlan } from '#shared/api/contract.js';
import { MENU_CHANNEL } from './ipc.js';

/** The native menu. Every item sends a command the UI handles exactly as its own buttons. */
export function buildMenu(window: BrowserWindow, recent: RecentPlan[]): Menu {
  const send = (command: MenuCommand) => () => window.webContents.send(MENU_CHANNEL, command);
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((r) => ({
        label: r.name,
        sublabel: r.path,
        enabled: r.exists,
        click: send({ command: 'openRecent', path: r.path }),
      }))
    : [{ label: 'No recent plans', enabled: false }];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New…', accelerator: 'CmdOrCtrl+N', click: send({ command: 'new' }) },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send({ command: 'open' }) },
        { label: 'Open Recent', submenu: recentItems },
        { type: 'separator' },
        { label: 'Save', accelerator: 'CmdOrCtrl+S', click: send({ command: 'save' }) },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: send({ command: 'saveAs' }) },
        { type: 'separator' },
        {
          label: 'Export',
          submenu: [
            { label: 'Report as PDF…', click: send({ command: 'export', format: 'pdf' }) },
            { label: 'Tables as Excel workbook (XLSX)…', click: send({ command: 'export', format: 'xlsx' }) },
            { label: 'Tables as CSV files…', click: send({ command: 'export', format: 'csv' }) },
          ],
        },
        { type: 'separator' },
        { label: 'Close', accelerator: 'CmdOrCtrl+W', click: send({ command: 'close' }) },
        ...(process.platform === 'darwin' ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    {
      label: '&Help',
      submenu: [
        { label: 'About Sufficiency Planner', click: send({ command: 'about' }) },
        { label: 'Data sources', click: send({ command: 'dataSources' }) },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
