/**
 * Entry point of browser mode: the same UI and API as the desktop app, served on 127.0.0.1.
 * Prints exactly one line to stdout: "Sufficiency Planner is running at http://127.0.0.1:PORT/?token=SECRET".
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from './browser-host/index.js';
import { createAppContext } from './services/appContext.js';
import { loadFlowFit } from './services/flowFitStore.js';
import { autosaveIntervalMs, defaultDataDir, maxInputBytes } from './services/paths.js';

export interface BrowserModeOptions {
  port: number;
  open: boolean;
  plan?: string;
  /** --autosave SECONDS (0: off); undefined: PLANNER_AUTOSAVE_SECONDS or one minute. */
  autosave?: string;
  /** --max-input-size SIZE; undefined: PLANNER_MAX_INPUT_SIZE or 1 GiB. */
  maxInputSize?: string;
}

export function parseBrowserArgs(argv: readonly string[]): BrowserModeOptions {
  const options: BrowserModeOptions = { port: 0, open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--browser') continue;
    if (arg === '--no-open') options.open = false;
    else if (arg === '--port') {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535)
        throw new Error('--port needs a number from 0 to 65535.');
      options.port = value;
    } else if (arg === '--autosave') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--autosave needs a number of seconds.');
      autosaveIntervalMs(value);
      options.autosave = value;
    } else if (arg === '--max-input-size') {
      const value = argv[++i];
      if (value === undefined) throw new Error('--max-input-size needs a size, e.g. 500MB or 2GiB.');
      maxInputBytes(value);
      options.maxInputSize = value;
    } else if (arg === '--plan') {
      const value = argv[++i];
      if (!value) throw new Error('--plan needs a file path.');
      options.plan = path.resolve(value);
    } else if (arg?.toLowerCase().endsWith('.ccplan')) options.plan = path.resolve(arg);
    else throw new Error(`Unknown option ${arg}.`);
  }
  return options;
}

function openInBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => process.stderr.write('Could not open a web browser: open the address above yourself.\n'));
    child.unref();
  } catch {
    process.stderr.write('Could not open a web browser: open the address above yourself.\n');
  }
}

export async function runBrowserMode(argv: readonly string[]): Promise<void> {
  const options = parseBrowserArgs(argv);
  const autosave = autosaveIntervalMs(options.autosave);
  const maxInput = maxInputBytes(options.maxInputSize);
  // the placement-flow fit the build made for the built-in figures (beside this file), for new plans
  loadFlowFit(fileURLToPath(new URL('./builtin-flow-fit.json', import.meta.url)));
  const context = createAppContext({
    mode: 'browser',
    dataDir: defaultDataDir(),
    ...(autosave === undefined ? {} : { autosaveIntervalMs: autosave }),
    ...(maxInput === undefined ? {} : { importLimits: { maxInputBytes: maxInput } }),
  });
  context.plans.openInitialPlan(options.plan);
  const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  const host = await startBrowserHost({ handlers: context.handlers, rendererDir, port: options.port });
  process.stdout.write(`Sufficiency Planner is running at ${host.url}\n`);
  if (options.open) openInBrowser(host.url);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`Stopping Sufficiency Planner (${signal}).\n`);
    void host.close().then(() => {
      context.plans.dispose();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // however the process ends short of a kill, its working copy (child-level data) goes with it
  process.once('exit', () => context.plans.dispose());
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  runBrowserMode(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`Sufficiency Planner could not start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
