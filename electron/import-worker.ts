/**
 * Worker thread for imports: reads and parses files off the host's main thread, reporting progress,
 * so the app stays responsive and an import of several years of SSDA903 returns can be cancelled.
 * Reading happens here too, within the input limits (./services/inputFile.ts), and the worker runs
 * with a heap limit (see startWorker in ./services/importService.ts), so a file that still needs
 * more memory than that stops this worker, never the host.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PlannerError } from '#shared/api/errors.js';
import { formatBytes, resolveLimits, type InputLimits } from '#shared/import/limits.js';
import { authorityLookup } from './services/reference.js';
import { parseFileForImport, type ParseChoices } from './services/importParse.js';
import { readInputFile } from './services/inputFile.js';

export interface WorkerFileRef {
  fileName: string;
  /** A path on the host, or the file's bytes (browser-mode drops). */
  path?: string;
  bytes?: Uint8Array;
  /** The layer, snapshot date and members the file is read with. */
  choices?: ParseChoices;
}

export interface ImportWorkerData {
  files: WorkerFileRef[];
  /** Limits in place of the defaults of shared/import/limits.ts. */
  limits?: Partial<InputLimits>;
}

export type WorkerErrorCode = 'NOT_FOUND' | 'IO_ERROR' | 'INVALID_ARGUMENT';

export type WorkerMessage =
  | { type: 'progress'; index: number; fileName: string; stage: 'reading' | 'parsing' }
  | { type: 'file'; index: number; parsed: Awaited<ReturnType<typeof parseFileForImport>> }
  | { type: 'error'; index: number; fileName: string; code: WorkerErrorCode; message: string }
  | { type: 'done' };

async function run(data: ImportWorkerData): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const limits = resolveLimits(data.limits);
  for (const [index, file] of data.files.entries()) {
    port.postMessage({ type: 'progress', index, fileName: file.fileName, stage: 'reading' } satisfies WorkerMessage);
    let bytes: Uint8Array;
    try {
      if (file.bytes && file.bytes.length > limits.maxInputBytes) {
        throw new PlannerError(
          'INVALID_ARGUMENT',
          `${file.fileName} is ${formatBytes(file.bytes.length)}, more than the ${formatBytes(limits.maxInputBytes)} an import may read (the input size limit).`,
        );
      }
      bytes = file.bytes ?? (await readInputFile(file.path ?? '', limits));
    } catch (error) {
      const known = error instanceof PlannerError && ['NOT_FOUND', 'IO_ERROR', 'INVALID_ARGUMENT'].includes(error.code);
      port.postMessage({
        type: 'error',
        index,
        fileName: file.fileName,
        code: known ? (error.code as WorkerErrorCode) : 'IO_ERROR',
        message: known ? error.message : `Could not read ${file.path ?? file.fileName}: ${(error as Error).message}`,
      } satisfies WorkerMessage);
      return;
    }
    port.postMessage({ type: 'progress', index, fileName: file.fileName, stage: 'parsing' } satisfies WorkerMessage);
    const parsed = await parseFileForImport(
      path.basename(file.fileName),
      bytes,
      authorityLookup,
      limits,
      file.choices ?? {},
    );
    port.postMessage({ type: 'file', index, parsed } satisfies WorkerMessage);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
}

if (parentPort) void run(workerData as ImportWorkerData);
