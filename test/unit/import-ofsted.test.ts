import { describe, it, expect } from 'vitest';
import { parseImportFile } from '#shared/import/index.js';
import type { ImportResult, RawTable } from '#shared/import/index.js';
import { findSnapshotDate } from '#shared/import/ofsted.js';
import { parseCsv } from '#shared/import/csv.js';
import { decodeText } from '#shared/import/text.js';
import type { ChildrensHome, SupplyRow } from '#shared/model/supply.js';
import { fixtureBytes } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';

const SOURCE = 'ofsted';
const P23 = '2023-03-31';

function parse(name: string, input?: Uint8Array | RawTable, period?: string): ImportResult {
  return parseImportFile(name, input ?? fixtureBytes(name), testLookup, {
    source: SOURCE,
    ...(period ? { period } : {}),
  });
}

function home(
  urn: string,
  area: string,
  sector: ChildrensHome['sector'],
  homeType: ChildrensHome['homeType'],
  judgement: ChildrensHome['judgement'],
  registeredPlaces: number,
  registrationStatus: ChildrensHome['registrationStatus'] = 'Active',
  period = P23,
): ChildrensHome {
  return { urn, area, period, sector, homeType, judgement, registeredPlaces, registrationStatus, source: SOURCE };
}

function supply(
  area: string,
  sector: SupplyRow['sector'],
  homeType: SupplyRow['homeType'],
  judgement: SupplyRow['judgement'],
  homes: number,
  registeredPlaces: number,
  period = P23,
): SupplyRow {
  return { area, period, sector, homeType, judgement, homes, registeredPlaces, source: SOURCE };
}

const issueList = (r: ImportResult): [string, number | null, string | null, string][] =>
  r.issues.map((i) => [i.severity, i.row, i.column, i.message]);

