/**
 * The developer wording a user must never read, and a scanner for it: schema paths ("levers.0.la"),
 * a unit said twice ("Beds (beds)"), code identifiers ("childrenInChildrensHomes"), code-comment
 * phrasing ("True when … false for …") and acronyms lower-cased into a sentence ("la boundary", "in own la").
 * Used on rendered views (react-dom/server and the browser), the report, the exports and the CLI.
 */
/** Each rule: a name and a pattern that must not match what a user reads. */
export const RULES: [string, RegExp][] = [
  ['schema path', /\b[A-Za-z]+\.\d+(\.[A-Za-z]+)+\b/],
  [
    'unit said twice',
    /\b(bed|place|children|home|incident|year|week|month|mile|authorit(?:y|ie)|percent)s?\b[^()[\]\n.;:,|]{0,40}[([]\1s?[)\]]/i,
  ],
  ['code identifier', /\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/],
  ['code-comment phrasing', /\bTrue when\b|\bfalse for\b/],
  // "la" or "las" as a word anywhere ("in own la", "other las"; not inside an id such as "dfe-cla-la-of-…"),
  // and the other acronyms before a noun.
  ['lower-cased acronym', /(?<![\w.-])las?(?![\w-])|\b(ons|dfe|ofsted|gm) (boundary|code|area|children|figures)\b/],
];

/** What a reader sees of some HTML: its text and the titles and labels read out, without URLs or file paths. */
export function readable(html: string): string {
  const attributes = [...html.matchAll(/\s(?:title|aria-label|alt)="([^"]*)"/g)].map((m) => m[1] ?? '');
  const text = html
    .replace(/<(style|script)[^>]*>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .concat(' ', attributes.join(' '));
  return withoutAddresses(
    text
      .replace(/&quot;/g, '"')
      .replace(/&#x27;|&#39;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&nbsp;|&#160;/g, ' ')
      .replace(/&amp;/g, '&'),
  );
}

/** Web addresses, file paths and file names are quoted as they are, not words to fix. */
export function withoutAddresses(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/(?:[A-Za-z]:)?[/\\][\w.\-/\\ ]+\.(?:ts|js|csv|xlsx|ods|xml|json|ccplan|pdf)\b/g, ' ')
    .replace(/\b[\w.-]+\.(?:ts|js|csv|xlsx|ods|xml|json|ccplan|pdf)\b/g, ' ');
}

/** Every rule's hits in a text, with a little context each: [] when it reads plainly. */
export function hits(where: string, text: string): string[] {
  const found: string[] = [];
  for (const [rule, pattern] of RULES) {
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
    for (const m of text.matchAll(global)) {
      const at = m.index ?? 0;
      found.push(
        `${where}: ${rule}: “${text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ')}”`,
      );
    }
  }
  return found;
}
