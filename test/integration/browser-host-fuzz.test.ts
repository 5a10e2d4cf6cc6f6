/**
 * A bounded, seeded HTTP fuzz of the browser-mode host: a few thousand random requests (paths,
 * methods, headers and bodies, with and without the secret), sent both through http.request and
 * as raw bytes over node:net so malformed requests reach the server. Afterwards the host must
 * still answer an authorised call and the open plan must be untouched: its saved file
 * byte-identical and its state, summary, scenarios and import log unchanged.
 *
 * Authorised requests reach the plan only through read-only calls; every other call (including
 * calls that change the plan) is sent only bodies its schema must refuse (not a JSON object, or
 * not JSON), never an empty body or an object, so no request the fuzz sends can change the plan
 * legitimately. Set FUZZ_SEED to replay another run; the figures are printed at the end.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/index.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { rawRequest } from '../helpers/rawHttp.js';
import { seededRandom } from '../helpers/random.js';
import { writeFakeRenderer } from '../helpers/fakeRenderer.js';
import { makeTempDir } from '../helpers/tmp.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_240_613);
const REQUESTS = 2500;
const CONCURRENCY = 12;

/** Calls that never change anything: the only ones authorised fuzz requests may call with any body. */
const READ_ONLY_CALLS = [
  'getAppInfo',
  'getPlanState',
  'listRecentPlans',
  'getPlanSummary',
  'listAuthorities',
  'listBuiltInAuthorities',
  'listImports',
  'getImportProgress',
  'listScenarios',
  'chooseOpenPath',
];
/** Calls that change the plan or the disk (or are costly): sent only bodies their schemas refuse. */
const RESTRICTED_CALLS = [
  'newPlan',
  'openPlan',
  'savePlan',
  'savePlanAs',
  'closePlan',
  'renameConsortium',
  'setMembership',
  'previewImport',
  'commitImport',
  'discardImport',
  'cancelImport',
  'setAssumption',
  'setHorizon',
  'writeDataTemplate',
  'exportPlan',
  'exportPdf',
  'saveScenario',
  'deleteScenario',
  'duplicateScenario',
  'setMapGeometry',
  'getProjection',
  'getScenarioContext',
  'runScenarios',
  'runSensitivity',
  'getStockFlowProjection',
  'getMapData',
];
/** Bodies no call's arguments can accept: each is refused whole and in any prefix a parser might see. */
const REFUSED_BODIES = ['123', '"x"', '[{}]', 'true', 'false', '[', '{"path":', '{{', 'not json', '\u00ff\u00fe'];

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let host: BrowserHost;
let planPath: string;

beforeAll(async () => {
  tmp = makeTempDir('planner-host-fuzz-');
  const rendererDir = writeFakeRenderer(tmp.dir);
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
  planPath = path.join(tmp.dir, 'fuzz.ccplan');
  context.plans.saveAs(planPath);
  host = await startBrowserHost({ handlers: context.handlers, rendererDir });
});

afterAll(async () => {
  await host?.close();
  context?.plans.dispose();
  tmp?.cleanup();
});

interface Spec {
  method: string;
  target: string;
  version: string;
  headers: Array<[string, string]>;
  body: Buffer;
  /** How the body is framed: exact Content-Length, a larger claim (truncated), chunked, broken chunks, or none. */
  framing: 'length' | 'claim' | 'chunked' | 'bad-chunked' | 'none';
  claim: number;
  /** Whether http.request can carry it as it is. */
  httpSafe: boolean;
  /** Raw bytes to send instead of a request built from the fields above. */
  garbage?: Buffer;
}

