/**
 * What reading an SSDA903 return in XML gives (the tables of the CSV form and the tables left out),
 * and the labels that name each row in the XML's own terms ("CHILD 947390, episode 2"), kept as the
 * child and ordinal of each row so that a label is made only for a row with an issue. Also: the XML
 * element for a CSV column, and how an XML return is recognised.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { ImportIssue } from '../../report.js';
import type { Ssda903SkippedTableCount } from '../returnTables.js';

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

export class LabelBuilder {
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
export const xmlNames: Readonly<Record<string, string>> = { CHILD: 'CHILDID', PLACE: 'PL' };

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
export function childAt(text: string, index: number): string | null {
  const at = text.lastIndexOf('<CHILDID>', index);
  if (at === -1) return null;
  const start = at + '<CHILDID>'.length;
  const end = text.indexOf('<', start);
  const id = text.slice(start, end === -1 ? start : Math.min(end, start + 40)).trim();
  return id ? `CHILD ${id}` : null;
}
