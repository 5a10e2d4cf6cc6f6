/**
 * Recognising a plan file from its 100-byte SQLite header (application id and schema version) without
 * opening it: shared by the usual open (planFile.ts) and the command line's read-only open
 * (planReadOnly.ts), which must not load the working-copy code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PlannerError } from '#shared/api/errors.js';
import { PLAN_APPLICATION_ID, latestSchemaVersion } from './database.js';

export const PLAN_EXTENSION = '.ccplan';

/** The name of a plan not yet saved to a file. */
export const UNTITLED_PLAN_NAME = 'Untitled plan';
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

export function checkHeader(filePath: string, header: PlanHeader): void {
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
