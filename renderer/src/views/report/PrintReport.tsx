import { useEffect } from 'react';
import { ReportDocument } from './ReportDocument';
import { markReportReady, type PrintRequest } from './printRequest';
import { useReportData } from './useReportData';

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
  const loaded = useReportData(request.scenarioIds, request);

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
