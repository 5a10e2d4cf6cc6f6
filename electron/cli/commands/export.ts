/**
 * `planner export --format pdf|xlsx|csv --out PATH [--plan FILE] [--scenario NAME ...]`: the PDF
 * report or the plan's tables, through the exportPdf and exportPlan calls on the whole handler map
 * (the report's pages load their figures through it).
 */
import path from 'node:path';
import { callHandler } from '../../services/dispatch.js';
import { planFileArg, UsageError, type CliIo } from '../args.js';
import { scenarioIdByName } from '../scenarioNames.js';
import { withPlanCalls } from '../session.js';

export async function runExport(args: readonly string[], io: CliIo): Promise<number> {
  let out: string | undefined;
  let plan: string | undefined;
  let format: string | undefined;
  const scenarioNames: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = args[++i];
    else if (arg === '--plan') plan = args[++i];
    else if (arg === '--format') format = args[++i];
    else if (arg === '--scenario') scenarioNames.push(args[++i] ?? '');
    else throw new UsageError(`Unknown option for export: ${arg}`);
  }
  if (format !== 'pdf' && format !== 'xlsx' && format !== 'csv')
    throw new UsageError('export needs --format pdf, --format xlsx or --format csv.');
  if (!out || out.startsWith('--')) throw new UsageError('export needs --out PATH.');
  const planFile = plan === undefined ? undefined : planFileArg(plan);
  if (scenarioNames.some((n) => !n || n.startsWith('--'))) throw new UsageError('--scenario needs a scenario name.');
  if (scenarioNames.length > 4) throw new UsageError('A report includes at most four --scenario.');
  return withPlanCalls(planFile, ['all'], async (handlers) => {
    const stored = await callHandler(handlers, 'listScenarios', {});
    const ids = scenarioNames.map((name) => scenarioIdByName(stored, name));
    const target = { path: path.resolve(out), ...(ids.length ? { scenarios: ids } : {}) };
    if (format === 'pdf') {
      const written = await callHandler(handlers, 'exportPdf', target);
      io.stdout(`Wrote ${written.path} (${written.pages} ${written.pages === 1 ? 'page' : 'pages'})\n`);
      return 0;
    }
    const { files } = await callHandler(handlers, 'exportPlan', { format, ...target });
    io.stdout(files.map((f) => `Wrote ${f}\n`).join(''));
    return 0;
  });
}