describe('Ofsted provider-level data, 2023 layout', () => {
  it('finds the header under the title rows and reads homes, supply and per-LA measures', () => {
    const r = parse('ofsted-providers-2023.csv');
    expect(r.kind).toBe('ofsted-providers');
    expect(r.homes).toEqual([
      home('SC100001', 'E08000001', 'Private', 'childrensHome', 'Good', 4),
      // "Children's Home" with a capital H is the same provision type.
      home('SC100002', 'E08000001', 'Local Authority', 'childrensHome', 'Outstanding', 3),
      home('SC100003', 'E08000001', 'Private', 'shortBreakOnly', 'Requires improvement to be good', 5),
      home('SC100004', 'E08000002', 'Local Authority', 'secure', 'Good', 12),
      home('SC100005', 'E08000002', 'Private', 'childrensHome', 'Inadequate', 2, 'Suspended'),
      // Numeric URN; Ofsted's "Bristol" for "Bristol, City of".
      home('1254840', 'E06000023', 'Voluntary', 'childrensHome', 'Inadequate', 3),
      // Ofsted's "&"; no inspection yet.
      home('SC100007', 'E06000058', 'Private', 'childrensHome', 'Not yet inspected', 2),
    ]);
    expect(r.supply).toEqual([
      supply('E08000001', 'Private', 'childrensHome', 'Good', 1, 4),
      supply('E08000001', 'Local Authority', 'childrensHome', 'Outstanding', 1, 3),
      supply('E08000001', 'Private', 'shortBreakOnly', 'Requires improvement to be good', 1, 5),
      supply('E08000002', 'Local Authority', 'secure', 'Good', 1, 12),
      supply('E06000023', 'Voluntary', 'childrensHome', 'Inadequate', 1, 3),
      supply('E06000058', 'Private', 'childrensHome', 'Not yet inspected', 1, 2),
    ]);
    const measure = (area: string, m: 'childrensHomes' | 'registeredPlaces', value: number | null) => ({
      area,
      measure: m,
      period: P23,
      value,
      suppression: null,
      source: SOURCE,
    });
    expect(r.observations).toEqual([
      measure('E08000001', 'childrensHomes', 2),
      measure('E08000001', 'registeredPlaces', 7),
      measure('E08000002', 'childrensHomes', 0),
      measure('E08000002', 'registeredPlaces', 0),
      measure('E06000023', 'childrensHomes', 1),
      measure('E06000023', 'registeredPlaces', 3),
      measure('E06000058', 'childrensHomes', 1),
      measure('E06000058', 'registeredPlaces', 2),
    ]);
    expect(issueList(r)).toEqual([
      [
        'warning',
        14,
        'Local authority',
        "Row 14: 'Cumbria' is Cumbria (E10000006, DfE 909), abolished on 1 April 2023; its area is now divided between Cumberland (E06000063) and Westmorland and Furness (E06000064). Its rows are left out, as they do not cover any current authority's area.",
      ],
      [
        'warning',
        12,
        'Places',
        "Row 12: 'Boarding School' is not a children's home, so places given for it are not counted (1 provider of this type, 149 places).",
      ],
      [
        'warning',
        16,
        'Places',
        "Row 16: 'Residential Family Centre' is not a children's home, so places given for it are not counted (1 provider of this type, 6 places).",
      ],
      [
        'warning',
        null,
        'Provision type',
        "Left out of long-term supply (the children's homes and registered places measures): 1 short-break-only children's home (5 places) and 1 secure children's home (12 places). They are kept in the supply by sector and type.",
      ],
      [
        'warning',
        null,
        'Registration status',
        '1 suspended children’s home (2 places) kept in the list of homes but left out of supply, which counts active homes only.',
      ],
    ]);
    expect(r.summary).toEqual({
      rows: 11,
      areas: 4,
      periods: [P23],
      measures: ['childrensHomes', 'registeredPlaces'],
      unmodelled: [
        { what: 'homes in Cumbria E10000006 (abolished 2023-04-01), left out', rows: 1 },
        { what: "provision type 'Boarding School'", rows: 1 },
        { what: "provision type 'Independent Fostering Agency'", rows: 1 },
        { what: "provision type 'Residential Family Centre'", rows: 1 },
      ],
    });
  });

  it('reports unknown LAs, duplicate URNs and bad places with row and column', () => {
    const r = parse('ofsted-providers-2023-errors.csv');
    expect(issueList(r)).toEqual([
      ['error', 6, 'Places', "Row 6: children's home SC200002 has a negative number of places ('-2')."],
      [
        'error',
        7,
        'Places',
        "Row 7: children's home SC200003 has 'three' places, which is not a whole number of places.",
      ],
      ['error', 8, 'Places', "Row 8: children's home SC200004 has no number of places."],
      ['error', 10, 'URN', "Row 10: URN 'SC200005' appears twice; row 9 already gave it."],
      ['error', 12, 'Local authority', "Row 12: no local authority for children's home SC200008."],
      [
        'error',
        5,
        'Local authority',
        "Row 5: 'Bristl' is not an English local authority in the reference list (1 more row gives the same value).",
      ],
    ]);
    expect(r.homes.map((h) => h.urn)).toEqual(['SC200005']);
  });

  it('reads a Windows-1252 CSV save (curly apostrophe in the provision type, £ in a title)', () => {
    const r = parse('ofsted-providers-2023-windows-1252.csv');
    expect(r.encoding).toBe('windows-1252');
    // Taken as it is (every row reads), saying which encoding was assumed and why.
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ severity: 'warning', column: null });
    expect(r.issues[0]?.message).toMatch(
      /^Read as Windows-1252 because it is not valid UTF-8 \(byte [\d,]+, 0x[0-9A-F]{2}, on line \d+/,
    );
    expect(r.homes).toEqual([
      home('SC300001', 'E06000058', 'Private', 'childrensHome', 'Good', 3),
      home('SC300002', 'E08000002', 'Local Authority', 'childrensHome', 'Outstanding', 2),
    ]);
  });

  it('reads a sheet given as cells, taking the date from the sheet name when the title rows have none', () => {
    const rows = parseCsv(decodeText(fixtureBytes('ofsted-providers-2023.csv')).text);
    rows[0] = ["Children's social care data in England"];
    const r = parse('workbook.ods', { sheetName: 'Provider_level_at_31_Mar_2023', rows });
    expect(r.encoding).toBeNull();
    expect(r.sheetName).toBe('Provider_level_at_31_Mar_2023');
    expect(r.homes).toHaveLength(7);
    expect(r.supply.every((s) => s.period === P23)).toBe(true);
  });

  it('reads a numeric URN a spreadsheet hands over as a decimal', () => {
    const rows = parseCsv(decodeText(fixtureBytes('ofsted-providers-2023.csv')).text);
    const bristol = rows[9];
    if (bristol) bristol[1] = '1254840.0';
    const r = parse('workbook.ods', { sheetName: 'Provider_level_at_31_Mar_2023', rows });
    expect(r.homes.map((h) => h.urn)).toContain('1254840');
  });

  it('picks the provider-level sheet from a workbook', () => {
    const rows = parseCsv(decodeText(fixtureBytes('ofsted-providers-2023.csv')).text);
    const r = parseImportFile(
      'book.ods',
      [
        { sheetName: 'Contents', rows: [['Contents'], ['Providers+places_at_31_Mar_2023']] },
        { sheetName: 'Provider_level_at_31_Mar_2023', rows },
      ],
      testLookup,
    );
    expect(r.kind).toBe('ofsted-providers');
    expect(r.sheetName).toBe('Provider_level_at_31_Mar_2023');
    expect(r.homes).toHaveLength(7);
  });

  it('asks for the date when nothing gives it, and takes it from the options', () => {
    const rows = parseCsv(decodeText(fixtureBytes('ofsted-providers-2023.csv')).text).slice(3);
    const table = { sheetName: 'Sheet1', rows };
    const without = parse('providers.csv', table);
    expect(issueList(without)).toContainEqual([
      'error',
      null,
      null,
      "Could not tell the date of this snapshot (such as 'as at 31 March 2023') from the title rows, sheet name or file name. Give it in the import preview (snapshot date), or with --as-of YYYY-MM-DD on the command line.",
    ]);
    expect(without.homes).toEqual([]);
    expect(without.supply).toEqual([]);
    const withPeriod = parse('providers.csv', table, '2023-03-31');
    expect(withPeriod.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(withPeriod.homes).toHaveLength(7);
  });
});

