/**
 * The import's input limits piece by piece: CSV cells and cell length, the reading of a file that
 * is not UTF-8, the ODS content reader's repeats and limits (and that blank formatting rows still
 * cost nothing), the XLSX part scan, and the ZIP reader's decompression limits, including an
 * archive that lies about its sizes. The whole files go through the worker in
 * test/integration/hostileFiles.test.ts.
 */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readOdsContent } from '../../electron/services/odsContent.js';
import { readOds } from '../../electron/services/spreadsheet.js';
import { scanXlsxPart, type XlsxTally } from '../../electron/services/xlsxScan.js';
import { InflateBudget, listZipEntries, readZipEntry } from '../../electron/services/zipLimits.js';
import { parseCsv } from '#shared/import/csv.js';
import { parseImportFile } from '#shared/import/index.js';
import { DEFAULT_INPUT_LIMITS, InputLimitError, formatBytes, resolveLimits } from '#shared/import/limits.js';
import { decodeText, describeNotUtf8, scanUtf8 } from '#shared/import/text.js';
import { fixtureBytes } from '../fixtures/import/files.js';
import { testLookup } from '../fixtures/import/reference.js';

const limits = resolveLimits();

/** The InputLimitError `fn` throws (fails when it throws none, or another error). */
function refusal(fn: () => unknown): InputLimitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputLimitError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('limits', () => {
  it('has the documented defaults, each replaceable', () => {
    expect(DEFAULT_INPUT_LIMITS).toMatchObject({
      maxInputBytes: 1 << 30,
      maxInflatedBytes: 256 << 20,
      maxRows: 1_048_576,
      maxColumns: 16_384,
      maxCells: 5_000_000,
      maxCellChars: 32_767,
    });
    expect(resolveLimits({ maxInputBytes: 1024, maxCells: -1 })).toMatchObject({
      maxInputBytes: 1024,
      maxCells: 5_000_000,
    });
    expect([formatBytes(1 << 30), formatBytes(300_000_000), formatBytes(1536), formatBytes(12)]).toEqual([
      '1 GiB',
      '286.1 MiB',
      '1.5 KiB',
      '12 bytes',
    ]);
  });
});

describe('CSV limits', () => {
  it('refuses past the cell limit, naming the row', () => {
    const error = refusal(() => parseCsv('a,b\n1,2\n3,4\n', { maxCells: 5 }));
    expect(error.limit).toBe('cells');
    expect(error.message).toBe('The file has more than 5 cells (the cell limit); row 3 passes it.');
    expect(parseCsv('a,b\n1,2\n', { maxCells: 4 })).toHaveLength(2);
  });

  it('refuses a cell longer than the cell-length limit, naming its row and column, quoted or not', () => {
    const long = 'x'.repeat(40);
    expect(refusal(() => parseCsv(`a,b\n1,${long}\n`, { maxCellChars: 32 })).message).toBe(
      'Row 2, column 2 holds 40 characters, more than the 32 a cell may hold (the cell-length limit).',
    );
    expect(refusal(() => parseCsv(`a,"${long}"`, { maxCellChars: 32 })).column).toBe(2);
  });
});

