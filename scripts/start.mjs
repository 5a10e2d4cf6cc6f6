#!/usr/bin/env node
/**
 * npm start: build what is stale, then run the desktop app where an Electron runtime can be
 * had; otherwise serve the same UI in browser mode on 127.0.0.1 and say so in one sentence.
 *
 *   npm start -- [--browser] [--port N] [--no-open] [--plan FILE]
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, root } from './build.mjs';
import { electronSqliteBinding, findElectron, hasDisplay } from './electron-runtime.mjs';

async function main() {
  const args = process.argv.slice(2);
  await build();
  let reason;
  if (args.includes('--browser')) {
    reason = 'you asked for browser mode';
  } else {
    const electron = findElectron();
    if (!electron.binary) {
      reason = `Electron's runtime is not available because ${electron.reason}`;
    } else if (!hasDisplay()) {
      reason = 'there is no display for a desktop window';
    } else {
      const native = electronSqliteBinding();
      if (native.binding) {
        const planArgs = args.filter((a) => a.toLowerCase().endsWith('.ccplan'));
        const child = spawn(electron.binary, [path.join(root, 'dist/node/main.js'), ...planArgs], {
          stdio: 'inherit',
          env: { ...process.env, PLANNER_ELECTRON_SQLITE_BINDING: native.binding },
        });
        for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
        child.on('exit', (code) => process.exit(code ?? 0));
        return;
      }
      reason = native.reason;
    }
  }
  const sentence = reason.startsWith("Electron's") ? reason : `The desktop window is not used because ${reason}`;
  process.stderr.write(`${sentence}, so Sufficiency Planner is running in browser mode.\n`);
  const { runBrowserMode } = await import(pathToFileURL(path.join(root, 'dist/node/browser-main.js')).href);
  await runBrowserMode(args);
}

main().catch((error) => {
  process.stderr.write(`Sufficiency Planner could not start: ${error.message ?? error}\n`);
  process.exit(1);
});
