import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { makeTempDir } from '../helpers/tmp.js';

const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-import-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const figure = (code: string, measure: string) =>
  context.plans.summary().authorities.find((a) => a.code === code)?.history[measure as 'childrenLookedAfter'] ?? [];

const count = (table: string) =>
  context.plans.read((db) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n);

describe('import service', () => {
  it('previews what will change without changing anything, then commits, logs and becomes the provenance', async () => {
    const before = count('observation');
    const preview = await context.imports.preview([{ path: fixture('dfe-cla-number-rate-2025.csv') }]);
    expect(preview.canCommit).toBe(true);
    const file = preview.files[0];
    expect(file).toMatchObject({
      kind: 'dfe-cla-number-rate',
      fileName: 'dfe-cla-number-rate-2025.csv',
      errorCount: 0,
    });
    expect(file?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((file?.added ?? 0) + (file?.replaced ?? 0)).toBeGreaterThan(0);
    expect(count('observation')).toBe(before);
    expect(context.plans.state()).toMatchObject({ dirty: false });

    const { state, logged } = context.imports.commit(preview.previewId);
    expect(state.dirty).toBe(true);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      fileName: 'dfe-cla-number-rate-2025.csv',
      kind: 'dfe-cla-number-rate',
      sha256: file?.sha256,
    });
    expect(count('observation')).toBe(before + (file?.added ?? 0));

    const manchester2025 = figure('E08000003', 'childrenLookedAfter').find((p) => p.period === '2025');
    expect(manchester2025).toMatchObject({ value: 1310, source: logged[0]?.sourceId });
    const source = context.plans.summary().sources.find((s) => s.id === logged[0]?.sourceId);
    expect(source).toMatchObject({
      file: 'dfe-cla-number-rate-2025.csv',
      publisher: 'Department for Education',
      illustrative: false,
    });
    expect(context.imports.log()).toHaveLength(1);
  });

  it('re-importing the same file replaces, never duplicates', async () => {
    const first = await context.imports.preview([{ path: fixture('dfe-cla-number-rate-2025.csv') }]);
    context.imports.commit(first.previewId);
    const afterFirst = count('observation');
    const second = await context.imports.preview([{ path: fixture('dfe-cla-number-rate-2025.csv') }]);
    expect(second.files[0]?.added).toBe(0);
    expect(second.files[0]?.replaced).toBeGreaterThan(0);
    context.imports.commit(second.previewId);
    expect(count('observation')).toBe(afterFirst);
    expect(context.imports.log()).toHaveLength(2);
  });

  it('refuses to commit when any file has an error, and changes nothing', async () => {
    const before = count('observation');
    const preview = await context.imports.preview([
      { path: fixture('dfe-cla-number-rate-2025.csv') },
      { path: fixture('dfe-cla-number-rate-invalid.csv') },
    ]);
    expect(preview.canCommit).toBe(false);
    const bad = preview.files[1];
    expect(bad?.errorCount).toBeGreaterThan(0);
    expect(bad?.issues[0]).toMatchObject({ severity: 'error', file: 'dfe-cla-number-rate-invalid.csv' });
    expect(bad?.issues.some((i) => i.row !== null && i.column !== null)).toBe(true);
    expect(() => context.imports.commit(preview.previewId)).toThrow(/Nothing was changed/);
    expect(count('observation')).toBe(before);
    expect(count('import_log')).toBe(0);
  });

  it('accepts file contents (browser-mode drops) as well as paths', async () => {
    const content = fs.readFileSync(fixture('ofsted-providers-2023.csv')).toString('base64');
    const preview = await context.imports.preview([{ name: 'providers.csv', contentBase64: content }]);
    expect(preview.files[0]).toMatchObject({ kind: 'ofsted-providers', fileName: 'providers.csv' });
  });

  it('reports a missing file clearly', async () => {
    await expect(context.imports.preview([{ path: path.join(tmp.dir, 'nope.csv') }])).rejects.toThrow(/no file at/);
  });
});

describe('a crash during an import leaves the plan exactly as it was', () => {
  it('SIGKILL inside the commit transaction: the working plan has no trace of the import', async () => {
    const planFile = path.join(tmp.dir, 'plan.ccplan');
    context.plans.saveAs(planFile);
    const childDataDir = path.join(tmp.dir, 'child-data');
    const child = fileURLToPath(new URL('../fixtures/import-child.ts', import.meta.url));
    const output = await new Promise<{ stdout: string; signal: string | null }>((resolve) => {
      const proc = spawn(process.execPath, [
        '--import',
        'tsx',
        child,
        childDataDir,
        planFile,
        fixture('dfe-cla-number-rate-2025.csv'),
      ]);
      let stdout = '';
      proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      proc.on('exit', (_code, signal) => resolve({ stdout, signal }));
    });
    expect(output.stdout).toContain('rows written, transaction open');
    expect(output.signal).toBe('SIGKILL');

    const working = fs.readdirSync(path.join(childDataDir, 'working')).find((f) => f.endsWith('.sqlite'));
    expect(working).toBeDefined();
    const db = new Database(path.join(childDataDir, 'working', working ?? ''));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const expected = context.plans.read((d) => d.prepare('SELECT COUNT(*) AS n FROM observation').get());
      expect(db.prepare('SELECT COUNT(*) AS n FROM observation').get()).toEqual(expected);
      expect(db.prepare('SELECT COUNT(*) AS n FROM import_log').get()).toEqual({ n: 0 });
      expect(
        db
          .prepare(
            "SELECT value FROM observation WHERE area_code = 'E08000003' AND measure = 'childrenLookedAfter' AND period = '2025'",
          )
          .get(),
      ).toEqual({ value: 1280 });
    } finally {
      db.close();
    }
  });
});

describe('progress and cancel for large imports', () => {
  function bigEpisodes(rows: number): string {
    const lines = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
    for (let i = 0; i < rows; i++)
      lines.push(`${100000 + i},01/04/2019,S,C2,N1,U1,PR1,01/10/2019,E3,,M1 1AA,M2 2BB,SC123456`);
    return `${lines.join('\n')}\n`;
  }

  it('reports progress while reading off the main thread, and a cancel stops it and changes nothing', async () => {
    const file = path.join(tmp.dir, 'episodes-2020.csv');
    fs.writeFileSync(file, bigEpisodes(400_000));
    const before = count('observation');
    expect(await context.handlers.getImportProgress({})).toMatchObject({ running: false });
    const pending = context.imports.preview([{ path: file }]).then(
      () => 'finished',
      (error: unknown) => (error as { code?: string }).code ?? 'failed',
    );
    // The host's event loop stays free while the worker reads: progress can be asked for meanwhile.
    let progress = await context.handlers.getImportProgress({});
    for (let i = 0; i < 50 && progress.stage !== 'parsing'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      progress = await context.handlers.getImportProgress({});
    }
    expect(progress).toMatchObject({ running: true, files: 1, current: 0, fileName: 'episodes-2020.csv' });
    expect(await context.handlers.cancelImport({})).toEqual({ cancelled: true });
    expect(await pending).toBe('CANCELLED');
    expect(await context.handlers.getImportProgress({})).toMatchObject({ running: false });
    expect(await context.handlers.cancelImport({})).toEqual({ cancelled: false });
    expect(count('observation')).toBe(before);
    // A new import runs normally afterwards.
    const again = await context.imports.preview([{ path: fixture('dfe-cla-number-rate-2025.csv') }]);
    expect(again.canCommit).toBe(true);
  }, 60_000);
});
