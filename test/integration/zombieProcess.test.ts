/**
 * A killed process that has not yet been reaped (a zombie: its parent died with it and init is slow
 * to collect it, as in some containers) has ended and holds nothing: its working copy must be
 * offered for recovery, not taken for a running app's. Linux only (it reads /proc).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { processIsAlive } from '../../electron/store/workingCopies.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;
const skip = !fs.existsSync('/proc/self/stat')
  ? 'no /proc on this system'
  : !hasPython
    ? 'python3 is needed to make a zombie'
    : undefined;

describe.skipIf(skip)(`a zombie process${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('counts as ended, though signal 0 still reaches it', async () => {
    // The parent forks a child that exits at once, and does not reap it for three seconds.
    const parent = spawn('python3', [
      '-c',
      'import os, sys, time\npid = os.fork()\nif pid == 0:\n    os._exit(0)\nprint(pid, flush=True)\ntime.sleep(3)',
    ]);
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
      parent.once('error', reject);
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(processIsAlive(pid)).toBe(false);
    expect(processIsAlive(parent.pid ?? -1)).toBe(true);
    parent.kill('SIGKILL');
  });
});
