/**
 * A stand-in for the built renderer for browser-host tests: an index.html, one asset, and a
 * "secret" file beside the folder that path traversal must never reach.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Writes the stand-in under `dir` and returns the renderer folder. */
export function writeFakeRenderer(dir: string): string {
  const rendererDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sufficiency Planner</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer folder');
  return rendererDir;
}
