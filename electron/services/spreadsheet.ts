/**
 * Reads spreadsheets into plain tables of text cells, so that XLSX, ODS and CSV share one parsing
 * path in shared/import. XLSX through read-excel-file; ODS (Ofsted publishes ODS, and no maintained
 * library reads it) by unzipping content.xml with fflate and walking it with fast-xml-parser.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import readExcelFile from 'read-excel-file/node';

export interface SheetTable {
  sheetName: string | null;
  rows: string[][];
}

export type SpreadsheetKind = 'xlsx' | 'ods' | null;

/** Recognises a spreadsheet from its bytes (zip with the right manifest), not its name. */
export function spreadsheetKind(bytes: Uint8Array): SpreadsheetKind {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) return null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.name === 'mimetype' || f.name === '[Content_Types].xml' });
  } catch {
    return null;
  }
  const mimetype = entries.mimetype ? strFromU8(entries.mimetype).trim() : '';
  if (mimetype === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
  if (entries['[Content_Types].xml'] && strFromU8(entries['[Content_Types].xml']).includes('spreadsheetml'))
    return 'xlsx';
  return null;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export async function readXlsx(bytes: Uint8Array): Promise<SheetTable[]> {
  const sheets = await readExcelFile(Buffer.from(bytes));
  return sheets.map((s) => ({ sheetName: s.sheet, rows: s.data.map((row) => row.map(cellText)) }));
}

/** fast-xml-parser's ordered form: each node is { tag: children[], ':@'?: attributes }. */
type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function tagOf(node: OrderedNode): string {
  return Object.keys(node).find((k) => k !== ':@') ?? '';
}

function childrenOf(node: OrderedNode): OrderedNode[] {
  const children = node[tagOf(node)];
  return Array.isArray(children) ? (children as OrderedNode[]) : [];
}

function findAll(nodes: OrderedNode[], tag: string): OrderedNode[] {
  const found: OrderedNode[] = [];
  for (const node of nodes) {
    if (tagOf(node) === tag) found.push(node);
    else if (tagOf(node) !== '#text') found.push(...findAll(childrenOf(node), tag));
  }
  return found;
}

function textOf(nodes: OrderedNode[]): string {
  let text = '';
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === '#text') text += String(node['#text']);
    else if (tag === 'text:s') text += ' '.repeat(Number(node[':@']?.['@_text:c'] ?? 1));
    else if (tag === 'text:line-break') text += '\n';
    else text += textOf(childrenOf(node));
  }
  return text;
}

/** The text of an ODS cell: its typed value attribute, else its paragraphs joined by newlines. */
function odsCellText(cell: OrderedNode): string {
  const attrs = cell[':@'] ?? {};
  const type = attrs['@_office:value-type'];
  if (type === 'float' || type === 'percentage' || type === 'currency') return attrs['@_office:value'] ?? '';
  if (type === 'date') return (attrs['@_office:date-value'] ?? '').slice(0, 10);
  if (type === 'boolean') return attrs['@_office:boolean-value'] ?? '';
  return childrenOf(cell)
    .filter((c) => tagOf(c) === 'text:p')
    .map((p) => textOf(childrenOf(p)))
    .join('\n');
}

/** Repeats beyond this are trailing blank formatting, not data. */
const MAX_REPEAT = 10_000;

export function readOds(bytes: Uint8Array): SheetTable[] {
  const files = unzipSync(bytes, { filter: (f) => f.name === 'content.xml' });
  const content = files['content.xml'];
  if (!content) throw new Error('This ODS file has no content.xml.');
  const parser = new XMLParser({
    ignoreAttributes: false,
    preserveOrder: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
  });
  const doc = parser.parse(strFromU8(content)) as OrderedNode[];
  return findAll(doc, 'table:table').map((table) => {
    const rows: string[][] = [];
    for (const row of findAll(childrenOf(table), 'table:table-row')) {
      const cells: string[] = [];
      for (const cell of childrenOf(row)) {
        const tag = tagOf(cell);
        if (tag !== 'table:table-cell' && tag !== 'table:covered-table-cell') continue;
        const repeat = Math.min(Number(cell[':@']?.['@_table:number-columns-repeated'] ?? 1), MAX_REPEAT);
        const text = tag === 'table:covered-table-cell' ? '' : odsCellText(cell);
        for (let i = 0; i < repeat; i++) cells.push(text);
      }
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      const repeatRows = Math.min(Number(row[':@']?.['@_table:number-rows-repeated'] ?? 1), MAX_REPEAT);
      for (let i = 0; i < repeatRows; i++) rows.push([...cells]);
    }
    while (rows.length && rows[rows.length - 1]?.length === 0) rows.pop();
    return { sheetName: table[':@']?.['@_table:name'] ?? null, rows };
  });
}

export async function readSpreadsheet(bytes: Uint8Array): Promise<SheetTable[] | null> {
  const kind = spreadsheetKind(bytes);
  if (kind === 'xlsx') return readXlsx(bytes);
  if (kind === 'ods') return readOds(bytes);
  return null;
}
