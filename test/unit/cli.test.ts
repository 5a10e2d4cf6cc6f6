import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import { createAppContext } from '../../electron/services/appContext.js';
import { makeTempDir } from '../helpers/tmp.js';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const gmCodes = Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`);
const tmp = makeTempDir('planner-cli-');
afterAll(() => tmp.cleanup());

describe('planner CLI', () => {
  it('summary --json describes the built-in Greater Manchester plan', async () => {
    const { code, stdout } = await run(['summary', '--json']);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.consortium).toMatchObject({ name: 'Greater Manchester', memberCount: 10 });
    expect(summary.authorities.map((a: { onsCode: string }) => a.onsCode).sort()).toEqual(gmCodes);
    const manchester = summary.authorities.find((a: { name: string }) => a.name === 'Manchester');
    expect(manchester).toMatchObject({ onsCode: 'E08000003', dfeCode: '352' });
    expect(manchester.figures.childrenLookedAfter).toMatchObject({ unit: 'children' });
    expect(manchester.figures.childrenLookedAfter.sources.length).toBeGreaterThan(0);
    // The consortium total is exactly the sum of its members.
    const total = summary.authorities.reduce(
      (s: number, a: { figures: { childrenLookedAfter: { value: number } } }) =>
        s + a.figures.childrenLookedAfter.value,
      0,
    );
    expect(summary.consortium.figures.childrenLookedAfter.value).toBe(total);
  });

  it('summary --plan reads a saved plan', async () => {
    const context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
    context.plans.newPlan();
    context.plans.renameConsortium('Test consortium');
    const file = path.join(tmp.dir, 'saved.ccplan');
    context.plans.saveAs(file);
    context.plans.dispose();
    const { code, stdout } = await run(['summary', '--plan', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      plan: { name: 'saved', path: file },
      consortium: { name: 'Test consortium' },
    });
  });

  it('summary without --json prints a readable table', async () => {
    const { code, stdout } = await run(['summary']);
    expect(code).toBe(0);
    expect(stdout).toContain('Greater Manchester, 10 authorities');
    expect(stdout).toMatch(/Wigan\s+E08000010/);
  });

  it.each([
    [['frobnicate'], 'Unknown command: frobnicate'],
    [[], 'No command given'],
    [['summary', '--plan'], '--plan needs a file path'],
    [['summary', '--colour'], 'Unknown option for summary: --colour'],
  ])('exits non-zero with usage for %j', async (args, message) => {
    const { code, stderr, stdout } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('Usage: planner');
    expect(stdout).toBe('');
  });

  it('exits 1 with a clear message when the plan cannot be read', async () => {
    const { code, stderr } = await run(['summary', '--plan', path.join(tmp.dir, 'absent.ccplan')]);
    expect(code).toBe(1);
    expect(stderr).toContain('There is no file at');
  });
});
