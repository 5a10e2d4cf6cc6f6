/**
 * One entry point for every published file the planner imports: bytes (CSV or JSON) or a table of
 * cells (a sheet the Node layer read from XLSX/ODS) in; the kind of file, typed rows and a
 * validation report out. It never throws: whatever the input, the caller gets a report.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import type { Observation } from '../model/dataset.js';
import type { MeasureId } from '../model/measures.js';
import { measureIds } from '../model/measures.js';
import type { ChildrensHome, SupplyMovement, SupplyRow } from '../model/supply.js';
import type { DfeKind } from './dfe.js';
import { parseDfe } from './dfe.js';
import type { Detection, FileKind } from './detect.js';
import { detectJson, detectSsda903, detectTable, detectXml } from './detect.js';
import { parseOfsted } from './ofsted.js';
import { parseOfstedJoinersLeavers } from './ofstedJoinersLeavers.js';
import type { PopulationProjection } from './ons.js';
import { parseOnsMye, parseSnpp } from './ons.js';
import type { ImportIssue } from './report.js';
import { IssueCollector } from './report.js';
import type { RawTable } from './table.js';
import { isBlankRow, tableFromCsv } from './table.js';
import type { DecodedText, TextEncoding } from './text.js';
import { decodeText, decodeUtf8Lossy, describeNotUtf8 } from './text.js';
import { countSsda903Rows } from './ssda903/index.js';
import { InputLimitError, formatBytes, limitErrorFromRangeError, resolveLimits, type InputLimits } from './limits.js';

export type { FileKind, Detection } from './detect.js';
export { detectFileKind, detectTable, fileKinds } from './detect.js';
export type { DfeKind } from './dfe.js';
export { parseDfe } from './dfe.js';
export type { OfstedResult } from './ofsted.js';
export { parseOfsted } from './ofsted.js';
export type { JoinersLeaversResult, JoinerLeaverEvent } from './ofstedJoinersLeavers.js';
export { parseOfstedJoinersLeavers } from './ofstedJoinersLeavers.js';
export type { PopulationProjection, SnppResult } from './ons.js';
export { parseOnsMye, parseSnpp } from './ons.js';
export type { ImportIssue } from './report.js';
export type { RawTable } from './table.js';
export { tableFromCsv } from './table.js';
export type { DecodedText, TextEncoding } from './text.js';
export { decodeText } from './text.js';
export type { InputLimits } from './limits.js';
export { DEFAULT_INPUT_LIMITS, InputLimitError, resolveLimits } from './limits.js';

export interface ImportSummary {
  /** Data rows read (header, title and blank rows excluded); features or hexes for boundary files. */
  rows: number;
  /** Distinct areas in the output. */
  areas: number;
  /** Distinct periods in the output (years ending 31 March, snapshot dates, projection years), sorted. */
  periods: string[];
  /** Measures of the observations, in the plan's order. */
  measures: MeasureId[];
  /**
   * Rows read but not taken into the plan (other tables, other geographies, abolished authorities, …),
   * by what they were; `what` reads after "N rows of", e.g. "provision type 'Boarding School'".
   */
  unmodelled: { what: string; rows: number }[];
}

export interface ImportResult {
  kind: FileKind;
  /** Why the file was taken to be this kind. */
  reason: string;
  /** How the bytes were decoded; null when a table of cells was given. */
  encoding: TextEncoding | null;
  /** The sheet read, when a workbook's sheets were given. */
  sheetName: string | null;
  /** For a published table the planner does not use: what it is ("DfE placement stability table"). */
  unusedTable?: string;
  observations: Observation[];
  /**
   * Figures to store only where the plan holds none for the same area, measure and period: a DfE
   * number-and-rate file's own denominators (population0to17), for the years the plan has no ONS
   * estimate for.
   */
  denominators?: Observation[];
  supply: SupplyRow[];
  homes: ChildrensHome[];
  projections: PopulationProjection[];
  /** Openings and closures of children's homes (Ofsted joiners and leavers); absent for other kinds. */
  supplyMovements?: SupplyMovement[];
  issues: ImportIssue[];
  summary: ImportSummary;
}

export interface ImportOptions {
  /** Source id stored on every row (defaults to the file name). */
  source?: string;
  /** Snapshot date for Ofsted files whose title rows, sheet name and file name give none ("2023-03-31"). */
  period?: string;
  /** Limits on the text's size and the table's cells (the defaults of ./limits.ts otherwise). */
  limits?: Partial<InputLimits>;
  /** The bytes already decoded by the caller (so that a large file is decoded once). */
  decoded?: DecodedText;
}

const dfeKinds: ReadonlySet<FileKind> = new Set<DfeKind>([
  'dfe-cla-number-rate',
  'dfe-cla-characteristics',
  'dfe-placement-netgain',
  'dfe-missing',
]);

