import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Import end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');
const fixtures = path.join(repoRoot, 'test', 'fixtures', 'import');

describe.skipIf(skipReason)(`import end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const manchesterCla2025 = () =>
    page
      .locator('tr[data-code="E08000003"] [data-column="childrenLookedAfter@2025"] .figure-value')
      .first()
      .textContent();

  const goTo = async (label: string) => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: label, exact: true }).count()).toBe(1);
  };

  const submitPath = async (file: string) => {
    const toggle = page.getByRole('button', { name: 'Import by path…' });
    const field = page.getByRole('textbox', { name: 'Full paths of the files, one per line' });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
      await toggle.click();
      // Opening the form moves focus into its field.
      await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    }
    await field.fill(path.join(fixtures, file));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
  };

  const previewByPath = async (file: string) => {
    await submitPath(file);
    await expect.poll(() => page.getByTestId('import-status').count(), { timeout: 15_000 }).toBe(1);
  };

  const tmp = useBrowserSession(
    'planner-e2e-import-',
    { cspViolations, pageErrors },
    (opened) => ({ app, page } = opened),
  );

  it('lists Import among the views and starts with an empty history', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    expect(await manchesterCla2025()).toBe('1,280');
    const labels = await page.getByRole('navigation', { name: 'Views' }).getByRole('button').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['Data', 'Import']));
    await goTo('Import');
    await expect.poll(() => page.getByText('Drop DfE, Ofsted, ONS or SSDA903 files here').isVisible()).toBe(true);
    await expect
      .poll(() => page.getByTestId('import-history').textContent())
      .toContain('No files have been imported into this plan yet');
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0);
  });

  it('previews a DfE file by path, imports it, and the Data view shows the new figure', async () => {
    await previewByPath('dfe-cla-number-rate-2025.csv');
    const file = page.getByTestId('import-file');
    expect(await file.count()).toBe(1);
    expect(await file.getByTestId('import-kind').textContent()).toBe(
      'DfE: children looked after, number and rate per 10,000',
    );
    expect(Number(await file.getByTestId('import-added').textContent())).toBeGreaterThan(0);
    expect(Number(await file.getByTestId('import-replaced').textContent())).toBeGreaterThan(0);
    expect(await page.getByTestId('import-status').textContent()).toMatch(
      /^Ready to import: 1 file, \d+ figures? added, \d+ replaced\./,
    );
    // Focus moves to the preview's heading, which the status sentence describes.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0); // a preview changes nothing
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'import-preview.png'), fullPage: false });

    const importButton = page.getByTestId('import-commit');
    expect(await importButton.isEnabled()).toBe(true);
    await importButton.click();
    await expect.poll(() => page.getByTestId('import-result').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('import-result').textContent()).toMatch(
      /Imported 1 file: \d+ figures? added, \d+ replaced\..*dfe-cla-number-rate-2025\.csv/,
    );
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="import-result"]') !== null)).toBe(
      true,
    );
    await expect.poll(() => page.getByTestId('unsaved-marker').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('import-preview').count()).toBe(0);

    const history = page.getByTestId('import-history-row');
    await expect.poll(() => history.count()).toBe(1);
    const row = await history.first().textContent();
    expect(row).toContain('dfe-cla-number-rate-2025.csv');
    expect(row).toContain('DfE: children looked after');
    const hash = await history.first().locator('.import-hash').getAttribute('title');
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    await goTo('Data');
    await expect.poll(manchesterCla2025, { timeout: 10_000 }).toBe('1,310');
  });

  it('shows every problem in an invalid file and will not import it', async () => {
    await goTo('Import');
    await previewByPath('dfe-cla-number-rate-invalid.csv');
    expect(await page.getByTestId('import-status').textContent()).toMatch(
      /^Cannot import: fix the \d+ errors in dfe-cla-number-rate-invalid\.csv and preview again\. Nothing has been changed\.$/,
    );
    expect(await page.getByTestId('import-commit').isDisabled()).toBe(true);
    const table = page.getByTestId('import-issues');
    expect(await table.count()).toBe(1);
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(['Severity', 'Row', 'Column', 'Problem']);
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.first().getAttribute('data-severity')).toBe('error');
    const rowNumbers = await table.getByTestId('issue-row').allTextContents();
    const columns = await table.getByTestId('issue-column').allTextContents();
    const named = rowNumbers.map((r, i) => ({ row: r, column: columns[i] ?? '' }));
    expect(named.some((n) => /^\d+$/.test(n.row) && /^[a-z_0-9]+$/i.test(n.column))).toBe(true);
    expect(await page.getByTestId('import-file').locator('.import-issue-counts').textContent()).toMatch(
      /^\d+ errors, 0 warnings$/,
    );

    await page.screenshot({ path: path.join(screenshotDir, 'import-errors.png') });

    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-preview').count()).toBe(0);
    await expect.poll(() => page.getByTestId('import-progress').textContent()).toContain('Nothing has been changed');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Choose files…');
    await expect.poll(() => page.getByTestId('import-history-row').count()).toBe(1);
  });

  it('sends a chosen file’s contents in browser mode and recognises it', async () => {
    await page.getByTestId('import-file-input').setInputFiles(path.join(fixtures, 'ofsted-providers-2023.csv'));
    await expect.poll(() => page.getByTestId('import-status').count(), { timeout: 15_000 }).toBe(1);
    const file = page.getByTestId('import-file');
    expect(await file.locator('.import-file-name').textContent()).toBe('ofsted-providers-2023.csv');
    expect(await file.getByTestId('import-kind').textContent()).toBe(
      'Ofsted: children’s social care providers and places',
    );
    expect(await page.getByTestId('import-commit').isEnabled()).toBe(true);
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-preview').count()).toBe(0);
  });

  it('previews files dropped on the drop zone', async () => {
    const name = 'ofsted-providers-2023-windows-1252.csv';
    const bytes = Array.from(fs.readFileSync(path.join(fixtures, name)));
    const dataTransfer = await page.evaluateHandle(
      ({ name, bytes }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name, { type: 'text/csv' }));
        return transfer;
      },
      { name, bytes },
    );
    const zone = page.getByTestId('import-drop-zone');
    await zone.dispatchEvent('dragenter', { dataTransfer });
    await zone.dispatchEvent('dragover', { dataTransfer });
    expect(await zone.getAttribute('class')).toContain('is-dragging');
    await zone.dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => page.getByTestId('import-status').count(), { timeout: 15_000 }).toBe(1);
    expect(await zone.getAttribute('class')).not.toContain('is-dragging');
    const file = page.getByTestId('import-file');
    expect(await file.locator('.import-file-name').textContent()).toBe(name);
    expect(await file.getByTestId('import-kind').textContent()).toMatch(/^Ofsted: /);
    expect(await file.textContent()).toMatch(/windows-1252/i);
    await page.getByTestId('import-cancel').click();
    await expect.poll(() => page.getByTestId('import-preview').count()).toBe(0);
  });

  it('reports a missing file in the app’s alert region', async () => {
    await submitPath('no-such-file.csv');
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('no-such-file.csv');
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    await page.getByRole('button', { name: /Dismiss/ }).click();
  });

  it('breaks no CSP rule and throws no error in the page', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('shows how far a large file has been read and cancels it, changing nothing', async () => {
    const big = path.join(tmp.dir, '2021-episodes.csv');
    const header = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n';
    const rows: string[] = [];
    // Large enough that reading it takes seconds even with the fast SSDA903 path.
    for (let i = 0; i < 1_500_000; i++) {
      rows.push(`C${i},01/04/2019,S,C2,N1,U1,PR1,31/03/2020,E8,,M1 1AA,M2 2BB,SC123456`);
    }
    fs.writeFileSync(big, header + rows.join('\n') + '\n');
    const historyBefore = await page.getByTestId('import-history-row').count();

    await goTo('Import');
    const toggle = page.getByRole('button', { name: 'Import by path…' });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await page.getByRole('textbox', { name: 'Full paths of the files, one per line' }).fill(big);
    await page.getByRole('button', { name: 'Preview', exact: true }).click();

    const cancelButton = page.getByTestId('import-cancel-reading');
    await expect.poll(() => cancelButton.count(), { timeout: 10_000 }).toBe(1);
    // The host reports which file it is reading, with a bar for how far it has got.
    await expect
      .poll(() => page.getByTestId('import-progress').textContent(), { timeout: 10_000 })
      .toBe('Reading file: 2021-episodes.csv…');
    expect(await page.getByRole('progressbar', { name: 'Files read so far' }).count()).toBe(1);
    await cancelButton.click();

    const progress = page.getByTestId('import-progress');
    await expect.poll(() => progress.textContent(), { timeout: 15_000 }).toBe('Import cancelled. Nothing was changed.');
    expect(await cancelButton.count()).toBe(0);
    expect(await page.getByTestId('import-preview').count()).toBe(0);
    expect(await page.getByTestId('import-progress-bar').count()).toBe(0);
    // Calmly, in the status line: nothing in the alert region.
    expect(await page.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Choose files…');
    expect(await page.getByTestId('import-history-row').count()).toBe(historyBefore);
    expect(await page.getByTestId('import-history').textContent()).not.toContain('2021-episodes.csv');
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
