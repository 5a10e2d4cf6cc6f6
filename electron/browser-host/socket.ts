/**
 * Reading a request's body within a limit, and the bare response the browser-mode host writes on a
 * socket the HTTP parser refused.
 */
import http from 'node:http';

export type BodyOutcome = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' } | { kind: 'aborted' };

/**
 * Buffers the request body up to `limit` bytes. Past the limit it stops keeping what arrives (the
 * stream keeps flowing, so the rest is read and dropped) and reports 'too-large' at once.
 */
export function readBody(req: http.IncomingMessage, limit: number): Promise<BodyOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        settle({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => settle({ kind: 'ok', bytes: Buffer.concat(chunks, size) }));
    req.once('error', () => settle({ kind: 'aborted' }));
    req.once('close', () => settle({ kind: 'aborted' }));
  });
}

/**
 * Answers a request the HTTP parser refused, on the bare socket. No body: the request's method is
 * unknown, and a client that sent HEAD would take a body for the start of another response.
 */
export function rawResponse(status: number, ...extraHeaders: string[]): string {
  return [
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}`,
    ...extraHeaders,
    'Content-Length: 0',
    'X-Content-Type-Options: nosniff',
    'Cache-Control: no-store',
    'Connection: close',
    '',
    '',
  ].join('\r\n');
}
