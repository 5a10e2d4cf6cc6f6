/**
 * The one pass over an SSDA903 return in XML: element by element, with no tree and no object per
 * element, checking that the document is well formed and writing each child's header, episodes,
 * missing episodes and UASC row into the tables of the CSV form as it goes.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { lineAndColumn } from '../../xml.js';
import { Interner } from '../codes.js';
import type { Ssda903SkippedTable } from '../returnTables.js';
import { CsvWriter, csvRow, leafText } from './csvWriter.js';
import {
  CHILD,
  EPISODE,
  EPISODE_COLUMNS,
  HEADER,
  HEADER_COLUMNS,
  HEADER_DOB,
  MAX_CHILD_DEPTH,
  MAX_DEPTH,
  MISSING,
  MISSING_COLUMNS,
  MISSING_DOB,
  OTHER,
  UASC_COLUMNS,
  episodeIndex,
  headerIndex,
  missingIndex,
  perChildMarks,
  perRecordMarks,
} from './elements.js';
import { LabelBuilder } from './labels.js';
import { XmlError, checkAttributes, isNameChar, isNameStart, isSpace, tagEnd } from './syntax.js';

export interface Tables {
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
export function readDocument(body: string): Tables {
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
