/**
 * The plan controller: the shell's hook that owns the plan's lifecycle (startup, file commands,
 * refreshing the plan state and summary after every call, which also moves the plan session on: see
 * ./planSession/). Its parts: errors as shown (./planController/shownError.ts) and the pending
 * dialog it asks through (./planController/usePendingDialog.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  AppInfo,
  ExportFormat,
  MenuCommand,
  OpenPlanState,
  PlanState,
  RecentPlan,
  RecoverablePlan,
} from '#shared/api/contract.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { api, isPlannerError } from '../api';
import type { DiscardAction } from './dialogs/ConfirmDiscardDialog';
import { exportCopy, exportFileName, writeExport } from './exportFiles';
import { folderOf, suggestedFileName } from './fileNames';
import { toShownError, type ShownError } from './planController/shownError';
import { usePendingDialog, type PendingDialog } from './planController/usePendingDialog';
import { planKeyOf, planSession } from './planSession/planSessionStore';

export { toShownError, type PendingDialog, type ShownError };

export type InfoDialog = 'about' | 'dataSources';

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
  const { pendingDialog, confirmDiscard, askPath, askNewPlan, askExportPath, askChangedOnDisk } = usePendingDialog();
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
      // Rendered with the new summary (React batches both): views keyed on the revision run again.
      planSession.planRefreshed(state.open ? { key: planKeyOf(state), horizonYears: state.horizonYears } : null);
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
      planSession.planReplaced();
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
    if (!path) return;
    await api.openPlan({ path });
    planSession.planReplaced();
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
  const exportAs = useCallback(
    async (format: ExportFormat) => {
      const state = await api.getPlanState({});
      if (!state.open) return;
      const suggestedName = exportFileName(state, format);
      let path: string | null;
      try {
        path = (await api.chooseSavePath({ suggestedName })).path;
      } catch (e) {
        if (!isPlannerError(e, 'UNSUPPORTED')) throw e;
        const initialPath = state.path ? `${folderOf(state.path)}${suggestedName}` : '';
        path = await askExportPath(format, initialPath);
      }
      if (!path) return;
      setNotice(exportCopy[format].busy);
      try {
        setNotice(await writeExport(format, path));
      } catch (e) {
        setNotice(null);
        throw e;
      }
    },
    [askExportPath],
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
      else if (choice === 'reload') {
        await api.openPlan({ path: state.path });
        planSession.planReplaced();
      }
    }
  }, [askChangedOnDisk, saveAs]);

  const recoverPlan = useCallback(
    (id: string) => {
      void exclusive(async () => {
        if (!(await mayDiscard('open'))) return;
        await api.recoverPlan({ id });
        planSession.planReplaced();
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
            if (!(await mayDiscard('close'))) return;
            await api.closePlan({});
            planSession.planReplaced();
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
