/**
 * The open plan: a working SQLite copy that the app edits, saved atomically to the user's
 * `*.ccplan` file on Save. The file on disk changes only when the user saves.
 */
import { SUPPLY_NET_CHANGE_RANGE, supplyAssumptionTemplate } from '../../shared/supply/forecastSupply.js';
import { SUPPLY_MOVEMENT_KEY } from '../../shared/supply/projectSupply/index.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuthorityChoice, MapData, OpenPlanState, PlanState, RecoverablePlan } from '../../shared/api/contract.js';
import { readMapData } from '../store/mapData.js';
import { refreshModelledFlows } from '../store/flowData.js';
import { seedExampleScenarios } from './exampleScenarios.js';
import { PlannerError } from '../../shared/api/errors.js';
import type { Area, BuiltInDataset } from '../../shared/model/dataset.js';
import {
  consortiumPresets,
  consortiumProblems,
  type ConsortiumChoice,
  type ConsortiumPreset,
} from '../../shared/model/consortia.js';
import { defaultSettings, planAssumptionKeys } from '../../shared/forecast/index.js';
import { settingsAssumptions, trendDampingAssumption } from '../../shared/forecast/settings.js';
import {
  MAX_POPULATION_GROWTH,
  POPULATION_GROWTH_KEY,
  populationGrowthAssumptionTemplate,
} from '../../shared/forecast/inputs.js';
import type { PlanSummary } from '../../shared/model/summary.js';
import {
  configureWorkingDatabase,
  migrate,
  openDatabase,
  schemaVersion,
  type PlanDatabase,
} from '../store/database.js';
import {
  getMeta,
  MAX_PLAN_HORIZON_YEARS,
  observationCounts,
  readHorizonYears,
  writeHorizonYears,
  readSupplyChanges,
  readPlanData,
  seedFromDataset,
  setMembership,
  setMeta,
} from '../store/planData.js';
import { PLAN_EXTENSION, openPlanCopy, removeStaleSaveFiles, savePlanAtomically } from '../store/planFile.js';
import { PlanLock, currentUser, describeHolder, lockedError, type LockHolder } from '../store/planLock.js';
import {
  fileStamp,
  newWorkingPath,
  orphanedWorkingCopies,
  readManifest,
  removeStrayFiles,
  removeWorkingCopy,
  sameStamp,
  writeManifest,
  type FileStamp,
} from '../store/workingCopies.js';
import { RecentPlans } from './recentPlans.js';
import { summariseDatabase } from './planSummary.js';
import { UNTITLED_PLAN_NAME } from '../store/planHeader.js';

export { UNTITLED_PLAN_NAME } from '../store/planHeader.js';

/** The name a plan goes by: its file name without the extension, or "Untitled plan". */
function planName(plan: { filePath: string | null }): string {
  return plan.filePath ? path.basename(plan.filePath, PLAN_EXTENSION) : UNTITLED_PLAN_NAME;
}

/** Ranges for the assumptions the forecast reads, so a typo cannot produce nonsense. */
const assumptionRanges: Record<string, { label: string; min: number; max: number }> = {
  [planAssumptionKeys.targetOccupancy]: { label: 'Target occupancy', min: 0.5, max: 1 },
  [planAssumptionKeys.openMarketAccessShare]: { label: 'The open-market access share', min: 0, max: 1 },
  [planAssumptionKeys.consortiumOpenMarketAccessShare]: {
    label: 'The consortium open-market access share',
    min: 0,
    max: 1,
  },
  [planAssumptionKeys.trendDamping]: { label: 'Trend damping', min: 0.01, max: 1 },
  [planAssumptionKeys.soloComplexShare]: { label: 'The solo/complex share', min: 0, max: 1 },
  discountRate: { label: 'The discount rate', min: 0, max: 0.2 },
  [SUPPLY_MOVEMENT_KEY]: {
    label: 'Net change in children’s home places per year (a share of places)',
    min: SUPPLY_NET_CHANGE_RANGE.min,
    max: SUPPLY_NET_CHANGE_RANGE.max,
  },
  [POPULATION_GROWTH_KEY]: {
    label: 'Population growth without a projection (a share a year)',
    min: -MAX_POPULATION_GROWTH,
    max: MAX_POPULATION_GROWTH,
  },
};

