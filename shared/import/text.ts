/**
 * Decoding a file's bytes to text: UTF-8 (with or without a byte-order mark), else Windows-1252,
 * the code page Excel on Windows uses for "CSV" saves (so "£", "’" and "é" come through).
 *
 * Pure TypeScript: TextDecoder is a global in Node and in browsers; no Node or DOM imports.
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

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
 * Bytes → text. A UTF-8 byte-order mark is dropped ('utf-8-bom'); bytes that are valid UTF-8 are
 * read as UTF-8; anything else is read as Windows-1252.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const utf8 = textDecoder(true);
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const rest = bytes.subarray(3);
    try {
      return { text: utf8.decode(rest), encoding: 'utf-8-bom' };
    } catch {
      // A BOM followed by bytes that are not UTF-8: a mislabelled 1252 file.
      return { text: decodeWindows1252(rest), encoding: 'windows-1252' };
    }
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}
