/**
 * Reading and parsing one file for import: everything that does not touch the plan, so it can run
 * in a worker thread (see electron/import-worker.ts) while the host stays responsive. The file is
 * held to the input limits throughout (shared/import/limits.ts): a workbook to the decompression
 * and cell limits, text to the text and XML size limits, and it is decoded once. Whatever goes
 * wrong, the caller gets a report: a file past a limit, or one that runs past what memory can hold
 * ("Invalid string length"), becomes an error naming the file and the limit, never a crash.
 */
import { createHash } from 'node:crypto';
import { parseImportFile, type ImportResult } from '#shared/import/index.js';
import {
  InputLimitError,
  formatBytes,
  limitErrorFromRangeError,
  resolveLimits,
  type InputLimits,
} from '#shared/import/limits.js';
import {
  countSsda903Rows,
  detectSsda903Table,
  isUsedSsda903Table,
  ssda903TablesFromXml,
  type RecordLabels,
  type Ssda903SkippedTableCount,
  type Ssda903TableKind,
} from '#shared/import/ssda903/index.js';
import { isTemplateWorkbook, parseTemplate, type TemplateResult } from '#shared/import/template.js';
import { decodeText } from '#shared/import/text.js';
import type { AuthorityLookup } from '#shared/model/authorities.js';
import { readSpreadsheet } from './spreadsheet.js';
import { parseBoundaries, type LayerSummary } from '#shared/geo/boundaries/index.js';
import { parseHexJson } from '#shared/geo/hex/index.js';
import type { BoundaryFeature } from '#shared/geo/types.js';

export type ParsedFile =
  | {
      form: 'published';
      fileName: string;
      sha256: string;
      result: ImportResult;
      /** SSDA903 tables the file holds that the planner reads: one for a CSV table, up to four for a return in XML. */
      ssda903?: Ssda903HeldTable[];
      /** SSDA903 tables the file holds that the planner leaves out (named in the preview, not stored). */
      ssda903Skipped?: Ssda903SkippedTableCount[];
      boundaries?: {
        features: BoundaryFeature[];
        layer: string | null;
        codeField: string | null;
        layers: LayerSummary[];
      };
      hexes?: { code: string; q: number; r: number }[];
    }
  | { form: 'template'; fileName: string; sha256: string; template: TemplateResult }
  | { form: 'unreadable'; fileName: string; sha256: string; result: ImportResult };

export interface Ssda903HeldTable {
  table: Ssda903TableKind;
  /** The table as CSV (an XML return is turned into the CSV form's tables). */
  text: string;
  /** For a table read from XML: what each data row is in the XML ("CHILD 1001, episode 2"). */
  records?: RecordLabels;
}

/** A file that could not be read: a report with one error saying why. */
function unreadable(fileName: string, sha256: string, lookup: AuthorityLookup, said: string): ParsedFile {
  // The issue names the file already: "x.ods: its part …" reads "Its part …" after it.
  const own = said.startsWith(`${fileName}: `) ? said.slice(fileName.length + 2) : null;
  const message = own === null ? said : own.charAt(0).toUpperCase() + own.slice(1);
  const result = parseImportFile(fileName, new Uint8Array(), lookup);
  result.issues.splice(0, result.issues.length, {
    severity: 'error',
    file: fileName,
    row: null,
    column: null,
    message,
  });
  return { form: 'unreadable', fileName, sha256, result };
}

/** What the user chose for the file in the preview, and the plan's members (see ImportFileRef). */
export interface ParseChoices {
  /** The layer of a boundary file to read. */
  layer?: string;
  /** The snapshot date of an Ofsted file ("2023-03-31"). */
  asOf?: string;
  /** The plan's member authorities: a boundary file's layer is chosen by them. */
  members?: readonly string[];
}

export async function parseFileForImport(
  fileName: string,
  bytes: Uint8Array,
  lookup: AuthorityLookup,
  limitOverrides: Partial<InputLimits> = {},
  choices: ParseChoices = {},
): Promise<ParsedFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    return await parseWithinLimits(fileName, bytes, lookup, resolveLimits(limitOverrides), sha256, choices);
  } catch (caught) {
    const error = limitErrorFromRangeError(caught, fileName, bytes.length);
    if (error instanceof InputLimitError) return unreadable(fileName, sha256, lookup, error.message);
    return unreadable(fileName, sha256, lookup, `The file could not be read: ${(error as Error).message}`);
  }
}

