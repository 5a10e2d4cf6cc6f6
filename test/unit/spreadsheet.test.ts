import { strToU8, zipSync } from 'fflate';
import writeExcelFile from 'write-excel-file/node';
import { describe, expect, it } from 'vitest';
import { readOds, readSpreadsheet, spreadsheetKind } from '../../electron/services/spreadsheet.js';

/** A minimal ODS in the Ofsted layout: title rows, then the header on row 4, then data. */
function odsFile(): Uint8Array {
  const cell = (text: string, extra = '') =>
    `<table:table-cell office:value-type="string"${extra}><text:p>${text}</text:p></table:table-cell>`;
  const num = (v: number) =>
    `<table:table-cell office:value-type="float" office:value="${v}"><text:p>${v}</text:p></table:table-cell>`;
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">
<office:body><office:spreadsheet>
<table:table table:name="Cover"><table:table-row>${cell('Children’s social care data in England 2023')}</table:table-row></table:table>
<table:table table:name="Provider_level_at_31_Mar_2023">
<table:table-row>${cell('Children’s social care data in England 2023 - Provider level', ' table:number-columns-spanned="3"')}<table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row>${cell('This worksheet contains one table')}</table:table-row>
<table:table-row table:number-rows-repeated="1"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row>${cell('URN')}${cell('Provision type')}${cell('Local authority')}${cell('Places')}</table:table-row>
<table:table-row>${cell('SC123456')}${cell('Children&apos;s home')}${cell('Bournemouth, Christchurch &amp; Poole')}${num(4)}</table:table-row>
<table:table-row>${cell('SC654321')}${cell('Children’s Home')}<table:table-cell office:value-type="string"><text:p>St<text:s/>Helens</text:p></table:table-cell>${num(2)}</table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>`;
  return zipSync({
    mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
    'content.xml': strToU8(content),
  });
}

describe('spreadsheet reading', () => {
  it('reads an ODS workbook: sheets, title rows, repeated and covered cells, text spaces', () => {
    const bytes = odsFile();
    expect(spreadsheetKind(bytes)).toBe('ods');
    const sheets = readOds(bytes);
    expect(sheets.map((s) => s.sheetName)).toEqual(['Cover', 'Provider_level_at_31_Mar_2023']);
    const rows = sheets[1]?.rows ?? [];
    expect(rows[0]).toEqual(['Children’s social care data in England 2023 - Provider level']);
    expect(rows[2]).toEqual([]);
    expect(rows[3]).toEqual(['URN', 'Provision type', 'Local authority', 'Places']);
    expect(rows[4]).toEqual(['SC123456', "Children's home", 'Bournemouth, Christchurch & Poole', '4']);
    expect(rows[5]).toEqual(['SC654321', 'Children’s Home', 'St Helens', '2']);
    expect(rows).toHaveLength(6); // the million blank formatting rows are dropped
  });

  it('reads an XLSX workbook written by another tool', async () => {
    const bytes = await writeExcelFile([
      {
        sheet: 'Provider_level_at_31_Mar_2023',
        data: [
          [{ value: 'Provider level as at 31 March 2023' }],
          [],
          [{ value: 'URN' }, { value: 'Provision type' }, { value: 'Local authority' }, { value: 'Places' }],
          [{ value: 'SC123456' }, { value: "Children's home" }, { value: 'Bolton' }, { value: 4 }],
        ],
      },
    ]).toBuffer();
    const u8 = new Uint8Array(bytes);
    expect(spreadsheetKind(u8)).toBe('xlsx');
    const sheets = await readSpreadsheet(u8);
    expect(sheets?.[0]?.sheetName).toBe('Provider_level_at_31_Mar_2023');
    const rows = sheets?.[0]?.rows ?? [];
    expect(rows.find((r) => r[0] === 'URN')).toEqual(['URN', 'Provision type', 'Local authority', 'Places']);
    expect(rows.find((r) => r[0] === 'SC123456')).toEqual(['SC123456', "Children's home", 'Bolton', '4']);
  });

  it('recognises neither CSV text nor a plain zip as a spreadsheet', async () => {
    expect(spreadsheetKind(strToU8('URN,Places\nSC1,4\n'))).toBeNull();
    expect(spreadsheetKind(zipSync({ 'notes.txt': strToU8('hello') }))).toBeNull();
    expect(await readSpreadsheet(strToU8('a,b'))).toBeNull();
  });
});
