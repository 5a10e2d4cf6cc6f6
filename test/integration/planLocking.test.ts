/**
 * One writer per plan, across processes: two `planner import` runs into one plan never lose an
 * update (one is refused, naming the holder, or they run one after the other); a plan open in the
 * app refuses a command-line import; a second app opens it read-only; and a plan file changed on
 * disk since it was opened is never overwritten by Save.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { listImportLog } from '../../electron/store/importData.js';
import { lockHolderElsewhere, lockPaths } from '../../electron/store/planLock.js';
import { PlannerError } from '#shared/api/errors.js';
import { makeTempDir } from '../helpers/tmp.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cliEntry = path.join(repoRoot, 'electron/cli/main.ts');
const fixture = (name: string) => path.join(repoRoot, 'test/fixtures/import', name);
const tmp = makeTempDir('planner-locking-');
afterAll(() => tmp.cleanup());

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', cliEntry, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function context(name: string, program = 'browser mode'): AppContext {
  return createAppContext({
    mode: 'browser',
    dataDir: path.join(tmp.dir, `data-${name}`),
    program,
    autosaveIntervalMs: 0,
  });
}

/** Saves a new plan from the built-in template at `file`. */
function newPlanFile(file: string): void {
  const c = context(`new-${path.basename(file)}`);
  c.plans.newPlan();
  c.plans.saveAs(file);
  c.plans.dispose();
}

function importedFileNames(file: string): string[] {
  const c = context(`read-${path.basename(file)}-${Math.random()}`);
  c.plans.openPlan(file, { lock: 'none' });
  const names = c.plans.read((db) => listImportLog(db)).map((e) => e.fileName);
  c.plans.dispose();
  return names;
}

function expectPlannerError(fn: () => unknown, code: string): PlannerError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe(code);
    return error as PlannerError;
  }
  throw new Error(`expected ${code}`);
}

describe('one writer per plan', () => {
  it('two command-line imports into one plan never lose an update', async () => {
    const trials = 5;
    let refused = 0;
    for (let trial = 0; trial < trials; trial++) {
      const plan = path.join(tmp.dir, `pair-${trial}.ccplan`);
      newPlanFile(plan);
      const files = ['dfe-missing-2024.csv', 'dfe-netgain-2024.csv'];
      const runs = await Promise.all(files.map((f) => runCli(['import', '--plan', plan, fixture(f)])));
      const present = importedFileNames(plan);
      for (const [i, run] of runs.entries()) {
        if (run.code === 0) {
          // whoever said "Imported." really is in the plan
          expect(present).toContain(files[i]);
        } else {
          refused++;
          expect(run.code).toBe(1);
          expect(run.stderr).toMatch(
            /is open for changes in Sufficiency Planner \(the command line\), run by .+ on .+ \(process \d+\) since/,
          );
          expect(present).not.toContain(files[i]);
        }
      }
      expect(runs.some((r) => r.code === 0)).toBe(true);
      // no lock is left behind once both have finished
      expect(lockHolderElsewhere(plan)).toBeUndefined();
      expect(fs.existsSync(lockPaths(plan).lock)).toBe(false);
    }
    process.stdout.write(`[plan locking] ${trials} concurrent import pairs: ${refused} refused, 0 lost\n`);
  }, 120_000);

  it('a plan open in the app refuses a command-line import, naming the holder, and is left untouched', async () => {
    const plan = path.join(tmp.dir, 'open-in-app.ccplan');
    newPlanFile(plan);
    const app = context('app');
    app.plans.openPlan(plan);
    expect(app.plans.state()).toMatchObject({ open: true, readOnly: false });
    const before = fs.readFileSync(plan);
    const run = await runCli(['import', '--plan', plan, fixture('dfe-missing-2024.csv')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is open for changes in Sufficiency Planner (browser mode)');
    expect(run.stderr).toContain(`(process ${process.pid})`);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.readFileSync(plan).equals(before)).toBe(true);
    // reading is still allowed while the app holds it
    const summary = await runCli(['summary', '--plan', plan, '--json']);
    expect(summary.code).toBe(0);
    app.plans.dispose();
    const after = await runCli(['import', '--plan', plan, fixture('dfe-missing-2024.csv')]);
    expect(after.code).toBe(0);
    expect(importedFileNames(plan)).toContain('dfe-missing-2024.csv');
  }, 60_000);

  it('a second app opens a held plan read-only: Save is refused, Save as works, Save works once the holder closes', () => {
    const plan = path.join(tmp.dir, 'read-only.ccplan');
    newPlanFile(plan);
    const first = context('first', 'the desktop app');
    first.plans.openPlan(plan);
    const second = context('second');
    const state = second.plans.openPlan(plan);
    expect(state.readOnly).toBe(true);
    expect(state.readOnlyReason).toContain('the desktop app');
    second.plans.renameConsortium('Second window');
    const error = expectPlannerError(() => second.plans.save(), 'PLAN_LOCKED');
    expect(error.message).toContain('Sufficiency Planner (the desktop app)');
    // the file it cannot take is refused for Save as too; another file is fine
    expectPlannerError(() => second.plans.saveAs(plan), 'PLAN_LOCKED');
    const copy = path.join(tmp.dir, 'read-only-copy.ccplan');
    expect(second.plans.saveAs(copy)).toMatchObject({ readOnly: false, dirty: false, path: copy });
    // once the holder closes, a read-only window may save in place
    const third = context('third');
    expect(third.plans.openPlan(plan).readOnly).toBe(true);
    first.plans.dispose();
    third.plans.renameConsortium('Third window');
    expect(third.plans.save()).toMatchObject({ readOnly: false, dirty: false });
    second.plans.dispose();
    third.plans.dispose();
  });

  it('Save never overwrites a plan file changed on disk since it was opened', () => {
    const plan = path.join(tmp.dir, 'changed.ccplan');
    const other = path.join(tmp.dir, 'other.ccplan');
    newPlanFile(plan);
    const writer = context('writer');
    writer.plans.openPlan(plan);
    writer.plans.renameConsortium('Edited here');
    // another program (a sync tool, a copy from a colleague) replaces the file
    newPlanFile(other);
    fs.copyFileSync(other, plan);
    fs.utimesSync(plan, new Date(), new Date(Date.now() + 5000));
    const newer = fs.readFileSync(plan);
    const error = expectPlannerError(() => writer.plans.save(), 'CHANGED_ON_DISK');
    expect(error.message).toContain('changed.ccplan has changed on disk since you opened it');
    expect(fs.readFileSync(plan).equals(newer)).toBe(true);
    expect(writer.plans.state()).toMatchObject({ dirty: true });
    // Save as keeps the work elsewhere; reloading the original shows the other program's version
    writer.plans.saveAs(path.join(tmp.dir, 'changed-mine.ccplan'));
    writer.plans.openPlan(plan);
    expect(writer.plans.state()).toMatchObject({ dirty: false, consortiumName: 'Greater Manchester' });
    writer.plans.dispose();
  });

  it('a folder or a device given as a plan gives a one-line message, never a stack trace', async () => {
    const folder = await runCli(['summary', '--plan', tmp.dir]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(`planner: ${tmp.dir} is a folder, not a plan file.\n`);
    const device = await runCli(['summary', '--plan', '/dev/null']);
    expect(device.code).toBe(1);
    expect(device.stderr.trim().split('\n')).toHaveLength(1);
    expect(device.stderr).toContain('not a regular file');
  }, 60_000);
});
