/**
 * SSDA903 importer: the child-level return every English council makes to the DfE.
 *
 * Reads the Header (`CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB`), Episodes
 * (`CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN`),
 * Missing (`CHILD,DOB,MISSING,MIS_START,MIS_END`) and UASC (`CHILD,SEX,DOB,DUC`) tables as CSV, in
 * both layouts found in practice:
 *
 * - the per-year layout, one file per return and table, dates dd/mm/yyyy (`2021-episodes.csv`);
 * - the pooled regional layout, several LAs and years in one file, ISO dates (yyyy-mm-dd) and two
 *   extra columns `LA` and `YEAR`.
 *
 * The return's other tables (reviews, OC2, OC3, AD1, placed for adoption, previous permanence,
 * social worker episodes; see ./returnTables.ts) are recognised, counted and left out, so a whole
 * export can be given at once. Every file's rows are counted as the file holds them (`tables`).
 *
 * Columns are matched by name (case-insensitive, any order). Dates become integer day numbers
 * (days since 1970-01-01, UTC); a dd/mm/yy date is read by the row's return year (the YEAR column,
 * else a year in the file name) with a warning, and is an error only when no return year is known.
 * Tables are columnar (typed arrays; codes and CHILD ids interned straight from the text, so a
 * field makes a string only the first time its value is seen): a million-row episodes file is
 * validated in about four seconds without an object or a string per row.
 *
 * Several returns combine into one history: the same child and episode appear in every return in
 * which the episode was open; identical copies are merged and the latest return's version of an
 * episode (same child and start date) supersedes earlier ones. Every problem is reported through
 * {@link IssueCollector}: file, 1-based row (header row = 1), column and message.
 *
 * SSDA903 returns in XML (./xml/): one file holding every child, with a HEADER per child (CHILDID,
 * SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB, UASC and DUC, and AMISSING missing episodes) and EPISODE
 * elements. The XML is turned into the tables of the CSV form the planner reads — header, episodes,
 * missing and UASC (a child with UASC 1 or a DUC) — so that it is validated and stored exactly as the
 * CSV files are, and each record keeps a label ("CHILD 947390, episode 2") so that a
 * problem in it can be named in the XML's own terms. The return's other tables (reviews, OC2, OC3,
 * AD1, placed for adoption, previous permanence, social worker episodes) are counted and named, not
 * read (./returnTables.ts).
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
 * This index only re-exports the public API of the parts: dates.ts (day numbers), codes.ts
 * (PLACE codes, interning), tables.ts (the public tables), scanner.ts, issues.ts, builders.ts,
 * rows.ts, readers.ts, combine.ts, import.ts (importSsda903), records.ts (ssda903FromRecords),
 * returnTables.ts (the tables of the return) and xml/ (the XML form). Parts never import it.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
export {
  NO_DATE,
  MIN_DATE,
  MAX_DATE,
  dayFromCivil,
  civilFromDay,
  addYears,
  addMonths,
  wholeMonthsBetween,
  isoFromDay,
  parseSsda903Date,
  resolveTwoDigitYear,
} from './dates.js';
export type { CodeColumn } from './codes.js';
export { PLACE_CODES, Interner } from './codes.js';
export type {
  Ssda903TableKind,
  ChildTable,
  EpisodeTable,
  MissingTable,
  Ssda903Dataset,
  Ssda903File,
  Ssda903ImportOptions,
  Ssda903TableCount,
  Ssda903Import,
} from './tables.js';
export { SSDA903_COLUMNS, detectSsda903Table, countSsda903Rows } from './tables.js';
export { importSsda903 } from './import.js';
export type { HeaderRecord, EpisodeRecord } from './records.js';
export { ssda903FromRecords } from './records.js';
export type {
  Ssda903UsedTable,
  Ssda903SkippedTable,
  Ssda903AnyTable,
  Ssda903TableInfo,
  Ssda903SkippedTableCount,
} from './returnTables.js';
export {
  SSDA903_TABLES,
  ssda903TableInfo,
  isUsedSsda903Table,
  identifySsda903Table,
  skippedTableNote,
} from './returnTables.js';
export type { Ssda903XmlTableKind, Ssda903XmlTable, Ssda903XmlResult, RecordLabels } from './xml/labels.js';
export { recordLabel, recordLabels, ssda903XmlElement, isSsda903Xml } from './xml/labels.js';
export { ssda903TablesFromXml, issueInXml } from './xml/read.js';
