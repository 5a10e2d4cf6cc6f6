/**
 * Reading a file to import, within the input limits: only a regular file is read (a folder, a
 * device such as /dev/zero, a named pipe or a socket is refused in one sentence, and a named pipe
 * is never opened, so an import cannot hang waiting for a writer); its size is checked against the
 * input limit before a byte is read, and against the text limit when it is not a ZIP archive; it
 * is opened without blocking and checked again on the open descriptor, so a file swapped for a pipe
 * or a device between the check and the open is refused too; and no more than the limit is read
 * even when the file grows while it is read.
 */
import fs from 'node:fs';
import { PlannerError } from '#shared/api/errors.js';
import { formatBytes, type InputLimits } from '#shared/import/limits.js';

/** What a file system entry that is not a regular file is, for messages; null for a regular file. */
function notAFile(stats: fs.Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function checkStats(stats: fs.Stats, where: string, limits: Pick<InputLimits, 'maxInputBytes'>): void {
  const what = notAFile(stats);
  if (what) {
    throw new PlannerError(
      'INVALID_ARGUMENT',
      what === 'not a regular file'
        ? `${where} is not a regular file, so it cannot be imported.`
        : `${where} is ${what}, not a file, so it cannot be imported.`,
    );
  }
  if (stats.size > limits.maxInputBytes) throw tooLarge(where, stats.size, limits.maxInputBytes);
}

function tooLarge(where: string, size: number, limit: number, atLeast = false): PlannerError {
  return new PlannerError(
    'INVALID_ARGUMENT',
    `${where} is ${atLeast ? 'more than ' : ''}${formatBytes(size)}, more than the ${formatBytes(limit)} an import may read (the input size limit).`,
  );
}

/** An error from the file system, as the one-line message the import reports. */
function ioError(error: unknown, where: string): PlannerError {
  if (error instanceof PlannerError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return new PlannerError('NOT_FOUND', `There is no file at ${where}.`);
  if (code === 'EISDIR')
    return new PlannerError('INVALID_ARGUMENT', `${where} is a folder, not a file, so it cannot be imported.`);
  if (code === 'EACCES' || code === 'EPERM')
    return new PlannerError('IO_ERROR', `${where} cannot be read: permission denied.`);
  return new PlannerError('IO_ERROR', `Could not read ${where}: ${(error as Error).message}`);
}

/** Reads the regular file at `filePath`, within the limits; throws a one-line {@link PlannerError} otherwise. */
export async function readInputFile(
  filePath: string,
  limits: Pick<InputLimits, 'maxInputBytes' | 'maxTextBytes'>,
): Promise<Uint8Array> {
  const where = filePath;
  let handle: fs.promises.FileHandle | undefined;
  try {
    // Checked before opening: opening a named pipe for reading would wait for a writer.
    checkStats(await fs.promises.stat(filePath), where, limits);
    const flags = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
    handle = await fs.promises.open(filePath, flags);
    // Checked again on what was opened, in case the file was swapped in between.
    const stats = await handle.stat();
    checkStats(stats, where, limits);
    const size = stats.size;
    const buffer = Buffer.allocUnsafe(size);
    // The first bytes say whether it is a workbook (a ZIP archive) or text, which has a lower limit.
    let filled = (await handle.read(buffer, 0, Math.min(4, size), 0)).bytesRead;
    checkTextSize(buffer.subarray(0, filled), size, where, limits);
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, Math.min(size - filled, 1 << 26), filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // A file that grew while it was read: read on, to the limit.
    const extra: Buffer[] = [];
    let total = filled;
    for (;;) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limits.maxInputBytes) throw tooLarge(where, limits.maxInputBytes, limits.maxInputBytes, true);
      extra.push(chunk.subarray(0, bytesRead));
    }
    const bytes = extra.length ? Buffer.concat([buffer.subarray(0, filled), ...extra]) : buffer.subarray(0, filled);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (error) {
    throw ioError(error, where);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** A file that is not a ZIP archive (a workbook) is read as text, and text has its own, lower, limit. */
function checkTextSize(head: Uint8Array, size: number, where: string, limits: Pick<InputLimits, 'maxTextBytes'>): void {
  const zip = head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  if (!zip && size > limits.maxTextBytes) {
    throw new PlannerError(
      'INVALID_ARGUMENT',
      `${where} is ${formatBytes(size)}; a CSV, JSON or XML file can be at most ${formatBytes(limits.maxTextBytes)} (the text size limit).`,
    );
  }
}
