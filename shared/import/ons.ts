/**
 * ONS population files:
 *   - mid-year estimates in DfE's long layout (`time_period, …, new_la_code, la_name, age_group,
 *     population_estimate`) → population0to17 observations, read by the DfE long-format engine;
 *   - sub-national population projections (SNPP): `AREA_CODE, AREA_NAME, COMPONENT, SEX, AGE_GROUP`
 *     ("0" … "89", "90 and over", "All ages"), then one column per projection year with fractional
 *     values → the projected population aged 0 to 17 per upper-tier LA and year. The files mix LAs
 *     with districts, counties, metropolitan counties, regions and England, so only upper-tier LA
 *     codes (E06, E08, E09, E10, and codes the crosswalk knows) are kept, to avoid double counting.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup, ReferenceAuthority } from '../model/authorities.js';
import type { IssueCollector } from './report.js';
import type { LongFormatOptions, LongFormatResult, LongFormatSpec } from './longFormat.js';
import { parseLongFormat } from './longFormat.js';
import type { RawTable } from './table.js';
import { AreaResolver, LA_CODE_PATTERN, UnknownValues } from './areas.js';
import {
  Columns,
  IssueLimiter,
  MAX_PLAUSIBLE_VALUE,
  MAX_YEAR,
  MIN_YEAR,
  Tally,
  cellText,
  findHeaderRow,
  foldText,
  isBlankRow,
  normaliseLabel,
  parseNumber,
  quote,
  bodyRows,
} from './table.js';

/** Projected population aged 0 to 17 for one upper-tier LA and one projection year (mid-year). */
export interface PopulationProjection {
  /** Current ONS code of the LA. */
  area: string;
  /** Projection year, e.g. 2030 for mid-2030. */
  year: number;
  /** Sum of single years of age 0 to 17, persons (or males plus females); fractional as published. */
  population0to17: number;
  source: string;
}

// ---------------------------------------------------------------------------------------------
// Mid-year estimates (DfE layout)

const myeSpec: LongFormatSpec = {
  countColumns: ['population_estimate', 'population'],
  itemColumns: ['age_group'],
  rules: [{ item: /\b0 ?(?:to|-|–) ?17\b/, value: 'count', measure: 'population0to17' }],
};

export function parseOnsMye(
  table: RawTable,
  lookup: AuthorityLookup,
  issues: IssueCollector,
  options: LongFormatOptions,
): LongFormatResult {
  return parseLongFormat(table, myeSpec, lookup, issues, options);
}

// ---------------------------------------------------------------------------------------------
// Sub-national population projections

export interface SnppResult {
  projections: PopulationProjection[];
  rows: number;
  unmodelled: { what: string; rows: number }[];
}

export interface SnppOptions {
  source: string;
  headerRow?: number;
}

/** The header row of an SNPP table: the first row naming AREA_CODE and AGE_GROUP. */
export function isSnppHeader(columns: Columns): boolean {
  return columns.has('area_code') && columns.has('age_group');
}

type Sex = 'persons' | 'male' | 'female';

function parseSex(raw: string): Sex | null {
  const s = normaliseLabel(raw);
  if (['persons', 'person', 'all', 'all persons', 'total', 'p', 'people'].includes(s)) return 'persons';
  if (['males', 'male', 'm', '1'].includes(s)) return 'male';
  if (['females', 'female', 'f', '2'].includes(s)) return 'female';
  return null;
}

