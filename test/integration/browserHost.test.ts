import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let host: BrowserHost;

beforeAll(async () => {
  tmp = makeTempDir('planner-host-');
  const rendererDir = path.join(tmp.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sufficiency Planner</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'outside the renderer folder');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
  host = await startBrowserHost({ handlers: context.handlers, rendererDir });
});

afterAll(async () => {
  await host.close();
  context.plans.dispose();
  tmp.cleanup();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  pathname: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, path: pathname, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const authorised = () => ({ Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' });

describe('browser-mode host', () => {
  it('listens on 127.0.0.1 only and prints a tokenised URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{20,}$/);
  });

  it('serves the UI with a strict Content Security Policy', async () => {
    const reply = await request('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('Sufficiency Planner');
    const csp = String(reply.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses to serve files outside the UI folder', async () => {
    expect((await request('/../secret.txt')).status).toBe(404);
    expect((await request('/%2e%2e/secret.txt')).status).toBe(404);
    expect((await request('/assets/app.js')).status).toBe(200);
  });

  it('answers 401 to an API call without the secret, or with a wrong one', async () => {
    const none = await request('/api/getPlanSummary', {
      method: 'POST',
      body: '{}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORISED' } });
    const wrong = await request('/api/getPlanSummary', {
      method: 'POST',
      body: '{}',
      headers: { Authorization: 'Bearer not-the-secret', 'Content-Type': 'application/json' },
    });
    expect(wrong.status).toBe(401);
  });

  it('answers 403 when the Host header is foreign (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example:80', `attacker.test:${host.port}`, '127.0.0.1']) {
      const reply = await request('/api/getPlanState', {
        method: 'POST',
        body: '{}',
        headers: { ...authorised(), Host: hostHeader },
      });
      expect(reply.status, hostHeader).toBe(403);
      expect((await request('/', { headers: { Host: hostHeader } })).status).toBe(403);
    }
    const local = await request('/api/getPlanState', {
      method: 'POST',
      body: '{}',
      headers: { ...authorised(), Host: `localhost:${host.port}` },
    });
    expect(local.status).toBe(200);
  });

  it('refuses calls from another web origin', async () => {
    const reply = await request('/api/getPlanState', {
      method: 'POST',
      body: '{}',
      headers: { ...authorised(), Origin: 'https://evil.example' },
    });
    expect(reply.status).toBe(403);
  });

  it('runs a contract call and returns its result', async () => {
    const reply = await request('/api/getPlanSummary', { method: 'POST', body: '{}', headers: authorised() });
    expect(reply.status).toBe(200);
    const body = JSON.parse(reply.body);
    expect(body.ok).toBe(true);
    expect(body.value.authorities).toHaveLength(10);
    expect(body.value.consortium.name).toBe('Greater Manchester');
  });

  it('validates arguments at the boundary and returns the one error shape', async () => {
    const bad = await request('/api/openPlan', {
      method: 'POST',
      body: JSON.stringify({ path: 7 }),
      headers: authorised(),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const notJson = await request('/api/openPlan', { method: 'POST', body: '{path:', headers: authorised() });
    expect(notJson.status).toBe(400);
    const unknown = await request('/api/deleteEverything', { method: 'POST', body: '{}', headers: authorised() });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    const form = await request('/api/renameConsortium', {
      method: 'POST',
      body: 'name=x',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
  });

  it('reports domain errors with their code', async () => {
    const missing = await request('/api/openPlan', {
      method: 'POST',
      body: JSON.stringify({ path: path.join(tmp.dir, 'missing.ccplan') }),
      headers: authorised(),
    });
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const dialog = await request('/api/chooseOpenPath', { method: 'POST', body: '{}', headers: authorised() });
    expect(JSON.parse(dialog.body)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
  });
});
