/**
 * `planner summary [--plan FILE] [--json]`: the consortium, each authority and its headline figures,
 * through the getPlanSummary call on the plan read in place (../reading.ts); without --plan, the
 * new plan for the default consortium.
 */
import { callHandler } from '../../services/dispatch.js';
import { planFileArg, UsageError, type CliIo } from '../args.js';
import { summaryJson, summaryText } from '../format/summary.js';
import { withPlanForReading } from '../reading.js';

interface SummaryOptions {
  plan?: string;
  json: boolean;
}

function parseSummaryArgs(args: readonly string[]): SummaryOptions {
  const options: SummaryOptions = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--plan') options.plan = planFileArg(args[++i]);
    else throw new UsageError(`Unknown option for summary: ${arg}`);
  }
  return options;
}

export async function runSummary(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseSummaryArgs(args);
  const { planReadHandlers } = await import('../../services/handlers/planReadHandlers.js');
  return withPlanForReading(options.plan ?? null, planReadHandlers, async (handlers) => {
    const summary = await callHandler(handlers, 'getPlanSummary', {});
    io.stdout(
      options.json ? `${JSON.stringify(summaryJson(summary, options.plan ?? null), null, 2)}\n` : summaryText(summary),
    );
    return 0;
  });
}
