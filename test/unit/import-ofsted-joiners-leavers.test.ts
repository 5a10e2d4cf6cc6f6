/**
 * Ofsted joiners-and-leavers tables: our own fixtures in the published layouts of 2017 (BOM, "Flag
 * for appealed", "@startdate" placeholders), 2020 ("Registration date", "Cancelled or resigned
 * date") and 2023 (three title rows, "Ofsted Region", short-break flag, "Reason"), bad input, and
 * conformance on the real files in ../shared/data/ofsted when they are present.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '#shared/import/index.js';
import type { ImportResult } from '#shared/import/index.js';
import { parseDate } from '#shared/import/ofstedJoinersLeavers.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { SupplyMovement } from '#shared/model/supply.js';
import { fixtureBytes } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';

const ENGLAND = 'E92000001';
const NW = 'E12000002';
const parse = (name: string, period?: string): ImportResult =>
  parseImportFile(name, fixtureBytes(name), testLookup, { source: 'jl', ...(period ? { period } : {}) });

const move = (
  area: string,
  period: string,
  sector: SupplyMovement['sector'],
  [homesOpened, placesOpened, homesClosed, placesClosed]: [number, number, number, number],
): SupplyMovement => ({ area, period, sector, homesOpened, placesOpened, homesClosed, placesClosed, source: 'jl' });

const errors = (r: ImportResult) => r.issues.filter((i) => i.severity === 'error');

describe('Ofsted joiners and leavers, 2017 layout', () => {
  const r = parse('ofsted-joiners-leavers-2017.csv');

  it('is told from the provider list by its joiner and leaver columns', () => {
    expect(r.kind).toBe('ofsted-joiners-leavers');
    expect(r.reason).toMatch(/row 1/);
    expect(errors(r)).toEqual([]);
  });

  it('takes the year from the joiners’ registration dates when the headers only say @startdate', () => {
    expect(r.summary.periods).toEqual(['2017']);
  });

  it("counts children's homes only (either capitalisation), by authority, region, England and sector", () => {
    const byArea = (area: string) => (r.supplyMovements ?? []).filter((m) => m.area === area);
    expect(byArea('E08000001')).toEqual([move('E08000001', '2017', 'Private', [2, 9, 0, 0])]);
    expect(byArea('E08000002')).toEqual([move('E08000002', '2017', 'Local Authority', [0, 0, 1, 3])]);
    // Joined and left in the same year: one opening and one closure.
    expect(byArea('E08000003')).toEqual([move('E08000003', '2017', 'Voluntary', [1, 2, 1, 2])]);
    // Bournemouth lies wholly in Bournemouth, Christchurch and Poole.
    expect(byArea('E06000058')).toEqual([move('E06000058', '2017', 'Private', [1, 3, 0, 0])]);
    // Northamptonshire and Cumbria were split: their homes count in the region and England only.
    expect(byArea('E06000061')).toEqual([]);
    expect(byArea('E10000021')).toEqual([]);
    expect(byArea('E12000004')).toEqual([move('E12000004', '2017', 'Private', [1, 6, 0, 0])]);
    expect(byArea(NW)).toEqual([
      move(NW, '2017', 'Local Authority', [0, 0, 1, 3]),
      move(NW, '2017', 'Private', [2, 9, 1, 4]),
      move(NW, '2017', 'Voluntary', [1, 2, 1, 2]),
    ]);
    const england = byArea(ENGLAND);
    expect(england.reduce((n, m) => n + m.homesOpened, 0)).toBe(5);
    expect(england.reduce((n, m) => n + m.homesClosed, 0)).toBe(3);
  });

  it('says what it left out and why', () => {
    const what = r.summary.unmodelled.map((u) => u.what);
    expect(what).toContain("provision type 'Residential special school (registered as a children's home)'");
    expect(what).toContain("provision type 'Secure children's home'");
    expect(what).toContain("provision type 'Boarding School'");
    const warnings = r.issues.filter((i) => i.severity === 'warning').map((i) => [i.row, i.column, i.message]);
    expect(warnings).toContainEqual([
      9,
      'Local authority',
      "Row 9: 'Bournemouth' is now part of Bournemouth, Christchurch and Poole (E06000058); its homes are counted there.",
    ]);
    expect(warnings.some(([row, , m]) => row === 10 && /Northamptonshire was abolished/.test(String(m)))).toBe(true);
    expect(warnings.some(([, col]) => col === "Short-break-only children's home")).toBe(true);
  });
});

describe('Ofsted joiners and leavers, 2020 and 2023 layouts', () => {
  it('2020: reads "Registration date" and the year from "Registration status at 31 March 2020"', () => {
    const r = parse('ofsted-joiners-leavers-2020.csv');
    expect(r.kind).toBe('ofsted-joiners-leavers');
    expect(errors(r)).toEqual([]);
    expect(r.summary.periods).toEqual(['2020']);
    expect((r.supplyMovements ?? []).filter((m) => m.area === 'E08000001')).toEqual([
      move('E08000001', '2020', 'Private', [1, 3, 1, 2]),
    ]);
    expect((r.supplyMovements ?? []).filter((m) => m.area === 'E08000002')).toEqual([
      move('E08000002', '2020', 'Local Authority', [1, 4, 0, 0]),
    ]);
  });

  it('2023: finds the header under three title rows and the year in the title; short-break homes are counted', () => {
    const r = parse('ofsted-joiners-leavers-2023.csv');
    expect(r.kind).toBe('ofsted-joiners-leavers');
    expect(r.reason).toMatch(/row 4/);
    expect(errors(r)).toEqual([]);
    expect(r.summary.periods).toEqual(['2023']);
    const m = r.supplyMovements ?? [];
    expect(m.filter((x) => x.area === 'E08000003')).toEqual([move('E08000003', '2023', 'Private', [2, 10, 0, 0])]);
    expect(m.filter((x) => x.area === 'E08000001')).toEqual([
      move('E08000001', '2023', 'Local Authority', [0, 0, 1, 5]),
    ]);
    // Cumbria's joiner counts in the North West and England, not in a successor.
    expect(m.filter((x) => x.area === NW && x.sector === 'Private')).toEqual([
      move(NW, '2023', 'Private', [3, 13, 0, 0]),
    ]);
    expect(r.summary.unmodelled).toEqual([{ what: "provision type 'Residential Family Centre'", rows: 1 }]);
  });

  it('a year given by the caller wins, a snapshot date is read as the year ending 31 March that holds it', () => {
    expect(parse('ofsted-joiners-leavers-2020.csv', '2021').summary.periods).toEqual(['2021']);
    expect(parse('ofsted-joiners-leavers-2020.csv', '2020-03-31').summary.periods).toEqual(['2020']);
  });

  it('reads dates as dd/mm/yyyy, ISO or spreadsheet serial numbers, and refuses impossible ones', () => {
    expect(parseDate('14/06/2016')).toEqual([2016, 6, 14]);
    expect(parseDate('2016-06-14')).toEqual([2016, 6, 14]);
    expect(parseDate('42535')).toEqual([2016, 6, 14]);
    expect(parseDate('31/02/2016')).toBeNull();
    expect(parseDate('soon')).toBeNull();
  });
});

describe('Ofsted joiners and leavers: bad input', () => {
  const r = parse('ofsted-joiners-leavers-errors.csv');

  it('names file, row and column for every problem, and blocks the import', () => {
    expect(
      errors(r)
        .map((i) => [i.file, i.row, i.column, i.message])
        .sort((a, b) => Number(a[1]) - Number(b[1])),
    ).toEqual([
      [
        'ofsted-joiners-leavers-errors.csv',
        2,
        'Local authority',
        "Row 2: 'Atlantis' is not an English local authority in the reference list (nor a predecessor of one).",
      ],
      [
        'ofsted-joiners-leavers-errors.csv',
        3,
        'Places',
        "Row 3: children's home SC500002 has 'four' places, which is not a whole number of places.",
      ],
      [
        'ofsted-joiners-leavers-errors.csv',
        4,
        'Joiner status',
        "Row 4: 'Maybe' is not a joiner status (expected 'Joiner' or blank) for children's home SC500003.",
      ],
      ['ofsted-joiners-leavers-errors.csv', 6, 'URN', "Row 6: URN 'SC500004' appears twice; row 5 already gave it."],
      ['ofsted-joiners-leavers-errors.csv', 7, 'Places', "Row 7: children's home SC500005 has no number of places."],
    ]);
  });

  it('refuses a file missing a column it needs, naming the column', () => {
    const text =
      "URN,Provision type,Local authority,Sector,Joiner status,Leaver status\nSC1,Children's home,Bolton,Private,Joiner,\n";
    const out = parseImportFile('no-places.csv', new TextEncoder().encode(text), testLookup);
    expect(out.kind).toBe('ofsted-joiners-leavers');
    expect(errors(out).map((i) => [i.column, i.message])).toContainEqual([
      'Places',
      "Column 'Places' is missing (also accepted: 'Registered places', 'Number of places'): openings and closures are counted in places.",
    ]);
    expect(out.supplyMovements ?? []).toEqual([]);
  });
});

const here = path.dirname(fileURLToPath(import.meta.url));
const ofstedDir = path.resolve(here, '../../../shared/data/ofsted');
const referenceFile = path.resolve(here, '../../resources/reference/english-authorities.json');
const hasOfsted = fs.existsSync(path.join(ofstedDir, 'joiners_leavers_2017.csv'));

describe.skipIf(!hasOfsted)(
  hasOfsted
    ? 'conformance: the published joiners-and-leavers tables in ../shared/data/ofsted'
    : 'skipped: ../shared/data/ofsted is absent (the published joiners-and-leavers files are not present)',
  () => {
    const lookup = createAuthorityLookup(JSON.parse(fs.readFileSync(referenceFile, 'utf8')));
    const read = (year: number): ImportResult => {
      const name = `joiners_leavers_${year}.csv`;
      return parseImportFile(name, new Uint8Array(fs.readFileSync(path.join(ofstedDir, name))), lookup, {
        source: `jl-${year}`,
      });
    };
    const england = (r: ImportResult, key: 'homesOpened' | 'homesClosed') =>
      (r.supplyMovements ?? []).filter((m) => m.area === ENGLAND).reduce((n, m) => n + m[key], 0);

    it('reads every year 2017 to 2023 without an error, each as its own year', () => {
      for (let year = 2017; year <= 2023; year++) {
        const r = read(year);
        expect(r.kind, String(year)).toBe('ofsted-joiners-leavers');
        expect(errors(r), String(year)).toEqual([]);
        expect(r.summary.periods, String(year)).toEqual([String(year)]);
        expect(england(r, 'homesOpened'), String(year)).toBeGreaterThan(150);
      }
    });

    it("matches Ofsted's headline counts: 224 joiners and 146 leavers in 2016-17, 370 and 119 in 2022-23", () => {
      const y2017 = read(2017);
      expect([england(y2017, 'homesOpened'), england(y2017, 'homesClosed')]).toEqual([224, 146]);
      // The 2023 file is Windows-1252; it is read as such, with a warning.
      const y2023 = read(2023);
      expect(y2023.encoding).toBe('windows-1252');
      expect([england(y2023, 'homesOpened'), england(y2023, 'homesClosed')]).toEqual([370, 119]);
    });
  },
);
