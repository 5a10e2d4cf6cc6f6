/**
 * The long-format engine of the DfE explore-education-statistics layout (./dfe.ts), also used for
 * ONS mid-year estimates written in DfE's layout (./ons.ts): a spec names the value columns and
 * the filter values (rules) that hold each measure; the engine finds the columns by name, resolves
 * every row's area through the crosswalk, reads counts, rates and denominators (suppression codes
 * kept as missing values, never 0) and counts the rows the plan does not model.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import type { Observation } from '../model/dataset.js';
import type { MeasureId } from '../model/measures.js';
import { measures } from '../model/measures.js';
import type { IssueCollector } from './report.js';
import type { RawTable } from './table.js';
import { AreaResolver, ENGLAND_CODE, UnknownValues } from './areas.js';
import {
  Columns,
  IssueLimiter,
  MAX_PLAUSIBLE_VALUE,
  Tally,
  cellText,
  foldText,
  isBlankRow,
  normaliseLabel,
  parseNumber,
  parseYear,
  quote,
  bodyRows,
} from './table.js';

/** What a long-format parser gives back (issues go to the collector passed in). */
export interface LongFormatResult {
  observations: Observation[];
  /**
   * The file's own denominators (population0to17 from the number-and-rate file's
   * population_estimate), to fill only what the plan lacks.
   */
  denominators: Observation[];
  /** Data rows read (header, title and blank rows excluded). */
  rows: number;
  /** Rows read but not taken into the plan, by what they were. */
  unmodelled: { what: string; rows: number }[];
}

/** One filter value (optionally within a group) that holds a measure, in the count or rate column. */
export interface LongFormatRule {
  /** Group label, normalised (normaliseLabel); omitted: any group. */
  group?: string;
  /** Filter value, normalised (normaliseLabel), or a pattern tested against it. */
  item: string | RegExp;
  /** Which value column: counts, rates, or the population the rate was computed on. */
  value: 'count' | 'rate' | 'population';
  measure: MeasureId;
}

export interface LongFormatSpec {
  /** Value columns holding counts (first present wins), e.g. number / children_count. */
  countColumns: readonly string[];
  /** Value columns holding rates; optional. */
  rateColumns?: readonly string[];
  /** Value columns holding the rate's denominator; optional (read only when present). */
  populationColumns?: readonly string[];
  /** The filter column when the layout has a single one (first present wins). */
  itemColumns: readonly string[];
  rules: readonly LongFormatRule[];
  /** Filter values (normalised) the plan derives itself rather than importing, with why. */
  derived?: ReadonlyMap<string, string>;
}

export interface LongFormatOptions {
  /** Source id stored on each observation. */
  source: string;
  /** Index of the header row in the table (0 for every DfE CSV). */
  headerRow?: number;
}

interface FilterColumns {
  group: number | null;
  item: number | null;
}

/**
 * The filter columns of a layout: `breakdown` within `characteristic` (2025); `characteristic`
 * within `cla_group`/`CLA_group`; `placement_provider` within `placement_type`; else a single one.
 */
function filterColumns(columns: Columns, spec: LongFormatSpec): FilterColumns {
  const breakdown = columns.find('breakdown');
  if (breakdown !== null) return { group: columns.find('characteristic', 'cla_group'), item: breakdown };
  const claGroup = columns.find('cla_group');
  const characteristic = columns.find('characteristic');
  if (claGroup !== null && characteristic !== null) return { group: claGroup, item: characteristic };
  const placementType = columns.find('placement_type');
  const provider = columns.find('placement_provider');
  if (placementType !== null && provider !== null) return { group: placementType, item: provider };
  return { group: null, item: columns.find(...spec.itemColumns) };
}

interface Located {
  area: string;
  name: string;
}

