/**
 * Crash recovery as a user meets it: browser mode is killed (SIGKILL) with unsaved work; at the next
 * start the app offers that work, and Recover opens it, unsaved, with the changes in place.
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/tmp.js';
import { startApp, type RunningApp } from './app-process.js';
import { chromiumArgs, findChromium } from './chromium.js';

const found = findChromium();
const skipReason = 'reason' in found ? found.reason : undefined;

describe.skipIf(skipReason)(`recovery after a crash${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  const tmp = makeTempDir('planner-e2e-recovery-');
  const env = { PLANNER_DATA_DIR: path.join(tmp.dir, 'data'), PLANNER_AUTOSAVE_SECONDS: '1' };
  let second: RunningApp | undefined;
  afterAll(async () => {
    await second?.stop();
    tmp.cleanup();
  });

  it('offers unsaved work after the host is killed, and Recover brings it back', async () => {
    const first = await startApp(['--browser', '--no-open'], env);
    const res = await fetch(`http://127.0.0.1:${first.port}/api/renameConsortium`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${first.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Work before the crash' }),
    });
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 2500));
    await first.stop('SIGKILL');

    second = await startApp(['--browser', '--no-open'], env);
    const browser = await chromium.launch({
      executablePath: 'path' in found ? found.path : undefined,
      args: chromiumArgs,
    });
    try {
      const page = await browser.newPage();
      await page.goto(second.url);
      const dialog = page.getByRole('dialog', { name: 'Recover unsaved work?' });
      await dialog.waitFor({ timeout: 20_000 });
      await expect.poll(() => dialog.getByTestId('recovery-list').textContent()).toContain('Work before the crash');
      await dialog.getByRole('button', { name: 'Recover' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect
        .poll(() => page.locator('.consortium-name').first().textContent())
        .toContain('Work before the crash');
      await expect.poll(() => page.getByTestId('unsaved-marker').count()).toBe(1);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
