/**
 * The one API contract between the UI and its host. The Electron preload (IPC) and the
 * browser-mode host (HTTP) both implement exactly these calls, and both validate every
 * argument with these schemas at the boundary.
 */
import { z } from 'zod';
import type { ApiResult } from './errors.js';
import { plainIssue } from './fieldNames.js';
import { camelWords } from '../model/words.js';
import type { BacktestResult, ProjectionResult } from '../forecast/types.js';
import { BACKTEST_MEASURES, type PlanBacktestReport } from '../forecast/planBacktestReport.js';
import type { Recommendation } from '../recommend/index.js';
import type { PlanSummary } from '../model/summary.js';
import type { ConsortiumPreset } from '../model/consortia.js';
import type { SensitivityRow } from '../scenario/costUncertainty.js';
import {
  scenarioSchema,
  type NonMemberLever,
  type Scenario,
  type ScenarioComparison,
  type ScenarioContextWire,
  type ScenarioNeedingRepair,
  type ScenarioOutcome,
} from '../scenario/index.js';

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

/**
 * What the user chose for one file in the import preview: the layer of a boundary file with several
 * (TopoJSON objects), and the date of an Ofsted snapshot whose title rows, sheet name and file name
 * give none (or give the wrong one).
 */
const importFileOptions = {
  layer: z.string().min(1).max(200).optional(),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'The snapshot date must be written as YYYY-MM-DD, e.g. 2023-03-31.')
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
      'That is not a date.',
    )
    .optional(),
};

/** A file to import: a path on the host (desktop, CLI), or its contents (browser mode drop). */
export const importFileSchema = z.union([
  z.object({ path: planPathSchema, ...importFileOptions }).strict(),
  z
    .object({
      name: z.string().min(1).max(255),
      // base64 of at most 256 MiB
      contentBase64: z.string().max(358_000_000, 'The file is too large to send from the browser: import it by path.'),
      ...importFileOptions,
    })
    .strict(),
]);

/** Members of a consortium: English upper-tier LA codes, each once. */
const memberCodesSchema = z
  .array(
    z
      .string()
      .regex(/^E(06|08|09|10)\d{6}$/, 'Each member must be an English upper-tier LA code (E06, E08, E09 or E10).'),
  )
  .min(1, 'A consortium needs at least one member authority.')
  .max(160, 'There are fewer than 160 upper-tier authorities in England.')
  .refine((codes) => new Set(codes).size === codes.length, 'Each authority may be listed only once.');

/** A consortium chosen for a new plan: its name and members. */
const consortiumSchema = z
  .object({ name: z.string().trim().min(1, 'Give the consortium a name.').max(120), members: memberCodesSchema })
  .strict();