/** Reads a long-format table into observations for the spec's rules. */
export function parseLongFormat(
  table: RawTable,
  spec: LongFormatSpec,
  lookup: AuthorityLookup,
  issues: IssueCollector,
  options: LongFormatOptions,
): LongFormatResult {
  const headerRow = options.headerRow ?? 0;
  const header = table.rows[headerRow] ?? [];
  const columns = new Columns(header);
  const tally = new Tally();
  const observations: Observation[] = [];
  const denominators: Observation[] = [];
  let rows = 0;

  const periodCol = columns.require(issues, ['time_period']);
  const levelCol = columns.require(issues, ['geographic_level']);
  const filters = filterColumns(columns, spec);
  if (filters.item === null) columns.require(issues, spec.itemColumns);
  const countCol = columns.require(issues, spec.countColumns);
  const rateCol = spec.rateColumns ? columns.find(...spec.rateColumns) : null;
  const populationCol = spec.populationColumns ? columns.find(...spec.populationColumns) : null;
  const col = {
    countryCode: columns.find('country_code'),
    countryName: columns.find('country_name'),
    regionCode: columns.find('region_code'),
    regionName: columns.find('region_name'),
    onsCode: columns.find('new_la_code', 'la_code', 'lad_code'),
    dfeCode: columns.find('old_la_code'),
    laName: columns.find('la_name'),
  };
  const colName = (i: number | null): string | null => (i === null ? null : columns.name(i));

  const dataRows = table.rows.length - headerRow - 1;
  if (periodCol === null || levelCol === null || filters.item === null || countCol === null) {
    for (let r = headerRow + 1; r < table.rows.length; r += 1) if (!isBlankRow(table.rows[r])) rows += 1;
    return { observations, denominators, rows, unmodelled: [] };
  }
  if (dataRows <= 0) issues.warning(null, null, 'The file has a header row but no data rows.');

  const resolver = new AreaResolver(lookup, issues);
  const limiter = new IssueLimiter(issues);
  const unknownLas = new UnknownValues();
  const unknownRegions = new UnknownValues();
  const firstRowOf = new Map<string, number>();
  let laColumnsMissing = false;

  const matchRules = (group: string | null, item: string): LongFormatRule[] =>
    spec.rules.filter(
      (r) =>
        (r.group === undefined || r.group === group) &&
        (typeof r.item === 'string' ? r.item === item : r.item.test(item)),
    );

  const locate = (cells: string[], row: number): Located | null => {
    const level = normaliseLabel(cellText(cells, levelCol));
    if (level === 'national') {
      const code = cellText(cells, col.countryCode);
      const name = normaliseLabel(cellText(cells, col.countryName));
      if (code === ENGLAND_CODE || (code === '' && (name === '' || name === 'england'))) {
        return { area: ENGLAND_CODE, name: 'England' };
      }
      tally.add(`national figures for ${quote(code !== '' ? code : cellText(cells, col.countryName))} (not England)`);
      return null;
    }
    if (level === 'regional') {
      const code = cellText(cells, col.regionCode);
      const name = cellText(cells, col.regionName);
      const region = resolver.region(code, name);
      if (region === null) {
        if (code === '' && name === '') {
          limiter.error(
            'regional row without a region',
            row,
            colName(col.regionCode),
            `Row ${row}: a regional row with no region_code or region_name.`,
          );
        } else {
          unknownRegions.add(code !== '' ? code : name, row, colName(code !== '' ? col.regionCode : col.regionName));
        }
        return null;
      }
      return { area: region, name: name !== '' ? name : region };
    }
    if (level === 'local authority') {
      if (col.onsCode === null && col.dfeCode === null && col.laName === null) {
        if (!laColumnsMissing) {
          laColumnsMissing = true;
          issues.error(
            null,
            'new_la_code',
            "Column 'new_la_code' is missing (also accepted: 'old_la_code', 'la_name'): local authority rows cannot be placed.",
          );
        }
        return null;
      }
      const input = {
        onsCode: cellText(cells, col.onsCode),
        dfeCode: cellText(cells, col.dfeCode),
        name: cellText(cells, col.laName),
      };
      const resolved = resolver.authority(input, row, {
        onsCode: colName(col.onsCode),
        dfeCode: colName(col.dfeCode),
        name: colName(col.laName),
      });
      if (resolved.kind === 'area') return { area: resolved.code, name: resolved.authority?.name ?? resolved.code };
      if (resolved.kind === 'left-out') {
        tally.add(`${resolved.why}, left out`);
        return null;
      }
      if (input.onsCode === '' && input.dfeCode === '' && input.name === '') {
        limiter.error(
          'local authority row without a code or name',
          row,
          colName(col.onsCode ?? col.dfeCode ?? col.laName),
          `Row ${row}: a local authority row with no code or name.`,
        );
      } else {
        const [value, column] =
          input.onsCode !== ''
            ? [input.onsCode, col.onsCode]
            : input.dfeCode !== ''
              ? [input.dfeCode, col.dfeCode]
              : [input.name, col.laName];
        unknownLas.add(value, row, colName(column));
      }
      return null;
    }
    tally.add(`geographic level ${quote(foldText(cellText(cells, levelCol)))}`);
    return null;
  };

  for (const { cells, row } of bodyRows(table, headerRow)) {
    rows += 1;
    const group = filters.group !== null ? normaliseLabel(cellText(cells, filters.group)) : null;
    const itemRaw = cellText(cells, filters.item);
    const item = normaliseLabel(itemRaw);
    const matched = matchRules(group, item);
    const period = parseYear(cellText(cells, periodCol));
    if ('problem' in period) {
      limiter.error('time_period', row, columns.name(periodCol), `Row ${row}: time_period ${period.problem}.`);
      continue;
    }
    const place = locate(cells, row);
    if (!place) continue;
    if (matched.length === 0) {
      const groupLabel = filters.group !== null ? foldText(cellText(cells, filters.group)) : '';
      const derived = spec.derived?.get(item);
      if (derived) tally.add(`${foldText(itemRaw)} (${derived})`);
      else tally.add(groupLabel !== '' ? groupLabel : foldText(itemRaw) || 'a blank filter value');
      continue;
    }
    for (const rule of matched) {
      const valueCol = rule.value === 'rate' ? rateCol : rule.value === 'population' ? populationCol : countCol;
      if (valueCol === null) continue;
      const column = columns.name(valueCol);
      const raw = cellText(cells, valueCol);
      const parsed = parseNumber(raw);
      // The denominator is extra: a row without a usable one just gives none.
      if (rule.value === 'population' && (parsed.kind !== 'number' || parsed.value <= 0)) continue;
      let value: number | null = null;
      let suppression: Observation['suppression'] = null;
      if (parsed.kind === 'suppressed') suppression = parsed.code;
      else if (parsed.kind === 'empty') {
        limiter.error(
          `no value in ${column}`,
          row,
          column,
          `Row ${row}: no value in column '${column}' (expected a number or a suppression code: c, z, x, k, low, u).`,
        );
        continue;
      } else if (parsed.kind === 'invalid') {
        limiter.error(
          `not a number in ${column}`,
          row,
          column,
          `Row ${row}: ${quote(raw)} in column '${column}' is neither a number nor a suppression code (c, z, x, k, low, u).`,
        );
        continue;
      } else if (parsed.value < 0) {
        limiter.error(
          `negative ${column}`,
          row,
          column,
          `Row ${row}: ${quote(raw)} in column '${column}' is negative; ${measures[rule.measure].label.toLowerCase()} cannot be.`,
        );
        continue;
      } else if (parsed.value > MAX_PLAUSIBLE_VALUE) {
        limiter.error(
          `too large ${column}`,
          row,
          column,
          `Row ${row}: ${quote(raw)} in column '${column}' is implausibly large.`,
        );
        continue;
      } else value = parsed.value;

      const key = `${place.area}|${rule.measure}|${period.year}`;
      const first = firstRowOf.get(key);
      // A repeated row is reported once, for its count; its denominator is simply not read twice.
      if (first !== undefined && rule.value === 'population') continue;
      if (first !== undefined) {
        limiter.error(
          'duplicate',
          row,
          column,
          `Row ${row}: a second value for ${measures[rule.measure].label.toLowerCase()} in ${place.name} (${place.area}) for ${period.year}; row ${first} already gave one.`,
        );
        continue;
      }
      firstRowOf.set(key, row);
      (rule.value === 'population' ? denominators : observations).push({
        area: place.area,
        measure: rule.measure,
        period: period.year,
        value,
        suppression,
        source: options.source,
      });
    }
  }
  unknownLas.report(issues, 'is not an English local authority in the reference list');
  unknownRegions.report(issues, 'is not an English region');
  limiter.finish();
  return { observations, denominators, rows, unmodelled: tally.list() };
}
