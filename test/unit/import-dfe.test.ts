import { describe, it, expect } from 'vitest';
import { parseImportFile } from '#shared/import/index.js';
import type { ImportResult } from '#shared/import/index.js';
import { parseCsv } from '#shared/import/csv.js';
import type { Observation, SuppressionCode } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import { fixtureBytes, fixtureText } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';

function parse(name: string): ImportResult {
  return parseImportFile(name, fixtureBytes(name), testLookup, { source: 'test-source' });
}

function obs(
  area: string,
  measure: MeasureId,
  period: string,
  value: number | null,
  suppression: SuppressionCode | null = null,
): Observation {
  return { area, measure, period, value, suppression, source: 'test-source' };
}

const BOLTON = 'E08000001';
const BURY = 'E08000002';
const MANCHESTER = 'E08000003';
const BARNSLEY = 'E08000038';
const CITY_OF_LONDON = 'E09000001';
const ENGLAND = 'E92000001';
const NORTH_WEST = 'E12000002';

describe('DfE CLA number and rate per 10,000', () => {
  it('reads the pre-2025 layout with a BOM, thousands separators, suppression and the crosswalk', () => {
    const r = parse('dfe-cla-number-rate-2024.csv');
    expect(r.kind).toBe('dfe-cla-number-rate');
    expect(r.encoding).toBe('utf-8-bom');
    expect(r.observations).toEqual([
      obs(ENGLAND, 'childrenLookedAfter', '2024', 83630),
      obs(ENGLAND, 'childrenLookedAfterRatePer10k', '2024', 70),
      obs(ENGLAND, 'childrenStartingCare', '2024', 33050),
      obs(NORTH_WEST, 'childrenLookedAfter', '2024', 15020),
      obs(NORTH_WEST, 'childrenLookedAfterRatePer10k', '2024', 94),
      obs(BOLTON, 'childrenLookedAfter', '2024', 571),
      obs(BOLTON, 'childrenLookedAfterRatePer10k', '2024', 83),
      obs(BOLTON, 'childrenCeasingCare', '2024', 250),
      obs(BARNSLEY, 'childrenLookedAfter', '2024', 400),
      obs(BARNSLEY, 'childrenLookedAfterRatePer10k', '2024', 76),
      obs(CITY_OF_LONDON, 'childrenLookedAfter', '2024', null, 'c'),
      obs(CITY_OF_LONDON, 'childrenLookedAfterRatePer10k', '2024', null, 'c'),
      obs(BURY, 'childrenLookedAfter', '2024', 370),
      obs(BURY, 'childrenLookedAfterRatePer10k', '2024', null, 'x'),
    ]);
    expect(r.issues).toEqual([
      {
        severity: 'warning',
        file: 'dfe-cla-number-rate-2024.csv',
        row: 7,
        column: 'new_la_code',
        message:
          "Row 7: 'E08000016' is a former code of Barnsley; its rows are counted under the current code E08000038.",
      },
      {
        severity: 'warning',
        file: 'dfe-cla-number-rate-2024.csv',
        row: 8,
        column: 'new_la_code',
        message:
          "Row 8: 'E10000006' is Cumbria (E10000006, DfE 909), abolished on 1 April 2023; its area is now divided between Cumberland (E06000063) and Westmorland and Furness (E06000064). Its rows are left out, as they do not cover any current authority's area.",
      },
    ]);
    expect(r.summary).toEqual({
      rows: 9,
      areas: 6,
      periods: ['2024'],
      measures: ['childrenLookedAfter', 'childrenLookedAfterRatePer10k', 'childrenStartingCare', 'childrenCeasingCare'],
      unmodelled: [{ what: 'Cumbria E10000006 (abolished 2023-04-01), left out', rows: 1 }],
    });
  });

  it('reads the 2025 layout (population_type, children_count, "on 31 March", other column order)', () => {
    const r = parse('dfe-cla-number-rate-2025.csv');
    expect(r.encoding).toBe('utf-8');
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([
      obs(ENGLAND, 'childrenLookedAfter', '2025', 83970),
      obs(ENGLAND, 'childrenLookedAfterRatePer10k', '2025', 69),
      obs(MANCHESTER, 'childrenLookedAfter', '2025', 1310),
      obs(MANCHESTER, 'childrenLookedAfterRatePer10k', '2025', 104),
      obs(BOLTON, 'childrenStartingCare', '2025', null, 'low'),
      obs(BURY, 'childrenLookedAfter', '2025', 365),
      obs(BURY, 'childrenLookedAfterRatePer10k', '2025', null, 'u'),
      obs(BURY, 'childrenCeasingCare', '2025', null, 'k'),
    ]);
  });

  it('matches columns by name whatever their order', () => {
    const rows = parseCsv(fixtureText('dfe-cla-number-rate-2024.csv'));
    const order = [13, 2, 9, 0, 12, 5, 7, 1, 10, 4, 3, 11, 6, 8];
    const shuffled = rows.map((r) => order.map((i) => r[i] ?? ''));
    const fromTable = parseImportFile('shuffled.csv', { sheetName: null, rows: shuffled }, testLookup, {
      source: 'test-source',
    });
    expect(fromTable.encoding).toBeNull();
    expect(fromTable.observations).toEqual(parse('dfe-cla-number-rate-2024.csv').observations);
  });

  it('accepts years and counts a spreadsheet hands over as decimals', () => {
    const table = {
      sheetName: 'Sheet1',
      rows: [
        ['time_period', 'geographic_level', 'new_la_code', 'population_count', 'number'],
        ['2024.0', 'Local authority', 'E08000001', 'Children looked after at 31 March each year', '571.0'],
      ],
    };
    const r = parseImportFile('book.xlsx', table, testLookup, { source: 'test-source' });
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([obs(BOLTON, 'childrenLookedAfter', '2024', 571)]);
  });

  it('reports negative and non-numeric counts, bad years, duplicates and unknown areas with row and column', () => {
    const r = parse('dfe-cla-number-rate-invalid.csv');
    const file = 'dfe-cla-number-rate-invalid.csv';
    expect(r.issues).toEqual([
      {
        severity: 'error',
        file,
        row: 2,
        column: 'number',
        message: "Row 2: '-5' in column 'number' is negative; children looked after cannot be.",
      },
      {
        severity: 'error',
        file,
        row: 3,
        column: 'number',
        message: "Row 3: 'abc' in column 'number' is neither a number nor a suppression code (c, z, x, k, low, u).",
      },
      {
        severity: 'error',
        file,
        row: 4,
        column: 'time_period',
        message: "Row 4: time_period '1999' is not a year between 2000 and 2100.",
      },
      {
        severity: 'error',
        file,
        row: 7,
        column: 'number',
        message:
          'Row 7: a second value for children looked after in Bury (E08000002) for 2024; row 6 already gave one.',
      },
      {
        severity: 'error',
        file,
        row: 7,
        column: 'rate_per_10000',
        message:
          'Row 7: a second value for rate per 10,000 children in Bury (E08000002) for 2024; row 6 already gave one.',
      },
      { severity: 'error', file, row: 9, column: 'time_period', message: "Row 9: time_period 'Year' is not a year." },
      {
        severity: 'error',
        file,
        row: 10,
        column: 'number',
        message: "Row 10: no value in column 'number' (expected a number or a suppression code: c, z, x, k, low, u).",
      },
      {
        severity: 'error',
        file,
        row: 5,
        column: 'new_la_code',
        message:
          "Row 5: 'E08999999' is not an English local authority in the reference list (1 more row gives the same value).",
      },
      {
        severity: 'error',
        file,
        row: 8,
        column: 'region_code',
        message: "Row 8: 'X12000001' is not an English region.",
      },
    ]);
    // What is valid is still read; what is not is left out, never stored as 0.
    expect(r.observations).toEqual([
      obs(BOLTON, 'childrenLookedAfterRatePer10k', '2024', 83),
      obs(BURY, 'childrenLookedAfter', '2024', 370),
      obs(BURY, 'childrenLookedAfterRatePer10k', '2024', 86),
      obs(MANCHESTER, 'childrenLookedAfterRatePer10k', '2024', 104),
    ]);
  });

  it('reports a missing required column once, for the whole file', () => {
    const r = parse('dfe-cla-number-rate-missing-column.csv');
    expect(r.issues).toEqual([
      {
        severity: 'error',
        file: 'dfe-cla-number-rate-missing-column.csv',
        row: null,
        column: 'number',
        message: "Column 'number' is missing (also accepted: 'children_count').",
      },
    ]);
    expect(r.observations).toEqual([]);
    expect(r.summary.rows).toBe(1);
  });

  it('names the problem when LA rows have no code or name columns', () => {
    const text =
      'time_period,geographic_level,population_count,number\n2024,Local authority,Children looked after at 31 March each year,5\n';
    const r = parseImportFile('x.csv', new TextEncoder().encode(text), testLookup);
    expect(r.issues.map((i) => [i.severity, i.row, i.column, i.message])).toEqual([
      [
        'error',
        null,
        'new_la_code',
        "Column 'new_la_code' is missing (also accepted: 'old_la_code', 'la_name'): local authority rows cannot be placed.",
      ],
    ]);
  });

  it('lists only the first 50 rows with the same problem, then a count', () => {
    const header =
      'time_period,geographic_level,new_la_code,population_count,number\n' +
      Array.from(
        { length: 120 },
        (_, i) => `${1880 + i},Local authority,E08000001,Children looked after at 31 March each year,5`,
      ).join('\n');
    const r = parseImportFile('x.csv', new TextEncoder().encode(header), testLookup);
    expect(r.issues).toHaveLength(51);
    expect(r.issues[50]).toEqual({
      severity: 'error',
      file: 'x.csv',
      row: null,
      column: 'time_period',
      message: '70 more rows have the same problem as above (time_period); only the first 50 are listed.',
    });
  });
});

