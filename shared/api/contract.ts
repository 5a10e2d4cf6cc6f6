/**
 * The one API contract between the UI and its host. The Electron preload (IPC) and the
 * browser-mode host (HTTP) both implement exactly these calls, and both validate every
 * argument with these schemas at the boundary.
 */
import { z } from 'zod';
import type { ApiResult } from './errors.js';
import type { PlanSummary } from '../model/summary.js';

const noArgs = z.object({}).strict();

/** An absolute path on the host machine, as typed or chosen by the user. */
export const planPathSchema = z
  .string()
  .min(1, 'A file path is required.')
  .max(4096, 'The file path is too long.')
  .refine((p) => !p.includes('\0'), 'The file path contains a NUL character.')
  .refine(
    (p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'),
    'Enter the full path of the file (for example /home/you/plans/gm.ccplan).',
  );

export const callArgSchemas = {
  getAppInfo: noArgs,
  getPlanState: noArgs,
  newPlan: noArgs,
  openPlan: z.object({ path: planPathSchema }).strict(),
  savePlan: noArgs,
  savePlanAs: z.object({ path: planPathSchema }).strict(),
  closePlan: noArgs,
  listRecentPlans: noArgs,
  chooseOpenPath: noArgs,
  chooseSavePath: z.object({ suggestedName: z.string().min(1).max(255) }).strict(),
  getPlanSummary: noArgs,
  listAuthorities: noArgs,
  setMembership: z
    .object({
      codes: z
        .array(z.string().regex(/^E(06|08|09|10)\d{6}$/, 'Each member must be an English upper-tier LA code (E06, E08, E09 or E10).'))
        .min(1, 'A consortium needs at least one member authority.')
        .max(160, 'There are fewer than 160 upper-tier authorities in England.')
        .refine((codes) => new Set(codes).size === codes.length, 'Each authority may be listed only once.'),
    })
    .strict(),
  renameConsortium: z
    .object({
      name: z
        .string()
        .trim()
        .min(1, 'The consortium needs a name.')
        .max(120, 'Keep the consortium name under 120 characters.'),
    })
    .strict(),
} as const;

export type CallName = keyof typeof callArgSchemas;
export const callNames = Object.keys(callArgSchemas) as CallName[];

export function isCallName(value: string): value is CallName {
  return Object.prototype.hasOwnProperty.call(callArgSchemas, value);
}

export type CallArgs<K extends CallName> = z.input<(typeof callArgSchemas)[K]>;

export type HostMode = 'electron' | 'browser';

export interface AppInfo {
  appName: string;
  version: string;
  mode: HostMode;
  schemaVersion: number;
}

export interface OpenPlanState {
  open: true;
  /** File name without extension, or "Untitled plan". */
  name: string;
  path: string | null;
  untitled: boolean;
  /** Changed since it was last saved (an untitled plan from the template is not dirty until edited). */
  dirty: boolean;
  consortiumName: string;
  schemaVersion: number;
}

export type PlanState = OpenPlanState | { open: false };

export interface RecentPlan {
  path: string;
  name: string;
  lastOpened: string;
  exists: boolean;
}

export interface ChosenPath {
  /** null when the user cancelled. */
  path: string | null;
}

/** An English upper-tier authority the consortium can include. */
export interface AuthorityChoice {
  onsCode: string;
  dfeCode: string | null;
  name: string;
  regionName: string | null;
  isMember: boolean;
  /** How many published figures the plan holds for it (0: joining adds no data until imported). */
  observationCount: number;
}

export interface CallResults {
  getAppInfo: AppInfo;
  getPlanState: PlanState;
  newPlan: OpenPlanState;
  openPlan: OpenPlanState;
  savePlan: OpenPlanState;
  savePlanAs: OpenPlanState;
  closePlan: PlanState;
  listRecentPlans: RecentPlan[];
  chooseOpenPath: ChosenPath;
  chooseSavePath: ChosenPath;
  getPlanSummary: PlanSummary;
  renameConsortium: OpenPlanState;
  listAuthorities: AuthorityChoice[];
  setMembership: OpenPlanState;
}

/** Commands the native menu sends to the UI (Electron only). */
export type MenuCommand =
  | { command: 'new' | 'open' | 'save' | 'saveAs' | 'close' | 'about' | 'dataSources' }
  | { command: 'openRecent'; path: string };

export const menuCommandSchema = z.union([
  z.object({ command: z.enum(['new', 'open', 'save', 'saveAs', 'close', 'about', 'dataSources']) }).strict(),
  z.object({ command: z.literal('openRecent'), path: planPathSchema }).strict(),
]);

/** What a transport exposes as window.planner: one method per call, results never throw. */
export type PlannerBridge = {
  [K in CallName]: (args: CallArgs<K>) => Promise<ApiResult<CallResults[K]>>;
} & {
  /** Subscribes to native menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
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
      message: `Invalid arguments for ${name}: ${parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ')}`,
      details: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    },
  };
}
