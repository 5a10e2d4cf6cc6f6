/**
 * Import: read files (CSV, XLSX, ODS, JSON), parse and validate them with shared/import, show what
 * would change, then commit every file in one transaction — or nothing. Each commit is logged with
 * the file's name, SHA-256, time and counts, and the file becomes the source of its figures.
 *
 * The service is here; its parts are in ./import/: kinds.ts (what each kind of file is), worker.ts
 * (parsing in the import worker), prepare.ts (each file's preview), geometry.ts (boundaries and hex
 * layouts), ssda903.ts (SSDA903 returns, validated together) and types.ts.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ImportFileRef, ImportLogEntry, ImportPreview, OpenPlanState } from '#shared/api/contract.js';
import { changesSomething } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { resolveLimits, type InputLimits } from '#shared/import/limits.js';
import type { AuthorityLookup } from '#shared/model/authorities.js';
import { listImportLog, logImport, upsertSource, writeImportRows } from '../store/importData.js';
import { writeSsda903Parsed } from '../store/ssda903Parsed.js';
import { storeGeometry } from './import/geometry.js';
import { prepareFile } from './import/prepare.js';
import { storeSsda903, validateSsda903Together } from './import/ssda903.js';
import type { PreparedImport } from './import/types.js';
import {
  parseHere,
  parseInWorker,
  type ImportProgress,
  type RunningImport,
  type WorkerInput,
} from './import/worker.js';
import type { ParseChoices, ParsedFile } from './importParse.js';
import type { PlanService } from './planService.js';

export { kindInfo } from './import/kinds.js';
export type { ImportProgress } from './import/worker.js';

export class ImportService {
  private readonly prepared = new Map<string, PreparedImport>();
  private running: RunningImport | null = null;

  constructor(
    private readonly plans: PlanService,
    private readonly lookup: AuthorityLookup,
    private readonly options: {
      /** Parse on the calling thread instead of a worker (benchmarks of the parsing itself; no progress or cancel). */
      inProcess?: boolean;
      /** Input limits in place of the defaults (shared/import/limits.ts): the input size, decompression, cells, … */
      limits?: Partial<InputLimits>;
    } = {},
  ) {}

  /** The limits imports are held to. */
  get limits(): InputLimits {
    return resolveLimits(this.options.limits);
  }

  /** What the import running now is doing, for progress reports; null when none is running. */
  progress(): ImportProgress | null {
    return this.running ? { ...this.running.progress } : null;
  }

  /** Cancels the preview running now (its worker is stopped); returns false when none is running. */
  async cancel(): Promise<boolean> {
    const running = this.running;
    if (!running) return false;
    running.cancelled = true;
    await running.stop();
    return true;
  }

  /**
   * Parses and validates the files (in a worker thread, with progress and cancel) and says what
   * committing them would change. Changes nothing.
   */
  async preview(refs: readonly ImportFileRef[]): Promise<ImportPreview> {
    if (this.running)
      throw new PlannerError('INVALID_ARGUMENT', 'Another import is being read: wait for it or cancel it.');
    // The plan's members choose a boundary file's layer (read in the worker).
    const members = this.plans.read((db) =>
      (db.prepare('SELECT code FROM area WHERE is_member = 1 ORDER BY code').all() as { code: string }[]).map(
        (r) => r.code,
      ),
    );
    const inputs = refs.map((ref): WorkerInput => {
      const choices: ParseChoices = {
        members,
        ...(ref.layer !== undefined ? { layer: ref.layer } : {}),
        ...(ref.asOf !== undefined ? { asOf: ref.asOf } : {}),
      };
      return 'path' in ref
        ? { fileName: path.basename(ref.path), path: ref.path, choices }
        : {
            fileName: path.basename(ref.name),
            bytes: new Uint8Array(Buffer.from(ref.contentBase64, 'base64')),
            choices,
          };
    });
    const running: RunningImport = {
      cancelled: false,
      stop: async () => undefined,
      progress: {
        files: inputs.length,
        current: 0,
        fileName: inputs[0]?.fileName ?? '',
        stage: 'reading',
        startedAt: new Date().toISOString(),
      },
    };
    this.running = running;
    let parsed: ParsedFile[];
    try {
      const limits = this.limits;
      parsed = this.options.inProcess
        ? await parseHere(inputs, this.lookup, limits)
        : await parseInWorker(inputs, running, limits);
    } finally {
      this.running = null;
    }
    if (running.cancelled) throw new PlannerError('CANCELLED', 'The import was cancelled. Nothing was changed.');
    const files = parsed.map((p, i) => prepareFile(this.plans, p, refs[i]?.asOf));
    validateSsda903Together(this.plans, files);
    const canCommit = files.every((f) => f.preview.errorCount === 0);
    const id = randomBytes(12).toString('base64url');
    this.prepared.clear(); // one pending import at a time
    this.prepared.set(id, { id, files, canCommit });
    return { previewId: id, files: files.map((f) => f.preview), canCommit };
  }

  /** Commits a previewed import in one transaction; any error leaves the plan exactly as it was. */
  commit(previewId: string): { state: OpenPlanState; logged: ImportLogEntry[] } {
    const pending = this.prepared.get(previewId);
    if (!pending) throw new PlannerError('NOT_FOUND', 'That import preview has expired: preview the files again.');
    if (!pending.canCommit) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        'The import has errors: fix them and preview the files again. Nothing was changed.',
      );
    }
    const importedAt = new Date().toISOString();
    // A file that adds and replaces nothing (a table the planner does not use, figures only for areas
    // outside the plan) changes nothing and is not logged as imported.
    const changing = pending.files.filter((f) => changesSomething(f.preview));
    if (changing.length === 0) {
      this.prepared.delete(previewId);
      return { state: this.plans.currentState(), logged: [] };
    }
    const logged = this.plans.mutate((db) =>
      changing.map((file) => {
        upsertSource(db, file.source, importedAt);
        const counts = file.ssda903
          ? storeSsda903(db, file, importedAt)
          : file.ssda903Skipped
            ? { added: 0, replaced: 0, skippedOutsidePlan: 0 }
            : file.geometry
              ? storeGeometry(db, file)
              : writeImportRows(db, file.result, file.source.id);
        return logImport(db, {
          sourceId: file.source.id,
          fileName: file.fileName,
          sha256: file.sha256,
          kind: file.result.kind,
          sheetName: file.result.sheetName,
          importedAt,
          rowsRead: file.result.summary.rows,
          rowsAdded: counts.added,
          rowsReplaced: counts.replaced,
          warnings: file.preview.warningCount,
        });
      }),
    );
    // The returns held, as read, for stock-flow projections (not needed: they read the text without it).
    if (changing.some((f) => f.ssda903)) {
      try {
        this.plans.mutate((db) => writeSsda903Parsed(db));
      } catch {
        // a stock-flow projection reads the text instead, as for a plan from an earlier version
      }
    }
    this.prepared.delete(previewId);
    return { state: this.plans.currentState(), logged };
  }

  discard(previewId: string): boolean {
    return this.prepared.delete(previewId);
  }

  log(): ImportLogEntry[] {
    return this.plans.read((db) => listImportLog(db));
  }
}
