/**
 * Reading MHCLG's revenue outturn for social care (RO3): each council's spending on residential care and fostering services (£ thousands), with every row checked and named when it is unreadable.
 */
import { readOds } from '../../electron/services/spreadsheet.js';
import type { PlacementSpendService } from '#shared/model/dataset.js';
import { placementSpendServices } from '#shared/model/dataset.js';
import { CHILDRENS_SERVICES_CLASSES, ENGLAND, SERVICE_LINES } from './constants.js';

// ---------------------------------------------------------------------------------------------
// Reading RO3

export interface SpendFigures {
  /** £ thousands. */
  totalExpenditure: number | null;
  /** £ thousands. */
  netCurrentExpenditure: number | null;
  /** The publisher's note where a figure is missing. */
  note: string | null;
}

export interface Ro3Council {
  /** Current ONS code. */
  code: string;
  name: string;
  spend: Record<PlacementSpendService, SpendFigures>;
}

export interface Ro3Table {
  /** "2024-25". */
  financialYear: string;
  sheet: string;
  councils: Ro3Council[];
  england: Record<PlacementSpendService, SpendFigures>;
}

const normalise = (text: string): string =>
  text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** £ thousands to three decimal places (whole pounds), as published. */
export const thousandsOfPounds = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Reads the RO3 "data by LA" workbook: one row per council with children's services (mapped to its
 * current ONS code by `resolve`) and the England row, for the residential care and fostering lines.
 * Matches columns by their words, not their position, and stops at the end of the first table (the
 * sheet's second table holds class totals).
 */
export function readRo3(
  bytes: Uint8Array,
  file: string,
  resolve: (onsCode: string, name: string, where: string) => string | null,
): Ro3Table {
  const sheets = readOds(bytes, file);
  const data = sheets.find((s) => /^RO3_LA_Data_\d{6}$/.test(s.sheetName ?? ''));
  if (!data?.sheetName) throw new Error(`${file}: no sheet named RO3_LA_Data_YYYYYY.`);
  const year = /(\d{4})(\d{2})$/.exec(data.sheetName);
  if (!year) throw new Error(`${file}: cannot tell the financial year from sheet ${data.sheetName}.`);
  const financialYear = `${year[1]}-${year[2]}`;

  // The publisher's notes ("[x]" → "Data not received in time for publication").
  const notes = new Map<string, string>();
  for (const row of sheets.find((s) => s.sheetName === 'Notes')?.rows ?? []) {
    const [code, text] = row;
    if (code && text && /^\[.+\]$|^[A-Z]$/.test(code.trim())) notes.set(code.trim(), text.trim());
  }

  const headerIndex = data.rows.findIndex((r) => r.some((c) => normalise(c) === 'ons code'));
  const header = (data.rows[headerIndex] ?? []).map(normalise);
  if (headerIndex < 0) throw new Error(`${file}: no header row with "ONS Code".`);
  const column = (...words: string[]): number => {
    const i = header.findIndex((h) => words.every((w) => h.includes(w)));
    if (i < 0) throw new Error(`${file}: no column whose name has ${words.map((w) => `"${w}"`).join(' and ')}.`);
    return i;
  };
  const codeCol = column('ons code');
  const nameCol = column('local authority');
  const classCol = header.indexOf('class');
  if (classCol < 0) throw new Error(`${file}: no column named "Class".`);
  const columns = Object.fromEntries(
    placementSpendServices.map((service) => [
      service,
      {
        total: column(SERVICE_LINES[service], 'total expenditure'),
        net: column(SERVICE_LINES[service], 'net current expenditure'),
      },
    ]),
  ) as Record<PlacementSpendService, { total: number; net: number }>;

  const value = (raw: string | undefined, where: string): { value: number | null; note: string | null } => {
    const text = (raw ?? '').trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return { value: thousandsOfPounds(Number(text)), note: null };
    if (/^\[.+\]$/.test(text)) return { value: null, note: notes.get(text) ?? text };
    throw new Error(`${where}: "${text}" is neither an amount nor a publisher's note.`);
  };
  const figures = (cells: string[], where: string): Record<PlacementSpendService, SpendFigures> =>
    Object.fromEntries(
      placementSpendServices.map((service) => {
        const total = value(cells[columns[service].total], `${where}, ${service} total expenditure`);
        const net = value(cells[columns[service].net], `${where}, ${service} net current expenditure`);
        return [
          service,
          { totalExpenditure: total.value, netCurrentExpenditure: net.value, note: total.note ?? net.note },
        ];
      }),
    ) as Record<PlacementSpendService, SpendFigures>;

  const councils: Ro3Council[] = [];
  let england: Record<PlacementSpendService, SpendFigures> | null = null;
  const seen = new Set<string>();
  for (let r = headerIndex + 1; r < data.rows.length; r += 1) {
    const cells = data.rows[r] ?? [];
    const code = (cells[codeCol] ?? '').trim();
    // The first table ends at a blank row or at the second table's header.
    if (code === '' || normalise(code) === 'ons code') break;
    const where = `${file} sheet ${data.sheetName} row ${r + 1}`;
    const name = (cells[nameCol] ?? '').trim();
    const kind = (cells[classCol] ?? '').trim();
    if (code === ENGLAND) {
      england = figures(cells, where);
      continue;
    }
    if (!CHILDRENS_SERVICES_CLASSES.has(kind)) continue;
    const current = resolve(code, name, where);
    if (current === null) continue;
    if (seen.has(current)) throw new Error(`${where}: a second row for ${name} (${current}).`);
    seen.add(current);
    councils.push({ code: current, name, spend: figures(cells, where) });
  }
  if (!england) throw new Error(`${file}: no England row (${ENGLAND}).`);
  return { financialYear, sheet: data.sheetName, councils, england };
}
