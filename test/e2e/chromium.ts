import fs from 'node:fs';
import { chromium } from 'playwright-core';

/** Finds a Chromium to drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE, Debian's, or Playwright's own. */
export function findChromium(): { path: string } | { reason: string } {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browsers of its own here
  }
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return { path: candidate };
  return {
    reason:
      'no Chromium found: install one (Debian: apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to its path',
  };
}

/** Flags for a closed network: no background connections, no first-run work. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
];
