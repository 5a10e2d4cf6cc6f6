#!/usr/bin/env node
// The `planner` command (npx planner …, or `planner` once linked or installed): builds what is
// stale, then runs the CLI, which loads only the chunks its command needs.
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// Node 22.1 and later keep compiled code between runs (a no-op where Node lacks it).
module.enableCompileCache?.();
const { build, root } = await import('../scripts/build.mjs');
await build({ quiet: true });
const { runCli } = await import(pathToFileURL(path.join(root, 'dist/node/cli.js')).href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