function generator(seed: number, port: number, token: string) {
  const rand = seededRandom(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => rand() < p;
  const randomBytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const randomAscii = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x21 + int(94))).join('');

  const pathPieces = [
    '%',
    '%zz',
    '%00',
    '%2',
    '..%2f',
    '%2e%2e',
    '..',
    '.',
    '\\',
    '%5c',
    '%C0%AF',
    '%E2%98%83',
    '\u2603',
    'caf\u00e9',
    'index.html',
    'assets',
    'app.js',
    'secret.txt',
    'api',
    '',
    '%ff',
    '%u002e',
    '?',
    '#',
    ';',
    '%0d%0a',
  ];

  const targetFor = (): { target: string; call: string | null } => {
    const r = rand();
    if (r < 0.3) {
      const call = chance(0.5) ? pick(READ_ONLY_CALLS) : chance(0.85) ? pick(RESTRICTED_CALLS) : randomAscii(6);
      const suffix = chance(0.15) ? pick(['?x=1', '?token=' + token, '/', '%', '?%', '/..', '%00']) : '';
      return { target: `/api/${call}${suffix}`, call };
    }
    if (r < 0.45)
      return { target: pick(['/', '/index.html', '/assets/app.js', '/?token=' + token, '/api/', '/api']), call: null };
    if (r < 0.5) return { target: '/' + 'a'.repeat(1 + int(chance(0.5) ? 3000 : 12_000)), call: null };
    if (r < 0.55)
      return { target: pick(['*', 'http://127.0.0.1/', `http://evil.example/api/getPlanState`, '', 'a']), call: null };
    const depth = 1 + int(5);
    const pieces = Array.from({ length: depth }, () => (chance(0.8) ? pick(pathPieces) : randomAscii(1 + int(8))));
    return { target: '/' + pieces.join(chance(0.8) ? '/' : ''), call: null };
  };

  const hostHeader = (): string | null =>
    pick([
      `127.0.0.1:${port}`,
      `127.0.0.1:${port}`,
      `127.0.0.1:${port}`,
      `localhost:${port}`,
      null,
      '',
      'evil.example',
      '127.0.0.1',
      `127.0.0.1:${port + 1}`,
      `127.0.0.1:${port}\u00ff`,
    ]);

  const authHeader = (): string | null =>
    pick([
      `Bearer ${token}`,
      `Bearer ${token}`,
      `Bearer ${token}`,
      null,
      null,
      'Bearer wrong-secret',
      'Bearer ',
      `bearer ${token}`,
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Bearer ${token}x`,
      `Bearer ${token.slice(1)}`,
      `Bearer ${randomAscii(40)}`,
    ]);

  const contentType = (): string | null =>
    pick([
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'APPLICATION/JSON ; charset="UTF-8"',
      'application/json-evil',
      'application/json; charset=latin1',
      'text/plain',
      'multipart/form-data; boundary=x',
      null,
      '',
      randomAscii(12),
    ]);

  const cleanTarget = (): { target: string; call: string | null } => {
    if (chance(0.25)) return { target: pick(['/', '/index.html', '/assets/app.js', '/missing.js']), call: null };
    const call = chance(0.6) ? pick(READ_ONLY_CALLS) : pick(RESTRICTED_CALLS);
    return { target: `/api/${call}`, call };
  };

  const flaws = [
    'none',
    'none',
    'host',
    'auth',
    'auth',
    'type',
    'method',
    'origin',
    'path',
    'framing',
    'size',
    'expect',
    'junk',
    'version',
  ] as const;

  return (): Spec => {
    if (chance(0.04)) {
      // Not HTTP at all, or HTTP cut short.
      const garbage = chance(0.5)
        ? randomBytes(1 + int(400))
        : Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`.slice(0, 1 + int(40)));
      return {
        method: '',
        target: '',
        version: '',
        headers: [],
        body: Buffer.alloc(0),
        framing: 'none',
        claim: 0,
        httpSafe: false,
        garbage,
      };
    }
    // Half the requests are well formed but for at most one flaw, so they get past the early checks
    // to the later ones; the other half are flawed in every way at once.
    const wild = chance(0.5);
    const flaw = wild ? null : pick(flaws);
    const flawed = (what: (typeof flaws)[number]) => wild || flaw === what;
    const { target, call } = flawed('path') ? targetFor() : cleanTarget();
    const api = call !== null;
    const restricted = api && !READ_ONLY_CALLS.includes(call);
    const method = !flawed('method')
      ? api
        ? 'POST'
        : pick(['GET', 'GET', 'HEAD'])
      : chance(wild ? 0.55 : 0)
        ? 'POST'
        : pick([
            'GET',
            'HEAD',
            'PUT',
            'DELETE',
            'OPTIONS',
            'PATCH',
            'TRACE',
            'CONNECT',
            'BREW',
            'get',
            'P0ST',
            'GET /',
          ]);
    const version =
      !flawed('version') || chance(0.9) ? 'HTTP/1.1' : pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1', '']);
    const headers: Array<[string, string]> = [];
    let httpSafe = !/[^\x21-\x7e]/.test(target) && target.startsWith('/') && target.length < 8000;
    const add = (name: string, value: string | null) => {
      if (value === null) return;
      headers.push([name, value]);
      if (/[^\x20-\x7e]/.test(value)) httpSafe = false;
    };
    const h = flawed('host') ? hostHeader() : `127.0.0.1:${port}`;
    add('Host', h);
    if (h === null) httpSafe = false;
    if (flawed('host') && chance(0.1)) {
      add('Host', `127.0.0.1:${port}`);
      httpSafe = false;
    }
    add('Authorization', flawed('auth') ? authHeader() : api ? `Bearer ${token}` : null);
    add('Content-Type', flawed('type') ? contentType() : api ? 'application/json' : null);
    if (flawed('origin') && chance(wild ? 0.15 : 1)) {
      add('Origin', pick([`http://127.0.0.1:${port}`, 'https://evil.example', 'null', `http://localhost:${port}`]));
    }
    if (flawed('expect') && chance(wild ? 0.05 : 1)) add('Expect', pick(['100-continue', 'teapot']));
    if (flawed('junk') && chance(wild ? 0.1 : 1)) {
      const kind = rand();
      if (kind < 0.3) add('X-Large', 'x'.repeat(20_000 + int(50_000)));
      else if (kind < 0.5) add(pick(['Connection', 'Upgrade']), pick(['close', 'keep-alive', 'Upgrade', 'websocket']));
      else {
        // Odd names, control characters, folded lines, no colon.
        const junk = pick([
          `X-${randomAscii(5)}: ${randomAscii(10)}`,
          'X-Bad\u0000: nul',
          'X-Folded: a\r\n folded',
          'No colon at all',
          ': empty name',
          `X-Bytes: ${randomBytes(8).toString('latin1')}`,
          // Framing junk could leave a parser seeing an empty body: not for calls that change things.
          ...(restricted ? [] : ['Content-Length: -1', 'Transfer-Encoding: gzip']),
        ]);
        headers.push(['', junk]);
        httpSafe = false;
      }
    }
    const bodies = restricted
      ? REFUSED_BODIES
      : api && !wild
        ? ['{}', '{}', '{}', '', '{"x":1}', 'null', 'not json']
        : ['{}', '', '{"x":1}', 'null', '[]', '{"path":"/etc/passwd"}', 'not json', '{"a":'.repeat(50)];
    let body = Buffer.from(pick(bodies), 'latin1');
    if (!restricted && wild && chance(0.1)) body = randomBytes(int(2000));
    let framing: Spec['framing'] = 'length';
    let claim = body.length;
    if (flawed('size') && chance(wild ? 0.1 : 1)) {
      // Over the limit: a real body of 1–2 MB (not to restricted calls), or a claim that is never sent.
      if (!restricted && chance(0.5)) body = Buffer.alloc(1_200_000 + int(1_000_000), 0x20);
      else {
        framing = 'claim';
        claim = pick([1_000_001, 400_000_000, 10_000_000_000, 1e20]);
      }
    } else if (flawed('framing')) {
      framing = pick(restricted ? ['claim', 'chunked', 'bad-chunked'] : ['claim', 'chunked', 'bad-chunked', 'none']);
      if (framing === 'claim') claim = body.length + 1 + int(100);
    }
    if (framing === 'claim' || framing === 'bad-chunked' || framing === 'none') httpSafe = false;
    if (!['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'POST'].includes(method)) httpSafe = false;
    if (version !== 'HTTP/1.1') httpSafe = false;
    return { method, target, version, headers, body, framing, claim, httpSafe };
  };
}

