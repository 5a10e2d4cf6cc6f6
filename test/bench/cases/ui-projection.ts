import path from 'node:path';
import type { Page } from 'playwright-core';
import { findChromium } from '../../e2e/chromium.js';
import { closeBrowserSession, type BrowserSession } from '../../e2e/session.js';
import { openOnView } from '../uiView.js';
import type { BenchContext, BenchSuite } from '../types.js';

/**
 * In the UI: an assumption committed in the Projection view (target occupancy, typed and held
 * still) to the headline, table and fan chart for it on screen, read from the view's own performance
 * measure `projection-assumption-to-headline` (from the moment the change is sent to the host: the
 * input's own typing pause comes before it). Each run starts from a settled page, as a user's change
 * does: no call to the host in flight for 150 ms (the previous change's plan summary, the panels
 * rendered after the headline), as the ui-scenarios case waits for "Up to date".
 */
export function suite(context: BenchContext): BenchSuite {
  const found = findChromium();
  if (!('path' in found)) return { cases: [], skipReason: found.reason };
  let session: BrowserSession | undefined;
  let page: Page;
  let occupancy = 85;
  // calls to the host in flight, and when the last one ended (from the browser's own network events)
  let inFlight = 0;
  let lastEnded = 0;
  const ended = () => {
    inFlight = Math.max(0, inFlight - 1);
    lastEnded = Date.now();
  };
  const settled = async () => {
    for (let i = 0; i < 400; i++) {
      if (inFlight === 0 && Date.now() - lastEnded >= 150) {
        // and two frames, for what renders after the last answer
        await page.evaluate(
          () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(null)))),
        );
        return;
      }
      await page.waitForTimeout(25);
    }
    throw new Error('the Projection view did not settle');
  };
  const count = () => page.evaluate(() => performance.getEntriesByName('projection-assumption-to-headline').length);
  return {
    setup: async () => {
      session = await openOnView(path.join(context.tmpDir, 'ui-projection'), found.path, 'Projection');
      page = session.page;
      page.on('request', () => inFlight++);
      page.on('requestfinished', ended);
      page.on('requestfailed', ended);
      await page.getByTestId('projection-row').first().waitFor({ timeout: 30_000 });
    },
    cases: [
      {
        name: 'UI: assumption change to updated Projection headline and chart (GM, 1,000 simulations)',
        runs: 40,
        target: 100,
        run: async () => {
          await settled();
          occupancy = occupancy === 85 ? 80 : 85;
          const before = await count();
          await page.getByRole('textbox', { name: 'Target occupancy', exact: true }).fill(String(occupancy));
          await page.waitForFunction(
            (n) => performance.getEntriesByName('projection-assumption-to-headline').length > n,
            before,
            { timeout: 15_000 },
          );
          const entries = await page.evaluate(() =>
            performance.getEntriesByName('projection-assumption-to-headline').map((e) => e.duration),
          );
          return entries[entries.length - 1];
        },
        unit: 'ms (measured in the page)',
      },
    ],
    teardown: async () => {
      if (session) await closeBrowserSession(session, { cleanup: () => undefined });
    },
  };
}
