/**
 * Decoding a file's bytes to text: UTF-8 (with or without a byte-order mark), else Windows-1252,
 * the code page Excel on Windows uses for "CSV" saves (so "£", "’" and "é" come through). When the
 * bytes are not UTF-8 the result says where the first byte that is not UTF-8 is, so the import can
 * say which encoding it assumed and why, instead of silently reading the file another way.
 *
 * Pure TypeScript: TextDecoder is a global in Node and in browsers; no Node or DOM imports.
 */
import { InputLimitError, formatBytes } from './limits.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
  /**
   * For text read as Windows-1252: the first byte that is not UTF-8 (its 0-based offset, line and
   * value), how many bytes are not UTF-8, and how many well-formed UTF-8 multi-byte sequences there are.
   */
  notUtf8?: { byte: number; line: number; value: number; invalid: number; multibyte: number };
}

/**
 * The longest string the JavaScript engines this runs on can hold (V8: 2^29 − 24 characters);
 * decoding more would fail with "Invalid string length", so it is refused first as a size limit.
 */
export const MAX_STRING_CHARS = 0x1fffffe8;

interface Utf8Decoder {
  decode(input: Uint8Array): string;
}
type Utf8DecoderConstructor = new (label: string, options?: { fatal?: boolean }) => Utf8Decoder;

/** The platform's TextDecoder (typed here because shared/ compiles without DOM or Node types). */
function textDecoder(fatal: boolean): Utf8Decoder {
  const Ctor = (globalThis as unknown as { TextDecoder?: Utf8DecoderConstructor }).TextDecoder;
  if (!Ctor) throw new Error('TextDecoder is not available in this environment.');
  return new Ctor('utf-8', { fatal });
}

/**
 * Windows-1252 bytes 0x80–0x9F (the rest of the code page is ISO-8859-1, byte = code point). The
 * five bytes 1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 control with the
 * same number, as browsers do.
 */
const CP1252_HIGH: readonly number[] = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d,
  0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x009d, 0x017e, 0x0178,
];

/** Decodes Windows-1252 bytes with the table above. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunk = 8192;
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += chunk) {
    const end = Math.min(bytes.length, start + chunk);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i += 1) {
      const b = bytes[i] ?? 0;
      codes[i - start] = b >= 0x80 && b <= 0x9f ? (CP1252_HIGH[b - 0x80] ?? b) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/**
 * What a scan of the bytes as UTF-8 finds: the offset of the first byte that does not belong to a
 * well-formed sequence (overlong forms, surrogates and code points past U+10FFFF included; -1 when
 * every byte does), how many such bytes there are, and how many well-formed multi-byte sequences
 * (many of those beside a few bad bytes mean a UTF-8 file with damaged bytes, not Windows-1252).
 */
export function scanUtf8(bytes: Uint8Array): { firstInvalid: number; invalid: number; multibyte: number } {
  const n = bytes.length;
  let firstInvalid = -1;
  let invalid = 0;
  let multibyte = 0;
  let i = 0;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need = 0;
    let min = 0x80;
    let max = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    }
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k += 1) {
      const c = bytes[i + k];
      ok = c !== undefined && c >= (k === 1 ? min : 0x80) && c <= (k === 1 ? max : 0xbf);
    }
    if (ok) {
      multibyte += 1;
      i += need + 1;
    } else {
      if (firstInvalid < 0) firstInvalid = i;
      invalid += 1;
      i += 1;
    }
  }
  return { firstInvalid, invalid, multibyte };
}

/** Where the first byte that is not UTF-8 is, counted in the whole file (`skipped` bytes of BOM before `bytes`). */
function notUtf8At(bytes: Uint8Array, skipped: number): NonNullable<DecodedText['notUtf8']> {
  const scan = scanUtf8(bytes);
  const at = Math.max(0, scan.firstInvalid);
  let line = 1;
  for (let i = 0; i < at; i += 1) if (bytes[i] === 0x0a) line += 1;
  return { byte: at + skipped, line, value: bytes[at] ?? 0, invalid: scan.invalid, multibyte: scan.multibyte };
}

/** The bytes read as UTF-8 whatever they hold, each bad sequence shown as U+FFFD (to compare readings). */
export function decodeUtf8Lossy(bytes: Uint8Array): string {
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return textDecoder(false).decode(bom ? bytes.subarray(3) : bytes);
}

/**
 * Bytes → text. A UTF-8 byte-order mark is dropped ('utf-8-bom'); bytes that are valid UTF-8 are
 * read as UTF-8; anything else is read as Windows-1252, with where the first byte that is not
 * UTF-8 is. Throws an {@link InputLimitError} for more bytes than a string can hold.
 */
export function decodeText(bytes: Uint8Array, fileName = 'The file'): DecodedText {
  if (bytes.length > MAX_STRING_CHARS) {
    throw new InputLimitError(
      'text-size',
      `${fileName} is ${formatBytes(bytes.length)}, more text than can be read at once (at most ${formatBytes(MAX_STRING_CHARS)}).`,
    );
  }
  const utf8 = textDecoder(true);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const rest = bom ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8.decode(rest), encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    // Not UTF-8 (a BOM followed by bytes that are not UTF-8 is a mislabelled 1252 file).
    // A byte-order mark is itself a well-formed UTF-8 sequence: evidence the file was meant as UTF-8.
    const notUtf8 = notUtf8At(rest, bom ? 3 : 0);
    if (bom) notUtf8.multibyte += 1;
    return { text: decodeWindows1252(rest), encoding: 'windows-1252', notUtf8 };
  }
}

/**
 * Why a file was read as Windows-1252, for messages: "it is not valid UTF-8 (byte 1,235, 0xA3, on
 * line 5, is not UTF-8)"; null for text read as UTF-8.
 */
export function describeNotUtf8(decoded: DecodedText): string | null {
  if (decoded.encoding !== 'windows-1252' || !decoded.notUtf8) return null;
  const { byte, line, value, invalid } = decoded.notUtf8;
  const hex = value.toString(16).toUpperCase().padStart(2, '0');
  const others = invalid > 1 ? `, and ${(invalid - 1).toLocaleString('en-GB')} more bytes are not` : '';
  return `it is not valid UTF-8 (byte ${(byte + 1).toLocaleString('en-GB')}, 0x${hex}, on line ${line.toLocaleString('en-GB')}, is not UTF-8${others})`;
}
