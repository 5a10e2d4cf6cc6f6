import Database from 'better-sqlite3';
import { PlannerError } from '#shared/api/errors.js';
import { latestSchemaVersion, migrations, type Migration } from './migrations/index.js';

export type PlanDatabase = Database.Database;

/** "SPLN": written into every plan file's header so foreign SQLite files are recognised. */
export const PLAN_APPLICATION_ID = 0x53504c4e;
export { latestSchemaVersion };

let nativeBinding: string | undefined;

/**
 * Electron loads better-sqlite3 from a separate build made for Electron's ABI; Node (tests,
 * CLI, browser mode) uses the default build in node_modules. See README "Native modules".
 */
export function useNativeBinding(path: string | undefined): void {
  nativeBinding = path;
}

export function openDatabase(
  path: string,
  options: { fileMustExist?: boolean; readonly?: boolean } = {},
): PlanDatabase {
  const db = new Database(path, {
    fileMustExist: options.fileMustExist ?? false,
    ...(options.readonly ? { readonly: true } : {}),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  db.pragma('foreign_keys = ON');
  return db;
}

/** Turns on the settings a working plan runs with. */
export function configureWorkingDatabase(db: PlanDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
}

interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

function appliedMigrations(db: PlanDatabase): AppliedMigration[] {
  const table = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'")
    .get() as { name: string } | undefined;
  if (!table) return [];
  return db
    .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
    .all() as AppliedMigration[];
}

/** Checks that the migrations recorded in a plan are exactly the ones this build ships. */
export function checkMigrationHistory(db: PlanDatabase, available: readonly Migration[] = migrations): void {
  for (const applied of appliedMigrations(db)) {
    const known = available.find((m) => m.version === applied.version);
    if (!known) {
      throw new PlannerError(
        'NEWER_SCHEMA',
        `This plan was saved by a newer version of Sufficiency Planner (it has schema change ${applied.version}, ${applied.name}). Update the app to open it.`,
        { version: applied.version },
      );
    }
    if (known.checksum !== applied.checksum) {
      throw new PlannerError(
        'MIGRATION_MISMATCH',
        `This plan's schema change ${applied.version} (${applied.name}) does not match this version of Sufficiency Planner, so it cannot be opened safely.`,
        { version: applied.version },
      );
    }
  }
}

/**
 * Applies every migration not yet applied, in order, in one transaction, recording each
 * with its checksum. `upTo` exists so tests can build an older plan.
 */
export function migrate(db: PlanDatabase, upTo: number = latestSchemaVersion): number {
  // A plan already at this build's schema needs no write: a write transaction on open costs a
  // journal and its fsync on every open (most of a quick command's time on a busy disk).
  if (upTo === latestSchemaVersion && isCurrent(db)) return latestSchemaVersion;
  const run = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at TEXT NOT NULL
    ) STRICT`);
    checkMigrationHistory(db);
    const done = new Set(appliedMigrations(db).map((m) => m.version));
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
    );
    let version = done.size === 0 ? 0 : Math.max(...done);
    for (const m of migrations) {
      if (m.version > upTo || done.has(m.version)) continue;
      if (m.version !== version + 1) {
        throw new PlannerError('CORRUPT_PLAN', `Schema change ${version + 1} is missing from this plan.`);
      }
      db.exec(m.sql);
      record.run(m.version, m.name, m.checksum, new Date().toISOString());
      version = m.version;
    }
    db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    db.pragma(`user_version = ${version}`);
    return version;
  });
  return run.immediate();
}

/** True when every migration this build ships is recorded, unchanged, with the plan's ids set (read only). */
export function isCurrent(db: PlanDatabase): boolean {
  if (schemaVersion(db) !== latestSchemaVersion) return false;
  if (db.pragma('application_id', { simple: true }) !== PLAN_APPLICATION_ID) return false;
  checkMigrationHistory(db);
  const applied = new Set(appliedMigrations(db).map((m) => m.version));
  return migrations.every((m) => applied.has(m.version));
}

export function schemaVersion(db: PlanDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}