describe('Ofsted provider-level data, 2015 layout', () => {
  it('reads "Reg Status", "Overall effectiveness" and "Short breaks only", and warns that places are missing', () => {
    const r = parse('ofsted-providers-at-31-march-2015.csv');
    const P15 = '2015-03-31';
    expect(r.homes).toEqual([
      home('SC037454', 'E08000001', 'Local Authority', 'childrensHome', 'Good', 0, 'Active', P15),
      home('SC466378', 'E08000001', 'Private', 'childrensHome', 'Requires improvement to be good', 0, 'Active', P15),
      home('SC462583', 'E08000002', 'Local Authority', 'shortBreakOnly', 'Outstanding', 0, 'Active', P15),
      home('SC035500', 'E08000003', 'Local Authority', 'secure', 'Good', 0, 'Active', P15),
    ]);
    expect(issueList(r)).toEqual([
      [
        'warning',
        null,
        'Places',
        "Column 'Places' is missing (older layouts have none): registered places are not known, so homes are imported with 0 places and the registered places measure is left blank.",
      ],
      [
        'warning',
        3,
        'Overall effectiveness',
        "Row 3: judgement 'Adequate' (an earlier inspection framework's grade) is counted as 'Requires improvement to be good'.",
      ],
      [
        'warning',
        null,
        'Provision type',
        "Left out of long-term supply (the children's homes and registered places measures): 1 short-break-only children's home (0 places) and 1 secure children's home (0 places). They are kept in the supply by sector and type.",
      ],
    ]);
    expect(r.observations.filter((o) => o.measure === 'registeredPlaces').map((o) => o.value)).toEqual([
      null,
      null,
      null,
    ]);
    expect(r.observations.find((o) => o.area === 'E08000001' && o.measure === 'childrensHomes')?.value).toBe(2);
  });
});