function serialise(spec: Spec): Buffer {
  if (spec.garbage) return spec.garbage;
  const lines = [`${spec.method} ${spec.target}${spec.version ? ' ' + spec.version : ''}`];
  for (const [name, value] of spec.headers) lines.push(name ? `${name}: ${value}` : value);
  let body: Buffer = spec.body;
  if (spec.framing === 'length' || spec.framing === 'claim') lines.push(`Content-Length: ${spec.claim}`);
  if (spec.framing === 'chunked' || spec.framing === 'bad-chunked') {
    lines.push('Transfer-Encoding: chunked');
    body =
      spec.framing === 'chunked'
        ? Buffer.concat([Buffer.from(`${spec.body.length.toString(16)}\r\n`), spec.body, Buffer.from('\r\n0\r\n\r\n')])
        : Buffer.concat([Buffer.from('zz\r\n'), spec.body]);
  }
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

function viaHttp(port: number, spec: Spec): Promise<string> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      req.destroy();
      done('timeout');
    }, 15_000);
    const headers: Record<string, string> = {};
    for (const [name, value] of spec.headers) headers[name] = value;
    if (spec.framing === 'chunked') headers['Transfer-Encoding'] = 'chunked';
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: spec.method,
        path: spec.target,
        headers,
        setHost: false,
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () => done(String(res.statusCode)));
        res.on('error', () => done(String(res.statusCode)));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => done(`client error ${error.code ?? error.message}`));
    req.end(spec.body.length > 0 ? spec.body : undefined);
  });
}

