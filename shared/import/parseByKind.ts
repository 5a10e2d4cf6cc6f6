/**
 * Reading one imported file once it is text or cells (./index.ts, parseImportFile, does the bytes,
 * limits and encoding): its kind told from its content (JSON, XML, an SSDA903 header line, CSV, a
 * workbook's sheets), then the reader of that kind (DfE, ONS, Ofsted providers, Ofsted joiners and
 * leavers) run and its output summarised. SSDA903 and boundary files are only recognised and
 * counted here; they are read elsewhere.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import type { MeasureId } from '../model/measures.js';
import { measureIds } from '../model/measures.js';
import type { DfeKind } from './dfe.js';
import { parseDfe } from './dfe.js';
import type { Detection, FileKind } from './detect.js';
import { detectJson, detectSsda903, detectTable, detectXml } from './detect.js';
import { InputLimitError, type InputLimits } from './limits.js';
import { parseOfsted } from './ofsted.js';
import { parseOfstedJoinersLeavers } from './ofstedJoinersLeavers.js';
import { parseOnsMye, parseSnpp } from './ons.js';
import type { IssueCollector } from './report.js';
import type { ImportOptions, ImportResult, ImportSummary } from './result.js';
import { countSsda903Rows } from './ssda903/index.js';
import type { RawTable } from './table.js';
import { isBlankRow, tableFromCsv } from './table.js';
import type { DecodedText, TextEncoding } from './text.js';

const dfeKinds: ReadonlySet<FileKind> = new Set<DfeKind>([
  'dfe-cla-number-rate',
  'dfe-cla-characteristics',
  'dfe-placement-netgain',
  'dfe-missing',
]);

function isDfeKind(kind: FileKind): kind is DfeKind {
  return dfeKinds.has(kind);
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

export function parse(
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
