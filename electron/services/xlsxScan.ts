/**
 * A check of an XLSX workbook's XML parts, byte by byte, before read-excel-file is given them: no
 * text run (a cell's value or a shared string) longer than the cell-length limit (a 20 MB single
 * cell kept read-excel-file busy for minutes), no tag past the tag limit, no character XML 1.0
 * forbids, and, in each worksheet, no more cells, rows or columns than the limits — counting the
 * grid read-excel-file would fill (as far down and across as the last cell with a value), since it
 * makes every row as wide as the widest. Each refusal names the file, the part, the line and the
 * limit. The scan holds nothing but counters, and takes well under a second per 100 MB.
 */
import { InputLimitError, formatCount, type InputLimits } from '#shared/import/limits.js';

/** Longest tag read (a cell's tag is tens of bytes; a formula's a few KB). */
const MAX_TAG_BYTES = 1 << 20;

/** What the scans of one workbook's parts add up to. */
export interface XlsxTally {
  /** Cell elements, in all worksheets. */
  cells: number;
  /** Cells of the grids read-excel-file fills (rows × columns up to the last value), in all worksheets. */
  grid: number;
}

const isSpace = (c: number | undefined): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** Whether a tag's name ends at `at` (white space, '>' or '/'). */
function endsName(data: Uint8Array, at: number): boolean {
  const c = data[at];
  return isSpace(c) || c === 0x3e || c === 0x2f;
}

/** The row and column of a tag's r attribute ("AB12" → row 12, column 28; "12" → row 12), or null. */
function reference(data: Uint8Array, from: number, to: number): { row: number; column: number } | null {
  for (let k = from; k < to - 3; k += 1) {
    if (!isSpace(data[k]) || data[k + 1] !== 0x72) continue;
    let e = k + 2;
    while (isSpace(data[e])) e += 1;
    if (data[e] !== 0x3d) continue;
    e += 1;
    while (isSpace(data[e])) e += 1;
    const quote = data[e];
    if (quote !== 0x22 && quote !== 0x27) continue;
    e += 1;
    let column = 0;
    let row = 0;
    for (; e < to; e += 1) {
      const c = data[e] ?? 0;
      if (c >= 0x41 && c <= 0x5a) column = column * 26 + (c - 0x40);
      else if (c >= 0x61 && c <= 0x7a) column = column * 26 + (c - 0x60);
      else if (c >= 0x30 && c <= 0x39) row = row * 10 + (c - 0x30);
      else break;
      if (column > 1e9 || row > 1e12) break;
    }
    return { row, column };
  }
  return null;
}

/**
 * Scans one inflated XML part of the workbook named `fileName` (worksheets also for their cells),
 * adding to `tally`; throws {@link InputLimitError} past a limit.
 */
