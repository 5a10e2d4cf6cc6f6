/** Work that crashed runs left unsaved in the working-copy folder: listed, and found by id. */
import path from 'node:path';
import type { RecoverablePlan } from '#shared/api/contract.js';
import { PlannerError } from '#shared/api/errors.js';
import { orphanedWorkingCopies } from '../../store/workingCopies.js';

/** Work that crashed runs left unsaved, newest first. */
export function recoverablePlansIn(workDir: string): RecoverablePlan[] {
  return orphanedWorkingCopies(workDir)
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

/** The working copy of the unsaved work with this id; refused when it is no longer there. */
export function orphanPathById(workDir: string, id: string): string {
  const orphan = orphanedWorkingCopies(workDir).find(
    (o) => path.basename(o.workingPath, '.sqlite') === id && o.manifest?.unsaved,
  );
  if (!orphan) throw new PlannerError('NOT_FOUND', 'That unsaved work is no longer there to recover.');
  return orphan.workingPath;
}
