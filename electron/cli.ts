/**
 * The `planner` command line. Runs the same domain code as the app, with no window.
 *   planner summary [--plan FILE] [--json]
 * Each command loads only the services it uses (dynamic imports, split into chunks by the build), and
 * the 2.6 MB built-in dataset only when a command makes a new plan, so a command starts quickly.
 */
import { plainIssue } from '../shared/api/fieldNames.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CallResults, ImportLogEntry, ImportPreview } from '../shared/api/contract.js';
import { PlannerError } from '../shared/api/errors.js';
import { formatIssue } from '../shared/import/report.js';
import { measures } from '../shared/model/measures.js';
import { lowerFirst } from '../shared/model/words.js';
import type { AreaSummary, HeadlineFigure, PlanSummary } from '../shared/model/summary.js';
import pkg from '../package.json';
import type { CoreContext } from './services/coreContext.js';
import type { ImportService } from './services/importService.js';
import { maxInputBytes } from './services/paths.js';
import type { InputLimits } from '../shared/import/limits.js';
import type { BuiltInDataset } from '../shared/model/dataset.js';
import { findRegion, type ConsortiumChoice } from '../shared/model/consortia.js';
import type { PanelSeries } from '../shared/forecast/index.js';
import { gapDriverSentence } from '../shared/forecast/assumptionUncertainty.js';
import type { PlanBacktestReport } from './services/backtestService.js';
import type { PlanReader } from './services/stockflowService.js';
import { callHandler } from './services/dispatch.js';

/** The command line's services: the import service is made on first use (see loadImportService). */
type AppContext = CoreContext & { readonly imports: ImportService };

