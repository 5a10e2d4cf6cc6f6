/**
 * Browser mode's HTTP host (./host.ts), with its request checks (./requestChecks.ts) and body
 * reading (./socket.ts).
 */
export {
  DEFAULT_MAX_BODY_BYTES,
  DEFAULT_MAX_IMPORT_BODY_BYTES,
  startBrowserHost,
  type BrowserHost,
  type BrowserHostOptions,
} from './host.js';
export { isJsonContentType, MAX_TARGET_LENGTH, parseRequestTarget, type RequestTarget } from './requestChecks.js';
