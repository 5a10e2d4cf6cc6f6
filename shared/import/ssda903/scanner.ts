/**
 * CSV scanning for the SSDA903 reader without an object per row: {@link CsvScanner} walks a CSV
 * text record by record, noting where each field starts and ends, and reads a field as text, as an
 * interned code, as a child index or as a date straight from the text.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { ChildRegistry } from './builders.js';
import type { Interner } from './codes.js';
import { NO_DATE, readDate } from './dates.js';

/**
 * Walks a CSV text record by record, noting where each field starts and ends (RFC 4180 quoting,
 * CRLF/LF/CR, BOM). `record` is the 1-based record number, which is the row a spreadsheet shows.
 */
export class CsvScanner {
  record = 0;
  fieldCount = 0;
  starts: Int32Array = new Int32Array(32);
  ends: Int32Array = new Int32Array(32);
  /** 0 plain; 1 quoted; 2 quoted with doubled quotes; 3 quoted then more text (lenient). */
  kinds: Uint8Array = new Uint8Array(32);
  /** The trimmed span trimSpan last found. */
  private spanStart = 0;
  private spanEnd = 0;
  private pos: number;

  constructor(readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  next(): boolean {
    const text = this.text;
    const n = text.length;
    if (this.pos >= n) return false;
    let i = this.pos;
    let f = 0;
    for (;;) {
      if (f === this.starts.length) this.grow();
      if (i < n && text.charCodeAt(i) === 34) {
        let j = i + 1;
        let kind = 1;
        let close: number;
        for (;;) {
          close = text.indexOf('"', j);
          if (close < 0) throw new Error(`CSV: the quoted field in row ${this.record + 1} is never closed.`);
          if (text.charCodeAt(close + 1) === 34) {
            kind = 2;
            j = close + 2;
            continue;
          }
          break;
        }
        let after = close + 1;
        if (after < n) {
          const c = text.charCodeAt(after);
          if (c !== 44 && c !== 10 && c !== 13) {
            kind = 3;
            while (after < n) {
              const d = text.charCodeAt(after);
              if (d === 44 || d === 10 || d === 13) break;
              after++;
            }
          }
        }
        this.starts[f] = kind === 3 ? i : i + 1;
        this.ends[f] = kind === 3 ? after : close;
        this.kinds[f] = kind;
        i = after;
      } else {
        let j = i;
        while (j < n) {
          const c = text.charCodeAt(j);
          if (c === 44 || c === 10 || c === 13) break;
          j++;
        }
        this.starts[f] = i;
        this.ends[f] = j;
        this.kinds[f] = 0;
        i = j;
      }
      f++;
      if (i >= n) {
        this.pos = n;
        break;
      }
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      this.pos = i;
      break;
    }
    this.fieldCount = f;
    this.record++;
    return true;
  }

  /** Whether the record is a blank line. */
  get blank(): boolean {
    return this.fieldCount === 1 && this.starts[0] === this.ends[0];
  }

  field(k: number): string {
    if (k < 0 || k >= this.fieldCount) return '';
    const kind = this.kinds[k]!;
    const raw = this.text.slice(this.starts[k]!, this.ends[k]!);
    if (kind === 0 || kind === 1) return raw;
    if (kind === 2) return raw.replace(/""/g, '"');
    // Quoted part followed by literal text: unquote the first part only.
    const close = findClosingQuote(raw);
    return raw.slice(1, close).replace(/""/g, '"') + raw.slice(close + 1);
  }

  /** The trimmed field text. */
  value(k: number): string {
    if (k < 0 || k >= this.fieldCount) return '';
    if (this.kinds[k] === 0) {
      let s = this.starts[k]!;
      let e = this.ends[k]!;
      const text = this.text;
      if (s === e) return '';
      if (text.charCodeAt(s) > 32 && text.charCodeAt(e - 1) > 32) return text.slice(s, e);
      while (s < e && text.charCodeAt(s) <= 32) s++;
      while (e > s && text.charCodeAt(e - 1) <= 32) e--;
      return text.slice(s, e);
    }
    return this.field(k).trim();
  }

  /**
   * Interns the trimmed field through `interner` without building a string for a plain field
   * (quoted fields, rare in the return, take the slow path).
   */
  code(k: number, interner: Interner): number {
    if (k < 0 || k >= this.fieldCount) return 0;
    if (this.kinds[k] !== 0) return interner.id(this.field(k).trim());
    this.trimSpan(k);
    return interner.idAt(this.text, this.spanStart, this.spanEnd);
  }

  /** The child index of the CHILD field (which the caller has checked is not empty). */
  child(k: number, registry: ChildRegistry, la: number): number {
    if (this.kinds[k] !== 0) return registry.index(la, this.value(k));
    this.trimSpan(k);
    return registry.indexAt(la, this.text, this.spanStart, this.spanEnd);
  }

  /** Where plain field `k` starts and ends in the text without its surrounding white space (spanStart, spanEnd). */
  private trimSpan(k: number): void {
    let s = this.starts[k]!;
    let e = this.ends[k]!;
    const text = this.text;
    while (s < e && text.charCodeAt(s) <= 32) s++;
    while (e > s && text.charCodeAt(e - 1) <= 32) e--;
    this.spanStart = s;
    this.spanEnd = e;
  }

  /** Whether the trimmed field is empty. */
  isEmpty(k: number): boolean {
    if (k < 0 || k >= this.fieldCount) return true;
    if (this.kinds[k] !== 0) return this.field(k).trim() === '';
    const text = this.text;
    for (let i = this.starts[k]!; i < this.ends[k]!; i++) if (text.charCodeAt(i) > 32) return false;
    return true;
  }

  /** Reads a date field without building a string (plain fields). */
  date(k: number, returnYear = 0): number {
    if (k < 0 || k >= this.fieldCount) return NO_DATE;
    if (this.kinds[k] === 0) return readDate(this.text, this.starts[k]!, this.ends[k]!, returnYear);
    const value = this.field(k);
    return readDate(value, 0, value.length, returnYear);
  }

  private grow(): void {
    const size = this.starts.length * 2;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    const ends = new Int32Array(size);
    ends.set(this.ends);
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.starts = starts;
    this.ends = ends;
    this.kinds = kinds;
  }
}

function findClosingQuote(raw: string): number {
  let j = 1;
  for (;;) {
    const q = raw.indexOf('"', j);
    if (q < 0) return raw.length;
    if (raw.charCodeAt(q + 1) === 34) {
      j = q + 2;
      continue;
    }
    return q;
  }
}

export function countLines(text: string): number {
  let count = 1;
  let i = text.indexOf('\n');
  while (i >= 0) {
    count++;
    i = text.indexOf('\n', i + 1);
  }
  return count;
}
