/**
 * Browser mode: serves the built UI and the API contract over HTTP on 127.0.0.1 only, with a
 * per-launch secret required on every API call and a Host check against DNS rebinding.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { PlannerHandlers } from '../shared/api/contract.js';
import type { ApiError, ApiErrorCode, ApiResult } from '../shared/api/errors.js';
import { CONTENT_TYPES, SECURITY_HEADERS } from './security-headers.js';
import { dispatchCall } from './services/handlers.js';

const MAX_BODY_BYTES = 1_000_000;
/** Files dropped in browser mode arrive as base64 in previewImport. */
const MAX_IMPORT_BODY_BYTES = 360_000_000;

export interface BrowserHostOptions {
  handlers: PlannerHandlers;
  /** Folder holding the built renderer (index.html and assets/). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
}

export interface BrowserHost {
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

const statusForCode: Partial<Record<ApiErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  UNKNOWN_CALL: 404,
  UNAUTHORISED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
};

function sendJson(res: http.ServerResponse, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, error: ApiError): void {
  sendJson(res, status, { ok: false, error });
}

function tokensMatch(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  let port = 0;

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...SECURITY_HEADERS, Allow: 'GET, HEAD' }).end();
      return;
    }
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const filePath = path.resolve(rendererDir, relative);
    if (!filePath.startsWith(rendererDir + path.sep) || !fs.existsSync(filePath) || !fs.statSync(filePath).isFile()) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const ext = path.extname(filePath).toLowerCase();
    const body = fs.readFileSync(filePath);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
      'Cache-Control': ext === '.html' ? 'no-store' : 'no-cache',
      'Content-Length': body.length,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    if (!tokensMatch(token, given)) {
      sendError(res, 401, {
        code: 'UNAUTHORISED',
        message: 'This request needs the secret from the address printed at start-up.',
      });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      sendError(res, 403, { code: 'FORBIDDEN', message: 'Requests from other web sites are refused.' });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, { code: 'INVALID_ARGUMENT', message: 'API calls must use POST.' });
      return;
    }
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendError(res, 415, {
        code: 'INVALID_ARGUMENT',
        message: 'API calls must send JSON (Content-Type: application/json).',
      });
      return;
    }
    let args: unknown;
    try {
      const text = await readBody(req, name === 'previewImport' ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES);
      args = text.trim() === '' ? {} : JSON.parse(text);
    } catch (error) {
      const tooLarge = (error as Error).message === 'too large';
      sendError(res, tooLarge ? 413 : 400, {
        code: 'INVALID_ARGUMENT',
        message: tooLarge ? 'The request is too large.' : 'The request body is not valid JSON.',
      });
      return;
    }
    const result = await dispatchCall(options.handlers, name, args);
    // Transport-level failures get their HTTP status; a domain error (e.g. NOT_FOUND) is a normal result.
    sendJson(res, result.ok ? 200 : (statusForCode[result.error.code] ?? 200), result);
  };

  const server = http.createServer((req, res) => {
    const host = req.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(403, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden: unexpected Host header.');
      return;
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    const api = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
    if (api?.[1]) {
      handleApi(req, res, api[1]).catch((error: unknown) => {
        sendError(res, 500, { code: 'INTERNAL', message: `Unexpected error: ${(error as Error).message}` });
      });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      sendError(res, 404, { code: 'UNKNOWN_CALL', message: 'There is no such call.' });
      return;
    }
    serveStatic(req, res, url.pathname);
  });
  server.keepAliveTimeout = 1000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        port,
        token,
        url: `http://127.0.0.1:${port}/?token=${token}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
