/**
 * The one API contract between the UI and its host. The Electron preload (IPC) and the
 * browser-mode host (HTTP) both implement exactly these calls, and both validate every
 * argument with these schemas at the boundary.
 */
import { z } from 'zod';
import type { ApiResult } from './errors.js';
import { plainIssue } from './fieldNames.js';
import { camelWords } from '../model/words.js';
import { callArgSchemas, planPathSchema, type CallArgs, type CallName } from './contract/callArgs.js';
import type { CallResults } from './contract/callResults.js';
export {
  callArgSchemas,
  callNames,
  importFileSchema,
  isCallName,
  planPathSchema,
  type CallArgs,
  type CallName,
} from './contract/callArgs.js';
export {
  changesSomething,
  type AppInfo,
  type AuthorityChoice,
  type CallResults,
  type ChosenPath,
  type GeometryObject,
  type HostMode,
  type ImportFilePreview,
  type ImportFileRef,
  type ImportIssueView,
  type ImportLayerView,
  type ImportLogEntry,
  type ImportPreview,
  type MapData,
  type OpenPlanState,
  type PlanState,
  type RecentPlan,
  type RecoverablePlan,
} from './contract/callResults.js';

/** Commands the native menu sends to the UI (Electron only). */
export type MenuCommand =
  | { command: 'new' | 'open' | 'save' | 'saveAs' | 'close' | 'about' | 'dataSources' }
  | { command: 'openRecent'; path: string }
  | { command: 'export'; format: ExportFormat };

/** What File › Export and the Report view save: the report as a PDF, the tables as a workbook or as CSV files. */
export type ExportFormat = 'pdf' | 'xlsx' | 'csv';

export const menuCommandSchema = z.union([
  z.object({ command: z.enum(['new', 'open', 'save', 'saveAs', 'close', 'about', 'dataSources']) }).strict(),
  z.object({ command: z.literal('openRecent'), path: planPathSchema }).strict(),
  z.object({ command: z.literal('export'), format: z.enum(['pdf', 'xlsx', 'csv']) }).strict(),
]);

/** What a transport exposes as window.planner: one method per call, results never throw. */
export type PlannerBridge = {
  [K in CallName]: (args: CallArgs<K>) => Promise<ApiResult<CallResults[K]>>;
} & {
  /** Subscribes to native menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** The host path of a dropped file (Electron), or null where files have no path (browser mode). */
  pathForFile(file: { readonly name: string; readonly size: number }): string | null;
};

/** What the Node side implements behind either transport. */
export type PlannerHandlers = {
  [K in CallName]: (args: z.output<(typeof callArgSchemas)[K]>) => Promise<CallResults[K]> | CallResults[K];
};

/** Validates one call's arguments; returns the parsed value or an ApiError-shaped failure. */
export function validateCallArgs<K extends CallName>(
  name: K,
  args: unknown,
): { ok: true; value: z.output<(typeof callArgSchemas)[K]> } | { ok: false; error: import('./errors.js').ApiError } {
  const parsed = callArgSchemas[name].safeParse(args ?? {});
  if (parsed.success) return { ok: true, value: parsed.data as z.output<(typeof callArgSchemas)[K]> };
  return {
    ok: false,
    error: {
      code: 'INVALID_ARGUMENT',
      // in plain words ("Could not set horizon: Years: …"); the raw paths stay in the details
      message: `Could not ${camelWords(name)}: ${parsed.error.issues.map((i) => plainIssue(i.path, i.message)).join('; ')}`,
      details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    },
  };
}
