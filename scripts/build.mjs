#!/usr/bin/env node
/**
 * Builds what is stale: the renderer (Vite), the Node-side bundles (Electron main, browser
 * mode, CLI) and the sandboxed preload. `--force` rebuilds everything. Progress goes to stderr.
 */
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp.json');
const inputs = ['renderer', 'shared', 'electron', 'resources', 'vite.config.ts', 'package.json', 'scripts/build.mjs'];

function newestMtime(target) {
  const full = path.join(root, target);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(full, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

export function isStale() {
  const outputs = [
    'renderer/index.html',
    'node/main.js',
    'node/browser-main.js',
    'node/cli.js',
    'node/preload.cjs',
    'node/import-worker.js',
    'node/builtin-england.json',
  ];
  if (!fs.existsSync(stampFile) || outputs.some((o) => !fs.existsSync(path.join(dist, o)))) return true;
  const stamp = JSON.parse(fs.readFileSync(stampFile, 'utf8'));
  return Math.max(...inputs.map(newestMtime)) > stamp.sourcesMtime;
}

const nodeExternals = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export async function build({ force = false, quiet = false } = {}) {
  if (!force && !isStale()) return false;
  const started = Date.now();
  const sourcesMtime = Math.max(...inputs.map(newestMtime));
  if (!quiet) process.stderr.write('Building Sufficiency Planner…\n');
  const vite = await import('vite');
  const logLevel = quiet ? 'error' : 'warn';
  // Always the production build of React and the app, whatever NODE_ENV the caller runs under:
  // Vite and its React plugin follow process.env.NODE_ENV over the build's mode, and a build started
  // from the test runner (NODE_ENV=test) would otherwise ship React's development build, several
  // times slower to render.
  const callerNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel, mode: 'production' });
  } finally {
    if (callerNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerNodeEnv;
  }
  /** One Node-side bundle into dist/node (everything but `external` bundled in). */
  const nodeBundle = (input, { external = nodeExternals, output, emptyOutDir = false, sourcemap = false }) =>
    vite.build({
      configFile: false,
      root,
      logLevel,
      build: {
        ssr: true,
        outDir: path.join(dist, 'node'),
        emptyOutDir,
        target: 'node20',
        sourcemap,
        minify: false,
        rollupOptions: { input, external, output },
      },
      ssr: { noExternal: true },
    });
  const entry = (file) => path.join(root, 'electron', file);
  await nodeBundle(
    { main: entry('main.ts'), 'browser-main': entry('browser-main.ts') },
    {
      emptyOutDir: true,
      sourcemap: true,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  );
  // The command line on its own (electron/cli/main.ts): cli.js holds the dispatch and help, and each
  // command (its arguments, output and services) is chunks it imports when that command runs
  // (cli-chunks/), so `planner version` loads little and `planner project --method stockflow` never loads the built-in dataset, the PDF or the
  // workbook writers. flow-fit-build.js shares those chunks.
  await nodeBundle(
    { cli: entry('cli/main.ts'), 'flow-fit-build': entry('flow-fit-build.ts') },
    {
      sourcemap: true,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'cli-chunks/[name]-[hash].js' },
    },
  );
  // The sandboxed preload may require only 'electron': one CommonJS file.
  await nodeBundle(
    { preload: entry('preload.ts') },
    { external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false } },
  );
  // The import worker: one self-contained file, so it can be unpacked from the asar and started alone.
  await nodeBundle(
    { 'import-worker': entry('import-worker.ts') },
    { output: { format: 'es', entryFileNames: '[name].js', codeSplitting: false } },
  );
  // The built-in dataset as a JSON file beside the command line, which reads it with JSON.parse.
  fs.copyFileSync(
    path.join(root, 'resources/dataset/builtin-england.json'),
    path.join(dist, 'node/builtin-england.json'),
  );
  // The placement-flow model fitted once to the built-in national figures, for new plans made by the
  // command line (a new plan otherwise spends about 0.3 s fitting it).
  // Only a speed-up: where it cannot be made (better-sqlite3 built for another runtime, say), new
  // plans fit the model as before.
  // The new plan it is fitted on is saved beside it: `planner summary` without --plan reads it in place.
  const fitFile = path.join(dist, 'node/builtin-flow-fit.json');
  const newPlanFile = path.join(dist, 'node/builtin-new-plan.ccplan');
  try {
    fs.rmSync(newPlanFile, { force: true });
    const { writeBuiltInFlowFit } = await import(pathToFileURL(path.join(dist, 'node/flow-fit-build.js')).href);
    if (!writeBuiltInFlowFit(fitFile, newPlanFile)) throw new Error('the built-in figures could not be fitted');
  } catch (error) {
    fs.rmSync(fitFile, { force: true });
    fs.rmSync(newPlanFile, { force: true });
    process.stderr.write(
      `Note: no stored placement-flow fit (${error.message ?? error}); new plans fit it when made.\n`,
    );
  }
  fs.writeFileSync(stampFile, JSON.stringify({ sourcesMtime, builtAt: new Date().toISOString() }));
  if (!quiet) process.stderr.write(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return true;
}

if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  build({ force: process.argv.includes('--force') }).catch((error) => {
    process.stderr.write(`Build failed: ${error.stack ?? error}\n`);
    process.exit(1);
  });
}
