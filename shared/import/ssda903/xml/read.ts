/**
 * Reading an SSDA903 return in XML into the tables of the CSV form: the file is first held to
 * limits (size, characters XML forbids, no entity declarations), then read in one pass; and an
 * issue found in those tables is restated in the XML's terms (record and element).
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { formatBytes, resolveLimits, type InputLimits } from '../../limits.js';
import type { ImportIssue } from '../../report.js';
import { declaresEntities, describeChar, findIllegalXmlChar, lineAndColumn } from '../../xml.js';
import { readDocument } from './document.js';
import type { Tables } from './document.js';
import { HEADER_COLUMNS, MISSING_COLUMNS, SKIPPED_ORDER, UASC_COLUMNS } from './elements.js';
import { childAt, recordLabel, ssda903XmlElement } from './labels.js';
import type { RecordLabels, Ssda903XmlResult, Ssda903XmlTable } from './labels.js';
import { XmlError } from './syntax.js';

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