export function scanXlsxPart(
  bytes: Uint8Array,
  part: string,
  fileName: string,
  limits: Pick<InputLimits, 'maxRows' | 'maxColumns' | 'maxCells' | 'maxCellChars'>,
  tally: XlsxTally,
): void {
  // A plain Uint8Array view (not a Buffer), so that every read below stays on one fast path.
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(part);
  const n = data.length;
  let line = 1;
  let textChars = 0;
  let inEntity = false;
  let row = 0;
  let column = 0;
  let lastRow = 0;
  let lastColumn = 0;
  const refuse = (limit: 'cell-length' | 'tag-length' | 'rows' | 'columns' | 'cells' | 'not-a-file', what: string) =>
    new InputLimitError(limit, `${fileName}: in ${part}, line ${formatCount(line)}, ${what}`);
  const illegal = (c: number) =>
    refuse(
      'not-a-file',
      `the control character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed in XML, so the workbook is not read. It may be damaged: save it again.`,
    );

  let i = 0;
  while (i < n) {
    const b = data[i] ?? 0;
    if (b !== 0x3c) {
      if (b === 0x0a) line += 1;
      else if (b < 0x20 && b !== 0x09 && b !== 0x0d) throw illegal(b);
      if (inEntity) {
        if (b === 0x3b) inEntity = false;
      } else if (b === 0x26) {
        inEntity = true;
        textChars += 1;
      } else if ((b & 0xc0) !== 0x80) textChars += 1;
      i += 1;
      continue;
    }
    if (textChars > limits.maxCellChars) {
      throw refuse(
        'cell-length',
        `a cell or string holds more than ${formatCount(limits.maxCellChars)} characters (the cell-length limit, Excel's own).`,
      );
    }
    textChars = 0;
    inEntity = false;
    // The tag: to its '>' outside quoted attribute values.
    let j = i + 1;
    let quote = 0;
    for (; j < n; j += 1) {
      const c = data[j] ?? 0;
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) break;
      if (c === 0x0a) line += 1;
      else if (c < 0x20 && c !== 0x09 && c !== 0x0d) throw illegal(c);
      if (j - i > MAX_TAG_BYTES) {
        throw refuse('tag-length', `a tag is longer than ${formatCount(MAX_TAG_BYTES)} bytes (the tag limit).`);
      }
    }
    if (sheet) {
      // The tag's name, after any namespace prefix ("x:c").
      let s = i + 1;
      for (let k = s; k < Math.min(j, i + 24); k += 1) {
        const c = data[k];
        if (c === 0x3a) s = k + 1;
        if (isSpace(c) || c === 0x3e || c === 0x2f) break;
      }
      const c1 = data[s];
      if (c1 === 0x72 && data[s + 1] === 0x6f && data[s + 2] === 0x77 && endsName(data, s + 3)) {
        const ref = reference(data, s + 3, j);
        row = ref && ref.row > 0 ? ref.row : row + 1;
        column = 0;
        if (row > limits.maxRows) {
          throw refuse(
            'rows',
            `a row numbered ${formatCount(row)}, past the ${formatCount(limits.maxRows)} rows this tool reads (the row limit).`,
          );
        }
      } else if (c1 === 0x63 && endsName(data, s + 1)) {
        tally.cells += 1;
        if (tally.cells > limits.maxCells) {
          throw refuse('cells', `more than ${formatCount(limits.maxCells)} cells in the workbook (the cell limit).`);
        }
        const ref = reference(data, s + 1, j);
        column = ref && ref.column > 0 ? ref.column : column + 1;
        if (ref && ref.row > 0) row = ref.row;
        if (column > limits.maxColumns) {
          throw refuse(
            'columns',
            `a cell in column ${formatCount(column)}, past the ${formatCount(limits.maxColumns)} columns this tool reads (the column limit).`,
          );
        }
        if (row > limits.maxRows) {
          throw refuse(
            'rows',
            `a cell in row ${formatCount(row)}, past the ${formatCount(limits.maxRows)} rows this tool reads (the row limit).`,
          );
        }
        // A cell with content (not <c …/>) widens the grid read-excel-file fills.
        if (data[j - 1] !== 0x2f) {
          lastRow = Math.max(lastRow, row);
          lastColumn = Math.max(lastColumn, column);
        }
      }
    }
    i = j + 1;
  }
  if (textChars > limits.maxCellChars) {
    throw refuse(
      'cell-length',
      `a text of more than ${formatCount(limits.maxCellChars)} characters (the cell-length limit).`,
    );
  }
  if (sheet) {
    const grid = lastRow * lastColumn;
    tally.grid += grid;
    if (tally.grid > limits.maxCells) {
      throw new InputLimitError(
        'cells',
        `${fileName}: ${part} has values as far as row ${formatCount(lastRow)} and column ${formatCount(lastColumn)}, a grid of ${formatCount(grid)} cells; with its other sheets that is more than the ${formatCount(limits.maxCells)} this tool reads (the cell limit).`,
      );
    }
  }
}