function isDfeKind(kind: FileKind): kind is DfeKind {
  return dfeKinds.has(kind);
}

function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return fileName.slice(i + 1);
}

/**
 * Sheets of a workbook: the first whose content is a kind this tool reads (the provider-level sheet
 * first), else the first it recognises but does not use (joiners and leavers, say).
 */
function chooseSheet(sheets: readonly RawTable[]): { table: RawTable; detection: Detection } | null {
  const detected = sheets.map((table) => ({ table, detection: detectTable(table) }));
  const known = detected.filter((d) => d.detection.kind !== 'unknown' && d.detection.kind !== 'unused-table');
  return (
    known.find((d) => /provider.?level/i.test(d.table.sheetName ?? '')) ??
    known[0] ??
    detected.find((d) => d.detection.kind === 'unused-table') ??
    null
  );
}

function jsonRows(text: string, kind: FileKind): number {
  try {
    const o = JSON.parse(text) as Record<string, unknown>;
    if (kind === 'geojson') return Array.isArray(o.features) ? o.features.length : 1;
    if (kind === 'hexjson') return typeof o.hexes === 'object' && o.hexes !== null ? Object.keys(o.hexes).length : 0;
    if (kind === 'topojson' && typeof o.objects === 'object' && o.objects !== null) {
      return Object.values(o.objects as Record<string, { geometries?: unknown }>).reduce(
        (n, layer) => n + (Array.isArray(layer?.geometries) ? layer.geometries.length : 0),
        0,
      );
    }
  } catch {
    // Detection already said whether the JSON is valid.
  }
  return 0;
}

function summarise(
  result: Pick<ImportResult, 'observations' | 'supply' | 'homes' | 'projections'>,
  rows: number,
  unmodelled: ImportSummary['unmodelled'],
): ImportSummary {
  const areas = new Set<string>();
  const periods = new Set<string>();
  const measures = new Set<MeasureId>();
  for (const o of result.observations) {
    areas.add(o.area);
    periods.add(o.period);
    measures.add(o.measure);
  }
  for (const s of result.supply) {
    areas.add(s.area);
    periods.add(s.period);
  }
  for (const h of result.homes) {
    areas.add(h.area);
    if (h.period !== '') periods.add(h.period);
  }
  for (const p of result.projections) {
    areas.add(p.area);
    periods.add(String(p.year));
  }
  return {
    rows,
    areas: areas.size,
    periods: [...periods].sort(),
    measures: measureIds.filter((m) => measures.has(m)),
    unmodelled,
  };
}

/**
 * Reads one file: detects its kind from its content, parses it and validates it.
 *
 * @param fileName the name the user chose (for issues, the default source id and Ofsted's date)
 * @param input the file's bytes (CSV or JSON), or a sheet (or a workbook's sheets) as cells
 * @param lookup the reference list of English authorities (codes, names and the crosswalk)
 */
export function parseImportFile(
  fileName: string,
  input: Uint8Array | RawTable | readonly RawTable[],
  lookup: AuthorityLookup,
  options: ImportOptions = {},
): ImportResult {
  const name = baseName(fileName);
  const issues = new IssueCollector(name);
  const source = options.source ?? name;
  const base: ImportResult = {
    kind: 'unknown',
    reason: '',
    encoding: null,
    sheetName: null,
    observations: [],
    supply: [],
    homes: [],
    projections: [],
    issues: issues.issues,
    summary: { rows: 0, areas: 0, periods: [], measures: [], unmodelled: [] },
  };
  const limits = resolveLimits(options.limits);
  try {
    if (!(input instanceof Uint8Array)) return parse(name, input, lookup, options, source, issues, base, limits);
    if (input.length > limits.maxTextBytes) {
      throw new InputLimitError(
        'text-size',
        `${name} is ${formatBytes(input.length)}; a CSV, JSON or XML file can be at most ${formatBytes(limits.maxTextBytes)} (the text size limit).`,
      );
    }
    const decoded = options.decoded ?? decodeText(input, name);
    const result = parse(name, decoded, lookup, options, source, issues, base, limits);
    checkDecoding(name, input, decoded, result, issues, (alt) =>
      parse(name, alt, lookup, options, source, new IssueCollector(name), { ...base, issues: [] }, limits),
    );
    return result;
  } catch (caught) {
    const error = limitErrorFromRangeError(caught, name, input instanceof Uint8Array ? input.length : 0);
    if (error instanceof InputLimitError) {
      issues.error(error.row, null, error.message);
    } else {
      issues.error(
        null,
        null,
        `The file could not be read: ${error instanceof Error ? error.message : String(error)}. Please report this with the file.`,
      );
    }
    return { ...base, issues: issues.issues };
  }
}

