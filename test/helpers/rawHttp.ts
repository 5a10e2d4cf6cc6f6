/**
 * A raw-socket HTTP client for tests that must send what http.request refuses to (malformed
 * request lines, bad headers, truncated or oversized bodies) and see exactly what comes back.
 */
import net from 'node:net';

export interface RawReply {
  /** Status of the first final (non-1xx) response, or null when none arrived. */
  status: number | null;
  /** Everything received, as latin1 text. */
  text: string;
  /** How the exchange ended. */
  ended: 'response' | 'closed' | 'timeout' | 'error';
  ms: number;
}

/** The status and the point where a complete response ends, or null while it is incomplete. */
function completeResponse(buffer: Buffer, head: boolean): { status: number; end: number } | null {
  let start = 0;
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) return null;
    const text = buffer.subarray(start, headerEnd).toString('latin1');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? NaN);
    if (!Number.isFinite(status)) return null;
    if (status >= 100 && status < 200) {
      start = headerEnd + 4;
      continue;
    }
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
    const end = headerEnd + 4 + (head ? 0 : length);
    return buffer.length >= end ? { status, end } : null;
  }
}

/**
 * Writes `data` to a fresh connection (half-closing afterwards when `end` is set) and collects the
 * reply until one complete response has arrived, the server closes, or `timeoutMs` passes. `head`
 * says the request was a HEAD, whose response has no body whatever its Content-Length says.
 */
export function rawRequest(
  port: number,
  data: string | Buffer,
  options: { end?: boolean; timeoutMs?: number; waitForClose?: boolean; head?: boolean } = {},
): Promise<RawReply> {
  const started = Date.now();
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const socket = net.connect({ host: '127.0.0.1', port });
    const finish = (ended: RawReply['ended']) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const buffer = Buffer.concat(chunks);
      const text = buffer.toString('latin1');
      const final = /^HTTP\/1\.[01] (\d{3})/gm;
      let status: number | null = null;
      for (let m = final.exec(text); m; m = final.exec(text)) {
        const code = Number(m[1]);
        if (code >= 200) {
          status = code;
          break;
        }
      }
      resolve({ status, text, ended, ms: Date.now() - started });
    };
    const timer = setTimeout(() => finish('timeout'), options.timeoutMs ?? 5000);
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (!options.waitForClose && completeResponse(Buffer.concat(chunks), options.head ?? false)) finish('response');
    });
    socket.on('close', () => finish('closed'));
    socket.on('error', () => finish('error'));
    socket.on('connect', () => {
      socket.write(data, () => {
        if (options.end) socket.end();
      });
    });
  });
}
