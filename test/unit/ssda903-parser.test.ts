import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  NO_DATE,
  addMonths,
  addYears,
  dayFromCivil,
  detectSsda903Table,
  importSsda903,
  isoFromDay,
  parseSsda903Date,
  ssda903FromRecords,
  wholeMonthsBetween,
} from '#shared/import/ssda903/index.js';
import type { Ssda903Dataset, Ssda903File } from '#shared/import/ssda903/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.resolve(here, '../fixtures/ssda903');
const sharedData = path.resolve(here, '../../../shared/data');
const hasSharedData = fs.existsSync(sharedData);

function fixture(name: string): Ssda903File {
  return { name, text: fs.readFileSync(path.join(fixtures, name), 'utf8') };
}

/** The episodes of one child (by CHILD and optional LA) as readable rows. */
function episodesOf(data: Ssda903Dataset, child: string, la = ''): { decom: string; dec: string; place: string }[] {
  const { children, episodes, las } = data;
  const c = children.id.findIndex((id, i) => id === child && las[children.la[i]!] === la);
  if (c < 0) return [];
  const rows = [];
  for (let e = episodes.firstEpisode[c]!; e < episodes.firstEpisode[c + 1]!; e++) {
    rows.push({
      decom: isoFromDay(episodes.decom[e]!),
      dec: episodes.dec[e] === NO_DATE ? '' : isoFromDay(episodes.dec[e]!),
      place: episodes.place.values[episodes.place.codes[e]!]!,
    });
  }
  return rows;
}

describe('SSDA903 dates', () => {
  it('reads dd/mm/yyyy, d/m/yyyy and ISO dates as day numbers since 1970-01-01', () => {
    expect(parseSsda903Date('01/01/1970')).toBe(0);
    expect(parseSsda903Date('1970-01-02')).toBe(1);
    expect(parseSsda903Date('31/03/2022')).toBe(dayFromCivil(2022, 3, 31));
    expect(parseSsda903Date('1/4/2022')).toBe(dayFromCivil(2022, 4, 1));
    expect(parseSsda903Date('2022-03-31 00:00:00')).toBe(dayFromCivil(2022, 3, 31));
    expect(parseSsda903Date('29/02/2020')).toBe(dayFromCivil(2020, 2, 29));
    expect(parseSsda903Date('')).toBe(NO_DATE);
  });

  it('rejects impossible or malformed dates', () => {
    for (const bad of ['31/02/2021', '29/02/2021', '05/13/2021', '2021-13-01', '1/1/21', 'unknown', '12-03-2021']) {
      expect(parseSsda903Date(bad), bad).toBeNull();
    }
  });

  it('does calendar arithmetic the way birthdays and months work', () => {
    const leapDay = dayFromCivil(2008, 2, 29);
    expect(isoFromDay(addYears(leapDay, 1))).toBe('2009-02-28');
    expect(isoFromDay(addMonths(dayFromCivil(2022, 3, 31), 6))).toBe('2022-09-30');
    expect(wholeMonthsBetween(dayFromCivil(2008, 6, 15), dayFromCivil(2021, 6, 14))).toBe(155);
    expect(wholeMonthsBetween(dayFromCivil(2008, 6, 15), dayFromCivil(2021, 6, 15))).toBe(156);
  });
});