export const USAGE = `Usage: planner <command> [options]

Commands:
  new --out FILE [--name TEXT] (--members CODE,CODE,... | --region NAME | --all-england)
                                   A new plan from the built-in national data for any set of
                                   English upper-tier authorities (ONS codes or names), one
                                   of the nine regions, or all of England; with example
                                   scenarios made for its members. Refuses to overwrite.
  summary [--plan FILE] [--json]   The consortium, each authority and its headline figures.
                                   Without --plan, a new plan for the default consortium
                                   (Greater Manchester, the model case).
  import --plan FILE [--json] [--max-input-size SIZE] [--layer NAME] [--as-of DATE] PATH...
                                   Import published files (DfE, ONS, Ofsted CSV/XLSX/ODS, …)
                                   into the plan, creating it from the built-in template if it
                                   does not exist. Any error blocks the import and changes nothing.
                                   Refused while another program has the plan open for changes.
                                   Files over SIZE (default 1GiB; e.g. 500MB, 2GiB) are refused
                                   before they are read. --layer reads that layer of a boundary
                                   file with several (the preview lists them); --as-of gives the
                                   date (YYYY-MM-DD) of an Ofsted snapshot that does not say it.
                                   A file that adds or replaces nothing is not imported (exit 1
                                   when no file does).
  project [--plan FILE] [--years N] [--method rate|manual] [--growth CODE=RATE ...]
          [--sims N] [--seed S] [--json]
                                   Bed need per authority and for the consortium, each year
                                   of the plan's horizon (or --years): demand P10/P50/P90, beds
                                   needed, places, gap, the assumptions used, and the backtest
                                   of the same method.
  project --plan FILE --method stockflow [--mode sf-regional|corrected|both] [--la NAME ...]
          [--reference-months N | --reference-start DATE --reference-end DATE]
          [--horizon-months M] [--report-months 6,12,18,24] [--sims N] [--seed S] [--json]
                                   Children in care by placement category from the plan's
                                   SSDA903 returns (stock-flow model), for each report month.
  backtest [--plan FILE] [--all-england] [--measure childrenInChildrensHomes|childrenLookedAfter]
          [--from YEAR] [--to YEAR] [--horizons 1,2,3] [--json]
                                   Rolling-origin backtest on the plan's figures (its members,
                                   or every authority it holds with --all-england; imported
                                   history included): per horizon, pairs, MAE, MAPE, MASE,
                                   bias and 80% coverage for the chosen method and for last
                                   value, drift and linear trend. --from/--to limit the years
                                   of figures used.
  template --out FILE.xlsx [--plan FILE] [--empty]
                                   Write the data template for placement flows, unit costs and
                                   supply changes, filled with the plan's values unless --empty.
  export [--plan FILE] --format pdf|xlsx|csv --out PATH [--scenario NAME ...]
                                   A PDF report (cover, summary, projection, gap map, scenarios
                                   and their comparison, assumptions, methodology, sources;
                                   at most four --scenario, default the plan's first four;
                                   needs Chromium), a workbook (one sheet per table) or a
                                   folder of CSV files: data by LA, projection, backtest,
                                   scenarios and their comparison with the baseline,
                                   assumptions, history, sources and what the plan is missing.
  scenario list [--plan FILE] [--json]
  scenario run|compare [--plan FILE] [--scenario NAME ...] [--levers FILE.json ...]
          [--sims N] [--seed S] [--json]
                                   Co-commissioning scenarios: outcomes by year and totals over
                                   the plan's horizon (gap, where children are placed, 20+ miles,
                                   missing incidents, cost, NPV), and differences from the baseline.
  scenario schema                  The JSON Schema of a scenario file for --levers.
  recommend [--plan FILE] --budget POUNDS [--objective local|distance|cost] [--sizes 2,3,4]
          [--candidates CODE,...] [--opening-years 2026-27,...] [--running-ceiling POUNDS]
          [--need-types mainstream,soloComplex] [--sims N] [--seed S] [--json]
                                   Where to open consortium-run homes within a capital budget
                                   (e.g. 5000000 or 5m): the homes ranked by what each adds,
                                   against the baseline, for the objective (local: fewest placed
                                   outside the consortium, the default; distance: fewest 20+ miles
                                   away; cost: lowest whole-life cost), how often the choice holds
                                   across simulations, the value of £1m more and the assumptions
                                   that would change it.
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
    else if (arg === '--plan') options.plan = planFileArg(args[++i]);
    else throw new UsageError(`Unknown option for summary: ${arg}`);
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

function figuresJson(figures: HeadlineFigure[], history: AreaSummary['history'] = {}) {
  return Object.fromEntries(
    figures.map((f) => [
      f.measure,
      {
        ...figureJson(f),
        periodsAvailable: (history[f.measure] ?? []).filter((p) => p.value !== null).map((p) => p.period),
      },
    ]),
  );
}

function areaJson(a: AreaSummary) {
  return {
    onsCode: a.code,
    dfeCode: a.dfeCode,
    name: a.name,
    level: a.level,
    figures: figuresJson(a.headline, a.history),
    childrensHomesBySector: a.supplyBySector,
  };
}

export function summaryJson(summary: PlanSummary, planPath: string | null) {
  return {
    plan: { name: summary.planName, path: planPath },
    consortium: {
      name: summary.consortium.name,
      memberCount: summary.consortium.memberCount,
      figures: figuresJson(summary.consortium.headline, summary.consortium.history),
      childrensHomesBySector: summary.consortium.supplyBySector,
    },
    authorities: summary.authorities.map(areaJson),
    comparators: summary.comparators.map(areaJson),
    assumptions: summary.assumptions,
    gaps: summary.gaps,
    sources: summary.sources,
  };
}

let numberFormat: Intl.NumberFormat | null = null;

function formatValue(f: HeadlineFigure | undefined): string {
  if (!f) return '';
  if (f.value === null) return f.suppression ? `[${f.suppression}]` : '—';
  // one formatter for the whole table: toLocaleString makes a new one for every figure
  numberFormat ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 3 });
  return numberFormat.format(f.value);
}

function summaryText(summary: PlanSummary): string {
  const headline = summary.consortium.headline;
  const header = ['Authority', 'ONS code', ...headline.map((f) => `${measures[f.measure].label} (${f.period})`)];
  const rows = [
    ...summary.authorities.map((a) => [
      a.name,
      a.code,
      ...headline.map((h) => formatValue(a.headline.find((f) => f.measure === h.measure && f.period === h.period))),
    ]),
    [`${summary.consortium.name} (total)`, '', ...headline.map((f) => formatValue(f))],
    ...summary.comparators.map((a) => [
      a.name,
      a.code,
      ...headline.map((h) => formatValue(a.headline.find((f) => f.measure === h.measure && f.period === h.period))),
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

interface NewOptions {
  out: string;
  name?: string;
  members?: string[];
  region?: string;
  allEngland: boolean;
}

function parseNewArgs(args: readonly string[]): NewOptions {
  let out: string | undefined;
  const options: Omit<NewOptions, 'out'> = { allEngland: false };
  const value = (flag: string, v: string | undefined) => {
    if (!v || v.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--out') out = path.resolve(value('--out', args[++i]));
    else if (arg === '--name') options.name = value('--name', args[++i]);
    else if (arg === '--members')
      options.members = value('--members', args[++i])
        .split(',')
        .map((m) => m.trim())
        .filter(Boolean);
    else if (arg === '--region') options.region = value('--region', args[++i]);
    else if (arg === '--all-england') options.allEngland = true;
    else throw new UsageError(`Unknown option for new: ${arg}`);
  }
  if (!out) throw new UsageError('new needs --out FILE.');
  const chosen = [options.members, options.region, options.allEngland || undefined].filter((x) => x !== undefined);
  if (chosen.length !== 1) throw new UsageError('new needs exactly one of --members, --region or --all-england.');
  return { out, ...options };
}

/** The consortium `new` asked for, resolved against the built-in areas (names or codes for members). */
async function consortiumFromArgs(context: AppContext, options: NewOptions): Promise<ConsortiumChoice> {
  const presets = context.plans.consortiumPresets();
  if (options.allEngland) {
    const england = presets.find((p) => p.id === 'england');
    if (!england) throw new PlannerError('INTERNAL', 'The built-in data holds no authorities.');
    return { name: options.name ?? england.name, members: england.members };
  }
  if (options.region) {
    const region = findRegion((await loadBuiltInTemplate()).areas, options.region);
    const preset = region && presets.find((p) => p.id === `region:${region.code}`);
    if (!preset) {
      const names = presets.filter((p) => p.kind === 'region').map((p) => p.name);
      throw new UsageError(`There is no region called "${options.region}". The regions are: ${names.join(', ')}.`);
    }
    return { name: options.name ?? preset.name, members: preset.members };
  }
  const { authorityLookup } = await import('./services/reference.js');
  const members = (options.members ?? []).map((m) => {
    const found = authorityLookup.byCode(m.toUpperCase()) ?? authorityLookup.byName(m);
    if (!found) throw new UsageError(`"${m}" is not an English upper-tier authority (give an ONS code or a name).`);
    return found.onsCode;
  });
  return { name: options.name ?? 'Consortium', members: [...new Set(members)] };
}

async function runNew(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseNewArgs(args);
  const { withPlanExtension } = await import('./services/planService.js');
  await loadBuiltInTemplate();
  const target = withPlanExtension(options.out);
  return withCliContext(async (context) => {
    const consortium = await consortiumFromArgs(context, options);
    // the lock is taken before looking, so two runs cannot both create the file
    context.plans.openForChanges(target, { consortium, mustNotExist: true });
    context.plans.save();
    const summary = context.plans.summary();
    io.stdout(
      `Created ${target}: ${summary.consortium.name}, ${summary.consortium.memberCount} member authorit${summary.consortium.memberCount === 1 ? 'y' : 'ies'}.\n`,
    );
    return 0;
  });
}

async function runSummary(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseSummaryArgs(args);
  const print = (summary: PlanSummary) => {
    io.stdout(
      options.json ? `${JSON.stringify(summaryJson(summary, options.plan ?? null), null, 2)}\n` : summaryText(summary),
    );
    return 0;
  };
  if (options.plan) {
    const { summariseDatabase } = await import('./services/planSummary.js');
    return withPlanForReading(options.plan, (plan, name) => print(plan.read((db) => summariseDatabase(db, name))));
  }
  // A new plan on the built-in data: the build saved one beside this file (see flow-fit-build.ts);
  // read in place where it can be, it gives the summary of the plan made here without making it.
  const [{ openPlanReadOnly }, { summariseDatabase }, { UNTITLED_PLAN_NAME }] = await Promise.all([
    import('./store/planReadOnly.js'),
    import('./services/planSummary.js'),
    import('./store/planHeader.js'),
  ]);
  const builtNewPlan = fileURLToPath(new URL('./builtin-new-plan.ccplan', import.meta.url));
  const db = fs.existsSync(builtNewPlan) ? openPlanReadOnly(builtNewPlan) : null;
  if (db) {
    try {
      return print(summariseDatabase(db, UNTITLED_PLAN_NAME));
    } finally {
      db.close();
    }
  }
  return withCliContext(async (context) => {
    await openPlanOrNew(context, options.plan);
    return print(context.plans.summary());
  });
}

interface ImportOptions {
  plan: string;
  json: boolean;
  paths: string[];
  /** From --max-input-size (or PLANNER_MAX_INPUT_SIZE); absent: the default, 1 GiB. */
  maxInputBytes?: number;
  /** --layer and --as-of, given to every file (each reader takes what applies to it). */
  choices: { layer?: string; asOf?: string };
}

function parseImportArgs(args: readonly string[]): ImportOptions {
  let plan: string | undefined;
  let json = false;
  const paths: string[] = [];
  let maxInput: number | undefined;
  const choices: ImportOptions['choices'] = {};
  try {
    maxInput = maxInputBytes(undefined);
  } catch (error) {
    throw new UsageError(`PLANNER_MAX_INPUT_SIZE: ${(error as Error).message}`);
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--json') json = true;
    else if (arg === '--plan') plan = planFileArg(args[++i]);
    else if (arg === '--max-input-size') {
      const value = args[++i];
      if (!value || value.startsWith('--')) throw new UsageError('--max-input-size needs a size, e.g. 500MB or 2GiB.');
      try {
        maxInput = maxInputBytes(value);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
    } else if (arg === '--layer' || arg === '--as-of') {
      const value = args[++i];
      if (!value || value.startsWith('--')) throw new UsageError(`${arg} needs a value.`);
      if (arg === '--as-of' && !/^\d{4}-\d{2}-\d{2}$/.test(value))
        throw new UsageError('--as-of needs a date written YYYY-MM-DD, e.g. 2023-03-31.');
      if (arg === '--layer') choices.layer = value;
      else choices.asOf = value;
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option for import: ${arg}`);
    else paths.push(path.resolve(arg));
  }
  if (!plan)
    throw new UsageError('import needs --plan FILE (created from the built-in template if it does not exist).');
  if (paths.length === 0) throw new UsageError('import needs at least one file to import.');
  return { plan, json, paths, choices, ...(maxInput === undefined ? {} : { maxInputBytes: maxInput }) };
}

