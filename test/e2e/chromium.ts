import { CHROMIUM_ARGS, findChromium as findSystemChromium } from '../../electron/services/pdfService.js';

/** Finds a Chromium to drive, as the PDF export does: PLAYWRIGHT_CHROMIUM_EXECUTABLE, Debian's, or Playwright's own. */
export function findChromium(): { path: string } | { reason: string } {
  const found = findSystemChromium();
  return 'path' in found
    ? found
    : {
        reason:
          'no Chromium found: install one (Debian: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to its path',
      };
}

/** Flags for a closed network: no background connections, no first-run work. */
export const chromiumArgs = CHROMIUM_ARGS;