describe('DfE CLA on 31 March by characteristics', () => {
  it('reads the pre-2025 layout (cla_group, characteristic, number), curly apostrophes included', () => {
    const r = parse('dfe-cla-characteristics-2024.csv');
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([
      obs(ENGLAND, 'childrenLookedAfter', '2024', 83630),
      obs(ENGLAND, 'childrenInChildrensHomes', '2024', 8540),
      obs(BOLTON, 'childrenLookedAfter', '2024', 569),
      obs(BOLTON, 'childrenInChildrensHomes', '2024', 70),
      obs(BOLTON, 'placedOutsideLaBoundary', '2024', 214),
      obs(BOLTON, 'placedOver20Miles', '2024', null, 'c'),
      obs(BOLTON, 'otherLasChildrenPlacedInside', '2024', 236),
    ]);
    expect(r.summary.unmodelled).toEqual([
      { what: 'Age group', rows: 2 },
      { what: 'Placement', rows: 1 },
    ]);
  });

  it('reads the 2025 layout (characteristic as group, breakdown, children_count)', () => {
    const r = parse('dfe-cla-characteristics-2025.csv');
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([
      obs(NORTH_WEST, 'childrenLookedAfter', '2025', 15100),
      obs(BURY, 'childrenLookedAfter', '2025', 365),
      obs(BURY, 'childrenInChildrensHomes', '2025', 41),
      obs(BURY, 'placedOutsideLaBoundary', '2025', 150),
      obs(BURY, 'placedOver20Miles', '2025', null, 'low'),
    ]);
    expect(r.summary).toEqual({
      rows: 6,
      areas: 2,
      periods: ['2025'],
      measures: ['childrenLookedAfter', 'childrenInChildrensHomes', 'placedOutsideLaBoundary', 'placedOver20Miles'],
      unmodelled: [{ what: 'Sex', rows: 1 }],
    });
  });
});

