/**
 * A small RFC 4180 CSV parser, pure TypeScript (no Node or DOM imports).
 *
 * - Fields are separated by commas; records by CRLF, LF or a lone CR.
 * - A field wrapped in double quotes may hold commas, line breaks and doubled quotes (`""` → `"`).
 * - A UTF-8 byte-order mark at the start of the text is dropped.
 * - A final line break does not start an extra record; an empty input gives no records.
 * - Blank lines inside the text are kept as records holding one empty field (`['']`), so row
 *   numbers stay true to the file; callers decide whether to skip them.
 * - Lenient where spreadsheets are sloppy: a quote inside an unquoted field, or text after a
 *   closing quote, is kept as literal text. An opening quote that is never closed is an error.
 * - Bounded when given limits: more cells in all than `maxCells`, or a cell longer than
 *   `maxCellChars`, is refused with an {@link InputLimitError} naming the row and column, as soon
 *   as it is met, so that a huge or hostile file is not parsed to the end first.
 *
 * Fields are cut from the text with slices, never built character by character, so the time taken
 * is linear in the text's length and the memory close to that of the cells themselves.
 */
import { InputLimitError, formatCount } from './limits.js';

export interface CsvLimits {
  maxCells?: number;
  maxCellChars?: number;
}

export function parseCsv(text: string, limits: CsvLimits = {}): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const length = input.length;
  if (length === 0) return records;
  const maxCells = limits.maxCells ?? Infinity;
  const maxCellChars = limits.maxCellChars ?? Infinity;

  let record: string[] = [];
  let cells = 0;
  let i = 0;

  const push = (field: string): void => {
    if (field.length > maxCellChars) {
      const row = records.length + 1;
      const column = record.length + 1;
      throw new InputLimitError(
        'cell-length',
        `Row ${formatCount(row)}, column ${formatCount(column)} holds ${formatCount(field.length)} characters, more than the ${formatCount(maxCellChars)} a cell may hold (the cell-length limit).`,
        { row, column },
      );
    }
    cells += 1;
    if (cells > maxCells) {
      throw new InputLimitError(
        'cells',
        `The file has more than ${formatCount(maxCells)} cells (the cell limit); row ${formatCount(records.length + 1)} passes it.`,
        { row: records.length + 1 },
      );
    }
    record.push(field);
  };

  // Each pass of the loop reads one field, starting at i (the first character after a separator).
  for (;;) {
    let field: string;
    if (input.charCodeAt(i) === 0x22) {
      // Quoted field: read to the closing quote; "" inside is one quote.
      const open = i;
      let from = i + 1;
      const parts: string[] = [];
      for (;;) {
        const q = input.indexOf('"', from);
        if (q === -1) {
          throw new Error(`CSV: the quoted field starting on line ${lineAt(input, open)} is never closed.`);
        }
        parts.push(input.slice(from, q));
        if (input.charCodeAt(q + 1) === 0x22) {
          parts.push('"');
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      field = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
      // Text after the closing quote, up to the separator, is kept as literal text.
      const end = separatorFrom(input, i);
      if (end > i) field += input.slice(i, end);
      i = end;
    } else {
      const end = separatorFrom(input, i);
      field = input.slice(i, end);
      i = end;
    }
    push(field);
    if (i >= length) break;
    const ch = input.charCodeAt(i);
    if (ch === 0x2c) {
      i += 1;
      if (i >= length) {
        // A comma at the very end: one more, empty, field.
        push('');
        break;
      }
      continue;
    }
    // A line break ends the record.
    records.push(record);
    record = [];
    i += ch === 0x0d && input.charCodeAt(i + 1) === 0x0a ? 2 : 1;
    if (i >= length) return records;
  }
  records.push(record);
  return records;
}

/** The index of the next comma or line break at or after `from` (the text's length when none). */
function separatorFrom(input: string, from: number): number {
  const length = input.length;
  for (let k = from; k < length; k += 1) {
    const c = input.charCodeAt(k);
    if (c === 0x2c || c === 0x0a || c === 0x0d) return k;
  }
  return length;
}

/** The 1-based line of `index`, counting CRLF, LF and a lone CR as one line break each. */
function lineAt(input: string, index: number): number {
  let line = 1;
  for (let k = 0; k < index; k += 1) {
    const c = input.charCodeAt(k);
    if (c === 0x0a || (c === 0x0d && input.charCodeAt(k + 1) !== 0x0a)) line += 1;
  }
  return line;
}
