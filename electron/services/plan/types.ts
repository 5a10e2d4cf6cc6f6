/**
 * The plan service's shapes: the open plan (its working copy, file, lock and stamps), how an open
 * takes the file's lock, the service's options, and the names a plan file goes by.
 */
import path from 'node:path';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import type { PlanDatabase } from '../../store/database.js';
import { PLAN_EXTENSION } from '../../store/planFile.js';
import { UNTITLED_PLAN_NAME } from '../../store/planHeader.js';
import type { LockHolder, PlanLock } from '../../store/planLock.js';
import type { FileStamp } from '../../store/workingCopies.js';

/** The name a plan goes by: its file name without the extension, or "Untitled plan". */
export function planName(plan: { filePath: string | null }): string {
  return plan.filePath ? path.basename(plan.filePath, PLAN_EXTENSION) : UNTITLED_PLAN_NAME;
}

export interface OpenPlan {
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
  /** How openPlan takes the lock when the caller does not say (default 'prefer'; the command line: 'none'). */
  openLock?: LockMode;
}

/** Adds the plan extension when the user left it off. */
export function withPlanExtension(filePath: string): string {
  return filePath.toLowerCase().endsWith(PLAN_EXTENSION) ? filePath : `${filePath}${PLAN_EXTENSION}`;
}
