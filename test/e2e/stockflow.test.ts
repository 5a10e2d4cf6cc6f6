import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Stock-flow end-to-end tests skipped: ${skipReason}`);

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'ssda903');
const files = ['2020-header.csv', '2020-episodes.csv', '2021-header.csv', '2021-episodes.csv'];

describe.skipIf(skipReason)(`stock-flow panel end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const goTo = async (label: string) => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: label, exact: true }).count()).toBe(1);
  };
  const row = (month: number) => page.locator(`[data-testid="stockflow-row"][data-month="${month}"]`);
  const cellText = async (month: number, column: string) =>
    (await row(month).locator(`[data-column="${column}"]`).first().textContent()) ?? '';

  useBrowserSession('planner-e2e-stockflow-', { cspViolations, pageErrors }, (opened) => ({ app, page } = opened));

  it('shows a calm note in the Projection view while the plan holds no SSDA903 returns', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await goTo('Projection');
    await expect.poll(() => page.getByTestId('stockflow-empty').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId('stockflow-empty').textContent()).toMatch(/^Import your SSDA903 header and episodes/);
    expect(await page.getByTestId('stockflow-panel').count()).toBe(0);
  });

  it('shows both modes side by side once the returns are imported', async () => {
    await goTo('Import');
    const toggle = page.getByRole('button', { name: 'Import by path…' });
    const field = page.getByRole('textbox', { name: 'Full paths of the files, one per line' });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await field.fill(files.map((f) => path.join(fixtures, f)).join('\n'));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await expect.poll(() => page.getByTestId('import-status').count(), { timeout: 15_000 }).toBe(1);
    const commit = page.getByTestId('import-commit');
    await expect.poll(() => commit.isEnabled(), { timeout: 10_000 }).toBe(true);
    await commit.click();
    await expect.poll(() => page.getByTestId('import-result').count(), { timeout: 20_000 }).toBe(1);

    await goTo('Projection');
    await expect.poll(() => row(12).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('stockflow-panel').count()).toBe(1);
    expect(await page.getByTestId('stockflow-empty').count()).toBe(0);
    expect(await row(6).count()).toBe(1);
    for (const month of [6, 12]) {
      expect(await cellText(month, 'sf-regional-total')).toMatch(/^\d[\d,]*$/);
      expect(await cellText(month, 'corrected-total')).toMatch(/^\d[\d,]* \(\d[\d,]*–\d[\d,]*\)$/);
      expect(await cellText(month, 'difference')).toMatch(/^([+−]\d[\d,]*|0)$/);
    }
    const headers = await page.locator('.sf-table thead').textContent();
    expect(headers).toMatch(/Fostering.*Residential.*Supported.*Other/);
    expect(headers).toContain('Children’s homes');
    expect(await page.getByTestId('stockflow-window').textContent()).toMatch(/Reference window \d{4}-\d{2}-\d{2} to/);

    const chart = page.getByTestId('stockflow-chart');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(/^Children in care: [\d,]+ at the start; after 60 months/);
  });

  it('breaks no CSP rule and throws no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
