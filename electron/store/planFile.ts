/**
 * Plan files on disk: recognising them, copying them into a working database without ever
 * modifying the original, and saving atomically (never a half-written plan after a crash).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '../../shared/api/errors.js';
import {
  PLAN_APPLICATION_ID,
  checkMigrationHistory,
  configureWorkingDatabase,
  latestSchemaVersion,
  migrate,
  openDatabase,
  type PlanDatabase,
} from './database.js';
import { processIsAlive, removeDatabaseFiles } from './workingCopies.js';

export const PLAN_EXTENSION = '.ccplan';
const SQLITE_MAGIC = 'SQLite format 3\0';

export interface PlanHeader {
  applicationId: number;
  userVersion: number;
}

/** Reads the 100-byte SQLite header without opening the database. */
export function readPlanHeader(filePath: string): PlanHeader {
  let fd: number;
  try {
    const stat = fs.statSync(filePath);
    if (stat.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (!stat.isFile()) {
      throw new PlannerError(
        'NOT_A_PLAN',
        `${filePath} is not a regular file (a device or pipe), so it is not a plan.`,
      );
    }
    fd = fs.openSync(filePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new PlannerError('NOT_FOUND', `There is no file at ${filePath}.`);
    if (error instanceof PlannerError) throw error;
    if (code === 'EISDIR') throw new PlannerError('NOT_A_PLAN', `${filePath} is a folder, not a plan file.`);
    throw new PlannerError('IO_ERROR', `Could not read ${filePath}: ${(error as Error).message}`);
  }
  try {
    const header = Buffer.alloc(100);
    const read = fs.readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new PlannerError(
        'NOT_A_PLAN',
        `${path.basename(filePath)} is not a Sufficiency Planner plan (it is not a plan database).`,
      );
    }
    return { userVersion: header.readInt32BE(60), applicationId: header.readInt32BE(68) };
  } finally {
    fs.closeSync(fd);
  }
}

function checkHeader(filePath: string, header: PlanHeader): void {
  if (header.applicationId !== PLAN_APPLICATION_ID) {
    throw new PlannerError(
      'NOT_A_PLAN',
      `${path.basename(filePath)} is a database, but not a Sufficiency Planner plan.`,
    );
  }
  if (header.userVersion > latestSchemaVersion) {
    throw new PlannerError(
      'NEWER_SCHEMA',
      `${path.basename(filePath)} was saved by a newer version of Sufficiency Planner (schema ${header.userVersion}; this version reads up to ${latestSchemaVersion}). Update the app to open it.`,
      { fileSchema: header.userVersion, supported: latestSchemaVersion },
    );
  }
}

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
