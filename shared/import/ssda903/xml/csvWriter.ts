/**
 * Turning the leaves of an SSDA903 return in XML into CSV: a leaf's text (comments dropped, CDATA
 * kept, entities decoded), CSV fields and rows quoted where they must be, and {@link CsvWriter},
 * which writes a large table as UTF-8 bytes into one growing buffer and decodes it once.
 *
 * Pure TypeScript: no Node or DOM imports.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML's five entities and character references; anything else is left as written. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) === 35) {
      const code = ref.charCodeAt(1) === 120 ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref] ?? whole;
  });
}

/** A leaf's text: comments dropped, CDATA kept as written, entities decoded, trimmed. */
export function leafText(body: string, start: number, end: number): string {
  let raw = body.slice(start, end);
  if (raw.indexOf('<') >= 0) {
    raw = raw
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, c: string) => c.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  }
  if (raw.indexOf('&') >= 0) raw = decodeEntities(raw);
  return raw.trim();
}

const needsQuotes = (value: string): boolean => {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return true;
  }
  return false;
};

const csvField = (value: string): string => (needsQuotes(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One CSV line; joined in one step (a flat string, not a chain of concatenations). */
export function csvRow(values: readonly string[]): string {
  for (let i = 0; i < values.length; i++) if (needsQuotes(values[i]!)) return values.map(csvField).join(',');
  return values.join(',');
}

/** The platform's TextDecoder (typed here because shared/ compiles without DOM or Node types). */
const decoder = new (
  globalThis as unknown as { TextDecoder: new (label: string) => { decode(input: Uint8Array): string } }
).TextDecoder('utf-8');

/**
 * A CSV table written as UTF-8 bytes into one growing buffer and decoded once at the end: the
 * episodes of a large return are copied from the XML text field by field without a string per field.
 */
export class CsvWriter {
  private buf = new Uint8Array(1 << 16);
  private length = 0;
  rows = 0;

  constructor(columns: readonly string[]) {
    this.str(columns.join(','));
    this.byte(10);
  }

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const buf = new Uint8Array(size);
    buf.set(this.buf.subarray(0, this.length));
    this.buf = buf;
  }

  private byte(c: number): void {
    this.ensure(1);
    this.buf[this.length++] = c;
  }

  /** Writes a string as UTF-8 (a lone surrogate half, which XML forbids anyway, as U+FFFD). */
  private str(value: string): void {
    this.ensure(value.length * 3);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < value.length; i++) {
      let c = value.charCodeAt(i);
      if (c < 0x80) {
        buf[at++] = c;
        continue;
      }
      if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
        buf[at++] = 0x80 | (c & 63);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < value.length) {
        const d = value.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[at++] = 0xf0 | (cp >> 18);
          buf[at++] = 0x80 | ((cp >> 12) & 63);
          buf[at++] = 0x80 | ((cp >> 6) & 63);
          buf[at++] = 0x80 | (cp & 63);
          i++;
          continue;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      buf[at++] = 0xe0 | (c >> 12);
      buf[at++] = 0x80 | ((c >> 6) & 63);
      buf[at++] = 0x80 | (c & 63);
    }
    this.length = at;
  }

  /** The leaf text body[start, end) as a CSV field: copied as it is when plain ASCII, else read and quoted. */
  private span(body: string, start: number, end: number): void {
    while (start < end && body.charCodeAt(start) <= 32) start++;
    while (end > start && body.charCodeAt(end - 1) <= 32) end--;
    this.ensure(end - start);
    const buf = this.buf;
    let at = this.length;
    for (let i = start; i < end; i++) {
      const c = body.charCodeAt(i);
      // Not plain: non-ASCII, entities, markup, and what CSV must quote (, " CR LF).
      if (c >= 128 || c === 38 || c === 60 || c === 44 || c === 34 || c === 10 || c === 13) {
        this.str(csvField(leafText(body, start, end)));
        return;
      }
      buf[at++] = c;
    }
    this.length = at;
  }

  /** A row: the child id, then fields as spans of the text (start −1 for an empty field). */
  rowFromSpans(id: string, body: string, starts: Int32Array, ends: Int32Array): void {
    this.str(csvField(id));
    for (let i = 1; i < starts.length; i++) {
      this.byte(44);
      if (starts[i]! >= 0) this.span(body, starts[i]!, ends[i]!);
    }
    this.byte(10);
    this.rows++;
  }

  rowFromValues(values: readonly string[]): void {
    this.str(csvRow(values));
    this.byte(10);
    this.rows++;
  }

  text(): string {
    return decoder.decode(this.buf.subarray(0, this.length));
  }
}
