/**
 * The API's result types: what each call returns (plan state, import previews, map data, projections, scenarios, exports), as plain serialisable data.
 */
import { z } from 'zod';
import type { BacktestResult, ProjectionResult } from '../../forecast/types.js';
import { type PlanBacktestReport } from '../../forecast/planBacktestReport.js';
import type { Recommendation } from '../../recommend/index.js';
import type { PlanSummary } from '../../model/summary.js';
import type { ConsortiumPreset } from '../../model/consortia.js';
import type { SensitivityRow } from '../../scenario/costUncertainty.js';
import {
  type NonMemberLever,
  type Scenario,
  type ScenarioComparison,
  type ScenarioContextWire,
  type ScenarioNeedingRepair,
  type ScenarioOutcome,
} from '../../scenario/index.js';
import { importFileSchema } from './callArgs.js';

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
  flows: import('../../model/placements.js').PlacementFlow[];
  sources: import('../../model/dataset.js').Source[];
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
    projection: import('../../forecast/stockflow/types.js').StockFlowProjection;
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