export const callArgSchemas = {
  getAppInfo: noArgs,
  getPlanState: noArgs,
  newPlan: z.object({ consortium: consortiumSchema.optional() }).strict(),
  listConsortiumPresets: noArgs,
  listBuiltInAuthorities: noArgs,
  openPlan: z.object({ path: planPathSchema }).strict(),
  /**
   * Opens a plan file for changes by this program alone, or starts a new plan (for `consortium`, or
   * the default one) to be saved there when the file does not exist yet; refused while another
   * program holds it, and with `mustNotExist` when the file exists (`planner new`, `planner import`).
   */
  openPlanForChanges: z
    .object({ path: planPathSchema, consortium: consortiumSchema.optional(), mustNotExist: z.boolean().default(false) })
    .strict(),
  savePlan: noArgs,
  savePlanAs: z.object({ path: planPathSchema }).strict(),
  closePlan: noArgs,
  listRecentPlans: noArgs,
  listRecoverablePlans: noArgs,
  recoverPlan: z.object({ id: z.string().regex(/^plan-\d{1,10}-[0-9a-f]{1,32}$/) }).strict(),
  discardRecoverablePlan: z.object({ id: z.string().regex(/^plan-\d{1,10}-[0-9a-f]{1,32}$/) }).strict(),
  chooseOpenPath: noArgs,
  chooseSavePath: z.object({ suggestedName: z.string().min(1).max(255) }).strict(),
  getPlanSummary: noArgs,
  listAuthorities: noArgs,
  setMembership: z.object({ codes: memberCodesSchema }).strict(),
  previewImport: z
    .object({
      files: z.array(importFileSchema).min(1, 'Choose at least one file.').max(50, 'Import at most 50 files at once.'),
    })
    .strict(),
  getImportProgress: noArgs,
  cancelImport: noArgs,
  commitImport: z.object({ previewId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(),
  discardImport: z.object({ previewId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) }).strict(),
  listImports: noArgs,
  getProjection: z
    .object({
      method: z.enum(['rate', 'manual']).default('rate'),
      horizonYears: z.number().int().min(1).max(10).optional(),
      simulations: z.number().int().min(0).max(20_000).optional(),
      seed: z.number().int().min(0).max(2_147_483_647).optional(),
      manualGrowth: z.record(z.string().regex(/^E\d{8}$/), z.number().gt(-1).lt(10)).optional(),
      withBacktest: z.boolean().default(true),
    })
    .strict(),
  setHorizon: z.object({ years: z.number().int().min(1).max(10) }).strict(),
  /** The rolling-origin backtest on the plan's own figures (`planner backtest`). */
  getPlanBacktest: z
    .object({
      allEngland: z.boolean().default(false),
      measure: z.enum(BACKTEST_MEASURES).default('childrenInChildrensHomes'),
      from: z.number().int().min(1990).max(2100).optional(),
      to: z.number().int().min(1990).max(2100).optional(),
      horizons: z.array(z.number().int().min(1).max(10)).min(1).max(10).default([1, 2, 3]),
    })
    .strict()
    .refine(
      (a) => a.from === undefined || a.to === undefined || a.from < a.to,
      'From must be before to (the backtest needs at least two years).',
    ),
  /** Where to open consortium-run homes within a capital budget (`planner recommend`). */
  recommendHomes: z
    .object({
      budget: z.number().min(0).max(1e10),
      objective: z.enum(['local', 'distance', 'cost']).optional(),
      sizes: z.array(z.number().int().min(1).max(50)).min(1).max(50).optional(),
      candidates: z.array(z.string().min(1).max(100)).min(1).max(200).optional(),
      openingYears: z
        .array(z.string().regex(/^\d{4}$/))
        .min(1)
        .max(50)
        .optional(),
      runningCostCeiling: z.number().min(0).max(1e10).optional(),
      needTypes: z
        .array(z.enum(['mainstream', 'soloComplex']))
        .min(1)
        .max(2)
        .optional(),
      simulations: z.number().int().min(1).max(5000).optional(),
      seed: z.number().int().min(0).max(2_147_483_647).optional(),
    })
    .strict(),
  setAssumption: z
    .object({
      key: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{1,63}$/),
      value: z.number().finite(),
    })
    .strict(),
  writeDataTemplate: z.object({ path: planPathSchema, prefill: z.boolean().default(true) }).strict(),
  /**
   * The plan's tables as a workbook (one sheet per table, number formats) or as CSV files (one per
   * table, in the folder at `path`, made if need be): the same tables as `planner export`.
   */
  exportPlan: z
    .object({
      format: z.enum(['xlsx', 'csv']),
      path: planPathSchema,
      scenarios: z
        .array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/))
        .max(4, 'An export includes at most four scenarios besides the baseline.')
        .optional(),
    })
    .strict(),
  exportPdf: z
    .object({
      path: planPathSchema,
      scenarios: z
        .array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/))
        .max(4, 'A report includes at most four scenarios besides the baseline.')
        .optional(),
    })
    .strict(),
  getStockFlowProjection: z
    .object({
      mode: z.enum(['sf-regional', 'corrected']).default('corrected'),
      la: z.array(z.string().min(1).max(100)).max(200).optional(),
      referenceMonths: z.number().int().min(1).max(120).optional(),
      referenceStart: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give dates as yyyy-mm-dd.')
        .optional(),
      referenceEnd: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'Give dates as yyyy-mm-dd.')
        .optional(),
      horizonMonths: z.number().int().min(1).max(120).default(60),
      reportMonths: z.array(z.number().int().min(0).max(120)).max(120).optional(),
      simulations: z.number().int().min(0).max(20_000).optional(),
      seed: z.number().int().min(0).max(2_147_483_647).optional(),
      /** Unaccompanied asylum-seeking children: all children (default), only them, or all but them. */
      uasc: z.enum(['all', 'only', 'excluded']).optional(),
    })
    .strict()
    .refine(
      (a) => !(a.referenceMonths !== undefined && a.referenceStart !== undefined),
      'Give either referenceMonths or referenceStart, not both.',
    ),
  removeSsda903: noArgs,
  countSsda903: noArgs,
  listScenarios: noArgs,
  saveScenario: z.object({ scenario: scenarioSchema }).strict(),
  duplicateScenario: z
    .object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/), name: z.string().trim().min(1).max(120) })
    .strict(),
  deleteScenario: z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }).strict(),
  runScenarios: z
    .object({
      ids: z
        .array(z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/))
        .max(4, 'Compare at most four scenarios with the baseline.'),
      simulations: z.number().int().min(0).max(5000).optional(),
      seed: z.number().int().min(0).max(2_147_483_647).optional(),
      horizonYears: z.number().int().min(1).max(10).optional(),
    })
    .strict(),
  runSensitivity: z.object({ id: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }).strict(),
  getScenarioContext: z
    .object({
      simulations: z.number().int().min(0).max(2000).optional(),
      seed: z.number().int().min(0).max(2_147_483_647).optional(),
      horizonYears: z.number().int().min(1).max(10).optional(),
    })
    .strict(),
  getMapData: noArgs,
  setMapGeometry: z.object({ geometry: z.enum(['hex', 'boundaries']) }).strict(),
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
  /** True when another program holds the plan file for changes: Save is refused, Save as works. */
  readOnly: boolean;
  /** Says who holds it and what to do, when read-only. */
  readOnlyReason: string | null;
  /** Years the plan projects ahead (1–10, default 5): projections, scenarios, the map, reports and exports follow it. */
  horizonYears: number;
}

