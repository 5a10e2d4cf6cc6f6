/**
 * The Scenarios view's Recommend panel end to end, in browser mode: a recommendation runs in its own
 * worker with progress, Cancel stops it and leaves no answer, a second run answers with the ranked
 * homes (need types, how often the choice holds, the sensitivity), and "Make a scenario" saves the
 * homes as a scenario that Compare can set beside the baseline.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Recommend end-to-end tests skipped: ${skipReason}`);

describe.skipIf(skipReason)(`the Recommend panel end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
  const panel = () => page.getByTestId('recommend-panel');
  const progress = () => panel().locator('.scn-recommend-progress');

  useBrowserSession('planner-e2e-recommend-', { cspViolations, pageErrors }, (opened) => ({ app, page } = opened));

  it('shows progress from the worker, and Cancel stops the run leaving no answer', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await nav('Scenarios');
    await expect.poll(() => panel().count(), { timeout: 15_000 }).toBe(1);
    // A long run (£20m, every size: many homes to choose), so Cancel lands while the worker works.
    await panel().getByLabel('Capital budget (£ millions)').fill('20');
    for (const size of ['5', '6']) await panel().getByRole('checkbox', { name: size, exact: true }).check();
    await panel().getByRole('button', { name: 'Recommend', exact: true }).click();
    // The stages come from the optimiser in the worker (the first one is the page's own fetch).
    await expect.poll(() => progress().textContent(), { timeout: 30_000, interval: 20 }).toMatch(/Searching/);
    expect(await progress().locator('progress').count()).toBe(1);
    await panel().getByRole('button', { name: 'Cancel', exact: true }).click();
    // Cancel does not start the run again (the button under the pointer becomes Recommend).
    await expect.poll(() => progress().count(), { timeout: 10_000 }).toBe(0);
    expect(await panel().getByRole('button', { name: 'Recommend', exact: true }).isEnabled()).toBe(true);
    // Nothing arrives after a cancel: the worker was stopped.
    await page.waitForTimeout(3000);
    expect(await page.getByTestId('recommendation').count()).toBe(0);
  });

  it('answers with ranked homes, and Make a scenario puts them in Compare', async () => {
    await panel().getByLabel('Capital budget (£ millions)').fill('3');
    for (const size of ['5', '6']) await panel().getByRole('checkbox', { name: size, exact: true }).uncheck();
    const seen: number[] = [];
    await panel().getByRole('button', { name: 'Recommend', exact: true }).click();
    await expect
      .poll(
        async () => {
          const value = await progress()
            .locator('progress')
            .getAttribute('value')
            .catch(() => null);
          if (value !== null) seen.push(Number(value));
          return page.getByTestId('recommendation').count();
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe(1);
    // Progress moved forward while it ran.
    expect(Math.max(...seen)).toBeGreaterThan(0);
    const result = page.getByTestId('recommendation');
    const rows = result.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await result.locator('thead th', { hasText: 'Need type' }).count()).toBe(1);
    const text = (await result.textContent()) ?? '';
    expect(text).toMatch(/Need types: The plan splits children 82% mainstream, 18% solo or complex/);
    expect(text).toMatch(/does at least as well in \d+% of \d+ simulations/);
    expect(text).toMatch(/Running cost per place at the low end/);

    await result.getByRole('button', { name: 'Make a scenario' }).click();
    await expect
      .poll(() => result.getByRole('status').textContent(), { timeout: 15_000 })
      .toMatch(/^Made the scenario “Recommended homes \(local, £3\.0m\)”\.$/);
    await expect
      .poll(() => page.locator('[data-testid="scenario-item"] .scn-item-name').allTextContents(), { timeout: 15_000 })
      .toContain('Recommended homes (local, £3.0m)');

    await nav('Compare');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Compare', exact: true }).count()).toBe(1);
    // The new scenario is offered beside the illustrative ones.
    const ours = page.locator('.cmp-picker label', { hasText: 'Recommended homes (local, £3.0m)' }).locator('input');
    await expect.poll(() => ours.count(), { timeout: 10_000 }).toBe(1);
    for (const input of await page.locator('.cmp-picker input[type="checkbox"]').all()) await input.uncheck();
    await ours.check();
    const table = page.getByTestId('compare-table');
    await expect
      .poll(() => table.locator('thead th.cmp-scenario-col .cmp-col-name').allTextContents(), { timeout: 30_000 })
      .toEqual(['Baseline', 'Recommended homes (local, £3.0m)']);
    await expect
      .poll(() => page.getByTestId('compare-status').textContent(), { timeout: 30_000 })
      .toMatch(/^Up to date/);
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
