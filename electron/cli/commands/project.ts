/**
 * `planner project` (rate or manual method): bed need per authority and for the consortium over the
 * plan's horizon, through the getProjection call on the plan (or a new plan); `--method stockflow`
 * goes to ./stockflow.ts.
 */
import { callHandler } from '../../services/dispatch.js';
import { intArg, planFileArg, UsageError, type CliIo } from '../args.js';
import { projectionJson, projectionText } from '../format/projection.js';
import { withPlanCalls } from '../session.js';

interface ProjectCliOptions {
  plan?: string;
  json: boolean;
  years?: number;
  method: 'rate' | 'manual';
  sims?: number;
  seed?: number;
  growth: Record<string, number>;
}

function parseProjectArgs(args: readonly string[]): ProjectCliOptions {
  const options: ProjectCliOptions = { json: false, method: 'rate', growth: {} };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--plan') options.plan = planFileArg(args[++i]);
    else if (arg === '--years') options.years = intArg('--years', args[++i], 1, 10);
    else if (arg === '--sims') options.sims = intArg('--sims', args[++i], 0, 20_000);
    else if (arg === '--seed') options.seed = intArg('--seed', args[++i], 0, 2_147_483_647);
    else if (arg === '--method') {
      const value = args[++i];
      if (value !== 'rate' && value !== 'manual') throw new UsageError('--method must be rate, manual or stockflow.');
      options.method = value;
    } else if (arg === '--growth') {
      const match = /^(E\d{8})=(-?\d+(?:\.\d+)?)%?$/.exec(args[++i] ?? '');
      if (!match?.[1] || !match[2]) throw new UsageError('--growth needs CODE=RATE, e.g. E08000001=0.03 (3% a year).');
      options.growth[match[1]] = Number(match[2]);
    } else throw new UsageError(`Unknown option for project: ${arg}`);
  }
  if (options.method === 'manual' && Object.keys(options.growth).length === 0) {
    throw new UsageError('--method manual needs --growth CODE=RATE for at least one authority.');
  }
  return options;
}

export async function runProject(args: readonly string[], io: CliIo): Promise<number> {
  const methodAt = args.indexOf('--method');
  if (methodAt >= 0 && args[methodAt + 1] === 'stockflow')
    return (await import('./stockflow.js')).runStockFlowCli(args, io);
  const options = parseProjectArgs(args);
  return withPlanCalls(options.plan, ['projection'], async (handlers) => {
    const result = await callHandler(handlers, 'getProjection', {
      method: options.method,
      withBacktest: true,
      ...(options.years !== undefined ? { horizonYears: options.years } : {}),
      ...(options.sims !== undefined ? { simulations: options.sims } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(Object.keys(options.growth).length ? { manualGrowth: options.growth } : {}),
    });
    const { probabilityWords } = await import('#shared/forecast/beds/probability.js');
    io.stdout(
      options.json ? `${JSON.stringify(projectionJson(result), null, 2)}\n` : projectionText(result, probabilityWords),
    );
    return 0;
  });
}
