/**
 * The limits every import is held to, so that no file — however large, however deeply compressed,
 * however it repeats its rows — can exhaust the machine's memory or run for minutes: a file larger
 * than the input limit is refused before it is read, a spreadsheet whose parts inflate past the
 * decompression limits is refused while it is being inflated, and a table with more cells, rows or
 * columns than the limits allow is refused as soon as it passes them. Each refusal names the file,
 * what was found and the limit, in one sentence, and can be changed through the options.
 *
 * Pure TypeScript: no Node or DOM imports.
 */

const KiB = 1024;
const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

export interface InputLimits {
  /** Largest file read at all, checked from its size before it is read (default 1 GiB). */
  maxInputBytes: number;
  /**
   * Largest file read as text (CSV, JSON or XML); more cannot be held as one string anyway
   * (default 256 MiB).
   */
  maxTextBytes: number;
  /** Largest SSDA903 return in XML (default 64 MiB: a large authority's five-year return is a few MB). */
  maxXmlBytes: number;
  /** Bytes that the parts of an ODS or XLSX workbook may inflate to, together (default 256 MiB). */
  maxInflatedBytes: number;
  /** Bytes that any one part of an ODS or XLSX workbook may inflate to (default 128 MiB). */
  maxEntryBytes: number;
  /** Rows in one sheet (default 1,048,576, as Excel and LibreOffice). */
  maxRows: number;
  /** Columns in one sheet (default 16,384, as Excel and LibreOffice). */
  maxColumns: number;
  /** Cells in one file, summed over its sheets (default 5,000,000). */
  maxCells: number;
  /** Characters in one cell (default 32,767, Excel's own limit). */
  maxCellChars: number;
  /** Heap the import worker may use before it is stopped (default 1,536 MiB). */
  maxWorkerHeapMb: number;
}

export const DEFAULT_MAX_INPUT_BYTES = 1 * GiB;

export const DEFAULT_INPUT_LIMITS: Readonly<InputLimits> = Object.freeze({
  maxInputBytes: DEFAULT_MAX_INPUT_BYTES,
  maxTextBytes: 256 * MiB,
  maxXmlBytes: 64 * MiB,
  maxInflatedBytes: 256 * MiB,
  maxEntryBytes: 128 * MiB,
  maxRows: 1_048_576,
  maxColumns: 16_384,
  maxCells: 5_000_000,
  maxCellChars: 32_767,
  maxWorkerHeapMb: 1536,
});

/** The defaults with any of them replaced (values that are not positive numbers are ignored). */
export function resolveLimits(overrides: Partial<InputLimits> = {}): InputLimits {
  const limits: InputLimits = { ...DEFAULT_INPUT_LIMITS };
  for (const key of Object.keys(limits) as (keyof InputLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) limits[key] = Math.floor(value);
  }
  return limits;
}

/** Which limit a refusal is about (for tests and for callers that want to say more). */
export type LimitKind =
  | 'input-size'
  | 'text-size'
  | 'xml-size'
  | 'inflated-size'
  | 'entry-size'
  | 'rows'
  | 'columns'
  | 'cells'
  | 'cell-length'
  | 'tag-length'
  | 'memory'
  | 'not-a-file';

/** A file refused because it passes one of the limits; the message names the file and the limit. */
export class InputLimitError extends Error {
  /** The 1-based row and column where the limit was passed, when it is one place in a table. */
  readonly row: number | null;
  readonly column: number | null;

  constructor(
    readonly limit: LimitKind,
    message: string,
    where: { row?: number; column?: number } = {},
  ) {
    super(message);
    this.name = 'InputLimitError';
    this.row = where.row ?? null;
    this.column = where.column ?? null;
  }
}

/** 1536 → "1.5 KiB", 1073741824 → "1 GiB" (binary units, as the limits are set). */
export function formatBytes(bytes: number): string {
  const units: [number, string][] = [
    [GiB, 'GiB'],
    [MiB, 'MiB'],
    [KiB, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      const text = Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1).replace(/\.?0+$/, '');
      return `${text} ${unit}`;
    }
  }
  return `${bytes.toLocaleString('en-GB')} bytes`;
}

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-GB');
}

/**
 * The error for an input whose decoding or parsing ran past what the JavaScript engine can hold
 * (a RangeError such as "Invalid string length" or "Array buffer allocation failed"), restated as
 * the size limit it is; any other error is returned unchanged.
 */
export function limitErrorFromRangeError(error: unknown, fileName: string, bytes: number): unknown {
  if (!(error instanceof RangeError)) return error;
  return new InputLimitError(
    'memory',
    `${fileName} (${formatBytes(bytes)}) is too large to read: it holds more text than one import can hold in memory. Split it into smaller files.`,
  );
}
