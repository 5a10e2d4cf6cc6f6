import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Workshop end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

describe.skipIf(skipReason)(`workshop mode end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const bar = () => page.getByTestId('workshop-bar');
  const currentView = () => page.getByTestId('workshop-current-view').textContent();
  const nav = () => page.getByRole('navigation', { name: 'Views' });
  const heading = () => page.getByRole('heading', { level: 1 }).first().textContent();
  const rootHasClass = () => page.evaluate(() => document.documentElement.classList.contains('workshop'));
  const beds2026 = async () =>
    Number(
      (
        (await page
          .locator('[data-testid="projection-row"][data-year="2026"] [data-column="beds-p50"]')
          .first()
          .textContent()) ?? ''
      ).replace(/[^\d.]/g, ''),
    );

  useBrowserSession('planner-e2e-workshop-', { cspViolations, pageErrors }, (opened) => ({ app, page } = opened));

  it('enters workshop mode from the title bar: presentation bar, large type, no toolbar or navigation rail', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    expect(await bar().count()).toBe(0);
    const normalSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

    const toggle = page.getByTestId('workshop-toggle');
    expect(await toggle.getAttribute('aria-keyshortcuts')).toBe('F11');
    await toggle.click();

    await expect.poll(() => bar().isVisible()).toBe(true);
    expect(await rootHasClass()).toBe(true);
    expect(await nav().isVisible()).toBe(false);
    expect(await page.getByRole('toolbar', { name: 'File' }).isVisible()).toBe(false);
    expect(await page.getByTestId('plan-name').isVisible()).toBe(false);
    expect(await bar().textContent()).toContain('Greater Manchester');
    expect(await currentView()).toMatch(/Data.*\(1 of \d+\)/);
    const workshopSize = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(workshopSize / normalSize).toBeCloseTo(1.35, 2);
    // The Data view's edit buttons are hidden; its tables stay.
    expect(await page.getByTestId('members-button').isVisible()).toBe(false);
    expect(await page.getByTestId('authority-row').first().isVisible()).toBe(true);
    // The wide table is a scroll region the keyboard reaches; the arrows scroll it rather than change view.
    const table = page.getByRole('region', { name: 'Member authorities table' });
    // (At workshop type size the table is wider than the screen's main area.)
    expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await table.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => table.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    expect(await currentView()).toMatch(/Data/);
    await table.evaluate((el) => (el.scrollLeft = 0));
    await page.locator('#main').focus();
  });

  it('moves to the next view with Page Down, and back and forth with the arrows, Home and End', async () => {
    await page.keyboard.press('PageDown');
    await expect.poll(currentView).toMatch(/^Showing the Projection view/);
    await expect.poll(heading).toBe('Projection');
    expect(await page.getByTestId('workshop-current-view').getAttribute('aria-live')).toBe('polite');

    await page.keyboard.press('ArrowLeft');
    await expect.poll(heading).toBe('Data');
    await page.keyboard.press('End');
    await expect.poll(currentView).not.toMatch(/Data/);
    await page.keyboard.press('Home');
    await expect.poll(heading).toBe('Data');
    await page.keyboard.press('ArrowRight');
    await expect.poll(heading).toBe('Projection');
  });

  it('hides the Projection’s own controls but keeps its charts and table', async () => {
    await expect.poll(() => page.getByTestId('fan-chart').first().isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(beds2026, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await page.getByLabel('Horizon', { exact: true }).isVisible()).toBe(false);
    expect(await page.getByTestId('assumption-input').first().isVisible()).toBe(false);
  });

  it('shows the chosen lever, and moving it to 80% raises beds needed in every view at once', async () => {
    const levers = page.getByTestId('workshop-levers');
    expect(await levers.isVisible()).toBe(true);
    expect(await levers.textContent()).toContain('No levers chosen yet');

    await page.getByTestId('workshop-levers-menu').click();
    await page.getByTestId('workshop-choose-levers').click();
    const dialog = page.getByRole('dialog', { name: 'Choose levers' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.getByTestId('lever-choice').count()).toBeGreaterThanOrEqual(5);
    await dialog.getByRole('checkbox', { name: /^Target occupancy/ }).check();
    await dialog.getByRole('button', { name: 'Show these levers' }).click();
    await expect.poll(() => dialog.count()).toBe(0);

    const slider = page.getByRole('slider', { name: 'Target occupancy' });
    await expect.poll(() => slider.isVisible()).toBe(true);
    expect(await slider.inputValue()).toBe('85');
    const before = await beds2026();

    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    expect(await slider.inputValue()).toBe('80');
    expect(await page.getByTestId('workshop-lever-value').textContent()).toBe('80%');
    // The arrows moved the slider, not the view.
    expect(await heading()).toBe('Projection');

    await expect.poll(beds2026, { timeout: 10_000 }).toBeGreaterThan(before);
    await expect.poll(() => page.getByTestId('workshop-unsaved').count(), { timeout: 10_000 }).toBe(1);
    const stored = await page.evaluate(() => localStorage.getItem('planner.workshop.levers'));
    expect(JSON.parse(stored ?? '{}')).toEqual({ '(untitled)': ['targetOccupancy'] });

    await page.mouse.move(0, 0);
    await page.locator('#main').focus();
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'workshop.png') });
  });

  it('lets the room move the map year, edit the scenario on screen, pick scenarios to compare and type in any assumption', async () => {
    const back = () => page.locator('#main').focus();
    // Map: the year slider stays, and the arrows move it (not the view).
    await back();
    await page.keyboard.press('PageDown');
    await expect.poll(heading).toBe('Map');
    const year = page.getByTestId('map-year');
    await expect.poll(() => year.isVisible(), { timeout: 15_000 }).toBe(true);
    const yearBefore = await page.getByTestId('map-year-value').textContent();
    await year.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('map-year-value').textContent()).not.toBe(yearBefore);
    expect(await heading()).toBe('Map');

    // Scenarios: choose a scenario and change its levers.
    await back();
    await page.keyboard.press('PageDown');
    await expect.poll(heading).toBe('Scenarios');
    await page.locator('[data-testid="scenario-item"][data-id="joint-block-12"] button').first().click();
    const beds = page.getByTestId('lever-form').first().locator('[data-field="beds"]');
    await expect.poll(() => beds.isVisible(), { timeout: 15_000 }).toBe(true);
    await beds.fill('14');
    expect(await beds.inputValue()).toBe('14');

    // Compare: up to four scenarios can be ticked, and the key figures follow.
    await back();
    await page.keyboard.press('PageDown');
    await expect.poll(heading).toBe('Compare');
    const picker = page.locator('.cmp-picker input[type="checkbox"]');
    await expect.poll(() => picker.first().isVisible(), { timeout: 15_000 }).toBe(true);
    const columns = () => page.getByTestId('compare-table').locator('thead th.cmp-scenario-col').count();
    await expect.poll(columns, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await columns();
    const unticked = page.locator('.cmp-picker input[type="checkbox"]:not(:checked):not(:disabled)').first();
    if ((await unticked.count()) > 0) {
      await unticked.check();
      await expect.poll(columns, { timeout: 20_000 }).toBe(before + 1);
    }

    // Any assumption: one in pounds (the weekly cost of residential care) is typed in from the lever panel.
    await page.getByTestId('workshop-levers-menu').click();
    await page.getByTestId('workshop-choose-levers').click();
    const dialog = page.getByRole('dialog', { name: 'Choose levers' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await dialog.locator('[data-key="residentialCareWeeklyCostEngland"] input').check();
    await dialog.getByRole('button', { name: 'Show these levers' }).click();
    const cost = page.locator(
      '[data-testid="workshop-typed-lever"][data-key="residentialCareWeeklyCostEngland"] input',
    );
    await expect.poll(() => cost.isVisible()).toBe(true);
    expect(await cost.inputValue()).toMatch(/^7708(\.\d+)?$/);
    await cost.fill('8000');
    await page.getByTestId('workshop-levers-menu').click();
    await page.getByTestId('workshop-choose-levers').click();
    await expect
      .poll(() => dialog.locator('[data-key="residentialCareWeeklyCostEngland"]').textContent(), { timeout: 10_000 })
      .toMatch(/now 8,000 £ per week/);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Back to the Projection, where the next test expects to be.
    await back();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect.poll(heading).toBe('Projection');
  });

  it('leaves workshop mode with Escape, restoring the normal screen', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => bar().count()).toBe(0);
    expect(await rootHasClass()).toBe(false);
    expect(await nav().isVisible()).toBe(true);
    expect(await page.getByRole('toolbar', { name: 'File' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Horizon', { exact: true }).isVisible()).toBe(true);
    expect(await page.locator('[data-testid="assumption-input"][data-key="targetOccupancy"]').inputValue()).toBe('80');
    await expect.poll(() => page.evaluate(() => document.fullscreenElement === null)).toBe(true);
    // Arrows no longer move between views.
    await page.locator('#main').focus();
    await page.keyboard.press('PageDown');
    expect(await heading()).toBe('Projection');
  });

  it('remembers the chosen levers, and ends the mode when full screen ends', async () => {
    await page.getByTestId('workshop-toggle').click();
    await expect.poll(() => bar().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('slider', { name: 'Target occupancy' }).inputValue()).toBe('80');
    const fullscreen = await page.evaluate(() => document.fullscreenElement !== null);
    if (fullscreen) {
      await page.evaluate(() => document.exitFullscreen());
    } else {
      await page.getByTestId('workshop-exit').click();
    }
    await expect.poll(() => bar().count()).toBe(0);
    expect(await nav().isVisible()).toBe(true);
  });

  it('breaks no CSP rule and throws no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
