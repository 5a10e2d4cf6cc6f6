/**
 * The API's argument schemas: one zod schema per call, which the preload (IPC), the browser-mode bridge (HTTP) and the CLI all validate against at the boundary, and the argument types they give.
 */
import { z } from 'zod';
import { BACKTEST_MEASURES } from '../../forecast/planBacktestReport.js';
import { scenarioSchema } from '../../scenario/levers.js';

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
