/**
 * The plan's file and its working copy: a new plan from the built-in dataset, a plan file opened
 * into a working SQLite copy (with the file's one-writer lock), saved atomically to the user's
 * `*.ccplan` file on Save, autosaved for recovery, and closed. The file on disk changes only when
 * the user saves. What is in the plan (members, assumptions, horizon, map) is ../planService.ts.
 * Over 400 lines because: one class owns the working copy, its lock, its manifest and its file
 * through new, open, recover, save and close; split, each step would reach into another's state.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { OpenPlanState, PlanState, RecoverablePlan } from '#shared/api/contract.js';
import { refreshModelledFlows } from '../../store/flowData.js';
import { seedExampleScenarios } from '../exampleScenarios.js';
import { PlannerError } from '#shared/api/errors.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import {
  consortiumPresets,
  consortiumProblems,
  type ConsortiumChoice,
  type ConsortiumPreset,
} from '#shared/model/consortia.js';
import {
  configureWorkingDatabase,
  migrate,
  openDatabase,
  schemaVersion,
  type PlanDatabase,
} from '../../store/database.js';
import { getMeta, readHorizonYears, seedFromDataset } from '../../store/planData.js';
import { openPlanCopy, removeStaleSaveFiles, savePlanAtomically } from '../../store/planFile.js';
import { PlanLock, describeHolder, lockedError, type LockHolder } from '../../store/planLock.js';
import {
  fileStamp,
  newWorkingPath,
  orphanedWorkingCopies,
  readManifest,
  removeStrayFiles,
  removeWorkingCopy,
  sameStamp,
  writeManifest,
} from '../../store/workingCopies.js';
import { RecentPlans } from '../recentPlans.js';

import { orphanPathById, recoverablePlansIn } from './recovery.js';
import {
  DEFAULT_AUTOSAVE_INTERVAL_MS,
  planName,
  withPlanExtension,
  type LockMode,
  type OpenPlan,
  type PlanServiceOptions,
} from './types.js';

export class PlanFiles {
  private current: OpenPlan | null = null;
  readonly recent: RecentPlans;
  private readonly workDir: string;

  private autosaveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: PlanServiceOptions) {
    this.recent = new RecentPlans(path.join(options.dataDir, 'recent-plans.json'));
    this.workDir = path.join(options.dataDir, 'working');
    this.sweepWorkingFolder();
    const interval = options.autosaveIntervalMs ?? DEFAULT_AUTOSAVE_INTERVAL_MS;
    if (interval > 0) {
      this.autosaveTimer = setInterval(() => {
        try {
          this.autosave();
        } catch {
          // a failed autosave is retried at the next tick; the working copy is still intact
        }
      }, interval);
      this.autosaveTimer.unref();
    }
  }

  protected get template(): BuiltInDataset {
    const t = this.options.template;
    return typeof t === 'function' ? t() : t;
  }

  private get program(): string {
    return this.options.program ?? 'the desktop app';
  }

  /**
   * Removes what crashed runs left that holds no unsaved work (their working copies hold child-level
   * data and must not outlive the plan file); copies with unsaved work wait for recover or discard.
   */
  private sweepWorkingFolder(): void {
    for (const orphan of orphanedWorkingCopies(this.workDir)) {
      if (!orphan.manifest?.unsaved) removeWorkingCopy(orphan.workingPath);
    }
    removeStrayFiles(this.workDir);
  }

  /** Work that crashed runs left unsaved, newest first. */
  recoverablePlans(): RecoverablePlan[] {
    return recoverablePlansIn(this.workDir);
  }

  private orphanById(id: string): string {
    return orphanPathById(this.workDir, id);
  }

  /** Opens work a crashed run left unsaved as the current plan (unsaved, so the user saves it). */
  recoverPlan(id: string): OpenPlanState {
    const orphanPath = this.orphanById(id);
    const manifest = readManifest(orphanPath)!;
    const workingPath = newWorkingPath(this.workDir);
    let db: PlanDatabase;
    try {
      // the orphan's -wal holds its latest changes: move it with the database; -shm is rebuilt
      fs.renameSync(orphanPath, workingPath);
      if (fs.existsSync(`${orphanPath}-wal`)) fs.renameSync(`${orphanPath}-wal`, `${workingPath}-wal`);
      removeWorkingCopy(orphanPath);
      db = openDatabase(workingPath, { fileMustExist: true });
      configureWorkingDatabase(db);
      migrate(db);
    } catch (error) {
      removeWorkingCopy(workingPath);
      throw new PlannerError('CORRUPT_PLAN', `The unsaved work could not be recovered: ${(error as Error).message}`);
    }
    const filePath = manifest.planPath;
    const plan: OpenPlan = {
      db,
      workingPath,
      filePath,
      dirty: true,
      lock: null,
      readOnlyReason: null,
      stamp: manifest.fileStamp,
      openedAt: manifest.openedAt,
      autosavedAt: manifest.autosavedAt,
    };
    if (filePath) this.takeLock(plan, filePath, 'prefer');
    this.replaceCurrent(plan);
    this.writePlanManifest(plan);
    return this.openState(plan);
  }

  /** Deletes work a crashed run left unsaved. */
  discardRecoverable(id: string): { discarded: boolean } {
    removeWorkingCopy(this.orphanById(id));
    return { discarded: true };
  }

  /** Makes unsaved work durable in the working copy and records when. */
  autosave(): boolean {
    const plan = this.current;
    if (!plan?.dirty) return false;
    plan.db.pragma('wal_checkpoint(TRUNCATE)');
    plan.autosavedAt = new Date().toISOString();
    this.writePlanManifest(plan);
    return true;
  }

  protected writePlanManifest(plan: OpenPlan): void {
    writeManifest(plan.workingPath, {
      pid: process.pid,
      host: os.hostname(),
      planPath: plan.filePath,
      planName: planName(plan),
      consortiumName: getMeta(plan.db, 'consortium_name') ?? 'Consortium',
      openedAt: plan.openedAt,
      autosavedAt: plan.autosavedAt,
      unsaved: plan.dirty,
      fileStamp: plan.stamp,
    });
  }

  protected markDirty(plan: OpenPlan): void {
    if (plan.dirty) return;
    plan.dirty = true;
    try {
      this.writePlanManifest(plan);
    } catch {
      // the next autosave writes it
    }
  }

  /** Takes the file's lock for `plan`, reusing this process's own when it already holds it. */
  protected takeLock(plan: OpenPlan, filePath: string, mode: LockMode): void {
    if (mode === 'none') return;
    const own = this.current?.lock;
    if (own && own.planPath === filePath) {
      plan.lock = own;
      return;
    }
    try {
      plan.lock = PlanLock.acquire(filePath, this.program);
    } catch (error) {
      if (mode === 'require' || !(error instanceof PlannerError)) throw error;
      const holder =
        error.code === 'PLAN_LOCKED' ? ((error.details as { holder: LockHolder | null }).holder ?? null) : null;
      plan.readOnlyReason = {
        holder,
        message:
          error.code === 'PLAN_LOCKED'
            ? `Read-only: ${path.basename(filePath)} is open for changes in ${describeHolder(holder)}. Use Save as to keep your changes in another file.`
            : `Read-only: ${error.message} Use Save as to keep your changes in another file.`,
      };
    }
  }

  state(): PlanState {
    const plan = this.current;
    if (!plan) return { open: false };
    return this.openState(plan);
  }

  protected openState(plan: OpenPlan): OpenPlanState {
    return {
      open: true,
      name: planName(plan),
      path: plan.filePath,
      untitled: plan.filePath === null,
      dirty: plan.dirty,
      consortiumName: getMeta(plan.db, 'consortium_name') ?? 'Consortium',
      schemaVersion: schemaVersion(plan.db),
      readOnly: plan.readOnlyReason !== null,
      readOnlyReason: plan.readOnlyReason?.message ?? null,
      horizonYears: readHorizonYears(plan.db),
    };
  }

  protected requireOpen(): OpenPlan {
    if (!this.current) throw new PlannerError('NO_PLAN_OPEN', 'No plan is open. Create a new plan or open one.');
    return this.current;
  }

  protected replaceCurrent(next: OpenPlan | null): void {
    const previous = this.current;
    this.current = next;
    if (previous) this.discardWorkingCopy(previous, next?.lock ?? null);
  }

  private discardWorkingCopy(plan: OpenPlan, keepLock: PlanLock | null = null): void {
    plan.db.close();
    if (plan.lock && plan.lock !== keepLock) plan.lock.release();
    removeWorkingCopy(plan.workingPath);
  }

  private newOpenPlan(db: PlanDatabase, workingPath: string, filePath: string | null): OpenPlan {
    return {
      db,
      workingPath,
      filePath,
      dirty: false,
      lock: null,
      readOnlyReason: null,
      stamp: filePath ? fileStamp(filePath) : null,
      openedAt: new Date().toISOString(),
      autosavedAt: null,
    };
  }

  /** The consortia a new plan can start from (regions, Greater Manchester, England). */
  consortiumPresets(): ConsortiumPreset[] {
    return consortiumPresets(this.template.areas);
  }

  /**
   * The consortium a new plan gets when none is chosen: the dataset's own members where it names
   * some, else Greater Manchester (the model case), else the first region.
   */
  private defaultConsortium(): ConsortiumChoice {
    const areas = this.template.areas;
    const flagged = areas.filter((a) => a.isMember).map((a) => a.code);
    if (flagged.length) return { name: this.template.consortiumName, members: flagged };
    const presets = this.consortiumPresets();
    const preset = presets.find((p) => p.id === 'greater-manchester') ?? presets[0];
    if (!preset) throw new PlannerError('INTERNAL', 'The built-in dataset holds no local authorities.');
    return { name: preset.name, members: preset.members };
  }

  /** A new untitled plan from the built-in dataset, for the consortium given (or the default one). */
  newPlan(consortium?: ConsortiumChoice): OpenPlanState {
    const choice = consortium ?? this.defaultConsortium();
    const problems = consortiumProblems(this.template.areas, choice);
    if (problems.length) throw new PlannerError('INVALID_ARGUMENT', problems.join(' '), { problems });
    const workingPath = newWorkingPath(this.workDir);
    const db = openDatabase(workingPath);
    try {
      configureWorkingDatabase(db);
      migrate(db);
      const now = new Date().toISOString();
      seedFromDataset(db, this.template, now, { name: choice.name.trim(), members: choice.members });
      // placement flows modelled from the national figures for these members
      refreshModelledFlows(db, now);
      // example scenarios, made for this consortium's own members from its own figures
      db.transaction(() => seedExampleScenarios(db, now))();
    } catch (error) {
      db.close();
      removeWorkingCopy(workingPath);
      throw error;
    }
    const plan = this.newOpenPlan(db, workingPath, null);
    this.replaceCurrent(plan);
    this.writePlanManifest(plan);
    return this.openState(plan);
  }

  /**
   * Opens a plan file; on failure the current plan stays open and nothing changes on disk.
   * `lock` says how the file's one-writer lock is taken (see {@link LockMode}).
   */
  openPlan(filePath: string, options: { lock?: LockMode } = {}): OpenPlanState {
    const resolved = path.resolve(filePath);
    const mode = options.lock ?? this.options.openLock ?? 'prefer';
    removeStaleSaveFiles(resolved);
    const workingPath = newWorkingPath(this.workDir);
    let plan: OpenPlan;
    try {
      // the stamp is read before the copy, so a change made during the copy is caught at save
      const stamp = fileStamp(resolved);
      const db = openPlanCopy(resolved, workingPath);
      plan = { ...this.newOpenPlan(db, workingPath, resolved), stamp };
      try {
        this.takeLock(plan, resolved, mode);
      } catch (error) {
        db.close();
        throw error;
      }
    } catch (error) {
      removeWorkingCopy(workingPath);
      throw error;
    }
    this.replaceCurrent(plan);
    this.writePlanManifest(plan);
    if (mode !== 'none') this.recent.touch(resolved);
    return this.openState(plan);
  }

  /**
   * Opens a plan file for changes by this process alone, or starts a new plan that will be saved
   * there when the file does not exist yet: the lock is taken before the file is looked at, so two
   * writers can neither both open it nor both create it. Refuses with PLAN_LOCKED naming the holder.
   */
  openForChanges(
    filePath: string,
    options: { consortium?: ConsortiumChoice; mustNotExist?: boolean } = {},
  ): OpenPlanState & { created: boolean } {
    const resolved = withPlanExtension(path.resolve(filePath));
    const lock = PlanLock.acquire(resolved, this.program);
    try {
      if (fs.existsSync(resolved)) {
        if (options.mustNotExist) {
          throw new PlannerError('INVALID_ARGUMENT', `${resolved} already exists: choose another file name.`);
        }
        const state = this.openPlan(resolved, { lock: 'none' });
        this.current!.lock = lock;
        return { ...state, created: false };
      }
      this.newPlan(options.consortium);
      const plan = this.current!;
      plan.filePath = resolved;
      plan.lock = lock;
      plan.stamp = null;
      this.writePlanManifest(plan);
      return { ...this.openState(plan), created: true };
    } catch (error) {
      if (this.current?.lock !== lock) lock.release();
      throw error;
    }
  }

  /** Refuses to overwrite a plan file that changed on disk since this process read or wrote it. */
  private checkUnchangedOnDisk(plan: OpenPlan, target: string): void {
    const now = fileStamp(target);
    if (now === null || sameStamp(plan.stamp, now)) return;
    throw new PlannerError(
      'CHANGED_ON_DISK',
      `${path.basename(target)} has changed on disk since you opened it (another program saved it). Saving now would overwrite those changes: reload it to see them, or use Save as to keep your work in another file.`,
      { path: target },
    );
  }

  private writeTo(plan: OpenPlan, target: string): void {
    savePlanAtomically(plan.db, target);
    plan.stamp = fileStamp(target);
    plan.dirty = false;
    this.writePlanManifest(plan);
    this.recent.touch(target);
  }

  save(): OpenPlanState {
    const plan = this.requireOpen();
    if (!plan.filePath) {
      throw new PlannerError('NEEDS_PATH', 'This plan has not been saved yet: choose where to save it.');
    }
    if (plan.readOnlyReason) {
      // the holder may have closed it since: try again before refusing
      this.takeLock(plan, plan.filePath, 'prefer');
      if (plan.lock) plan.readOnlyReason = null;
      else throw lockedError(plan.filePath);
    }
    this.checkUnchangedOnDisk(plan, plan.filePath);
    this.writeTo(plan, plan.filePath);
    return this.openState(plan);
  }

  saveAs(filePath: string): OpenPlanState {
    const plan = this.requireOpen();
    const target = withPlanExtension(path.resolve(filePath));
    if (target === plan.filePath && plan.lock) {
      // Save as onto the same file is a save without the changed-on-disk check: the user chose it
      this.writeTo(plan, target);
      return this.openState(plan);
    }
    const lock = PlanLock.acquire(target, this.program);
    try {
      this.writeTo(plan, target);
    } catch (error) {
      lock.release();
      throw error;
    }
    plan.lock?.release();
    plan.lock = lock;
    plan.readOnlyReason = null;
    plan.filePath = target;
    this.writePlanManifest(plan);
    return this.openState(plan);
  }

  close(): PlanState {
    this.replaceCurrent(null);
    return { open: false };
  }

  /** Runs a read against the open plan. */
  read<T>(fn: (db: PlanDatabase) => T): T {
    return fn(this.requireOpen().db);
  }

  /** Runs a change in one immediate transaction (all or nothing) and marks the plan unsaved. */
  mutate<T>(fn: (db: PlanDatabase) => T): T {
    const plan = this.requireOpen();
    const result = plan.db.transaction(fn).immediate(plan.db);
    this.markDirty(plan);
    return result;
  }

  currentState(): OpenPlanState {
    return this.openState(this.requireOpen());
  }

  /** Opens the most recent plan if it still opens, else a new untitled plan from the template. */
  openInitialPlan(explicitPath?: string): OpenPlanState {
    if (explicitPath) return this.openPlan(explicitPath);
    const last = this.recent.mostRecent();
    if (last && fs.existsSync(last)) {
      try {
        return this.openPlan(last);
      } catch {
        // the last plan no longer opens (moved, damaged, newer): start from the template instead
      }
    }
    return this.newPlan();
  }

  /** Closes the plan, releases its lock and removes its working copy (a clean exit). */
  dispose(): void {
    if (this.autosaveTimer) clearInterval(this.autosaveTimer);
    this.autosaveTimer = null;
    this.replaceCurrent(null);
  }
}
