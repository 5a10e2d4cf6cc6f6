/**
 * Benchmarks (npm run bench): prints a table and writes bench-results.json as
 * [{name, unit, median, p95, runs, target}]. Not part of npm test.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { PlanService } from '../../electron/services/planService.js';
import { builtInTemplate } from '../../electron/services/template.js';
import { runCli } from '../../electron/cli.js';
import { chromiumArgs, findChromium } from '../e2e/chromium.js';
import { repoRoot } from '../e2e/app-process.js';
import { makeTempDir } from '../helpers/tmp.js';

export interface BenchResult {
  name: string;
  unit: 'ms';
  median: number;
  p95: number;
  runs: number;
  target: number;
}

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function measure(
  name: string,
  runs: number,
  target: number,
  fn: () => unknown | Promise<unknown>,
): Promise<BenchResult> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { name, unit: 'ms', median: round(quantile(times, 0.5)), p95: round(quantile(times, 0.95)), runs, target };
}

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

async function main(): Promise<void> {
  const tmp = makeTempDir('planner-bench-');
  const results: BenchResult[] = [];
  try {
    const service = new PlanService({ dataDir: path.join(tmp.dir, 'data'), template: builtInTemplate });
    service.newPlan();
    const planFile = path.join(tmp.dir, 'gm.ccplan');
    service.saveAs(planFile);

    results.push(await measure('new plan from the GM template', 20, 250, () => service.newPlan()));
    results.push(await measure('open plan (GM, from disk)', 20, 250, () => service.openPlan(planFile)));
    results.push(await measure('plan summary', 50, 50, () => service.summary()));
    results.push(await measure('save plan (atomic)', 20, 250, () => service.save()));
    results.push(
      await measure('CLI summary --json (in process)', 10, 500, () =>
        runCli(['summary', '--json'], { stdout: () => undefined, stderr: () => undefined }),
      ),
    );
    service.dispose();

    const found = findChromium();
    if ('path' in found) {
      results.push(
        await measure('browser mode cold start to first render', 5, 5000, () =>
          coldStartToFirstRender(found.path, path.join(tmp.dir, 'cold')),
        ),
      );
    } else {
      console.warn(`Skipping the cold-start benchmark: ${found.reason}`);
    }
  } finally {
    tmp.cleanup();
  }

  const rows = results.map((r) => [
    r.name,
    `${r.median}`,
    `${r.p95}`,
    `${r.runs}`,
    `${r.target}`,
    r.p95 <= r.target ? 'ok' : 'SLOW',
  ]);
  const header = ['benchmark', 'median ms', 'p95 ms', 'runs', 'target ms', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows])
    console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  fs.writeFileSync(path.join(repoRoot, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
