/**
 * The URL flag that opens the report alone, for printing: `?print=report`, with `&scenarios=a,b`
 * to choose the scenarios (absent: the plan's first four; empty: none). The host's PDF export opens
 * the app this way and waits for `document.body.dataset.reportReady === 'true'`.
 */
import { MAX_REPORT_SCENARIOS } from './reportModel';

export interface PrintRequest {
  /** null: the plan's default scenarios. */
  scenarioIds: string[] | null;
}

const scenarioId = /^[A-Za-z0-9_.-]{1,64}$/;

export function parsePrintRequest(href: string): PrintRequest | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.searchParams.get('print') !== 'report') return null;
  const raw = url.searchParams.get('scenarios');
  if (raw === null) return { scenarioIds: null };
  const ids = raw
    .split(',')
    .map((id) => id.trim())
    .filter((id) => scenarioId.test(id));
  return { scenarioIds: [...new Set(ids)].slice(0, MAX_REPORT_SCENARIOS) };
}

/** Marks the page ready for printing (the PDF generator waits for this). */
export function markReportReady(ready: boolean): void {
  if (ready) document.body.dataset.reportReady = 'true';
  else delete document.body.dataset.reportReady;
}
