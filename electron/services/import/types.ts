/**
 * A file of an import as the preview prepared it (its parsed rows, its source and its preview, and
 * for geometry and SSDA903 what is stored on commit), and a whole prepared import.
 */
import type { ImportFilePreview } from '#shared/api/contract.js';
import type { BoundaryFeature } from '#shared/geo/types.js';
import type { ImportResult } from '#shared/import/index.js';
import type { Ssda903SkippedTableCount } from '#shared/import/ssda903/index.js';
import type { Source } from '#shared/model/dataset.js';
import type { ImportRows } from '../../store/importData.js';
import type { Ssda903HeldTable } from '../importParse.js';

/** At most this many issues of a file are shown in its preview (the counts give the rest). */
export const MAX_ISSUES_SHOWN = 200;

export interface PreparedFile {
  fileName: string;
  sha256: string;
  /** Boundaries or a hex layout for the map. */
  geometry?: { features?: BoundaryFeature[]; hexes?: { code: string; q: number; r: number }[] };
  /** SSDA903 tables the file holds (one per CSV file, up to four for an XML return), stored on commit. */
  ssda903?: Ssda903HeldTable[];
  /** SSDA903 tables the file holds that the planner leaves out: named in the preview, never stored. */
  ssda903Skipped?: Ssda903SkippedTableCount[];
  result: ImportResult & ImportRows;
  source: Source;
  preview: ImportFilePreview;
}

export interface PreparedImport {
  id: string;
  files: PreparedFile[];
  canCommit: boolean;
}
