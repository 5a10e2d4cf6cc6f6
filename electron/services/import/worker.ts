/**
 * Parsing an import's files off the main thread: the import worker is started (the bundled script,
 * or in development the TypeScript source through tsx) with a limited heap, reports progress file
 * by file, and can be stopped to cancel; or, for benchmarks of the parsing itself, in process.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PlannerError } from '#shared/api/errors.js';
import type { InputLimits } from '#shared/import/limits.js';
import type { AuthorityLookup } from '#shared/model/authorities.js';
import type { ImportWorkerData, WorkerMessage } from '../../import-worker.js';
import { parseFileForImport, type ParseChoices, type ParsedFile } from '../importParse.js';
import { readInputFile } from '../inputFile.js';

export interface ImportProgress {
  files: number;
  /** 0-based index of the file being read or parsed. */
  current: number;
  fileName: string;
  stage: 'reading' | 'parsing' | 'checking';
  startedAt: string;
}

export interface RunningImport {
  cancelled: boolean;
  stop: () => Promise<void>;
  progress: ImportProgress;
}

export type WorkerInput = { fileName: string; path?: string; bytes?: Uint8Array; choices?: ParseChoices };

/**
 * Starts the import worker: the bundled script beside the build, or in development (tests, tsx)
 * the TypeScript source, loaded through tsx's loader registered inside the worker. Its heap is
 * limited (maxWorkerHeapMb), so a file that needs more stops the worker with an out-of-memory
 * error the import reports, instead of taking the host's memory. (In the source this file is
 * electron/services/import/worker.ts and the worker electron/import-worker.ts; in the build both
 * are bundles in dist/node.)
 */
function startWorker(workerData: ImportWorkerData, limits: InputLimits): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: limits.maxWorkerHeapMb };
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const source = pathToFileURL(path.join(path.dirname(here), '..', '..', 'import-worker.ts')).href;
    const tsxApi = createRequire(import.meta.url).resolve('tsx/esm/api');
    const tsx = pathToFileURL(path.join(path.dirname(tsxApi), 'index.mjs')).href;
    const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
    return new Worker(bootstrap, { eval: true, workerData, resourceLimits });
  }
  for (const dir of [path.dirname(here), path.dirname(path.dirname(here))]) {
    const candidate = path.join(dir, 'import-worker.js').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (fs.existsSync(candidate)) return new Worker(candidate, { workerData, resourceLimits });
  }
  throw new Error('The import worker is missing from this build.');
}

/** Reads and parses the files in a worker thread, updating `running.progress`; resolves in file order. */
export function parseInWorker(
  inputs: WorkerInput[],
  running: RunningImport,
  limits: InputLimits,
): Promise<ParsedFile[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker({ files: inputs, limits }, limits);
    const reading = () => running.progress.fileName || 'the file';
    const results: ParsedFile[] = [];
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    running.stop = async () => {
      await worker.terminate();
      finish(() => resolve(results));
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        running.progress = {
          ...running.progress,
          current: message.index,
          fileName: message.fileName,
          stage: message.stage,
        };
      } else if (message.type === 'file') {
        results[message.index] = message.parsed;
      } else if (message.type === 'error') {
        void worker.terminate();
        finish(() => reject(new PlannerError(message.code, message.message)));
      } else if (message.type === 'done') {
        running.progress = { ...running.progress, stage: 'checking' };
        void worker.terminate();
        finish(() => resolve(results));
      }
    });
    worker.on('error', (error: Error & { code?: string }) =>
      finish(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new PlannerError(
                'INVALID_ARGUMENT',
                `${reading()} needs more memory than an import may use (${limits.maxWorkerHeapMb.toLocaleString('en-GB')} MiB, the import's memory limit): it is too large or too complex to read. Nothing was changed.`,
              )
            : new PlannerError('INTERNAL', `The import stopped while reading ${reading()}: ${error.message}`),
        ),
      ),
    );
    worker.on('exit', (code) =>
      finish(() =>
        running.cancelled
          ? resolve(results)
          : reject(
              new PlannerError(
                'INTERNAL',
                `The import stopped unexpectedly while reading ${reading()} (exit code ${code}). Nothing was changed.`,
              ),
            ),
      ),
    );
  });
}

export async function parseHere(
  inputs: WorkerInput[],
  lookup: AuthorityLookup,
  limits: InputLimits,
): Promise<ParsedFile[]> {
  const parsed: ParsedFile[] = [];
  for (const input of inputs) {
    const bytes = input.bytes ?? (await readInputFile(input.path ?? '', limits));
    parsed.push(await parseFileForImport(path.basename(input.fileName), bytes, lookup, limits, input.choices ?? {}));
  }
  return parsed;
}