/** `changesSomething` is the contract's (loaded with the import command: the contract's schemas are large). */
function previewText(preview: ImportPreview, changesSomething: (f: ImportPreview['files'][number]) => boolean): string {
  const lines: string[] = [];
  for (const f of preview.files) {
    lines.push(`${f.fileName}: ${f.kindLabel}${f.sheetName ? ` (sheet ${f.sheetName})` : ''}`);
    lines.push(
      `  ${f.rowsRead.toLocaleString('en-GB')} rows read; ${f.added} figures added, ${f.replaced} replaced` +
        `${f.skippedOutsidePlan ? `, ${f.skippedOutsidePlan} for areas outside this plan not taken` : ''}; ` +
        `periods ${f.periods.join(', ') || '—'}; ${f.errorCount} errors, ${f.warningCount} warnings`,
    );
    for (const n of f.notTaken) lines.push(`  Not taken: ${n}`);
    for (const i of f.issues) lines.push(`  ${formatIssue(i)}`);
  }
  const changing = preview.files.filter(changesSomething);
  lines.push(
    !preview.canCommit
      ? 'Not imported: fix the errors above. The plan was not changed.'
      : changing.length === 0
        ? 'Nothing imported: no file adds or replaces a figure. The plan was not changed.'
        : changing.length < preview.files.length
          ? `Imported ${changing.map((f) => f.fileName).join(', ')}; nothing from ${preview.files
              .filter((f) => !changesSomething(f))
              .map((f) => f.fileName)
              .join(', ')}.`
          : 'Imported.',
  );
  return `${lines.join('\n')}\n`;
}