describe('findSnapshotDate', () => {
  it.each([
    ["Children's social care data in England 2023 - Provider level as at 31 March 2023", '2023-03-31'],
    ['Provider_level_at_31_Mar_2023', '2023-03-31'],
    ['providers at 31st March 2015.xlsx', '2015-03-31'],
    ['ofsted-providers-at-31-march-2015.csv', '2015-03-31'],
    ['as at 30 September 2014', '2014-09-30'],
    ['31 February 2023', null],
    ['no date here', null],
  ])('%s → %s', (text, expected) => {
    expect(findSnapshotDate([text])).toBe(expected);
  });
});

describe('Ofsted: predecessors and the snapshot date', () => {
  const file = 'ofsted-providers-undated-predecessors.csv';

  it('cannot be imported without a date, and says how to give one', () => {
    const r = parse(file);
    expect(r.issues.filter((i) => i.severity === 'error').map((i) => i.message)).toEqual([
      "Could not tell the date of this snapshot (such as 'as at 31 March 2023') from the title rows, sheet name or file name. Give it in the import preview (snapshot date), or with --as-of YYYY-MM-DD on the command line.",
    ]);
  });

  it('before April 2019, leaves Bournemouth, Poole and the old Dorset out with the crosswalk, never refusing them', () => {
    const r = parse(file, undefined, '2018-03-31');
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const warnings = issueList(r).filter(([, , column]) => column === 'Local authority');
    expect(warnings.map(([, row, , message]) => `${row} ${message}`)).toEqual([
      "2 Row 2: 'Bournemouth' is Bournemouth (E06000028, DfE 837), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
      "4 Row 4: 'Poole' is Poole (E06000029, DfE 836), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
      "5 Row 5: 'Dorset' is Dorset (E10000009, DfE 835), abolished on 1 April 2019; its area is now divided between Dorset (E06000059) and Bournemouth, Christchurch and Poole (E06000058). Its rows are left out, as they do not cover any current authority's area.",
    ]);
    expect(r.summary.unmodelled).toEqual([
      { what: 'homes in Bournemouth E06000028 (abolished 2019-04-01), left out', rows: 2 },
      { what: 'homes in Dorset E10000009 (abolished 2019-04-01), left out', rows: 1 },
      { what: 'homes in Poole E06000029 (abolished 2019-04-01), left out', rows: 1 },
    ]);
    expect(r.homes.map((h) => h.area)).toEqual(['E08000003', 'E06000023']);
    expect(issueList(r)).toContainEqual([
      'warning',
      null,
      'Provision type',
      "Left out of long-term supply (the children's homes and registered places measures): 1 short-break-only children's home (4 places). They are kept in the supply by sector and type.",
    ]);
  });

  it('from April 2019, reads "Dorset" as the current Dorset Council', () => {
    const r = parse(file, undefined, '2020-03-31');
    expect(r.homes.find((h) => h.urn === 'SC200004')?.area).toBe('E06000059');
  });

  it('says when the date given differs from the one the file gives, and uses the one given', () => {
    const r = parse('ofsted-providers-2023.csv', undefined, '2023-09-30');
    expect(r.issues.map((i) => i.message)).toContain(
      'The file says its snapshot is 2023-03-31, but the date given is 2023-09-30: the date given is used.',
    );
    expect(r.summary.periods).toEqual(['2023-09-30']);
  });
});
