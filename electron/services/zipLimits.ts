/**
 * Reading the parts of a ZIP archive (an ODS or XLSX workbook) within the decompression limits: the
 * archive's central directory is read here, each part is inflated by Node's zlib with the most it
 * may still produce as its output limit, so inflation stops as soon as a part passes the per-part
 * limit or all parts together pass the total, and a part whose declared size is already past a
 * limit is refused before any of it is inflated. A "zip bomb" (a small file whose parts inflate to
 * gigabytes) is refused in well under a second with a message naming the file, the part and the
 * limit, and never holds more than the limit in memory.
 */
import zlib from 'node:zlib';
import { InputLimitError, formatBytes, formatCount, type InputLimits } from '#shared/import/limits.js';

/** More parts than any workbook has (Excel and LibreOffice write tens). */
const MAX_ENTRIES = 10_000;

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  compressedSize: number;
  /** The inflated size the archive declares (not trusted: inflation is limited whatever it says). */
  declaredSize: number;
  /** Offset of the local header. */
  localOffset: number;
  encrypted: boolean;
}

/** Thrown for bytes that are not a readable ZIP archive. */
export class NotAZipError extends Error {}

const u16 = (b: Uint8Array, o: number): number => (b[o] ?? 0) | ((b[o + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, o: number): number => (u16(b, o) + u16(b, o + 2) * 0x10000) >>> 0;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

/** Whether the bytes start like a ZIP archive (a local file header). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The archive's parts, from its central directory. Throws {@link NotAZipError} when it has none. */
export function listZipEntries(bytes: Uint8Array, fileName: string): ZipEntry[] {
  let eocd = -1;
  for (let o = bytes.length - 22; o >= 0 && o >= bytes.length - 22 - 65535; o -= 1) {
    if (u32(bytes, o) === 0x06054b50) {
      eocd = o;
      break;
    }
  }
  if (eocd < 0) throw new NotAZipError('no ZIP central directory was found (the file may be cut short)');
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (eocd >= 20 && u32(bytes, eocd - 20) === 0x07064b50) {
    const zip64 = u64(bytes, eocd - 12);
    if (u32(bytes, zip64) === 0x06064b50) {
      count = u64(bytes, zip64 + 32);
      offset = u64(bytes, zip64 + 48);
    }
  }
  if (count > MAX_ENTRIES) {
    throw new InputLimitError(
      'cells',
      `${fileName} is an archive of ${formatCount(count)} parts; a workbook has at most ${formatCount(MAX_ENTRIES)} (the parts limit).`,
    );
  }
  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let o = offset;
  for (let i = 0; i < count; i += 1) {
    if (o + 46 > bytes.length || u32(bytes, o) !== 0x02014b50)
      throw new NotAZipError('its central directory is damaged');
    const flags = u16(bytes, o + 8);
    const method = u16(bytes, o + 10);
    let compressedSize = u32(bytes, o + 20);
    let declaredSize = u32(bytes, o + 24);
    const nameLength = u16(bytes, o + 28);
    const extraLength = u16(bytes, o + 30);
    const commentLength = u16(bytes, o + 32);
    let localOffset = u32(bytes, o + 42);
    const name = decoder.decode(bytes.subarray(o + 46, o + 46 + nameLength));
    // ZIP64 sizes and offset, in the extra field, for those given as 0xFFFFFFFF.
    let e = o + 46 + nameLength;
    const extraEnd = e + extraLength;
    while (e + 4 <= extraEnd) {
      const id = u16(bytes, e);
      const size = u16(bytes, e + 2);
      if (id === 0x0001) {
        let f = e + 4;
        if (declaredSize === 0xffffffff) {
          declaredSize = u64(bytes, f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(bytes, f);
          f += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(bytes, f);
      }
      e += 4 + size;
    }
    entries.push({ name, method, compressedSize, declaredSize, localOffset, encrypted: (flags & 1) === 1 });
    o = extraEnd + commentLength;
  }
  return entries;
}

/** Counts what the parts of one archive inflate to, against the per-part and total limits. */
export class InflateBudget {
  private used = 0;

  constructor(
    private readonly fileName: string,
    private readonly limits: Pick<InputLimits, 'maxInflatedBytes' | 'maxEntryBytes'>,
  ) {}

  /** Bytes inflated so far. */
  get inflated(): number {
    return this.used;
  }

  /** The most `entry` may inflate to now: the per-part limit, or what is left of the total. */
  allowance(): number {
    return Math.min(this.limits.maxEntryBytes, this.limits.maxInflatedBytes - this.used);
  }

  /** The refusal for `entry` inflating, or declaring that it inflates, to more than `allowance()`. */
  refusal(entry: ZipEntry): InputLimitError {
    const declared = entry.declaredSize > this.allowance() ? ` (it declares ${formatBytes(entry.declaredSize)})` : '';
    if (this.limits.maxInflatedBytes - this.used < this.limits.maxEntryBytes) {
      return new InputLimitError(
        'inflated-size',
        `${this.fileName} inflates to more than ${formatBytes(this.limits.maxInflatedBytes)} in all (the decompression limit): its part ${entry.name}${declared} passes it, after ${formatBytes(this.used)} in other parts. It is not a workbook this tool reads.`,
      );
    }
    return new InputLimitError(
      'entry-size',
      `${this.fileName}: its part ${entry.name} inflates to more than ${formatBytes(this.limits.maxEntryBytes)}${declared}, the decompression limit for one part. It is not a workbook this tool reads.`,
    );
  }

  /** Records `bytes` more inflated. */
  add(bytes: number): void {
    this.used += bytes;
  }
}

/**
 * The inflated bytes of one part, refused with an {@link InputLimitError} as soon as they pass the
 * budget's allowance (the declared size is checked first, then zlib stops at the allowance).
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  if (entry.encrypted) throw new NotAZipError(`its part ${entry.name} is encrypted`);
  const o = entry.localOffset;
  if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50)
    throw new NotAZipError(`its part ${entry.name} is damaged`);
  const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new NotAZipError(`its part ${entry.name} is cut short`);
  const allowance = budget.allowance();
  if (entry.declaredSize > allowance) throw budget.refusal(entry);
  const data = bytes.subarray(start, end);
  let out: Uint8Array;
  if (entry.method === 0) {
    if (data.length > allowance) throw budget.refusal(entry);
    out = data;
  } else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, allowance) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw budget.refusal(entry);
      throw new NotAZipError(`its part ${entry.name} cannot be inflated: ${(error as Error).message}`, {
        cause: error,
      });
    }
  } else {
    throw new NotAZipError(`its part ${entry.name} uses compression method ${entry.method}, which is not read`);
  }
  budget.add(out.length);
  return out;
}

/** The named part, or undefined when the archive has none by that name. */
export function findZipEntry(entries: readonly ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name === name);
}
