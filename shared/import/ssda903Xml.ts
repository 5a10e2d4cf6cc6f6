/**
 * SSDA903 returns in their XML form: one file holding every child, with a HEADER per child (CHILDID,
 * SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB, UASC and DUC, and AMISSING missing episodes) and EPISODE
 * elements. The XML is turned into the tables of the CSV form the planner reads — header, episodes,
 * missing and UASC (a child with UASC 1 or a DUC) — so that it is validated and stored exactly as the
 * CSV files are (./ssda903.ts), and each record keeps a label ("CHILD 947390, episode 2") so that a
 * problem in it can be named in the XML's own terms. The return's other tables (reviews, OC2, OC3,
 * AD1, placed for adoption, previous permanence, social worker episodes) are counted and named, not
 * read (./ssda903Tables.ts).
 *
 * The layout is that of the local-authority exports (root element such as EXPSSDA903, a CHILD
 * element per child); CHILDID is read as CHILD and PL as PLACE. CHILD elements are found up to seven
 * levels under the root, and EPISODE and AMISSING elements either in the CHILD or in its HEADER.
 *
 * Before it is read the file is held to limits: its size, no character XML 1.0 forbids (a NUL
 * inside an element is named by line, column and child), no entity declarations (entities other
 * than XML's five are never expanded). It is read in one pass, element by element, without building
 * a tree (a return of 100,000 episodes in well under a second): the pass checks that the document is
 * well formed (tags closed in order, one root, attributes quoted, no more than 100 levels of
 * nesting) and names the line of the first fault.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { formatBytes, resolveLimits, type InputLimits } from './limits.js';
import type { ImportIssue } from './report.js';
import { Interner, SSDA903_COLUMNS } from './ssda903.js';
import type { Ssda903SkippedTable, Ssda903SkippedTableCount } from './ssda903Tables.js';
import { declaresEntities, describeChar, findIllegalXmlChar, lineAndColumn } from './xml.js';

export type Ssda903XmlTableKind = 'header' | 'episodes' | 'missing' | 'uasc';

export interface Ssda903XmlTable {
  table: Ssda903XmlTableKind;
  /** The table as CSV, with the columns of the CSV form. */
  text: string;
  /** What each data row is in the XML, in row order ("CHILD 947390, episode 2"); made when asked for. */
  records: RecordLabels;
}

export interface Ssda903XmlResult {
  /** The tables the planner reads (header always; episodes, missing and UASC when it has any). */
  tables: Ssda903XmlTable[];
  /** The tables of the return the planner leaves out, with their rows (children or records). */
  skipped: Ssda903SkippedTableCount[];
  children: number;
  /** Problems with the file as XML (not well formed, no CHILD elements); empty when it could be read. */
  issues: ImportIssue[];
}

/**
 * What the rows of a table read from XML are ("CHILD 1001, episode 2"), kept as the child and
 * ordinal of each row, so that a return of 100,000 episodes makes a label only for the rows with an
 * issue. Plain data (it crosses from the import worker by structured clone): read with recordLabel.
 */
export interface RecordLabels {
  readonly length: number;
  /** The label of each child ("CHILD 1001"). */
  readonly children: readonly string[];
  /** Child of each row; null when row i is child i (the header table). */
  readonly child: Int32Array | null;
  /** 1-based ordinal of each row within its child. */
  readonly ordinal: Int32Array | null;
  /** What a row is ("episode", "missing episode"); '' for one row per child. */
  readonly what: string;
}

/** The label of row `index` (0-based data row). */
export function recordLabel(records: RecordLabels, index: number): string | undefined {
  if (!(index >= 0 && index < records.length)) return undefined;
  if (!records.child) return records.children[index];
  const child = records.children[records.child[index]!]!;
  return records.what ? `${child}, ${records.what} ${records.ordinal?.[index] ?? 0}` : `${child}, UASC`;
}

/** Every label, in row order (for tests and small returns). */
export function recordLabels(records: RecordLabels): string[] {
  return Array.from({ length: records.length }, (_, i) => recordLabel(records, i)!);
}

class LabelBuilder {
  length = 0;
  private child = new Int32Array(1024);
  private ordinal = new Int32Array(1024);

  constructor(
    private readonly children: readonly string[],
    private readonly what: string,
  ) {}