async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseImportArgs(args);
  // a new plan is made from the template
  const [{ changesSomething }] = await Promise.all([
    import('../shared/api/contract.js'),
    loadBuiltInTemplate(),
    loadImportService(),
  ]);
  return withCliContext(
    async (context) => {
      // One writer per plan: refused, naming the holder, while another program has it open for changes.
      const exists = !context.plans.openForChanges(options.plan).created;
      const preview = await context.imports.preview(options.paths.map((p) => ({ path: p, ...options.choices })));
      const imported = preview.canCommit && preview.files.some(changesSomething);
      let logged: ImportLogEntry[] = [];
      if (imported) {
        logged = context.imports.commit(preview.previewId).logged;
        context.plans.save();
      }
      const report = {
        plan: options.plan,
        created: !exists && imported,
        imported,
        files: preview.files,
        logged,
      };
      io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : previewText(preview, changesSomething));
      return imported ? 0 : 1;
    },
    options.maxInputBytes === undefined ? undefined : { maxInputBytes: options.maxInputBytes },
  );
}

interface ProjectCliOptions {
  plan?: string;
  json: boolean;
  years?: number;
  method: 'rate' | 'manual';
  sims?: number;
  seed?: number;
  growth: Record<string, number>;
}

function intArg(name: string, value: string | undefined, min: number, max: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`${name} needs a whole number from ${min} to ${max}.`);
  }
  return n;
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

function projectionJson(result: CallResults['getProjection']) {
  const { projection, backtest } = result;
  const area = (a: (typeof projection.areas)[number]) => ({
    code: a.code,
    name: a.name,
    history: a.history,
    years: a.years.map((y) => ({
      year: y.year,
      demand: y.demand,
      bedsNeeded: y.bedsNeeded,
      registeredPlaces: y.registeredPlaces,
      accessiblePlaces: y.accessiblePlaces,
      gap: y.gap,
      probabilityNeedExceedsAccessible: y.probabilityNeedExceedsAccessible,
    })),
    ...(a.base ? { base: a.base } : {}),
    ...(a.years.some((y) => y.gapDemandOnly)
      ? { gapDemandOnly: a.years.map((y) => ({ year: y.year, gap: y.gapDemandOnly ?? null })) }
      : {}),
    ...(a.decomposition ? { decomposition: a.decomposition } : {}),
    ...(a.model ? { model: a.model } : {}),
  });
  return {
    method: projection.method,
    baseYear: projection.baseYear,
    years: projection.years,
    simulations: projection.simulations,
    seed: projection.seed,
    uncertainty: projection.uncertainty,
    consortium: area(projection.consortium),
    authorities: projection.areas.map(area),
    assumptions: projection.assumptions,
    assumptionRanges: projection.assumptionRanges ?? [],
    tornado: projection.tornado ?? [],
    tornadoSentence:
      projection.tornado?.length && projection.consortium.years.length
        ? gapDriverSentence(
            projection.tornado,
            projection.consortium.years.at(-1)?.year ?? '',
            projection.consortium.years.at(-1)?.gap.p50 ?? NaN,
          )
        : null,
    reconciliation: projection.reconciliation ?? [],
    accessShares: projection.accessShares ?? [],
    warnings: projection.warnings,
    backtest: backtest && {
      origins: backtest.origins,
      minHistoryYears: backtest.minHistoryYears,
      authorities: {
        method: backtest.horizons,
        lastValue: backtest.baselines.lastValue,
        linearTrend: backtest.baselines.linearTrend,
      },
      consortium: backtest.consortium,
      notes: backtest.notes,
    },
  };
}

