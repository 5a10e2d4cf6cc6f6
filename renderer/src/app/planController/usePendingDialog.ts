/**
 * The shell's one pending dialog at a time (confirm discard, choose a path, export path, changed on
 * disk, new plan), each asked for as a promise that the dialog resolves when the user answers. Part
 * of the plan controller (../usePlanController.ts), which decides when to ask.
 */
import { useCallback, useState } from 'react';
import type { ExportFormat, RecentPlan } from '#shared/api/contract.js';
import type { ConsortiumChoice } from '#shared/model/consortia.js';
import { api } from '../../api';
import type { ChangedOnDiskChoice } from '../dialogs/ChangedOnDiskDialog';
import type { DiscardAction } from '../dialogs/ConfirmDiscardDialog';
import type { PathPurpose } from '../dialogs/PathDialog';
import { planSession } from '../planSession/planSessionStore';

export type PendingDialog =
  | { kind: 'confirmDiscard'; planName: string; action: DiscardAction; resolve(confirmed: boolean): void }
  | {
      kind: 'path';
      purpose: PathPurpose;
      initialPath: string;
      recent: RecentPlan[];
      resolve(path: string | null): void;
    }
  | { kind: 'exportPath'; format: ExportFormat; initialPath: string; resolve(path: string | null): void }
  | { kind: 'changedOnDisk'; planName: string; message: string; resolve(choice: ChangedOnDiskChoice): void }
  | {
      kind: 'newPlan';
      /** Makes the plan and closes the dialog; rejects (dialog still open) when the host refuses. */
      create(choice: ConsortiumChoice): Promise<void>;
      cancel(): void;
    };

export function usePendingDialog() {
  const [pendingDialog, setPendingDialog] = useState<PendingDialog | null>(null);

  const confirmDiscard = useCallback(
    (planName: string, action: DiscardAction) =>
      new Promise<boolean>((resolve) => {
        setPendingDialog({
          kind: 'confirmDiscard',
          planName,
          action,
          resolve: (confirmed) => {
            setPendingDialog(null);
            resolve(confirmed);
          },
        });
      }),
    [],
  );

  const askPath = useCallback(
    (purpose: PathPurpose, initialPath: string, recentPlans: RecentPlan[]) =>
      new Promise<string | null>((resolve) => {
        setPendingDialog({
          kind: 'path',
          purpose,
          initialPath,
          recent: recentPlans,
          resolve: (path) => {
            setPendingDialog(null);
            resolve(path);
          },
        });
      }),
    [],
  );

  /**
   * Shows the New plan dialog until the user creates a plan or cancels; resolves true once the plan
   * is made. A refusal from the host stays in the dialog, so the user can change the choice.
   */
  const askNewPlan = useCallback(
    () =>
      new Promise<boolean>((resolve) => {
        setPendingDialog({
          kind: 'newPlan',
          create: async (choice) => {
            await api.newPlan({ consortium: { name: choice.name, members: choice.members } });
            planSession.planReplaced();
            setPendingDialog(null);
            resolve(true);
          },
          cancel: () => {
            setPendingDialog(null);
            resolve(false);
          },
        });
      }),
    [],
  );

  /** The export's path, where the host has no native save dialog (browser mode). */
  const askExportPath = useCallback(
    (format: ExportFormat, initialPath: string) =>
      new Promise<string | null>((resolve) =>
        setPendingDialog({
          kind: 'exportPath',
          format,
          initialPath,
          resolve: (chosen) => {
            setPendingDialog(null);
            resolve(chosen);
          },
        }),
      ),
    [],
  );

  const askChangedOnDisk = useCallback(
    (planName: string, message: string) =>
      new Promise<ChangedOnDiskChoice>((resolve) => {
        setPendingDialog({
          kind: 'changedOnDisk',
          planName,
          message,
          resolve: (choice) => {
            setPendingDialog(null);
            resolve(choice);
          },
        });
      }),
    [],
  );

  return { pendingDialog, confirmDiscard, askPath, askNewPlan, askExportPath, askChangedOnDisk };
}
