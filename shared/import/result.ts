/**
 * What reading one imported file gives (./index.ts, parseImportFile): its kind, typed rows, issues
 * and a summary of what it held; and the options a read takes.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { Observation } from '../model/dataset.js';
import type { MeasureId } from '../model/measures.js';
import type { ChildrensHome, SupplyMovement, SupplyRow } from '../model/supply.js';
import type { FileKind } from './detect.js';
import type { InputLimits } from './limits.js';
import type { PopulationProjection } from './ons.js';
import type { ImportIssue } from './report.js';
import type { DecodedText, TextEncoding } from './text.js';

export interface ImportSummary {
  /** Data rows read (header, title and blank rows excluded); features or hexes for boundary files. */
  rows: number;
  /** Distinct areas in the output. */
  areas: number;
  /** Distinct periods in the output (years ending 31 March, snapshot dates, projection years), sorted. */
  periods: string[];
  /** Measures of the observations, in the plan's order. */
  measures: MeasureId[];
  /**
   * Rows read but not taken into the plan (other tables, other geographies, abolished authorities, …),
   * by what they were; `what` reads after "N rows of", e.g. "provision type 'Boarding School'".
   */
  unmodelled: { what: string; rows: number }[];
}

export interface ImportResult {
  kind: FileKind;
  /** Why the file was taken to be this kind. */
  reason: string;
  /** How the bytes were decoded; null when a table of cells was given. */
  encoding: TextEncoding | null;
  /** The sheet read, when a workbook's sheets were given. */
  sheetName: string | null;
  /** For a published table the planner does not use: what it is ("DfE placement stability table"). */
  unusedTable?: string;
  observations: Observation[];
  /**
   * Figures to store only where the plan holds none for the same area, measure and period: a DfE
   * number-and-rate file's own denominators (population0to17), for the years the plan has no ONS
   * estimate for.
   */
  denominators?: Observation[];
  supply: SupplyRow[];
  homes: ChildrensHome[];
  projections: PopulationProjection[];
  /** Openings and closures of children's homes (Ofsted joiners and leavers); absent for other kinds. */
  supplyMovements?: SupplyMovement[];
  issues: ImportIssue[];
  summary: ImportSummary;
}

export interface ImportOptions {
  /** Source id stored on every row (defaults to the file name). */
  source?: string;
  /** Snapshot date for Ofsted files whose title rows, sheet name and file name give none ("2023-03-31"). */
  period?: string;
  /** Limits on the text's size and the table's cells (the defaults of ./limits.ts otherwise). */
  limits?: Partial<InputLimits>;
  /** The bytes already decoded by the caller (so that a large file is decoded once). */
  decoded?: DecodedText;
}
