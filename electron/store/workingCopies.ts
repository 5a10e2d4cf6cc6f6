/**
 * Working copies: the SQLite databases the app edits between saves, kept in the app's private
 * `working` folder (0700, files 0600 — they can hold SSDA903 child-level tables).
 *
 * Beside each copy a small manifest (`plan-….json`) says which plan it belongs to, whether it has
 * unsaved changes and when it was last saved automatically. After a crash the next start finds
 * copies whose process is gone: those with unsaved work are offered for recovery (recover or
 * discard); those without are removed at once, so no child's data outlives the plan file.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const PRIVATE_DIR = 0o700;
const PRIVATE_FILE = 0o600;

const manifestSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  planPath: z.string().nullable(),
  planName: z.string(),
  consortiumName: z.string(),
  openedAt: z.string(),
  /** When the copy was last made durable by autosave (null: never). */
  autosavedAt: z.string().nullable(),
  /** True when the copy holds changes the plan file does not. */
  unsaved: z.boolean(),
  /** The plan file as it was when opened (size, modified time, inode), to detect changes on disk. */
  fileStamp: z.object({ size: z.number(), mtimeMs: z.number(), ino: z.number() }).nullable(),
});

export type WorkingManifest = z.infer<typeof manifestSchema>;
export type FileStamp = NonNullable<WorkingManifest['fileStamp']>;

/** Makes (or tightens) a private folder: only the user can list or enter it. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  if (process.platform !== 'win32') fs.chmodSync(dir, PRIVATE_DIR);
}

/** Creates an empty file only the user can read, so SQLite's copy and its -wal/-shm inherit that. */
export function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', PRIVATE_FILE));
  if (process.platform !== 'win32') fs.chmodSync(file, PRIVATE_FILE);
}

/** A fresh, unique, private path for a working database inside `workDir`. */
export function newWorkingPath(workDir: string): string {
  ensurePrivateDir(workDir);
  const file = path.join(workDir, `plan-${process.pid}-${randomBytes(6).toString('hex')}.sqlite`);
  createPrivateFile(file);
  return file;
}

export function manifestPath(workingPath: string): string {
  return workingPath.replace(/\.sqlite$/, '.json');
}

export function writeManifest(workingPath: string, manifest: WorkingManifest): void {
  const target = manifestPath(workingPath);
  const tmp = `${target}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(manifest), { mode: PRIVATE_FILE });
  fs.renameSync(tmp, target);
}

export function readManifest(workingPath: string): WorkingManifest | null {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(manifestPath(workingPath), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes an SQLite database with its side files (-wal, -shm, -journal) and any `extra` files; best effort. */
export function removeDatabaseFiles(filePath: string, extra: readonly string[] = []): void {
  for (const p of [filePath, `${filePath}-wal`, `${filePath}-shm`, `${filePath}-journal`, ...extra]) {
    try {
      fs.rmSync(p, { force: true });
    } catch {
      // best effort: what is left is swept at the next start
    }
  }
}

/** Removes a working copy with its SQLite side files and manifest. */
export function removeWorkingCopy(workingPath: string): void {
  removeDatabaseFiles(workingPath, [manifestPath(workingPath), `${manifestPath(workingPath)}.tmp`]);
}

export function processIsAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed process whose parent died with it stays a zombie until init reaps it (a second or so
  // in some containers): it has ended and holds nothing, so its work is recoverable.
  return !isZombie(pid);
}

/** True when Linux's /proc says the process has exited and waits only to be reaped. */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (command) state …": the command may hold spaces or parentheses, so read after the last ")".
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state === 'Z' || state === 'X';
  } catch {
    return false; // no /proc (macOS, Windows) or the process just went: kill(0) has spoken
  }
}

/** The pid in a working copy's name (`plan-PID-hex.sqlite`), or null. */
function pidFromName(name: string): number | null {
  const m = /^plan-(\d+)-[0-9a-f]+\.sqlite$/.exec(name);
  return m ? Number(m[1]) : null;
}

export interface OrphanedCopy {
  workingPath: string;
  manifest: WorkingManifest | null;
  bytes: number;
}

/** Working copies in `workDir` left by processes of this machine that are no longer running. */
export function orphanedWorkingCopies(workDir: string): OrphanedCopy[] {
  let names: string[];
  try {
    names = fs.readdirSync(workDir);
  } catch {
    return [];
  }
  const out: OrphanedCopy[] = [];
  const host = os.hostname();
  for (const name of names) {
    const pid = pidFromName(name);
    if (pid === null) continue;
    const workingPath = path.join(workDir, name);
    const manifest = readManifest(workingPath);
    if (manifest && manifest.host !== host) continue; // a shared folder: another machine's copy
    if (processIsAlive(pid)) continue;
    let bytes = 0;
    for (const p of [workingPath, `${workingPath}-wal`]) {
      try {
        bytes += fs.statSync(p).size;
      } catch {
        // missing side file
      }
    }
    out.push({ workingPath, manifest, bytes });
  }
  return out.sort((a, b) => a.workingPath.localeCompare(b.workingPath));
}

/** Stray files in `workDir` (a manifest or side file whose copy is gone, from a dead process). */
export function removeStrayFiles(workDir: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(workDir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = /^plan-(\d+)-([0-9a-f]+)\.(json|json\.tmp|sqlite-wal|sqlite-shm|sqlite-journal)$/.exec(name);
    if (!m) continue;
    const copy = path.join(workDir, `plan-${m[1]}-${m[2]}.sqlite`);
    if (!fs.existsSync(copy) && !processIsAlive(Number(m[1]))) fs.rmSync(path.join(workDir, name), { force: true });
  }
}

export const CLI_TEMP_PREFIX = 'sufficiency-planner-cli-';

/** A private temporary folder for one command-line run, named with its process id. */
export function makeCliTempDir(tmpRoot: string = os.tmpdir()): string {
  return fs.mkdtempSync(path.join(tmpRoot, `${CLI_TEMP_PREFIX}${process.pid}-`));
}

/**
 * Removes command-line temporary folders left by runs that were killed: those whose process is
 * gone, and (from older versions, whose names carry no process id) those untouched for a day.
 */
export function sweepCliTempDirs(tmpRoot: string = os.tmpdir(), now: number = Date.now()): number {
  let names: string[];
  try {
    names = fs.readdirSync(tmpRoot);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    if (!name.startsWith(CLI_TEMP_PREFIX)) continue;
    const full = path.join(tmpRoot, name);
    const m = /^(\d+)-[A-Za-z0-9]+$/.exec(name.slice(CLI_TEMP_PREFIX.length));
    let stale: boolean;
    try {
      const stat = fs.lstatSync(full);
      if (!stat.isDirectory() || (typeof process.getuid === 'function' && stat.uid !== process.getuid())) continue;
      stale = m ? !processIsAlive(Number(m[1])) : now - stat.mtimeMs > 24 * 3600 * 1000;
    } catch {
      continue;
    }
    if (!stale) continue;
    try {
      fs.rmSync(full, { recursive: true, force: true });
      removed++;
    } catch {
      // another user's or a busy folder: leave it
    }
  }
  return removed;
}

export function fileStamp(file: string): FileStamp | null {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs, ino: s.ino };
  } catch {
    return null;
  }
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  if (a === null || b === null) return a === b;
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}
