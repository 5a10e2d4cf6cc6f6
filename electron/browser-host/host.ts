/**
 * Browser mode: serves the built UI and the API contract over HTTP on 127.0.0.1 only, with a
 * per-launch secret required on every API call and a Host check against DNS rebinding.
 *
 * No request can stop the host. The request target is checked before anything decodes it (bad
 * percent-encoding, NUL and other control characters, backslashes, encoded slashes and dot
 * segments get 400; an over-long target 414); requests the HTTP parser refuses are answered from
 * 'clientError'; and any handler's failure, synchronous or not, becomes a 500 rather than an
 * exception. Request bodies have a limit, checked against Content-Length before a byte is read and
 * again while reading; the 413 is delivered with `Connection: close`, and the connection is closed
 * only after the client has had time to read it (a lingering close), so the client sees the status
 * rather than a reset. API calls must send exactly `application/json` (charset utf-8 or none).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import type { PlannerHandlers } from '#shared/api/contract.js';
import type { ApiError, ApiErrorCode, ApiResult } from '#shared/api/errors.js';
import { CONTENT_TYPES, SECURITY_HEADERS } from '../security-headers.js';
import { dispatchCall } from '../services/dispatch.js';
import { isJsonContentType, parseRequestTarget, repeatedSingleHeader, tokensMatch } from './requestChecks.js';
import { rawResponse, readBody } from './socket.js';

/** The body limit of every call but previewImport. */
export const DEFAULT_MAX_BODY_BYTES = 1_000_000;
/**
 * Files dropped in browser mode arrive as base64 in previewImport: the contract allows 358 MB of
 * base64 (256 MiB of file) per file, which this covers with room for the JSON around it. Larger
 * files, up to the import's maximum input size (1 GiB by default), are imported by path, where
 * the import service checks that limit before reading.
 */
export const DEFAULT_MAX_IMPORT_BODY_BYTES = 360_000_000;
/** How long a connection being closed keeps reading (and discarding) what the client still sends. */
const LINGER_MS = 2000;

export interface BrowserHostOptions {
  handlers: PlannerHandlers;
  /** Folder holding the built renderer (index.html and assets/). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  token?: string;
  /** Body limit of ordinary calls, in bytes (default 1 MB). */
  maxBodyBytes?: number;
  /** Body limit of previewImport, in bytes (default 360 MB). */
  maxImportBodyBytes?: number;
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

export function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = path.resolve(options.rendererDir);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxImportBodyBytes = options.maxImportBodyBytes ?? DEFAULT_MAX_IMPORT_BODY_BYTES;
  let realRendererDir = rendererDir;
  try {
    realRendererDir = fs.realpathSync(rendererDir);
  } catch {
    // Not built yet: every static request is then a 404.
  }
  let port = 0;
  /** Sockets being closed after a final response: nothing more is answered on them. */
  const closing = new WeakSet<Duplex>();

  /**
   * Closes a socket without losing the response just written: half-close, then read and drop
   * whatever the client is still sending until it finishes or LINGER_MS pass. Closing at once would
   * make the kernel answer the unread bytes with a reset, which can discard the response before
   * the client reads it.
   */
  const lingerThenClose = (socket: Duplex) => {
    closing.add(socket);
    if (socket.destroyed) return;
    let clientDone = socket.readableEnded;
    let flushed = socket.writableFinished;
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    const closeWhenBothDone = () => {
      if (!clientDone || !flushed) return;
      clearTimeout(timer);
      socket.destroy();
    };
    socket.once('end', () => {
      clientDone = true;
      closeWhenBothDone();
    });
    socket.once('finish', () => {
      flushed = true;
      closeWhenBothDone();
    });
    socket.once('close', () => clearTimeout(timer));
    socket.end();
    socket.resume();
  };

