/**
 * `planner backtest`: the rolling-origin backtest on the plan's own figures (its members, or every
 * authority it holds), through the getPlanBacktest call on the plan (or a new plan).
 */
import type { PanelSeries } from '#shared/forecast/index.js';
import { BACKTEST_MEASURES } from '#shared/forecast/planBacktestReport.js';
import { callHandler } from '../../services/dispatch.js';
import { intArg, planFileArg, UsageError, type CliIo } from '../args.js';
import { backtestText } from '../format/backtest.js';
import { withPlanCalls } from '../session.js';

interface BacktestCliOptions {
  plan?: string;
  json: boolean;
  allEngland: boolean;
  measure: PanelSeries;
  from?: number;
  to?: number;
  horizons: number[];
}

function parseBacktestArgs(args: readonly string[], BACKTEST_MEASURES: readonly PanelSeries[]): BacktestCliOptions {
  const options: BacktestCliOptions = {
    json: false,
    allEngland: false,
    measure: 'childrenInChildrensHomes',
    horizons: [1, 2, 3],
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--plan') options.plan = planFileArg(args[++i]);
    else if (arg === '--all-england') options.allEngland = true;
    else if (arg === '--measure') {
      const value = args[++i];
      const measure = BACKTEST_MEASURES.find((m) => m === value);
      if (!measure) throw new UsageError(`--measure must be ${BACKTEST_MEASURES.join(' or ')}.`);
      options.measure = measure;
    } else if (arg === '--from') options.from = intArg('--from', args[++i], 1990, 2100);
    else if (arg === '--to') options.to = intArg('--to', args[++i], 1990, 2100);
    else if (arg === '--horizons') {
      const value = args[++i] ?? '';
      if (!/^\d+(,\d+)*$/.test(value)) throw new UsageError('--horizons needs whole numbers of years, e.g. 1,2,3.');
      const horizons = [...new Set(value.split(',').map(Number))].sort((a, b) => a - b);
      if (horizons.some((h) => h < 1 || h > 10)) throw new UsageError('--horizons must be from 1 to 10 years.');
      options.horizons = horizons;
    } else throw new UsageError(`Unknown option for backtest: ${arg}`);
  }
  if (options.from !== undefined && options.to !== undefined && options.from >= options.to) {
    throw new UsageError('--from must be before --to (the backtest needs at least two years).');
  }
  return options;
}

export async function runBacktestCli(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseBacktestArgs(args, BACKTEST_MEASURES);
  return withPlanCalls(options.plan, ['backtest'], async (handlers) => {
    const report = await callHandler(handlers, 'getPlanBacktest', {
      allEngland: options.allEngland,
      measure: options.measure,
      horizons: options.horizons,
      ...(options.from !== undefined ? { from: options.from } : {}),
      ...(options.to !== undefined ? { to: options.to } : {}),
    });
    io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : backtestText(report));
    return 0;
  });
}
