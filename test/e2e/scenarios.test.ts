import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Scenarios end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

/** Writes measured UI timings to test-results/ for the record, and prints them with their median. */
function recordTimings(measure: string, durations: number[]): void {
  const median = [...durations].sort((a, b) => a - b)[Math.floor(durations.length / 2)]!;
  const dir = path.join(repoRoot, 'test-results');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${measure}.json`),
    JSON.stringify({ measure, durationsMs: durations, medianMs: median }, null, 2),
  );
  console.info(`${measure}: ${durations.map((d) => d.toFixed(0)).join(', ')} ms (median ${median.toFixed(0)} ms)`);
}

describe.skipIf(skipReason)(`scenarios and compare end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];

  const nav = (name: string) =>
    page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
  const items = () => page.getByTestId('scenario-list').getByTestId('scenario-item');
  const item = (id: string) => page.locator(`[data-testid="scenario-item"][data-id="${id}"]`);
  const itemNames = () => page.locator('[data-testid="scenario-item"] .scn-item-name').allTextContents();
  const status = () => page.getByTestId('scenario-status').textContent();
  const title = () => page.getByTestId('scenario-title').textContent();
  const beds = () => page.getByTestId('lever-form').first().locator('[data-field="beds"]');

  useBrowserSession('planner-e2e-scenarios-', { cspViolations, pageErrors }, (opened) => ({ app, page } = opened));

  it('lists the baseline and the two illustrative scenarios, with the baseline’s outcomes by year', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await nav('Scenarios');
    await expect.poll(() => items().count(), { timeout: 15_000 }).toBe(3);
    expect(await itemNames()).toEqual([
      'Baseline',
      'Joint block contract, 12 beds',
      'Two consortium homes in Trafford from 2026-27',
    ]);
    expect(await item('baseline').getByTestId('illustrative-tag').count()).toBe(0);
    expect(await item('joint-block-12').getByTestId('illustrative-tag').textContent()).toBe('Illustrative');
    expect(await item('trafford-homes-2027').getByTestId('illustrative-tag').count()).toBe(1);

    // The baseline is selected, read-only, with its outcomes.
    expect(await title()).toBe('Baseline');
    expect(await page.getByTestId('lever-form').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Rename…' }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('outcome-row').count(), { timeout: 20_000 }).toBe(5);
    expect(
      await page.getByTestId('outcome-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-year'))),
    ).toEqual(['2026', '2027', '2028', '2029', '2030']);
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Up to date: 1,000 simulations, 2025-26 to 2029-30$/);
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0);
  });

  it('duplicates the block contract, renames it and raises it to 20 beds, marking the plan unsaved', async () => {
    await item('joint-block-12').getByRole('button').click();
    await expect.poll(title).toBe('Joint block contract, 12 beds');
    expect(await page.getByTestId('lever-form').count()).toBe(1);
    expect(await beds().inputValue()).toBe('12');

    await page.getByRole('button', { name: 'Duplicate…' }).click();
    const duplicate = page.getByRole('dialog', { name: 'Duplicate scenario' });
    expect(await duplicate.getByLabel('Name of the copy').inputValue()).toBe('Joint block contract, 12 beds (copy)');
    await duplicate.getByRole('button', { name: 'Duplicate', exact: true }).click();
    await expect.poll(() => items().count(), { timeout: 10_000 }).toBe(4);
    await expect.poll(title).toBe('Joint block contract, 12 beds (copy)');
    await expect.poll(() => page.getByTestId('unsaved-marker').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Rename…' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename scenario' });
    // A name already in use is refused before it is sent.
    await rename.getByLabel('Name').fill('Baseline');
    await rename.getByRole('button', { name: 'Rename', exact: true }).click();
    expect(await rename.locator('.field-error').textContent()).toMatch(/already a scenario called “Baseline”/);
    await rename.getByLabel('Name').fill('Block contract, 20 beds');
    await rename.getByRole('button', { name: 'Rename', exact: true }).click();
    await expect.poll(title, { timeout: 10_000 }).toBe('Block contract, 20 beds');
    expect(await itemNames()).toContain('Block contract, 20 beds');
    // The copy keeps the illustrative tag of the scenario it was made from.
    const copyId = await page.locator('.scn-main').getAttribute('data-scenario');
    expect(copyId).toMatch(/^scenario-[0-9a-f]{10}$/);
    expect(await item(copyId!).getByTestId('illustrative-tag').count()).toBe(1);

    const save = page.getByTestId('save-scenario');
    expect(await save.isDisabled()).toBe(true);
    await beds().fill('20');
    expect(await save.isEnabled()).toBe(true);
    await save.click();
    await expect.poll(() => save.isDisabled(), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.locator('.scn-save-status').textContent(), { timeout: 10_000 }).toBe('No changes.');
    expect(await page.getByTestId('unsaved-marker').count()).toBeGreaterThan(0);

    // The outcomes are worked out again for 20 beds: five years, differences from the baseline.
    await expect
      .poll(() => page.locator('.scn-assumptions-table tr[data-key="lever.bury-block"] td').first().textContent(), {
        timeout: 20_000,
      })
      .toBe('20');
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Up to date/);
    expect(await page.getByTestId('outcome-row').count()).toBe(5);
    const ownLaDiff = await page
      .locator('[data-testid="outcome-total"] [data-column="placedOwnLa-diff"]')
      .textContent();
    expect(ownLaDiff).toMatch(/^\+\d+/);
    expect(await page.locator('[data-testid="scenario-outcomes"]').textContent()).toMatch(
      /Against the baseline: gap −\d+ beds in 2029-30/,
    );
    // Beside the headline: the scenario's tornadoes of cost and gap, with what drives each.
    expect(await page.getByTestId('scenario-sensitivity-drivers').textContent()).toContain('moves most with');
    expect(await page.getByTestId('scenario-chart-tornado-cost').isVisible()).toBe(true);
    expect(await page.getByTestId('scenario-chart-tornado-gap').isVisible()).toBe(true);
  });

  it('refuses −3 beds with the schema’s message next to the field, and Save stays disabled', async () => {
    await beds().fill('-3');
    const error = page.getByTestId('lever-form').first().locator('.field-error');
    await expect.poll(() => error.textContent()).toBe('Beds must be at least 1.');
    expect(await beds().getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('save-scenario').isDisabled()).toBe(true);
    expect(await page.locator('.scn-save-status').textContent()).toBe('1 problem to fix before saving.');
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await beds().inputValue()).toBe('20');
    expect(await error.count()).toBe(0);
  });

  it('adds a lever from the menu with a form of its own', async () => {
    await page.getByRole('button', { name: /Add lever/ }).click();
    await page.getByRole('list', { name: 'Lever types' }).locator('[data-type="newHome"]').click();
    expect(await page.getByTestId('lever-form').count()).toBe(2);
    const home = page.getByTestId('lever-form').nth(1);
    expect(await home.getAttribute('data-type')).toBe('newHome');
    // Years are offered from the projection only.
    expect(
      await home.locator('[data-field="openingYear"] option').evaluateAll((o) => o.map((x) => x.textContent)),
    ).toEqual(['2025-26', '2026-27', '2027-28', '2028-29', '2029-30']);
    expect(await page.getByTestId('save-scenario').isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    expect(await page.getByTestId('lever-form').count()).toBe(1);
  });

  it('compares two scenarios with the baseline: key figures, charts over time and a sensitivity', async () => {
    await nav('Compare');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Compare', exact: true }).count()).toBe(1);
    const box = (id: string) => page.locator(`.cmp-picker input[type="checkbox"][data-id="${id}"]`);
    await expect.poll(() => page.locator('.cmp-picker input[type="checkbox"]').count(), { timeout: 10_000 }).toBe(3);
    for (const input of await page.locator('.cmp-picker input[type="checkbox"]').all()) await input.uncheck();
    await box('joint-block-12').check();
    await box('trafford-homes-2027').check();

    const table = page.getByTestId('compare-table');
    await expect
      .poll(() => table.locator('thead th.cmp-scenario-col .cmp-col-name').allTextContents(), { timeout: 20_000 })
      .toEqual(['Baseline', 'Joint block contract, 12 beds', 'Two consortium homes in Trafford from 2026-27']);
    await expect
      .poll(() => page.getByTestId('compare-status').textContent(), { timeout: 20_000 })
      .toMatch(/^Up to date/);
    const costRow = table.locator('tbody tr', { hasText: 'Total cost' });
    expect(await costRow.count()).toBe(1);
    const costCells = await costRow.locator('td .scn-value').allTextContents();
    expect(costCells).toHaveLength(3);
    for (const c of costCells) expect(c).toMatch(/^£[\d,]+\.\dm$/);
    expect(await costRow.locator('td .scn-diff').first().textContent()).toMatch(
      /^[+−]£[\d,.]+[mk] against the baseline/,
    );
    expect(await table.locator('tbody tr', { hasText: 'Net present value' }).count()).toBe(1);
    // The block contract's break-even price beside the net cost; what each lever did, with the homes' residual value.
    const breakEven = await table.locator('tbody tr[data-figure="blockBreakEven"] td .scn-value').allTextContents();
    expect(breakEven[0]).toBe('—');
    expect(breakEven[1]).toMatch(/^£[\d,]+ a bed a week \(price £5,943\)$|^none: /);
    expect(breakEven[2]).toBe('—');
    const leverNotes = page.getByTestId('compare-lever-notes');
    expect(await leverNotes.getByTestId('compare-break-even').count()).toBe(1);
    expect(await leverNotes.textContent()).toMatch(/Beds in use: .* in 2025-26/);
    expect(await leverNotes.textContent()).toMatch(/is left, credited in 2029-30 \(£[\d,]+ in present value\)/);
    expect(await table.locator('tbody tr[data-figure="npvResidualValue"] td .scn-value').allTextContents()).toEqual([
      '£0',
      '£0',
      expect.stringMatching(/^−£[\d,.]+[mk]$/),
    ]);
    expect(await table.locator('tbody tr', { hasText: 'Chance the gap is closed in 2029-30' }).count()).toBe(1);

    for (const id of ['compare-chart-gap', 'compare-chart-locality', 'compare-chart-cost']) {
      const chart = page.getByTestId(id);
      expect(await chart.isVisible(), id).toBe(true);
      expect(await chart.getAttribute('role')).toBe('img');
      expect((await chart.getAttribute('aria-label'))?.length ?? 0).toBeGreaterThan(40);
    }
    // Differences from the baseline first (a few beds against a gap of hundreds), amounts a click away.
    const gapLabel = () => page.getByTestId('compare-chart-gap').getAttribute('aria-label');
    expect(await gapLabel()).toMatch(
      /^Bed gap by year, difference from the baseline: Baseline 0 in 2026 to 0 in 2030; Joint block contract, 12 beds −\d+ in 2026/,
    );
    await page.getByRole('radiogroup', { name: 'Bed gap by year: show' }).getByText('Amounts').click();
    await expect
      .poll(gapLabel)
      .toMatch(/^Bed gap by year: Baseline [\d,.]+ in 2026 to [\d,.]+ in 2030; Joint block contract, 12 beds /);
    await page.getByRole('radiogroup', { name: 'Bed gap by year: show' }).getByText('Against the baseline').click();
    expect(await page.getByTestId('compare-chart-locality').getAttribute('aria-label')).toMatch(
      /^Where children are placed in 2030: Baseline: [\d,]+ in own council area/,
    );
    // The tornado shows this run's shared-engine rows, then the host's run of the same.
    await expect
      .poll(() => page.getByTestId('compare-sensitivity-basis').textContent(), { timeout: 30_000 })
      .toContain('host’s run');
    expect(await page.getByTestId('compare-chart-tornado-cost').getAttribute('aria-label')).toMatch(
      /Weekly price of a private children’s home place \(and outside the consortium\) [−+]£[\d.]+m when at the low end of its range/,
    );
    expect(await page.getByTestId('compare-chart-tornado-gap').getAttribute('aria-label')).toMatch(
      /Children needing a place \(forecast 80% range\) −\d+ when at the low end of its range/,
    );
    expect(await page.getByTestId('compare-sensitivity-drivers').textContent()).toContain('moves most with');

    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'compare.png') });
  });

  it('recomputes in the worker as a lever is edited: central estimate at once, then the simulated ranges', async () => {
    await nav('Scenarios');
    await item('joint-block-12').getByRole('button').click();
    await expect.poll(title, { timeout: 10_000 }).toBe('Joint block contract, 12 beds');
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Up to date: 1,000 simulations/);
    const leverValue = () =>
      page.locator('.scn-assumptions-table tr[data-key="lever.bury-block"] td').first().textContent();
    expect(await leverValue()).toBe('12');
    const gap2030 = () =>
      page.locator('[data-testid="outcome-row"][data-year="2030"] [data-column="gap-diff"]').textContent();
    const gapWith12 = await gap2030();
    const gapChart = () => page.getByTestId('scenario-chart-gap').getAttribute('aria-label');
    const gapChartWith12 = await gapChart();
    expect(gapChartWith12).toMatch(
      /^Bed gap by year: Baseline [\d.,]+ in 2026 to [\d.,]+ in 2030; Joint block contract, 12 beds /,
    );
    expect(await page.getByTestId('scenario-chart-locality').getAttribute('aria-label')).toMatch(
      /Baseline: \d+ in own council area.*; Joint block contract, 12 beds: \d+ in own council area/,
    );

    // Every status the outcomes pass through, and every request to the host, from here on.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenStatuses: string[] }).seenStatuses = seen;
      const target = document.querySelector('[data-testid="scenario-status"]')!;
      new MutationObserver(() => seen.push(target.textContent ?? '')).observe(target, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const hostCalls: string[] = [];
    const onRequest = (request: { url(): string }) => hostCalls.push(new URL(request.url()).pathname);
    page.on('request', onRequest);

    // Edited, not saved: the outcomes follow the edit, computed in the worker.
    await beds().fill('14');
    await page.waitForFunction(() => document.body.dataset.scenarioUpdateMs !== undefined, undefined, {
      timeout: 10_000,
    });
    expect(await leverValue()).toBe('14');
    expect(await page.getByTestId('outcome-basis').textContent()).toMatch(/include changes not yet saved/);
    // The charts moved with the table: the scenario's line changed, the baseline's did not.
    const gapChartWith14 = (await gapChart())!;
    expect(gapChartWith14).not.toBe(gapChartWith12);
    expect(gapChartWith14.split(';')[0]).toBe(gapChartWith12!.split(';')[0]);
    const measured = await page.evaluate(() => ({
      durations: performance.getEntriesByName('scenario-lever-to-outcomes').map((e) => e.duration),
      shown: document.body.dataset.scenarioUpdateMs,
    }));
    const latest = measured.durations[measured.durations.length - 1];
    expect(latest).toBeDefined();
    expect(Number(measured.shown)).toBeCloseTo(latest!, 0);
    expect(latest!).toBeGreaterThan(0);

    // The simulated run then replaces the central estimate, and 14 beds close more of the gap.
    await expect.poll(status, { timeout: 20_000 }).toMatch(/^Up to date: 1,000 simulations, 2025-26 to 2029-30$/);
    const seen = await page.evaluate(() => (window as unknown as { seenStatuses: string[] }).seenStatuses);
    expect(seen).toContain('Central estimate — uncertainty updating…');
    expect(seen[seen.length - 1]).toMatch(/^Up to date: 1,000 simulations/);
    const signed = (text: string | null) => Number((text ?? '').replace('−', '-').replace(/[^\d.-]/g, ''));
    expect(signed(gapWith12)).toBeLessThan(0);
    expect(signed(await gap2030())).toBeLessThan(signed(gapWith12));
    // No scenario was run on the host: the edit was computed in the page's worker.
    expect(hostCalls.filter((p) => p.includes('runScenarios'))).toEqual([]);

    // Saving keeps the levers; the plan's context is fetched again but is unchanged, so nothing reruns.
    const runsBefore = await page.evaluate(() => performance.getEntriesByName('scenario-lever-to-outcomes').length);
    await page.getByTestId('save-scenario').click();
    await expect.poll(() => page.getByTestId('outcome-basis').count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => hostCalls.filter((p) => p.includes('getScenarioContext')).length).toBeGreaterThan(0);
    expect(await status()).toMatch(/^Up to date: 1,000 simulations, 2025-26 to 2029-30$/);
    expect(await leverValue()).toBe('14');
    expect(await page.getByTestId('outcome-row').count()).toBe(5);
    expect(await page.evaluate(() => performance.getEntriesByName('scenario-lever-to-outcomes').length)).toBe(
      runsBefore,
    );
    await page.getByTestId('scenario-outcomes').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: path.join(screenshotDir, 'scenarios.png') });
    await page.getByTestId('scenario-title').scrollIntoViewIfNeeded();

    // Lever change to updated table and charts, measured over several edits with the view's own
    // performance marks. The 100 ms target is asserted by `npm run bench -- ui-scenarios`, not here:
    // a shared CI machine's timings vary too much for a pass/fail test. The figures are recorded.
    // As in the bench, each edit starts from a settled view (the simulated ranges up to date), so
    // the previous edit's simulated run is not competing for the two cores.
    const durations: number[] = [];
    for (const value of ['16', '14', '18', '14', '20']) {
      await expect.poll(status, { timeout: 20_000 }).toMatch(/^Up to date: 1,000 simulations/);
      const count = await page.evaluate(() => performance.getEntriesByName('scenario-lever-to-outcomes').length);
      await beds().fill(value);
      await page.waitForFunction((n) => performance.getEntriesByName('scenario-lever-to-outcomes').length > n, count, {
        timeout: 10_000,
      });
      durations.push(
        await page.evaluate(() => performance.getEntriesByName('scenario-lever-to-outcomes').at(-1)!.duration),
      );
      expect(await leverValue()).toBe(value);
    }
    expect(durations.every((d) => Number.isFinite(d) && d > 0)).toBe(true);
    recordTimings('scenario-lever-to-outcomes', durations);
    await page.getByRole('button', { name: /Discard/ }).click();
    await expect.poll(leverValue, { timeout: 10_000 }).toBe('14');

    // An invalid edit leaves the last valid outcomes on screen, saying so.
    await beds().fill('-3');
    await expect.poll(() => page.getByTestId('outcome-basis').textContent()).toMatch(/last valid levers/);
    expect(await leverValue()).toBe('14');
    await page.getByRole('button', { name: /Discard/ }).click();
    await expect.poll(() => page.getByTestId('outcome-basis').count()).toBe(0);
    page.off('request', onRequest);
  });

  it('breaks no CSP rule and throws no page error', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
