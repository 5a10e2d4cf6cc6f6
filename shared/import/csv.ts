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
 */
export function parseCsv(text: string): string[][] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  const length = input.length;
  if (length === 0) return records;

  let record: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  // True once the current record has any content or separator, so a trailing line break ends cleanly.
  let recordStarted = false;

  const endField = (): void => {
    record.push(field);
    field = '';
  };
  const endRecord = (): void => {
    endField();
    records.push(record);
    record = [];
    recordStarted = false;
  };

  while (i < length) {
    const ch = input[i];
    if (ch === '"' && field === '' && !fieldHasContent(input, i)) {
      // Quoted field: read to the closing quote.
      const startLine = line;
      i += 1;
      let closed = false;
      while (i < length) {
        const q = input[i];
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          closed = true;
          break;
        }
        if (q === '\n' || (q === '\r' && input[i + 1] !== '\n')) line += 1;
        field += q;
        i += 1;
      }
      if (!closed) throw new Error(`CSV: the quoted field starting on line ${startLine} is never closed.`);
      recordStarted = true;
      continue;
    }
    if (ch === ',') {
      endField();
      recordStarted = true;
      i += 1;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      line += 1;
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += ch;
    recordStarted = true;
    i += 1;
  }
  if (recordStarted || field !== '' || record.length > 0) endRecord();
  return records;
}

/**
 * Whether the quote at `index` starts a quoted field: only when it is the first character of
 * the field (at the start of the text, or just after a comma or line break).
 */
function fieldHasContent(input: string, index: number): boolean {
  if (index === 0) return false;
  const previous = input[index - 1];
  return !(previous === ',' || previous === '\n' || previous === '\r');
}