/** Figures a reading of the file gives (observations, supply rows, homes and projections). */
function figures(result: ImportResult): number {
  return (
    result.observations.length +
    result.supply.length +
    result.homes.length +
    result.projections.length +
    (result.supplyMovements?.length ?? 0)
  );
}

/**
 * A file that is not UTF-8 is read as Windows-1252, and says so (a warning naming the first byte
 * that is not UTF-8). The reading is refused (an error) when it is evidently wrong: when the file
 * is mostly well-formed UTF-8 and reading it as UTF-8 (its bad bytes shown as U+FFFD) gives more
 * figures, or when most of its data rows could not be taken.
 */
function checkDecoding(
  name: string,
  bytes: Uint8Array,
  decoded: DecodedText,
  result: ImportResult,
  issues: IssueCollector,
  reparse: (alt: DecodedText) => ImportResult,
): void {
  const why = describeNotUtf8(decoded);
  if (!why) return;
  const skipped = new Set(result.issues.filter((i) => i.row !== null).map((i) => i.row)).size;
  issues.warning(
    decoded.notUtf8?.line ?? null,
    null,
    `Read as Windows-1252 because ${why}. If names or symbols such as “£” look wrong below, save the file again as CSV UTF-8.`,
  );
  const taken = figures(result);
  const rows = result.summary.rows;
  if (rows === 0 || !['dfe', 'ons', 'ofsted'].some((p) => result.kind.startsWith(p))) return;
  if ((decoded.notUtf8?.multibyte ?? 0) > 0) {
    const asUtf8 = reparse({ text: decodeUtf8Lossy(bytes), encoding: 'utf-8' });
    const wouldTake = figures(asUtf8);
    if (wouldTake > taken) {
      issues.error(
        decoded.notUtf8?.line ?? null,
        null,
        `${name} was read as Windows-1252 because ${why}, but it is otherwise UTF-8: read as Windows-1252 it gives ${taken.toLocaleString('en-GB')} figures, read as UTF-8 ${wouldTake.toLocaleString('en-GB')}. It looks like a UTF-8 file with damaged bytes, so it is not imported: repair it or save it again as CSV UTF-8.`,
      );
      return;
    }
  }
  if (taken === 0 || skipped * 2 > rows) {
    issues.error(
      null,
      null,
      `${name} was read as Windows-1252 because ${why}, but then ${taken === 0 ? 'none' : 'most'} of its ${rows.toLocaleString('en-GB')} data rows could ${taken === 0 ? '' : 'not '}be taken (${Math.min(skipped, rows).toLocaleString('en-GB')} have problems, ${taken.toLocaleString('en-GB')} figures read). It is probably in another encoding, so it is not imported: save it again as CSV UTF-8.`,
    );
  }
}

/** An SSDA903 table told from its header line; null when it is not one (or the line is not a CSV row on its own). */
function ssda903FromHeaderLine(line: string): Detection | null {
  try {
    return detectSsda903(tableFromCsv(line).rows[0] ?? []);
  } catch {
    return null;
  }
}

function isDecoded(input: DecodedText | RawTable | readonly RawTable[]): input is DecodedText {
  return !Array.isArray(input) && typeof (input as DecodedText).text === 'string';
}

