/**
 * SSDA903 returns in their XML form: one file holding every child, with a HEADER per child (CHILDID,
 * SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB, and AMISSING missing episodes) and EPISODE elements. The
 * XML is turned into the three tables of the CSV form — header, episodes, missing — so that it is
 * validated and stored exactly as the CSV files are (./ssda903.ts), and each record keeps a label
 * ("CHILD 947390, episode 2") so that a problem in it can be named in the XML's own terms.
 *
 * The layout is that of the local-authority exports (root element such as EXPSSDA903, a CHILD
 * element per child); CHILDID is read as CHILD and PL as PLACE. CHILD elements are found at any
 * depth, and EPISODE and AMISSING elements either in the CHILD or in its HEADER.
 *
 * Before it is parsed the file is held to limits: its size, no character XML 1.0 forbids (a NUL
 * inside an element is named by line, column and child), no entity declarations (entities other
 * than XML's five are never expanded) and no more than 100 levels of nesting.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { formatBytes, resolveLimits, type InputLimits } from './limits.js';
import type { ImportIssue } from './report.js';
import { SSDA903_COLUMNS } from './ssda903.js';
import { declaresEntities, describeChar, findIllegalXmlChar, lineAndColumn } from './xml.js';

export type Ssda903XmlTableKind = 'header' | 'episodes' | 'missing';

export interface Ssda903XmlTable {
  table: Ssda903XmlTableKind;
  /** The table as CSV, with the columns of the CSV form. */
  text: string;
  /** What each data row is in the XML, in row order ("CHILD 947390, episode 2"). */
  records: string[];
}

export interface Ssda903XmlResult {
  /** The tables the file holds (header always; episodes and missing when it has any). */
  tables: Ssda903XmlTable[];
  children: number;
  /** Problems with the file as XML (not well formed, no CHILD elements); empty when it could be read. */
  issues: ImportIssue[];
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

type XmlNode = { [name: string]: XmlValue };
type XmlValue = string | XmlNode | XmlValue[];

const repeated = new Set(['CHILD', 'EPISODE', 'AMISSING', 'AREVIEW', 'OC2', 'PERMANENCE', 'AD_PLACED']);

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
  // XML's own five entities and character references only: no declared entity is ever expanded.
  processEntities: { enabled: true, maxEntityCount: 1, maxEntitySize: 1, maxExpandedLength: 1 },
  maxNestedTags: 100,
  ignoreDeclaration: true,
  ignorePiTags: true,
  isArray: (name) => repeated.has(name),
});

const isNode = (v: XmlValue | undefined): v is XmlNode => typeof v === 'object' && v !== null && !Array.isArray(v);

const list = (v: XmlValue | undefined): XmlNode[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter(isNode);

/** A leaf's text ('' for an empty element such as <DEC />, or for an element that has children). */
function leaf(node: XmlNode | undefined, name: string): string {
  const v = node?.[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return typeof v[0] === 'string' ? v[0] : '';
  return '';
}

/** Every CHILD element, wherever it sits under the root. */
function findChildren(node: XmlNode, out: XmlNode[], depth = 0): XmlNode[] {
  if (depth > 6) return out;
  for (const [name, value] of Object.entries(node)) {
    if (name === 'CHILD') {
      out.push(...list(value));
      continue;
    }
    for (const inner of list(value)) findChildren(inner, out, depth + 1);
  }
  return out;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function csv(columns: readonly string[], rows: readonly string[][]): string {
  return [columns.join(','), ...rows.map((r) => r.map(csvField).join(','))].join('\n') + '\n';
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

/** Reads an SSDA903 return in XML into the three tables of the CSV form. */
export function ssda903TablesFromXml(
  text: string,
  fileName: string,
  limitOverrides: Partial<InputLimits> = {},
): Ssda903XmlResult {
  const problem = (message: string, row: number | null = null): Ssda903XmlResult => ({
    tables: [],
    children: 0,
    issues: [{ severity: 'error', file: fileName, row, column: null, message }],
  });
  const limits = resolveLimits(limitOverrides);
  if (text.length > limits.maxXmlBytes) {
    return problem(
      `${fileName} holds ${formatBytes(text.length)} of XML; an SSDA903 return in XML can be at most ${formatBytes(limits.maxXmlBytes)} (the XML size limit).`,
    );
  }
  const body = text.replace(/^\uFEFF/, '');
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
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    return problem(
      `The file is not well-formed XML: ${valid.err.msg.replace(/\.$/, '')} (line ${valid.err.line}).`,
      valid.err.line,
    );
  }
  let document: XmlNode;
  try {
    document = parser.parse(body) as XmlNode;
  } catch (error) {
    return problem(`The file could not be read as XML: ${(error as Error).message}`);
  }
  const children = findChildren(document, []);
  if (children.length === 0) return problem('The XML has no CHILD elements: it is not an SSDA903 return.');

  const headerColumns = SSDA903_COLUMNS.header;
  const episodeColumns = SSDA903_COLUMNS.episodes;
  const missingColumns = SSDA903_COLUMNS.missing;
  const header: string[][] = [];
  const headerRecords: string[] = [];
  const episodes: string[][] = [];
  const episodeRecords: string[] = [];
  const missing: string[][] = [];
  const missingRecords: string[] = [];

  children.forEach((child, index) => {
    const head = list(child.HEADER)[0] ?? child;
    const id = leaf(head, 'CHILDID') || leaf(child, 'CHILDID');
    const label = id ? `CHILD ${id}` : `CHILD element ${index + 1} (no CHILDID)`;
    const value = (node: XmlNode, column: string) =>
      column === 'CHILD' ? id : leaf(node, ssda903XmlElement(column)) || leaf(node, column);
    header.push(headerColumns.map((c) => (c === 'CHILD' ? id : value(head, c) || value(child, c))));
    headerRecords.push(label);
    const childEpisodes = [...list(child.EPISODE), ...list(head === child ? undefined : head.EPISODE)];
    childEpisodes.forEach((episode, k) => {
      episodes.push(episodeColumns.map((c) => value(episode, c)));
      episodeRecords.push(`${label}, episode ${k + 1}`);
    });
    const dob = value(head, 'DOB');
    const childMissing = [...list(head.AMISSING), ...list(head === child ? undefined : child.AMISSING)];
    childMissing.forEach((m, k) => {
      missing.push(missingColumns.map((c) => (c === 'DOB' ? value(m, c) || dob : value(m, c))));
      missingRecords.push(`${label}, missing episode ${k + 1}`);
    });
  });

  const tables: Ssda903XmlTable[] = [{ table: 'header', text: csv(headerColumns, header), records: headerRecords }];
  if (episodes.length) tables.push({ table: 'episodes', text: csv(episodeColumns, episodes), records: episodeRecords });
  if (missing.length) tables.push({ table: 'missing', text: csv(missingColumns, missing), records: missingRecords });
  return { tables, children: children.length, issues: [] };
}

/**
 * An issue found in one of the tables read from an XML return, restated in the XML's terms: the
 * record ("CHILD 947390, episode 2") instead of a CSV row, the element instead of the column.
 */
export function issueInXml(issue: ImportIssue, fileName: string, records: readonly string[]): ImportIssue {
  const record = issue.row !== null && issue.row >= 2 ? records[issue.row - 2] : undefined;
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
