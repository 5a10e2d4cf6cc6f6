/**
 * Loads the open plan's report data for the Report view and the print page alike: null while
 * loading, then the data or the message of what went wrong. It loads again whenever the scenarios
 * asked for or `reload` change (the plan's summary in the view, the print request on the page), and
 * drops an answer that arrives after a newer request.
 */
import { useEffect, useState } from 'react';
import { toShownError } from '../../app/usePlanController';
import { loadReportData, type ReportRequest } from './reportData';
import type { ReportData } from './reportModel';

export type LoadedReport = { data: ReportData } | { error: string };

export function useReportData(scenarioIds: ReportRequest['scenarioIds'], reload: unknown): LoadedReport | null {
  const [loaded, setLoaded] = useState<LoadedReport | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadReportData({ scenarioIds }).then(
      (data) => !cancelled && setLoaded({ data }),
      (error: unknown) => !cancelled && setLoaded({ error: toShownError(error).message }),
    );
    return () => {
      cancelled = true;
    };
  }, [scenarioIds, reload]);

  return loaded;
}
