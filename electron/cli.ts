/**
 * The `planner` command line. Runs the same domain code as the app, with no window.
 *   planner summary [--plan FILE] [--json]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PlannerError } from '../shared/api/errors.js';
import { measures } from '../shared/model/measures.js';
import type { AreaSummary, HeadlineFigure, PlanSummary } from '../shared/model/summary.js';
import { APP_VERSION, createAppContext } from './services/appContext.js';

export const USAGE = `Usage: planner <command> [options]

Commands:
  summary [--plan FILE] [--json]   The consortium, each authority and its headline figures.
                                   Without --plan, the built-in Greater Manchester plan.
  help                             This message.
  version                          The app version.
`;

export class UsageError extends Error {}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

interface SummaryOptions {
  plan?: string;
  json: boolean;
}

function parseSummaryArgs(args: readonly string[]): SummaryOptions {
  const options: SummaryOptions = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--json') options.json = true;
    else if (arg === '--plan') {
      const value = args[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--plan needs a file path.');
      options.plan = path.resolve(value);
    } else throw new UsageError(`Unknown option for summary: ${arg}`);
  }
  return options;
}

function figureJson(f: HeadlineFigure) {
  return {
    value: f.value,
    unit: measures[f.measure].unit,
    period: f.period,
    ...(f.suppression ? { suppression: f.suppression } : {}),
    sources: f.sources,
    ...(f.missingMembers ? { missingMembers: f.missingMembers } : {}),
    ...(f.derivation ? { derivation: f.derivation } : {}),
  };
}

function figuresJson(figures: HeadlineFigure[]) {
  return Object.fromEntries(figures.map((f) => [f.measure, figureJson(f)]));
}

function areaJson(a: AreaSummary) {
  return {
    onsCode: a.code,
    dfeCode: a.dfeCode,
    name: a.name,
    level: a.level,
    figures: figuresJson(a.headline),
    childrensHomesBySector: a.supplyBySector,
  };
}

export function summaryJson(summary: PlanSummary, planPath: string | null) {
  return {
    plan: { name: summary.planName, path: planPath },
    consortium: {
      name: summary.consortium.name,
      memberCount: summary.consortium.memberCount,
      figures: figuresJson(summary.consortium.headline),
      childrensHomesBySector: summary.consortium.supplyBySector,
    },
    authorities: summary.authorities.map(areaJson),
    comparators: summary.comparators.map(areaJson),
    assumptions: summary.assumptions,
    gaps: summary.gaps,
    sources: summary.sources,
  };
}

function formatValue(f: HeadlineFigure | undefined): string {
  if (!f) return '';
  if (f.value === null) return f.suppression ? `[${f.suppression}]` : '—';
  return f.value.toLocaleString('en-GB');
}

function summaryText(summary: PlanSummary): string {
  const headline = summary.consortium.headline;
  const header = ['Authority', 'ONS code', ...headline.map((f) => `${measures[f.measure].label} (${f.period})`)];
  const rows = [
    ...summary.authorities.map((a) => [
      a.name,
      a.code,
      ...headline.map((h) => formatValue(a.headline.find((f) => f.measure === h.measure))),
    ]),
    [`${summary.consortium.name} (total)`, '', ...headline.map((f) => formatValue(f))],
    ...summary.comparators.map((a) => [
      a.name,
      a.code,
      ...headline.map((h) => formatValue(a.headline.find((f) => f.measure === h.measure))),
    ]),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return (
    [
      `${summary.planName}: ${summary.consortium.name}, ${summary.consortium.memberCount} authorities`,
      line(header),
      ...rows.map(line),
    ].join('\n') + '\n'
  );
}

function runSummary(args: readonly string[], io: CliIo): number {
  const options = parseSummaryArgs(args);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sufficiency-planner-cli-'));
  const context = createAppContext({ mode: 'browser', dataDir });
  try {
    if (options.plan) context.plans.openPlan(options.plan);
    else context.plans.newPlan();
    const summary = context.plans.summary();
    io.stdout(
      options.json ? `${JSON.stringify(summaryJson(summary, options.plan ?? null), null, 2)}\n` : summaryText(summary),
    );
    return 0;
  } finally {
    context.plans.dispose();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export function runCli(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'summary':
        return runSummary(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      case 'version':
      case '--version':
        io.stdout(`${APP_VERSION}\n`);
        return 0;
      case undefined:
        throw new UsageError('No command given.');
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`planner: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof PlannerError) {
      io.stderr(`planner: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  process.exitCode = runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
