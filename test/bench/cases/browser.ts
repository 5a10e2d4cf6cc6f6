import { spawn } from 'node:child_process';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from '../../e2e/app-process.js';
import { chromiumArgs, findChromium } from '../../e2e/chromium.js';
import type { BenchContext, BenchSuite } from '../types.js';

async function coldStartToFirstRender(chromiumPath: string, dataDir: string): Promise<void> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/node/browser-main.js'), '--no-open'], {
    env: { ...process.env, PLANNER_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const match = /running at (\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.on('exit', () => reject(new Error('browser mode exited early')));
    });
    const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      await page.getByTestId('authority-row').nth(9).waitFor();
    } finally {
      await browser.close();
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/** Cold start of browser mode (process start to the 10 authorities on screen). */
export function suite(context: BenchContext): BenchSuite {
  const found = findChromium();
  if (!('path' in found)) return { cases: [], skipReason: found.reason };
  return {
    cases: [
      {
        name: 'browser mode cold start to first render',
        runs: 5,
        target: 5000,
        run: () => coldStartToFirstRender(found.path, path.join(context.tmpDir, 'cold')),
      },
    ],
  };
}
