/**
 * SSDA903 returns held in a plan (gzip-compressed CSV text, as imported). Compressed with Node's
 * zlib (native): a million-row episodes table is about 100 MB of text, which the pure-JavaScript
 * deflate took about ten seconds over; level 4 keeps it to well under a second or two.
 */
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import type { Ssda903File, Ssda903TableKind } from '#shared/import/ssda903/index.js';
import type { PlanDatabase } from './database.js';

export interface StoredSsda903File {
  sha256: string;
  fileName: string;
  table: Ssda903TableKind;
  rows: number;
  text: string;
  sourceId: string;
}

export function writeSsda903File(db: PlanDatabase, file: StoredSsda903File, importedAt: string): boolean {
  const existed = Boolean(db.prepare('SELECT 1 FROM ssda903_file WHERE sha256 = ?').get(file.sha256));
  db.prepare(
    `INSERT INTO ssda903_file (sha256, file_name, table_kind, rows, content_gzip, source_id, imported_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET file_name = excluded.file_name, imported_at = excluded.imported_at, source_id = excluded.source_id`,
  ).run(
    file.sha256,
    file.fileName,
    file.table,
    file.rows,
    gzipSync(Buffer.from(file.text, 'utf8'), { level: 4, strategy: constants.Z_DEFAULT_STRATEGY }),
    file.sourceId,
    importedAt,
  );
  return existed;
}

/** Every SSDA903 file held, ready for importSsda903 (oldest import first). */
export function readSsda903Files(db: PlanDatabase): (Ssda903File & { sha256: string })[] {
  const rows = db
    .prepare('SELECT sha256, file_name, table_kind, content_gzip FROM ssda903_file ORDER BY imported_at, file_name')
    .all() as {
    sha256: string;
    file_name: string;
    table_kind: Ssda903TableKind;
    content_gzip: Buffer;
  }[];
  return rows.map((r) => ({
    sha256: r.sha256,
    name: r.file_name,
    table: r.table_kind,
    // as TextDecoder reads it (what was used before): a leading byte-order mark dropped
    text: new TextDecoder().decode(gunzipSync(r.content_gzip)),
  }));
}

export function ssda903FileCount(db: PlanDatabase): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM ssda903_file').get() as { n: number }).n;
}

/** Removes all child-level data from the plan (it is personal data). */
/** How many SSDA903 files the plan holds. */
export function countSsda903Files(db: PlanDatabase): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM ssda903_file').get() as { n: number }).n;
}

export function removeSsda903Files(db: PlanDatabase): number {
  // the returns as read (./ssda903Parsed.ts) go with them
  db.prepare('DELETE FROM ssda903_parsed').run();
  return db.prepare('DELETE FROM ssda903_file').run().changes;
}