  /**
   * Sends a final response. When the request's body has not been read in full, the connection
   * cannot carry another request: it is marked `Connection: close` and closed lingeringly once
   * the response is out, instead of Node's prompt close.
   */
  const send = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    headers: http.OutgoingHttpHeaders,
    body: string | Buffer | undefined,
  ) => {
    // Already answered, or the connection was closed by a refusal from the parser (clientError).
    if (res.headersSent || res.writableEnded || res.destroyed || !req.socket.writable) return;
    const all: http.OutgoingHttpHeaders = { ...SECURITY_HEADERS, ...headers };
    if (body !== undefined) all['Content-Length'] = Buffer.byteLength(body);
    if (!req.complete) {
      all.Connection = 'close';
      const socket = req.socket as Socket;
      closing.add(socket);
      // Node closes a `Connection: close` socket through destroySoon once the response is written.
      socket.destroySoon = () => lingerThenClose(socket);
      req.resume();
    }
    res.writeHead(status, all);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const sendJson = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    status: number,
    result: ApiResult<unknown>,
  ) => {
    const text = JSON.stringify(result);
    send(req, res, status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' }, text);
  };

  const sendError = (req: http.IncomingMessage, res: http.ServerResponse, status: number, error: ApiError) =>
    sendJson(req, res, status, { ok: false, error });

  const sendText = (req: http.IncomingMessage, res: http.ServerResponse, status: number, message: string) =>
    send(req, res, status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }, message);

  const serveStatic = async (req: http.IncomingMessage, res: http.ServerResponse, segments: string[]) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(req, res, 405, { Allow: 'GET, HEAD' }, undefined);
      return;
    }
    const relative = segments.length === 1 && segments[0] === '' ? 'index.html' : segments.join('/');
    const filePath = path.resolve(rendererDir, relative);
    const inside = (p: string, root: string) => p.startsWith(root + path.sep);
    let body: Buffer | undefined;
    if (inside(filePath, rendererDir)) {
      try {
        const real = await fs.promises.realpath(filePath);
        if (inside(real, realRendererDir) && (await fs.promises.stat(real)).isFile()) {
          body = await fs.promises.readFile(real);
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES', 'EPERM'].includes(code ?? '')) {
          throw error;
        }
      }
    }
    if (body === undefined) {
      sendText(req, res, 404, 'Not found');
      return;
    }
    const ext = path.extname(filePath).toLowerCase();
    send(
      req,
      res,
      200,
      {
        'Content-Type': CONTENT_TYPES[ext] ?? 'application/octet-stream',
        'Cache-Control': ext === '.html' ? 'no-store' : 'no-cache',
      },
      body,
    );
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    const auth = req.headers.authorization;
    const given = auth?.startsWith('Bearer ') ? auth.slice('Bearer '.length) : undefined;
    if (!tokensMatch(token, given)) {
      sendError(req, res, 401, {
        code: 'UNAUTHORISED',
        message: 'This request needs the secret from the address printed at start-up.',
      });
      return;
    }
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      sendError(req, res, 403, { code: 'FORBIDDEN', message: 'Requests from other web sites are refused.' });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(req, res, 405, { code: 'INVALID_ARGUMENT', message: 'API calls must use POST.' });
      return;
    }
    if (!isJsonContentType(req.headers['content-type'])) {
      sendError(req, res, 415, {
        code: 'INVALID_ARGUMENT',
        message: 'API calls must send JSON (Content-Type: application/json).',
      });
      return;
    }
    const limit = name === 'previewImport' ? maxImportBodyBytes : maxBodyBytes;
    const tooLarge = () =>
      sendError(req, res, 413, {
        code: 'INVALID_ARGUMENT',
        message: `The request is too large: this call accepts at most ${limit.toLocaleString('en-GB')} bytes.`,
      });
    const declared = req.headers['content-length'];
    if (declared !== undefined) {
      if (!/^\d+$/.test(declared.trim())) {
        sendError(req, res, 400, { code: 'INVALID_ARGUMENT', message: 'The Content-Length header is not a number.' });
        return;
      }
      if (Number(declared) > limit) {
        tooLarge();
        return;
      }
    }
    // With `Expect: 100-continue` the client waits for this before sending the body.
    if ((req.headers.expect ?? '').toLowerCase() === '100-continue') res.writeContinue();
    const body = await readBody(req, limit);
    if (body.kind === 'aborted') return;
    if (body.kind === 'too-large') {
      tooLarge();
      return;
    }
    let args: unknown;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
      args = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      sendError(req, res, 400, { code: 'INVALID_ARGUMENT', message: 'The request body is not valid JSON.' });
      return;
    }
    const result = await dispatchCall(options.handlers, name, args);
    // Transport-level failures get their HTTP status; a domain error (e.g. NOT_FOUND) is a normal result.
    sendJson(req, res, result.ok ? 200 : (statusForCode[result.error.code] ?? 200), result);
  };

  const handleRequest = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const repeated = repeatedSingleHeader(req);
    if (repeated) {
      sendText(req, res, 400, `Bad request: the ${repeated} header appears more than once.`);
      return;
    }
    const host = req.headers.host;
    if (host === undefined || host === '') {
      sendText(req, res, 400, 'Bad request: the request has no Host header.');
      return;
    }
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      sendText(req, res, 403, 'Forbidden: unexpected Host header.');
      return;
    }
    const target = parseRequestTarget(req.url);
    if (!target.ok) {
      sendText(req, res, target.status, `Bad request: ${target.message}`);
      return;
    }
    const api = /^\/api\/([A-Za-z][A-Za-z0-9]*)$/.exec(target.rawPath);
    if (api?.[1]) {
      await handleApi(req, res, api[1]);
      return;
    }
    if (target.rawPath.startsWith('/api/')) {
      sendError(req, res, 404, { code: 'UNKNOWN_CALL', message: 'There is no such call.' });
      return;
    }
    await serveStatic(req, res, target.segments);
  };

  /** The last resort: whatever went wrong, the client gets a 500 (or, mid-response, a closed connection). */
  const fail = (req: http.IncomingMessage, res: http.ServerResponse, error: unknown) => {
    process.stderr.write(`Browser host: could not answer ${req.method} request: ${(error as Error)?.message}\n`);
    try {
      if (res.headersSent) res.destroy();
      else sendError(req, res, 500, { code: 'INTERNAL', message: 'Unexpected error: the host could not answer.' });
    } catch {
      res.destroy();
    }
  };

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    // Stream errors (a client that goes away) must not become uncaught exceptions.
    req.on('error', () => {});
    res.on('error', () => {});
    if (closing.has(req.socket)) {
      // Pipelined behind a response that closes the connection: never answered.
      req.resume();
      return;
    }
    try {
      handleRequest(req, res).catch((error: unknown) => fail(req, res, error));
    } catch (error) {
      fail(req, res, error);
    }
  };

  const server = http.createServer(onRequest);
  // Answer `Expect: 100-continue` ourselves, so a refused request never invites its body.
  server.on('checkContinue', onRequest);
  server.on('checkExpectation', (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.on('error', () => {});
    res.on('error', () => {});
    send(req, res, 417, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Expectation failed');
  });
  // CONNECT (a proxy tunnel) is not for this host: refuse it rather than drop the connection unanswered.
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    socket.on('error', () => {});
    socket.write(rawResponse(405, 'Allow: GET, HEAD, POST'));
    lingerThenClose(socket);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (closing.has(socket)) return;
    socket.on('error', () => {});
    const written = (socket as Socket).bytesWritten ?? 0;
    if (!socket.writable || written > 0 || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.write(rawResponse(status));
    lingerThenClose(socket);
  });
  server.keepAliveTimeout = 1000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      server.off('error', reject);
      // Once listening, a failure to accept a connection (e.g. out of file descriptors) is logged, not fatal.
      server.on('error', (error: Error) => process.stderr.write(`Browser host: ${error.message}\n`));
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
