import { describe, it, expect } from 'vitest';
import { parseImportFile } from '#shared/import/index.js';
import type { ImportResult } from '#shared/import/index.js';
import { fixtureBytes } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';

function parse(name: string): ImportResult {
  return parseImportFile(name, fixtureBytes(name), testLookup, { source: 'ons' });
}

function parseText(text: string, name = 'snpp.csv'): ImportResult {
  return parseImportFile(name, new TextEncoder().encode(text), testLookup, { source: 'ons' });
}

const issueList = (r: ImportResult): [string, number | null, string | null, string][] =>
  r.issues.map((i) => [i.severity, i.row, i.column, i.message]);

describe('ONS mid-year estimates in DfE layout', () => {
  it('reads population0to17 at every level, carrying same-area codes and leaving out predecessors', () => {
    const r = parse('ons-mye-dfe-layout.csv');
    expect(r.kind).toBe('ons-mye');
    expect(r.observations).toEqual([
      {
        area: 'E92000001',
        measure: 'population0to17',
        period: '2024',
        value: 12183016,
        suppression: null,
        source: 'ons',
      },
      {
        area: 'E12000002',
        measure: 'population0to17',
        period: '2024',
        value: 1627558,
        suppression: null,
        source: 'ons',
      },
      { area: 'E08000001', measure: 'population0to17', period: '2024', value: 69500, suppression: null, source: 'ons' },
      // North Yorkshire County Council (E10000023) → North Yorkshire Council, same boundary, DfE 815 unchanged.
      {
        area: 'E06000065',
        measure: 'population0to17',
        period: '2020',
        value: 116000,
        suppression: null,
        source: 'ons',
      },
      { area: 'E06000063', measure: 'population0to17', period: '2022', value: null, suppression: 'x', source: 'ons' },
    ]);
    expect(issueList(r)).toEqual([
      [
        'warning',
        5,
        'new_la_code',
        "Row 5: 'E10000023' is a former code of North Yorkshire; its rows are counted under the current code E06000065.",
      ],
      [
        'warning',
        6,
        'new_la_code',
        "Row 6: 'E06000028' is Bournemouth (E06000028, DfE 837), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
      ],
      [
        'warning',
        7,
        'new_la_code',
        "Row 7: 'E10000009' is Dorset (E10000009, DfE 835), abolished on 1 April 2019; its area is now divided between Dorset (E06000059) and Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
      ],
    ]);
    expect(r.summary.unmodelled).toEqual([
      { what: 'Bournemouth E06000028 (abolished 2019-04-01), left out', rows: 1 },
      { what: 'Dorset E10000009 (abolished 2019-04-01), left out', rows: 1 },
    ]);
  });
});

