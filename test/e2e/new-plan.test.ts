/**
 * End to end in browser mode: File ▸ New opens the New plan dialog, whose checks hold a plan back
 * until it has a name and members; a West Yorkshire consortium chosen authority by authority becomes
 * a plan whose Data view lists exactly those five councils and names no Greater Manchester council;
 * New again from the North East region gives its twelve. Also saves the dialog's screenshot.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`New plan end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

const WEST_YORKSHIRE: Record<string, string> = {
  E08000032: 'Bradford',
  E08000033: 'Calderdale',
  E08000034: 'Kirklees',
  E08000035: 'Leeds',
  E08000036: 'Wakefield',
};
const NORTH_EAST = [
  'County Durham',
  'Darlington',
  'Gateshead',
  'Hartlepool',
  'Middlesbrough',
  'Newcastle upon Tyne',
  'North Tyneside',
  'Northumberland',
  'Redcar and Cleveland',
  'South Tyneside',
  'Stockton-on-Tees',
  'Sunderland',
];
const GM_NAMES = [
  'Greater Manchester',
  'Bolton',
  'Bury',
  'Manchester',
  'Oldham',
  'Rochdale',
  'Salford',
  'Stockport',
  'Tameside',
  'Trafford',
  'Wigan',
];

describe.skipIf(skipReason)(`new plan end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const dialog = () => page.getByRole('dialog', { name: 'New plan' });
  const checkbox = (code: string): Locator => dialog().locator(`input[type="checkbox"][data-code="${code}"]`);
  const rowCodes = () =>
    page.getByTestId('authority-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));

  async function openNewPlan() {
    await page.getByRole('toolbar', { name: 'File' }).getByRole('button', { name: 'New…', exact: true }).click();
    await expect.poll(() => dialog().count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => dialog().getByRole('radio').count(), { timeout: 10_000 }).toBeGreaterThan(1);
  }

  useBrowserSession(
    'planner-e2e-new-plan-',
    { viewport: { width: 1440, height: 900 }, cspViolations, pageErrors },
    (opened) => ({ app, page } = opened),
  );

  it('offers the presets and the user’s own choice, and refuses a plan without a name or members', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await openNewPlan();

    const starts = dialog().getByRole('region', { name: 'Starting points' });
    expect(await starts.getAttribute('tabindex')).toBe('0');
    expect(await dialog().getByRole('region', { name: 'Authorities by region' }).getAttribute('tabindex')).toBe('0');
    const legends = await starts.locator('legend').allTextContents();
    expect(legends).toEqual(['Regions', 'Combined authorities', 'All of England', 'Your own choice']);
    expect(
      await dialog()
        .getByRole('radio', { name: /Greater Manchester/ })
        .count(),
    ).toBe(1);
    expect(
      await dialog()
        .getByRole('radio', { name: /^England/ })
        .count(),
    ).toBe(1);
    const custom = dialog().getByRole('radio', { name: /Choose authorities/ });
    expect(await custom.isChecked()).toBe(true);
    expect(await dialog().getByTestId('new-plan-name').inputValue()).toBe('');

    await dialog().getByTestId('new-plan-create').click();
    await expect.poll(() => dialog().getByText('Give the consortium a name.').count()).toBe(1);
    expect(await dialog().getByText('Choose at least one member authority.').count()).toBe(1);
    expect(await dialog().getByTestId('new-plan-name').getAttribute('aria-invalid')).toBe('true');
    expect(await dialog().count()).toBe(1); // nothing was made

    // A preset fills the members and the name; "Clear all" empties the members again.
    await dialog()
      .getByRole('radio', { name: /Greater Manchester/ })
      .check();
    expect(await dialog().getByTestId('new-plan-name').inputValue()).toBe('Greater Manchester');
    await expect.poll(() => dialog().getByTestId('members-count').textContent()).toMatch(/^10 authorities chosen/);
    await dialog().getByTestId('members-clear-all').click();
    await expect.poll(() => dialog().getByTestId('members-count').textContent()).toBe('No authority chosen.');
    await custom.check();
    expect(await dialog().getByTestId('new-plan-name').inputValue()).toBe('');
  });

  it('makes a West Yorkshire plan from a custom choice, with no Greater Manchester name on the page', async () => {
    const search = dialog().getByTestId('member-search');
    await search.fill('Bradford');
    await expect.poll(() => dialog().locator('input[type="checkbox"]').count()).toBe(1);
    await checkbox('E08000032').check();

    // Choosing a whole region, then clearing it, leaves Bradford alone chosen.
    await search.fill('Yorkshire and The Humber');
    const region = dialog().locator('fieldset[data-region="Yorkshire and The Humber"]');
    await region.getByTestId('region-choose-all').click();
    const yorkshireCount = await region.locator('input[type="checkbox"]').count();
    expect(yorkshireCount).toBeGreaterThan(5);
    await expect.poll(() => region.locator('input:checked').count()).toBe(yorkshireCount);
    await region.getByTestId('region-clear').click();
    await expect.poll(() => region.locator('input:checked').count()).toBe(0);

    await search.fill('');
    for (const code of Object.keys(WEST_YORKSHIRE)) await checkbox(code).check();
    await expect
      .poll(() => dialog().getByTestId('members-count').textContent())
      .toBe('5 authorities chosen: Bradford, Calderdale, Kirklees, Leeds and Wakefield.');
    await dialog().getByTestId('new-plan-name').fill('West Yorkshire');

    await search.fill('Yorkshire');
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'new-plan.png') });

    await dialog().getByTestId('new-plan-create').click();
    await expect.poll(() => dialog().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(5);
    expect((await rowCodes()).sort()).toEqual(Object.keys(WEST_YORKSHIRE));
    const rowsText = await page.getByTestId('authority-row').allTextContents();
    for (const name of Object.values(WEST_YORKSHIRE)) expect(rowsText.some((t) => t.includes(name))).toBe(true);
    await expect.poll(() => page.locator('body').innerText()).toContain('West Yorkshire');
    const text = await page.locator('body').innerText();
    for (const name of GM_NAMES) expect(text, name).not.toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('Escape cancels the dialog and keeps the plan that is open', async () => {
    await openNewPlan();
    const focusedInside = await page.evaluate(() => document.activeElement?.closest('[role="dialog"]') !== null);
    expect(focusedInside).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog().count()).toBe(0);
    expect(await page.getByTestId('authority-row').count()).toBe(5);
  });

  it('makes a North East plan from its region preset', async (context) => {
    await openNewPlan();
    const northEast = dialog().getByRole('radio', { name: /^North East/ });
    if ((await northEast.count()) === 0) {
      await dialog().getByRole('button', { name: 'Cancel' }).click();
      context.skip('the built-in dataset holds no North East region yet (issue 14, item 1)');
    }
    await northEast.check();
    expect(await dialog().getByTestId('new-plan-name').inputValue()).toBe('North East');
    await expect
      .poll(() => dialog().getByTestId('members-count').textContent())
      .toBe(`12 authorities chosen: ${NORTH_EAST.slice(0, -1).join(', ')} and ${NORTH_EAST.at(-1)}.`);
    await dialog().getByTestId('new-plan-create').click();
    await expect.poll(() => dialog().count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(12);
    const rowsText = await page.getByTestId('authority-row').allTextContents();
    for (const name of NORTH_EAST)
      expect(
        rowsText.some((t) => t.includes(name)),
        name,
      ).toBe(true);
  });

  it('breaks no CSP rule and throws no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