async function viaRaw(port: number, spec: Spec): Promise<string> {
  // Half-close only what is incomplete, to tell the server no more is coming: Node drops any
  // response still being prepared when a client half-closes.
  const reply = await rawRequest(port, serialise(spec), {
    end: spec.garbage !== undefined || spec.framing === 'claim',
    head: spec.method === 'HEAD',
    timeoutMs: 15_000,
  });
  if (reply.status !== null) return String(reply.status);
  return reply.ended === 'timeout' ? 'timeout' : 'closed without a response';
}

async function call(name: string): Promise<unknown> {
  const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path: `/api/${name}`,
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
  expect(reply.status, name).toBe(200);
  const parsed = JSON.parse(reply.body) as { ok: boolean; value?: unknown };
  expect(parsed.ok, name).toBe(true);
  return parsed.value;
}

async function snapshot() {
  return {
    file: fs.readFileSync(planPath).toString('base64'),
    state: await call('getPlanState'),
    summary: await call('getPlanSummary'),
    scenarios: await call('listScenarios'),
    imports: await call('listImports'),
  };
}

describe('browser-mode host under an HTTP fuzz', () => {
  it(`answers ${REQUESTS} seeded random requests, stays up and leaves the plan untouched`, async () => {
    const before = await snapshot();
    const next = generator(SEED, host.port, host.token);
    const specs = Array.from({ length: REQUESTS }, next);
    const statuses = new Map<string, number>();
    const byTransport = { http: 0, raw: 0 };
    const serverErrors: string[] = [];
    const started = Date.now();
    let index = 0;
    const worker = async () => {
      while (index < specs.length) {
        const i = index++;
        const spec = specs[i] as Spec;
        // A deterministic choice, so the seed alone reproduces the run.
        const useHttp = spec.httpSafe && i % 5 < 2;
        byTransport[useHttp ? 'http' : 'raw']++;
        const outcome = useHttp ? await viaHttp(host.port, spec) : await viaRaw(host.port, spec);
        statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
        if (process.env.FUZZ_VERBOSE) {
          console.log(
            `#${i} ${useHttp ? 'http' : 'raw'} ${outcome} ${JSON.stringify(serialise(spec).toString('latin1').slice(0, 300))}`,
          );
        }
        if (/^5\d\d$/.test(outcome))
          serverErrors.push(`#${i} ${spec.method} ${spec.target.slice(0, 80)} -> ${outcome}`);
        if (i % 500 === 499) await call('getAppInfo');
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = Date.now() - started;

    const distribution = Object.fromEntries([...statuses.entries()].sort(([a], [b]) => a.localeCompare(b)));
    console.log(
      `Browser-host fuzz, seed ${SEED}: ${REQUESTS} requests (${byTransport.http} by http.request, ${byTransport.raw} raw) ` +
        `in ${(elapsed / 1000).toFixed(1)} s; outcomes ${JSON.stringify(distribution)}`,
    );

    // Every request got an HTTP response, and each was one of the expected refusals or a success:
    // no 5xx, no connection dropped unanswered, no timeout.
    expect(serverErrors).toEqual([]);
    const allowed = new Set(['200', '400', '401', '403', '404', '405', '413', '414', '415', '417', '431']);
    expect([...statuses.keys()].filter((outcome) => !allowed.has(outcome))).toEqual([]);
    // Every kind of refusal was exercised, and some requests were served.
    for (const status of allowed) expect(statuses.get(status) ?? 0, status).toBeGreaterThan(0);

    // Still alive, and nothing changed.
    const after = await snapshot();
    expect(after.file).toBe(before.file);
    expect(after.state).toEqual(before.state);
    expect(after.summary).toEqual(before.summary);
    expect(after.scenarios).toEqual(before.scenarios);
    expect(after.imports).toEqual(before.imports);
  }, 120_000);
});