describe('ONS sub-national population projections', () => {
  it('sums ages 0 to 17 of persons per upper-tier LA, skipping regions, counties, districts and England', () => {
    const r = parse('ons-snpp-2022-persons.csv');
    expect(r.kind).toBe('ons-snpp');
    expect(r.projections).toEqual([
      { area: 'E08000001', year: 2022, population0to17: 69930, source: 'ons' },
      { area: 'E08000001', year: 2023, population0to17: 69968.25, source: 'ons' },
      { area: 'E08000001', year: 2024, population0to17: 70006.5, source: 'ons' },
      { area: 'E08000001', year: 2025, population0to17: 70044.75, source: 'ons' },
      { area: 'E08000038', year: 2022, population0to17: 52974, source: 'ons' },
      { area: 'E08000038', year: 2023, population0to17: 52993.8, source: 'ons' },
      { area: 'E08000038', year: 2024, population0to17: 53013.6, source: 'ons' },
      { area: 'E08000038', year: 2025, population0to17: 53033.4, source: 'ons' },
    ]);
    expect(issueList(r)).toEqual([
      [
        'warning',
        112,
        'AREA_CODE',
        "Row 112: 'E10000006' is Cumbria (E10000006, DfE 909), abolished on 1 April 2023; its area is now divided between Cumberland (E06000063) and Westmorland and Furness (E06000064). Its rows are left out, as they do not cover any current authority's area.",
      ],
      [
        'warning',
        156,
        'AREA_CODE',
        "Row 156: 'E06000028' is Bournemouth (E06000028, DfE 837), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
      ],
      [
        'warning',
        178,
        'AREA_CODE',
        "Row 178: 'E06000029' is Poole (E06000029, DfE 836), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
      ],
      [
        'warning',
        90,
        'AREA_CODE',
        "Row 90: 'E08000016' is a former code of Barnsley; its rows are counted under the current code E08000038.",
      ],
    ]);
    expect(r.summary).toEqual({
      rows: 198,
      areas: 2,
      periods: ['2022', '2023', '2024', '2025'],
      measures: [],
      unmodelled: [
        { what: 'Bournemouth E06000028 (abolished 2019-04-01), left out', rows: 18 },
        { what: 'Cumbria E10000006 (abolished 2023-04-01), left out', rows: 18 },
        { what: 'Poole E06000029 (abolished 2019-04-01), left out', rows: 18 },
        { what: 'ages 18 and over, and All ages', rows: 20 },
        { what: 'areas coded E07 (not upper-tier local authorities)', rows: 22 },
        { what: 'areas coded E11 (not upper-tier local authorities)', rows: 22 },
        { what: 'areas coded E12 (not upper-tier local authorities)', rows: 22 },
        { what: 'areas coded E92 (not upper-tier local authorities)', rows: 22 },
      ],
    });
  });

  it('adds males and females, keeps only the Population component and leaves out an LA with one sex', () => {
    const r = parse('ons-snpp-2018-sexes.csv');
    expect(r.projections).toEqual([
      { area: 'E08000002', year: 2030, population0to17: 35406, source: 'ons' },
      { area: 'E08000002', year: 2031, population0to17: 35419.5, source: 'ons' },
    ]);
    expect(issueList(r)).toEqual([
      [
        'warning',
        68,
        'AGE_GROUP',
        'Row 68: Manchester (E08000003) has no usable females rows, so its 0 to 17 total is not known and it is left out.',
      ],
    ]);
    expect(r.summary.unmodelled).toContainEqual({ what: "COMPONENT 'Births'", rows: 22 });
  });

  it('uses persons rows when a file also has males and females', () => {
    const ages = Array.from({ length: 18 }, (_, a) => a);
    const lines = ['AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP,2030'];
    for (const sex of ['persons', 'males', 'females']) {
      for (const a of ages) lines.push(`E08000001,Bolton,Population,${sex},${a},${sex === 'persons' ? 10 : 5}.5`);
    }
    const r = parseText(lines.join('\n'));
    expect(r.issues).toEqual([]);
    expect(r.projections).toEqual([{ area: 'E08000001', year: 2030, population0to17: 189, source: 'ons' }]);
    expect(r.summary.unmodelled).toEqual([{ what: 'males and females (persons rows used instead)', rows: 36 }]);
  });

  it('finds the header below title rows and reports bad years, values and duplicate ages', () => {
    const ages = Array.from({ length: 18 }, (_, a) => a);
    const lines = [
      'Table 2: 2022-based subnational population projections,,,,,,',
      ',,,,,,',
      'AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP,1999,2030,2031',
      ...ages.map((a) => `E08000001,Bolton,Population,persons,${a},1,100,101`),
      'E08000001,Bolton,Population,persons,3,1,100,101',
      'E08000002,Bury,Population,persons,0,1,-4,101',
      'E08000002,Bury,Population,persons,1,1,n/a,',
      'E08000002,Bury,Population,persons,twelve,1,1,1',
      'E08999999,Nowhere,Population,persons,0,1,1,1',
    ];
    const r = parseText(lines.join('\r\n'));
    expect(r.kind).toBe('ons-snpp');
    expect(issueList(r)).toEqual([
      ['error', 3, '1999', "Row 3: column '1999' is not a projection year between 2000 and 2100."],
      [
        'error',
        22,
        'AGE_GROUP',
        'Row 22: a second row for Bolton (E08000001), persons, age 3; row 7 already gave one.',
      ],
      ['error', 23, '2030', "Row 23: '-4' in column '2030' is negative; a population cannot be."],
      ['error', 24, '2030', "Row 24: 'n/a' in column '2030' is not a number."],
      ['error', 24, '2031', "Row 24: no value in column '2031'."],
      ['error', 25, 'AGE_GROUP', "Row 25: AGE_GROUP 'twelve' is not an age."],
      [
        'warning',
        23,
        'AGE_GROUP',
        'Row 23: Bury (E08000002) has no usable persons rows, so its 0 to 17 total is not known and it is left out.',
      ],
      ['error', 26, 'AREA_CODE', "Row 26: 'E08999999' is not an English local authority in the reference list."],
    ]);
    expect(r.projections).toEqual([
      { area: 'E08000001', year: 2030, population0to17: 1800, source: 'ons' },
      { area: 'E08000001', year: 2031, population0to17: 1818, source: 'ons' },
    ]);
  });

  it('reports a file with no year columns', () => {
    const r = parseText('AREA_CODE,AREA_NAME,COMPONENT,SEX,AGE_GROUP\nE08000001,Bolton,Population,persons,0\n');
    expect(issueList(r)).toEqual([
      ['error', null, null, "No projection year columns (such as '2022', '2023', …) after AGE_GROUP."],
    ]);
  });
});
