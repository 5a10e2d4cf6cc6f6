/**
 * Reading and parsing one file for import: everything that does not touch the plan, so it can run
 * in a worker thread (see electron/import-worker.ts) while the host stays responsive.
 */
import { createHash } from 'node:crypto';
import { parseImportFile, type ImportResult } from '../../shared/import/index.js';
import { detectSsda903Table, type Ssda903TableKind } from '../../shared/import/ssda903.js';
import { ssda903TablesFromXml } from '../../shared/import/ssda903Xml.js';
import { isTemplateWorkbook, parseTemplate, type TemplateResult } from '../../shared/import/template.js';
import { decodeText } from '../../shared/import/text.js';
import type { AuthorityLookup } from '../../shared/model/authorities.js';
import { readSpreadsheet } from './spreadsheet.js';
import { parseBoundaries } from '../../shared/geo/boundaries.js';
import { parseHexJson } from '../../shared/geo/hex.js';
import type { BoundaryFeature } from '../../shared/geo/types.js';

export type ParsedFile =
  | {
      form: 'published';
      fileName: string;
      sha256: string;
      result: ImportResult;
      /** SSDA903 tables the file holds: one for a CSV table, up to three for a return in XML. */
      ssda903?: Ssda903HeldTable[];
      boundaries?: { features: BoundaryFeature[]; layer: string | null; codeField: string | null };
      hexes?: { code: string; q: number; r: number }[];
    }
  | { form: 'template'; fileName: string; sha256: string; template: TemplateResult }
  | { form: 'unreadable'; fileName: string; sha256: string; result: ImportResult };

export interface Ssda903HeldTable {
  table: Ssda903TableKind;
  /** The table as CSV (an XML return is turned into the CSV form's tables). */
  text: string;
  /** For a table read from XML: what each data row is in the XML ("CHILD 1001, episode 2"). */
  records?: string[];
}

export async function parseFileForImport(
  fileName: string,
  bytes: Uint8Array,
  lookup: AuthorityLookup,
): Promise<ParsedFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const sourceId = `import-${sha256.slice(0, 16)}`;
  let sheets;
  try {
    sheets = await readSpreadsheet(bytes);
  } catch (error) {
    const result = parseImportFile(fileName, new Uint8Array(), lookup);
    result.issues.splice(0, result.issues.length, {
      severity: 'error',
      file: fileName,
      row: null,
      column: null,
      message: `The spreadsheet could not be read: ${(error as Error).message}`,
    });
    return { form: 'unreadable', fileName, sha256, result };
  }
  if (sheets && isTemplateWorkbook(sheets)) {
    return { form: 'template', fileName, sha256, template: parseTemplate(fileName, sheets, lookup, sourceId) };
  }
  const result = parseImportFile(fileName, sheets ?? bytes, lookup, { source: sourceId });
  if (!sheets && (result.kind === 'geojson' || result.kind === 'topojson')) {
    const parsed = parseBoundaries(decodeText(bytes).text, { fileName }, lookup);
    result.issues.push(...parsed.issues);
    result.summary = { ...result.summary, areas: parsed.features.length };
    return {
      form: 'published',
      fileName,
      sha256,
      result,
      boundaries: { features: parsed.features, layer: parsed.layer, codeField: parsed.codeField },
    };
  }
  if (!sheets && result.kind === 'hexjson') {
    const parsed = parseHexJson(decodeText(bytes).text, lookup, fileName);
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
  if (!sheets && result.kind === 'ssda903-xml') {
    const read = ssda903TablesFromXml(decodeText(bytes).text, fileName);
    result.issues.push(...read.issues);
    const ssda903 = read.tables.map((t) => ({ table: t.table, text: t.text, records: t.records }));
    return { form: 'published', fileName, sha256, result, ssda903 };
  }
  if (!sheets) {
    const table = result.kind.startsWith('ssda903-') ? detectSsda903Table(decodeText(bytes).text) : null;
    if (table === 'header' || table === 'episodes' || table === 'missing') {
      return { form: 'published', fileName, sha256, result, ssda903: [{ table, text: decodeText(bytes).text }] };
    }
  }
  return { form: 'published', fileName, sha256, result };
}
