#!/usr/bin/env node
// The copy-paste check of `npm test` (issue 19): jscpd over the source (electron/, shared/,
// renderer/, scripts/, bin/), tests and CSS left out, reporting every block of 6 or more lines
// (and at least 50 tokens, jscpd's default) that appears twice. It fails when there are more such
// blocks than CEILING (none are allowed now).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Repeated blocks allowed: none (December 2026). Every repeat of 6 or more lines outside tests and CSS
 * has been made one shared helper; a new one fails `npm test` with the two places named.
 */
const CEILING = 0;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'planner-jscpd-'));
try {
  const jscpd = path.join(root, 'node_modules', '.bin', 'jscpd');
  const run = spawnSync(
    jscpd,
    [
      '--min-lines',
      '6',
      '--format',
      'typescript,tsx,javascript',
      '--ignore',
      '**/test/**,**/*.css,**/node_modules/**,**/dist/**,**/.tsbuild/**',
      '--reporters',
      'json',
      '--output',
      out,
      '--absolute',
      '--no-colors',
      'electron',
      'shared',
      'renderer',
      'scripts',
      'bin',
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const reportFile = path.join(out, 'jscpd-report.json');
  if (!fs.existsSync(reportFile)) {
    process.stderr.write(`jscpd did not report (exit ${run.status}): ${run.stderr || run.stdout}\n`);
    process.exit(2);
  }
  const report = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
  const where = (f) => `${path.relative(root, f.name)}:${f.start}-${f.end}`;
  const clones = report.duplicates.map((d) => `${where(d.firstFile)} = ${where(d.secondFile)} (${d.lines} lines)`);
  const ceiling = CEILING;
  for (const c of clones) process.stdout.write(`repeated: ${c}\n`);
  process.stdout.write(
    `${clones.length} repeated block${clones.length === 1 ? '' : 's'} of 6 or more lines in ${report.statistics.total.sources} files (ceiling ${ceiling}).\n`,
  );
  if (clones.length > ceiling) {
    process.stderr.write(
      `More repeated blocks than the ceiling (${clones.length} > ${ceiling}): extract the new repeat into a shared helper.\n`,
    );
    process.exit(1);
  }
  if (clones.length < ceiling)
    process.stdout.write(
      `Fewer than the ceiling: lower CEILING in ${path.relative(root, fileURLToPath(import.meta.url))} to ${clones.length}.\n`,
    );
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
