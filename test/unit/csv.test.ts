import { describe, it, expect } from 'vitest';
import { parseCsv } from '#shared/import/csv.js';

describe('parseCsv', () => {
  it('splits simple records and fields', () => {
    expect(parseCsv('a,b,c\n1,2,3')).toEqual([
      ['a', 'b', 'c'],
      ['1', '2', '3'],
    ]);
  });

  it('gives no records for empty input', () => {
    expect(parseCsv('')).toEqual([]);
  });

  it('does not add a record for a trailing line break', () => {
    expect(parseCsv('a,b\n1,2\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('accepts CRLF, LF and lone CR line breaks', () => {
    expect(parseCsv('a,b\r\n1,2\n3,4\r5,6')).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['5', '6'],
    ]);
  });

  it('drops a UTF-8 byte-order mark so the first column name is clean', () => {
    const rows = parseCsv('\uFEFFtime_period,number\n2024,83630\n');
    expect(rows[0]?.[0]).toBe('time_period');
    expect(rows).toEqual([
      ['time_period', 'number'],
      ['2024', '83630'],
    ]);
  });

  it('keeps a BOM-like character that is not at the start', () => {
    expect(parseCsv('a,\uFEFFb')).toEqual([['a', '\uFEFFb']]);
  });

  it('keeps empty fields, including leading, trailing and whole empty records', () => {
    expect(parseCsv(',a,,b,\n,,')).toEqual([
      ['', 'a', '', 'b', ''],
      ['', '', ''],
    ]);
    expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
  });

  it('reads quoted fields with embedded commas', () => {
    expect(parseCsv('name,number\n"Bournemouth, Christchurch & Poole","1,234"')).toEqual([
      ['name', 'number'],
      ['Bournemouth, Christchurch & Poole', '1,234'],
    ]);
  });

  it('reads quoted fields with embedded line breaks', () => {
    expect(parseCsv('"line one\nline two",x\r\n"a\r\nb",y\r\n')).toEqual([
      ['line one\nline two', 'x'],
      ['a\r\nb', 'y'],
    ]);
  });

  it('reads doubled quotes inside quoted fields', () => {
    expect(parseCsv('"Children""s home","say ""hello"""\n')).toEqual([['Children"s home', 'say "hello"']]);
    expect(parseCsv('"",""""')).toEqual([['', '"']]);
  });

  it('keeps apostrophes and unicode text as they are', () => {
    expect(parseCsv("Secure homes and children's homes,Children’s Home")).toEqual([
      ["Secure homes and children's homes", 'Children’s Home'],
    ]);
  });

  it('keeps quotes inside unquoted fields literally', () => {
    expect(parseCsv('a"b,c')).toEqual([['a"b', 'c']]);
  });

  it('keeps the spaces around fields', () => {
    expect(parseCsv(' a , b ')).toEqual([[' a ', ' b ']]);
  });

  it('parses an Excel-style export with title rows and padding columns', () => {
    const text =
      '\uFEFFChildren\'s social care data,,\r\n"This worksheet contains one table, beginning in A4.",,\r\n,,\r\nURN,Provision type,Places\r\nSC1,"Children\'s home",4\r\n';
    const rows = parseCsv(text);
    expect(rows).toHaveLength(5);
    expect(rows[1]).toEqual(['This worksheet contains one table, beginning in A4.', '', '']);
    expect(rows[3]).toEqual(['URN', 'Provision type', 'Places']);
    expect(rows[4]).toEqual(['SC1', "Children's home", '4']);
  });

  it('reports a quoted field that is never closed', () => {
    expect(() => parseCsv('a,b\n"unfinished,c\n')).toThrow(/line 2 is never closed/);
  });
});