describe('importSsda903: per-year layout (dd/mm/yyyy)', () => {
  const files = ['2020-header.csv', '2020-episodes.csv', '2021-header.csv', '2021-episodes.csv', '2021-missing.csv'];
  const result = importSsda903(files.map(fixture));

  it('detects each table from its columns', () => {
    expect(detectSsda903Table(fixture('2020-header.csv').text)).toBe('header');
    expect(detectSsda903Table(fixture('2020-episodes.csv').text)).toBe('episodes');
    expect(detectSsda903Table(fixture('2021-missing.csv').text)).toBe('missing');
    expect(detectSsda903Table('a,b\n1,2\n')).toBeNull();
  });

  it('combines the returns: copies merged, the later return supersedes', () => {
    const data = result.dataset;
    expect(data.episodes.length).toBe(5);
    // Open in the 2020 return, closed in the 2021 return.
    expect(episodesOf(data, '1001')).toEqual([
      { decom: '2020-01-01', dec: '2021-05-10', place: 'U4' },
      { decom: '2021-05-10', dec: '', place: 'K2' },
    ]);
    expect(episodesOf(data, '1002')).toEqual([
      { decom: '2020-06-01', dec: '2020-12-15', place: 'K2' },
      { decom: '2020-12-15', dec: '2021-06-01', place: 'U5' },
    ]);
    // The latest header row gives the date of birth.
    const c = data.children.id.indexOf('1001');
    expect(isoFromDay(data.children.dob[c]!)).toBe('2008-06-16');
    expect(data.children.year[c]).toBe(2021);
    const e = data.episodes.firstEpisode[c]!;
    expect(data.episodes.year[e]).toBe(2021);
    expect(data.files[data.episodes.file[e]!]).toBe('2021-episodes.csv');
    expect(data.episodes.row[e]).toBe(2);
    expect(data.episodes.homePost.values[data.episodes.homePost.codes[e]!]).toBe('M1 1AA');
  });

  it('reads the missing table and reports an end before the start', () => {
    expect(result.dataset.missing.length).toBe(2);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        file: '2021-missing.csv',
        row: 3,
        column: 'MIS_END',
        message:
          'MIS_END 2021-03-08 is before MIS_START 2021-03-10; the row cannot be used: correct it, then import the file again.',
      },
    ]);
  });
});

describe('importSsda903: pooled regional layout (ISO dates, LA and YEAR)', () => {
  const files = [fixture('regional-header.csv'), fixture('regional-episodes.csv')];

  it('keeps the same CHILD in two LAs apart and merges a child across years', () => {
    const result = importSsda903(files);
    expect(result.issues).toEqual([]);
    const data = result.dataset;
    expect(data.episodes.length).toBe(3);
    expect(episodesOf(data, '2001', 'Bury')).toEqual([{ decom: '2020-09-01', dec: '2021-08-01', place: 'U1' }]);
    expect(episodesOf(data, '2001', 'Wigan')).toEqual([{ decom: '2021-02-01', dec: '', place: 'K2' }]);
    const wigan = data.children.id.findIndex((id, i) => id === '2001' && data.las[data.children.la[i]!] === 'Wigan');
    expect(isoFromDay(data.children.dob[wigan]!)).toBe('2011-07-01');
    const e = data.episodes.firstEpisode[wigan]!;
    expect(data.episodes.plPost.values[data.episodes.plPost.codes[e]!]).toBe('WN2 2BB');
  });

  it('filters by LA, case-insensitively', () => {
    const data = importSsda903(files, { la: 'wigan' }).dataset;
    expect(data.episodes.length).toBe(2);
    expect(new Set(Array.from(data.episodes.child, (c) => data.las[data.children.la[c]!]))).toEqual(new Set(['Wigan']));
  });
});

