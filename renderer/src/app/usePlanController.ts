import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AppInfo,
  ExportFormat,
  MenuCommand,
  OpenPlanState,
  PlanState,
  RecentPlan,
  RecoverablePlan,
} from '../../../shared/api/contract.js';
import type { ApiErrorCode } from '../../../shared/api/errors.js';
import type { ConsortiumChoice } from '../../../shared/model/consortia.js';
import type { PlanSummary } from '../../../shared/model/summary.js';
import { api, isPlannerError } from '../api';
import type { ChangedOnDiskChoice } from './dialogs/ChangedOnDiskDialog';
import type { DiscardAction } from './dialogs/ConfirmDiscardDialog';
import type { PathPurpose } from './dialogs/PathDialog';
import { exportCopy, exportFileName, writeExport } from './exportFiles';
import { folderOf, suggestedFileName } from './fileNames';

export interface ShownError {
  code: ApiErrorCode | null;
  message: string;
}

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

export type InfoDialog = 'about' | 'dataSources';

export function toShownError(error: unknown): ShownError {
  if (isPlannerError(error)) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: null, message: error.message || 'Something went wrong.' };
  return { code: null, message: String(error) };
}

export interface PlanController {
  /** False until the first getAppInfo/getPlanState round trip has finished (or failed). */
  ready: boolean;
  appInfo: AppInfo | null;
  planState: PlanState | null;
  summary: PlanSummary | null;
  recent: RecentPlan[];
  error: ShownError | null;
  /** What the last export saved (or that it is being made), until dismissed or the next command. */
  notice: string | null;
  busy: boolean;
  pendingDialog: PendingDialog | null;
  infoDialog: InfoDialog | null;
  /** Work an earlier run left unsaved, offered for recovery at start (empty once decided). */
  recoverable: RecoverablePlan[];
  recoverPlan(id: string): void;
  discardRecoverable(id: string): void;
  /** Keeps the unsaved work for the next start and closes the offer. */
  postponeRecovery(): void;
  dismissError(): void;
  dismissNotice(): void;
  closeInfoDialog(): void;
  /** Routes a menu, toolbar or shortcut command; ignored while another command is still running. */
  dispatch(command: MenuCommand): void;
  perform(task: () => Promise<unknown>): Promise<boolean>;
}

/**
 * Owns the plan lifecycle for the shell: startup, the file commands (from the native menu, the
 * browser toolbar or shortcuts), confirmation and path dialogs, error reporting and refreshing the
 * plan state and summary after every call. Decisions about unsaved work use the host's current
 * state, fetched at the moment of the decision, never a possibly stale copy.
 */
