/**
 * Plan files on disk: recognising them, copying them into a working database without ever
 * modifying the original, and saving atomically (never a half-written plan after a crash).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '#shared/api/errors.js';
import {
  checkMigrationHistory,
  configureWorkingDatabase,
  migrate,
  openDatabase,
  type PlanDatabase,
} from './database.js';
import { checkHeader, readPlanHeader } from './planHeader.js';
import { processIsAlive, removeDatabaseFiles } from './workingCopies.js';

export { PLAN_EXTENSION, readPlanHeader, type PlanHeader } from './planHeader.js';

/**
 * Opens a plan file by copying it to `workingPath` and checking and migrating the copy.
 * The original file is only read. On any failure the copy is removed and a clear error thrown.
 */
export function openPlanCopy(filePath: string, workingPath: string): PlanDatabase {
  checkHeader(filePath, readPlanHeader(filePath));
  try {
    fs.copyFileSync(filePath, workingPath);
    // copying gives the copy the plan file's mode; working copies stay private (0600)
    if (process.platform !== 'win32') fs.chmodSync(workingPath, 0o600);
  } catch (error) {
    throw new PlannerError('IO_ERROR', `Could not read ${filePath}: ${(error as Error).message}`);
  }
  let db: PlanDatabase | undefined;
  try {
    db = openDatabase(workingPath, { fileMustExist: true });
    let integrity: string[];
    try {
      integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (error) {
      throw new PlannerError(
        'CORRUPT_PLAN',
        `${path.basename(filePath)} is damaged and cannot be opened (${(error as Error).message}).`,
      );
    }
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new PlannerError('CORRUPT_PLAN', `${path.basename(filePath)} is damaged and cannot be opened.`, {
        problems: integrity.slice(0, 10),
      });
    }
    checkMigrationHistory(db);
    migrate(db);
    configureWorkingDatabase(db);
    return db;
  } catch (error) {
    db?.close();
    removeDatabaseFiles(workingPath);
    if (error instanceof PlannerError) throw error;
    const code = (error as { code?: string }).code ?? '';
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new PlannerError('CORRUPT_PLAN', `${path.basename(filePath)} is damaged and cannot be opened.`);
    }
    throw new PlannerError('IO_ERROR', `Could not open ${path.basename(filePath)}: ${(error as Error).message}`);
  }
}

function fsyncPath(filePath: string): void {
  const fd = fs.openSync(filePath, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDirectory(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync on Windows
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Saves atomically: VACUUM INTO a temporary file in the target's folder, make it a
 * self-contained rollback-journal file, fsync it, then rename over the target and fsync
 * the folder. A crash at any point leaves either the old plan or the new one, never a mix.
 */
export function savePlanAtomically(db: PlanDatabase, targetPath: string): void {
  const dir = path.dirname(targetPath);
  if (!fs.existsSync(dir)) throw new PlannerError('NOT_FOUND', `The folder ${dir} does not exist.`);
  const tmp = path.join(dir, `.${path.basename(targetPath)}.saving-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    const copy = openDatabase(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    fsyncPath(tmp);
    fs.renameSync(tmp, targetPath);
    fsyncDirectory(dir);
  } catch (error) {
    removeDatabaseFiles(tmp);
    if (error instanceof PlannerError) throw error;
    throw new PlannerError('IO_ERROR', `Could not save to ${targetPath}: ${(error as Error).message}`);
  }
}

/** Removes temporary files left by saves that were interrupted (e.g. by a crash). */
export function removeStaleSaveFiles(targetPath: string): void {
  const dir = path.dirname(targetPath);
  const prefix = `.${path.basename(targetPath)}.saving-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid !== process.pid && !processIsAlive(pid))
      removeDatabaseFiles(path.join(dir, entry));
  }
}