describe('importSsda903: validation', () => {
  const result = importSsda903([fixture('errors-header.csv'), fixture('errors-episodes.csv')]);
  const find = (file: string, row: number | null, column: string | null) =>
    result.issues.filter((i) => i.file === file && i.row === row && i.column === column);

  it('reports DEC before DECOM as an error at its row and column', () => {
    expect(find('errors-episodes.csv', 2, 'DEC')).toEqual([
      {
        severity: 'error',
        file: 'errors-episodes.csv',
        row: 2,
        column: 'DEC',
        message:
          'DEC 2021-03-15 is before DECOM 2021-04-01; the row cannot be used: correct it, then import the file again.',
      },
    ]);
  });

  it('reports bad dates as errors at their row and column', () => {
    expect(find('errors-episodes.csv', 3, 'DECOM')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('"31/02/2021" is not a date'),
    });
    expect(find('errors-episodes.csv', 7, 'DECOM')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('"05/13/2021"'),
    });
    expect(find('errors-header.csv', 5, 'DOB')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('"unknown"'),
    });
  });

  it('warns about overlapping episodes and truncates the earlier one', () => {
    expect(find('errors-episodes.csv', 4, 'DEC')).toEqual([
      {
        severity: 'warning',
        file: 'errors-episodes.csv',
        row: 4,
        column: 'DEC',
        message: "Episode is still open but the child's next episode starts 2021-03-01; truncated to end 2021-03-01.",
      },
    ]);
    expect(episodesOf(result.dataset, '3003')).toEqual([
      { decom: '2021-01-01', dec: '2021-03-01', place: 'U4' },
      { decom: '2021-03-01', dec: '', place: 'K2' },
    ]);
    const c = result.dataset.children.id.indexOf('3003');
    // The DEC as recorded stays available (open).
    expect(result.dataset.episodes.decRecorded[result.dataset.episodes.firstEpisode[c]!]).toBe(NO_DATE);
  });

  it('warns about unknown PLACE codes', () => {
    expect(find('errors-episodes.csv', 6, 'PLACE')).toEqual([
      {
        severity: 'warning',
        file: 'errors-episodes.csv',
        row: 6,
        column: 'PLACE',
        message: 'PLACE "XX" is not an SSDA903 placement code; counted as Other.',
      },
    ]);
  });

  it('reports children with episodes but no header row, with their count and ids, and keeps them', () => {
    expect(find('errors-episodes.csv', null, 'CHILD')).toEqual([
      {
        severity: 'warning',
        file: 'errors-episodes.csv',
        row: null,
        column: 'CHILD',
        message:
          '1 child has episodes but no header row with a date of birth (kept, but they cannot be placed in an age band): 3004.',
      },
    ]);
    expect(result.dataset.childrenWithoutHeader).toEqual(['3004']);
    expect(episodesOf(result.dataset, '3004')).toEqual([{ decom: '2021-05-01', dec: '', place: 'XX' }]);
  });

  it('accepts an ISO date in a dd/mm/yyyy file and marks the import as failed on errors', () => {
    expect(episodesOf(result.dataset, '3006')).toEqual([{ decom: '2021-06-01', dec: '', place: 'U4' }]);
    expect(result.hasErrors).toBe(true);
    // DEC before DECOM, two bad DECOMs, a bad DOB, an overlap, an unknown PLACE, a child without header.
    expect(result.issues).toHaveLength(7);
  });

  it('reports a missing column at row 1: an error when the model needs it, else a warning', () => {
    const noDec = importSsda903([fixture('no-dec-episodes.csv')]);
    expect(noDec.issues).toEqual([
      {
        severity: 'error',
        file: 'no-dec-episodes.csv',
        row: 1,
        column: 'DEC',
        message: 'Required column DEC is missing from the episodes table; the file cannot be read.',
      },
      {
        severity: 'warning',
        file: 'no-dec-episodes.csv',
        row: 1,
        column: 'URN',
        message: 'Column URN of the episodes table is missing; its values are left blank.',
      },
    ]);
    expect(noDec.dataset.episodes.length).toBe(0);
    const noUrn = importSsda903([fixture('no-urn-episodes.csv')]);
    expect(noUrn.hasErrors).toBe(false);
    expect(noUrn.dataset.episodes.length).toBe(1);
  });

  it('reports dates out of range (before 1900 or after 2099) as errors', () => {
    const text = [
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      '5,01/01/1850,S,C2,N1,U4,PR1,,,,,,',
      '6,01/01/2021,S,C2,N1,U4,PR1,01/01/2150,E13,,,,',
    ].join('\n');
    const out = importSsda903([{ name: 'range.csv', text }]);
    expect(out.issues.map((i) => [i.severity, i.row, i.column, i.message])).toEqual([
      [
        'error',
        2,
        'DECOM',
        'DECOM 1850-01-01 is out of range (1900–2099); the row cannot be used: correct it, then import the file again.',
      ],
      [
        'error',
        3,
        'DEC',
        'DEC 2150-01-01 is out of range (1900–2099); the row cannot be used: correct it, then import the file again.',
      ],
    ]);
    expect(out.dataset.episodes.length).toBe(0);
  });

  it('caps repeated issues of one kind and counts the rest', () => {
    const rows = ['CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN'];
    for (let i = 0; i < 30; i++) rows.push(`${i},01/01/2021,S,C2,N1,ZZ,PR1,,,,,,`);
    const capped = importSsda903([{ name: 'e.csv', text: rows.join('\n') }], { maxIssuesPerKind: 5 });
    const place = capped.issues.filter((i) => i.column === 'PLACE');
    expect(place).toHaveLength(5);
    expect(capped.issues.some((i) => i.message.startsWith('25 more rows with this problem (unknown PLACE code)'))).toBe(
      true,
    );
  });

  it('warns about an exact duplicate inside one return', () => {
    const text = [
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
      '9,01/01/2021,S,C2,N1,U4,PR1,,,,,,',
      '9,01/01/2021,S,C2,N1,U4,PR1,,,,,,',
    ].join('\r\n');
    const dup = importSsda903([{ name: 'dup.csv', text, year: 2021 }]);
    expect(dup.dataset.episodes.length).toBe(1);
    expect(dup.issues[0]).toMatchObject({
      row: 3,
      column: 'DECOM',
      message: 'Duplicate of the episode in row 2; one copy is kept.',
    });
  });
});

