/**
 * SSDA903 returns: reading a return in XML into the CSV form's tables and validating them
 * (shared/import/ssda903/xml/, then importSsda903), per episode; validating CSV tables, per row;
 * and a 1,000,000-row episodes CSV imported through the app (preview and commit into the plan's
 * SQLite) in a child process of its own, timed, with that process's peak resident memory.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../../e2e/app-process.js';
import { importSsda903, ssda903TablesFromXml } from '#shared/import/ssda903/index.js';
import { generatedEpisodesCsv, generatedHeaderCsv, generatedReturnXml } from '../ssda903Generated.js';
import type { BenchContext, BenchSuite } from '../types.js';

function readAndValidate(text: string): number {
  const read = ssda903TablesFromXml(text, '2023-return.xml');
  if (read.issues.length) throw new Error(read.issues[0]?.message);
  const checked = importSsda903(read.tables.map((t) => ({ name: t.table, text: t.text, table: t.table })));
  if (checked.hasErrors) throw new Error(checked.issues.find((i) => i.severity === 'error')?.message);
  return checked.dataset.episodes.length;
}

/** Microseconds per item of `run()`, which returns the number of items. */
function microsecondsEach(run: () => number): number {
  const started = performance.now();
  const items = run();
  return Math.round(((performance.now() - started) * 1000 * 100) / items) / 100;
}

const MILLION = 1_000_000;
const child = path.join(repoRoot, 'test/bench/children/ssda903-import.ts');

function runChild(args: string[]): string {
  const out = spawnSync(process.execPath, ['--import', 'tsx', child, ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (out.status !== 0) throw new Error(`ssda903-import ${args[0]} failed: ${out.stderr || out.stdout}`);
  return out.stdout;
}

export function suite(context: BenchContext): BenchSuite {
  let large = '';
  let huge = '';
  let episodesCsv = '';
  let headerCsv = '';
  const workDir = path.join(context.tmpDir, 'ssda903-million');
  const peaks: number[] = [];
  return {
    setup: () => {
      large = generatedReturnXml(5_000, 5);
      huge = generatedReturnXml(20_000, 5);
      headerCsv = generatedHeaderCsv(20_000);
      episodesCsv = generatedEpisodesCsv(20_000, 5);
      runChild(['generate', workDir, String(MILLION)]);
    },
    cases: [
      {
        name: 'SSDA903 XML return read + validate: 5,000 children, 25,000 episodes (≈ 8 MB)',
        runs: 5,
        target: 2000,
        run: () => readAndValidate(large),
      },
      {
        name: 'SSDA903 XML return read + validate: 20,000 children, 100,000 episodes (≈ 33 MB)',
        runs: 3,
        target: 1000,
        run: () => readAndValidate(huge),
      },
      {
        name: 'SSDA903 XML return read + validate, per episode (100,000 episodes)',
        unit: 'µs/episode',
        runs: 5,
        target: 10,
        run: () => microsecondsEach(() => readAndValidate(huge)),
      },
      {
        name: 'SSDA903 CSV header + episodes validate, per episode row (100,000 rows)',
        unit: 'µs/row',
        runs: 5,
        target: 7,
        run: () =>
          microsecondsEach(() => {
            const checked = importSsda903([
              { name: '2023-header.csv', text: headerCsv, table: 'header' },
              { name: '2023-episodes.csv', text: episodesCsv, table: 'episodes' },
            ]);
            if (checked.hasErrors) throw new Error('the generated CSV should validate');
            return checked.dataset.episodes.length;
          }),
      },
      {
        name: 'SSDA903 CSV import of 1,000,000 episode rows (preview + commit into the plan), own process',
        unit: 's',
        runs: 2,
        target: 10,
        run: () => {
          const line = runChild(['import', workDir]).trim().split('\n').pop() ?? '';
          const result = JSON.parse(line) as { rows: number; seconds: number; peakRssMb: number };
          if (result.rows < MILLION) throw new Error(`only ${result.rows} rows were read`);
          peaks.push(result.peakRssMb);
          return Math.round(result.seconds * 100) / 100;
        },
      },
      {
        name: 'SSDA903 CSV import of 1,000,000 episode rows: peak resident memory of its process',
        unit: 'MB',
        runs: 1,
        target: 1024,
        run: () => Math.round(Math.max(...peaks)),
      },
    ],
  };
}
