import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Map end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');
const GM = Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`);

describe.skipIf(skipReason)(`map end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const areas = () => page.getByTestId('map-area');
  const labels = () => areas().evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));

  useBrowserSession(
    'planner-e2e-map-',
    { viewport: { width: 1600, height: 1100 }, acceptDownloads: true, cspViolations, pageErrors },
    (opened) => ({ app, page } = opened),
  );

  it('shows the ten Greater Manchester authorities on a hex map of a fresh plan', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Map', exact: true }).click();
    await expect.poll(() => areas().count(), { timeout: 30_000 }).toBe(10);
    const codes = await areas().evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(codes.sort()).toEqual(GM);
    // Every authority is a focusable control named with its value.
    for (const label of await labels()) expect(label).toMatch(/^[A-Z][a-z]+: .*\d/);
    expect(await areas().evaluateAll((els) => els.every((e) => e.getAttribute('tabindex') === '0'))).toBe(true);
    expect(await page.getByTestId('map-svg').textContent()).toMatch(/Sources: /);
    expect(await page.getByTestId('map-table').locator('tbody tr').count()).toBe(10);
  });

  it('moving the year slider changes the values shown', async () => {
    const slider = page.getByRole('slider', { name: 'Year' });
    const before = await labels();
    const yearBefore = await page.getByTestId('map-year-value').textContent();
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('map-year-value').textContent()).not.toBe(yearBefore);
    await expect.poll(labels).not.toEqual(before);
    // A year of published figures cannot show a projected gap, and says so.
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByText(/The bed gap is projected, so there is none for/).count()).toBe(1);
    await page.keyboard.press('End');
    await expect.poll(() => page.getByText(/The bed gap is projected, so there is none for/).count()).toBe(0);
  });

  it('shows the base year as observed year 0, with its gap per member and what it is drawn from', async () => {
    const slider = page.getByRole('slider', { name: 'Year' });
    await slider.focus();
    await page.keyboard.press('End');
    // From the horizon back to the first projected year, then one more: the base year.
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.getByTestId('map-year-value').textContent()).toBe('2025 observed (year 0)');
    expect(await slider.getAttribute('aria-valuetext')).toBe('2025, observed (year 0)');
    expect(await page.getByTestId('map-year-source').textContent()).toMatch(
      /^Observed, year 0 \(the projection’s base year\): children in secure and children’s homes on 31 March 2025 as published/,
    );
    for (const label of await labels()) expect(label).toMatch(/on 31 March 2025, observed \(year 0\)/);
    expect(await page.getByTestId('map-svg').textContent()).toMatch(/are short: 31 March 2025 \(observed, year 0\)/);
    const rows = page.getByTestId('map-table').locator('tbody tr');
    expect(await rows.count()).toBe(10);
    expect(await rows.first().textContent()).toMatch(/\(observed\).*observed: no range/);
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('map-year-value').textContent()).toBe('2026 projected');
    expect(await page.getByTestId('map-year-source').count()).toBe(0);
    // Back to the horizon, where the following steps (and the README screenshot) expect it.
    await page.keyboard.press('End');
    await expect.poll(() => page.getByTestId('map-year-value').textContent()).toBe('2030 projected');
  });

  it('shows a tooltip with the median and 80% range, and opens an authority’s panel on click', async () => {
    const manchester = page.locator('[data-testid="map-area"][data-code="E08000003"]');
    await manchester.hover();
    await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toMatch(/Manchester.*80% range/);
    await manchester.click();
    const panel = page.getByTestId('map-panel');
    await expect.poll(() => panel.isVisible()).toBe(true);
    expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('Manchester');
    expect(await panel.textContent()).toMatch(/Bed gap/);
    expect(await panel.textContent()).toMatch(/Where these figures come from/);
  });

  it('is keyboard navigable: Enter opens the focused authority, Escape closes it', async () => {
    await page.getByRole('button', { name: 'Close Manchester' }).click();
    await expect.poll(() => page.getByTestId('map-panel').count()).toBe(0);
    const bolton = page.locator('[data-testid="map-area"][data-code="E08000001"]');
    await bolton.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByTestId('map-panel').getByRole('heading', { level: 2 }).textContent())
      .toBe('Bolton');
    await bolton.focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('map-panel').count()).toBe(0);
  });

  it('draws placement flows with an outside-the-consortium node', async () => {
    await page.getByRole('checkbox', { name: 'Placement flows' }).check();
    await expect.poll(() => page.getByTestId('map-svg').textContent()).toMatch(/Outside the\s*consortium/);
    await expect.poll(() => page.getByTestId('map-svg').textContent()).toMatch(/Placements, 31\s*March\s*2025/);
  });

  it('takes the screenshot for the README', async () => {
    await page.locator('[data-testid="map-area"][data-code="E08000005"]').click();
    await expect.poll(() => page.getByTestId('map-panel').isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    await page.setViewportSize({ width: 1600, height: 1280 });
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.locator('main').screenshot({ path: path.join(screenshotDir, 'map.png') });
  });

  it('exports the map as SVG and PNG with its title, legend and source line', async () => {
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('map-export-svg').click(),
    ]);
    expect(svgDownload.suggestedFilename()).toMatch(/^gap-map-.*\.svg$/);
    const svgText = fs.readFileSync(await svgDownload.path(), 'utf8');
    expect(svgText).toContain('<svg');
    expect(svgText).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svgText).toMatch(/Where children’s home places will be short: 31 March \d{4}/);
    expect(svgText).toContain('Bed gap, 31 March');
    expect(svgText).toContain('Sources: ');
    expect(svgText).not.toContain('tabindex');
    expect(svgText).not.toContain('data-testid');

    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('map-export-png').click(),
    ]);
    expect(pngDownload.suggestedFilename()).toMatch(/\.png$/);
    const png = fs.readFileSync(await pngDownload.path());
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // Print resolution: three pixels per unit of the picture's viewBox (1000 wide).
    const [, , boxWidth, boxHeight] = (/viewBox="([^"]+)"/.exec(svgText)?.[1] ?? '').split(' ').map(Number);
    expect(png.readUInt32BE(16)).toBe(3 * boxWidth!);
    expect(png.readUInt32BE(20)).toBe(Math.round(3 * boxHeight!));
  });

  it('breaks no CSP rule and throws no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