export function usePlanController(): PlanController {
  const [ready, setReady] = useState(false);
  const [appInfo, setAppInfo] = useState<AppInfo | null>(null);
  const [planState, setPlanState] = useState<PlanState | null>(null);
  const [summary, setSummary] = useState<PlanSummary | null>(null);
  const [recent, setRecent] = useState<RecentPlan[]>([]);
  const [error, setError] = useState<ShownError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pendingDialog, setPendingDialog] = useState<PendingDialog | null>(null);
  const [infoDialog, setInfoDialog] = useState<InfoDialog | null>(null);
  const [recoverable, setRecoverable] = useState<RecoverablePlan[]>([]);
  const busyRef = useRef(false);
  const refreshSeq = useRef(0);

  const report = useCallback((e: unknown) => setError(toShownError(e)), []);

  /** Reloads plan state, summary and recent plans; a newer refresh supersedes an older one. */
  const refresh = useCallback(async () => {
    const seq = ++refreshSeq.current;
    try {
      const state = await api.getPlanState({});
      const nextSummary = state.open ? await api.getPlanSummary({}) : null;
      if (seq !== refreshSeq.current) return;
      setPlanState(state);
      setSummary(nextSummary);
    } catch (e) {
      if (seq === refreshSeq.current) report(e);
    }
    try {
      const list = await api.listRecentPlans({});
      if (seq === refreshSeq.current) setRecent(list);
    } catch (e) {
      if (seq === refreshSeq.current) report(e);
    }
  }, [report]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const info = await api.getAppInfo({});
        if (!cancelled) setAppInfo(info);
      } catch (e) {
        if (!cancelled) report(e);
      }
      await refresh();
      try {
        const list = await api.listRecoverablePlans({});
        if (!cancelled) setRecoverable(list);
      } catch (e) {
        if (!cancelled) report(e);
      }
      if (!cancelled) setReady(true);
    })();
    return () => {
      cancelled = true;
    };
  }, [refresh, report]);

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

  /** True when there is no unsaved work to lose, or the user agreed to discard it. */
  const mayDiscard = useCallback(
    async (action: DiscardAction) => {
      const state = await api.getPlanState({});
      if (!state.open || !state.dirty) return true;
      return confirmDiscard(state.name, action);
    },
    [confirmDiscard],
  );

  /** Runs one command at a time; reports its error and always refreshes afterwards. */
  const exclusive = useCallback(
    async (task: () => Promise<unknown>): Promise<boolean> => {
      if (busyRef.current) return false;
      busyRef.current = true;
      setBusy(true);
      setInfoDialog(null);
      setError(null);
      setNotice(null);
      let ok = true;
      try {
        await task();
      } catch (e) {
        ok = false;
        report(e);
      } finally {
        await refresh();
        busyRef.current = false;
        setBusy(false);
      }
      return ok;
    },
    [refresh, report],
  );

  const openPath = useCallback(
    async (path: string) => {
      if (!(await mayDiscard('open'))) return;
      await api.openPlan({ path });
    },
    [mayDiscard],
  );

  const open = useCallback(async () => {
    if (!(await mayDiscard('open'))) return;
    let path: string | null;
    try {
      path = (await api.chooseOpenPath({})).path;
    } catch (e) {
      if (!isPlannerError(e, 'UNSUPPORTED')) throw e;
      path = await askPath('open', '', await api.listRecentPlans({}));
    }
    if (path) await api.openPlan({ path });
  }, [askPath, mayDiscard]);

  const saveAs = useCallback(async (): Promise<OpenPlanState | null> => {
    const state = await api.getPlanState({});
    if (!state.open) return null;
    const suggestedName = suggestedFileName(state.name, state.consortiumName, state.untitled);
    let path: string | null;
    try {
      path = (await api.chooseSavePath({ suggestedName })).path;
    } catch (e) {
      if (!isPlannerError(e, 'UNSUPPORTED')) throw e;
      const initial = state.path ? `${folderOf(state.path)}${suggestedName}` : '';
      path = await askPath('saveAs', initial, []);
    }
    return path ? api.savePlanAs({ path }) : null;
  }, [askPath]);

  /**
   * File › Export: the report as a PDF (the plan's first four scenarios, as `planner export` chooses
   * them; the Report view chooses others), or the tables as a workbook or CSV files.
   */
  const exportAs = useCallback(async (format: ExportFormat) => {
    const state = await api.getPlanState({});
    if (!state.open) return;
    const suggestedName = exportFileName(state, format);
    let path: string | null;
    try {
      path = (await api.chooseSavePath({ suggestedName })).path;
    } catch (e) {
      if (!isPlannerError(e, 'UNSUPPORTED')) throw e;
      const initialPath = state.path ? `${folderOf(state.path)}${suggestedName}` : '';
      path = await new Promise<string | null>((resolve) =>
        setPendingDialog({
          kind: 'exportPath',
          format,
          initialPath,
          resolve: (chosen) => {
            setPendingDialog(null);
            resolve(chosen);
          },
        }),
      );
    }
    if (!path) return;
    setNotice(exportCopy[format].busy);
    try {
      setNotice(await writeExport(format, path));
    } catch (e) {
      setNotice(null);
      throw e;
    }
  }, []);

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

  /**
   * Saves in place; a plan never saved, or one another program holds (read-only here), goes to Save
   * as; a file changed on disk since it was opened is never overwritten silently: the user reloads it
   * or saves elsewhere.
   */
  const save = useCallback(async () => {
    const state = await api.getPlanState({});
    try {
      await api.savePlan({});
    } catch (e) {
      if (isPlannerError(e, 'NEEDS_PATH') || isPlannerError(e, 'PLAN_LOCKED')) {
        await saveAs();
        return;
      }
      if (!isPlannerError(e, 'CHANGED_ON_DISK') || !state.open || !state.path) throw e;
      const choice = await askChangedOnDisk(state.name, e.message);
      if (choice === 'saveAs') await saveAs();
      else if (choice === 'reload') await api.openPlan({ path: state.path });
    }
  }, [askChangedOnDisk, saveAs]);

  const recoverPlan = useCallback(
    (id: string) => {
      void exclusive(async () => {
        if (!(await mayDiscard('open'))) return;
        await api.recoverPlan({ id });
        setRecoverable((list) => list.filter((p) => p.id !== id));
      });
    },
    [exclusive, mayDiscard],
  );

  const discardRecoverable = useCallback(
    (id: string) => {
      void exclusive(async () => {
        await api.discardRecoverablePlan({ id });
        setRecoverable((list) => list.filter((p) => p.id !== id));
      });
    },
    [exclusive],
  );

  const postponeRecovery = useCallback(() => setRecoverable([]), []);

  const dispatch = useCallback(
    (command: MenuCommand) => {
      if (busyRef.current) return;
      switch (command.command) {
        case 'new':
          void exclusive(async () => {
            if (await mayDiscard('new')) await askNewPlan();
          });
          return;
        case 'open':
          void exclusive(open);
          return;
        case 'openRecent':
          void exclusive(() => openPath(command.path));
          return;
        case 'save':
          void exclusive(save);
          return;
        case 'saveAs':
          void exclusive(saveAs);
          return;
        case 'close':
          void exclusive(async () => {
            if (await mayDiscard('close')) await api.closePlan({});
          });
          return;
        case 'export':
          void exclusive(() => exportAs(command.format));
          return;
        case 'about':
        case 'dataSources':
          setInfoDialog(command.command);
          return;
      }
    },
    [askNewPlan, exclusive, exportAs, mayDiscard, open, openPath, save, saveAs],
  );

  // The native menu (Electron) sends the same commands as the browser toolbar.
  useEffect(() => api.onMenuCommand(dispatch), [dispatch]);

  const dismissError = useCallback(() => setError(null), []);
  const dismissNotice = useCallback(() => setNotice(null), []);
  const closeInfoDialog = useCallback(() => setInfoDialog(null), []);

  return {
    ready,
    appInfo,
    planState,
    summary,
    recent,
    error,
    notice,
    busy,
    pendingDialog,
    infoDialog,
    recoverable,
    recoverPlan,
    discardRecoverable,
    postponeRecovery,
    dismissError,
    dismissNotice,
    closeInfoDialog,
    dispatch,
    perform: exclusive,
  };
}
