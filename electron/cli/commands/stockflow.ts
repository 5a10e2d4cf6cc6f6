/**
 * `planner project --plan FILE --method stockflow`: children in care by placement category from the
 * plan's SSDA903 returns (the stock-flow model), for each report month, in one mode or both side by
 * side, through the getStockFlowProjection call on the plan read in place (../reading.ts).
 */
import { callHandler } from '../../services/dispatch.js';
import { intArg, planFileArg, UsageError, type CliIo } from '../args.js';
import { withPlanForReading } from '../reading.js';

function parseStockFlowArgs(args: readonly string[]) {
  const options: {
    plan?: string;
    json: boolean;
    mode: 'sf-regional' | 'corrected' | 'both';
    la: string[];
    referenceMonths?: number;
    referenceStart?: string;
    referenceEnd?: string;
    horizonMonths: number;
    reportMonths?: number[];
    simulations?: number;
    seed?: number;
  } = { json: false, mode: 'corrected', la: [], horizonMonths: 60 };
  const date = (name: string, value: string | undefined) => {
    if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new UsageError(`${name} needs a date as yyyy-mm-dd.`);
    return value;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--method') {
      if (args[++i] !== 'stockflow') throw new UsageError('--method must be rate, manual or stockflow.');
    } else if (arg === '--plan') options.plan = planFileArg(args[++i]);
    else if (arg === '--mode') {
      const value = args[++i];
      if (value !== 'sf-regional' && value !== 'corrected' && value !== 'both')
        throw new UsageError('--mode must be sf-regional, corrected or both.');
      options.mode = value;
    } else if (arg === '--la') {
      const value = args[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--la needs an LA name as written in the returns.');
      options.la.push(value);
    } else if (arg === '--reference-months') options.referenceMonths = intArg('--reference-months', args[++i], 1, 120);
    else if (arg === '--reference-start') options.referenceStart = date('--reference-start', args[++i]);
    else if (arg === '--reference-end') options.referenceEnd = date('--reference-end', args[++i]);
    else if (arg === '--horizon-months') options.horizonMonths = intArg('--horizon-months', args[++i], 1, 120);
    else if (arg === '--report-months') {
      const list = (args[++i] ?? '').split(',').map((m) => Number(m.trim()));
      if (list.length === 0 || list.some((m) => !Number.isInteger(m) || m < 0 || m > 120)) {
        throw new UsageError('--report-months needs whole months, e.g. 6,12,18,24.');
      }
      options.reportMonths = list;
    } else if (arg === '--sims') options.simulations = intArg('--sims', args[++i], 0, 20_000);
    else if (arg === '--seed') options.seed = intArg('--seed', args[++i], 0, 2_147_483_647);
    else throw new UsageError(`Unknown option for project --method stockflow: ${arg}`);
  }
  if (options.referenceMonths !== undefined && options.referenceStart !== undefined) {
    throw new UsageError('Give either --reference-months or --reference-start, not both.');
  }
  if (!options.plan) throw new UsageError('project --method stockflow needs --plan FILE holding SSDA903 returns.');
  return options;
}

/** Why the corrected mode differs from the regional model's estimator (shown with --mode both). */
const STOCK_FLOW_DIFFERENCES = [
  'Rates: the regional model averages daily ratios over the window, including days when a state is empty (biased low); ours divides transitions by child-days at risk.',
  'Leaving care at 18: the regional model keeps ageing children in care; ours ends care at the 18th birthday.',
  'Entries: both hold entries at the reference window’s rate unless told otherwise (see the notes).',
  'Uncertainty: the regional model’s ±2σ bands come from process noise only; ours simulates parameter error as well (Monte Carlo, P10–P90).',
];

export async function runStockFlowCli(args: readonly string[], io: CliIo): Promise<number> {
  const { plan, json, la, mode, ...rest } = parseStockFlowArgs(args);
  const { stockflowHandlers } = await import('../../services/handlers/stockflowHandlers.js');
  // reading only, as the other projections: another program may hold the plan for changes
  return withPlanForReading(plan ?? '', stockflowHandlers, async (handlers) => {
    const modes = mode === 'both' ? (['sf-regional', 'corrected'] as const) : ([mode] as const);
    const results = [];
    for (const m of modes) {
      results.push(
        await callHandler(handlers, 'getStockFlowProjection', { ...rest, mode: m, ...(la.length ? { la } : {}) }),
      );
    }
    const reports = results.map((result) => {
      const { projection } = result;
      const point = (p: (typeof projection.points)[number]) => ({
        month: p.month,
        date: p.date,
        byCategory: p.byCategory,
        total: p.total,
      });
      return {
        mode: projection.mode,
        referenceStart: result.referenceStart,
        referenceEnd: result.referenceEnd,
        projectionStart: projection.startDate,
        las: result.las,
        children: result.children,
        episodes: result.episodes,
        categories: projection.categories.map((c) => ({ id: c.id, label: c.label })),
        simulations: projection.simulations,
        start: point(projection.start),
        points: projection.points.map(point),
        notes: projection.notes,
      };
    });
    const [first, second] = reports;
    if (!first) return 1;
    if (json) {
      const output = second
        ? {
            modes: reports,
            difference: first.points.map((p, i) => ({
              month: p.month,
              total: (second.points[i]?.total.mean ?? 0) - p.total.mean,
            })),
            explanation: STOCK_FLOW_DIFFERENCES,
          }
        : first;
      io.stdout(`${JSON.stringify(output, null, 2)}\n`);
      return 0;
    }
    const lines: string[] = [];
    if (!second) {
      const cats = first.categories;
      lines.push(
        `Stock-flow (${first.mode}), reference window ${first.referenceStart} to ${first.referenceEnd}, from ${first.projectionStart}: children in care`,
        ['Month', ...cats.map((c) => c.label), 'Total'].join('\t'),
        ...[first.start, ...first.points].map((p) =>
          [
            String(p.month),
            ...cats.map((c) => (p.byCategory[c.id]?.mean ?? 0).toFixed(2)),
            p.total.mean.toFixed(2),
          ].join('\t'),
        ),
      );
    } else {
      lines.push(
        `Stock-flow, both modes: reference window ${first.referenceStart} to ${first.referenceEnd}, from ${first.projectionStart}; children in care`,
        ['Month', 'Regional model (sf-regional)', 'Corrected (P50, P10–P90)', 'Difference (corrected − regional)'].join(
          '\t',
        ),
        ...[first.start, ...first.points].map((p, i) => {
          const c = i === 0 ? second.start : second.points[i - 1];
          const range =
            c?.total.p10 !== undefined ? ` (${c.total.p10.toFixed(1)}–${c.total.p90?.toFixed(1) ?? ''})` : '';
          return [
            String(p.month),
            p.total.mean.toFixed(2),
            `${(c?.total.p50 ?? c?.total.mean ?? 0).toFixed(2)}${range}`,
            ((c?.total.mean ?? 0) - p.total.mean).toFixed(2),
          ].join('\t');
        }),
        '',
        'Why they differ:',
        ...STOCK_FLOW_DIFFERENCES.map((d) => `- ${d}`),
        ...[...first.notes, ...second.notes].map((n) => `- ${n}`),
      );
    }
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  });
}
