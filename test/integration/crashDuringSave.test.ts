import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { getMeta } from '../../electron/store/planData.js';
import { openPlanCopy, removeStaleSaveFiles } from '../../electron/store/planFile.js';
import { makeTempDir } from '../helpers/tmp.js';

const child = fileURLToPath(new URL('../fixtures/save-child.ts', import.meta.url));
const tmp = makeTempDir('planner-crash-');
afterAll(() => tmp.cleanup());

/** Starts the saving child and kills it `delayMs` after it announces save number `killDuring`. */
function runAndKill(target: string, killDuring: number, delayMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const working = path.join(tmp.dir, `working-${killDuring}-${delayMs}.sqlite`);
    const proc = spawn(process.execPath, ['--import', 'tsx', child, working, target], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let stderr = '';
    let buffer = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (line === `saving ${killDuring}`) setTimeout(() => proc.kill('SIGKILL'), delayMs);
      }
    });
    proc.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`child ended without being killed: ${stderr}`));
    });
  });
}

describe('a crash during save never leaves a half-written plan', () => {
  it('the plan on disk is always the previous or the new version after SIGKILL mid-save', async () => {
    const target = path.join(tmp.dir, 'plan.ccplan');
    let interruptedMidSave = 0;
    for (const delayMs of [0, 10, 30, 80, 150]) {
      const lines = await runAndKill(target, 1, delayMs);
      expect(lines).toContain('saved 0');
      const leftovers = fs.readdirSync(tmp.dir).filter((f) => f.startsWith('.plan.ccplan.saving-'));
      const finishedSecondSave = lines.includes('saved 1');
      if (leftovers.length > 0 && !finishedSecondSave) interruptedMidSave++;

      const working = path.join(tmp.dir, `check-${delayMs}.sqlite`);
      const db = openPlanCopy(target, working); // throws if the file is damaged
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const generation = getMeta(db, 'generation');
        expect(['0', '1']).toContain(generation);
        if (finishedSecondSave) expect(generation).toBe('1');
        expect(db.prepare("SELECT COUNT(*) AS n FROM plan_meta WHERE key LIKE 'padding-%'").get()).toEqual({
          n: 20_000,
        });
      } finally {
        db.close();
      }
      removeStaleSaveFiles(target);
      expect(fs.readdirSync(tmp.dir).filter((f) => f.startsWith('.plan.ccplan.saving-'))).toEqual([]);
      fs.rmSync(target);
    }
    // The kills must really have landed inside a save for this test to mean anything.
    expect(interruptedMidSave).toBeGreaterThanOrEqual(3);
  }, 120_000);
});
