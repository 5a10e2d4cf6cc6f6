#!/usr/bin/env node
// The structure checks of `npm test` (issue 19, item 5), over the files git tracks:
//  - a source file (electron/, shared/, renderer/, scripts/, bin/; tests left out) of more than
//    400 lines must say why in its opening comment, on a line holding "Over 400 lines because:";
//  - no import climbs three or more folders (`../../../`): code outside a top-level folder reaches
//    the domain through the `#shared/…` alias (package.json "imports"), and a folder's own files
//    through short relative paths;
//  - no two paths differ only in letter case (they collide on case-insensitive file systems).
// It prints every breach with its file and line, and fails if there is any.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_LINES = 400;
const REASON = 'Over 400 lines because:';
/** A file's opening comment: its first block comment, or its first run of line comments. */
export function openingComment(text) {
  const body = text.replace(/^#![^\n]*\n/, '').trimStart();
  if (body.startsWith('/*')) return body.slice(0, body.indexOf('*/') + 2);
  const lines = body.split('\n');
  const end = lines.findIndex((l) => !l.trimStart().startsWith('//'));
  return lines.slice(0, end === -1 ? lines.length : end).join('\n');
}

const sourceRoots = ['electron/', 'shared/', 'renderer/', 'scripts/', 'bin/'];
const codeFile = /\.(ts|tsx|mts|js|mjs)$/;
const deepImport = /(?:from\s+|import\s*\(\s*|import\s+)['"](\.\.\/){3,}/;

/** Every breach in one file's text, as "file:line: message". */
export function fileBreaches(file, text) {
  const breaches = [];
  const lines = text.split('\n');
  const lineCount = text.endsWith('\n') ? lines.length - 1 : lines.length;
  const isSource = sourceRoots.some((r) => file.startsWith(r));
  if (isSource && lineCount > MAX_LINES && !openingComment(text).includes(REASON))
    breaches.push(
      `${file}:1: ${lineCount} lines; split it at its sections, or say "${REASON} …" in its opening comment`,
    );
  lines.forEach((line, i) => {
    if (deepImport.test(line))
      breaches.push(
        `${file}:${i + 1}: import climbs three or more folders; use the #shared/… alias or a nearer module`,
      );
  });
  return breaches;
}

/** Paths that differ from another only in letter case. */
export function caseTwins(files) {
  const byLower = new Map();
  for (const f of files) byLower.set(f.toLowerCase(), [...(byLower.get(f.toLowerCase()) ?? []), f]);
  const twins = [];
  const dirs = new Map();
  for (const f of files)
    for (let d = path.posix.dirname(f); d !== '.'; d = path.posix.dirname(d))
      dirs.set(d.toLowerCase(), new Set([...(dirs.get(d.toLowerCase()) ?? []), d]));
  for (const group of byLower.values()) if (group.length > 1) twins.push(group.join(' and '));
  for (const group of dirs.values()) if (group.size > 1) twins.push([...group].join(' and '));
  // Files that differ only in case once their extensions are dropped (Chart.tsx beside chart.ts).
  const byStem = new Map();
  for (const f of files) {
    const stem = f.replace(/\.[^./]+$/, '');
    const key = stem.toLowerCase();
    byStem.set(key, [...(byStem.get(key) ?? []), f]);
  }
  for (const group of byStem.values()) {
    const stems = new Set(group.map((f) => f.replace(/\.[^./]+$/, '')));
    if (stems.size > 1) twins.push(group.join(' and '));
  }
  return twins;
}

function main() {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((f) => f && fs.existsSync(path.join(root, f)));
  const breaches = [];
  for (const f of files.filter((f) => codeFile.test(f)))
    breaches.push(...fileBreaches(f, fs.readFileSync(path.join(root, f), 'utf8')));
  for (const t of caseTwins(files)) breaches.push(`case-only twins: ${t}`);
  for (const b of breaches) process.stdout.write(`${b}\n`);
  process.stdout.write(
    `${breaches.length} structure breach${breaches.length === 1 ? '' : 'es'} in ${files.length} files.\n`,
  );
  if (breaches.length > 0) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
