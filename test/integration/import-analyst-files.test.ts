/**
 * Issue 17, through the import service with a real plan (the built-in Greater Manchester one): the
 * layered ONS TopoJSON draws the members, tables the planner does not use change nothing and are not
 * logged, an undated Ofsted list imports with a date given in the preview, and a newer DfE year
 * keeps the consortium rate. Conformance against the real files in ../shared/data where they exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { changesSomething } from '#shared/api/contract.js';
import { makeTempDir } from '../helpers/tmp.js';
import { ctyua2018GeoJson, ukTopoJson, upperTierHexJson } from '../fixtures/import/boundaryFiles.js';

const fixtures = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);
const sharedData = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data');
const GM = Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`);

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-analyst-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

function write(name: string, text: string): string {
  const file = path.join(tmp.dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const logCount = () => context.imports.log().length;

describe('boundary files with several layers', () => {
  it('reads the upper-tier layer holding the members, lists every layer, and the map draws all ten', async () => {
    const file = write('uk-topo.json', ukTopoJson().text);
    const preview = await context.imports.preview([{ path: file }]);
    const f = preview.files[0]!;
    expect(preview.canCommit).toBe(true);
    expect(f.layer).toBe('utla');
    expect(f.layers?.map((l) => [l.name, l.members])).toEqual([
      ['ctry', 0],
      ['rgn', 0],
      ['cty', 0],
      ['utla', 10],
      ['ltla', 10],
    ]);
    expect(f.notTaken[0]).toBe('10 of the 10 member authorities are in this file.');
    expect(f.added).toBeGreaterThanOrEqual(10);
    const { logged } = context.imports.commit(preview.previewId);
    expect(logged).toHaveLength(1);
    const map = context.plans.mapData();
    expect(map.boundaries?.features.map((b) => b.code).sort()).toEqual(GM);
  });

  it('refuses the county layer (no member) with the list of layers, and changes nothing', async () => {
    const file = write('uk-topo.json', ukTopoJson().text);
    const preview = await context.imports.preview([{ path: file, layer: 'cty' }]);
    const f = preview.files[0]!;
    expect(preview.canCommit).toBe(false);
    expect(f.layer).toBe('cty');
    expect(f.issues[0]?.message).toMatch(
      /^Layer “cty” holds none of the plan's 10 member authorities, so nothing would be drawn\. Layers: .*utla \(\d+ features, \d+ English upper-tier authorities, 10 of the members\)/,
    );
    expect(() => context.imports.commit(preview.previewId)).toThrow(/has errors/);
    expect(context.plans.mapData().boundaries).toBeNull();
  });

  it('refuses a boundary file holding none of the members, naming abolished areas left out with counts', async () => {
    const file = write('ctyua18.geojson', ctyua2018GeoJson());
    const preview = await context.imports.preview([{ path: file }]);
    const f = preview.files[0]!;
    expect(preview.canCommit).toBe(false);
    const messages = f.issues.map((i) => i.message);
    expect(messages.some((m) => /none of the plan's 10 member authorities/.test(m))).toBe(true);
    expect(messages.filter((m) => /feature of an abolished area left out/.test(m))).toHaveLength(4);
  });

  it('says the imported hex layout is drawn, and a layout missing members is a warning that says what the map does', async () => {
    const full = await context.imports.preview([{ path: write('gm.hexjson', upperTierHexJson(GM)) }]);
    expect(full.canCommit).toBe(true);
    context.imports.commit(full.previewId);
    expect(context.plans.mapData().hexLayout).toHaveLength(10);
    expect(context.plans.mapData().hexLayoutSourceId).toMatch(/^import-/);

    const part = await context.imports.preview([{ path: write('part.hexjson', upperTierHexJson(GM.slice(0, 8))) }]);
    const f = part.files[0]!;
    expect(f.warningCount).toBeGreaterThan(0);
    expect(f.issues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(/^8 of the 10 members are in this file; 2 are not \(Trafford, Wigan\)\./),
    );
  });
});

describe('tables the planner does not use', () => {
  it.each([
    ['dfe-placement-stability-2024.csv', 'DfE placement stability table: not used by the planner'],
    ['dfe-new-placements-2024.csv', 'DfE table of new placements during the year: not used by the planner'],
  ])('names %s, changes nothing and logs nothing', async (name, label) => {
    const before = logCount();
    const preview = await context.imports.preview([{ path: fixture(name) }]);
    const f = preview.files[0]!;
    expect(f.kindLabel).toBe(label);
    expect(f.errorCount).toBe(0);
    expect(changesSomething(f)).toBe(false);
    expect(context.imports.commit(preview.previewId).logged).toEqual([]);
    expect(logCount()).toBe(before);
    expect(context.plans.state()).toMatchObject({ dirty: false });
  });
});

describe('Ofsted snapshot date', () => {
  it('refuses an undated list, then imports it with the date given in the preview', async () => {
    const file = fixture('ofsted-providers-undated-predecessors.csv');
    const without = await context.imports.preview([{ path: file }]);
    expect(without.canCommit).toBe(false);
    expect(without.files[0]?.asOf).toEqual({ date: null, from: null });

    const dated = await context.imports.preview([{ path: file, asOf: '2018-03-31' }]);
    expect(dated.canCommit).toBe(true);
    expect(dated.files[0]?.asOf).toEqual({ date: '2018-03-31', from: 'user' });
    expect(dated.files[0]?.notTaken).toContainEqual(
      '2 rows of homes in Bournemouth E06000028 (abolished 2019-04-01), left out',
    );
  });

  it('reads the date from the file when it gives one', async () => {
    const preview = await context.imports.preview([{ path: fixture('ofsted-providers-2023.csv') }]);
    expect(preview.files[0]?.asOf).toEqual({ date: '2023-03-31', from: 'file' });
  });
});

describe('a newer DfE year', () => {
  it('keeps the consortium rate, computed on the file’s own denominators where the plan has no population', async () => {
    const preview = await context.imports.preview([{ path: fixture('dfe-cla-number-rate-2025-gm.csv') }]);
    expect(preview.canCommit).toBe(true);
    context.imports.commit(preview.previewId);
    const summary = context.plans.summary();
    const rate = summary.consortium.headline.find((h) => h.measure === 'childrenLookedAfterRatePer10k');
    expect(rate?.period).toBe('2025');
    // 6,263 children over 664,500 children aged 0 to 17 in the file: 94.3 per 10,000.
    expect(rate?.value).toBe(94.3);
    const england = summary.comparators.find((c) => c.level === 'National');
    expect(england?.headline.find((h) => h.measure === 'childrenLookedAfterRatePer10k')).toMatchObject({
      period: '2025',
      value: 69,
    });
  });

  it('never replaces a population the plan holds with the file’s denominator', async () => {
    const before = context.plans.summary().authorities[0]!.history.population0to17 ?? [];
    const preview = await context.imports.preview([{ path: fixture('dfe-cla-number-rate-2025-gm.csv') }]);
    context.imports.commit(preview.previewId);
    const after = context.plans.summary().authorities[0]!.history.population0to17 ?? [];
    for (const p of before) expect(after.find((a) => a.period === p.period)).toEqual(p);
  });
});

describe('conformance with the real files in ../shared/data', () => {
  const has = (rel: string) => fs.existsSync(path.join(sharedData, rel));

  it.skipIf(!has('boundaries/gm_local_authority_2023_generalised.geojson'))(
    'the GM boundaries (skipped when ../shared/data is absent): one layer, 10 of 10 members, no error',
    async () => {
      const preview = await context.imports.preview([
        { path: path.join(sharedData, 'boundaries/gm_local_authority_2023_generalised.geojson') },
      ]);
      const f = preview.files[0]!;
      expect(preview.canCommit).toBe(true);
      expect(f.layers?.map((l) => [l.codeField, l.features, l.authorities, l.members])).toEqual([
        ['area_code', 10, 10, 10],
      ]);
    },
  );

  it.skipIf(!has('boundaries/uk-local-authority-districts-2023.hexjson'))(
    'the UK hex layout (skipped when ../shared/data is absent): every member placed',
    async () => {
      const preview = await context.imports.preview([
        { path: path.join(sharedData, 'boundaries/uk-local-authority-districts-2023.hexjson') },
      ]);
      expect(preview.canCommit).toBe(true);
      expect(preview.files[0]?.notTaken[0]).toBe('10 of the 10 member authorities are in this file.');
    },
  );

  it.skipIf(!has('dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv'))(
    'the DfE 2024 number-and-rate file carries denominators only where the plan has none (skipped when ../shared/data is absent)',
    async () => {
      const preview = await context.imports.preview([
        { path: path.join(sharedData, 'dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv') },
      ]);
      expect(preview.canCommit).toBe(true);
      expect(preview.files[0]?.measures).toContain(
        'population0to17 (the file’s own rate denominators, only for years the plan holds no population for)',
      );
    },
  );
});
