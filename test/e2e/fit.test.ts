/**
 * Every view fits the projector and the laptop: at 1280×720 and 1366×768, in normal and in workshop
 * mode, no view scrolls the page sideways, nothing in the main area is wider than the box that holds
 * it (unless that box scrolls and the keyboard can reach it), and axe-core finds no accessibility
 * violation. The loop drives the real app in browser mode through Chromium.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Fit and accessibility end-to-end tests skipped: ${skipReason}`);

/** axe-core's browser build, from the project's dev dependencies (`npm ci` installs it). */
const axeSource = (): string => createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const VIEWS = ['Data', 'Projection', 'Map', 'Scenarios', 'Compare', 'Import', 'Report'] as const;
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
] as const;
const MODES = ['normal', 'workshop'] as const;

interface Overflow {
  /** The page scrolls sideways by this many pixels. */
  pageOverflow: number;
  /** Elements in the main area wider than their box, described as "tag.class (width in box width)". */
  wide: string[];
}

/**
 * What sticks out: the page's own sideways scroll, and any element in the main area or the lever panel
 * that is wider than its parent's content box, unless the parent scrolls sideways (a scroll region).
 */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    const wide: string[] = [];
    const areas = [...document.querySelectorAll<HTMLElement>('#main, .workshop-levers, .workshop-bar')];
    for (const area of areas) {
      // The area itself must not scroll sideways (hidden text positioned past its edge counts too).
      if (area.scrollWidth > area.clientWidth + 1) {
        wide.push(
          `${area.id ? `#${area.id}` : area.className} scrolls sideways by ${area.scrollWidth - area.clientWidth}px`,
        );
      }
      for (const el of [area, ...area.querySelectorAll<HTMLElement>('*')]) {
        const parent = el === area ? area.parentElement : el.parentElement;
        if (!parent) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.position === 'fixed' || style.position === 'absolute') continue;
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
        const overflowX = getComputedStyle(parent).overflowX;
        if (overflowX === 'auto' || overflowX === 'scroll' || overflowX === 'hidden' || overflowX === 'clip') continue;
        const box = parent.getBoundingClientRect();
        const rect = el.getBoundingClientRect();
        if (rect.width === 0) continue;
        if (rect.right > box.right + 1 || rect.left < box.left - 1) {
          const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''}`;
          wide.push(
            `${name} (${Math.round(rect.left)}–${Math.round(rect.right)} in ${Math.round(box.left)}–${Math.round(box.right)})`,
          );
        }
      }
    }
    return { pageOverflow: Math.max(0, root.scrollWidth - window.innerWidth), wide: wide.slice(0, 8) };
  });
}

describe.skipIf(skipReason)(`every view fits and passes axe${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const pageErrors: string[] = [];
  const axe = axeSource();

  /** axe's violations on the page as it is, as "rule ×nodes [targets]". */
  const axeViolations = async (): Promise<string[]> => {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(fs.readFileSync(axe, 'utf8'));
    return page.evaluate(async () => {
      const run = (
        window as unknown as {
          axe: { run: (c: Document) => Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> };
        }
      ).axe.run;
      const r = await run(document);
      return r.violations.map(
        (v) => `${v.id} ×${v.nodes.length} ${JSON.stringify(v.nodes.slice(0, 2).map((n) => n.target))}`,
      );
    });
  };
  useBrowserSession('planner-e2e-fit-', { pageErrors }, (opened) => ({ app, page } = opened));

  const settle = async (view: string) => {
    await expect.poll(() => page.getByRole('heading', { level: 1, name: view, exact: true }).count()).toBe(1);
    await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 20_000 }).toBe(0);
    await page.waitForTimeout(600);
  };

  const setWorkshop = async (on: boolean) => {
    const active = (await page.getByTestId('workshop-bar').count()) > 0;
    if (active === on) return;
    if (on) await page.getByTestId('workshop-toggle').click();
    else await page.getByTestId('workshop-exit').click();
    await expect.poll(() => page.getByTestId('workshop-bar').count()).toBe(on ? 1 : 0);
  };

  const results: string[] = [];

  it('opens the sample plan', async () => {
    await page.goto(app.url);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
  });

  for (const size of SIZES) {
    for (const view of VIEWS) {
      it(`${view} at ${size.width}×${size.height} fits in normal and workshop mode with no axe violation`, async () => {
        await page.setViewportSize(size);
        await setWorkshop(false);
        await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: view, exact: true }).click();
        const problems: string[] = [];
        for (const mode of MODES) {
          await setWorkshop(mode === 'workshop');
          await settle(view);
          const overflow = await measureOverflow(page);
          const violations = await axeViolations();
          if (view === 'Projection') {
            // The consortium's chart starts above the fold: at least its top third is on screen.
            const chart = await page.getByTestId('fan-chart').first().boundingBox();
            if (!chart || chart.y + chart.height / 3 > size.height) {
              problems.push(`${mode}: the Projection chart starts below the fold (top at ${chart?.y ?? '—'}px)`);
            }
          }
          const line = `${view} ${size.width}×${size.height} ${mode}: page overflow ${overflow.pageOverflow}px, wide ${overflow.wide.length}, axe ${violations.length}`;
          results.push(line);
          console.info(line, overflow.wide, violations);
          if (overflow.pageOverflow > 0) problems.push(`${mode}: page scrolls sideways by ${overflow.pageOverflow}px`);
          for (const w of overflow.wide) problems.push(`${mode}: ${w}`);
          for (const v of violations) problems.push(`${mode}: axe ${v}`);
        }
        await setWorkshop(false);
        expect(problems).toEqual([]);
      });
    }
  }

  it('the Data view fits 1440×900: the whole table shows, and a figure’s details open beside it, in view', async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await setWorkshop(false);
    await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Data', exact: true }).click();
    await settle('Data');
    const box = page.getByRole('region', { name: 'Member authorities table' });
    const widths = () => box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    const [scroll, client] = await widths();
    expect(scroll).toBeLessThanOrEqual(client! + 1);
    // Two groups start folded; a group's heading unfolds it.
    const missing = page.locator('.data-table .group-toggle', { hasText: 'Missing' });
    expect(await missing.getAttribute('aria-expanded')).toBe('false');
    const columnsShown = () => page.locator('.data-table thead tr:nth-child(2) th').count();
    const folded = await columnsShown();
    await missing.click();
    expect(await missing.getAttribute('aria-expanded')).toBe('true');
    expect(await columnsShown()).toBeGreaterThan(folded);
    await missing.click();
    expect(await columnsShown()).toBe(folded);

    await page.locator('tr[data-code="E08000003"] button.figure').nth(3).click();
    const details = page.locator('.data-table-layout > .figure-details');
    await expect.poll(() => details.textContent()).toMatch(/Manchester/);
    const [table, panel] = await Promise.all([box.boundingBox(), details.boundingBox()]);
    expect(panel!.x).toBeGreaterThanOrEqual(table!.x + table!.width);
    expect(panel!.y).toBeLessThan(900);
    expect(await axeViolations()).toEqual([]);
  });

  it('the Data sources dialog passes axe, its scrolling list reachable by keyboard', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Data sources…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Data sources' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.waitForTimeout(300);
    expect(await axeViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('lists what it measured in each view', () => {
    console.info(results.join('\n'));
    expect(results).toHaveLength(VIEWS.length * SIZES.length * MODES.length);
  });

  it('threw no page error in any view (failing calls and console errors are checked after each test)', () => {
    expect(pageErrors).toEqual([]);
  });
});
