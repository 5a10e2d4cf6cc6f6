import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PlannerError } from '#shared/api/errors.js';
import { PlanService } from '../../electron/services/planService.js';
import { builtInTemplate } from '../../electron/services/template.js';
import { PLAN_APPLICATION_ID, latestSchemaVersion, migrate, openDatabase } from '../../electron/store/database.js';
import { migrations } from '../../electron/store/migrations/index.js';
import { openPlanCopy, readPlanHeader } from '../../electron/store/planFile.js';
import { fileBytes, makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let service: PlanService;

beforeEach(() => {
  tmp = makeTempDir();
  service = new PlanService({ dataDir: path.join(tmp.dir, 'data'), template: builtInTemplate });
});

afterEach(() => {
  service.dispose();
  tmp.cleanup();
});

function expectPlannerError(fn: () => unknown, code: string, messagePart?: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(PlannerError);
    expect((error as PlannerError).code).toBe(code);
    if (messagePart) expect((error as PlannerError).message).toContain(messagePart);
    return;
  }
  throw new Error(`expected a ${code} error`);
}

describe('migrations', () => {
  it('bring a fresh database to the latest schema, recording each with its checksum', () => {
    const db = openDatabase(path.join(tmp.dir, 'fresh.sqlite'));
    expect(migrate(db)).toBe(latestSchemaVersion);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(db.pragma('application_id', { simple: true })).toBe(PLAN_APPLICATION_ID);
    const recorded = db.prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version').all();
    expect(recorded).toEqual(migrations.map((m) => ({ version: m.version, name: m.name, checksum: m.checksum })));
    expect(migrate(db)).toBe(latestSchemaVersion); // idempotent
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length });
    db.close();
  });

  it('upgrade an older plan when it is opened, keeping its data and leaving the file untouched', () => {
    const older = path.join(tmp.dir, 'older.ccplan');
    const db = openDatabase(older);
    migrate(db, 1);
    db.prepare(
      "INSERT INTO area (code, name, level, is_member) VALUES ('E08000001', 'Bolton', 'Local authority', 1)",
    ).run();
    db.prepare("INSERT INTO plan_meta (key, value) VALUES ('consortium_name', 'Old consortium')").run();
    db.close();
    expect(readPlanHeader(older).userVersion).toBe(1);
    const before = fileBytes(older);

    const state = service.openPlan(older);
    expect(state.schemaVersion).toBe(latestSchemaVersion);
    expect(state.consortiumName).toBe('Old consortium');
    expect(state.dirty).toBe(false);
    const summary = service.summary();
    expect(summary.authorities.map((a) => a.code)).toEqual(['E08000001']);
    expect(fileBytes(older).equals(before)).toBe(true);
  });

  it('are rolled back as a whole when one fails', () => {
    const db = openDatabase(path.join(tmp.dir, 'broken.sqlite'));
    migrate(db, 1);
    db.exec('CREATE TABLE observation (x INTEGER)'); // clashes with migration 2
    expect(() => migrate(db)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get()).toEqual({ n: 1 });
    db.close();
  });
});

describe('plan files', () => {
  it('round-trip: new from template, edit, save as, reopen', () => {
    const created = service.newPlan();
    expect(created).toMatchObject({
      untitled: true,
      dirty: false,
      name: 'Untitled plan',
      consortiumName: 'Greater Manchester',
    });
    const original = service.summary();
    expect(original.authorities).toHaveLength(10);

    expect(service.renameConsortium('GM Regional Care Co-operative').dirty).toBe(true);
    expectPlannerError(() => service.save(), 'NEEDS_PATH');
    const target = path.join(tmp.dir, 'Greater Manchester');
    const saved = service.saveAs(target);
    expect(saved).toMatchObject({ untitled: false, dirty: false, name: 'Greater Manchester' });
    expect(saved.path).toBe(`${target}.ccplan`);
    expect(fs.existsSync(`${target}.ccplan-wal`)).toBe(false);

    const reopened = new PlanService({ dataDir: path.join(tmp.dir, 'data2'), template: builtInTemplate });
    try {
      const state = reopened.openPlan(`${target}.ccplan`);
      expect(state.consortiumName).toBe('GM Regional Care Co-operative');
      const summary = reopened.summary();
      expect(summary.authorities).toEqual(original.authorities);
      expect(summary.sources).toEqual(original.sources);
      expect(summary.consortium.headline).toEqual(original.consortium.headline);
    } finally {
      reopened.dispose();
    }
    expect(service.recent.list()[0]).toMatchObject({
      path: `${target}.ccplan`,
      name: 'Greater Manchester',
      exists: true,
    });
  });

  it('saved files are self-contained, pass integrity_check and carry the plan header', () => {
    service.newPlan();
    const target = path.join(tmp.dir, 'plan.ccplan');
    service.saveAs(target);
    const header = readPlanHeader(target);
    expect(header).toEqual({ applicationId: PLAN_APPLICATION_ID, userVersion: latestSchemaVersion });
    const db = new Database(target, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT COUNT(*) AS n FROM observation').get()).toEqual({
      n: builtInTemplate.observations.length,
    });
    db.close();
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('.saving-'))).toEqual([]);
  });

  it('save overwrites the plan in place and clears the unsaved marker', () => {
    service.newPlan();
    const target = path.join(tmp.dir, 'plan.ccplan');
    service.saveAs(target);
    service.renameConsortium('Renamed');
    expect(service.state()).toMatchObject({ dirty: true });
    expect(service.save()).toMatchObject({ dirty: false, path: target });
    const again = new PlanService({ dataDir: path.join(tmp.dir, 'data3'), template: builtInTemplate });
    expect(again.openPlan(target).consortiumName).toBe('Renamed');
    again.dispose();
  });

  it('close leaves no plan open and removes the working copy', () => {
    service.newPlan();
    const workDir = path.join(tmp.dir, 'data', 'working');
    expect(fs.readdirSync(workDir).length).toBeGreaterThan(0);
    expect(service.close()).toEqual({ open: false });
    expect(fs.readdirSync(workDir)).toEqual([]);
    expectPlannerError(() => service.summary(), 'NO_PLAN_OPEN');
  });
});

