/**
 * The `planner` command line: runs the same domain code as the app, with no window, each command
 * through the same API calls as IPC and HTTP (callHandler in ../services/dispatch.ts: the contract's
 * zod validation at the boundary, then the handler groups of ../services/handlers/).
 *   planner summary [--plan FILE] [--json]
 * This entry holds only the dispatch and the help; each command (./commands/) is a chunk loaded when
 * it runs, and loads only the services it uses, and the 2.6 MB built-in dataset only when it makes a
 * new plan, so a command starts quickly.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pkg from '../../package.json';
import { PlannerError } from '#shared/api/errors.js';
import { UsageError, type CliIo } from './args.js';
import { setBuiltFilesFolder } from './builtFiles.js';
import { USAGE } from './usage.js';

export type { CliIo } from './args.js';

setBuiltFilesFolder(import.meta.url);

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'new':
        return await (await import('./commands/new.js')).runNew(rest, io);
      case 'summary':
        return await (await import('./commands/summary.js')).runSummary(rest, io);
      case 'import':
        return await (await import('./commands/import.js')).runImport(rest, io);
      case 'project':
        return await (await import('./commands/project.js')).runProject(rest, io);
      case 'backtest':
        return await (await import('./commands/backtest.js')).runBacktestCli(rest, io);
      case 'template':
        return await (await import('./commands/template.js')).runTemplate(rest, io);
      case 'export':
        return await (await import('./commands/export.js')).runExport(rest, io);
      case 'scenario':
        return await (await import('./commands/scenario.js')).runScenarioCli(rest, io);
      case 'recommend':
        return await (await import('./commands/recommend.js')).runRecommendCli(rest, io);
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