function projectionText(
  result: CallResults['getProjection'],
  probabilityWords: (typeof import('../shared/forecast/beds/probability.js'))['probabilityWords'],
): string {
  const { projection } = result;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
  const lines = [
    `${projection.consortium.name}: children needing a secure or children's home place, beds and gap (${projection.method} method, ${projection.simulations} simulations)`,
    'Year   Demand P10 / P50 / P90     Beds needed (P50)  Accessible places  Gap P50   P(short)',
  ];
  const base = projection.consortium.base;
  if (base && base.children !== null && base.bedsNeeded !== null && base.gap !== null) {
    // Year 0: the latest observed position by the same definitions.
    lines.push(
      `${base.year}   ${'observed'.padStart(13)} ${fmt(base.children).padStart(5)}         ${fmt(base.bedsNeeded).padStart(17)}  ${fmt(base.places.accessible).padStart(17)}  ${fmt(base.gap).padStart(7)}   year 0`,
    );
  }
  for (const y of projection.consortium.years) {
    const chance = probabilityWords(y.probabilityNeedExceedsAccessible, y.probabilityInformative);
    lines.push(
      `${y.year}   ${fmt(y.demand.p10).padStart(5)} / ${fmt(y.demand.p50).padStart(5)} / ${fmt(y.demand.p90).padStart(5)}   ${fmt(y.bedsNeeded.p50).padStart(17)}  ${fmt(y.accessiblePlaces).padStart(17)}  ${fmt(y.gap.p50).padStart(7)}   ${chance.informative ? chance.text.padStart(4) : chance.text}`,
    );
  }
  const parts = projection.consortium.decomposition?.at(-1);
  if (base && parts) {
    const signed = (x: number) => `${x >= 0.5 ? '+' : x <= -0.5 ? '−' : ''}${fmt(Math.abs(x))}`;
    lines.push(
      '',
      `The ${parts.year} median gap of ${fmt(parts.gap)} beds, in parts: today's shortfall ${fmt(parts.todayShortfall)} (${base.year} children beyond accessible places), growth in need ${signed(parts.growthInNeed)}, occupancy headroom ${signed(parts.occupancyHeadroom)}, supply change ${signed(parts.supplyChange)}.`,
    );
    if (projection.tornado?.length) {
      const input = (key: string, v: number) =>
        key === 'demand' || key === 'supply' ? fmt(v) : `${Math.round(v * 100)}%`;
      lines.push(
        `What moves it (each input at the ends of its range, the others held): ${projection.tornado
          .map(
            (b) =>
              `${b.label} ${input(b.key, b.lowInput)}–${input(b.key, b.highInput)}: ${fmt(b.gapAtLow)} to ${fmt(b.gapAtHigh)}`,
          )
          .join('; ')}.`,
        gapDriverSentence(projection.tornado, parts.year, parts.gap),
      );
    }
    const rec = projection.reconciliation?.at(-1);
    if (rec) {
      lines.push(
        `The consortium's ${rec.year} gap (${fmt(rec.consortium)}) against the sum of its members' gaps (${fmt(rec.sumOfMembers)}): less ${fmt(rec.pooledAccess)} open-market places in other members a consortium child can also use, ${rec.mediansDoNotAdd >= 0 ? 'plus' : 'less'} ${fmt(Math.abs(rec.mediansDoNotAdd))} because medians do not add${Math.abs(rec.other) >= 0.5 ? `, ${fmt(rec.other)} other` : ''}.`,
      );
    }
    const w = base.placedWhere;
    if (w) {
      lines.push(
        `In ${base.year}: ${fmt(w.ownLa)} children placed in their own authority, ${fmt(w.elsewhereInConsortium)} elsewhere in the consortium, ${fmt(w.outside)} outside it (placement flows ${w.period}: ${w.sources.join(', ')}); places: ${fmt(base.places.laRun)} LA-run, ${fmt(base.places.contracted)} contracted, ${fmt(base.places.openMarket)} private and voluntary${base.places.snapshot ? ` (Ofsted ${base.places.snapshot}${base.places.movedOn ? `, moved on to ${base.year} by openings and closures` : ''})` : ''}.`,
      );
    }
    const own = projection.accessShares;
    if (own?.length) {
      const pc = (v: number) => `${Math.round(v * 100)}%`;
      lines.push(
        `Each member's own share of its open market (estimated from published figures unless marked; --json for the sources): ${own
          .map(
            (a) =>
              `${a.name} ${pc(a.share)} (${pc(a.low)}–${pc(a.high)})${a.basis === 'national' ? ' national figure' : a.basis === 'set' ? ' set for all' : ''}${a.limit ? ' [cannot reproduce its inside share]' : ''}`,
          )
          .join('; ')}.`,
      );
    }
  }
  if (result.backtest) {
    lines.push(
      '',
      'Backtest (authorities, rolling origin): horizon, pairs, MAE, MAPE, 80% coverage — method | last value | linear trend',
    );
    const b = result.backtest;
    for (const h of b.horizons) {
      const lv = b.baselines.lastValue.find((x) => x.h === h.h);
      const lt = b.baselines.linearTrend.find((x) => x.h === h.h);
      const cell = (a: typeof h | undefined) =>
        a
          ? `${a.mae?.toFixed(1) ?? '—'} / ${a.mape?.toFixed(1) ?? '—'}% / ${a.coverage80 === null ? '—' : `${Math.round(a.coverage80 * 100)}%`}`
          : '—';
      lines.push(`  h=${h.h} n=${h.n}: ${cell(h)} | ${cell(lv)} | ${cell(lt)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

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

async function runStockFlowCli(args: readonly string[], io: CliIo): Promise<number> {
  const { plan, json, la, mode, ...rest } = parseStockFlowArgs(args);
  const { stockflowHandlers } = await import('./services/handlers/stockflowHandlers.js');
  // reading only, as the other projections: another program may hold the plan for changes
  return withPlanForReading(plan ?? '', async (plans) => {
    const handlers = stockflowHandlers(plans);
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

async function runProject(args: readonly string[], io: CliIo): Promise<number> {
  const methodAt = args.indexOf('--method');
  if (methodAt >= 0 && args[methodAt + 1] === 'stockflow') return runStockFlowCli(args, io);
  const options = parseProjectArgs(args);
  const { projectionHandlers } = await import('./services/handlers/projectionHandlers.js');
  return withCliContext(async (context) => {
    await openPlanOrNew(context, options.plan);
    const result = await callHandler(projectionHandlers(context.plans), 'getProjection', {
      method: options.method,
      withBacktest: true,
      ...(options.years !== undefined ? { horizonYears: options.years } : {}),
      ...(options.sims !== undefined ? { simulations: options.sims } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(Object.keys(options.growth).length ? { manualGrowth: options.growth } : {}),
    });
    const { probabilityWords } = await import('../shared/forecast/beds/probability.js');
    io.stdout(
      options.json ? `${JSON.stringify(projectionJson(result), null, 2)}\n` : projectionText(result, probabilityWords),
    );
    return 0;
  });
}

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

/** A measure as it reads in a sentence: "children in secure or children's homes", "children looked after". */
function measureWords(measure: PanelSeries): string {
  const label = lowerFirst(measures[measure].label);
  return label.startsWith('in ') ? `children ${label}` : label;
}

function backtestText(report: PlanBacktestReport): string {
  const cell = (x: number | null, digits: number, suffix = '') => (x === null ? '—' : `${x.toFixed(digits)}${suffix}`);
  const lines = [
    `${report.scope === 'all-england' ? 'Every authority in the plan' : report.consortium}: backtest of ${measureWords(report.measure)}, ${report.authorities} authorit${report.authorities === 1 ? 'y' : 'ies'}, figures ${report.period ? `${report.period.from}–${report.period.to}` : '—'}, origins ${report.origins.join(', ') || '—'}`,
    `Chosen method: ${report.chosen.label}, chosen on ${report.chosen.basis}. ${report.chosen.reason}`,
    '',
  ];
  for (const m of report.methods) {
    lines.push(
      `${m.role === 'chosen' ? 'Chosen: ' : ''}${m.label}`,
      '   h  Pairs      MAE   MAPE    MASE    Bias  80% cover',
    );
    for (const h of m.horizons) {
      const coverage = h.coverage80 === null ? '—' : `${(h.coverage80 * 100).toFixed(0)}%`;
      lines.push(
        `  ${String(h.h).padStart(2)}  ${String(h.pairs).padStart(5)}  ${cell(h.mae, 1).padStart(7)}  ${cell(h.mape, 1, '%').padStart(5)}  ${cell(h.mase, 2).padStart(6)}  ${cell(h.bias, 1, '%').padStart(6)}  ${coverage.padStart(9)}`,
      );
    }
  }
  if (report.totals.some((t) => t.regions.pairs + t.randomGroups.pairs > 0)) {
    const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(0)}%`);
    lines.push(
      '',
      'Chosen method, 80% ranges for summed totals (left-out origin scored)',
      '   h  Regions (pairs)  Random groups of 5–15 (pairs)  By origin',
    );
    for (const t of report.totals) {
      lines.push(
        `  ${String(t.h).padStart(2)}  ${`${pct(t.regions.coverage80)} (${t.regions.pairs})`.padStart(15)}  ${`${pct(t.randomGroups.coverage80)} (${t.randomGroups.pairs})`.padStart(29)}  ${t.byOrigin.map((o) => `${o.origin} ${pct(o.coverage80)}`).join(', ')}`,
      );
    }
  }
  lines.push('', ...report.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}

async function runBacktestCli(args: readonly string[], io: CliIo): Promise<number> {
  const { BACKTEST_MEASURES, runPlanBacktest } = await import('./services/backtestService.js');
  const options = parseBacktestArgs(args, BACKTEST_MEASURES);
  return withCliContext(async (context) => {
    await openPlanOrNew(context, options.plan);
    const report = runPlanBacktest(context.plans, {
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

async function runTemplate(args: readonly string[], io: CliIo): Promise<number> {
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
  return withCliContext(async (context) => {
    await openPlanOrNew(context, planFile);
    const written = await callHandler(await planCalls(context), 'writeDataTemplate', {
      path: path.resolve(out),
      prefill,
    });
    io.stdout(`Wrote ${written.path}\n`);
    return 0;
  });
}

async function runExport(args: readonly string[], io: CliIo): Promise<number> {
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
  return withCliContext(async (context) => {
    await openPlanOrNew(context, planFile);
    const [{ createHandlers, noFileDialogs }] = await Promise.all([
      import('./services/handlers.js'),
      loadImportService(),
    ]);
    const handlers = createHandlers(context.plans, context.imports, context.appInfo, noFileDialogs);
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

/** The id of the stored scenario with this name (or id); refused, naming the scenarios there are, when none has it. */
function scenarioIdByName(stored: readonly { id: string; name: string }[], name: string): string {
  const found = stored.find((s) => s.name === name || s.id === name);
  if (!found)
    throw new PlannerError(
      'NOT_FOUND',
      `There is no scenario called “${name}”. Scenarios: ${stored.map((s) => s.name).join('; ')}.`,
    );
  return found.id;
}

async function runScenarioCli(args: readonly string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { needsRepairMessage, scenarioJsonSchema, scenarioSchema } = await import('../shared/scenario/index.js');
  if (sub === 'schema') {
    if (rest.length) throw new UsageError('scenario schema takes no options.');
    io.stdout(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    return 0;
  }
  if (sub !== 'list' && sub !== 'run' && sub !== 'compare')
    throw new UsageError('scenario needs list, run, compare or schema.');
  let plan: string | undefined;
  let json = false;
  const names: string[] = [];
  const leverFiles: string[] = [];
  let sims: number | undefined;
  let seed: number | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') json = true;
    else if (arg === '--plan') plan = rest[++i];
    else if (arg === '--scenario') names.push(rest[++i] ?? '');
    else if (arg === '--levers') leverFiles.push(rest[++i] ?? '');
    else if (arg === '--sims') sims = intArg('--sims', rest[++i], 0, 5000);
    else if (arg === '--seed') seed = intArg('--seed', rest[++i], 0, 2_147_483_647);
    else throw new UsageError(`Unknown option for scenario ${sub}: ${arg}`);
  }
  const planFile = plan === undefined ? undefined : planFileArg(plan);
  if (names.some((n) => !n || n.startsWith('--'))) throw new UsageError('--scenario needs a scenario name.');
  if (leverFiles.some((f) => !f || f.startsWith('--'))) throw new UsageError('--levers needs a JSON file.');
  const { scenarioHandlers } = await import('./services/handlers/scenarioHandlers.js');
  return withCliContext(async (context) => {
    await openPlanOrNew(context, planFile);
    const handlers = scenarioHandlers(context.plans);
    const stored = await callHandler(handlers, 'listScenarios', {});
    if (sub === 'list') {
      const rows = stored.map((s) => ({
        id: s.id,
        name: s.name,
        illustrative: s.illustrative,
        editable: s.editable,
        levers: s.levers.length,
        notes: s.notes,
      }));
      io.stdout(
        json
          ? `${JSON.stringify(rows, null, 2)}\n`
          : rows
              .map(
                (r) =>
                  `${r.name}${r.illustrative ? ' (illustrative)' : ''}: ${r.levers} lever${r.levers === 1 ? '' : 's'}`,
              )
              .join('\n') + '\n',
      );
      return 0;
    }
    const ids = names.map((name) => scenarioIdByName(stored, name));
    for (const file of leverFiles) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
      } catch (error) {
        throw new PlannerError('INVALID_ARGUMENT', `${file} is not readable JSON: ${(error as Error).message}`);
      }
      const checked = scenarioSchema.safeParse(parsed);
      if (!checked.success) {
        throw new PlannerError(
          'INVALID_ARGUMENT',
          `${file} is not a valid scenario: ${checked.error.issues.map((i) => plainIssue(i.path, i.message)).join('; ')}`,
        );
      }
      await callHandler(handlers, 'saveScenario', { scenario: checked.data });
      ids.push(checked.data.id);
    }
    const chosen = ids.length
      ? ids
      : stored
          .filter((s) => s.editable)
          .map((s) => s.id)
          .slice(0, 4);
    const result = await callHandler(handlers, 'runScenarios', {
      ids: chosen,
      ...(sims !== undefined ? { simulations: sims } : {}),
      ...(seed !== undefined ? { seed } : {}),
    });
    const skipped = { needsRepair: result.needsRepair };
    const report =
      sub === 'compare'
        ? { baseline: result.baseline, outcomes: result.outcomes, comparison: result.comparison, ...skipped }
        : { baseline: result.baseline, outcomes: result.outcomes, ...skipped };
    if (json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
    else {
      const money = (x: number) => `${x < 0 ? '−' : ''}£${(Math.abs(x) / 1_000_000).toFixed(1)}m`;
      const lines = [
        `Scenario: ${result.baseline.years.length}-year totals (child-years): own LA / elsewhere in consortium / outside / unmet; 20+ miles share; missing incidents; cost; NPV`,
      ];
      for (const o of [result.baseline, ...result.outcomes]) {
        const t = o.totals;
        lines.push(
          `${o.scenario.name}${o.scenario.illustrative ? ' (illustrative)' : ''}: ${t.placedOwnLa} / ${t.placedElsewhereInConsortium} / ${t.placedOutside} / ${t.unmet}; ${(t.over20MilesShare * 100).toFixed(1)}%; ${Math.round(t.expectedMissingIncidents)}; ${money(t.cost.total)}; ${money(o.npv.total)}`,
          `  of the cost: travel and staff time ${money(t.cost.travel)}, missing incidents ${money(t.cost.missingEpisodes)}${t.cost.residualValue !== 0 ? `, residual value of new homes ${money(t.cost.residualValue)}` : ''}`,
        );
        // Compare: what each lever did (or why it changed nothing) and each block contract's break-even.
        const difference = sub === 'compare' ? result.comparison.scenarios.find((d) => d.id === o.scenario.id) : null;
        for (const note of difference?.notes ?? []) lines.push(`  ${note}`);
      }
      for (const o of [result.baseline, ...result.outcomes]) {
        const p = o.totals.percentiles.totalCost;
        lines.push(
          '',
          `${o.scenario.name}: cost ${money(o.totals.cost.total)}, 80% range ${money(p.p10)}–${money(p.p90)} (demand, and the cost assumptions drawn in every simulation).`,
        );
        const s = o.sensitivity;
        if (s) {
          lines.push(s.costSentence, s.gapSentence);
          lines.push(
            `What moves the cost (each input at the ends of its range, the others held): ${s.cost
              .map((b) => `${b.label}: ${money(b.atLow)} to ${money(b.atHigh)}`)
              .join('; ')}.`,
          );
        }
      }
      for (const r of result.needsRepair ?? []) lines.push(`Skipped: ${needsRepairMessage(r)}`);
      io.stdout(`${lines.join('\n')}\n`);
    }
    return 0;
  });
}

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

async function runRecommendCli(args: readonly string[], io: CliIo): Promise<number> {
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
  const { recommendForPlan } = await import('./services/recommendService.js');
  return withCliContext(async (context) => {
    await openPlanOrNew(context, plan);
    const answer = recommendForPlan(context.plans, {
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
    const { recommendationText } = await import('../shared/recommend/text.js');
    io.stdout(`${recommendationText(answer).join('\n')}\n`);
    return 0;
  });
}

/** Runs `fn` with a throw-away app context: its own data folder, so the user's recent plans are untouched. */
/** The file given with --plan, resolved; a missing value, or another option in its place, is a usage error. */
function planFileArg(value: string | undefined): string {
  if (!value || value.startsWith('--')) throw new UsageError('--plan needs a file path.');
  return path.resolve(value);
}

/** The plan's own calls (./services/handlers/planHandlers.ts), as IPC and HTTP bind them. */
async function planCalls(context: AppContext) {
  const { planHandlers } = await import('./services/handlers/planHandlers.js');
  return planHandlers(context.plans, context.appInfo);
}

/** Opens the plan file given, or a new plan on the built-in data when there is none. */
async function openPlanOrNew(context: AppContext, planFile: string | undefined): Promise<void> {
  // reading only: another program may hold the plan for changes
  if (planFile) context.plans.openPlan(planFile, { lock: 'none' });
  else {
    await loadBuiltInTemplate();
    context.plans.newPlan();
  }
}

/**
 * Runs `fn` on a plan file for a command that only reads it: the file opened read-only in place where
 * that is safe (electron/store/planReadOnly.ts says when and why), without the plan service, a working
 * copy or the full integrity check; otherwise on a working copy opened the usual way (migrated when
 * older, with the usual messages for a damaged or newer plan). `name` is the plan's name.
 */
async function withPlanForReading<T>(
  planFile: string,
  fn: (plan: PlanReader, name: string) => T | Promise<T>,
): Promise<T> {
  const { openPlanReadOnly, planNameFromPath } = await import('./store/planReadOnly.js');
  const db = openPlanReadOnly(planFile);
  if (db) {
    try {
      return await fn({ read: (read) => read(db) }, planNameFromPath(planFile));
    } finally {
      db.close();
    }
  }
  return withCliContext(async (context) => {
    const { name } = context.plans.openPlan(planFile, { lock: 'none' });
    return fn(context.plans, name);
  });
}

let builtIn: BuiltInDataset | null = null;
let importServiceModule: typeof import('./services/importService.js') | null = null;
let authorities: typeof import('./services/reference.js').authorityLookup | null = null;

/** Loads the import service and its parsers, for the commands that import or list imports. */
async function loadImportService(): Promise<void> {
  const [module, reference] = await Promise.all([
    import('./services/importService.js'),
    import('./services/reference.js'),
  ]);
  importServiceModule = module;
  authorities = reference.authorityLookup;
}

/**
 * Loads the built-in national dataset (2.6 MB) and the placement-flow fit the build made for it
 * (dist/node/builtin-flow-fit.json beside this file, when there is one), once, for commands that
 * make a new plan; commands that only open a plan file never load them.
 */
async function loadBuiltInTemplate(): Promise<BuiltInDataset> {
  if (builtIn) return builtIn;
  const [{ checkDataset }, { loadFlowFit }] = await Promise.all([
    import('./services/templateCheck.js'),
    import('./services/flowFitStore.js'),
  ]);
  loadFlowFit(fileURLToPath(new URL('./builtin-flow-fit.json', import.meta.url)));
  // The build copies the dataset beside this file: JSON.parse reads it several times faster than the
  // same data bundled as JavaScript. Run from source (tests), it comes from the bundled module.
  let text: string | null;
  try {
    text = fs.readFileSync(new URL('./builtin-england.json', import.meta.url), 'utf8');
  } catch {
    text = null;
  }
  builtIn =
    text === null
      ? (await import('./services/template.js')).builtInTemplate
      : checkDataset(JSON.parse(text) as BuiltInDataset);
  return builtIn;
}

async function withCliContext<T>(
  fn: (context: AppContext) => Promise<T>,
  importLimits?: Partial<InputLimits>,
): Promise<T> {
  const [{ makeCliTempDir, sweepCliTempDirs }, { createCoreContext }] = await Promise.all([
    import('./store/workingCopies.js'),
    import('./services/coreContext.js'),
  ]);
  // Folders left by runs that were killed hold working copies (child-level data): remove them.
  sweepCliTempDirs();
  const dataDir = makeCliTempDir();
  const removeDataDir = () => fs.rmSync(dataDir, { recursive: true, force: true });
  const core = createCoreContext({
    mode: 'browser',
    dataDir,
    // a new plan (or an import creating one) needs it: loaded first by loadBuiltInTemplate
    template: () => {
      if (!builtIn) throw new PlannerError('INTERNAL', 'The built-in dataset was not loaded.');
      return builtIn;
    },
    program: 'the command line',
    autosaveIntervalMs: 0,
  });
  let imports: ImportService | null = null;
  const context: AppContext = {
    ...core,
    // made on first use, by commands that loaded it first (loadImportService)
    get imports(): ImportService {
      if (!importServiceModule || !authorities) {
        throw new PlannerError('INTERNAL', 'The import service was not loaded.');
      }
      imports ??= new importServiceModule.ImportService(
        core.plans,
        authorities,
        importLimits ? { limits: importLimits } : {},
      );
      return imports;
    },
  };
  // Ctrl+C or a polite kill still removes the working copy and its folder.
  const onSignal = (signal: NodeJS.Signals) => {
    context.plans.dispose();
    removeDataDir();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await fn(context);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    context.plans.dispose();
    removeDataDir();
  }
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'new':
        return await runNew(rest, io);
      case 'summary':
        return await runSummary(rest, io);
      case 'import':
        return await runImport(rest, io);
      case 'project':
        return await runProject(rest, io);
      case 'backtest':
        return await runBacktestCli(rest, io);
      case 'template':
        return await runTemplate(rest, io);
      case 'export':
        return await runExport(rest, io);
      case 'scenario':
        return await runScenarioCli(rest, io);
      case 'recommend':
        return await runRecommendCli(rest, io);
      case 'help':
      case '--help':
      case '-h':
        io.stdout(USAGE);
        return 0;
      case 'version':
      case '--version':
        io.stdout(`${pkg.version}\n`);
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
  void runCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  }).then((code) => {
    process.exitCode = code;
  });
}
