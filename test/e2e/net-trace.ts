/**
 * Reads what a process tree did on the network from `strace -f -yy -e trace=network,execve` output:
 * connect(), sendto(), sendmsg() and sendmmsg() with the address it went to (or, for a connected
 * socket, the peer strace shows beside its descriptor), and every socket() by family. Loopback
 * (127.0.0.0/8, ::1), Unix and netlink sockets are allowed; anything else is a finding, and so is any
 * DNS lookup: a datagram or connection to port 53 on any address (a local stub resolver included),
 * or a connection to glibc's nscd or systemd-resolved sockets.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const STRACE = '/usr/bin/strace';
/**
 * The strace options every traced run uses: follow children and threads, name each socket, and
 * record program starts with their whole command line (to check the flags Chromium was given).
 */
export const STRACE_ARGS = ['-f', '-yy', '-qq', '-v', '-s', '256', '-e', 'trace=network,execve', '-e', 'signal=none'];

/** Why strace cannot be used here, or null when it can (installed, and ptrace allowed). */
export function straceUnavailable(): string | null {
  if (!fs.existsSync(STRACE)) return `strace is not installed at ${STRACE} (Debian: apt-get install strace)`;
  const probe = spawnSync(STRACE, ['-f', '-qq', '-o', '/dev/null', '/bin/true'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.status !== 0) {
    return `strace cannot trace processes here (${(probe.stderr || probe.error?.message || 'no reason given').trim().split('\n')[0]})`;
  }
  return null;
}

export interface NetEvent {
  pid: number;
  call: string;
  /** AF_UNIX, AF_INET, AF_INET6, AF_NETLINK…; for a send on a connected socket, strace's name for it (UNIX-STREAM, UDP, TCPv6…). */
  family: string;
  /** Address or path, when there is one. */
  address: string | null;
  port: number | null;
  /** The kind of socket strace names beside the descriptor (UDP, TCPv6, UNIX-STREAM…), when it does. */
  socket: string | null;
  line: string;
}

export interface NetReport {
  events: NetEvent[];
  /** Every program started (execve), with its arguments. */
  programs: { pid: number; path: string; argv: string[] }[];
  /** Events that left loopback, or looked a name up. */
  findings: NetEvent[];
  /** "call family [address]" → how many times, for the record. */
  seen: Record<string, number>;
}

const CALLS = new Set(['connect', 'sendto', 'sendmsg', 'sendmmsg', 'socket', 'socketpair']);
const EXECVE = /^(\d+)\s+execve\("((?:[^"\\]|\\.)*)", \[(.*?)\](?:\.\.\.)?,/;
const SOCKET_KIND = /^\d+<([A-Za-z0-9-]+)[:>]/;
const START = /^(\d+)\s+([a-z_0-9]+)\((.*)$/;
// Quoted buffers are data, not addresses; the quoted strings strace uses for addresses and paths are kept.
const BUFFER = /(?<!inet_addr\(|inet_pton\(AF_INET6, |sun_path=|sun_path=@)"(?:[^"\\]|\\.)*"(?:\.\.\.)?/g;
const SOCKADDR = /\{sa_family=(AF_[A-Z0-9]+)([^}]*)\}/g;
/** The peer strace's -yy prints beside a connected inet socket: `<UDP:[local->peer]>`. */
const PEER = /^\d+<(TCP|UDP|TCPv6|UDPv6|UDPLITE|UDPLITEv6|RAW|RAWv6):\[.*?->(.+?)\]>/;
const DNS_SOCKETS = /nscd|resolve/;

function isLoopback(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  if (/^127\.\d+\.\d+\.\d+$/.test(a)) return true;
  if (a === '::1') return true;
  return /^::ffff:127\.\d+\.\d+\.\d+$/.test(a);
}

function parseSockaddr(family: string, body: string): { address: string | null; port: number | null } {
  const port = /(?:sin_port|sin6_port)=htons\((\d+)\)/.exec(body);
  const v4 = /inet_addr\("([^"]*)"\)/.exec(body);
  const v6 = /inet_pton\(AF_INET6, "([^"]*)"/.exec(body);
  const path = /sun_path=@?"([^"]*)"/.exec(body);
  const address = v4?.[1] ?? v6?.[1] ?? (path ? `${body.includes('sun_path=@') ? '@' : ''}${path[1]}` : null);
  return { address: family === 'AF_UNIX' && !address ? '(unnamed)' : address, port: port ? Number(port[1]) : null };
}

