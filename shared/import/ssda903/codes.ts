/**
 * Codes of the SSDA903 return and how the reader holds them: the PLACE codes it knows, columns of
 * interned strings ({@link CodeColumn}), the {@link Interner} that numbers distinct values straight
 * from a span of the file's text, and the growable typed arrays the reader's builders use.
 *
 * Pure TypeScript: no Node or DOM imports.
 */

/** PLACE codes of the SSDA903 return (current and recently retired). */
export const PLACE_CODES: ReadonlySet<string> = new Set([
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'K3',
  'P1',
  'P2',
  'P3',
  'P4',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
]);

/** A column of interned strings: the value of row i is `values[codes[i]]`; code 0 is blank. */
export interface CodeColumn {
  readonly codes: Uint32Array;
  readonly values: readonly string[];
}

/** Whether text[start, start + value.length) is `value` (short values: a loop beats startsWith). */
function sameText(value: string, text: string, start: number): boolean {
  const n = value.length;
  if (n > 24) return text.startsWith(value, start);
  for (let i = 0; i < n; i++) if (value.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/**
 * Distinct strings, numbered from 1 (0 is the empty string). Values can be looked up straight from
 * a span of the file's text (`idAt`), hashing its characters, so that a million-row file does not
 * make a string per field: a string is made only the first time a value is seen.
 */
export class Interner {
  readonly values: string[] = [''];
  private hashes: Int32Array = new Int32Array(16);
  /** Open addressing: slot → id + 1 (0 empty). */
  private slots: Int32Array = new Int32Array(64);

  /** FNV-1a over the characters, then the length (so a caller scanning the text can hash as it goes). */
  static hash(text: string, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h ^ (end - start)) | 0;
  }

  private find(text: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const id = this.slots[slot]! - 1;
      if (id < 0) return -1 - slot;
      if (this.hashes[id] === h) {
        const v = this.values[id]!;
        if (v.length === length && sameText(v, text, start)) return id;
      }
    }
  }

  /** The id of text[start, end), adding it when new. */
  idAt(text: string, start: number, end: number): number {
    if (start === end) return 0;
    return this.idAtHashed(text, start, end, Interner.hash(text, start, end));
  }

  /** As idAt, with the span's hash (Interner.hash) already worked out. */
  idAtHashed(text: string, start: number, end: number, h: number): number {
    if (start === end) return 0;
    const found = this.find(text, start, end, h);
    if (found >= 0) return found;
    const id = this.values.length;
    this.values.push(text.slice(start, end));
    if (id >= this.hashes.length) this.hashes = growI32(this.hashes, id + 1);
    this.hashes[id] = h;
    this.slots[-1 - found] = id + 1;
    if (id * 2 >= this.slots.length) this.rehash();
    return id;
  }

  id(value: string): number {
    return this.idAt(value, 0, value.length);
  }

  lookup(value: string): number | undefined {
    if (value === '') return 0;
    const found = this.find(value, 0, value.length, Interner.hash(value, 0, value.length));
    return found >= 0 ? found : undefined;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 1; id < this.values.length; id++) {
      let slot = this.hashes[id]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

export function growI32(a: Int32Array, min: number): Int32Array {
  const b = new Int32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
export function growU32(a: Uint32Array, min: number): Uint32Array {
  const b = new Uint32Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
export function growU16(a: Uint16Array, min: number): Uint16Array {
  const b = new Uint16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
export function growI16(a: Int16Array, min: number): Int16Array {
  const b = new Int16Array(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
