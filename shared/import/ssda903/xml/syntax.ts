/**
 * XML syntax for the SSDA903 XML reader: the error that names where the document is not well
 * formed, the characters of names and white space, the check of a tag's attributes, and where a tag
 * ends (skipping quoted attribute values).
 *
 * Pure TypeScript: no Node or DOM imports.
 */

export class XmlError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

export const isNameStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
export const isNameChar = (c: number): boolean =>
  isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Checks the attributes of a tag (text between the name and '>' or '/>'); throws XmlError. */
export function checkAttributes(body: string, from: number, to: number): void {
  let i = from;
  const seen: string[] = [];
  for (;;) {
    while (i < to && isSpace(body.charCodeAt(i))) i++;
    if (i >= to) return;
    if (!isNameStart(body.charCodeAt(i))) throw new XmlError(`Attribute text is not allowed here`, i);
    const nameStart = i;
    while (i < to && isNameChar(body.charCodeAt(i))) i++;
    const name = body.slice(nameStart, i);
    if (seen.includes(name)) throw new XmlError(`Attribute '${name}' is repeated`, nameStart);
    seen.push(name);
    while (i < to && isSpace(body.charCodeAt(i))) i++;
    if (body.charCodeAt(i) !== 61) throw new XmlError(`Attribute '${name}' has no value`, nameStart);
    i++;
    while (i < to && isSpace(body.charCodeAt(i))) i++;
    const quote = body.charCodeAt(i);
    if (quote !== 34 && quote !== 39) throw new XmlError(`Attribute '${name}' has no quoted value`, nameStart);
    const close = body.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close < 0 || close >= to) throw new XmlError(`Attribute '${name}' is not closed`, nameStart);
    if (body.slice(i + 1, close).includes('<')) throw new XmlError(`Attribute '${name}' contains '<'`, nameStart);
    i = close + 1;
    if (i < to && !isSpace(body.charCodeAt(i))) throw new XmlError(`Attributes must be separated by spaces`, i);
  }
}

/** End of the tag opened at `lt` (index of its '>'), skipping quoted attribute values; -1 when never closed. */
export function tagEnd(body: string, lt: number): number {
  const n = body.length;
  for (let i = lt + 1; i < n; i++) {
    const c = body.charCodeAt(i);
    if (c === 62) return i;
    if (c === 34 || c === 39) {
      const close = body.indexOf(c === 34 ? '"' : "'", i + 1);
      if (close < 0) return -1;
      i = close;
    }
  }
  return -1;
}
