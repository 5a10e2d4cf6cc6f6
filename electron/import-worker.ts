/**
 * Worker thread for imports: reads and parses files off the host's main thread, reporting progress,
 * so the app stays responsive and an import of several years of SSDA903 returns can be cancelled.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { authorityLookup } from './services/reference.js';
import { parseFileForImport } from './services/importParse.js';

export interface WorkerFileRef {
  fileName: string;
  /** A path on the host, or the file's bytes (browser-mode drops). */
  path?: string;
  bytes?: Uint8Array;
}

export type WorkerMessage =
  | { type: 'progress'; index: number; fileName: string; stage: 'reading' | 'parsing' }
  | { type: 'file'; index: number; parsed: Awaited<ReturnType<typeof parseFileForImport>> }
  | { type: 'error'; index: number; fileName: string; code: 'NOT_FOUND' | 'IO_ERROR'; message: string }
  | { type: 'done' };

async function run(files: WorkerFileRef[]): Promise<void> {
  const port = parentPort;
  if (!port) return;
  for (const [index, file] of files.entries()) {
    port.postMessage({ type: 'progress', index, fileName: file.fileName, stage: 'reading' } satisfies WorkerMessage);
    let bytes: Uint8Array;
    try {
      bytes = file.bytes ?? new Uint8Array(await fs.promises.readFile(file.path ?? ''));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'NOT_FOUND' : 'IO_ERROR';
      const where = file.path ?? file.fileName;
      port.postMessage({
        type: 'error',
        index,
        fileName: file.fileName,
        code,
        message:
          code === 'NOT_FOUND'
            ? `There is no file at ${where}.`
            : `Could not read ${where}: ${(error as Error).message}`,
      } satisfies WorkerMessage);
      return;
    }
    port.postMessage({ type: 'progress', index, fileName: file.fileName, stage: 'parsing' } satisfies WorkerMessage);
    const parsed = await parseFileForImport(path.basename(file.fileName), bytes, authorityLookup);
    port.postMessage({ type: 'file', index, parsed } satisfies WorkerMessage);
  }
  port.postMessage({ type: 'done' } satisfies WorkerMessage);
}

if (parentPort) void run((workerData as { files: WorkerFileRef[] }).files);
