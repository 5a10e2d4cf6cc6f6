/**
 * Recovery after a crash, with a real browser-mode host process: edit a plan (child-level SSDA903
 * tables imported, consortium renamed), let autosave run, kill the host with SIGKILL, start it
 * again, recover the work, save it, exit cleanly — and find no child-level data left outside the
 * plan file. Also: a run killed with nothing unsaved leaves nothing behind at the next start, and
 * command-line temporary folders of killed runs are removed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../electron/services/appContext.js';
import { ssda903FileCount } from '../../electron/store/ssda903Data.js';
import { CLI_TEMP_PREFIX } from '../../electron/store/workingCopies.js';
import type { ApiResult } from '#shared/api/errors.js';
import { makeTempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const hostEntry = path.join(repoRoot, 'electron/browser-main.ts');
const cliEntry = path.join(repoRoot, 'electron/cli/main.ts');
const ssda903 = (name: string) => path.join(repoRoot, 'test/fixtures/ssda903', name);
const RUNNING = /Sufficiency Planner is running at http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/;
const tmp = makeTempDir('planner-recovery-');
afterAll(() => tmp.cleanup());

interface Host {
  child: ChildProcess;
  call<T>(name: string, args?: unknown): Promise<T>;
  exited: Promise<number | null>;
}

function startHost(dataDir: string, extra: string[]): Promise<Host> {
  const child = spawn(process.execPath, ['--import', 'tsx', hostEntry, '--no-open', '--autosave', '1', ...extra], {
    cwd: repoRoot,
    env: { ...process.env, PLANNER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${stderr}`)), 60_000);
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = RUNNING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      const [, port, token] = m;
      resolve({
        child,
        exited,
        async call<T>(name: string, args: unknown = {}): Promise<T> {
          const res = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
            body: JSON.stringify(args),
          });
          const body = (await res.json()) as ApiResult<T>;
          if (!body.ok) throw new Error(`${name}: ${body.error.code} ${body.error.message}`);
          return body.value;
        },
      });
    });
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

/** Files (other than the plan) holding the imported returns (found by their SHA-256 keys). */
function childDataOutside(dirs: string[], planFile: string, returnKeys: string[]): string[] {
  return dirs
    .flatMap(filesUnder)
    .filter((f) => path.resolve(f) !== path.resolve(planFile) && !f.endsWith('.csv'))
    .filter((f) => {
      const text = fs.readFileSync(f).toString('latin1');
      return returnKeys.some((id) => text.includes(id));
    });
}

describe('crash recovery', () => {
  it('recovers work after SIGKILL and leaves no child-level data outside the plan file', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const plan = path.join(tmp.dir, 'recover-me.ccplan');
    const seed = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'seed'), autosaveIntervalMs: 0 });
    seed.plans.newPlan();
    seed.plans.saveAs(plan);
    seed.plans.dispose();
    // the plan keeps each return compressed, keyed by the file's SHA-256: that key marks where the data is
    const returnKeys = ['2020-header.csv', '2020-episodes.csv'].map((f) =>
      createHash('sha256')
        .update(fs.readFileSync(ssda903(f)))
        .digest('hex'),
    );

    const first = await startHost(dataDir, ['--plan', plan]);
    const preview = await first.call<{ previewId: string; canCommit: boolean }>('previewImport', {
      files: [{ path: ssda903('2020-header.csv') }, { path: ssda903('2020-episodes.csv') }],
    });
    expect(preview.canCommit).toBe(true);
    await first.call('commitImport', { previewId: preview.previewId });
    await first.call('renameConsortium', { name: 'Unsaved work' });
    // autosave runs every second here
    await new Promise((r) => setTimeout(r, 2500));
    const workDir = path.join(dataDir, 'working');
    if (process.platform !== 'win32') {
      expect(fs.statSync(workDir).mode & 0o777).toBe(0o700);
      for (const f of fs.readdirSync(workDir)) expect(fs.statSync(path.join(workDir, f)).mode & 0o777).toBe(0o600);
    }
    // the detector does see child-level data where it is (the working copy), so its later silence means something
    expect(childDataOutside([dataDir], plan, returnKeys).length).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(fs.readdirSync(workDir).some((f) => f.endsWith('.sqlite'))).toBe(true);

    const second = await startHost(dataDir, []);
    const offered =
      await second.call<{ id: string; planPath: string; consortiumName: string }[]>('listRecoverablePlans');
    expect(offered).toHaveLength(1);
    expect(offered[0]).toMatchObject({ planPath: plan, consortiumName: 'Unsaved work' });
    const state = await second.call<{ dirty: boolean; consortiumName: string; readOnly: boolean }>('recoverPlan', {
      id: offered[0]!.id,
    });
    expect(state).toMatchObject({ dirty: true, consortiumName: 'Unsaved work', readOnly: false });
    expect(await second.call<unknown[]>('listRecoverablePlans')).toHaveLength(0);
    await second.call('savePlan');
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // the plan file holds the recovered work; nothing of it is left anywhere else
    const check = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'check'), autosaveIntervalMs: 0 });
    check.plans.openPlan(plan, { lock: 'none' });
    expect(check.plans.state()).toMatchObject({ consortiumName: 'Unsaved work' });
    expect(check.plans.read((db) => ssda903FileCount(db))).toBe(2);
    check.plans.dispose();
    expect(fs.readdirSync(workDir)).toEqual([]);
    expect(childDataOutside([dataDir, path.join(tmp.dir, 'check')], plan, returnKeys)).toEqual([]);
  }, 180_000);

  it('a run killed with nothing unsaved leaves no working copy after the next start', async () => {
    const dataDir = path.join(tmp.dir, 'clean-data');
    const host = await startHost(dataDir, []);
    await host.call('getPlanState');
    host.child.kill('SIGKILL');
    await host.exited;
    const workDir = path.join(dataDir, 'working');
    expect(fs.readdirSync(workDir).length).toBeGreaterThan(0);
    const again = await startHost(dataDir, []);
    expect(await again.call<unknown[]>('listRecoverablePlans')).toEqual([]);
    // only the new run's own copy is there
    const pid = again.child.pid;
    expect(fs.readdirSync(workDir).every((f) => f.startsWith(`plan-${pid}-`))).toBe(true);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    expect(fs.readdirSync(workDir)).toEqual([]);
  }, 120_000);

  it('command-line runs remove the temporary folders of killed runs', async () => {
    // a process that has ended gives a process id nobody holds
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.on('exit', r));
    const stale = path.join(os.tmpdir(), `${CLI_TEMP_PREFIX}${gone.pid}-abcdef`);
    fs.mkdirSync(path.join(stale, 'working'), { recursive: true });
    fs.writeFileSync(path.join(stale, 'working', `plan-${gone.pid}-00.sqlite`), 'child-level data');
    const run = spawn(process.execPath, ['--import', 'tsx', cliEntry, 'version'], { cwd: repoRoot });
    await new Promise((r) => run.on('exit', r));
    // `version` touches no plan; a command that opens one sweeps
    const summary = spawn(process.execPath, ['--import', 'tsx', cliEntry, 'summary', '--json'], { cwd: repoRoot });
    await new Promise((r) => summary.on('exit', r));
    expect(fs.existsSync(stale)).toBe(false);
    const own = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith(`${CLI_TEMP_PREFIX}${summary.pid}-`));
    expect(own).toEqual([]);
  }, 60_000);
});
