/**
 * Reading and parsing one file for import: everything that does not touch the plan, so it can run
 * in a worker thread (see electron/import-worker.ts) while the host stays responsive.
 */
import { createHash } from 'node:crypto';
import { parseImportFile, type ImportResult } from '../../shared/import/index.js';
import { detectSsda903Table, type Ssda903TableKind } from '../../shared/import/ssda903.js';
import { isTemplateWorkbook, parseTemplate, type TemplateResult } from '../../shared/import/template.js';
import { decodeText } from '../../shared/import/text.js';
import type { AuthorityLookup } from '../../shared/model/authorities.js';
import { readSpreadsheet } from './spreadsheet.js';

export type ParsedFile =
  | {
      form: 'published';
      fileName: string;
      sha256: string;
      result: ImportResult;
      ssda903?: { table: Ssda903TableKind; text: string };
    }
  | { form: 'template'; fileName: string; sha256: string; template: TemplateResult }
  | { form: 'unreadable'; fileName: string; sha256: string; result: ImportResult };

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
  if (!sheets) {
    const table = result.kind.startsWith('ssda903-') ? detectSsda903Table(decodeText(bytes).text) : null;
    if (table === 'header' || table === 'episodes' || table === 'missing') {
      return { form: 'published', fileName, sha256, result, ssda903: { table, text: decodeText(bytes).text } };
    }
  }
  return { form: 'published', fileName, sha256, result };
}
