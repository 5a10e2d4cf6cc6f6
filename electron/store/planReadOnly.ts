/**
 * Opening a plan file for reading only, in place: for the command line's read-only commands
 * (`planner summary --plan`, `planner project --method stockflow`), which otherwise copy the whole
 * file into a working copy and run SQLite's full integrity check before reading a figure.
 *
 * Why reading the file in place is safe:
 * - the connection is SQLite read-only (`readonly: true`, `fileMustExist: true`): nothing this
 *   process does can change the file, nor create one where there was none;
 * - a plan file is only ever written whole by another program (VACUUM INTO a temporary file, then
 *   an atomic rename, see planFile.ts), in rollback-journal mode: a reader has either the old file
 *   or the new one, never a mix, as it would when copying;
 * - only a file this build reads without any migration is opened so: the header's application id
 *   and schema version, and every migration recorded with this build's checksum (as the working-copy
 *   open checks). SQLite's quick_check (page structure, records, NOT NULL and CHECK constraints:
 *   every kind of damage a torn or truncated file shows) takes its place of integrity_check, which
 *   also cross-checks every index against its table and takes about 25 times as long;
 * - anything else (an older schema that needs migrating, a write-ahead log or a hot journal beside
 *   the file, a failed check, any error) returns null, and the caller opens the plan the usual way,
 *   with its messages for damaged or newer plans.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isCurrent, latestSchemaVersion, openDatabase, type PlanDatabase } from './database.js';
import { PLAN_EXTENSION, checkHeader, readPlanHeader } from './planHeader.js';

/**
 * The plan file opened read-only in place, or null when it should be opened the usual way (a working
 * copy, checked and migrated). Errors about the file itself (missing, not a plan, newer schema) are
 * thrown as the usual open throws them.
 */
export function openPlanReadOnly(filePath: string): PlanDatabase | null {
  const header = readPlanHeader(filePath);
  checkHeader(filePath, header);
  if (header.userVersion !== latestSchemaVersion) return null;
  if (fs.existsSync(`${filePath}-journal`) || fs.existsSync(`${filePath}-wal`)) return null;
  let db: PlanDatabase | undefined;
  try {
    db = openDatabase(filePath, { fileMustExist: true, readonly: true });
    const ok =
      db.pragma('journal_mode', { simple: true }) === 'delete' &&
      isCurrent(db) &&
      db.pragma('quick_check', { simple: true }) === 'ok';
    if (ok) return db;
  } catch {
    // opened the usual way, which says what is wrong
  }
  db?.close();
  return null;
}

/** The name a plan file goes by: its file name without the extension (as the plan service names it). */
export function planNameFromPath(filePath: string): string {
  return path.basename(filePath, PLAN_EXTENSION);
}
