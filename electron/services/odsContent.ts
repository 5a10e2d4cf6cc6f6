/**
 * Reads the sheets of an ODS workbook from its content.xml in one pass over the text, keeping only
 * the cells: no document tree is built, so memory follows the cells, not the XML (a tree of a
 * 100 MB content.xml took gigabytes). Repeated rows and cells (table:number-rows-repeated,
 * table:number-columns-repeated) are expanded only when they hold something and only within the
 * limits — rows, columns and cells in all — and blank ones (the million formatting rows LibreOffice
 * writes at the end of a sheet) are counted, never materialised. A repeat past a limit is refused
 * at once, naming the sheet, the row and the limit, before anything is expanded.
 *
 * Cell text is read as before: a typed value's attribute (office:value, date-value, boolean-value),
 * else the cell's own paragraphs joined by newlines, with text:s spaces and text:line-break breaks.
 */
import { InputLimitError, formatCount, type InputLimits } from '#shared/import/limits.js';
import { declaresEntities, describeChar, findIllegalXmlChar, lineAndColumn } from '#shared/import/xml.js';

export interface OdsSheet {
  sheetName: string | null;
  rows: string[][];
}

/** Longest tag read (a cell's tag with a long formula is a few KB). */
const MAX_TAG_CHARS = 1 << 20;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five entities and character references decoded; anything else left as written. */
function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#')) {
      const code = ref.startsWith('#x') ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

/**
 * The value of one attribute of the tag in xml[start, end) (after its name), decoded; undefined when
 * the tag has none. Attributes are walked in order with indexOf (no regular expression, no map), so
 * a name inside another attribute's value is never mistaken for an attribute.
 */
