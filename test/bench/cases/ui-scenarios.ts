import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../e2e/app-process.js';
import { findChromium } from '../../e2e/chromium.js';
import { closeBrowserSession, type BrowserSession } from '../../e2e/session.js';
import { openOnView } from '../uiView.js';
import type { BenchCase, BenchContext, BenchSuite } from '../types.js';

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
      if (/^Up to date: [\d,]+ simulations/.test((await status()) ?? '')) return;
      await page.waitForTimeout(50);
    }
    throw new Error('the Scenarios view did not settle');
  };
  return {
    setup: async () => {
      session = await openOnView(path.join(context.tmpDir, 'ui-scenarios'), found.path, 'Scenarios');
      page = session.page;
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
      ...endToEndRecord(),
    ],
    teardown: async () => {
      if (session) await closeBrowserSession(session, { cleanup: () => undefined });
    },
  };
}

/**
 * The same measure as recorded by the last end-to-end run (test/e2e/scenarios.test.ts writes
 * test-results/scenario-lever-to-outcomes.json): reported here with the target, since a timed
 * assertion in the test suite would fail on a loaded CI machine for reasons that are not the app's.
 */
function endToEndRecord(): BenchCase[] {
  const file = path.join(repoRoot, 'test-results', 'scenario-lever-to-outcomes.json');
  if (!fs.existsSync(file)) return [];
  const record = JSON.parse(fs.readFileSync(file, 'utf8')) as { medianMs: number; durationsMs: number[] };
  return [
    {
      name: `UI: the same, median of the last end-to-end run's ${record.durationsMs.length} edits`,
      runs: 1,
      target: 100,
      unit: 'ms (recorded by npm test)',
      run: () => record.medianMs,
    },
  ];
}
