/**
 * `planner import` with --layer and --as-of, and an import that adds nothing: named, exit 1, no
 * "Imported." and no import-log entry (issue 17).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { makeTempDir } from '../helpers/tmp.js';
import { ukTopoJson } from '../fixtures/import/boundaryFiles.js';

const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const tmp = makeTempDir('planner-cli-import-');
afterAll(() => tmp.cleanup());

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe('planner import: choices and imports that add nothing', () => {
  it('imports an undated Ofsted list with --as-of, and refuses it without', async () => {
    const plan = path.join(tmp.dir, 'ofsted.plan');
    const file = path.join(fixtures, 'ofsted-providers-undated-predecessors.csv');
    const without = await run(['import', '--plan', plan, file]);
    expect(without.code).toBe(1);
    expect(without.stdout).toMatch(/--as-of YYYY-MM-DD/);
    expect(without.stdout).not.toMatch(/^Imported\.$/m);
    const dated = await run(['import', '--plan', plan, '--as-of', '2018-03-31', file]);
    expect(dated.code).toBe(0);
    expect(dated.stdout).toMatch(/'Bournemouth' is Bournemouth \(E06000028, DfE 837\), abolished on 1 April 2019/);
    expect(dated.stdout).toMatch(/^Imported\.$/m);
    expect((await run(['import', '--plan', plan, '--as-of', '31/03/2018', file])).stderr).toMatch(
      /--as-of needs a date written YYYY-MM-DD/,
    );
  });

  it('reads the layer given with --layer, refusing one without members and listing the layers', async () => {
    const plan = path.join(tmp.dir, 'layers.plan');
    const file = path.join(tmp.dir, 'uk.json');
    fs.writeFileSync(file, ukTopoJson().text);
    const county = await run(['import', '--plan', plan, '--layer', 'cty', file]);
    expect(county.code).toBe(1);
    expect(county.stdout).toMatch(/Layer “cty” holds none of the plan's 10 member authorities/);
    const chosen = await run(['import', '--plan', plan, '--layer', 'ltla', '--json', file]);
    expect(chosen.code).toBe(0);
    const report = JSON.parse(chosen.stdout) as { files: { layer: string; layers: { name: string }[] }[] };
    expect(report.files[0]?.layer).toBe('ltla');
    expect(report.files[0]?.layers.map((l) => l.name)).toEqual(['ctry', 'rgn', 'cty', 'utla', 'ltla']);
  });

  it('names a table the planner does not use, exits 1, says nothing was imported and logs nothing', async () => {
    const plan = path.join(tmp.dir, 'unused.plan');
    const r = await run(['import', '--plan', plan, '--json', path.join(fixtures, 'dfe-placement-stability-2024.csv')]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { imported: boolean; logged: unknown[]; files: { kindLabel: string }[] };
    expect(report).toMatchObject({ imported: false, logged: [] });
    expect(report.files[0]?.kindLabel).toBe('DfE placement stability table: not used by the planner');
    const text = await run(['import', '--plan', plan, path.join(fixtures, 'dfe-new-placements-2024.csv')]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^Nothing imported: no file adds or replaces a figure\. The plan was not changed\.$/m);
    expect(text.stdout).not.toMatch(/^Imported/m);
  });
});
