import { describe, it, expect } from 'vitest';
import { decodeText, decodeWindows1252 } from '#shared/import/text.js';
import { fixtureBytes } from '../fixtures/import/files.js';

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

describe('decodeText', () => {
  it('reads UTF-8 without a byte-order mark', () => {
    const utf8 = new TextEncoder().encode('Places,£,Children’s home');
    expect(decodeText(utf8)).toEqual({ text: 'Places,£,Children’s home', encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte-order mark and says it was there', () => {
    const withBom = bytes(0xef, 0xbb, 0xbf, ...new TextEncoder().encode('time_period,number'));
    expect(decodeText(withBom)).toEqual({ text: 'time_period,number', encoding: 'utf-8-bom' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252 (pound sign, curly apostrophe, en dash)', () => {
    const cp1252 = bytes(
      ...ascii('Bournemouth, Christchurch & Poole,'),
      0xa3,
      ...ascii('318,400,Children'),
      0x92,
      ...ascii('s home '),
      0x96,
      ...ascii(' caf'),
      0xe9,
    );
    expect(decodeText(cp1252)).toEqual({
      text: 'Bournemouth, Christchurch & Poole,£318,400,Children’s home – café',
      encoding: 'windows-1252',
      // The first byte that is not UTF-8 is the pound sign (0xA3), the 35th byte; four bytes are not UTF-8.
      notUtf8: { byte: 34, line: 1, value: 0xa3, invalid: 4, multibyte: 0 },
    });
  });

  it('maps every byte as the WHATWG windows-1252 index does', () => {
    // 0x80–0x9F per https://encoding.spec.whatwg.org/index-windows-1252.txt (undefined bytes stay C1 controls);
    // every other byte is the Latin-1 character with the same number. (Node's own 'windows-1252'
    // TextDecoder falls back to Latin-1 for 0x80–0x9F, which is why text.ts has its own table.)
    const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
    const all = new Uint8Array(256).map((_, i) => i);
    const expected = [...all].map((b) => (b >= 0x80 && b <= 0x9f ? high[b - 0x80] : String.fromCharCode(b))).join('');
    expect(decodeWindows1252(all)).toBe(expected);
    expect(decodeWindows1252(bytes(0x80, 0x81, 0x8d, 0x9f, 0xa3))).toBe('€\u0081\u008dŸ£');
  });

  it('treats a byte-order mark followed by invalid UTF-8 as Windows-1252', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x41, 0xa3))).toEqual({
      text: 'A£',
      encoding: 'windows-1252',
      notUtf8: { byte: 4, line: 1, value: 0xa3, invalid: 1, multibyte: 1 },
    });
  });

  it('gives empty text for no bytes', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
  });

  it('decodes large files in chunks', () => {
    const big = new Uint8Array(100_000).fill(0x92);
    const { text, encoding } = decodeText(big);
    expect(encoding).toBe('windows-1252');
    expect(text.length).toBe(100_000);
    expect(text[99_999]).toBe('’');
  });

  it('decodes the Windows-1252 Ofsted fixture', () => {
    const { text, encoding } = decodeText(fixtureBytes('ofsted-providers-2023-windows-1252.csv'));
    expect(encoding).toBe('windows-1252');
    expect(text.startsWith('Children’s social care data in England 2023 – Provider level as at 31 March 2023')).toBe(
      true,
    );
    expect(text).toContain('(fees in £ are not shown)');
    expect(text).toContain('"Bournemouth, Christchurch & Poole"');
  });
});
