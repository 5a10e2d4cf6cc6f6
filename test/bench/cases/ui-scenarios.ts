import path from 'node:path';
import type { Page } from 'playwright-core';
import { findChromium } from '../../e2e/chromium.js';
import { closeBrowserSession, openBrowserSession, type BrowserSession } from '../../e2e/session.js';
import type { BenchContext, BenchSuite } from '../types.js';

/**
 * In the UI: a lever change in the Scenarios view to the updated outcomes on screen (the central
 * estimate, computed in the view's worker), read from the view's own performance measure
 * `scenario-lever-to-outcomes`.
 */
export function suite(context: BenchContext): BenchSuite {
  const found = findChromium();
  if (!('path' in found)) return { cases: [], skipReason: found.reason };
  let session: BrowserSession | undefined;
  let page: Page;
  let beds = 12;
  const status = () => page.getByTestId('scenario-status').textContent();
  const settled = async () => {
    for (let i = 0; i < 400; i++) {
      if (/^Up to date: 500 simulations/.test((await status()) ?? '')) return;
      await page.waitForTimeout(50);
    }
    throw new Error('the Scenarios view did not settle');
  };
  return {
    setup: async () => {
      session = await openBrowserSession({
        dataDir: path.join(context.tmpDir, 'ui-scenarios'),
        executablePath: found.path,
      });
      page = session.page;
      await page.goto(session.app.url);
      await page.getByTestId('authority-row').nth(9).waitFor();
      await page
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Scenarios', exact: true })
        .click();
      await page.locator('[data-testid="scenario-item"][data-id="joint-block-12"]').getByRole('button').click();
      await settled();
    },
    cases: [
      {
        name: 'UI: scenario lever change to updated outcomes (GM, central estimate)',
        runs: 15,
        target: 100,
        run: async () => {
          await settled();
          beds = beds === 12 ? 14 : 12;
          const before = await page.evaluate(() => performance.getEntriesByName('scenario-lever-to-outcomes').length);
          // Edited, not saved: the view recomputes every valid edit in its worker.
          await page.getByTestId('lever-form').first().locator('[data-field="beds"]').fill(String(beds));
          await page.waitForFunction(
            (n) => performance.getEntriesByName('scenario-lever-to-outcomes').length > n,
            before,
            { timeout: 10_000 },
          );
          const entries = await page.evaluate(() =>
            performance.getEntriesByName('scenario-lever-to-outcomes').map((e) => e.duration),
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