/** True when the event left the machine's loopback or looked up a name. */
export function isFinding(e: NetEvent): boolean {
  if (e.call === 'socket' || e.call === 'socketpair') return false;
  if (e.family === 'AF_UNIX' || e.family.startsWith('UNIX')) return e.address !== null && DNS_SOCKETS.test(e.address);
  if (e.family === 'AF_NETLINK' || e.family.startsWith('NETLINK') || e.family === 'AF_UNSPEC') return false;
  if (e.family === 'none') return false; // a send with no address on a socket strace could not name
  if (e.port === 53) return true;
  return e.address === null || !isLoopback(e.address);
}

/** Parses strace's output (the file written with -o). */
export function parseNetTrace(text: string): NetReport {
  const events: NetEvent[] = [];
  const programs: NetReport['programs'] = [];
  for (const line of text.split('\n')) {
    const exec = EXECVE.exec(line);
    if (exec) {
      const [, pid, file = '', list = ''] = exec;
      const argv = [...list.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1] ?? ''}"`) as string);
      programs.push({ pid: Number(pid), path: file, argv });
      continue;
    }
    const m = START.exec(line);
    if (!m) continue;
    const [, pid, call, rest] = m;
    if (!call || !CALLS.has(call) || rest === undefined) continue;
    const args = rest.replace(BUFFER, '""');
    if (call === 'socket' || call === 'socketpair') {
      const family = /^(AF_[A-Z0-9]+)/.exec(args)?.[1] ?? '?';
      events.push({ pid: Number(pid), call, family, address: null, port: null, socket: null, line });
      continue;
    }
    const socket = SOCKET_KIND.exec(args)?.[1] ?? null;
    const addresses = [...args.matchAll(SOCKADDR)];
    if (addresses.length) {
      for (const [, family = '?', body = ''] of addresses) {
        events.push({ pid: Number(pid), call, family, ...parseSockaddr(family, body), socket, line });
      }
      continue;
    }
    // No address: a send on a connected socket, whose peer -yy names.
    const peer = PEER.exec(args);
    if (peer) {
      const [, kind = '?', target = ''] = peer;
      const at = /^(.*):(\d+)$/.exec(target);
      events.push({
        pid: Number(pid),
        call,
        family: kind,
        address: at?.[1] ?? target,
        port: at ? Number(at[2]) : null,
        socket,
        line,
      });
      continue;
    }
    events.push({ pid: Number(pid), call, family: socket ?? 'none', address: null, port: null, socket, line });
  }
  const seen: Record<string, number> = {};
  for (const e of events) {
    const key =
      e.address !== null && e.family !== 'AF_UNIX' && !e.family.startsWith('UNIX')
        ? `${e.call} ${e.family} ${e.address}${e.port !== null ? `:${e.port}` : ''}`
        : `${e.call} ${e.family}`;
    seen[key] = (seen[key] ?? 0) + 1;
  }
  // Ports on loopback change from run to run: fold them so the record reads the same each time.
  const folded: Record<string, number> = {};
  for (const [key, n] of Object.entries(seen)) {
    const k = key.replace(
      /^(connect|sendto|sendmsg|sendmmsg) (AF_INET6?|TCP|UDP|TCPv6|UDPv6) (127\.0\.0\.1|::1|\[::1\]):\d+$/,
      '$1 $2 $3:(port)',
    );
    folded[k] = (folded[k] ?? 0) + n;
  }
  return { events, programs, findings: events.filter(isFinding), seen: folded };
}

/** One line per kind of call, for a test's record: `connect AF_UNIX ×12; …`. */
export function describeSeen(report: NetReport): string {
  return Object.entries(report.seen)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ×${n}`)
    .join('; ');
}

/**
 * A UDP connect() that is not DNS: it sends nothing (the kernel only chooses a route and a source
 * address), which is how Chromium's resolver asks whether IPv6 is routable (a connect to
 * 2001:4860:4860::8888 port 443, then getsockname, then close) each time it resolves a loopback
 * host. Anything sent afterwards on that socket is a finding of its own.
 */
export function isSilentUdpConnect(e: NetEvent): boolean {
  return e.call === 'connect' && e.socket !== null && /^UDP/.test(e.socket) && e.port !== 53;
}

/** The arguments of the Chromium binary started in this trace (the real one, not Debian's wrapper script). */
export function chromiumArgv(report: NetReport): string[] | null {
  const started = report.programs.filter(
    (p) =>
      /\/(chrome|chromium|chromium-browser|chrome-headless-shell|headless_shell)$/.test(p.path) &&
      !p.argv.some((a) => a.startsWith('--type=')),
  );
  return started.at(-1)?.argv ?? null;
}
