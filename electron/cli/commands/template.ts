/**
 * `planner template --out FILE.xlsx [--plan FILE] [--empty]`: the data template for placement flows,
 * unit costs and supply changes, through the writeDataTemplate call on the plan (or a new plan).
 */
import path from 'node:path';
import { callHandler } from '../../services/dispatch.js';
import { planFileArg, UsageError, type CliIo } from '../args.js';
import { withPlanCalls } from '../session.js';

export async function runTemplate(args: readonly string[], io: CliIo): Promise<number> {
  let out: string | undefined;
  let plan: string | undefined;
  let prefill = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = args[++i];
    else if (arg === '--plan') plan = args[++i];
    else if (arg === '--empty') prefill = false;
    else throw new UsageError(`Unknown option for template: ${arg}`);
  }
  if (!out || out.startsWith('--')) throw new UsageError('template needs --out FILE.xlsx.');
  const planFile = plan === undefined ? undefined : planFileArg(plan);
  return withPlanCalls(planFile, [], async (handlers) => {
    const written = await callHandler(handlers, 'writeDataTemplate', {
      path: path.resolve(out),
      prefill,
    });
    io.stdout(`Wrote ${written.path}\n`);
    return 0;
  });
}