async function parseWithinLimits(
  fileName: string,
  bytes: Uint8Array,
  lookup: AuthorityLookup,
  limits: InputLimits,
  sha256: string,
  choices: ParseChoices,
): Promise<ParsedFile> {
  const period = choices.asOf !== undefined ? { period: choices.asOf } : {};
  const sourceId = `import-${sha256.slice(0, 16)}`;
  if (bytes.length > limits.maxInputBytes) {
    return unreadable(
      fileName,
      sha256,
      lookup,
      `${fileName} is ${formatBytes(bytes.length)}, more than the ${formatBytes(limits.maxInputBytes)} an import may read (the input size limit).`,
    );
  }
  let sheets;
  try {
    sheets = await readSpreadsheet(bytes, fileName, limits);
  } catch (caught) {
    const error = limitErrorFromRangeError(caught, fileName, bytes.length);
    if (error instanceof InputLimitError) return unreadable(fileName, sha256, lookup, error.message);
    return unreadable(fileName, sha256, lookup, `The spreadsheet could not be read: ${(error as Error).message}`);
  }
  if (sheets && isTemplateWorkbook(sheets)) {
    return { form: 'template', fileName, sha256, template: parseTemplate(fileName, sheets, lookup, sourceId) };
  }
  if (sheets)
    return {
      form: 'published',
      fileName,
      sha256,
      result: parseImportFile(fileName, sheets, lookup, { source: sourceId, limits, ...period }),
    };
  if (bytes.length > limits.maxTextBytes) {
    return unreadable(
      fileName,
      sha256,
      lookup,
      `${fileName} is ${formatBytes(bytes.length)}; a CSV, JSON or XML file can be at most ${formatBytes(limits.maxTextBytes)} (the text size limit).`,
    );
  }
  // Decoded once, here, for every reading below.
  const decoded = decodeText(bytes, fileName);
  const text = decoded.text;
  if (bytes.length > limits.maxXmlBytes && /^\uFEFF?\s*</.test(text.slice(0, 1000))) {
    return unreadable(
      fileName,
      sha256,
      lookup,
      `${fileName} is ${formatBytes(bytes.length)} of XML; an SSDA903 return in XML can be at most ${formatBytes(limits.maxXmlBytes)} (the XML size limit).`,
    );
  }
  const result = parseImportFile(fileName, bytes, lookup, { source: sourceId, limits, decoded, ...period });
  if (result.kind === 'geojson' || result.kind === 'topojson') {
    const parsed = parseBoundaries(
      text,
      {
        fileName,
        ...(choices.layer !== undefined ? { layer: choices.layer } : {}),
        ...(choices.members ? { members: choices.members } : {}),
      },
      lookup,
    );
    result.issues.push(...parsed.issues);
    result.summary = { ...result.summary, areas: parsed.features.length };
    return {
      form: 'published',
      fileName,
      sha256,
      result,
      boundaries: {
        features: parsed.features,
        layer: parsed.layer,
        codeField: parsed.codeField,
        layers: parsed.layerSummaries,
      },
    };
  }
  if (result.kind === 'hexjson') {
    const parsed = parseHexJson(text, lookup, fileName);
    result.issues.push(...parsed.issues);
    result.summary = { ...result.summary, areas: parsed.hexes.length };
    return {
      form: 'published',
      fileName,
      sha256,
      result,
      hexes: parsed.hexes.map((h) => ({ code: h.code, q: h.q, r: h.r })),
    };
  }
  if (result.kind === 'ssda903-xml') {
    const read = ssda903TablesFromXml(text, fileName, limits);
    result.issues.push(...read.issues);
    const ssda903 = read.tables.map((t) => ({ table: t.table, text: t.text, records: t.records }));
    return { form: 'published', fileName, sha256, result, ssda903, ssda903Skipped: read.skipped };
  }
  const table = result.kind.startsWith('ssda903-') ? detectSsda903Table(text) : null;
  if (table !== null && isUsedSsda903Table(table)) {
    return { form: 'published', fileName, sha256, result, ssda903: [{ table, text }] };
  }
  if (table !== null) {
    const rows = result.summary.rows || countSsda903Rows(text);
    return { form: 'published', fileName, sha256, result, ssda903Skipped: [{ table, rows }] };
  }
  return { form: 'published', fileName, sha256, result };
}
