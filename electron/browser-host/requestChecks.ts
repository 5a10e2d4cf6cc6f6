/**
 * The browser-mode host's checks on a request before it is answered: the request target as sent
 * (before anything decodes it), the JSON content type of an API call, the per-launch secret
 * (compared in constant time) and headers that must appear at most once.
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';

/** Longest request target (path and query) accepted; the UI's own never exceed a few hundred characters. */
export const MAX_TARGET_LENGTH = 2048;

/** Headers that must appear at most once: a second copy is a smuggling or confusion attempt. */
const SINGLE_HEADERS = new Set(['host', 'authorization', 'content-type', 'content-length', 'origin']);

export type RequestTarget =
  { ok: true; rawPath: string; segments: string[] } | { ok: false; status: 400 | 414; message: string };

/**
 * Checks the request target as sent, before anything decodes it: an origin-form path of printable
 * ASCII, each segment valid percent-encoding whose decoded form holds no control character, slash
 * or backslash and is not a dot segment. Returns the raw path (for matching API calls, which are
 * never percent-encoded) and the decoded segments (for static files).
 */
export function parseRequestTarget(target: string | undefined): RequestTarget {
  if (target === undefined || target === '') return { ok: false, status: 400, message: 'The request has no path.' };
  if (target.length > MAX_TARGET_LENGTH) return { ok: false, status: 414, message: 'The request path is too long.' };
  if (!target.startsWith('/')) return { ok: false, status: 400, message: 'The request path must begin with /.' };
  // Printable ASCII only: no spaces, control characters or raw non-ASCII bytes; no fragment.
  if (!/^[\x21-\x7e]*$/.test(target) || target.includes('#')) {
    return { ok: false, status: 400, message: 'The request path contains characters that are not allowed.' };
  }
  const query = target.indexOf('?');
  const rawPath = query === -1 ? target : target.slice(0, query);
  if (rawPath.includes('\\')) return { ok: false, status: 400, message: 'The request path contains a backslash.' };
  const segments: string[] = [];
  for (const raw of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return { ok: false, status: 400, message: 'The request path has invalid percent-encoding.' };
    }
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
    if (/[\x00-\x1f\x7f/\\]/.test(segment)) {
      return { ok: false, status: 400, message: 'The request path contains characters that are not allowed.' };
    }
    if (segment === '.' || segment === '..') {
      return { ok: false, status: 400, message: 'The request path may not contain . or .. segments.' };
    }
    segments.push(segment);
  }
  return { ok: true, rawPath, segments };
}

/**
 * True when a Content-Type header names exactly application/json (case-insensitive, spaces
 * trimmed), with no parameter but an optional charset of utf-8.
 */
export function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return false;
  const [mediaType = '', ...parameters] = value.split(';');
  if (mediaType.trim().toLowerCase() !== 'application/json') return false;
  return parameters.every((parameter) => {
    if (parameter.trim() === '') return true;
    const equals = parameter.indexOf('=');
    if (equals === -1) return false;
    const name = parameter.slice(0, equals).trim().toLowerCase();
    let given = parameter.slice(equals + 1).trim();
    if (given.length >= 2 && given.startsWith('"') && given.endsWith('"')) given = given.slice(1, -1);
    return name === 'charset' && given.toLowerCase() === 'utf-8';
  });
}

export function tokensMatch(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function repeatedSingleHeader(req: http.IncomingMessage): string | undefined {
  const seen = new Set<string>();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = (req.rawHeaders[i] ?? '').toLowerCase();
    if (!SINGLE_HEADERS.has(name)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return undefined;
}