/** The forecast's own assumptions (label, unit, rationale), for adding one the plan lacks. */
function forecastAssumptionTemplates() {
  const list = [...settingsAssumptions(defaultSettings), trendDampingAssumption(defaultSettings)];
  const solo = list.find((a) => a.key === 'needTypeShare.soloComplex');
  return [
    ...list,
    ...(solo ? [{ ...solo, key: planAssumptionKeys.soloComplexShare }] : []),
    populationGrowthAssumptionTemplate(),
    supplyAssumptionTemplate(),
  ];
}

/** Rows inserted, changed or deleted through this connection since it opened (SQLite's count). */
function totalChanges(db: PlanDatabase): number {
  return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
}

interface OpenPlan {
  db: PlanDatabase;
  workingPath: string;
  filePath: string | null;
  dirty: boolean;
  /** This process's lock on the plan file, or null (untitled, or opened read-only). */
  lock: PlanLock | null;
  /** Why the plan cannot be saved in place (another program holds it), or null. */
  readOnlyReason: { holder: LockHolder | null; message: string } | null;
  /** The plan file as this process last read or wrote it; a save first checks it is unchanged. */
  stamp: FileStamp | null;
  openedAt: string;
  autosavedAt: string | null;
}

/** How an open takes the plan file's lock. */
export type LockMode =
  /** Take it, or open read-only (Save as still works) when another program holds it: the app. */
  | 'prefer'
  /** Take it, or refuse with PLAN_LOCKED: a command-line import. */
  | 'require'
  /** Only read the plan (a command-line summary, projection or export). */
  | 'none';

export const DEFAULT_AUTOSAVE_INTERVAL_MS = 60_000;

export interface PlanServiceOptions {
  /** Folder for working copies and the recent-plans list. */
  dataDir: string;
  /**
   * The built-in dataset new plans start from, or a function giving it: the command line passes a
   * function so commands that only open a plan file never load the 2.6 MB dataset.
   */
  template: BuiltInDataset | (() => BuiltInDataset);
  /** Names this program in a plan's lock ("the desktop app", "browser mode", "the command line"). */
  program?: string;
  /** How often unsaved work is made durable in the working copy; 0 turns autosave off. */
  autosaveIntervalMs?: number;
}

/** Adds the plan extension when the user left it off. */
export function withPlanExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(PLAN_EXTENSION) ? filePath : `${filePath}${PLAN_EXTENSION}`;
}

/** The local authorities among `areas` as the membership list shows them, with how many figures each has. */
function authorityChoices<A extends Pick<Area, 'code' | 'dfeCode' | 'name' | 'regionName' | 'level'>>(
  areas: readonly A[],
  counts: ReadonlyMap<string, number>,
  isMember: (area: A) => boolean,
): AuthorityChoice[] {
  return areas
    .filter((a) => a.level === 'Local authority')
    .map((a) => ({
      onsCode: a.code,
      dfeCode: a.dfeCode,
      name: a.name,
      regionName: a.regionName,
      isMember: isMember(a),
      observationCount: counts.get(a.code) ?? 0,
    }));
}

export class PlanService {
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

  private get template(): BuiltInDataset {
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
    return orphanedWorkingCopies(this.workDir)
      .filter((o) => o.manifest?.unsaved)
      .map((o) => {
        const m = o.manifest!;
        return {
          id: path.basename(o.workingPath, '.sqlite'),
          planName: m.planName,
          planPath: m.planPath,
          consortiumName: m.consortiumName,
          openedAt: m.openedAt,
          autosavedAt: m.autosavedAt,
          bytes: o.bytes,
        };
      })
      .sort((a, b) => (b.autosavedAt ?? b.openedAt).localeCompare(a.autosavedAt ?? a.openedAt));
  }