  push(child: number, ordinal: number): void {
    if (this.length === this.child.length) {
      const grow = (a: Int32Array) => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.child = grow(this.child);
      this.ordinal = grow(this.ordinal);
    }
    this.child[this.length] = child;
    this.ordinal[this.length] = ordinal;
    this.length++;
  }

  labels(): RecordLabels {
    return {
      length: this.length,
      children: this.children,
      child: this.child.slice(0, this.length),
      ordinal: this.ordinal.slice(0, this.length),
      what: this.what,
    };
  }
}

/** XML element names that differ from the CSV column names. */
const xmlNames: Readonly<Record<string, string>> = { CHILD: 'CHILDID', PLACE: 'PL' };

/** The XML element for a CSV column of the return, e.g. PLACE → PL (for messages about an XML file). */
export function ssda903XmlElement(column: string): string {
  return xmlNames[column] ?? column;
}

/** True when the text looks like an SSDA903 return in XML (an XML document with CHILD and CHILDID elements). */
export function isSsda903Xml(text: string): boolean {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (!start.startsWith('<')) return false;
  const head = start.slice(0, 200_000);
  return /<CHILD[\s>]/.test(head) && /<CHILDID[\s>/]/.test(head);
}

/** The child whose record holds `index` ("CHILD 1001"), from the last CHILDID before it; null before the first. */
function childAt(text: string, index: number): string | null {
  const at = text.lastIndexOf('<CHILDID>', index);
  if (at === -1) return null;
  const start = at + '<CHILDID>'.length;
  const end = text.indexOf('<', start);
  const id = text.slice(start, end === -1 ? start : Math.min(end, start + 40)).trim();
  return id ? `CHILD ${id}` : null;
}

// ---------------------------------------------------------------------------------------------
// Reading: one pass over the text, element by element, with no tree and no object per element
// ---------------------------------------------------------------------------------------------

const MAX_DEPTH = 100;
/** CHILD elements are looked for this many levels under the root at most. */
const MAX_CHILD_DEPTH = 7;

/** Where an element sits: what its leaves are fields of. */
const OTHER = 0;
const CHILD = 1;
const HEADER = 2;
const EPISODE = 3;
const MISSING = 4;

/** Column index of each element name, by the table its parent stands for (CSV names and XML aliases). */
function columnIndex(columns: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  columns.forEach((c, i) => {
    map.set(c, i);
    const alias = xmlNames[c];
    if (alias) map.set(alias, i);
  });
  return map;
}
const HEADER_COLUMNS = SSDA903_COLUMNS.header;
const EPISODE_COLUMNS = SSDA903_COLUMNS.episodes;
const MISSING_COLUMNS = SSDA903_COLUMNS.missing;
const UASC_COLUMNS = SSDA903_COLUMNS.uasc;
const headerIndex = columnIndex(HEADER_COLUMNS);
const episodeIndex = columnIndex(EPISODE_COLUMNS);
const missingIndex = columnIndex(MISSING_COLUMNS);
const HEADER_DOB = HEADER_COLUMNS.indexOf('DOB');
const MISSING_DOB = MISSING_COLUMNS.indexOf('DOB');