/** Age 0–17 as a number; 'other' for older ages and "All ages"; null when not an age at all. */
function parseAge(raw: string): number | 'other' | null {
  const a = normaliseLabel(raw);
  const m = /^(?:age )?(\d{1,3})$/.exec(a);
  if (m) {
    const age = Number(m[1]);
    return age <= 17 ? age : 'other';
  }
  if (/^(?:all ages|all|total)$/.test(a) || /^\d{1,3}\s*(?:\+|and over|or over|plus)$/.test(a)) return 'other';
  return null;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

interface Accumulator {
  area: string;
  name: string;
  authority: ReferenceAuthority | null;
  sourceCode: string;
  firstRow: number;
  /** Rows taken. */
  rows: number;
  /** sex → age → row that gave it. */
  ages: Map<Sex, Map<number, number>>;
  /** sex → year → sum over ages. */
  sums: Map<Sex, Map<number, number>>;
}

export function parseSnpp(
  table: RawTable,
  lookup: AuthorityLookup,
  issues: IssueCollector,
  options: SnppOptions,
): SnppResult {
  const found = findHeaderRow(table.rows, isSnppHeader);
  const headerRow = options.headerRow ?? (found >= 0 ? found : 0);
  const columns = new Columns(table.rows[headerRow] ?? []);
  const tally = new Tally();
  const limiter = new IssueLimiter(issues);
  const unknownLas = new UnknownValues();
  const resolver = new AreaResolver(lookup, issues);
  let rows = 0;

  const codeCol = columns.require(issues, ['AREA_CODE', 'area_code', 'code']);
  const ageCol = columns.require(issues, ['AGE_GROUP', 'age']);
  const nameCol = columns.find('AREA_NAME', 'area_name');
  const componentCol = columns.find('COMPONENT');
  const sexCol = columns.find('SEX');

  const yearCols: { index: number; year: number }[] = [];
  columns.header.forEach((name, index) => {
    const m = /^(?:mid[- ]?)?(\d{4})$/i.exec(foldText(name));
    if (!m) return;
    const year = Number(m[1]);
    if (year < MIN_YEAR || year > MAX_YEAR) {
      issues.error(
        headerRow + 1,
        foldText(name),
        `Row ${headerRow + 1}: column ${quote(foldText(name))} is not a projection year between ${MIN_YEAR} and ${MAX_YEAR}.`,
      );
      return;
    }
    if (yearCols.some((y) => y.year === year)) {
      issues.error(
        headerRow + 1,
        foldText(name),
        `Row ${headerRow + 1}: column ${quote(foldText(name))} appears twice.`,
      );
      return;
    }
    yearCols.push({ index, year });
  });
  if (codeCol !== null && ageCol !== null && yearCols.length === 0) {
    issues.error(null, null, "No projection year columns (such as '2022', '2023', …) after AGE_GROUP.");
  }
  if (codeCol === null || ageCol === null || yearCols.length === 0) {
    for (let r = headerRow + 1; r < table.rows.length; r += 1) if (!isBlankRow(table.rows[r])) rows += 1;
    return { projections: [], rows, unmodelled: [] };
  }

  /** Keyed by area|source code. */
  const acc = new Map<string, Accumulator>();

  for (const { cells, row } of bodyRows(table, headerRow)) {
    rows += 1;
    if (componentCol !== null) {
      const component = cellText(cells, componentCol);
      if (normaliseLabel(component) !== 'population') {
        tally.add(`COMPONENT ${quote(foldText(component))}`);
        continue;
      }
    }
    const ageRaw = cellText(cells, ageCol);
    const age = parseAge(ageRaw);
    if (age === null) {
      limiter.error('age', row, columns.name(ageCol), `Row ${row}: AGE_GROUP ${quote(ageRaw)} is not an age.`);
      continue;
    }
    const code = cellText(cells, codeCol);
    if (!LA_CODE_PATTERN.test(code) && !lookup.byCode(code)) {
      const prefix = /^[A-Z]\d{2}/.exec(code)?.[0];
      tally.add(
        prefix
          ? `areas coded ${prefix} (not upper-tier local authorities)`
          : `AREA_CODE ${quote(code)} (not an upper-tier local authority)`,
      );
      continue;
    }
    if (age === 'other') {
      tally.add('ages 18 and over, and All ages');
      continue;
    }
    const sex: Sex | null = sexCol === null ? 'persons' : parseSex(cellText(cells, sexCol));
    if (sex === null) {
      limiter.error(
        'sex',
        row,
        columns.name(sexCol ?? 0),
        `Row ${row}: SEX ${quote(cellText(cells, sexCol))} is not persons, males or females.`,
      );
      continue;
    }
    // Former codes are noted once the file is read: several of them may map to one LA.
    const resolved = resolver.authority(
      { onsCode: code, dfeCode: '', name: '' },
      row,
      { onsCode: columns.name(codeCol), dfeCode: null, name: null },
      false,
    );
    if (resolved.kind === 'unknown') {
      unknownLas.add(code, row, columns.name(codeCol));
      continue;
    }
    if (resolved.kind === 'left-out') {
      tally.add(`${resolved.why}, left out`);
      continue;
    }
    const key = `${resolved.code}|${code}`;
    let a = acc.get(key);
    if (!a) {
      a = {
        area: resolved.code,
        name: resolved.authority?.name ?? cellText(cells, nameCol),
        authority: resolved.authority,
        sourceCode: code,
        firstRow: row,
        rows: 0,
        ages: new Map(),
        sums: new Map(),
      };
      acc.set(key, a);
    }
    const ages = a.ages.get(sex) ?? new Map<number, number>();
    a.ages.set(sex, ages);
    const earlier = ages.get(age);
    if (earlier !== undefined) {
      limiter.error(
        'duplicate',
        row,
        columns.name(ageCol),
        `Row ${row}: a second row for ${a.name} (${code}), ${sex}, age ${age}; row ${earlier} already gave one.`,
      );
      continue;
    }
    const values: { year: number; value: number }[] = [];
    let bad = false;
    for (const { index, year } of yearCols) {
      const column = columns.name(index);
      const raw = cellText(cells, index);
      const parsed = parseNumber(raw);
      if (parsed.kind !== 'number') {
        bad = true;
        limiter.error(
          `not a number in ${column}`,
          row,
          column,
          parsed.kind === 'empty'
            ? `Row ${row}: no value in column '${column}'.`
            : `Row ${row}: ${quote(raw)} in column '${column}' is not a number.`,
        );
      } else if (parsed.value < 0) {
        bad = true;
        limiter.error(
          'negative',
          row,
          column,
          `Row ${row}: ${quote(raw)} in column '${column}' is negative; a population cannot be.`,
        );
      } else if (parsed.value > MAX_PLAUSIBLE_VALUE) {
        bad = true;
        limiter.error(
          'too large',
          row,
          column,
          `Row ${row}: ${quote(raw)} in column '${column}' is implausibly large.`,
        );
      } else values.push({ year, value: parsed.value });
    }
    if (bad) continue;
    ages.set(age, row);
    a.rows += 1;
    const sums = a.sums.get(sex) ?? new Map<number, number>();
    a.sums.set(sex, sums);
    for (const { year, value } of values) sums.set(year, (sums.get(year) ?? 0) + value);
  }

  // Several codes for one LA (e.g. Bournemouth and Poole, both former codes of Bournemouth,
  // Christchurch and Poole): the current code's rows win; former codes alone cannot be merged.
  const byArea = new Map<string, Accumulator[]>();
  for (const a of acc.values()) byArea.set(a.area, [...(byArea.get(a.area) ?? []), a]);
  const projections: PopulationProjection[] = [];
  for (const [area, list] of byArea) {
    let chosen: Accumulator | undefined;
    if (list.length === 1) chosen = list[0];
    else {
      chosen = list.find((a) => a.sourceCode === area);
      const others = list.filter((a) => a !== chosen);
      const first = others[0];
      if (first) {
        issues.warning(
          first.firstRow,
          columns.name(codeCol),
          chosen
            ? `Row ${first.firstRow}: ${others.map((o) => quote(o.sourceCode)).join(' and ')} also map to ${first.name} (${area}); the rows under its current code are used and these are left out.`
            : `Row ${first.firstRow}: ${list.map((o) => quote(o.sourceCode)).join(' and ')} are former codes of ${first.name} (${area}) covering different areas, so their rows are left out.`,
        );
        for (const o of others) tally.add(`${o.sourceCode} (a former code of ${o.name}), left out`, o.rows);
      }
    }
    if (!chosen) continue;
    if (chosen.sourceCode !== area && chosen.authority) {
      resolver.noteFormerCode(chosen.sourceCode, chosen.authority, chosen.firstRow, columns.name(codeCol));
    }
    const sexes: Sex[] = chosen.ages.has('persons') ? ['persons'] : ['male', 'female'];
    if (chosen.ages.has('persons') && (chosen.ages.has('male') || chosen.ages.has('female'))) {
      const sexRows = (chosen.ages.get('male')?.size ?? 0) + (chosen.ages.get('female')?.size ?? 0);
      tally.add('males and females (persons rows used instead)', sexRows);
    }
    const missing: string[] = [];
    for (const sex of sexes) {
      const ages = chosen.ages.get(sex);
      const absent = Array.from({ length: 18 }, (_, i) => i).filter((i) => !ages?.has(i));
      const label = sex === 'male' ? 'males' : sex === 'female' ? 'females' : 'persons';
      if (absent.length === 18) missing.push(`no usable ${label} rows`);
      else if (absent.length > 0) missing.push(`no usable ${label} rows for age ${absent.join(', ')}`);
    }
    if (missing.length > 0) {
      issues.warning(
        chosen.firstRow,
        columns.name(ageCol),
        `Row ${chosen.firstRow}: ${chosen.name} (${chosen.sourceCode}) has ${missing.join('; ')}, so its 0 to 17 total is not known and it is left out.`,
      );
      tally.add(`${chosen.sourceCode} (ages 0 to 17 incomplete), left out`, chosen.rows);
      continue;
    }
    for (const { year } of yearCols) {
      let total = 0;
      for (const sex of sexes) total += chosen.sums.get(sex)?.get(year) ?? 0;
      projections.push({ area, year, population0to17: round3(total), source: options.source });
    }
  }
  unknownLas.report(issues, 'is not an English local authority in the reference list');
  limiter.finish();
  return { projections, rows, unmodelled: tally.list() };
}
