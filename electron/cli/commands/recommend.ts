/**
 * `planner recommend --budget POUNDS …`: where to open consortium-run homes within a capital budget,
 * through the recommendHomes call on the plan (or a new plan), printed as JSON or as sentences.
 */
import { callHandler } from '../../services/dispatch.js';
import { intArg, planFileArg, UsageError, type CliIo } from '../args.js';
import { withPlanCalls } from '../session.js';

/** Pounds as given on the command line: 5000000, 5,000,000, £5m, 750k. */
function poundsArg(name: string, value: string | undefined): number {
  const match = value === undefined ? null : /^£?\s*(\d+(?:\.\d+)?)\s*([km])?$/i.exec(value.replace(/,/g, '').trim());
  const n = match ? Number(match[1]) * (match[2]?.toLowerCase() === 'm' ? 1e6 : match[2] ? 1e3 : 1) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1e10) {
    throw new UsageError(`${name} needs a sum of pounds, e.g. 5000000 or 5m (got ${value ?? 'nothing'}).`);
  }
  return Math.round(n);
}

/** A comma-separated list; a missing value, or another option in its place, is a usage error. */
function listArg(name: string, value: string | undefined, what: string): string[] {
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs ${what}.`);
  const items = value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (!items.length) throw new UsageError(`${name} needs ${what}.`);
  return items;
}

export async function runRecommendCli(args: readonly string[], io: CliIo): Promise<number> {
  let plan: string | undefined;
  let json = false;
  let budget: number | undefined;
  let objective: 'local' | 'distance' | 'cost' | undefined;
  let sizes: number[] | undefined;
  let candidates: string[] | undefined;
  let openingYears: string[] | undefined;
  let runningCostCeiling: number | undefined;
  let needTypes: ('mainstream' | 'soloComplex')[] | undefined;
  let sims: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') json = true;
    else if (arg === '--plan') plan = planFileArg(args[++i]);
    else if (arg === '--budget') budget = poundsArg('--budget', args[++i]);
    else if (arg === '--running-ceiling') runningCostCeiling = poundsArg('--running-ceiling', args[++i]);
    else if (arg === '--objective') {
      const value = args[++i];
      if (value !== 'local' && value !== 'distance' && value !== 'cost')
        throw new UsageError(`--objective needs local, distance or cost (got ${value ?? 'nothing'}).`);
      objective = value;
    } else if (arg === '--sizes') {
      sizes = listArg('--sizes', args[++i], 'home sizes in places, e.g. 2,3,4').map((x) => {
        const n = Number(x);
        if (!Number.isInteger(n) || n < 1 || n > 50)
          throw new UsageError(`--sizes needs whole numbers of places from 1 to 50 (got ${x}).`);
        return n;
      });
    } else if (arg === '--candidates')
      candidates = listArg('--candidates', args[++i], 'member ONS codes, e.g. E08000002,E08000009');
    else if (arg === '--opening-years') {
      openingYears = listArg('--opening-years', args[++i], 'financial years, e.g. 2026-27,2027-28').map((x) => {
        const fy = /^(\d{4})-(\d{2})$/.exec(x);
        if (fy && (Number(fy[1]) + 1) % 100 === Number(fy[2])) return String(Number(fy[1]) + 1);
        if (/^\d{4}$/.test(x)) return x;
        throw new UsageError(`--opening-years needs financial years such as 2026-27 (got ${x}).`);
      });
    } else if (arg === '--need-types') {
      needTypes = listArg('--need-types', args[++i], 'need types, e.g. mainstream,soloComplex').map((x) => {
        if (x !== 'mainstream' && x !== 'soloComplex')
          throw new UsageError(`--need-types needs mainstream and/or soloComplex (got ${x}).`);
        return x;
      });
    } else if (arg === '--sims') sims = intArg('--sims', args[++i], 1, 5000);
    else if (arg === '--seed') seed = intArg('--seed', args[++i], 0, 2_147_483_647);
    else throw new UsageError(`Unknown option for recommend: ${arg}`);
  }
  if (budget === undefined) throw new UsageError('recommend needs --budget POUNDS (the capital available, e.g. 5m).');
  return withPlanCalls(plan, ['recommend'], async (handlers) => {
    const answer = await callHandler(handlers, 'recommendHomes', {
      budget,
      ...(objective ? { objective } : {}),
      ...(sizes ? { sizes } : {}),
      ...(candidates ? { candidates } : {}),
      ...(openingYears ? { openingYears } : {}),
      ...(runningCostCeiling !== undefined ? { runningCostCeiling } : {}),
      ...(needTypes ? { needTypes } : {}),
      ...(sims !== undefined ? { simulations: sims } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    if (json) {
      io.stdout(`${JSON.stringify(answer, null, 2)}\n`);
      return 0;
    }
    const { recommendationText } = await import('#shared/recommend/text.js');
    io.stdout(`${recommendationText(answer).join('\n')}\n`);
    return 0;
  });
}
