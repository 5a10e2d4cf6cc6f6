#!/usr/bin/env node
// The `planner` command (npx planner …): builds what is stale, then runs the CLI.
import { build, root } from '../scripts/build.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

await build({ quiet: true });
const { runCli } = await import(pathToFileURL(path.join(root, 'dist/node/cli.js')).href);
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
