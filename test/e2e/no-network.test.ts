/**
 * "Nothing leaves the machine", proved with strace (issue 13, item 6). Two runs are traced, every
 * process and thread: the CLI printing the PDF report (Node, its loopback host and the report's
 * headless Chromium), and a browser-mode session (the host, driven by a Chromium with the same
 * closed-network flags through every view and a PDF export). Each connect(), sendto(), sendmsg()
 * and sendmmsg() must stay on loopback, Unix or netlink sockets, and no name may be looked up (no
 * port 53 anywhere, no nscd or systemd-resolved socket). The page's own requests must all go to
 * 127.0.0.1. What was seen is printed and written to test-results/no-network.json. Skipped, saying
 * why, without Chromium or a working strace.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, PDF_CHROMIUM_ARGS } from '../../electron/services/pdfService.js';
import { makeTempDir } from '../helpers/tmp.js';
import { repoRoot, RUNNING_LINE } from './app-process.js';
import { findChromium } from './chromium.js';
import {
  STRACE,
  STRACE_ARGS,
  chromiumArgv,
  describeSeen,
  isSilentUdpConnect,
  parseNetTrace,
  straceUnavailable,
  type NetReport,
} from './net-trace.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : (straceUnavailable() ?? undefined);
if (skipReason) console.warn(`No-network tests skipped: ${skipReason}`);

const record: Record<string, unknown> = {};

function recordSeen(run: string, report: NetReport, extra: Record<string, unknown> = {}): void {
  const unnamed = report.events.filter((e) => e.family === 'none').map((e) => e.line);
  record[run] = { seen: report.seen, findings: report.findings.map((f) => f.line), unnamed, ...extra };
  const dir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'no-network.json'), JSON.stringify(record, null, 2));
  console.info(`${run}: ${describeSeen(report)}`);
}

/** Runs `command args` under strace until it exits; returns its exit status and output. */
function traced(trace: string, command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(STRACE, [...STRACE_ARGS, '-o', trace, command, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('reading a network trace', () => {
  const line = (text: string) => parseNetTrace(`${text}\n`);

  it('finds DNS, public addresses and sends on connected public sockets, and allows loopback, Unix and netlink', () => {
    const dns = line(
      '6087  connect(22<UDP:[1]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
    );
    expect(dns.findings).toHaveLength(1);
    const stub = line(
      '6087  connect(22<UDP:[1]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16) = 0',
    );
    expect(stub.findings).toHaveLength(1); // a local stub resolver is still a lookup
    const nscd = line(
      '6027  connect(115<UNIX-STREAM:[9]>, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
    );
    expect(nscd.findings).toHaveLength(1);
    const probe = line(
      '6087  connect(22<UDPv6:[2]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
    );
    expect(probe.findings).toHaveLength(1);
    expect(isSilentUdpConnect(probe.findings[0]!)).toBe(true);
    const sent = line('17600 sendto(24<UDPv6:[[fd00::2]:54890->[2001:4860:4860::8888]:443]>, "x", 1, 0, NULL, 0) = 1');
    expect(sent.findings.map((f) => [f.address, f.port])).toEqual([['[2001:4860:4860::8888]', 443]]);
    expect(isSilentUdpConnect(sent.findings[0]!)).toBe(false);
    const https = line(
      '9 connect(26<TCP:[3]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("142.250.1.1")}, 16 <unfinished ...>',
    );
    expect(https.findings).toHaveLength(1);
    const quiet = line(
      [
        '9 connect(26<TCP:[3]>, {sa_family=AF_INET, sin_port=htons(45833), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
        '9 connect(27<TCPv6:[4]>, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
        '9 connect(28<UNIX-STREAM:[5]>, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 110) = 0',
        '9 sendto(29<NETLINK:[ROUTE:6]>, [{nlmsg_len=20, nlmsg_type=RTM_GETADDR}], 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20',
        '9 sendmsg(12<UNIX-STREAM:[7->8]>, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="{sa_family=AF_INET, sin_port=htons(53)}", iov_len=8}], msg_iovlen=1}, MSG_NOSIGNAL) = 8',
        '9 sendto(30<TCP:[127.0.0.1:5000->127.0.0.1:6000]>, "GET", 3, MSG_NOSIGNAL, NULL, 0) = 3',
      ].join('\n'),
    );
    expect(quiet.findings).toEqual([]);
    expect(describeSeen(quiet)).toContain('connect AF_INET 127.0.0.1:(port) ×1');
  });

  it.skipIf(straceUnavailable() !== null)(
    'sees a real UDP connect to a documentation address (no packet leaves)',
    async () => {
      const tmp = makeTempDir('planner-net-trace-');
      try {
        const trace = path.join(tmp.dir, 'probe.txt');
        const script = "const s=require('dgram').createSocket('udp4');s.connect(53,'192.0.2.1',()=>s.close())";
        const run = await traced(trace, process.execPath, ['-e', script]);
        expect(run.code).toBe(0);
        const report = parseNetTrace(fs.readFileSync(trace, 'utf8'));
        expect(report.findings.map((f) => `${f.call} ${f.address}:${f.port}`)).toEqual(['connect 192.0.2.1:53']);
      } finally {
        tmp.cleanup();
      }
    },
  );
});

describe.skipIf(skipReason)(`no network${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const tmp = makeTempDir('planner-e2e-no-network-');
  afterAll(() => tmp.cleanup());

  it('prints the PDF from the CLI with no connection beyond loopback and no name looked up', async () => {
    const trace = path.join(tmp.dir, 'cli-pdf.txt');
    const out = path.join(tmp.dir, 'report.pdf');
    const run = await traced(trace, process.execPath, [
      path.join(repoRoot, 'bin', 'planner.mjs'),
      'export',
      '--format',
      'pdf',
      '--out',
      out,
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const report = parseNetTrace(fs.readFileSync(trace, 'utf8'));
    // The report's Chromium ran, with every closed-network flag exactly as written.
    const argv = chromiumArgv(report);
    expect(argv).not.toBeNull();
    for (const flag of PDF_CHROMIUM_ARGS) expect(argv, flag).toContain(flag);
    expect(report.findings.map((f) => f.line)).toEqual([]);
    // Node's loopback host is the only inet peer: Chromium is answered from Node and opens none.
    const inet = report.events.filter((e) => e.call === 'connect' && /^AF_INET/.test(e.family));
    expect(inet.length).toBeGreaterThan(0);
    expect(new Set(inet.map((e) => e.address))).toEqual(new Set(['127.0.0.1']));
    recordSeen('PDF export (CLI, whole process tree)', report);
  }, 180_000);

  describe('a browser-mode session', () => {
    let host: ReturnType<typeof spawn> | undefined;
    let hostExit: Promise<number | null> | undefined;
    let browser: Browser | undefined;
    let page: Page;
    let url = '';
    let port = 0;
    let token = '';
    const requests: string[] = [];
    const hostTrace = path.join(tmp.dir, 'host.txt');
    const browserTrace = path.join(tmp.dir, 'browser.txt');

    beforeAll(async () => {
      const child = spawn(
        STRACE,
        [...STRACE_ARGS, '-o', hostTrace, process.execPath, 'scripts/start.mjs', '--browser', '--no-open'],
        {
          cwd: repoRoot,
          env: { ...process.env, PLANNER_DATA_DIR: path.join(tmp.dir, 'data') },
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      host = child;
      hostExit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no address within 90 s: ${stderr}`)), 90_000);
        let buffer = '';
        child.stdout?.on('data', (d: Buffer) => {
          buffer += d.toString();
          const match = buffer
            .split('\n')
            .map((l) => RUNNING_LINE.exec(l))
            .find(Boolean);
          if (match?.[1] && match[2] && match[3]) {
            clearTimeout(timer);
            [url, port, token] = [match[1], Number(match[2]), match[3]];
            resolve();
          }
        });
        child.on('exit', (code) => reject(new Error(`the host exited (${code}) before its address: ${stderr}`)));
      });
      // The page's Chromium, traced too, through a wrapper that starts it under strace.
      const wrapper = path.join(tmp.dir, 'chromium-traced.sh');
      const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
      fs.writeFileSync(
        wrapper,
        `#!/bin/sh\nexec ${[STRACE, ...STRACE_ARGS, '-o', browserTrace, 'path' in found ? found.path : 'chromium'].map(quote).join(' ')} "$@"\n`,
        { mode: 0o700 },
      );
      browser = await chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('request', (r) => requests.push(r.url()));
    }, 180_000);

    afterAll(async () => {
      await browser?.close().catch(() => undefined);
      if (host?.pid && host.exitCode === null) process.kill(-host.pid, 'SIGKILL');
    });

    it('goes through every view and exports the PDF, and nothing leaves the machine', async () => {
      await page.goto(url);
      await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 20_000 }).toBe(10);
      const nav = page.getByRole('navigation', { name: 'Views' });
      for (const view of ['Projection', 'Map', 'Scenarios', 'Compare', 'Import', 'Report', 'Data']) {
        await nav.getByRole('button', { name: view, exact: true }).click();
        await expect
          .poll(() => page.getByRole('heading', { level: 1, name: view, exact: true }).count(), { timeout: 20_000 })
          .toBe(1);
      }
      // The host prints the report with its own headless Chromium, traced with the host.
      const pdf = path.join(tmp.dir, 'browser-mode.pdf');
      const res = await fetch(`http://127.0.0.1:${port}/api/exportPdf`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ path: pdf }),
      });
      expect(res.status).toBe(200);
      expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

      await browser?.close();
      browser = undefined;
      if (host?.pid) process.kill(-host.pid, 'SIGTERM');
      await hostExit;

      // Every request the page made went to the host on 127.0.0.1.
      expect(requests.length).toBeGreaterThan(10);
      expect(requests.filter((r) => !r.startsWith(`http://127.0.0.1:${port}/`))).toEqual([]);

      // The host, its worker threads and the PDF's Chromium: loopback, Unix and netlink only.
      const hostReport = parseNetTrace(fs.readFileSync(hostTrace, 'utf8'));
      expect(hostReport.findings.map((f) => f.line)).toEqual([]);
      const pdfArgv = chromiumArgv(hostReport);
      for (const flag of PDF_CHROMIUM_ARGS) expect(pdfArgv, flag).toContain(flag);
      recordSeen('browser-mode host, its workers and the PDF export', hostReport);

      // The page's Chromium: no name looked up and nothing sent beyond loopback. Its resolver still
      // connect()s a UDP socket to a public IPv6 address to learn whether IPv6 is routable each time
      // it resolves the loopback host; that sends nothing, and is listed, not hidden.
      const browserReport = parseNetTrace(fs.readFileSync(browserTrace, 'utf8'));
      const browserArgv = chromiumArgv(browserReport);
      for (const flag of CHROMIUM_ARGS) expect(browserArgv, flag).toContain(flag);
      const silent = browserReport.findings.filter(isSilentUdpConnect);
      expect(browserReport.findings.filter((f) => !isSilentUdpConnect(f)).map((f) => f.line)).toEqual([]);
      recordSeen('browser-mode page (Chromium driven by the test)', browserReport, {
        udpConnectsThatSendNothing: silent.map((f) => `${f.address}:${f.port}`),
        requests: requests.length,
      });
    }, 300_000);
  });
});