describe('ssda903FromRecords', () => {
  it('builds a dataset from plain records through the same importer', () => {
    const { dataset, issues } = ssda903FromRecords(
      [{ child: 'a', dob: '2010-01-01' }],
      [{ child: 'a', decom: '2021-01-01', dec: '2021-02-01', place: 'K2' }],
    );
    expect(issues).toEqual([]);
    expect(episodesOf(dataset, 'a')).toEqual([{ decom: '2021-01-01', dec: '2021-02-01', place: 'K2' }]);
  });
});

describe.skipIf(!hasSharedData)('real SSDA903 samples in ../shared/data', () => {
  const read = (dir: string, names: string[]): Ssda903File[] =>
    names.map((name) => ({ name, text: fs.readFileSync(path.join(sharedData, dir, name), 'utf8') }));

  it('parses the regional sample: 3,737 episode rows, 820 children', () => {
    const files = read('ssda903_regional_sample', ['header.csv', 'episodes.csv', 'uasc.csv']);
    const episodeRows = files[1]!.text.trim().split('\n').length - 1;
    expect(episodeRows).toBe(3737);
    const { dataset, issues } = importSsda903(files);
    expect(new Set(Array.from(dataset.episodes.child)).size).toBe(820);
    expect(dataset.episodes.length).toBe(2827);
    expect(dataset.las).toEqual(expect.arrayContaining(['Bromley', 'Hillingdon', 'Southwark']));
    // The regional header file lacks 248 of the children: reported, not dropped.
    expect(dataset.childrenWithoutHeader).toHaveLength(248);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(importSsda903(files, { la: 'Bromley' }).dataset.las.length).toBeGreaterThan(0);
  });

  it('parses the per-year sample (same children, dd/mm/yyyy) to the same episode history', () => {
    const names = fs.readdirSync(path.join(sharedData, 'ssda903_d2i_sample')).sort();
    const { dataset, issues } = importSsda903(read('ssda903_d2i_sample', names));
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dataset.children.length).toBe(820);
    expect(dataset.episodes.length).toBe(2827);
    expect(dataset.childrenWithoutHeader).toEqual([]);
    expect(dataset.missing.length).toBeGreaterThan(0);
  });

  it('parses the synthetic validator sample', () => {
    const names = ['header.csv', 'episodes.csv', 'missing.csv', 'uasc.csv'];
    const { dataset, issues } = importSsda903(read('ssda903_synthetic', names));
    expect(dataset.episodes.length).toBeGreaterThan(4000);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
