import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PrintReport } from './PrintReport';
import { parsePrintRequest } from './printRequest';

/**
 * Print mode: when the page was opened with `?print=report`, the report is rendered on its own in
 * a root of its own and the app shell (#root) is hidden, so the page is the report and nothing else.
 * Returns whether print mode started.
 */
export function startPrintModeIfAsked(href: string = window.location.href): boolean {
  const request = parsePrintRequest(href);
  if (!request) return false;
  document.documentElement.dataset.print = 'report';
  const container = document.createElement('div');
  container.id = 'report-root';
  document.body.append(container);
  createRoot(container).render(
    <StrictMode>
      <PrintReport request={request} />
    </StrictMode>,
  );
  return true;
}
