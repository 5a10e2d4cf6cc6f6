import { describe, expect, it } from 'vitest';
import { lockedWebPreferences } from '../../electron/webPreferences.js';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../electron/security-headers.js';
import fs from 'node:fs';

describe('Electron security settings', () => {
  it('locks the window down', () => {
    expect(lockedWebPreferences('/app/preload.cjs')).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('uses a CSP with no inline or eval scripts and no remote sources', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('renderer/index.html carries the same policy', () => {
    const html = fs.readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(meta).not.toMatch(/unsafe-|https?:/);
    expect(meta).toContain("default-src 'self'");
  });

  it('the preload exposes nothing generic', () => {
    const preload = fs.readFileSync(new URL('../../electron/preload.ts', import.meta.url), 'utf8');
    expect(preload).toContain("exposeInMainWorld('planner'");
    expect(preload).not.toMatch(/exposeInMainWorld\('(ipcRenderer|electron|require)/);
    expect(preload).not.toMatch(/invoke\(\s*channel/);
  });
});
