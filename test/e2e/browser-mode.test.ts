import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { repoRoot, RUNNING_LINE, type RunningApp } from './app-process.js';
import { findChromium } from './chromium.js';
import { useBrowserSession } from './session.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;
if (skipReason) console.warn(`Browser end-to-end tests skipped: ${skipReason}`);

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

describe.skipIf(skipReason)(`browser mode end to end${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  let app: RunningApp;
  let page: Page;
  const requests: string[] = [];
  const cspViolations: string[] = [];

  const tmp = useBrowserSession('planner-e2e-', { cspViolations, requests }, (opened) => ({ app, page } = opened));

  it('prints exactly one address line, on 127.0.0.1 with a secret', () => {
    expect(app.stdoutLines.filter((l) => l.startsWith('Sufficiency Planner is running at'))).toHaveLength(1);
    expect(app.stdoutLines.find((l) => RUNNING_LINE.test(l))).toBeDefined();
    expect(app.stderr()).toMatch(/browser mode/);
  });

  it('opens on the untitled Greater Manchester plan with its 10 authorities', async () => {
    const response = await page.goto(app.url);
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    await expect.poll(() => page.getByTestId('authority-row').count(), { timeout: 15_000 }).toBe(10);
    await expect.poll(() => page.getByTestId('plan-name').first().textContent()).toContain('Untitled plan');
    const codes = await page
      .getByTestId('authority-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
    expect(codes.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`));
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Manchester/ })
          .first()
          .isVisible(),
      )
      .toBe(true);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false); // the secret is taken out of the address bar
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, 'data-view.png') });
  });

  it('marks unsaved changes and saves the plan to a file', async () => {
    await page
      .getByRole('button', { name: /rename/i })
      .first()
      .click();
    const field = page.getByRole('textbox', { name: /consortium name/i });
    await field.fill('Greater Manchester Care Co-operative');
    await field.press('Enter');
    await expect.poll(() => page.getByTestId('unsaved-marker').count()).toBeGreaterThan(0);

    await page.keyboard.press('Control+Shift+S');
    const target = path.join(tmp.dir, 'gm-workshop.ccplan');
    const pathField = page.getByRole('dialog').getByRole('textbox');
    await pathField.fill(target);
    await pathField.press('Enter');
    await expect.poll(() => fs.existsSync(target), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => page.getByTestId('unsaved-marker').count()).toBe(0);
    await expect.poll(() => page.getByTestId('plan-name').first().textContent()).toContain('gm-workshop');
  });

  it('changes the consortium’s members, every total follows, and shows an authority’s history', async () => {
    const totalCla = () =>
      page.locator('tr[data-row-kind="consortium"] [data-column^="childrenLookedAfter@"]').first().textContent();
    const before = await totalCla();
    expect(before).toMatch(/\d/);

    await page.getByTestId('members-button').click();
    const wigan = page.getByRole('dialog').locator('input[type="checkbox"][data-code="E08000010"]');
    await expect.poll(() => wigan.count(), { timeout: 10_000 }).toBe(1);
    await wigan.uncheck();
    await page.getByRole('dialog').getByRole('button', { name: 'Save members' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('authority-row').count()).toBe(9);
    await expect.poll(totalCla).not.toBe(before);
    await expect.poll(() => page.getByTestId('unsaved-marker').count()).toBeGreaterThan(0);

    await page.getByTestId('authority-row').first().locator('button.figure').first().click();
    await expect.poll(() => page.getByTestId('sparkline').first().isVisible()).toBe(true);
    expect(await page.getByTestId('sparkline').first().getAttribute('aria-label')).toMatch(/\d{4} .+ to \d{4} /);

    await page.getByTestId('members-button').click();
    await expect.poll(() => wigan.count(), { timeout: 10_000 }).toBe(1);
    await wigan.check();
    await page.getByRole('dialog').getByRole('button', { name: 'Save members' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('authority-row').count()).toBe(10);
    await expect.poll(totalCla).toBe(before);
  });

  it('sends no request off the host origin and breaks no CSP rule', () => {
    const origin = `http://127.0.0.1:${app.port}/`;
    expect(requests.length).toBeGreaterThan(2);
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(cspViolations).toEqual([]);
  });

  it('answers 401 without the secret and 403 to a foreign Host header', async () => {
    const call = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          { host: '127.0.0.1', port: app.port, path: '/api/getPlanState', method: 'POST', headers },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end('{}');
      });
    expect(await call({ 'Content-Type': 'application/json' })).toBe(401);
    expect(await call({ 'Content-Type': 'application/json', Authorization: `Bearer ${app.token}` })).toBe(200);
    expect(
      await call({
        'Content-Type': 'application/json',
        Authorization: `Bearer ${app.token}`,
        Host: `rebind.example:${app.port}`,
      }),
    ).toBe(403);
  });

  it('stops cleanly on SIGTERM: the server closes and the working copy is removed', async () => {
    await app.stop('SIGTERM');
    const portOpen = () =>
      new Promise<boolean>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: app.port, path: '/', method: 'HEAD' }, (res) => {
          res.resume();
          resolve(true);
        });
        req.on('error', () => resolve(false));
        req.end();
      });
    await expect.poll(portOpen, { timeout: 10_000 }).toBe(false);
    const working = path.join(tmp.dir, 'data', 'working');
    await expect.poll(() => (fs.existsSync(working) ? fs.readdirSync(working) : []), { timeout: 10_000 }).toEqual([]);
  });
});
