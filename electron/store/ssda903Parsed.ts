/**
 * The SSDA903 returns held in a plan, as the importer reads them (shared/import/ssda903/), stored
 * beside the CSV text (table ssda903_parsed) so that a stock-flow projection starts from the child
 * and episode tables instead of reading every row of the text again: on the regional sample that
 * reading is most of a `planner project --method stockflow` run.
 *
 * Derived data only. Its key is the files held (SHA-256, name, table, in the order they are read)
 * and {@link SSDA903_READER_VERSION}; a key that does not match is ignored and the text is read as
 * before, so a plan from an older version, or one whose returns changed, gives the same figures.
 * Bump the version whenever the reader changes what it returns (test/unit/ssda903Parsed.test.ts
 * fails until you do, by the reader's source fingerprint).
 */
import { createHash } from 'node:crypto';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { importSsda903, type Ssda903Import } from '#shared/import/ssda903/index.js';
import type { PlanDatabase } from './database.js';
import { readSsda903Files } from './ssda903Data.js';

/** The reader's version: part of every key (see the file comment). */
export const SSDA903_READER_VERSION = 1;

/** The files held, in the order readSsda903Files reads them, without their text. */
function heldFiles(db: PlanDatabase): { sha256: string; file_name: string; table_kind: string }[] {
  return db.prepare('SELECT sha256, file_name, table_kind FROM ssda903_file ORDER BY imported_at, file_name').all() as {
    sha256: string;
    file_name: string;
    table_kind: string;
  }[];
}

/** The key of what importSsda903 makes of these files (null when there are none). */
export function ssda903ParsedKey(files: readonly { sha256: string; name: string; table?: string }[]): string | null {
  if (files.length === 0) return null;
  return createHash('sha256')
    .update(JSON.stringify([SSDA903_READER_VERSION, files.map((f) => [f.sha256, f.name, f.table ?? null])]))
    .digest('hex');
}

const TYPED = { Int32Array, Uint32Array, Int16Array, Uint16Array, Uint8Array } as const;
type TypedName = keyof typeof TYPED;
const TYPED_TAG = '\u0000typed';
/** NaN and the infinities, which JSON cannot hold. */
const NUMBER_TAG = '\u0000number';

function typedName(value: unknown): TypedName | null {
  for (const name of Object.keys(TYPED) as TypedName[]) if (value instanceof TYPED[name]) return name;
  return null;
}

/**
 * Encodes a value of plain objects, arrays, strings, numbers, booleans and typed arrays: the typed
 * arrays as their bytes (8-byte aligned) after a JSON description of the rest.
 */
export function encodeParsed(value: unknown): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  const walk = (v: unknown): unknown => {
    const name = typedName(v);
    if (name) {
      const t = v as Int32Array;
      const bytes = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
      const at = offset;
      parts.push(bytes);
      offset += bytes.length;
      const pad = (8 - (offset % 8)) % 8;
      if (pad) {
        parts.push(Buffer.alloc(pad));
        offset += pad;
      }
      return { [TYPED_TAG]: name, at, length: t.length };
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { [NUMBER_TAG]: String(v) };
    return v;
  };
  const header = Buffer.from(JSON.stringify(walk(value)), 'utf8');
  const head = Buffer.alloc(8);
  head.writeUInt32LE(header.length, 0);
  const pad = Buffer.alloc((8 - (header.length % 8)) % 8);
  return Buffer.concat([head, header, pad, ...parts]);
}

/** The value {@link encodeParsed} encoded (typed arrays copied out of the buffer). */
export function decodeParsed(buffer: Buffer): unknown {
  const headerLength = buffer.readUInt32LE(0);
  const header = JSON.parse(buffer.toString('utf8', 8, 8 + headerLength)) as unknown;
  const base = 8 + headerLength + ((8 - (headerLength % 8)) % 8);
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) v[i] = walk(v[i]);
      return v;
    }
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const name = o[TYPED_TAG] as TypedName | undefined;
      if (typeof o[NUMBER_TAG] === 'string') return Number(o[NUMBER_TAG]);
      if (name !== undefined) {
        const Type = TYPED[name];
        const length = o.length as number;
        const out = new Type(length);
        const start = base + (o.at as number);
        new Uint8Array(out.buffer).set(buffer.subarray(start, start + out.byteLength));
        return out;
      }
      for (const k of Object.keys(o)) o[k] = walk(o[k]);
      return o;
    }
    return v;
  };
  return walk(header);
}

/**
 * Reads the returns held and stores what the importer makes of them (replacing what was stored);
 * removes the stored form when the plan holds no returns. Call after the returns held change.
 */
export function writeSsda903Parsed(db: PlanDatabase): void {
  db.prepare('DELETE FROM ssda903_parsed').run();
  const files = readSsda903Files(db);
  const key = ssda903ParsedKey(files);
  if (!key) return;
  const parsed = importSsda903(files);
  db.prepare('INSERT INTO ssda903_parsed (key, content_gzip) VALUES (?, ?)').run(
    key,
    gzipSync(encodeParsed(parsed), { level: 1, strategy: constants.Z_DEFAULT_STRATEGY }),
  );
}

/**
 * What importSsda903 makes of every SSDA903 file held (no LA filter): the stored form when its key
 * matches the files held, otherwise read from the text. Null when the plan holds no returns.
 */
export function readSsda903Parsed(db: PlanDatabase): Ssda903Import | null {
  const key = ssda903ParsedKey(
    heldFiles(db).map((f) => ({ sha256: f.sha256, name: f.file_name, table: f.table_kind })),
  );
  if (!key) return null;
  const row = db.prepare('SELECT content_gzip FROM ssda903_parsed WHERE key = ?').get(key) as
    { content_gzip: Buffer } | undefined;
  return row ? (decodeParsed(gunzipSync(row.content_gzip)) as Ssda903Import) : importSsda903(readSsda903Files(db));
}