export type PlanState = OpenPlanState | { open: false };

/** Work a run that crashed (or was killed) left unsaved, kept in its working copy. */
export interface RecoverablePlan {
  id: string;
  planName: string;
  /** The plan file it belongs to; null for a plan never saved. */
  planPath: string | null;
  consortiumName: string;
  openedAt: string;
  /** When it was last saved automatically; null if the run ended before its first autosave. */
  autosavedAt: string | null;
  bytes: number;
}

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

export type ImportFileRef = z.infer<typeof importFileSchema>;

export interface ImportIssueView {
  severity: 'error' | 'warning';
  file: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** What importing one file would change in the plan. */
export interface ImportFilePreview {
  fileName: string;
  sha256: string;
  kind: string;
  /** Plain-English name of the kind of file, e.g. "DfE: children looked after, number and rate". */
  kindLabel: string;
  reason: string;
  sheetName: string | null;
  encoding: string | null;
  rowsRead: number;
  /** Figures new to the plan, and figures that replace ones already held (same area, measure, period). */
  added: number;
  replaced: number;
  /** Rows about areas this plan does not hold (e.g. other regions), not taken. */
  skippedOutsidePlan: number;
  areas: number;
  periods: string[];
  measures: string[];
  /** What the file holds that the plan does not model yet, e.g. SSDA903 episodes before stock-flow. */
  notTaken: string[];
  errorCount: number;
  warningCount: number;
  /** The first issues (all errors first); counts above are complete. */
  issues: ImportIssueView[];
  /**
   * Boundary files: every layer with what it matches (the user may choose another: preview again
   * with `layer`), and the layer read. Absent for other files.
   */
  layers?: ImportLayerView[];
  layer?: string | null;
  /**
   * Ofsted snapshots: the date read and where it came from ('file': title rows, sheet or file name;
   * 'user': the asOf given), or null when none could be found (an error asks for one: preview again
   * with `asOf`). Absent for other files.
   */
  asOf?: { date: string | null; from: 'file' | 'user' | null };
}

/**
 * Whether committing the file would add or replace anything in the plan. A file that would not (a
 * table the planner does not use, figures only for areas outside the plan) is not imported: it is
 * not logged, and no "Imported." is said for it.
 */
export function changesSomething(preview: Pick<ImportFilePreview, 'added' | 'replaced'>): boolean {
  return preview.added + preview.replaced > 0;
}

/** One layer of a boundary file, as the import preview lists it. */
export interface ImportLayerView {
  name: string;
  features: number;
  codeField: string | null;
  /** Current English upper-tier authorities matched. */
  authorities: number;
  /** The plan's members matched. */
  members: number;
}

export interface ImportPreview {
  previewId: string;
  files: ImportFilePreview[];
  /** False when any file has an error: nothing can be committed until it is fixed. */
  canCommit: boolean;
}

export interface ImportLogEntry {
  id: number;
  fileName: string;
  sha256: string;
  kind: string;
  sheetName: string | null;
  importedAt: string;
  rowsRead: number;
  rowsAdded: number;
  rowsReplaced: number;
  warnings: number;
  sourceId: string;
}

/** A GeoJSON geometry (Polygon or MultiPolygon), longitude/latitude. */
export interface GeometryObject {
  type: string;
  coordinates: unknown;
}

export interface MapData {
  /** The geometry the plan shows; 'boundaries' only when boundaries are imported. */
  geometry: 'hex' | 'boundaries';
  areas: { code: string; name: string; centroidLat: number | null; centroidLon: number | null; isMember: boolean }[];
  boundaries: { features: { code: string; name: string; geometry: GeometryObject }[]; sourceId: string } | null;
  /** An imported hex layout; null means: generate one from centroids. */
  hexLayout: { code: string; q: number; r: number }[] | null;
  /** The source of the imported hex layout (for the map's caption); absent when none is used. */
  hexLayoutSourceId?: string;
  flows: import('../model/placements.js').PlacementFlow[];
  sources: import('../model/dataset.js').Source[];
}

export interface CallResults {
  getAppInfo: AppInfo;
  getPlanState: PlanState;
  newPlan: OpenPlanState;
  listConsortiumPresets: ConsortiumPreset[];
  /** Every upper-tier authority in the built-in data, for choosing a new plan's members (no plan needed). */
  listBuiltInAuthorities: AuthorityChoice[];
  openPlan: OpenPlanState;
  /** `created`: a new plan, to be saved at the path (no file there yet). */
  openPlanForChanges: OpenPlanState & { created: boolean };
  savePlan: OpenPlanState;
  savePlanAs: OpenPlanState;
  closePlan: PlanState;
  listRecentPlans: RecentPlan[];
  listRecoverablePlans: RecoverablePlan[];
  recoverPlan: OpenPlanState;
  discardRecoverablePlan: { discarded: boolean };
  chooseOpenPath: ChosenPath;
  chooseSavePath: ChosenPath;
  getPlanSummary: PlanSummary;
  renameConsortium: OpenPlanState;
  listAuthorities: AuthorityChoice[];
  setMembership: OpenPlanState;
  previewImport: ImportPreview;
  commitImport: { state: OpenPlanState; logged: ImportLogEntry[] };
  discardImport: { discarded: boolean };
  getImportProgress: {
    running: boolean;
    files: number;
    /** 0-based index of the file being read. */
    current: number;
    fileName: string;
    stage: 'reading' | 'parsing' | 'checking' | null;
    startedAt: string | null;
  };
  cancelImport: { cancelled: boolean };
  listImports: ImportLogEntry[];
  getProjection: { projection: ProjectionResult; backtest: BacktestResult | null };
  setAssumption: OpenPlanState;
  /** Sets the plan's projection horizon (saved with the plan). */
  setHorizon: OpenPlanState;
  getPlanBacktest: PlanBacktestReport;
  recommendHomes: Recommendation;
  getMapData: MapData;
  setMapGeometry: OpenPlanState;
  writeDataTemplate: { path: string };
  exportPlan: { files: string[] };
  /** The PDF report written (path ends in .pdf) and its number of pages. */
  exportPdf: { path: string; pages: number };
  getStockFlowProjection: {
    projection: import('../forecast/stockflow/types.js').StockFlowProjection;
    referenceStart: string;
    referenceEnd: string;
    las: string[];
    children: number;
    episodes: number;
    warnings: number;
    errors: number;
  };
  removeSsda903: { removedFiles: number; state: OpenPlanState };
  /** SSDA903 files the plan holds: the stock-flow model needs at least a header and an episodes table. */
  countSsda903: { files: number };
  listScenarios: (Scenario & {
    updatedAt: string | null;
    editable: boolean;
    /**
     * Levers naming an authority that is not a member of the consortium (the scenario cannot be
     * run until they are repaired), each with the member suggested in its place; empty when none.
     */
    nonMembers?: NonMemberLever[];
  })[];
  saveScenario: OpenPlanState;
  duplicateScenario: { id: string; state: OpenPlanState };
  deleteScenario: OpenPlanState;
  runScenarios: {
    baseline: ScenarioOutcome;
    /** The scenarios asked for that could be run, in the order asked. */
    outcomes: ScenarioOutcome[];
    comparison: ScenarioComparison;
    /**
     * The scenarios asked for that could not be run (naming a non-member, say), with their issues;
     * the baseline and the rest still run. Absent from hosts that predate it.
     */
    needsRepair?: ScenarioNeedingRepair[];
  };
  /**
   * What the renderer's scenario worker runs scenarios on: the plan's scenario context (projection,
   * supply, prices, calibration) and a key that changes whenever the context does.
   */
  getScenarioContext: { key: string; context: ScenarioContextWire };
  runSensitivity: {
    scenario: string;
    /** The horizon year the gap is for. */
    year: string;
    base: { cost: number; npv: number; gap: number };
    /** Which input drives the horizon cost and the gap, in a sentence each. */
    sentences: { cost: string; gap: string };
    /** What the tornado leaves out, in a sentence. */
    note: string;
    /**
     * Each input at the ends of its stated range (shared/scenario/costUncertainty.ts): widest cost
     * swing first, then inputs that move only the gap.
     */
    bars: SensitivityRow[];
  };
}

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