function parse(
  fileName: string,
  input: DecodedText | RawTable | readonly RawTable[],
  lookup: AuthorityLookup,
  options: ImportOptions,
  source: string,
  issues: IssueCollector,
  base: ImportResult,
  limits: InputLimits,
): ImportResult {
  let table: RawTable;
  let detection: Detection;
  let encoding: TextEncoding | null = null;

  if (isDecoded(input)) {
    const decoded = input;
    encoding = decoded.encoding;
    const text = decoded.text;
    const start = text.trimStart();
    if (start === '') {
      issues.error(null, null, 'The file is empty.');
      return { ...base, encoding, reason: 'The file is empty.' };
    }
    if (start.startsWith('{') || start.startsWith('[')) {
      detection = detectJson(text);
      if (detection.kind === 'unknown')
        issues.error(null, null, `Could not tell what kind of file this is: ${detection.reason}`);
      return {
        ...base,
        kind: detection.kind,
        reason: detection.reason,
        encoding,
        summary: { ...base.summary, rows: jsonRows(text, detection.kind) },
      };
    }
    if (start.startsWith('<')) {
      detection = detectXml(text);
      if (detection.kind === 'unknown') {
        issues.error(null, null, `Could not tell what kind of file this is: ${detection.reason}`);
        return { ...base, reason: detection.reason, encoding };
      }
      // An SSDA903 return: read into its tables by the import (./ssda903/xml/); counted here by child.
      const children = (text.match(/<CHILD[\s>]/g) ?? []).length;
      return {
        ...base,
        kind: detection.kind,
        reason: detection.reason,
        encoding,
        summary: { ...base.summary, rows: children },
      };
    }
    // An SSDA903 table is told by its header line alone and parsed column by column elsewhere
    // (./ssda903/): reading a million-row return into a table of cells here would only count it.
    const lineEnd = text.indexOf('\n');
    const firstLine = (lineEnd < 0 ? text : text.slice(0, lineEnd)).replace(/^\uFEFF/, '');
    const ssda903 = /child/i.test(firstLine) ? ssda903FromHeaderLine(firstLine) : null;
    if (ssda903) {
      return {
        ...base,
        kind: ssda903.kind,
        reason: ssda903.reason,
        encoding,
        summary: { ...base.summary, rows: countSsda903Rows(text) },
      };
    }
    try {
      table = tableFromCsv(text, null, limits);
    } catch (error) {
      if (error instanceof InputLimitError) throw error;
      const reason = `The file is not readable as CSV: ${error instanceof Error ? error.message : String(error)}`;
      issues.error(null, null, reason);
      return { ...base, encoding, reason };
    }
    detection = detectTable(table);
  } else if (Array.isArray(input)) {
    const sheets = input as readonly RawTable[];
    const chosen = chooseSheet(sheets);
    if (!chosen) {
      const names = sheets.map((s) => (s.sheetName ? `'${s.sheetName}'` : '(unnamed)')).join(', ');
      const reason = `None of the sheets (${names || 'none'}) is a kind of file this tool reads.`;
      issues.error(null, null, `Could not tell what kind of file this is: ${reason}`);
      return { ...base, reason };
    }
    table = chosen.table;
    detection = chosen.detection;
  } else {
    table = input as RawTable;
    detection = detectTable(table);
  }

  const common = { ...base, kind: detection.kind, reason: detection.reason, encoding, sheetName: table.sheetName };
  const dataRows = (from: number): number => table.rows.slice(from).filter((r) => !isBlankRow(r)).length;
  const kind = detection.kind;

  if (kind === 'unknown') {
    issues.error(null, null, `Could not tell what kind of file this is: ${detection.reason}`);
    return { ...common, summary: { ...base.summary, rows: dataRows(0) } };
  }
  if (kind === 'unused-table') {
    // Recognised and named, but nothing the planner uses: read nothing, change nothing.
    const rows = dataRows((detection.headerRow ?? 0) + 1);
    const table = detection.table ?? 'a published table';
    return {
      ...common,
      unusedTable: table,
      summary: { ...base.summary, rows, unmodelled: [{ what: `the ${table} (not used by the planner)`, rows }] },
    };
  }
  if (isDfeKind(kind)) {
    const r = parseDfe(kind, table, lookup, issues, { source, headerRow: detection.headerRow ?? 0 });
    const out = {
      ...common,
      observations: r.observations,
      ...(r.denominators.length ? { denominators: r.denominators } : {}),
    };
    return { ...out, summary: summarise(out, r.rows, r.unmodelled) };
  }
  if (kind === 'ons-mye') {
    const r = parseOnsMye(table, lookup, issues, { source, headerRow: detection.headerRow ?? 0 });
    const out = { ...common, observations: r.observations };
    return { ...out, summary: summarise(out, r.rows, r.unmodelled) };
  }
  if (kind === 'ons-snpp') {
    const r = parseSnpp(table, lookup, issues, { source, headerRow: detection.headerRow ?? 0 });
    const out = { ...common, projections: r.projections };
    return { ...out, summary: summarise(out, r.rows, r.unmodelled) };
  }
  if (kind === 'ofsted-providers') {
    const r = parseOfsted(table, lookup, issues, {
      source,
      fileName,
      ...(options.period !== undefined ? { period: options.period } : {}),
    });
    const out = { ...common, observations: r.observations, supply: r.supply, homes: r.homes };
    return { ...out, summary: summarise(out, r.rows, r.unmodelled) };
  }
  if (kind === 'ofsted-joiners-leavers') {
    const r = parseOfstedJoinersLeavers(table, lookup, issues, {
      source,
      fileName,
      ...(options.period !== undefined ? { period: options.period } : {}),
    });
    const out = { ...common, supplyMovements: r.movements };
    const summary = summarise(out, r.rows, r.unmodelled);
    const areas = new Set(r.movements.map((m) => m.area));
    return { ...out, summary: { ...summary, areas: areas.size, periods: r.period === null ? [] : [r.period] } };
  }
  // SSDA903 and boundary files are recognised here and parsed elsewhere.
  return { ...common, summary: { ...base.summary, rows: dataRows((detection.headerRow ?? 0) + 1) } };
}
