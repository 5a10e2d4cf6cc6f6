/**
 * The whole SSDA903 return: every table of it recognised by its columns, the four the planner uses
 * read (UASC among them) and the others counted and left out; rows counted as the files hold them;
 * the XML form giving the same tables and counts as the CSV form; two-digit years resolved by the
 * return year with a warning that says the row is kept; and the stock-flow model's UASC split.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectFileKind } from '#shared/import/detect.js';
import { fitStockFlow, selectByUasc } from '#shared/forecast/stockflow/index.js';
import {
  NO_DATE,
  detectSsda903Table,
  importSsda903,
  isoFromDay,
  recordLabels,
  resolveTwoDigitYear,
  ssda903TablesFromXml,
} from '#shared/import/ssda903/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/ssda903');
const full = path.join(fixtures, 'full-2022');
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
/** Data rows of a CSV fixture: its non-empty lines after the header. */
const rowsIn = (text: string) => text.split('\n').filter((l) => l !== '').length - 1;

const TABLE_FILES: Record<string, string> = {
  '2022-header.csv': 'header',
  '2022-episodes.csv': 'episodes',
  '2022-uasc.csv': 'uasc',
  '2022-missing.csv': 'missing',
  '2022-reviews.csv': 'reviews',
  '2022-oc2.csv': 'oc2',
  '2022-oc3.csv': 'oc3',
  '2022-ad1.csv': 'ad1',
  '2022-placed-adoption.csv': 'placedAdoption',
  '2022-prev-perm.csv': 'prevPerm',
  '2022-sw-episodes.csv': 'swEpisodes',
};
const USED = new Set(['header', 'episodes', 'uasc', 'missing']);