/** Leaves that mark a row of a table the planner leaves out: counted once a child, or once each. */
const perChildMarks: Readonly<Record<string, Ssda903SkippedTable>> = {
  SDQ_SCORE: 'oc2',
  SDQ_REASON: 'oc2',
  CONVICTED: 'oc2',
  HEALTH_CHECK: 'oc2',
  IMMUNISATIONS: 'oc2',
  TEETH_CHECK: 'oc2',
  HEALTH_ASSESSMENT: 'oc2',
  SUBSTANCE_MISUSE: 'oc2',
  INTERVENTION_RECEIVED: 'oc2',
  INTERVENTION_OFFERED: 'oc2',
  IN_TOUCH: 'oc3',
  ACTIV: 'oc3',
  ACCOM: 'oc3',
  DATE_INT: 'ad1',
  DATE_MATCH: 'ad1',
  FOSTER_CARE: 'ad1',
  NB_ADOPTR: 'ad1',
};
const perRecordMarks: Readonly<Record<string, Ssda903SkippedTable>> = {
  REVIEW: 'reviews',
  DATE_PLACED: 'placedAdoption',
  PREV_PERM: 'prevPerm',
  SW_ID: 'swEpisodes',
};
const SKIPPED_ORDER: readonly Ssda903SkippedTable[] = [
  'reviews',
  'oc2',
  'oc3',
  'ad1',
  'placedAdoption',
  'prevPerm',
  'swEpisodes',
];

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
function leafText(body: string, start: number, end: number): string {
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
function csvRow(values: readonly string[]): string {
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
class CsvWriter {
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

class XmlError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
  }
}

const isNameStart = (c: number): boolean =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 0xc0;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46 || c === 0xb7;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/** Checks the attributes of a tag (text between the name and '>' or '/>'); throws XmlError. */
function checkAttributes(body: string, from: number, to: number): void {
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
function tagEnd(body: string, lt: number): number {
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

interface Tables {
  header: string[];
  headerRecords: string[];
  episodes: CsvWriter;
  episodeRecords: LabelBuilder;
  missing: string[];
  missingRecords: LabelBuilder;
  uasc: string[];
  uascRecords: LabelBuilder;
  skipped: Map<Ssda903SkippedTable, number>;
  children: number;
}

/** Reads the whole document; throws XmlError when it is not well formed. */
function readDocument(body: string): Tables {
  const headerRecords: string[] = [];
  const out: Tables = {
    header: [],
    headerRecords,
    episodes: new CsvWriter(EPISODE_COLUMNS),
    episodeRecords: new LabelBuilder(headerRecords, 'episode'),
    missing: [],
    missingRecords: new LabelBuilder(headerRecords, 'missing episode'),
    uasc: [],
    uascRecords: new LabelBuilder(headerRecords, ''),
    skipped: new Map(),
    children: 0,
  };
  const n = body.length;
  // Element names are interned from the text: one string per distinct name, not per element.
  const tags = new Interner();
  const names: string[] = [];
  const nameIds = new Int32Array(MAX_DEPTH + 1);
  const opened = new Int32Array(MAX_DEPTH + 1);
  const textStart = new Int32Array(MAX_DEPTH + 1);
  const where = new Uint8Array(MAX_DEPTH + 1);
  const hasElements = new Uint8Array(MAX_DEPTH + 1);
  let depth = 0;
  let rootClosed = false;
  let sawRoot = false;

  // The child being read.
  let inChild = false;
  let childHeaderSeen = false;
  const headerFromHeader: string[] = new Array<string>(HEADER_COLUMNS.length).fill('');
  const headerFromChild: string[] = new Array<string>(HEADER_COLUMNS.length).fill('');
  // The episode being read: where each field's text is (start −1 until it is met).
  const episodeStart = new Int32Array(EPISODE_COLUMNS.length).fill(-1);
  const episodeEnd = new Int32Array(EPISODE_COLUMNS.length);
  let episodesWritten = 0;
  let missingValues: string[] = [];
  const childEpisodes: string[][] = [];
  const childMissing: string[][] = [];
  let duc = '';
  let uascFlag = false;
  const marks = new Set<Ssda903SkippedTable>();
  const recordCounts = new Map<Ssda903SkippedTable, number>();

  const startChild = (): void => {
    inChild = true;
    childHeaderSeen = false;
    headerFromHeader.fill('');
    headerFromChild.fill('');
    childEpisodes.length = 0;
    episodesWritten = 0;
    childMissing.length = 0;
    duc = '';
    uascFlag = false;
    marks.clear();
    recordCounts.clear();
  };

  const endChild = (): void => {
    inChild = false;
    out.children++;
    const values = headerFromHeader.map((v, i) => v || headerFromChild[i]!);
    const id = values[0]!;
    const label = id ? `CHILD ${id}` : `CHILD element ${out.children} (no CHILDID)`;
    out.header.push(csvRow(values));
    out.headerRecords.push(label);
    for (let k = 0; k < childEpisodes.length; k++) {
      const e = childEpisodes[k]!;
      e[0] = id;
      out.episodes.rowFromValues(e);
      out.episodeRecords.push(out.children - 1, episodesWritten + k + 1);
    }
    for (let k = 0; k < childMissing.length; k++) {
      const m = childMissing[k]!;
      m[0] = id;
      if (!m[MISSING_DOB]) m[MISSING_DOB] = values[HEADER_DOB]!;
      out.missing.push(csvRow(m));
      out.missingRecords.push(out.children - 1, k + 1);
    }
    if (uascFlag || duc) {
      // The CSV form's UASC table: CHILD, SEX, DOB, DUC.
      out.uasc.push(
        csvRow(UASC_COLUMNS.map((c) => (c === 'CHILD' ? id : c === 'DUC' ? duc : values[headerIndex.get(c)!]!))),
      );
      out.uascRecords.push(out.children - 1, 0);
    }
    for (const t of marks) out.skipped.set(t, (out.skipped.get(t) ?? 0) + 1);
    for (const [t, count] of recordCounts) out.skipped.set(t, (out.skipped.get(t) ?? 0) + count);
  };

  // What each element name is, by its interned id: its column in the header, episodes and missing
  // tables (-1 when none), filled in the first time the name is met.
  let headerCol = new Int8Array(64);
  let episodeCol = new Int8Array(64);
  let missingCol = new Int8Array(64);
  let known = 0;
  const describe = (id: number): void => {
    if (id >= headerCol.length) {
      const grow = (a: Int8Array) => {
        const b = new Int8Array(a.length * 2 > id ? a.length * 2 : id + 1);
        b.set(a);
        return b;
      };
      headerCol = grow(headerCol);
      episodeCol = grow(episodeCol);
      missingCol = grow(missingCol);
    }
    for (; known <= id; known++) {
      const name = tags.values[known]!;
      headerCol[known] = headerIndex.get(name) ?? -1;
      episodeCol[known] = episodeIndex.get(name) ?? -1;
      missingCol[known] = missingIndex.get(name) ?? -1;
    }
  };

  /** A leaf element (no elements inside) with text body[start, end), under a parent of kind `parent`. */
  const leaf = (id: number, parent: number, start: number, end: number): void => {
    if (!inChild) return;
    if (id >= known) describe(id);
    if (parent === EPISODE) {
      const i = episodeCol[id]!;
      if (i > 0 && episodeStart[i]! < 0) {
        episodeStart[i] = start;
        episodeEnd[i] = end;
      }
      return;
    }
    if (parent === MISSING) {
      const i = missingCol[id]!;
      if (i > 0 && !missingValues[i]) missingValues[i] = leafText(body, start, end);
      return;
    }
    if (parent === HEADER || parent === CHILD) {
      const i = headerCol[id]!;
      if (i >= 0) {
        const target = parent === HEADER ? headerFromHeader : headerFromChild;
        if (!target[i]) target[i] = leafText(body, start, end);
        return;
      }
    }
    const name = tags.values[id]!;
    if (name === 'UASC') {
      if (leafText(body, start, end) === '1') uascFlag = true;
      return;
    }
    if (name === 'DUC') {
      if (!duc) duc = leafText(body, start, end);
      return;
    }
    const perChild = perChildMarks[name];
    if (perChild) {
      marks.add(perChild);
      return;
    }
    const perRecord = perRecordMarks[name];
    if (perRecord) recordCounts.set(perRecord, (recordCounts.get(perRecord) ?? 0) + 1);
  };

  let pos = 0;
  for (;;) {
    const lt = body.indexOf('<', pos);
    const textEnd = lt < 0 ? n : lt;
    if (depth === 0) {
      // Only white space outside the root element.
      for (let i = pos; i < textEnd; i++) {
        if (!isSpace(body.charCodeAt(i))) {
          throw new XmlError(
            sawRoot ? 'There is text after the root element' : 'There is text before the root element',
            i,
          );
        }
      }
    }
    if (lt < 0) break;
    const next = body.charCodeAt(lt + 1);
    if (next === 33) {
      // <!-- comment -->, <![CDATA[ … ]]> or <!DOCTYPE …>
      if (body.startsWith('<!--', lt)) {
        const close = body.indexOf('-->', lt + 4);
        if (close < 0) throw new XmlError('A comment is never closed', lt);
        pos = close + 3;
        continue;
      }
      if (body.startsWith('<![CDATA[', lt)) {
        if (depth === 0) throw new XmlError('CDATA is not allowed outside the root element', lt);
        const close = body.indexOf(']]>', lt + 9);
        if (close < 0) throw new XmlError('A CDATA section is never closed', lt);
        pos = close + 3;
        continue;
      }
      if (body.startsWith('<!DOCTYPE', lt) && depth === 0 && !sawRoot) {
        const bracket = body.indexOf('[', lt);
        const gt = body.indexOf('>', lt);
        let close = gt;
        if (bracket >= 0 && gt >= 0 && bracket < gt) {
          const end = body.indexOf(']', bracket);
          close = end < 0 ? -1 : body.indexOf('>', end);
        }
        if (close < 0) throw new XmlError('The DOCTYPE is never closed', lt);
        pos = close + 1;
        continue;
      }
      throw new XmlError("'<!' starts nothing XML knows here", lt);
    }
    if (next === 63) {
      const close = body.indexOf('?>', lt + 2);
      if (close < 0) throw new XmlError('A processing instruction is never closed', lt);
      pos = close + 2;
      continue;
    }
    if (next === 47) {
      // </NAME>
      let i = lt + 2;
      const open = depth > 0 ? names[depth - 1]! : '';
      // The usual case, the name of the open element, is checked without making a string.
      let same = depth > 0 && !isNameChar(body.charCodeAt(i + open.length));
      for (let k = 0; same && k < open.length; k++) same = body.charCodeAt(i + k) === open.charCodeAt(k);
      if (same) i += open.length;
      else while (i < n && isNameChar(body.charCodeAt(i))) i++;
      const name = same ? open : body.slice(lt + 2, i);
      while (i < n && isSpace(body.charCodeAt(i))) i++;
      if (body.charCodeAt(i) !== 62) throw new XmlError(`The closing tag '${name}' is not closed with '>'`, lt);
      if (depth === 0) throw new XmlError(`Closing tag '${name}' has no opening tag`, lt);
      if (!same) {
        const line = lineAndColumn(body, opened[depth - 1]!).line;
        throw new XmlError(
          `Expected closing tag '${open}' (opened in line ${line}) instead of closing tag '${name}'`,
          lt,
        );
      }
      depth--;
      names.pop();
      const kind = where[depth]!;
      if (!hasElements[depth] && depth > 0) leaf(nameIds[depth]!, where[depth - 1]!, textStart[depth]!, lt);
      if (kind === EPISODE) {
        const id = headerFromHeader[0]!;
        if (id && childEpisodes.length === 0) {
          // The usual order (HEADER with CHILDID first): the row is written at once.
          out.episodes.rowFromSpans(id, body, episodeStart, episodeEnd);
          out.episodeRecords.push(out.children, ++episodesWritten);
        } else {
          childEpisodes.push(
            Array.from(episodeStart, (start, i) => (start < 0 ? '' : leafText(body, start, episodeEnd[i]!))),
          );
        }
      } else if (kind === MISSING) childMissing.push(missingValues);
      else if (kind === CHILD) endChild();
      if (depth === 0) rootClosed = true;
      pos = i + 1;
      continue;
    }
    // <NAME …> or <NAME …/>
    if (!isNameStart(next)) throw new XmlError("'<' must start a tag (write &lt; in text)", lt);
    if (rootClosed) throw new XmlError('There is more than one root element', lt);
    // The name, hashed as it is scanned (Interner.hash), then interned.
    let i = lt + 1;
    let h = 0x811c9dc5;
    for (; i < n; i++) {
      const c = body.charCodeAt(i);
      if (!isNameChar(c)) break;
      h = Math.imul(h ^ c, 16777619);
    }
    const nameId = tags.idAtHashed(body, lt + 1, i, (h ^ (i - lt - 1)) | 0);
    const name = tags.values[nameId]!;
    const gt = tagEnd(body, lt);
    if (gt < 0) throw new XmlError(`The tag '${name}' is never closed with '>'`, lt);
    const selfClosing = body.charCodeAt(gt - 1) === 47 && gt - 1 >= i;
    const attrEnd = selfClosing ? gt - 1 : gt;
    if (i < attrEnd) {
      if (!isSpace(body.charCodeAt(i)))
        throw new XmlError(`The tag name '${name}' is followed by an unexpected character`, i);
      checkAttributes(body, i, attrEnd);
    }
    sawRoot = true;
    if (depth > 0) hasElements[depth - 1] = 1;
    const parent = depth > 0 ? where[depth - 1]! : OTHER;
    if (selfClosing) {
      if (depth > 0) leaf(nameId, parent, 0, 0);
      if (depth === 0) rootClosed = true;
      pos = gt + 1;
      continue;
    }
    if (depth >= MAX_DEPTH) throw new XmlError(`Elements are nested more than ${MAX_DEPTH} levels deep`, lt);
    let kind = OTHER;
    if (name === 'CHILD' && !inChild && depth > 0 && depth <= MAX_CHILD_DEPTH) {
      kind = CHILD;
      startChild();
    } else if (inChild) {
      if (name === 'HEADER' && parent === CHILD && !childHeaderSeen) {
        kind = HEADER;
        childHeaderSeen = true;
      } else if (name === 'EPISODE' && (parent === CHILD || parent === HEADER)) {
        kind = EPISODE;
        episodeStart.fill(-1);
      } else if (name === 'AMISSING' && (parent === CHILD || parent === HEADER)) {
        kind = MISSING;
        missingValues = new Array<string>(MISSING_COLUMNS.length).fill('');
      }
    }
    names.push(name);
    nameIds[depth] = nameId;
    opened[depth] = lt;
    textStart[depth] = gt + 1;
    where[depth] = kind;
    hasElements[depth] = 0;
    depth++;
    pos = gt + 1;
  }
  if (depth > 0) {
    const line = lineAndColumn(body, opened[depth - 1]!).line;
    throw new XmlError(`The element '${names[depth - 1]!}' (opened in line ${line}) is never closed`, n);
  }
  if (!sawRoot) throw new XmlError('There is no root element', 0);
  return out;
}

function csv(columns: readonly string[], rows: readonly string[]): string {
  return columns.join(',') + '\n' + (rows.length ? rows.join('\n') + '\n' : '');
}

/** Reads an SSDA903 return in XML into the tables of the CSV form. */
export function ssda903TablesFromXml(
  text: string,
  fileName: string,
  limitOverrides: Partial<InputLimits> = {},
): Ssda903XmlResult {
  const problem = (message: string, row: number | null = null): Ssda903XmlResult => ({
    tables: [],
    skipped: [],
    children: 0,
    issues: [{ severity: 'error', file: fileName, row, column: null, message }],
  });
  const limits = resolveLimits(limitOverrides);
  if (text.length > limits.maxXmlBytes) {
    return problem(
      `${fileName} holds ${formatBytes(text.length)} of XML; an SSDA903 return in XML can be at most ${formatBytes(limits.maxXmlBytes)} (the XML size limit).`,
    );
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const illegal = findIllegalXmlChar(body);
  if (illegal) {
    const { line, column } = lineAndColumn(body, illegal.index);
    const child = childAt(body, illegal.index);
    return problem(
      `Line ${line}, column ${column}${child ? ` (in ${child})` : ''}: the character ${describeChar(illegal.code)} is not allowed in XML, so the file is not read. It may be damaged: export the return again.`,
      line,
    );
  }
  if (declaresEntities(body)) {
    return problem(
      'The file declares XML entities (<!ENTITY …>): they are never expanded, and an SSDA903 return does not need them, so the file is not read.',
    );
  }
  let read: Tables;
  try {
    read = readDocument(body);
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    const { line } = lineAndColumn(body, Math.min(error.index, body.length));
    return problem(`The file is not well-formed XML: ${error.message} (line ${line}).`, line);
  }
  if (read.children === 0) return problem('The XML has no CHILD elements: it is not an SSDA903 return.');

  const tables: Ssda903XmlTable[] = [
    {
      table: 'header',
      text: csv(HEADER_COLUMNS, read.header),
      records: {
        length: read.headerRecords.length,
        children: read.headerRecords,
        child: null,
        ordinal: null,
        what: '',
      },
    },
  ];
  if (read.episodes.rows)
    tables.push({ table: 'episodes', text: read.episodes.text(), records: read.episodeRecords.labels() });
  if (read.missing.length)
    tables.push({ table: 'missing', text: csv(MISSING_COLUMNS, read.missing), records: read.missingRecords.labels() });
  if (read.uasc.length)
    tables.push({ table: 'uasc', text: csv(UASC_COLUMNS, read.uasc), records: read.uascRecords.labels() });
  const skipped = SKIPPED_ORDER.filter((t) => read.skipped.has(t)).map((t) => ({
    table: t,
    rows: read.skipped.get(t)!,
  }));
  return { tables, skipped, children: read.children, issues: [] };
}

/**
 * An issue found in one of the tables read from an XML return, restated in the XML's terms: the
 * record ("CHILD 947390, episode 2") instead of a CSV row, the element instead of the column.
 */
export function issueInXml(issue: ImportIssue, fileName: string, records: RecordLabels): ImportIssue {
  const record = issue.row !== null && issue.row >= 2 ? recordLabel(records, issue.row - 2) : undefined;
  const element = issue.column ? ssda903XmlElement(issue.column) : null;
  const where = [record, element ? `element ${element}` : null].filter(Boolean).join(', ');
  return {
    ...issue,
    file: fileName,
    row: null,
    column: element,
    message: where ? `${where}: ${issue.message}` : issue.message,
  };
}
