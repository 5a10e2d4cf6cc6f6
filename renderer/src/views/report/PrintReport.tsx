import { useEffect, useState } from 'react';
import { toShownError } from '../../app/usePlanController';
import { loadReportData } from './reportData';
import { ReportDocument } from './ReportDocument';
import type { ReportData } from './reportModel';
import { markReportReady, type PrintRequest } from './printRequest';

type Loaded = { data: ReportData } | { error: string };

/** Waits for web fonts and two frames, so the charts are laid out before Chromium prints. */
async function settled(): Promise<void> {
  await document.fonts?.ready;
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * The report alone, as the page (print mode): loads the open plan's data, renders the document and
 * then marks the page ready. A plan that cannot be reported still gives a page that says why.
 */
export function PrintReport({ request }: { request: PrintRequest }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadReportData({ scenarioIds: request.scenarioIds }).then(
      (data) => !cancelled && setLoaded({ data }),
      (error: unknown) => !cancelled && setLoaded({ error: toShownError(error).message }),
    );
    return () => {
      cancelled = true;
    };
  }, [request]);

  useEffect(() => {
    if (!loaded) return;
    let cancelled = false;
    void settled().then(() => {
      if (!cancelled) markReportReady(true);
    });
    return () => {
      cancelled = true;
    };
  }, [loaded]);

  if (!loaded) {
    return (
      <main className="report-print" aria-busy="true">
        <p role="status">Preparing the report…</p>
      </main>
    );
  }
  if ('error' in loaded) {
    return (
      <main className="report-print">
        <h1>The report could not be made</h1>
        <p className="report-problem" data-testid="report-error">
          {loaded.error}
        </p>
      </main>
    );
  }
  return (
    <main className="report-print">
      <ReportDocument data={loaded.data} standalone />
    </main>
  );
}