function attribute(xml: string, start: number, end: number, name: string): string | undefined {
  let k = start;
  while (k < end) {
    const eq = xml.indexOf('=', k);
    if (eq === -1 || eq >= end) return undefined;
    let nameStart = k;
    while (nameStart < eq && isSpace(xml.charCodeAt(nameStart))) nameStart += 1;
    let nameEnd = eq;
    while (nameEnd > nameStart && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd -= 1;
    let q = eq + 1;
    while (q < end && isSpace(xml.charCodeAt(q))) q += 1;
    const quote = xml.charCodeAt(q);
    if (quote !== 0x22 && quote !== 0x27) return undefined;
    const close = xml.indexOf(quote === 0x22 ? '"' : "'", q + 1);
    if (close === -1 || close >= end) return undefined;
    if (nameEnd - nameStart === name.length && xml.startsWith(name, nameStart)) {
      return decodeEntities(xml.slice(q + 1, close));
    }
    k = close + 1;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * Finds the '>' that ends each tag, outside quoted attribute values, with indexOf: the next '"'
 * and "'" are remembered and only ever move forward, so the text is scanned once however many tags
 * it has (a character loop per tag, and a regular expression per cell's attributes, were most of
 * the reading time).
 */
class TagEnds {
  private nextDouble = -2;
  private nextSingle = -2;
  constructor(private readonly xml: string) {}

  private next(quote: '"' | "'", from: number): number {
    if (quote === '"') {
      if (this.nextDouble !== -1 && this.nextDouble < from) this.nextDouble = this.xml.indexOf('"', from);
      return this.nextDouble;
    }
    if (this.nextSingle !== -1 && this.nextSingle < from) this.nextSingle = this.xml.indexOf("'", from);
    return this.nextSingle;
  }

  /** The index of the '>' that ends the tag opened at `lt`; -1 if none within MAX_TAG_CHARS. */
  end(lt: number): number {
    const xml = this.xml;
    const limit = Math.min(xml.length, lt + MAX_TAG_CHARS);
    let k = lt + 1;
    for (;;) {
      const gt = xml.indexOf('>', k);
      if (gt === -1 || gt >= limit) return -1;
      const double = this.next('"', k);
      const single = this.next("'", k);
      const q = double === -1 ? single : single === -1 ? double : Math.min(double, single);
      if (q === -1 || q > gt) return gt;
      const close = this.next(q === double ? '"' : "'", q + 1);
      if (close === -1 || close >= limit) return -1;
      k = close + 1;
    }
  }
}

/** A positive whole repeat count from an attribute (1 when absent or unreadable). */
function repeatOf(value: string | undefined): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** Reads the sheets of content.xml, within the limits; throws {@link InputLimitError} past them. */
export function readOdsContent(
  xml: string,
  fileName: string,
  limits: Pick<InputLimits, 'maxRows' | 'maxColumns' | 'maxCells' | 'maxCellChars'>,
): OdsSheet[] {
  const illegal = findIllegalXmlChar(xml);
  if (illegal) {
    const { line, column } = lineAndColumn(xml, illegal.index);
    throw new InputLimitError(
      'not-a-file',
      `${fileName}: content.xml line ${formatCount(line)}, column ${formatCount(column)}: the character ${describeChar(illegal.code)} is not allowed in XML, so the workbook is not read. It may be damaged: save it again.`,
    );
  }
  if (declaresEntities(xml)) {
    throw new InputLimitError(
      'not-a-file',
      `${fileName}: content.xml declares XML entities (<!ENTITY …>), which are never expanded, so the workbook is not read.`,
    );
  }

  const sheets: OdsSheet[] = [];
  let cellsInFile = 0;
  let sheet: OdsSheet | null = null;
  let blankRows = 0;
  let row: string[] | null = null;
  let rowRepeat = 1;
  let blankCells = 0;
  let depth = 0;
  // The open cell: its depth, repeat, typed value (null: read its paragraphs) and paragraphs.
  let cell: { depth: number; repeat: number; value: string | null; paragraphs: string[] } | null = null;
  let paragraph: string[] | null = null;
  let cellChars = 0;

  const where = (): string =>
    `sheet '${sheet?.sheetName ?? '(unnamed)'}', row ${formatCount((sheet?.rows.length ?? 0) + blankRows + 1)}`;
  const tooMany = (limit: 'rows' | 'columns' | 'cells', what: string, max: number): InputLimitError =>
    new InputLimitError(
      limit,
      `${fileName}: ${where()} ${what}, more than the ${formatCount(max)} this tool reads (the ${limit === 'cells' ? 'cell' : limit === 'rows' ? 'row' : 'column'} limit).`,
    );
  const addText = (text: string): void => {
    if (!paragraph || text === '') return;
    cellChars += text.length;
    if (cellChars > limits.maxCellChars) {
      throw new InputLimitError(
        'cell-length',
        `${fileName}: ${where()}, column ${formatCount((row?.length ?? 0) + blankCells + 1)} holds more than ${formatCount(limits.maxCellChars)} characters (the cell-length limit).`,
      );
    }
    paragraph.push(text);
  };
  const endCell = (): void => {
    if (!cell || !row) return;
    const text = cell.value ?? cell.paragraphs.join('\n');
    const { repeat } = cell;
    cell = null;
    if (text === '') {
      blankCells = Math.min(blankCells + repeat, limits.maxColumns + 1);
      return;
    }
    const columns = row.length + blankCells + repeat;
    if (columns > limits.maxColumns)
      throw tooMany('columns', `reaches column ${formatCount(columns)}`, limits.maxColumns);
    for (; blankCells > 0; blankCells -= 1) row.push('');
    for (let k = 0; k < repeat; k += 1) row.push(text);
  };
  const endRow = (): void => {
    if (!sheet || !row) return;
    const cells = row;
    const repeat = rowRepeat;
    row = null;
    blankCells = 0;
    if (cells.length === 0) {
      blankRows = Math.min(blankRows + repeat, limits.maxRows + 1);
      return;
    }
    const rows = sheet.rows.length + blankRows + repeat;
    if (rows > limits.maxRows)
      throw tooMany('rows', `repeats its row to reach row ${formatCount(rows)}`, limits.maxRows);
    const total = cellsInFile + cells.length * repeat;
    if (total > limits.maxCells) {
      throw tooMany(
        'cells',
        repeat > 1
          ? `repeats a row of ${formatCount(cells.length)} cells ${formatCount(repeat)} times, bringing the workbook to ${formatCount(total)} cells`
          : `brings the workbook to ${formatCount(total)} cells`,
        limits.maxCells,
      );
    }
    cellsInFile = total;
    for (; blankRows > 0; blankRows -= 1) sheet.rows.push([]);
    sheet.rows.push(cells);
    for (let k = 1; k < repeat; k += 1) sheet.rows.push([...cells]);
  };

  const tagEnds = new TagEnds(xml);
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt === -1) break;
    if (lt > i && paragraph) addText(decodeEntities(xml.slice(i, lt)));
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      i = end === -1 ? n : end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (paragraph) addText(xml.slice(lt + 9, end === -1 ? n : end));
      i = end === -1 ? n : end + 3;
      continue;
    }
    const gt = tagEnds.end(lt);
    if (gt === -1) {
      if (xml.length - lt >= MAX_TAG_CHARS) {
        throw new InputLimitError(
          'tag-length',
          `${fileName}: content.xml has a tag longer than ${formatCount(MAX_TAG_CHARS)} characters (the tag limit).`,
        );
      }
      break;
    }
    i = gt + 1;
    const first = xml.charCodeAt(lt + 1);
    if (first === 0x3f || first === 0x21) continue; // <?…?> and <!DOCTYPE …>
    const closing = first === 0x2f;
    const selfClosing = !closing && xml.charCodeAt(gt - 1) === 0x2f;
    // The tag's name, and its attributes as xml[nameEnd, bodyEnd): nothing else is sliced.
    const nameStart = closing ? lt + 2 : lt + 1;
    const bodyEnd = selfClosing ? gt - 1 : gt;
    let nameEnd = nameStart;
    while (nameEnd < bodyEnd) {
      const c = xml.charCodeAt(nameEnd);
      if (c === 0x2f || isSpace(c)) break;
      nameEnd += 1;
    }
    const name = xml.slice(nameStart, nameEnd);

    if (closing) {
      depth -= 1;
      if (name === 'text:p' && paragraph && cell && depth === cell.depth + 1) {
        cell.paragraphs.push(paragraph.join(''));
        paragraph = null;
      } else if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && cell && depth === cell.depth) {
        endCell();
      } else if (name === 'table:table-row' && row && !cell) {
        endRow();
      } else if (name === 'table:table' && sheet && !row) {
        sheets.push(sheet);
        sheet = null;
        blankRows = 0;
      }
      continue;
    }

    const atDepth = depth;
    if (!selfClosing) depth += 1;
    if (name === 'table:table' && !sheet) {
      sheet = { sheetName: attribute(xml, nameEnd, bodyEnd, 'table:name') ?? null, rows: [] };
      blankRows = 0;
      if (selfClosing) {
        sheets.push(sheet);
        sheet = null;
      }
    } else if (name === 'table:table-row' && sheet && !row) {
      row = [];
      rowRepeat = repeatOf(attribute(xml, nameEnd, bodyEnd, 'table:number-rows-repeated'));
      blankCells = 0;
      if (selfClosing) endRow();
    } else if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && row && !cell) {
      const type =
        name === 'table:covered-table-cell' ? undefined : attribute(xml, nameEnd, bodyEnd, 'office:value-type');
      let value: string | null = null;
      if (name === 'table:covered-table-cell') value = '';
      else if (type === 'float' || type === 'percentage' || type === 'currency')
        value = attribute(xml, nameEnd, bodyEnd, 'office:value') ?? '';
      else if (type === 'date') value = (attribute(xml, nameEnd, bodyEnd, 'office:date-value') ?? '').slice(0, 10);
      else if (type === 'boolean') value = attribute(xml, nameEnd, bodyEnd, 'office:boolean-value') ?? '';
      cell = {
        depth: atDepth,
        repeat: repeatOf(attribute(xml, nameEnd, bodyEnd, 'table:number-columns-repeated')),
        value,
        paragraphs: [],
      };
      cellChars = 0;
      if (selfClosing) endCell();
    } else if (cell && cell.value === null && atDepth === cell.depth + 1 && name === 'text:p') {
      paragraph = [];
      if (selfClosing) {
        cell.paragraphs.push('');
        paragraph = null;
      }
    } else if (paragraph && name === 'text:s') {
      const count = repeatOf(attribute(xml, nameEnd, bodyEnd, 'text:c'));
      addText(' '.repeat(Math.min(count, limits.maxCellChars + 1)));
    } else if (paragraph && name === 'text:line-break') {
      addText('\n');
    }
  }
  if (sheet) sheets.push(sheet);
  return sheets;
}
