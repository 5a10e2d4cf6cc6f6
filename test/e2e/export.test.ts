/**
 * Exporting from the UI in browser mode, as a user does: the toolbar's Export menu and the Report
 * view's buttons, the in-app path dialog, the message saying what was saved — then the workbook and
 * the CSV files read back from disk, with their figures as numbers and years as numbers. And every
 * view, once its figures have loaded, read as a user reads it: no developer wording.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '#shared/import/csv.js';
import { hits, withoutAddresses } from '../helpers/plainWords.js';
import type { RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Export end-to-end tests skipped: ${skipReason}`);

describe.skipIf(skipReason)(`export end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const pageErrors: string[] = [];

  const tmp = useBrowserSession('planner-e2e-export-', { viewport: { width: 1440, height: 1000 } }, (opened) => {
    ({ app, page } = opened);
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  it('saves the tables as an Excel workbook from the Export menu, and the workbook reads back', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await page.getByTestId('export-menu').click();
    await page.getByTestId('export-xlsx').click();
    const field = page.getByTestId('export-xlsx-path');
    await expect.poll(() => field.isVisible()).toBe(true);
    const out = path.join(tmp.dir, 'gm-tables.xlsx');
    await field.fill(out);
    await page.getByTestId('export-xlsx-save').click();
    await expect
      .poll(() => page.getByTestId('app-notice').locator('.alert-message').textContent(), { timeout: 60_000 })
      .toBe(`Saved ${out}.`);

    const sheets = await readExcelFile(fs.readFileSync(out));
    expect(sheets.map((s) => s.sheet)).toEqual(
      expect.arrayContaining(['About', 'Data by LA', 'Projection', 'Sources']),
    );
    const projection = sheets.find((s) => s.sheet === 'Projection')?.data ?? [];
    const header = projection[0] as string[];
    const gm = projection.find((r) => r[0] === 'Greater Manchester');
    expect(gm?.[header.indexOf('Year ending 31 March')]).toBe(2026);
    expect(typeof gm?.[header.indexOf('Beds needed P50')]).toBe('number');
    const data = sheets.find((s) => s.sheet === 'Data by LA')?.data ?? [];
    expect(data.filter((r) => r[3] === 'Member')).toHaveLength(10);
    expect(pageErrors).toEqual([]);
  });

  it('saves the same tables as CSV files from the Report view, with the scenarios ticked there', async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Report', exact: true }).click();
    await expect.poll(() => page.getByTestId('report-scenario').count(), { timeout: 60_000 }).toBe(3);
    await page.getByRole('checkbox', { name: 'Two consortium homes in Trafford from 2026-27' }).uncheck();
    await expect.poll(() => page.getByTestId('report-scenario').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('report-save-csv').click();
    const field = page.getByTestId('export-csv-path');
    await expect.poll(() => field.isVisible()).toBe(true);
    const folder = path.join(tmp.dir, 'gm-tables-csv');
    await field.fill(folder);
    await page.getByTestId('export-csv-save').click();
    await expect
      .poll(() => page.getByTestId('report-status').textContent(), { timeout: 60_000 })
      .toMatch(
        new RegExp(`^Saved \\d+ CSV files \\(one per table\\) in ${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.$`),
      );
    const scenarios = parseCsv(fs.readFileSync(path.join(folder, 'scenarios.csv'), 'utf8'));
    expect(new Set(scenarios.slice(1).map((r) => r[0]))).toEqual(
      new Set(['Baseline', 'Joint block contract, 12 beds']),
    );
    // the CSV gives the workbook's figures, to the places the workbook shows
    const projection = parseCsv(fs.readFileSync(path.join(folder, 'projection.csv'), 'utf8'));
    const p50 = (projection[0] ?? []).indexOf('Beds needed P50');
    expect(projection.find((r) => r[0] === 'Greater Manchester')?.[p50]).toMatch(/^\d+$/);
    expect(pageErrors).toEqual([]);
  });

  it('shows no developer wording in any view once its figures have loaded', async () => {
    const nav = page.getByRole('navigation', { name: 'Views' });
    const found: string[] = [];
    // each view with words it shows once its figures are in
    const views: [string, RegExp][] = [
      ['Data', /Manchester/],
      ['Projection', /2030/],
      ['Map', /Manchester/],
      ['Scenarios', /Baseline/],
      ['Compare', /Baseline/],
      ['Import', /Import/],
      ['Report', /Data vintages/],
    ];
    for (const [view, loaded] of views) {
      await nav.getByRole('button', { name: view, exact: true }).click();
      // settled: nothing says it is loading or working for a moment
      await expect
        .poll(
          async () => {
            const text = await page.locator('#main').innerText();
            return loaded.test(text) && !/Loading|Preparing|Running|Calculating|Working/.test(text);
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      const text = await page.locator('#main').innerText();
      const labels = await page
        .locator('#main [title], #main [aria-label]')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('title') ?? ''} ${e.getAttribute('aria-label') ?? ''}`));
      found.push(...hits(`${view} view`, withoutAddresses(`${text}\n${labels.join('\n')}`)));
    }
    expect(found).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
