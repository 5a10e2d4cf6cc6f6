/**
 * Benchmarks (npm run bench): runs every suite in test/bench/cases/, prints a table and writes
 * bench-results.json as [{name, unit, median, p95, runs, target}]. Not part of npm test.
 * `npm run bench -- plan forecast` runs only the named suites.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../e2e/app-process.js';
import { makeTempDir } from '../helpers/tmp.js';
import type { BenchCase, BenchContext, BenchResult, BenchSuite } from './types.js';

function quantile(sorted: number[], q: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

async function measure(c: BenchCase): Promise<BenchResult> {
  const unit = c.unit ?? 'ms';
  await c.run(); // warm-up
  const values: number[] = [];
  for (let i = 0; i < c.runs; i++) {
    const start = performance.now();
    const returned = await c.run();
    values.push(unit === 'ms' ? performance.now() - start : Number(returned));
  }
  values.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  const median = round(quantile(values, 0.5));
  const p95 = round(quantile(values, 0.95));
  const met = c.higherIsBetter ? median >= c.target : p95 <= c.target;
  return {
    name: c.name,
    unit,
    median,
    p95,
    runs: c.runs,
    target: c.target,
    ...(c.higherIsBetter ? { higherIsBetter: true } : {}),
    met,
  };
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const casesDir = path.join(repoRoot, 'test/bench/cases');
  const files = fs
    .readdirSync(casesDir)
    .filter((f) => f.endsWith('.ts') && (only.length === 0 || only.includes(path.basename(f, '.ts'))))
    .sort();
  const tmp = makeTempDir('planner-bench-');
  const shared = path.resolve(repoRoot, '../shared/data');
  const context: BenchContext = { tmpDir: tmp.dir, sharedDataDir: fs.existsSync(shared) ? shared : null };
  const results: BenchResult[] = [];
  try {
    for (const file of files) {
      const module = (await import(pathToFileURL(path.join(casesDir, file)).href)) as {
        suite: (c: BenchContext) => BenchSuite | Promise<BenchSuite>;
      };
      const suite = await module.suite(context);
      if (suite.skipReason) {
        console.warn(`Skipping ${file}: ${suite.skipReason}`);
        continue;
      }
      await suite.setup?.();
      try {
        for (const c of suite.cases) results.push(await measure(c));
      } finally {
        await suite.teardown?.();
      }
    }
  } finally {
    tmp.cleanup();
  }
  // What was measured, where: every figure above comes from this run on this machine.
  const cpus = os.cpus();
  console.log(
    `Measured in this run: Node ${process.version}, ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}. Times are wall-clock milliseconds of each run after one warm-up run; median and p95 over the runs.`,
  );
  const rows = results.map((r) => [
    r.name,
    r.unit,
    `${r.median}`,
    `${r.p95}`,
    `${r.runs}`,
    `${r.target}`,
    r.met ? 'ok' : 'MISSED',
  ]);
  const header = ['benchmark', 'unit', 'median', 'p95', 'runs', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
  }
  fs.writeFileSync(path.join(repoRoot, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