describe('DfE missing, net gain and new placements', () => {
  it('reads the missing table with its CLA_group column', () => {
    const r = parse('dfe-missing-2024.csv');
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([
      obs(ENGLAND, 'childrenWithMissingIncident', '2024', 12110),
      obs(ENGLAND, 'missingIncidents', '2024', 80450),
      obs(BOLTON, 'childrenWithMissingIncident', '2024', 96),
      obs(BOLTON, 'missingIncidents', '2024', 1204),
      obs(BURY, 'childrenWithMissingIncident', '2024', null, 'c'),
    ]);
    expect(r.summary.unmodelled).toEqual([
      { what: 'Average number of missing incidents per looked after child who went missing', rows: 1 },
      { what: 'Percentage of children who had a missing incident during the year', rows: 1 },
    ]);
  });

  it('reads the LA of placement table; the net gain (negative allowed) is derived in the plan, not imported', () => {
    const r = parse('dfe-netgain-2024.csv');
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([
      obs(ENGLAND, 'otherLasChildrenPlacedInside', '2024', 36440),
      obs(BOLTON, 'otherLasChildrenPlacedInside', '2024', 231),
      obs(BOLTON, 'placedOutsideLaBoundary', '2024', 217),
    ]);
    expect(r.summary.unmodelled).toEqual([
      { what: 'Net gain of children by responsible LA (netPlacementImport, derived in the plan)', rows: 3 },
    ]);
  });

  it.each([
    ['dfe-new-placements-2024.csv', 'DfE table of new placements during the year', 4],
    ['dfe-placement-stability-2024.csv', 'DfE placement stability table', 5],
  ])('names %s as a table the planner does not use, reading nothing from it', (name, table, rows) => {
    const r = parse(name);
    expect(r.kind).toBe('unused-table');
    expect(r.unusedTable).toBe(table);
    expect(r.issues).toEqual([]);
    expect(r.observations).toEqual([]);
    expect(r.summary).toEqual({
      rows,
      areas: 0,
      periods: [],
      measures: [],
      unmodelled: [{ what: `the ${table} (not used by the planner)`, rows }],
    });
  });
});
