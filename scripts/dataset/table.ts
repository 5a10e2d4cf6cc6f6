/**
 * The dataset build's reading of one published CSV table: columns by name, names and text normalised, and a cell's value parsed with DfE's suppression codes kept as missing (never 0).
 */
import { parseCsv } from '#shared/import/csv.js';
import type { SuppressionCode } from '#shared/model/dataset.js';
import { suppressionCodes } from '#shared/model/dataset.js';

// ---------------------------------------------------------------------------------------------
// Table reading

/** One parsed CSV table with its columns matched by name. */
export class Table {
  readonly header: string[];
  readonly rows: { line: number; cells: string[] }[];

  constructor(
    readonly file: string,
    text: string,
    headerRowIndex: number | ((rows: string[][]) => number) = 0,
  ) {
    const all = parseCsv(text);
    const index = typeof headerRowIndex === 'number' ? headerRowIndex : headerRowIndex(all);
    const header = all[index];
    if (!header) throw new Error(`${file}: no header row found.`);
    this.header = header.map(normaliseName);
    this.rows = [];
    for (let r = index + 1; r < all.length; r += 1) {
      const cells = all[r] ?? [];
      if (cells.every((c) => c.trim() === '')) continue;
      this.rows.push({ line: r + 1, cells });
    }
  }

  /** Index of the first column whose name matches one of `names` (case-insensitive); throws if none. */
  column(...names: string[]): number {
    for (const name of names) {
      const i = this.header.indexOf(normaliseName(name));
      if (i >= 0) return i;
    }
    throw new Error(`${this.file}: no column named ${names.map((n) => `"${n}"`).join(' or ')}.`);
  }

  hasColumn(name: string): boolean {
    return this.header.includes(normaliseName(name));
  }
}

export function normaliseName(name: string): string {
  return normaliseText(name).toLowerCase();
}

/** Trims, folds typographic apostrophes and collapses runs of white space. */
function normaliseText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

export function cell(cells: string[], index: number): string {
  return (cells[index] ?? '').trim();
}

export interface ParsedValue {
  value: number | null;
  suppression: SuppressionCode | null;
}

const suppressionSet: ReadonlySet<string> = new Set(suppressionCodes);

/** Parses a published value: a number (commas allowed) or a suppression code. Throws on anything else. */
export function parseValue(raw: string, where: string): ParsedValue {
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (suppressionSet.has(lower)) return { value: null, suppression: lower as SuppressionCode };
  const numeric = text.replace(/,/g, '');
  if (numeric === '' || !/^-?\d+(\.\d+)?$/.test(numeric)) {
    throw new Error(`${where}: "${raw}" is neither a number nor a suppression code.`);
  }
  const value = Number(numeric);
  if (value < 0) throw new Error(`${where}: negative value ${value} where a count or rate was expected.`);
  return { value, suppression: null };
}