describe('reading a file that is not UTF-8', () => {
  it('finds the first byte that is not UTF-8 and counts the well-formed sequences', () => {
    const bytes = new Uint8Array([0x61, 0xe2, 0x80, 0x99, 0x0a, 0x62, 0xff, 0xc3, 0xa9, 0xed, 0xa0, 0x80]);
    expect(scanUtf8(bytes)).toEqual({ firstInvalid: 6, invalid: 4, multibyte: 2 });
    const decoded = decodeText(bytes);
    expect(decoded.notUtf8).toEqual({ byte: 6, line: 2, value: 0xff, invalid: 4, multibyte: 2 });
    expect(describeNotUtf8(decoded)).toBe(
      'it is not valid UTF-8 (byte 7, 0xFF, on line 2, is not UTF-8, and 3 more bytes are not)',
    );
  });

  it('refuses a Windows-1252 reading when most data rows have problems', () => {
    const text = fixtureBytes('ofsted-providers-2023-windows-1252.csv');
    const lines = Buffer.from(text).toString('latin1').split('\n');
    const header = lines.findIndex((l) => l.startsWith('Web link'));
    const row = lines[header + 1] ?? '';
    const damaged = ['Bolt\xf6n\xff', 'Bur\xff\xff', 'Wig\xe0n\xff'].map((name, k) =>
      row.replace('SC300001', `SC30001${k}`).replace('"Bournemouth, Christchurch & Poole"', name),
    );
    const bytes = new Uint8Array(Buffer.from([...lines.slice(0, header + 2), ...damaged].join('\n'), 'latin1'));
    const r = parseImportFile('providers.csv', bytes, testLookup);
    expect(r.encoding).toBe('windows-1252');
    expect(r.issues.map((i) => i.message)).toContainEqual(
      expect.stringMatching(
        /^providers\.csv was read as Windows-1252 because it is not valid UTF-8 .*, but then most of its 4 data rows could not be taken \(3 have problems/,
      ),
    );
  });
});

const NS =
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
const content = (tables: string) =>
  `<?xml version="1.0"?><office:document-content ${NS}><office:body><office:spreadsheet>${tables}</office:spreadsheet></office:body></office:document-content>`;
const text = (t: string, extra = '') =>
  `<table:table-cell office:value-type="string"${extra}><text:p>${t}</text:p></table:table-cell>`;

describe('ODS content', () => {
  it('materialises blank rows only before a row with something in it, and repeated rows within the limits', () => {
    const xml = content(
      `<table:table table:name="S"><table:table-row>${text('a')}</table:table-row>` +
        '<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>' +
        `<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"/>${text('b', ' table:number-columns-repeated="2"')}<table:table-cell table:number-columns-repeated="9000"/></table:table-row>` +
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>',
    );
    const rows = readOdsContent(xml, 'w.ods', limits)[0]?.rows;
    expect(rows).toEqual([['a'], [], [], ['', '', 'b', 'b'], ['', '', 'b', 'b'], ['', '', 'b', 'b']]);
  });

  it('refuses repeats past the row, column and cell limits before expanding them', () => {
    const row = (rows: number, cols: number) =>
      content(
        `<table:table table:name="Big"><table:table-row table:number-rows-repeated="${rows}">${text('x', ` table:number-columns-repeated="${cols}"`)}</table:table-row></table:table>`,
      );
    expect(refusal(() => readOdsContent(row(1, 16_385), 'w.ods', limits)).message).toBe(
      "w.ods: sheet 'Big', row 1 reaches column 16,385, more than the 16,384 this tool reads (the column limit).",
    );
    expect(refusal(() => readOdsContent(row(1_048_577, 1), 'w.ods', limits)).limit).toBe('rows');
    expect(refusal(() => readOdsContent(row(1000, 5001), 'w.ods', limits)).message).toMatch(
      /repeats a row of 5,001 cells 1,000 times, bringing the workbook to 5,001,000 cells, more than the 5,000,000 this tool reads \(the cell limit\)/,
    );
  });

  it('refuses a cell past the cell-length limit, however its text is made (text:s included)', () => {
    const spaces = content(
      `<table:table><table:table-row>${text('<text:s text:c="1000000000"/>')}</table:table-row></table:table>`,
    );
    expect(refusal(() => readOdsContent(spaces, 'w.ods', limits)).limit).toBe('cell-length');
  });

  it('refuses a NUL and entity declarations', () => {
    const nul = content(`<table:table><table:table-row>${text('a\u0000')}</table:table-row></table:table>`);
    expect(refusal(() => readOdsContent(nul, 'w.ods', limits)).message).toMatch(
      /^w\.ods: content\.xml line 1, column \d+: the character U\+0000 \(NUL\) is not allowed in XML/,
    );
    const laughs = `<!DOCTYPE d [<!ENTITY a "aaaa">]>${content('')}`;
    expect(refusal(() => readOdsContent(laughs, 'w.ods', limits)).message).toMatch(/declares XML entities/);
  });
});

describe('XLSX part scan', () => {
  const sheet = (cells: string) => strToU8(`<worksheet xmlns="x"><sheetData>${cells}</sheetData></worksheet>`);
  const scan = (data: Uint8Array, tally: XlsxTally = { cells: 0, grid: 0 }) =>
    scanXlsxPart(data, 'xl/worksheets/sheet1.xml', 'w.xlsx', limits, tally);

  it('counts the grid read-excel-file would fill, up to the last cell with a value', () => {
    const tally = { cells: 0, grid: 0 };
    scan(
      sheet('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="1"/></row><row r="3"><c r="C3" t="s"><v>0</v></c></row>'),
      tally,
    );
    expect(tally).toEqual({ cells: 3, grid: 9 });
    expect(
      refusal(() => scan(sheet('<row r="1"><c r="A1"><v>1</v></c></row><row r="400"><c r="XFD400"><v>1</v></c></row>')))
        .message,
    ).toBe(
      'w.xlsx: xl/worksheets/sheet1.xml has values as far as row 400 and column 16,384, a grid of 6,553,600 cells; with its other sheets that is more than the 5,000,000 this tool reads (the cell limit).',
    );
  });

  it('refuses cells past the row and column limits, and control characters', () => {
    expect(refusal(() => scan(sheet('<row r="1048577"><c><v>1</v></c></row>'))).limit).toBe('rows');
    expect(refusal(() => scan(sheet('<row><c r="XFE1"><v>1</v></c></row>'))).limit).toBe('columns');
    expect(refusal(() => scan(sheet('<row><c><v>1\u0000</v></c></row>'))).message).toMatch(
      /U\+0000 is not allowed in XML/,
    );
  });
});

describe('ZIP decompression limits', () => {
  const zip = zipSync({ 'big.xml': new Uint8Array(4 << 20).fill(0x41), 'small.xml': strToU8('<a/>') });

  it('stops inflating at the per-part limit, whatever size the archive declares', () => {
    const lying = zip.slice();
    // Declare 1 KB for big.xml in its central directory entry.
    const entries = listZipEntries(zip, 'w.xlsx');
    const central = lying.length - 22 - entries.reduce((n, e) => n + 46 + e.name.length, 0);
    new DataView(lying.buffer).setUint32(central + 24, 1024, true);
    const big = listZipEntries(lying, 'w.xlsx').find((e) => e.name === 'big.xml');
    expect(big?.declaredSize).toBe(1024);
    const budget = new InflateBudget('w.xlsx', { maxInflatedBytes: 8 << 20, maxEntryBytes: 1 << 20 });
    expect(refusal(() => big && readZipEntry(lying, big, budget)).message).toBe(
      'w.xlsx: its part big.xml inflates to more than 1 MiB, the decompression limit for one part. It is not a workbook this tool reads.',
    );
  });

  it('counts every part against the total', () => {
    const budget = new InflateBudget('w.xlsx', { maxInflatedBytes: 4 << 20, maxEntryBytes: 4 << 20 });
    const [big, small] = listZipEntries(zip, 'w.xlsx');
    expect(big && readZipEntry(zip, big, budget).length).toBe(4 << 20);
    expect(refusal(() => small && readZipEntry(zip, small, budget)).limit).toBe('inflated-size');
  });

  it('reads an ODS within the limits given', () => {
    const ods = zipSync({
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8(
        content(`<table:table table:name="S"><table:table-row>${text('a')}</table:table-row></table:table>`),
      ),
    });
    expect(readOds(ods, 'w.ods')[0]?.rows).toEqual([['a']]);
    expect(refusal(() => readOds(ods, 'w.ods', { maxEntryBytes: 100 })).limit).toBe('entry-size');
  });
});
