/**
 * One entry point for every published file the planner imports: bytes (CSV or JSON) or a table of
 * cells (a sheet the Node layer read from XLSX/ODS) in; the kind of file, typed rows and a
 * validation report out. It never throws: whatever the input, the caller gets a report. Here: the
 * bytes (size limit, encoding, and the check that a Windows-1252 reading is not evidently wrong);
 * telling the kind and running its reader is ./parseByKind.ts; the result's types are ./result.ts.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import { InputLimitError, formatBytes, limitErrorFromRangeError, resolveLimits } from './limits.js';
import { parse } from './parseByKind.js';
import { IssueCollector } from './report.js';
import type { ImportOptions, ImportResult } from './result.js';
import type { RawTable } from './table.js';
import type { DecodedText } from './text.js';
import { decodeText, decodeUtf8Lossy, describeNotUtf8 } from './text.js';

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
export type { ImportOptions, ImportResult, ImportSummary } from './result.js';

function baseName(fileName: string): string {
  const i = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
  return fileName.slice(i + 1);
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
