/**
 * Finding Electron's runtime and the better-sqlite3 build for its ABI. Shared by npm start and
 * the Electron end-to-end test.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './build.mjs';

const require = createRequire(import.meta.url);
const cacheDir = path.join(root, '.cache');
const installFailedMarker = path.join(cacheDir, 'electron-install-failed.txt');
const electronDir = path.join(root, 'node_modules', 'electron');

export function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/** Returns the Electron binary, or the reason there is none. Tries the download once, ever. */
export function findElectron() {
  let binary = electronBinary();
  if (binary) return { binary };
  if (fs.existsSync(installFailedMarker)) {
    return { reason: `its download failed earlier (delete ${path.relative(root, installFailedMarker)} to try again)` };
  }
  if (!fs.existsSync(path.join(electronDir, 'install.js'))) return { reason: 'the electron package is not installed' };
  process.stderr.write("Fetching Electron's runtime (first start only)…\n");
  const result = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    encoding: 'utf8',
    timeout: 180_000,
  });
  binary = electronBinary();
  if (result.status === 0 && binary) return { binary };
  fs.mkdirSync(cacheDir, { recursive: true });
  const detail = `${result.error?.message ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ');
  fs.writeFileSync(installFailedMarker, `${new Date().toISOString()}\n${detail}\n`);
  return { reason: 'it could not be downloaded on this machine' };
}

/** better-sqlite3 built for Electron's ABI, kept apart from the Node build the tests use. */
export function electronSqliteBinding() {
  const version = JSON.parse(fs.readFileSync(path.join(electronDir, 'package.json'), 'utf8')).version;
  const target = path.join(cacheDir, 'electron-native', `${version}-${process.arch}`, 'better_sqlite3.node');
  if (fs.existsSync(target)) return { binding: target };
  process.stderr.write(`Building the database module for Electron ${version} (first start only)…\n`);
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const work = path.join(cacheDir, 'electron-native', 'src');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const result = spawnSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: work, encoding: 'utf8', timeout: 600_000 },
  );
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  if (result.status !== 0 || !fs.existsSync(built))
    return { reason: "the database module could not be built for Electron's runtime" };
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(built, target);
  return { binding: target };
}

export function hasDisplay() {
  return process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}