describe('every table of the return', () => {
  it('is told by its columns, as the table it is', () => {
    for (const [file, table] of Object.entries(TABLE_FILES)) {
      const text = read(full, file);
      expect(detectSsda903Table(text), file).toBe(table);
      expect(detectFileKind(file, text).kind, file).toBe(USED.has(table) ? `ssda903-${table}` : 'ssda903-other');
    }
  });

  it('imports as a whole: used tables read, the others counted and left out, rows as in the files', () => {
    const files = Object.keys(TABLE_FILES).map((name) => ({ name, text: read(full, name) }));
    const result = importSsda903(files);
    expect(result.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(result.tables).toEqual(
      Object.entries(TABLE_FILES).map(([file, table]) => ({
        file,
        table,
        rows: rowsIn(read(full, file)),
        used: USED.has(table),
      })),
    );
    const { children, episodes, missing } = result.dataset;
    expect(children.length).toBe(6);
    expect(episodes.length).toBe(8);
    expect(missing.length).toBe(2);
    const uasc = children.id.filter((_, c) => children.uasc[c] === 1);
    expect(uasc).toEqual(['2003', '2004']);
    const c2003 = children.id.indexOf('2003');
    expect(isoFromDay(children.duc[c2003]!)).toBe('2023-09-20');
    expect(children.duc[children.id.indexOf('2001')]).toBe(NO_DATE);
  });

  it('reads the same from the return in XML as from its CSV tables', () => {
    const xml = ssda903TablesFromXml(read(full, '2022-return.xml'), '2022-return.xml');
    expect(xml.issues).toEqual([]);
    expect(xml.children).toBe(6);
    const byTable = Object.fromEntries(xml.tables.map((t) => [t.table, t]));
    expect(Object.keys(byTable)).toEqual(['header', 'episodes', 'missing', 'uasc']);
    expect(byTable.header?.text).toBe(read(full, '2022-header.csv'));
    expect(byTable.episodes?.text).toBe(read(full, '2022-episodes.csv'));
    expect(byTable.missing?.text).toBe(read(full, '2022-missing.csv'));
    expect(byTable.uasc?.text).toBe(read(full, '2022-uasc.csv'));
    expect(recordLabels(byTable.uasc!.records)).toEqual(['CHILD 2003, UASC', 'CHILD 2004, UASC']);
    expect(recordLabels(byTable.episodes!.records).slice(0, 3)).toEqual([
      'CHILD 2001, episode 1',
      'CHILD 2001, episode 2',
      'CHILD 2002, episode 1',
    ]);
    // The tables left out: as many rows as their CSV files hold.
    const skippedFromCsv = Object.entries(TABLE_FILES)
      .filter(([, table]) => !USED.has(table))
      .map(([file, table]) => ({ table, rows: rowsIn(read(full, file)) }));
    expect(xml.skipped).toEqual(skippedFromCsv);
  });
});

describe('two-digit years', () => {
  it('are resolved by the return year into the 99 years up to the year after it', () => {
    expect(resolveTwoDigitYear(8, 2021)).toBe(2008);
    expect(resolveTwoDigitYear(21, 2021)).toBe(2021);
    expect(resolveTwoDigitYear(22, 2021)).toBe(2022);
    expect(resolveTwoDigitYear(23, 2021)).toBe(1923);
    expect(resolveTwoDigitYear(99, 2021)).toBe(1999);
  });

  it('are read with a warning that says what was read and that the row is kept', () => {
    const result = importSsda903([
      { name: '2021-two-digit-header.csv', text: read(fixtures, '2021-two-digit-header.csv') },
      { name: '2021-two-digit-episodes.csv', text: read(fixtures, '2021-two-digit-episodes.csv') },
    ]);
    expect(result.hasErrors).toBe(false);
    const { children, episodes } = result.dataset;
    expect(isoFromDay(children.dob[children.id.indexOf('3001')]!)).toBe('2008-06-16');
    expect(isoFromDay(children.dob[children.id.indexOf('3002')]!)).toBe('1999-02-01');
    expect(episodes.length).toBe(4);
    expect(isoFromDay(episodes.decom[0]!)).toBe('2020-01-01');
    const twoDigit = result.issues.filter((i) => /two-digit year/.test(i.message));
    expect(twoDigit.map((i) => [i.severity, i.file, i.row, i.column, i.message])).toContainEqual([
      'warning',
      '2021-two-digit-header.csv',
      2,
      'DOB',
      'DOB "16/06/08" has a two-digit year: read as 2008-06-16 (by the return year 2021); the row is kept.',
    ]);
    expect(twoDigit.every((i) => i.severity === 'warning' && i.message.endsWith('the row is kept.'))).toBe(true);
    expect(twoDigit).toHaveLength(5);
  });

  it('are an error naming the missing return year when the file gives none', () => {
    const text = read(fixtures, '2021-two-digit-episodes.csv');
    const result = importSsda903([{ name: 'episodes.csv', text }]);
    expect(result.hasErrors).toBe(true);
    const first = result.issues.find((i) => i.severity === 'error')!;
    expect(first).toMatchObject({ file: 'episodes.csv', row: 2, column: 'DECOM' });
    expect(first.message).toMatch(/two-digit year, and the file gives no return year/);
    expect(first.message).toMatch(/correct it, then import the file again\.$/);
    // With the year given, the same file is read.
    expect(importSsda903([{ name: 'episodes.csv', text, year: 2021 }]).hasErrors).toBe(false);
  });
});

describe('the stock-flow model and UASC children', () => {
  const files = ['2022-header.csv', '2022-episodes.csv', '2022-uasc.csv'].map((name) => ({
    name,
    text: read(full, name),
  }));
  const { dataset } = importSsda903(files);
  const childOf = (table: { child: Int32Array; length: number }) =>
    [...table.child.slice(0, table.length)].map((c) => dataset.children.id[c]);

  it('counts an episode as UASC when the child is in the UASC table and it starts before DUC', () => {
    const only = selectByUasc(dataset.episodes, dataset.children, 'only', 'corrected');
    expect(childOf(only)).toEqual(['2003', '2004']);
    const others = selectByUasc(dataset.episodes, dataset.children, 'excluded', 'corrected');
    expect(others.length + only.length).toBe(dataset.episodes.length);
    expect(childOf(others)).not.toContain('2003');
    // Per child offsets are rebuilt for the subset.
    const c = dataset.children.id.indexOf('2004');
    expect(only.firstEpisode[c + 1]! - only.firstEpisode[c]!).toBe(1);
  });

  it('a UASC child without DUC is UASC in corrected mode and not in the reference mode', () => {
    const noDuc = importSsda903([
      ...files.slice(0, 2),
      { name: '2022-uasc.csv', text: 'CHILD,SEX,DOB,DUC\n2003,1,20/09/2005,\n' },
    ]).dataset;
    expect(childOf(selectByUasc(noDuc.episodes, noDuc.children, 'only', 'corrected'))).toEqual(['2003']);
    expect(selectByUasc(noDuc.episodes, noDuc.children, 'only', 'sf-regional').length).toBe(0);
  });

  it('fits on the chosen children and says so', () => {
    const options = { referenceStart: '2021-04-01', referenceEnd: '2022-03-31' } as const;
    const all = fitStockFlow(dataset.episodes, dataset.children, { ...options, mode: 'sf-regional' });
    const excluded = fitStockFlow(dataset.episodes, dataset.children, {
      ...options,
      mode: 'sf-regional',
      uasc: 'excluded',
    });
    const stock = (m: typeof all) => [...(m as { initialStock: Float64Array }).initialStock].reduce((a, b) => a + b);
    // On 31 March 2022 four children are in care (2001, 2002, 2003, 2006); 2003 is UASC.
    expect(stock(all)).toBe(4);
    expect(stock(all) - stock(excluded)).toBe(1);
    expect(excluded.notes.at(-1)).toMatch(/^Excluding unaccompanied asylum-seeking children: 6 of 8 episodes used/);
  });
});
