/**
 * `planner import --plan FILE PATH...`: imports published files into the plan (made from the built-in
 * template when there is no file yet), through the API calls openPlanForChanges (refused while
 * another program holds the plan), previewImport, commitImport and savePlan. Any error blocks the
 * import and changes nothing.
 */
import path from 'node:path';
import { changesSomething, type ImportLogEntry, type ImportPreview } from '#shared/api/contract.js';
import { formatIssue } from '#shared/import/report.js';
import { callHandler } from '../../services/dispatch.js';
import { maxInputBytes } from '../../services/paths.js';
import { planFileArg, UsageError, type CliIo } from '../args.js';
import { cliHandlers, loadBuiltInTemplate, withCliContext } from '../session.js';

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

/** The preview as text: each file, what it adds, its issues, and what was imported. */
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
export async function runImport(args: readonly string[], io: CliIo): Promise<number> {
  const options = parseImportArgs(args);
  // a new plan is made from the template
  await loadBuiltInTemplate();
  return withCliContext(
    async (context) => {
      const handlers = await cliHandlers(context, ['plan', 'import']);
      // One writer per plan: refused, naming the holder, while another program has it open for changes.
      const exists = !(await callHandler(handlers, 'openPlanForChanges', { path: options.plan })).created;
      const preview = await callHandler(handlers, 'previewImport', {
        files: options.paths.map((p) => ({ path: p, ...options.choices })),
      });
      const imported = preview.canCommit && preview.files.some(changesSomething);
      let logged: ImportLogEntry[] = [];
      if (imported) {
        logged = (await callHandler(handlers, 'commitImport', { previewId: preview.previewId })).logged;
        await callHandler(handlers, 'savePlan', {});
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
