/**
 * SSDA903 returns in an import: how each table is held in the plan (a CSV file under its own name
 * and SHA-256, a table of an XML return under "file › table"), the validation of the incoming
 * tables together with the returns already held (each file's preview showing its own issues, in
 * the XML's terms for a return in XML), and storing the tables on commit.
 */
import { createHash } from 'node:crypto';
import { importSsda903, issueInXml, skippedTableNote, ssda903TableInfo } from '#shared/import/ssda903/index.js';
import type { PlanDatabase } from '../../store/database.js';
import { readSsda903Files, writeSsda903File } from '../../store/ssda903Data.js';
import type { Ssda903HeldTable } from '../importParse.js';
import type { PlanService } from '../planService.js';
import { kindInfo } from './kinds.js';
import { MAX_ISSUES_SHOWN, type PreparedFile } from './types.js';

/**
 * How an SSDA903 table is held in the plan: a CSV file under its own name and SHA-256; each table of
 * an XML return under "file › table" and a SHA-256 of the file's and the table's names, so that
 * importing the same return again replaces its tables.
 */
export function heldTableName(file: { fileName: string }, t: Ssda903HeldTable): string {
  return t.records ? `${file.fileName} › ${t.table}` : file.fileName;
}

export function heldTableSha(file: { sha256: string }, t: Ssda903HeldTable): string {
  return t.records ? createHash('sha256').update(`${file.sha256}:${t.table}`).digest('hex') : file.sha256;
}

/**
 * SSDA903 tables are validated together (episodes need their children's header rows), with the
 * returns already in the plan, and each file's preview shows the issues found in it.
 */
export function validateSsda903Together(plans: PlanService, files: PreparedFile[]): void {
  const incoming = files.filter((f) => f.ssda903 || f.ssda903Skipped);
  if (incoming.length === 0) return;
  const stored = plans.read((db) => readSsda903Files(db));
  const incomingShas = new Set(incoming.flatMap((f) => (f.ssda903 ?? []).map((t) => heldTableSha(f, t))));
  const existing = new Set(stored.map((h) => h.sha256));
  const held = stored.filter((h) => !incomingShas.has(h.sha256));
  const combined = importSsda903([
    ...held,
    ...incoming.flatMap((f) =>
      (f.ssda903 ?? []).map((t) => ({ name: heldTableName(f, t), text: t.text, table: t.table })),
    ),
  ]);
  const { dataset } = combined;
  const rowsOf = new Map(combined.tables.map((t) => [t.file, t.rows]));
  const n = (x: number) => x.toLocaleString('en-GB');
  const heldTogether =
    `All returns held together: ${n(dataset.children.length)} children, ${n(dataset.episodes.length)} episodes ` +
    `after merging the copies that several returns hold, ${n(dataset.children.uasc.reduce((a, b) => a + b, 0))} of the children UASC, ` +
    `LAs ${dataset.las.filter(Boolean).join(', ') || 'not given'}.`;
  for (const f of incoming) {
    const tables = f.ssda903 ?? [];
    const skipped = f.ssda903Skipped ?? [];
    const issues = tables
      .flatMap((t) => {
        const name = heldTableName(f, t);
        const own = combined.issues.filter((i) => i.file === name);
        const records = t.records;
        return records ? own.map((i) => issueInXml(i, f.fileName, records)) : own;
      })
      // The file's own issues: errors reading it, and the warning when it was not UTF-8.
      .concat(f.result.issues)
      .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) || (a.row ?? 0) - (b.row ?? 0));
    const rows = f.result.summary.rows;
    // Rows of each table as the file holds them (blank lines aside), the tables read and the ones left out.
    const counts = [
      ...tables.map((t) => ({
        name: ssda903TableInfo(t.table).name,
        rows: rowsOf.get(heldTableName(f, t)) ?? t.records?.length ?? 0,
      })),
      ...skipped.map((t) => ({ name: ssda903TableInfo(t.table).name, rows: t.rows })),
    ];
    const listed = counts.map((c) => `${c.name} ${n(c.rows)} row${c.rows === 1 ? '' : 's'}`).join(', ');
    const isXml = f.result.kind === 'ssda903-xml';
    const storedRows = tables.reduce((sum, t) => sum + (rowsOf.get(heldTableName(f, t)) ?? 0), 0);
    const already = tables.length > 0 && tables.every((t) => existing.has(heldTableSha(f, t)));
    f.preview = {
      ...f.preview,
      kindLabel: `${kindInfo[f.result.kind].label} (child-level personal data: it stays in the plan file)`,
      added: tables.length === 0 || already ? 0 : isXml ? storedRows : rows,
      replaced: already ? (isXml ? storedRows : rows) : 0,
      measures:
        tables.length === 0
          ? []
          : isXml
            ? [`SSDA903 return in XML: ${n(rows)} children; tables ${listed}`]
            : [`SSDA903 ${counts[0]?.name ?? ''} table: ${n(counts[0]?.rows ?? 0)} rows`],
      notTaken: [...skipped.map((t) => skippedTableNote(t.table, t.rows)), ...(tables.length ? [heldTogether] : [])],
      errorCount: issues.filter((i) => i.severity === 'error').length,
      warningCount: issues.filter((i) => i.severity === 'warning').length,
      issues: issues.slice(0, MAX_ISSUES_SHOWN),
    };
  }
}

export function storeSsda903(db: PlanDatabase, file: PreparedFile, importedAt: string) {
  const rows = file.result.summary.rows;
  let replaced = false;
  for (const t of file.ssda903 ?? []) {
    replaced =
      writeSsda903File(
        db,
        {
          sha256: heldTableSha(file, t),
          fileName: heldTableName(file, t),
          table: t.table,
          rows: t.records ? t.records.length : rows,
          text: t.text,
          sourceId: file.source.id,
        },
        importedAt,
      ) || replaced;
  }
  // Rows of the tables stored (for a return in XML, every table's rows, not its children).
  const total = file.preview.added + file.preview.replaced;
  return { added: replaced ? 0 : total, replaced: replaced ? total : 0, skippedOutsidePlan: 0 };
}