  private orphanById(id: string): string {
    const orphan = orphanedWorkingCopies(this.workDir).find(
      (o) => path.basename(o.workingPath, '.sqlite') === id && o.manifest?.unsaved,
    );
    if (!orphan) throw new PlannerError('NOT_FOUND', 'That unsaved work is no longer there to recover.');
    return orphan.workingPath;
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

  private writePlanManifest(plan: OpenPlan): void {
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

  private markDirty(plan: OpenPlan): void {
    if (plan.dirty) return;
    plan.dirty = true;
    try {
      this.writePlanManifest(plan);
    } catch {
      // the next autosave writes it
    }
  }

  /** Takes the file's lock for `plan`, reusing this process's own when it already holds it. */
  private takeLock(plan: OpenPlan, filePath: string, mode: LockMode): void {
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

  private openState(plan: OpenPlan): OpenPlanState {
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

  private requireOpen(): OpenPlan {
    if (!this.current) throw new PlannerError('NO_PLAN_OPEN', 'No plan is open. Create a new plan or open one.');
    return this.current;
  }

  private replaceCurrent(next: OpenPlan | null): void {
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

  /** Every upper-tier authority in the built-in data with how many figures it holds for each. */
  builtInAuthorities(): AuthorityChoice[] {
    const counts = new Map<string, number>();
    for (const o of this.template.observations) counts.set(o.area, (counts.get(o.area) ?? 0) + 1);
    return authorityChoices(this.template.areas, counts, () => false).sort((a, b) =>
      a.name.localeCompare(b.name, 'en-GB'),
    );
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
    const mode = options.lock ?? 'prefer';
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

  summary(): PlanSummary {
    const plan = this.requireOpen();
    return summariseDatabase(plan.db, planName(plan));
  }

  renameConsortium(name: string): OpenPlanState {
    const plan = this.requireOpen();
    plan.db.transaction(() => setMeta(plan.db, 'consortium_name', name))();
    this.markDirty(plan);
    return this.openState(plan);
  }

  /** Every local authority in the plan, members first, with how many figures the plan holds for each. */
  listAuthorities(): AuthorityChoice[] {
    const plan = this.requireOpen();
    const counts = observationCounts(plan.db);
    return authorityChoices(readPlanData(plan.db).areas, counts, (a) => a.isMember).sort(
      (a, b) => Number(b.isMember) - Number(a.isMember) || a.name.localeCompare(b.name, 'en-GB'),
    );
  }

  /** Changes the consortium's members; totals follow because summaries are computed from members. */
  setMembership(codes: readonly string[]): OpenPlanState {
    const plan = this.requireOpen();
    const unknown = setMembership(plan.db, codes);
    if (unknown.length) {
      throw new PlannerError('INVALID_ARGUMENT', `Not a local authority in this plan: ${unknown.join(', ')}.`, {
        unknown,
      });
    }
    // flows to OUTSIDE and between members depend on who the members are: model them again
    refreshModelledFlows(plan.db);
    this.markDirty(plan);
    return this.openState(plan);
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

  /**
   * Changes one assumption in the plan's register (keeping its label, unit and rationale) and
   * records who changed it and when. Assumptions the forecast reads but the plan lacks are added
   * with the forecast's own label and rationale.
   */
  setAssumption(key: string, value: number): OpenPlanState {
    const range = assumptionRanges[key];
    if (range && (value < range.min || value > range.max)) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        `${range.label} must be from ${range.min} to ${range.max}; got ${value}.`,
      );
    }
    const changedBy = currentUser();
    const changedAt = new Date().toISOString();
    const { db } = this.requireOpen();
    const before = totalChanges(db);
    this.mutate((db) => {
      const updated = db
        .prepare('UPDATE assumption SET value = ?, changed_by = ?, changed_at = ? WHERE key = ?')
        .run(value, changedBy, changedAt, key);
      if (updated.changes > 0) return;
      const known = forecastAssumptionTemplates().find((a) => a.key === key);
      if (!known) throw new PlannerError('INVALID_ARGUMENT', `There is no assumption called "${key}" in this plan.`);
      db.prepare(
        `INSERT INTO assumption (key, label, value, unit, rationale, source_id, changed_by, changed_at)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?)`,
      ).run(key, known.label, value, known.unit, known.rationale, changedBy, changedAt);
    });
    this.assumptionChanges.set(db, (this.assumptionChanges.get(db) ?? 0) + totalChanges(db) - before);
    return this.openState(this.requireOpen());
  }

  /**
   * Rows written to the open plan's assumption register by setAssumption, by database: what
   * {@link dataVersion} leaves out.
   */
  private readonly assumptionChanges = new WeakMap<PlanDatabase, number>();

  /**
   * A version of the open plan's data other than its assumption values: it changes with every row
   * written through the plan's database (by any path) except setAssumption's, and with the plan
   * open. Caches of what is read from the plan key on it (the projection's inputs, which an
   * assumption change re-reads only the assumptions of).
   */
  dataVersion(): { db: PlanDatabase; changes: number } {
    const { db } = this.requireOpen();
    return { db, changes: totalChanges(db) - (this.assumptionChanges.get(db) ?? 0) };
  }

  /** Writes the data template, filled with the plan's flows, unit costs and supply changes when asked. */
  async writeDataTemplate(filePath: string, prefill: boolean): Promise<{ path: string }> {
    const target = filePath.toLowerCase().endsWith('.xlsx') ? filePath : `${filePath}.xlsx`;
    const contents = prefill
      ? this.read((db) => {
          const data = readPlanData(db, { summaryOnly: true });
          const members = new Set(data.areas.filter((a) => a.isMember).map((a) => a.code));
          const flows = data.flows.filter((f) => members.has(f.placingArea));
          const used = new Set([...flows.map((f) => f.source), ...data.unitCosts.map((c) => c.source)]);
          return {
            flows,
            unitCosts: data.unitCosts,
            supplyChanges: readSupplyChanges(db),
            illustrativeSources: data.sources.filter((s) => s.illustrative && used.has(s.id)).map((s) => s.title),
          };
        })
      : null;
    const memberCodes = this.read((db) =>
      readPlanData(db, { summaryOnly: true })
        .areas.filter((a) => a.isMember)
        .map((a) => a.code),
    );
    try {
      // the workbook writer loads only when a template is written
      const { writeTemplateWorkbook } = await import('./templateWorkbook.js');
      await writeTemplateWorkbook(target, contents, memberCodes);
    } catch (error) {
      throw new PlannerError('IO_ERROR', `Could not write ${target}: ${(error as Error).message}`);
    }
    return { path: target };
  }

  /** The map's geometry, areas, imported boundaries or hexes, and flows. */
  mapData(): MapData {
    return this.read((db) => readMapData(db));
  }

  /** The plan's projection horizon in years (1–10, default 5), which every view and export follows. */
  horizonYears(): number {
    return this.read((db) => readHorizonYears(db));
  }

  /** Sets the plan's projection horizon (saved with the plan); the plan becomes unsaved when it changes. */
  setHorizon(years: number): OpenPlanState {
    if (!Number.isInteger(years) || years < 1 || years > MAX_PLAN_HORIZON_YEARS) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        `The horizon must be a whole number of years from 1 to ${MAX_PLAN_HORIZON_YEARS}; got ${years}.`,
      );
    }
    if (this.horizonYears() !== years) this.mutate((db) => writeHorizonYears(db, years));
    return this.openState(this.requireOpen());
  }

  setMapGeometry(geometry: 'hex' | 'boundaries'): OpenPlanState {
    if (geometry === 'boundaries' && this.mapData().boundaries === null) {
      throw new PlannerError(
        'INVALID_ARGUMENT',
        'This plan has no boundaries for every member authority: import ONS boundaries (GeoJSON or TopoJSON) first.',
      );
    }
    this.mutate((db) => setMeta(db, 'map_geometry', geometry));
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