describe('files that are not plans are refused, and nothing changes', () => {
  const cases: [string, (file: string) => void, string, string][] = [
    [
      'a text file',
      (f) => fs.writeFileSync(f, 'CHILD,SEX,DOB\n1,1,01/01/2010\n'),
      'NOT_A_PLAN',
      'not a Sufficiency Planner plan',
    ],
    ['an empty file', (f) => fs.writeFileSync(f, ''), 'NOT_A_PLAN', 'not a Sufficiency Planner plan'],
    [
      'another application’s SQLite database',
      (f) => {
        const db = new Database(f);
        db.exec('CREATE TABLE notes (body TEXT)');
        db.close();
      },
      'NOT_A_PLAN',
      'not a Sufficiency Planner plan',
    ],
    [
      'a plan from a newer schema',
      (f) => {
        const db = openDatabase(f);
        migrate(db);
        db.pragma(`user_version = ${latestSchemaVersion + 5}`);
        db.close();
      },
      'NEWER_SCHEMA',
      'newer version',
    ],
    [
      'a plan whose migration history differs from this build',
      (f) => {
        const db = openDatabase(f);
        migrate(db);
        db.prepare("UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1").run();
        db.close();
      },
      'MIGRATION_MISMATCH',
      'does not match',
    ],
    [
      'a damaged plan',
      (f) => {
        const db = openDatabase(f);
        migrate(db);
        const insert = db.prepare('INSERT INTO plan_meta (key, value) VALUES (?, ?)');
        db.transaction(() => {
          for (let i = 0; i < 2000; i++) insert.run(`k${i}`, 'x'.repeat(200));
        })();
        db.close();
        const bytes = fs.readFileSync(f);
        bytes.fill(0x5a, 4096 + 100, 4096 * 3); // scribble over b-tree pages, keep the header
        fs.writeFileSync(f, bytes);
      },
      'CORRUPT_PLAN',
      'damaged',
    ],
  ];

  it.each(cases)('%s', (_label, make, code, message) => {
    const opened = service.newPlan();
    const file = path.join(tmp.dir, 'candidate.ccplan');
    make(file);
    const before = fileBytes(file);
    const listing = fs.readdirSync(tmp.dir).sort();
    expectPlannerError(() => service.openPlan(file), code, message);
    expect(fileBytes(file).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp.dir).sort()).toEqual(listing);
    expect(service.state()).toEqual(opened); // the plan that was open is still open
    const workingCopies = fs.readdirSync(path.join(tmp.dir, 'data', 'working')).filter((f) => f.endsWith('.sqlite'));
    expect(workingCopies).toHaveLength(1); // the refused file's copy was removed
  });

  it('a missing file gives NOT_FOUND', () => {
    expectPlannerError(() => service.openPlan(path.join(tmp.dir, 'nowhere.ccplan')), 'NOT_FOUND', 'no file');
  });

  it('openPlanCopy removes its working copy when the plan is refused', () => {
    const file = path.join(tmp.dir, 'text.ccplan');
    fs.writeFileSync(file, 'hello');
    const working = path.join(tmp.dir, 'working.sqlite');
    expect(() => openPlanCopy(file, working)).toThrow(PlannerError);
    expect(fs.existsSync(working)).toBe(false);
  });
});
