/**
 * The Electron security checklist: app:// protocol with CSP, no remote content, navigation,
 * window.open, webviews and permission requests denied.
 */
import { app, protocol, session, type WebContents } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { CONTENT_TYPES, SECURITY_HEADERS } from './security-headers.js';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://planner';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer from `rendererDir` at app://planner/, with the CSP on every response. */
export function serveRenderer(rendererDir: string): void {
  const root = path.resolve(rendererDir);
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const relative = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const filePath = path.resolve(root, relative);
    if (url.host !== 'planner' || !filePath.startsWith(root + path.sep) || !fs.existsSync(filePath)) {
      return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
    }
    const body = fs.readFileSync(filePath);
    return new Response(body, {
      status: 200,
      headers: {
        ...SECURITY_HEADERS,
        'Content-Type': CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream',
      },
    });
  });
}

function isAppUrl(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url === APP_ORIGIN;
}

/** Locks down every session and every web contents the app creates. */
export function hardenApp(): void {
  const ses = session.defaultSession;
  // Every permission is refused, except full screen for the app's own page (workshop mode).
  ses.setPermissionRequestHandler((contents, permission, callback) =>
    callback(permission === 'fullscreen' && isAppUrl(contents.getURL())),
  );
  ses.setPermissionCheckHandler((_contents, permission, origin) => permission === 'fullscreen' && isAppUrl(origin));
  ses.setDevicePermissionHandler(() => false);
  // No request leaves the app: only app:// (and devtools in development) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    // Local-only schemes: blob: and data: URLs the page made itself (chart exports, downloads).
    const local = details.url.startsWith(`blob:${APP_ORIGIN}/`) || details.url.startsWith('data:');
    const allowed = isAppUrl(details.url) || local || (!app.isPackaged && details.url.startsWith('devtools://'));
    callback({ cancel: !allowed });
  });

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!isAppUrl(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
