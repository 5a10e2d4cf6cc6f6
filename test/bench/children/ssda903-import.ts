/**
 * Child process for the SSDA903 import benchmark, in two steps so that the peak resident memory
 * measured is the import's own:
 *   node --import tsx test/bench/children/ssda903-import.ts generate WORK_DIR ROWS
 * writes a generated episodes CSV of ROWS rows (five episodes a child) and its header table;
 *   node --import tsx test/bench/children/ssda903-import.ts import WORK_DIR
 * previews and commits both into a new plan through the ImportService (parsing on this thread, as
 * the worker would) and prints one JSON line: rows read, seconds for preview and commit, and the
 * peak resident memory of this process (getrusage maxrss).
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAppContext } from '#electron/services/appContext.js';
import { ImportService } from '#electron/services/importService.js';
import { authorityLookup } from '#electron/services/reference.js';
import { generatedEpisodesCsv, generatedHeaderCsv } from '../ssda903Generated.js';

const [step, workDir, rowsText] = process.argv.slice(2);
if (!workDir || (step !== 'generate' && step !== 'import'))
  throw new Error('usage: ssda903-import generate|import WORK_DIR [ROWS]');
const episodesFile = path.join(workDir, '2024-episodes.csv');
const headerFile = path.join(workDir, '2024-header.csv');
if (step === 'generate') {
  const rows = Number(rowsText);
  const episodesPerChild = 5;
  const children = Math.ceil(rows / episodesPerChild);
  fs.mkdirSync(workDir, { recursive: true });
  fs.writeFileSync(episodesFile, generatedEpisodesCsv(children, episodesPerChild, rows));
  fs.writeFileSync(headerFile, generatedHeaderCsv(children));
  process.exit(0);
}

const app = createAppContext({ mode: 'browser', dataDir: path.join(workDir, 'data') });
app.plans.newPlan();
const imports = new ImportService(app.plans, authorityLookup, { inProcess: true });
const started = performance.now();
const preview = await imports.preview([{ path: headerFile }, { path: episodesFile }]);
if (!preview.canCommit) {
  const issue = preview.files.flatMap((f) => f.issues).find((i) => i.severity === 'error');
  throw new Error(`the generated return should import cleanly: ${issue?.message ?? '?'}`);
}
const previewed = performance.now();
imports.commit(preview.previewId);
const committed = performance.now();
const read = preview.files.reduce((n, f) => n + f.rowsRead, 0);
app.plans.dispose();
process.stdout.write(
  `${JSON.stringify({
    rows: read,
    previewSeconds: (previewed - started) / 1000,
    commitSeconds: (committed - previewed) / 1000,
    seconds: (committed - started) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  })}\n`,
);
