/**
 * The command line's read-only open of a plan file in place (electron/store/planReadOnly.ts): it is
 * used only when it is safe (a plan at this build's schema, no journal or write-ahead log beside it,
 * structure checked) and leaves the file byte for byte as it was; anything else gets null, so the
 * caller opens a working copy the usual way. What is read in place is what the working copy gives.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { writeBuiltInFlowFit } from '../../electron/flow-fit-build.js';
import { createAppContext } from '../../electron/services/appContext.js';
import { summariseDatabase } from '../../electron/services/planSummary.js';
import { migrate, openDatabase } from '../../electron/store/database.js';
import { UNTITLED_PLAN_NAME } from '../../electron/store/planHeader.js';
import { openPlanReadOnly, planNameFromPath } from '../../electron/store/planReadOnly.js';
import { makeTempDir } from '../helpers/tmp.js';

const tmp = makeTempDir('planner-readonly-');
afterAll(() => tmp.cleanup());

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** A saved plan of the built-in data, its consortium renamed and one assumption changed. */
function savedPlan(name: string): string {
  const context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, `data-${name}`) });
  context.plans.newPlan();
  context.plans.renameConsortium('Read-only consortium');
  context.plans.setAssumption('targetOccupancy', 0.8);
  const file = path.join(tmp.dir, `${name}.ccplan`);
  context.plans.saveAs(file);
  context.plans.dispose();
  return file;
}

describe('opening a plan file read-only in place', () => {
  it('reads the summary the working copy gives, leaving the file byte for byte as it was', () => {
    const file = savedPlan('current');
    const before = fs.readFileSync(file);
    const db = openPlanReadOnly(file);
    expect(db).not.toBeNull();
    const inPlace = summariseDatabase(db!, planNameFromPath(file));
    // the connection cannot write
    expect(() => db!.prepare("UPDATE plan_meta SET value = 'x' WHERE key = 'consortium_name'").run()).toThrow(
      /readonly/i,
    );
    db!.close();

    const context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data-check') });
    context.plans.openPlan(file, { lock: 'none' });
    expect(inPlace).toEqual(context.plans.summary());
    expect(inPlace.consortium.name).toBe('Read-only consortium');
    context.plans.dispose();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('current.ccplan'))).toEqual(['current.ccplan']);
  });

  it('leaves an older plan (it needs migrating) to the usual open, which the CLI then uses', async () => {
    const older = path.join(tmp.dir, 'older.ccplan');
    const db = openDatabase(older);
    migrate(db, 1);
    db.prepare(
      "INSERT INTO area (code, name, level, is_member) VALUES ('E08000001', 'Bolton', 'Local authority', 1)",
    ).run();
    db.prepare("INSERT INTO plan_meta (key, value) VALUES ('consortium_name', 'Old consortium')").run();
    db.close();
    const before = fs.readFileSync(older);
    expect(openPlanReadOnly(older)).toBeNull();
    const { code, stdout } = await run(['summary', '--plan', older, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ consortium: { name: 'Old consortium', memberCount: 1 } });
    expect(fs.readFileSync(older).equals(before)).toBe(true);
  });

  it('leaves a plan with a journal beside it to the usual open', () => {
    const file = savedPlan('journal');
    fs.writeFileSync(`${file}-journal`, '');
    expect(openPlanReadOnly(file)).toBeNull();
    fs.rmSync(`${file}-journal`);
    const db = openPlanReadOnly(file);
    expect(db).not.toBeNull();
    db!.close();
  });

  it('refuses what is not a plan as the usual open does', async () => {
    const notPlan = path.join(tmp.dir, 'notes.ccplan');
    fs.writeFileSync(notPlan, 'not a database at all, just some text that is long enough '.repeat(4));
    expect(() => openPlanReadOnly(notPlan)).toThrow(/not a Sufficiency Planner plan/);
    expect(() => openPlanReadOnly(path.join(tmp.dir, 'missing.ccplan'))).toThrow(/There is no file/);
    const { code, stderr } = await run(['summary', '--plan', notPlan]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/not a Sufficiency Planner plan/);
  });

  it('leaves a damaged plan to the usual open, which says it is damaged', async () => {
    const file = savedPlan('damaged');
    const bytes = fs.readFileSync(file);
    // keep the header (a plan at this schema), overwrite the pages after the first with noise
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 91) % 256;
    fs.writeFileSync(file, bytes);
    expect(openPlanReadOnly(file)).toBeNull();
    const { code, stderr } = await run(['summary', '--plan', file]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/damaged/);
  });

  it('the new plan the build saves gives the summary of a new plan made now (planner summary reads it)', async () => {
    const fit = path.join(tmp.dir, 'fit.json');
    const saved = path.join(tmp.dir, 'builtin-new-plan.ccplan');
    expect(writeBuiltInFlowFit(fit, saved)).toBe(true);
    const db = openPlanReadOnly(saved);
    expect(db).not.toBeNull();
    const fromBuild = summariseDatabase(db!, UNTITLED_PLAN_NAME);
    db!.close();
    // run from source, the command line has no saved plan beside it: it makes the new plan
    const { code, stdout } = await run(['summary', '--json']);
    expect(code).toBe(0);
    const made = JSON.parse(stdout);
    expect(made.authorities.length).toBeGreaterThan(0);
    const { summaryJson } = await import('../../electron/cli/format/summary.js');
    expect(JSON.parse(JSON.stringify(summaryJson(fromBuild, null)))).toEqual(made);
  });
});
