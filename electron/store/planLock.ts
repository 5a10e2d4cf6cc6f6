/**
 * One writer per plan file. Whoever opens a plan to change it (the desktop app, browser mode, a
 * `planner import`) takes the plan's lock; anyone else is refused, or opens it read-only, with a
 * message naming the holder.
 *
 * The lock itself is an SQLite write lock (`BEGIN IMMEDIATE`) held on a small hidden file beside
 * the plan (`.name.ccplan.lock`). The operating system drops such a lock when its process ends,
 * however it ends, so a crash or `kill -9` never leaves a plan locked for ever and no process-id
 * guessing is needed. Who holds it is written to a second small file (`.name.ccplan.lock.json`)
 * so the refusal can say who, where and since when.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { PlannerError } from '#shared/api/errors.js';
import { openDatabase, type PlanDatabase } from './database.js';

/** Who holds a plan's lock. */
export interface LockHolder {
  pid: number;
  host: string;
  user: string;
  /** "the desktop app", "browser mode", "the command line". */
  program: string;
  since: string;
}

const holderSchema = z.object({
  pid: z.number().int(),
  host: z.string().max(255),
  user: z.string().max(255),
  program: z.string().max(100),
  since: z.string().max(40),
});

export function lockPaths(planPath: string): { lock: string; holder: string } {
  const dir = path.dirname(planPath);
  const base = path.basename(planPath);
  return { lock: path.join(dir, `.${base}.lock`), holder: path.join(dir, `.${base}.lock.json`) };
}

/** The user's login name, for a lock's holder and the assumption register's "changed by". */
export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown user';
  }
}

/** "browser mode, run by alice on host-1 (process 1234) since 3 Dec 2026, 11:32". */
export function describeHolder(holder: LockHolder | null): string {
  if (!holder) return 'another program (it did not say who)';
  const since = new Date(holder.since);
  const when = Number.isNaN(since.getTime())
    ? holder.since
    : since.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return `Sufficiency Planner (${holder.program}), run by ${holder.user} on ${holder.host} (process ${holder.pid}) since ${when}`;
}

export function readLockHolder(planPath: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(fs.readFileSync(lockPaths(planPath).holder, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

function inodeOf(file: string): number | null {
  try {
    return fs.statSync(file).ino;
  } catch {
    return null;
  }
}

/** A held plan lock; release it when the plan is closed or saved elsewhere. */
export class PlanLock {
  private released = false;

  private constructor(
    readonly planPath: string,
    private readonly db: PlanDatabase,
    readonly holder: LockHolder,
  ) {}

  /**
   * Takes the lock of `planPath` for this process, or throws PLAN_LOCKED naming the holder.
   * A folder the lock cannot be written in (read-only media) throws IO_ERROR.
   */
  static acquire(planPath: string, program: string): PlanLock {
    const paths = lockPaths(planPath);
    for (let attempt = 0; attempt < 5; attempt++) {
      const before = inodeOf(paths.lock);
      let db: PlanDatabase;
      try {
        db = openDatabase(paths.lock);
        db.pragma('busy_timeout = 0');
        db.pragma('journal_mode = DELETE');
      } catch (error) {
        if (isBusy(error)) throw lockedError(planPath);
        throw new PlannerError(
          'IO_ERROR',
          `Could not lock ${path.basename(planPath)} for writing (${(error as Error).message}).`,
        );
      }
      try {
        db.exec('BEGIN IMMEDIATE');
      } catch (error) {
        db.close();
        if (isBusy(error)) {
          // A holder writes its name just after it locks, and removes it just before it lets go:
          // give it a moment to appear, and where none does the lock was being let go — try again.
          const holder = waitForHolder(planPath);
          if (holder || attempt === 4) throw lockedError(planPath, holder);
          continue;
        }
        throw new PlannerError(
          'IO_ERROR',
          `Could not lock ${path.basename(planPath)} for writing (${(error as Error).message}).`,
        );
      }
      // A releasing holder removes the lock file; if it was removed and made again between our
      // open and our lock, we locked a file nobody else will look at: try again.
      const after = inodeOf(paths.lock);
      if (after === null || (before !== null && before !== after)) {
        db.close();
        continue;
      }
      const holder: LockHolder = {
        pid: process.pid,
        host: os.hostname(),
        user: currentUser(),
        program,
        since: new Date().toISOString(),
      };
      const tmp = `${paths.holder}.${process.pid}.tmp`;
      try {
        fs.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
        fs.renameSync(tmp, paths.holder);
      } catch {
        fs.rmSync(tmp, { force: true });
        // the holder's name is a courtesy; the lock holds without it
      }
      return new PlanLock(planPath, db, holder);
    }
    throw lockedError(planPath);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    const paths = lockPaths(this.planPath);
    const holder = readLockHolder(this.planPath);
    if (holder && holder.pid === this.holder.pid && holder.since === this.holder.since) {
      fs.rmSync(paths.holder, { force: true });
    }
    try {
      fs.rmSync(paths.lock, { force: true });
    } catch {
      // Windows keeps an open file; it is removed by the next holder's release
    }
    try {
      this.db.exec('ROLLBACK');
    } catch {
      // the lock goes with the connection anyway
    }
    this.db.close();
  }
}

/** True when another process holds the plan's lock (the lock is not taken). */
export function lockHolderElsewhere(planPath: string): LockHolder | null | undefined {
  const paths = lockPaths(planPath);
  if (!fs.existsSync(paths.lock)) return undefined;
  let db: PlanDatabase | undefined;
  try {
    db = openDatabase(paths.lock, { fileMustExist: true });
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return undefined;
  } catch (error) {
    return isBusy(error) ? readLockHolder(planPath) : undefined;
  } finally {
    db?.close();
  }
}

/** The holder's name, waiting up to a quarter of a second for it to be written. */
function waitForHolder(planPath: string): LockHolder | null {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; ; waited += 10) {
    const holder = readLockHolder(planPath);
    if (holder || waited >= 250) return holder;
    Atomics.wait(pause, 0, 0, 10);
  }
}

export function lockedError(planPath: string, holder: LockHolder | null = readLockHolder(planPath)): PlannerError {
  return new PlannerError(
    'PLAN_LOCKED',
    `${path.basename(planPath)} is open for changes in ${describeHolder(holder)}. Close it there first, or save your work under another name.`,
    { holder },
  );
}
