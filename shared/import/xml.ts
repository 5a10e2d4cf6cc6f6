/**
 * Checks every XML file the import reads is put through before it is parsed (SSDA903 returns, and
 * the content of ODS workbooks through the Node layer): characters XML 1.0 does not allow (NUL and
 * the other C0 controls except tab, line feed and carriage return; U+FFFE, U+FFFF; lone surrogate
 * halves), which a parser may otherwise pass through silently, and entity declarations, which are
 * never expanded (no return or workbook needs them, and they are how "billion laughs" files grow).
 *
 * Pure TypeScript: no Node or DOM imports.
 */

/** A character XML 1.0 does not allow, anywhere in a document. */
const ILLEGAL_XML_CHAR =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Anything the full pattern could match (surrogates included, paired or not): a pattern without
 * look-arounds, several times faster over a large document, so that most documents (no control
 * characters, no characters outside the Basic Multilingual Plane) are cleared in one quick pass.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MAYBE_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** The first character XML 1.0 does not allow: where it is and its code; null when there is none. */
export function findIllegalXmlChar(text: string): { index: number; code: number } | null {
  const suspect = MAYBE_ILLEGAL.exec(text);
  if (!suspect) return null;
  // The full pattern from the first suspect (one character before it, for the look-behind).
  const from = Math.max(0, suspect.index - 1);
  const match = ILLEGAL_XML_CHAR.exec(from > 0 ? text.slice(from) : text);
  if (!match) return null;
  const index = from + match.index;
  return { index, code: text.charCodeAt(index) };
}

/** The 1-based line and column of `index` in `text`. */
export function lineAndColumn(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) {
    line += 1;
    lineStart = at + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** "U+0000 (NUL)": a character for messages. */
export function describeChar(code: number): string {
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code === 0 ? `${hex} (NUL)` : code < 0x20 ? `${hex} (a control character)` : hex;
}

/** Whether the document declares entities (a DOCTYPE with <!ENTITY …>), which are never expanded. */
export function declaresEntities(text: string): boolean {
  return /<!ENTITY[\s%]/i.test(text);
}
