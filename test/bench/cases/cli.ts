/**
 * The command line as a user runs it: whole-process wall time of `node bin/planner.mjs …` (Node's
 * start, the staleness check, loading the command's chunks, the work and the exit), each run a new
 * process. `npm run bench` builds first, so no run rebuilds. `npx planner` adds npm's own start-up
 * (about a second) on top; the README shows how to run the command without it.
 *
 * Where GNU time is installed, the CPU time (user + system) of the same processes is reported too:
 * on a machine shared with other work it moves far less than the wall time.
 *
 * A speed-up over the reference Python model is reported only when that model ran in this same run
 * on this machine: set PLANNER_BENCH_REFERENCE to the shell command that runs it on
 * ../shared/data/ssda903_regional_sample (fit and 5-year projection), and both whole-process times
 * are measured here, alternately, and their medians divided. Without it no ratio is reported.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { repoRoot } from '../../e2e/app-process.js';
import type { BenchCase, BenchContext, BenchSuite } from '../types.js';

const planner = path.join(repoRoot, 'bin/planner.mjs');

/** Runs one process to its end and returns its wall time in ms; a failed run fails the benchmark. */
function wallMs(command: string, args: readonly string[], options: { shell?: boolean } = {}): number {
  const start = performance.now();
  const run = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], shell: options.shell ?? false });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr.toString().slice(-500)}`);
  return ms;
}

const cli = (args: readonly string[]) => () => {
  wallMs(process.execPath, [planner, ...args]);
};

/**
 * CPU time (user + system) of one whole process, in ms, from GNU time: less sensitive than wall time
 * to other work on a shared machine. Null where /usr/bin/time is missing.
 */
const gnuTime = ['/usr/bin/time'].find((f) => fs.existsSync(f)) ?? null;
const cpu = (args: readonly string[]) => () => {
  if (!gnuTime) return NaN;
  const run = spawnSync(gnuTime, ['-f', '%U %S', process.execPath, planner, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [user, system] = (run.stderr.toString().trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (run.status !== 0 || user === undefined || system === undefined)
    throw new Error(`planner ${args.join(' ')} failed`);
  return Math.round((user + system) * 1000);
};

export function suite(context: BenchContext): BenchSuite {
  const plan = path.join(context.tmpDir, 'regional-sample.ccplan');
  const sample = context.sharedDataDir && path.join(context.sharedDataDir, 'ssda903_regional_sample');
  const reference = process.env.PLANNER_BENCH_REFERENCE?.trim();
  if (!reference) {
    console.warn(
      'cli: no speed-up over the reference Python model reported: PLANNER_BENCH_REFERENCE (the command that runs it) is not set, so it did not run here.',
    );
  }
  if (!sample)
    console.warn('cli: ../shared/data is absent, so the stock-flow cases on the regional sample are skipped.');

  const stockflow = ['project', '--plan', plan, '--method', 'stockflow'];
  const cases: BenchCase[] = [
    { name: 'CLI whole process: planner version', runs: 10, target: 200, run: cli(['version']) },
    { name: 'CLI whole process: planner summary (new plan)', runs: 10, target: 500, run: cli(['summary']) },
    {
      // what npx adds before the command starts (the README shows how to run planner without it)
      name: 'CLI whole process through npx: npx planner version',
      runs: 5,
      target: 2000,
      run: () => {
        wallMs('npx', ['--no-install', 'planner', 'version']);
      },
    },
  ];
  if (sample) {
    cases.push(
      {
        name: 'CLI whole process: planner summary --plan',
        runs: 10,
        target: 500,
        run: cli(['summary', '--plan', plan]),
      },
      {
        name: 'CLI whole process: project --method stockflow --mode sf-regional (regional sample)',
        runs: 10,
        target: 300,
        run: cli([...stockflow, '--mode', 'sf-regional']),
      },
      ...(gnuTime
        ? [
            {
              name: 'CLI CPU time (user + system), whole process: planner summary (new plan)',
              runs: 10,
              target: 500,
              unit: 'ms CPU',
              run: cpu(['summary']),
            },
            {
              name: 'CLI CPU time (user + system), whole process: stockflow --mode sf-regional (regional sample)',
              runs: 10,
              target: 300,
              unit: 'ms CPU',
              run: cpu([...stockflow, '--mode', 'sf-regional']),
            },
          ]
        : []),
      {
        name: 'CLI whole process: project --method stockflow (corrected, 1,000 simulations; regional sample)',
        runs: 10,
        target: 500,
        run: cli(stockflow),
      },
    );
    if (reference) {
      // Both programs, alternately, in this run: the ratio of their median whole-process times.
      const ours: number[] = [];
      const theirs: number[] = [];
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
      cases.push({
        name: 'Speed-up, whole process: reference Python model ÷ planner stockflow --mode sf-regional (medians, same run)',
        runs: 1,
        target: 1,
        higherIsBetter: true,
        unit: 'ratio',
        run: () => {
          ours.length = 0;
          theirs.length = 0;
          for (let i = 0; i < 10; i++) {
            theirs.push(wallMs(reference, [], { shell: true }));
            ours.push(wallMs(process.execPath, [planner, ...stockflow, '--mode', 'sf-regional']));
          }
          return median(theirs) / median(ours);
        },
      });
    }
  }
  return {
    setup: () => {
      if (!sample) return;
      execFileSync(process.execPath, [planner, 'new', '--out', plan, '--region', 'London'], { stdio: 'ignore' });
      execFileSync(
        process.execPath,
        [planner, 'import', '--plan', plan, path.join(sample, 'header.csv'), path.join(sample, 'episodes.csv')],
        { stdio: 'ignore' },
      );
    },
    cases,
  };
}
