/**
 * The browser-mode host over real HTTP: the UI with its security headers, the token, Host and
 * Origin checks, the API contract's calls and errors, and the hardening that keeps the host alive
 * whatever a request holds (malformed paths, exact Content-Type, delivered 413s).
 */
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/index.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { rawRequest } from '../helpers/rawHttp.js';
import { writeFakeRenderer } from '../helpers/fakeRenderer.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let host: BrowserHost;

beforeAll(async () => {
  tmp = makeTempDir('planner-host-');
  const rendererDir = writeFakeRenderer(tmp.dir);
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
    // Dot segments are refused outright, however they are spelt.
    expect((await request('/../secret.txt')).status).toBe(400);
    expect((await request('/%2e%2e/secret.txt')).status).toBe(400);
    expect((await request('/assets/..%2f..%2fsecret.txt')).status).toBe(400);
    expect((await request('/missing.js')).status).toBe(404);
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

  it('answers every contract call by name, digits included (countSsda903, removeSsda903)', async () => {
    for (const call of ['countSsda903', 'removeSsda903']) {
      const reply = await request(`/api/${call}`, { method: 'POST', body: '{}', headers: authorised() });
      expect({ call, status: reply.status }).toEqual({ call, status: 200 });
    }
    const count = await request('/api/countSsda903', { method: 'POST', body: '{}', headers: authorised() });
    expect(JSON.parse(count.body)).toEqual({ ok: true, value: { files: 0 } });
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

/** Streams a body of `total` bytes (chunked, no Content-Length) and resolves with the status as soon as one arrives. */
function streamUntilAnswered(
  pathname: string,
  total: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; sent: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    chunk[0] = 0x5b; // '[' so the body starts as JSON
    const req = http.request({ host: '127.0.0.1', port: host.port, path: pathname, method: 'POST', headers }, (res) => {
      answered = true;
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, sent, ms: Date.now() - started }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

async function alive(): Promise<void> {
  const reply = await request('/api/getPlanState', { method: 'POST', body: '{}', headers: authorised() });
  expect(reply.status).toBe(200);
  expect(JSON.parse(reply.body)).toMatchObject({ ok: true });
}

describe('browser-mode host hardening', () => {
  it('answers GET /% with 400 and stays up', async () => {
    const reply = await rawRequest(host.port, `GET /% HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
    expect(reply.status).toBe(400);
    expect((await request('/%')).status).toBe(400);
    await alive();
  });

  it('refuses malformed paths with 400 or 414, and never dies', async () => {
    const bad = ['/%zz', '/%00', '/a%00.js', '/assets%5c..%5csecret.txt', '/%C0%AF', '/%E2%82', '/./index.html'];
    for (const pathname of bad) expect((await request(pathname)).status, pathname).toBe(400);
    expect((await request('/' + 'a'.repeat(5000))).status).toBe(414);
    for (const target of ['/a\\b', '/caf\u00e9', '*', 'http://evil.example/', '/x#y']) {
      const reply = await rawRequest(host.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`);
      expect(reply.status, target).toBe(400);
    }
    await alive();
  });

  it('answers requests the HTTP parser refuses, and malformed or missing headers, with 400 or 431', async () => {
    const hostLine = `Host: 127.0.0.1:${host.port}\r\n`;
    const cases: Array<[string, number]> = [
      ['NONSENSE\r\n\r\n', 400],
      [`GET / HTTP/1.1\r\nNo colon here\r\n${hostLine}\r\n`, 400],
      [`GET / HTTP/1.1\r\n${hostLine}X-Big: ${'x'.repeat(20_000)}\r\n\r\n`, 431],
      ['GET / HTTP/1.0\r\n\r\n', 400],
      [`GET / HTTP/1.1\r\n${hostLine}${hostLine}\r\n`, 400],
      [`POST /api/getPlanState HTTP/1.1\r\n${hostLine}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400],
      [`POST /api/getPlanState HTTP/1.1\r\n${hostLine}Content-Length: abc\r\n\r\n`, 400],
    ];
    for (const [data, status] of cases) {
      const reply = await rawRequest(host.port, data);
      expect(reply.status, JSON.stringify(data.slice(0, 60))).toBe(status);
    }
    await alive();
  });

  it('accepts only application/json, with a utf-8 charset or none', async () => {
    const call = (contentType: string) =>
      request('/api/getPlanState', {
        method: 'POST',
        body: '{}',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': contentType },
      });
    for (const refused of [
      'application/json-evil',
      'application/jsonx',
      'application/json; charset=latin1',
      'application/json; boundary=x',
      'text/plain; application/json',
      'application/json+xml',
    ]) {
      const reply = await call(refused);
      expect(reply.status, refused).toBe(415);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    for (const accepted of [
      'application/json',
      ' Application/JSON ',
      'application/json; charset=utf-8',
      'application/json;charset="UTF-8"',
    ]) {
      expect((await call(accepted)).status, accepted).toBe(200);
    }
    const missing = await request('/api/getPlanState', {
      method: 'POST',
      body: '{}',
      headers: { Authorization: `Bearer ${host.token}` },
    });
    expect(missing.status).toBe(415);
  });

  it('refuses a body that is not valid UTF-8', async () => {
    const reply = await rawRequest(
      host.port,
      Buffer.concat([
        Buffer.from(
          `POST /api/renameConsortium HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n` +
            'Content-Type: application/json\r\nContent-Length: 13\r\n\r\n',
        ),
        Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
      ]),
    );
    expect(reply.status).toBe(400);
  });

  it('delivers a 413 to a client still sending an over-size body (100 MB, no Content-Length)', async () => {
    const reply = await streamUntilAnswered('/api/renameConsortium', 100_000_000, authorised());
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(reply.sent).toBeLessThan(20_000_000);
    expect(reply.ms).toBeLessThan(5000);
    await alive();
  });

  it('refuses an over-size Content-Length with 413 before reading the body, and closes the connection', async () => {
    const head =
      `POST /api/renameConsortium HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 104857600\r\n\r\n';
    // Only the head is sent: the answer cannot depend on reading the body.
    const reply = await rawRequest(host.port, head, { waitForClose: true, timeoutMs: 8000 });
    expect(reply.status).toBe(413);
    expect(reply.text).toMatch(/\r\nconnection: close\r\n/i);
    expect(reply.ended).toBe('closed');
    // A request pipelined behind it on the same connection is not answered.
    const pipelined = await rawRequest(host.port, head + `GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`, {
      waitForClose: true,
      timeoutMs: 8000,
    });
    expect(pipelined.text.match(/HTTP\/1\.1 /g)).toHaveLength(1);
    // Without the token the body is never read either: 401 and the connection closed.
    const unauthorised = await rawRequest(host.port, head.replace(/Authorization: [^\r]*\r\n/, ''), {
      waitForClose: true,
      timeoutMs: 8000,
    });
    expect(unauthorised.status).toBe(401);
    await alive();
  });

  it('keeps the larger limit for previewImport, and refuses beyond it', async () => {
    const head = (length: number) =>
      `POST /api/previewImport HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nAuthorization: Bearer ${host.token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
    expect((await rawRequest(host.port, head(400_000_000))).status).toBe(413);
    // 2 MB is over the ordinary limit but within previewImport's: read, then refused as invalid arguments.
    const body = JSON.stringify({ files: [{ name: 'x.csv', contentBase64: 'A'.repeat(2_000_000) }], extra: 1 });
    const reply = await request('/api/previewImport', { method: 'POST', body, headers: authorised() });
    expect(reply.status).toBe(400);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('answers Expect: 100-continue only when the body is wanted', async () => {
    const head = (auth: string) =>
      `POST /api/getPlanState HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${auth}Content-Type: application/json\r\n` +
      'Content-Length: 2\r\nExpect: 100-continue\r\n\r\n';
    const refused = await rawRequest(host.port, head(''));
    expect(refused.status).toBe(401);
    expect(refused.text).not.toContain('100 Continue');
    const wanted = await rawRequest(host.port, head(`Authorization: Bearer ${host.token}\r\n`) + '{}');
    expect(wanted.text).toContain('100 Continue');
    expect(wanted.status).toBe(200);
  });

  it('keeps a connection alive across ordinary requests', async () => {
    const get = `GET /assets/app.js HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n\r\n`;
    const reply = await rawRequest(host.port, get + get, { waitForClose: true, timeoutMs: 3000 });
    expect(reply.text.match(/HTTP\/1\.1 200 /g)).toHaveLength(2);
  });
});

describe('browser-mode host when a handler fails', () => {
  it('turns any failure, in the call or after it, into a 500, and stays up', async () => {
    // getPlanState throws; getPlanSummary returns what JSON cannot carry, so the failure comes after
    // dispatchCall, while the host writes the answer.
    const broken = new Proxy(context.handlers, {
      get(target, name, receiver) {
        if (name === 'getPlanState') throw new Error('broken on purpose');
        if (name === 'getPlanSummary') return () => ({ count: BigInt(1) });
        return Reflect.get(target, name, receiver) as unknown;
      },
    });
    const other = await startBrowserHost({ handlers: broken, rendererDir: path.join(tmp.dir, 'renderer') });
    const post = (name: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: other.port,
            path: `/api/${name}`,
            method: 'POST',
            headers: { Authorization: `Bearer ${other.token}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    try {
      expect(await post('getPlanState')).toBe(500);
      expect(await post('getPlanSummary')).toBe(500);
      expect(await post('getAppInfo')).toBe(200);
    } finally {
      await other.close();
    }
  });
});
