/**
 * Supply moves in a real plan: a new plan holds the built-in openings and closures, the projection's
 * places rise from the Ofsted snapshot with the assumption stated; a user can import a joiners-and-
 * leavers file; and a newer provider-list snapshot replaces the old one for every member at once (a
 * member with no homes in it has 0 places, never its old figure).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { projectionInputs, runProjection } from '../../electron/services/projectionService.js';
import { makeTempDir } from '../helpers/tmp.js';

let tmp: { dir: string; cleanup: () => void };
let context: AppContext;

beforeEach(() => {
  tmp = makeTempDir('planner-supply-');
  context = createAppContext({ mode: 'browser', dataDir: `${tmp.dir}/data` });
  context.plans.newPlan();
});

afterEach(() => {
  context.plans.dispose();
  tmp.cleanup();
});

const BOLTON = 'E08000001';
const BURY = 'E08000002';

async function importCsv(name: string, csv: string) {
  const preview = await context.imports.preview([{ name, contentBase64: Buffer.from(csv).toString('base64') }]);
  expect(preview.files[0]?.errorCount, JSON.stringify(preview.files[0]?.issues)).toBe(0);
  context.imports.commit(preview.previewId);
  return preview.files[0];
}

/** A provider-level list at 31 March 2024 in Ofsted's layout (title rows, header on row 4): homes in Bolton only. */
const providers2024 = [
  "Children's social care data in England 2024 - Provider level as at 31 March 2024,,,,,,,",
  'This worksheet contains one table.,,,,,,,',
  'Some cells in this table are empty.,,,,,,,',
  "URN,Provision type,Registration status,Local authority,Sector,Places,Short-break-only children's home,Overall experiences and progress of children and young people",
  "SC900001,Children's home,Active,Bolton,Private,4,,Good",
  "SC900002,Children's home,Active,Bolton,Local Authority,3,,Outstanding",
].join('\n');

describe('supply moves in a plan', () => {
  it('projects places from the snapshot by the built-in openings and closures, and says so', () => {
    const r = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const years = r.projection.consortium.years;
    const first = years[0]?.registeredPlaces ?? 0;
    const last = years.at(-1)?.registeredPlaces ?? 0;
    // Greater Manchester held 754 long-term places on 31 March 2023; 2017–2023 saw net growth.
    expect(first).toBeGreaterThan(754);
    expect(last).toBeGreaterThan(first);
    const sum = r.projection.areas.reduce((s, a) => s + (a.years.at(-1)?.registeredPlaces ?? 0), 0);
    expect(last).toBeCloseTo(sum, 6);
    const stated = r.projection.assumptions.find((a) => a.key === 'supplyNetChangePerYear');
    expect(stated?.label).toMatch(/2017–2023 average/);
    expect(stated?.source).toBe('ofsted-csc-joiners-leavers-2023');
    expect(stated?.rationale).toMatch(/regions -?\d+\.\d% to \d+\.\d%/);
    // Same answer twice (seeded, cached).
    expect(runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 })).toEqual(r);
  });

  it('takes the net change from the plan’s assumption register when it is set there', () => {
    const trend = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    context.plans.setAssumption('supplyNetChangePerYear', 0);
    const level = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const last = (r: typeof trend) => r.projection.consortium.years.at(-1)?.registeredPlaces ?? 0;
    expect(last(level)).toBeLessThan(last(trend));
    const stated = level.projection.assumptions.find((a) => a.key === 'supplyNetChangePerYear');
    expect(stated?.value).toBe(0);
    expect(stated?.rationale).toMatch(/^Set in the plan’s assumption register to 0\.0% a year/);
    expect(() => context.plans.setAssumption('supplyNetChangePerYear', 0.5)).toThrow(/from -0.2 to 0.3/);
  });

  it('a newer provider list replaces the old snapshot for every member: absent means 0, never the old figure', async () => {
    const before = projectionInputs(context.plans);
    const bury = before.areas.find((a) => a.code === BURY);
    expect(bury?.supply.period).toBe('2023-03-31');
    expect(bury?.supply.registeredPlaces).toBeGreaterThan(0);

    const file = await importCsv('providers-2024.csv', providers2024);
    expect(file?.kind).toBe('ofsted-providers');

    const after = projectionInputs(context.plans);
    for (const area of after.areas) expect(area.supply.period, area.name).toBe('2024-03-31');
    const bolton = after.areas.find((a) => a.code === BOLTON);
    expect(bolton?.supply).toMatchObject({ registeredPlaces: 7, laRunPlaces: 3, basis: 'supply rows' });
    const buryAfter = after.areas.find((a) => a.code === BURY);
    expect(buryAfter?.supply).toMatchObject({ registeredPlaces: 0, laRunPlaces: 0 });
    expect(after.warnings).toContain(
      'Bury has no children’s homes in the latest supply snapshot (2024-03-31), so 0 places are counted, not an earlier snapshot’s figure.',
    );
    // The supply projection starts from the new snapshot: Bolton from its 7 places in the year to 31 March 2024.
    const r = runProjection(context.plans, { method: 'rate', withBacktest: false, simulations: 0 });
    const boltonFirst = r.projection.areas.find((a) => a.code === BOLTON)?.years[0]?.registeredPlaces ?? 0;
    expect(boltonFirst).toBeGreaterThanOrEqual(0);
    expect(boltonFirst).toBeLessThan(60);
  });

  it('imports a joiners-and-leavers file as openings and closures, replacing that year', async () => {
    const csv = [
      'URN,Provision type,Ofsted Region,Government Office Region,Local authority,Parliamentary constituency,Sector,Places,Registration date,Resigned/closed date,Joiner status,Leaver status,Registration status,Name',
      "SC800001,Children's home,North West,North West,Bolton,Bolton West,Private,4,15/07/2022,,Joiner,,Active,REDACTED",
      "SC800002,Children's home,North West,North West,Bolton,Bolton West,Private,2,15/07/2012,01/02/2023,,Leaver,Resigned,REDACTED",
    ].join('\n');
    const file = await importCsv('joiners.csv', csv);
    expect(file?.kind).toBe('ofsted-joiners-leavers');
    expect(file?.periods).toEqual(['2023']);
    expect(file?.measures).toContain('children’s homes opened and closed');
    const held = context.plans.read((db) =>
      db.prepare("SELECT * FROM supply_movement WHERE area_code = ? AND period = '2023'").all(BOLTON),
    );
    expect(held).toEqual([
      expect.objectContaining({
        sector: 'Private',
        homes_opened: 1,
        places_opened: 4,
        homes_closed: 1,
        places_closed: 2,
      }),
    ]);
  });
});
