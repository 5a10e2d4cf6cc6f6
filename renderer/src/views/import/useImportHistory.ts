/**
 * The Import view's history of imports into the open plan: loaded when the plan changes and again
 * after each import, shown only for the plan it was loaded for.
 */
import { useEffect, useState } from 'react';
import type { ImportLogEntry } from '#shared/api/contract.js';
import { api } from '../../api';
import { toShownError } from '../../app/usePlanController';

export interface ImportHistoryState {
  /** The plan's imports as the host lists them; null until loaded for this plan. */
  entries: ImportLogEntry[] | null;
  loadError: string | null;
  /** Loads the history again (after an import). */
  reload(): void;
}

export function useImportHistory(planKey: string): ImportHistoryState {
  const [history, setHistory] = useState<{ planKey: string; entries: ImportLogEntry[] } | null>(null);
  const [historyError, setHistoryError] = useState<string | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api.listImports({}).then(
      (entries) => {
        if (cancelled) return;
        setHistory({ planKey, entries });
        setHistoryError(null);
      },
      (error: unknown) => {
        if (!cancelled) setHistoryError(toShownError(error).message);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [planKey, historyVersion]);

  return {
    entries: history?.planKey === planKey ? history.entries : null,
    loadError: historyError,
    reload: () => setHistoryVersion((v) => v + 1),
  };
}
