/**
 * `planner recommend`: where to open homes, in-process through runCli on the built-in national data
 * — the JSON answer for Greater Manchester (homes within the budget, in members, better than the
 * baseline, the same for the same seed), the words, a plan for another consortium made with
 * `planner new`, and bad options refused with a clear message (status 2 for usage, 1 for a
 * candidate that is not a member).
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main.js';
import type { Recommendation } from '#shared/recommend/index.js';
import { makeTempDir } from '../helpers/tmp.js';

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

async function recommendJson(args: string[]): Promise<Recommendation> {
  const { code, stdout, stderr } = await run(['recommend', ...args, '--json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Recommendation;
}

const gmCodes = Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`);
const tmp = makeTempDir('planner-recommend-cli-');
afterAll(() => tmp.cleanup());

describe('planner recommend', () => {
  const small = ['--budget', '2m', '--sims', '40', '--seed', '5', '--candidates', 'E08000002,E08000009,E08000004'];

  it('recommends homes in members within the budget, better than the baseline, the same for the same seed', async () => {
    const a = await recommendJson([...small, '--objective', 'distance', '--sizes', '3,4']);
    expect(a.objective).toBe('distance');
    expect(a.budget).toBe(2_000_000);
    expect(a.method.search).toBe('exact');
    expect(a.method.finalPaths).toBe('40 demand simulations');
    expect(a.homes.length).toBeGreaterThan(0);
    for (const h of a.homes) {
      expect(['E08000002', 'E08000009', 'E08000004']).toContain(h.la);
      expect([3, 4]).toContain(h.places);
      expect(h.openingFinancialYear).toMatch(/^\d{4}-\d{2}$/);
    }
    expect(a.recommended.capital).toBeLessThanOrEqual(2_000_000);
    expect(a.recommended.over20Miles).toBeLessThan(a.baseline.over20Miles);
    expect(a.scenario.levers.every((l) => l.type === 'newHome' && gmCodes.includes(l.la))).toBe(true);
    const b = await recommendJson([...small, '--objective', 'distance', '--sizes', '3,4']);
    expect({ ...b, method: { ...b.method, milliseconds: 0 } }).toEqual({
      ...a,
      method: { ...a.method, milliseconds: 0 },
    });
  });

  it('says it in words', async () => {
    const { code, stdout } = await run(['recommend', ...small, '--opening-years', '2026-27,2027-28']);
    expect(code).toBe(0);
    expect(stdout).toContain(
      'Recommended homes for fewest children placed outside the consortium, within £2.0m of capital',
    );
    expect(stdout).toMatch(/1\. (Bury|Oldham|Trafford): \d places from 202[67]-2[78]/);
    expect(stdout).toContain('£1m more capital');
    expect(stdout).toContain('Capital per place at the low end (£150,000)');
  });

  it('works for a consortium other than Greater Manchester', async () => {
    const file = path.join(tmp.dir, 'north-east.ccplan');
    const made = await run(['new', '--out', file, '--region', 'North East']);
    expect(made.code).toBe(0);
    const r = await recommendJson(['--plan', file, '--budget', '1500000', '--sims', '30', '--objective', 'cost']);
    expect(r.homes.every((h) => !gmCodes.includes(h.la))).toBe(true);
    expect(r.recommended.npv).toBeLessThanOrEqual(r.baseline.npv);
    expect(r.scenario.notes).not.toMatch(/Manchester/);
  });

  it.each([
    [['recommend'], /needs --budget/],
    [['recommend', '--budget', 'lots'], /--budget needs a sum of pounds/],
    [['recommend', '--budget', '5m', '--objective', 'cheap'], /--objective needs local, distance or cost/],
    [['recommend', '--budget', '5m', '--sizes', '2,x'], /--sizes needs whole numbers/],
    [['recommend', '--budget', '5m', '--opening-years', '2027-29'], /--opening-years needs financial years/],
    [['recommend', '--budget', '5m', '--frobnicate'], /Unknown option for recommend: --frobnicate/],
  ])('refuses %j with a usage message', async (args, message) => {
    const { code, stderr } = await run(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('refuses a candidate that is not a member, naming it', async () => {
    const { code, stderr } = await run(['recommend', '--budget', '5m', '--sims', '10', '--candidates', 'E09000001']);
    expect(code).toBe(1);
    expect(stderr).toContain('E09000001 is not a member of Greater Manchester');
  });

  it('says whom each home is for by the plan’s need types, and takes --need-types', async () => {
    const args = ['--budget', '2m', '--sims', '10', '--seed', '5', '--candidates', 'E08000002,E08000009,E08000004'];
    const solo = await recommendJson([...args, '--need-types', 'soloComplex']);
    expect(solo.homes.length).toBeGreaterThan(0);
    expect(solo.homes.every((h) => h.needType === 'soloComplex')).toBe(true);
    expect(solo.needTypes.shares?.soloComplex).toBeCloseTo(0.18, 6);
    expect(solo.scenario.levers.every((l) => l.type === 'newHome' && l.needType === 'soloComplex')).toBe(true);
    const { code, stderr } = await run(['recommend', ...args, '--need-types', 'complex']);
    expect(code).toBe(2);
    expect(stderr).toContain('--need-types needs mainstream and/or soloComplex (got complex)');
  });
});
