/**
 * Reads spreadsheets into plain tables of text cells, so that XLSX, ODS and CSV share one parsing
 * path in shared/import. Both are ZIP archives, read part by part within the decompression limits
 * (./zipLimits.ts). XLSX through read-excel-file, after a scan of its XML parts for cells, rows,
 * columns and cell lengths past the limits (./xlsxScan.ts), and given a plain (stored) archive of
 * exactly the parts that were checked, so that it reads nothing unchecked. ODS (Ofsted publishes
 * ODS, and no maintained library reads it) by walking content.xml in one pass (./odsContent.ts).
 */
import { zipSync } from 'fflate';
import readExcelFile from 'read-excel-file/node';
import { InputLimitError, resolveLimits, type InputLimits } from '#shared/import/limits.js';
import { readOdsContent } from './odsContent.js';
import { scanXlsxPart, type XlsxTally } from './xlsxScan.js';
import {
  InflateBudget,
  NotAZipError,
  findZipEntry,
  listZipEntries,
  looksLikeZip,
  readZipEntry,
  type ZipEntry,
} from './zipLimits.js';

export interface SheetTable {
  sheetName: string | null;
  rows: string[][];
}

export type SpreadsheetKind = 'xlsx' | 'ods' | null;

/** The most the two small parts that tell a workbook's kind may inflate to. */
const KIND_PARTS_LIMIT = { maxInflatedBytes: 2 << 20, maxEntryBytes: 1 << 20 };

const utf8 = new TextDecoder('utf-8');

/** A part's text, or '' when it is missing or cannot be read within the small limit. */
function smallPart(bytes: Uint8Array, entries: readonly ZipEntry[], name: string, budget: InflateBudget): string {
  const entry = findZipEntry(entries, name);
  if (!entry) return '';
  try {
    return utf8.decode(readZipEntry(bytes, entry, budget));
  } catch {
    return '';
  }
}

/** Recognises a spreadsheet from its bytes (zip with the right manifest), not its name. */
export function spreadsheetKind(bytes: Uint8Array): SpreadsheetKind {
  if (!looksLikeZip(bytes)) return null;
  let entries: ZipEntry[];
  try {
    entries = listZipEntries(bytes, 'The file');
  } catch {
    return null;
  }
  const budget = new InflateBudget('The file', KIND_PARTS_LIMIT);
  if (smallPart(bytes, entries, 'mimetype', budget).trim() === 'application/vnd.oasis.opendocument.spreadsheet')
    return 'ods';
  if (smallPart(bytes, entries, '[Content_Types].xml', budget).includes('spreadsheetml')) return 'xlsx';
  return null;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/** The archive's parts, or a plain error for bytes that are not a readable archive. */
function partsOf(bytes: Uint8Array, fileName: string): ZipEntry[] {
  try {
    return listZipEntries(bytes, fileName);
  } catch (error) {
    if (error instanceof NotAZipError) {
      throw new Error(`${fileName} is not a readable workbook: ${error.message}.`, { cause: error });
    }
    throw error;
  }
}

export async function readXlsx(
  bytes: Uint8Array,
  fileName = 'The file',
  limitOverrides: Partial<InputLimits> = {},
): Promise<SheetTable[]> {
  const limits = resolveLimits(limitOverrides);
  const budget = new InflateBudget(fileName, limits);
  const tally: XlsxTally = { cells: 0, grid: 0 };
  const checked: Record<string, Uint8Array> = {};
  // The parts read-excel-file reads (it ignores everything but XML).
  for (const entry of partsOf(bytes, fileName)) {
    if (!/\.xml(\.rels)?$/i.test(entry.name) || entry.name.endsWith('/')) continue;
    const data = readZipEntry(bytes, entry, budget);
    scanXlsxPart(data, entry.name, fileName, limits, tally);
    checked[entry.name] = data;
  }
  const archive = zipSync(checked, { level: 0 });
  const sheets = await readExcelFile(Buffer.from(archive.buffer, archive.byteOffset, archive.byteLength));
  return sheets.map((s) => ({ sheetName: s.sheet, rows: s.data.map((row) => row.map(cellText)) }));
}

export function readOds(
  bytes: Uint8Array,
  fileName = 'The file',
  limitOverrides: Partial<InputLimits> = {},
): SheetTable[] {
  const limits = resolveLimits(limitOverrides);
  const entries = partsOf(bytes, fileName);
  const entry = findZipEntry(entries, 'content.xml');
  if (!entry) throw new Error('This ODS file has no content.xml.');
  const content = readZipEntry(bytes, entry, new InflateBudget(fileName, limits));
  let xml: string;
  try {
    xml = utf8.decode(content);
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_STRING_TOO_LONG') {
      throw new InputLimitError('memory', `${fileName}: its content.xml is too large to read as text.`);
    }
    throw error;
  }
  return readOdsContent(xml, fileName, limits);
}

export async function readSpreadsheet(
  bytes: Uint8Array,
  fileName = 'The file',
  limits: Partial<InputLimits> = {},
): Promise<SheetTable[] | null> {
  const kind = spreadsheetKind(bytes);
  if (kind === 'xlsx') return readXlsx(bytes, fileName, limits);
  if (kind === 'ods') return readOds(bytes, fileName, limits);
  return null;
}
