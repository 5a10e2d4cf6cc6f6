import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Report end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

const SECTIONS = [
  'summary',
  'projection',
  'map',
  'scenarios',
  'comparison',
  'assumptions',
  'methodology',
  'sources',
  'missing',
];

describe.skipIf(skipReason)(`report end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
    p.on('pageerror', (e) => pageErrors.push(e.message));
  };

  const tmp = useBrowserSession('planner-e2e-report-', { viewport: { width: 1440, height: 1000 } }, (opened) => {
    ({ app, browser, page } = opened);
    watch(page);
  });

  it('shows the report’s sections in the Report view', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Report', exact: true }).click();
    await expect
      .poll(
        () => page.getByTestId('report-section').evaluateAll((els) => els.map((e) => e.getAttribute('data-section'))),
        {
          timeout: 30_000,
        },
      )
      .toEqual(SECTIONS);
    const cover = page.getByTestId('report-cover');
    await expect.poll(() => cover.textContent()).toContain('Greater Manchester');
    await expect.poll(() => cover.textContent()).toContain('Data vintages');
    expect(await page.getByTestId('report-bed-need').textContent()).toMatch(/is projected to need [\d,]+ beds/);
    expect(await page.getByTestId('report-fan-chart').count()).toBe(1);
    expect(await page.getByTestId('report-map').locator('[data-testid="map-area"]').count()).toBe(10);
    expect(await page.getByTestId('report-gap-table').locator('tbody tr').count()).toBe(11);
    expect(await page.getByTestId('report-scenario').count()).toBe(3); // the baseline and the two built-in scenarios
    expect(await page.getByTestId('report-backtest-table').count()).toBe(2);
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('leaves a scenario out when it is unticked', async () => {
    await page.getByRole('checkbox', { name: 'Two consortium homes in Trafford from 2026-27' }).uncheck();
    await expect.poll(() => page.getByTestId('report-scenario').count(), { timeout: 30_000 }).toBe(2);
    await page.getByRole('checkbox', { name: 'Two consortium homes in Trafford from 2026-27' }).check();
    await expect.poll(() => page.getByTestId('report-scenario').count(), { timeout: 30_000 }).toBe(3);
  });

  it('saves the report as a PDF through the in-app path dialog (browser mode)', async () => {
    await page.getByTestId('report-save-pdf').click();
    const field = page.getByTestId('report-pdf-path');
    await expect.poll(() => field.isVisible()).toBe(true);
    const out = path.join(tmp.dir, 'gm-report.pdf');
    await field.fill(out);
    await page.getByTestId('report-pdf-save').click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 120_000 })
      .toMatch(/^Saved .*gm-report\.pdf \(\d+ pages\)\.$/);
    expect(fs.readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('opened with ?print=report, shows the report alone and says when it is ready to print', async () => {
    const print = await browser.newPage({ viewport: { width: 794, height: 1123 }, deviceScaleFactor: 1.5 });
    watch(print);
    await print.goto(`${app.url}&print=report`);
    await print.waitForSelector('body[data-report-ready="true"]', { state: 'attached', timeout: 60_000 });
    expect(await print.evaluate(() => document.body.dataset.reportReady)).toBe('true');
    expect(await print.locator('#root').isVisible()).toBe(false); // no app shell
    const report = print.locator('#report-root');
    expect(await report.getByTestId('report-section').count()).toBe(SECTIONS.length);
    expect(await report.locator('button, input, select, textarea').count()).toBe(0); // no controls
    expect(await report.getByRole('heading', { level: 1 }).textContent()).toBe('Greater Manchester');
    expect(new URL(print.url()).searchParams.has('token')).toBe(false);

    // A picture of the cover and the summary as printed: each laid out at the A4 text width and set on a sheet.
    await print.setViewportSize({ width: 680, height: 1000 });
    await print.emulateMedia({ media: 'print' });
    const pages = [
      await report.getByTestId('report-cover').screenshot(),
      await report.locator('[data-section="summary"]').screenshot(),
    ];
    const sheet = await browser.newPage({ viewport: { width: 1708, height: 1203 }, deviceScaleFactor: 1 });
    await sheet.setContent(
      `<body style="margin:0;padding:40px;display:flex;gap:40px;background:#d5dbe2">${pages
        .map(
          (png) =>
            `<div style="box-sizing:border-box;width:794px;height:1123px;padding:60px 57px;background:#fff;overflow:hidden;box-shadow:0 2px 10px rgb(0 0 0 / 25%)"><img style="width:680px" src="data:image/png;base64,${png.toString('base64')}"></div>`,
        )
        .join('')}</body>`,
    );
    fs.mkdirSync(screenshotDir, { recursive: true });
    await sheet.screenshot({ path: path.join(screenshotDir, 'report.png') });
    await sheet.close();
    await print.close();
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
