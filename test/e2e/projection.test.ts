import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Projection end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

describe.skipIf(skipReason)(`projection end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  const failedCalls: string[] = [];

  const row = (year: string) => page.locator(`[data-testid="projection-row"][data-year="${year}"]`);
  const cell = async (year: string, column: string) =>
    Number(((await row(year).locator(`[data-column="${column}"]`).first().textContent()) ?? '').replace(/[^\d.]/g, ''));
  const rowYears = () =>
    page.getByTestId('projection-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-year')));
  const status = () => page.getByTestId('projection-status').textContent();

  useBrowserSession(
    'planner-e2e-projection-',
    { cspViolations, pageErrors, failedCalls },
    (opened) => ({ app, page } = opened),
  );

  it('opens the Projection view on the consortium’s fan chart and its table by year', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await page
      .getByRole('navigation', { name: 'Views' })
      .getByRole('button', { name: 'Projection', exact: true })
      .click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Projection', exact: true }).count()).toBe(1);

    const chart = page.getByTestId('fan-chart').first();
    await expect.poll(() => chart.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(
      /^Greater Manchester: 727 children in 2025; projected [\d,]+ \(80% range [\d,]+–[\d,]+\) in 2026, .* in 2030\./,
    );
    await expect.poll(() => row('2030').count()).toBe(1);
    expect(await rowYears()).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(await row('2026').locator('[data-column="gap-p50"]').textContent()).toMatch(/^(short by|surplus of) \d/);
    await expect.poll(status).not.toBe('Updating…');
    expect(await page.getByTestId('la-fan-chart').count()).toBe(10);
    expect(await page.getByTestId('backtest-table').count()).toBe(2);
    // How good is this forecast: the method used and why, the national table (chosen and last value
    // always there) beside the consortium's own pairs, which say plainly when they are too few.
    const evidence = page.getByTestId('evidence-panel');
    expect(await evidence.getByTestId('evidence-method').textContent()).toMatch(/^Method used: .+\./);
    expect(await evidence.getByTestId('evidence-reason').textContent()).toMatch(/^Why: .+authorities/);
    const national = evidence.getByTestId('national-backtest-table');
    expect(await national.locator('tbody[data-chosen="true"]').count()).toBe(1);
    expect(await national.locator('tbody[data-method="lastValue"] tr').count()).toBe(3);
    expect(await evidence.getByTestId('own-backtest-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await evidence.getByTestId('own-verdict').textContent()).toMatch(
      /too thin to judge.*rely on the national evidence|rests on \d+ pairs/,
    );
    // The chance of being short: a figure only where informative, else in words, with its assumptions.
    const chances = await page
      .locator('[data-testid="projection-row"] [data-column="probability"]')
      .evaluateAll((cells) => cells.map((c) => c.textContent ?? ''));
    for (const c of chances) expect(c).toMatch(/^(\d+%|near certain \(>99%\)\*?|very unlikely \(<1%\)\*?)$/);
    expect(await page.getByTestId('probability-footnote').first().textContent()).toMatch(/target occupancy \d+%/);
    expect(await page.locator('.proj-notes li').first().textContent()).toMatch(/origins/);
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0);

    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'projection.png') });
  });

  it('raises beds needed, not demand, when target occupancy falls from 85% to 80%, and marks the plan unsaved', async () => {
    const bedsBefore = await cell('2026', 'beds-p50');
    const demandBefore = await cell('2026', 'demand-p50');
    expect(bedsBefore).toBeGreaterThan(demandBefore);

    const occupancy = page.getByRole('textbox', { name: 'Target occupancy', exact: true });
    expect(await occupancy.inputValue()).toBe('85');
    await occupancy.fill('80');

    await expect.poll(() => page.getByTestId('unsaved-marker').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect.poll(() => cell('2026', 'beds-p50'), { timeout: 10_000 }).toBeGreaterThan(bedsBefore);
    expect(await cell('2026', 'demand-p50')).toBe(demandBefore);
    // Beds needed = children ÷ occupancy, within rounding.
    expect(Math.abs((await cell('2026', 'beds-p50')) - demandBefore / 0.8)).toBeLessThanOrEqual(1);
    expect(await occupancy.inputValue()).toBe('80');
  });

  it('shows only the years of a shorter horizon', async () => {
    await page.getByLabel('Horizon', { exact: true }).selectOption('3');
    await expect.poll(rowYears, { timeout: 10_000 }).toEqual(['2026', '2027', '2028']);
    expect(await page.getByTestId('fan-chart').first().getAttribute('aria-label')).toMatch(/in 2028\.( |$)/);
    // The horizon belongs to the plan: choosing it changes the plan (unsaved until saved).
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(/•/);
    expect(await page.getByLabel('Horizon', { exact: true }).inputValue()).toBe('3');
  });

  it('shows a small multiple for each of the 10 authorities, each opening its own table', async () => {
    const cards = page.getByTestId('la-fan-chart');
    expect(await cards.count()).toBe(10);
    await page.locator('.proj-la-card[data-code="E08000003"]').click();
    await expect.poll(() => page.getByTestId('la-projection-row').count()).toBe(3);
    expect(await page.locator('.proj-la-detail h3').textContent()).toBe('Manchester');
    expect(await page.locator('.proj-la-detail').textContent()).toMatch(/pooled|weight on the consortium/);
  });

  it('breaks no CSP rule and throws no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('downloads the consortium fan chart as a standalone SVG with its title and source line', async () => {
    const button = page.getByRole('button', {
      name: 'Download Greater Manchester: children needing a place as SVG',
      exact: true,
    });
    expect(await button.count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Download .* as PNG$/ }).count()).toBeGreaterThan(0);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), button.click()]);
    expect(download.suggestedFilename()).toBe('projection-greater-manchester.svg');
    const file = await download.path();
    const svg = fs.readFileSync(file, 'utf8');
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('Greater Manchester: children needing a place');
    expect(svg).toContain('Source:');
    expect(svg).toContain('Year ending 31 March');
    expect(svg).not.toContain('class=');
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('makes no failing call: a plan without SSDA903 returns is not asked for a stock-flow model', () => {
    expect(failedCalls).toEqual([]);
  });
});
