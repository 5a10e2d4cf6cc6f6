/**
 * The dataset build's collection of observations from DfE's long-format tables: each row placed in an area (current ONS code), left out (abolished or changed authorities, kept in the notes) or ignored, and each measure's value kept with its period and source.
 */
import type { AuthorityLookup, ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { Observation, SuppressionCode } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';
import { crosswalk } from '../build-reference.js';
import { ENGLAND, REGION_PREFIX, baseName } from './sources.js';
import { Table, cell, normaliseName, parseValue, type ParsedValue } from './table.js';
import type { Reader } from './inputs.js';

// ---------------------------------------------------------------------------------------------
// Observation collection

export class ObservationSet {
  private readonly byKey = new Map<string, Observation>();

  add(observation: Observation, where: string): void {
    const key = `${observation.area}|${observation.measure}|${observation.period}`;
    const existing = this.byKey.get(key);
    if (existing) {
      throw new Error(
        `${where}: a second value for ${observation.measure} in ${observation.area} for ${observation.period} (already taken from ${existing.source}).`,
      );
    }
    this.byKey.set(key, observation);
  }

  has(area: string, measure: MeasureId, period: string): boolean {
    return this.byKey.has(`${area}|${measure}|${period}`);
  }

  values(): Observation[] {
    return [...this.byKey.values()];
  }
}

/** A figure the build read but could not give to a current area (an abolished authority, or a former code covering another area). */
export interface LeftOutFigure {
  file: string;
  /** The code and name as published. */
  code: string;
  name: string;
  /** The region the authority belonged to (from the reference list), for regional totals. */
  regionCode: string | null;
  measure: MeasureId;
  period: string;
  value: number | null;
  suppression: SuppressionCode | null;
}

/**
 * Maps the LA codes and names in the inputs to current authorities through the reference list, and
 * records what it had to leave out (abolished authorities, former codes whose boundaries changed).
 */
export class AreaResolver {
  private readonly lookup: AuthorityLookup;
  /** Former codes whose figures cover a different area from the current authority's. */
  private readonly otherArea: ReadonlySet<string>;
  /** "file: what (why)" → periods left out. */
  private readonly leftOut = new Map<string, Set<string>>();

  constructor(readonly authorities: readonly ReferenceAuthority[]) {
    this.lookup = createAuthorityLookup(authorities);
    this.otherArea = new Set(
      crosswalk.flatMap((e) => (e.formerCodes ?? []).filter((f) => !f.sameArea).map((f) => f.code)),
    );
  }

  /** The reference entry for a code (current, former or abolished), if any. */
  byCode(code: string): ReferenceAuthority | undefined {
    return this.lookup.byCode(code);
  }

  /** The current authority for a DfE/ONS LA row's codes, or null when its figures cannot be carried to one. */
  fromCodes(
    file: string,
    newCode: string,
    oldCode: string,
    name: string,
    period: string,
    where: string,
  ): string | null {
    const authority = this.lookup.byCode(newCode !== '' ? newCode : oldCode);
    if (!authority) {
      throw new Error(
        `${where}: LA ${name} (${newCode}, ${oldCode}) is not in the reference list; add it to the crosswalk in scripts/build-reference.ts.`,
      );
    }
    if (authority.status === 'abolished') {
      this.leaveOut(
        file,
        `${name} (${newCode})`,
        `abolished; successors ${authority.successorCodes.join(', ')}`,
        period,
      );
      return null;
    }
    if (newCode !== '' && newCode !== authority.onsCode && this.otherArea.has(newCode)) {
      this.leaveOut(file, `${name} (${newCode})`, `former code of ${authority.name}, a different area`, period);
      return null;
    }
    if (oldCode !== '' && oldCode !== authority.dfeCode) {
      throw new Error(`${where}: ${authority.name} has DfE code ${oldCode}, expected ${authority.dfeCode}.`);
    }
    return authority.onsCode;
  }

  /** The authority (current or abolished) with this name or alias; throws when there is none. */
  byName(name: string, where: string): ReferenceAuthority {
    const authority = this.lookup.byName(name);
    if (!authority) {
      throw new Error(
        `${where}: LA name "${name}" is not in the reference list; add an alias to the crosswalk in scripts/build-reference.ts.`,
      );
    }
    return authority;
  }

  leaveOut(file: string, what: string, why: string, period: string): void {
    const key = `${baseName(file)}: ${what} (${why})`;
    const periods = this.leftOut.get(key) ?? new Set<string>();
    periods.add(period);
    this.leftOut.set(key, periods);
  }

  /** What was left out, one line per file and area, sorted. */
  notes(): string[] {
    return [...this.leftOut].map(([key, periods]) => `${key}: ${[...periods].sort().join(', ')}`).sort();
  }
}

/** The nine English regions (code → name), from the reference list. */
export function regionsOf(authorities: readonly ReferenceAuthority[]): Map<string, string> {
  const regions = new Map<string, string>();
  for (const a of authorities) {
    if (a.regionCode.startsWith(REGION_PREFIX)) regions.set(a.regionCode, a.regionName);
  }
  return new Map([...regions].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Where a DfE long-format row belongs: a dataset area, a left-out LA, or nowhere (e.g. Inner London). */
type RowPlace = { kind: 'area'; area: string } | { kind: 'leftOut'; code: string; name: string } | { kind: 'none' };

function dfePlace(
  resolver: AreaResolver,
  regions: ReadonlyMap<string, string>,
  table: Table,
  cells: string[],
  period: string,
  where: string,
): RowPlace {
  const level = cell(cells, table.column('geographic_level')).toLowerCase();
  if (level === 'national') {
    const country = table.hasColumn('country_code') ? cell(cells, table.column('country_code')) : '';
    return country === '' || country === ENGLAND ? { kind: 'area', area: ENGLAND } : { kind: 'none' };
  }
  if (level === 'regional') {
    const code = cell(cells, table.column('region_code'));
    return regions.has(code) ? { kind: 'area', area: code } : { kind: 'none' };
  }
  if (level === 'local authority') {
    const newCode = cell(cells, table.column('new_la_code'));
    const oldCode = cell(cells, table.column('old_la_code'));
    const name = cell(cells, table.column('la_name'));
    const area = resolver.fromCodes(table.file, newCode, oldCode, name, period, where);
    return area ? { kind: 'area', area } : { kind: 'leftOut', code: newCode !== '' ? newCode : oldCode, name };
  }
  return { kind: 'none' };
}

interface LongFormatSpec<K extends string> {
  file: string;
  /** Filter columns, matched by name (first that exists). */
  filterColumns: string[];
  /** Value columns by name (first that exists). */
  valueColumns: string[];
  /** Filter value (normalised, case-insensitive) → what it is read as. */
  keys: Record<string, K>;
  /** Optional second filter column that must hold a given value (e.g. group = Placement). */
  groupColumns?: string[];
  group?: string;
  /** Only periods from this year. */
  fromYear?: number;
}

interface LongFormatValue<K extends string> extends ParsedValue {
  key: K;
  period: string;
  place: RowPlace;
  where: string;
}

/** Visits every wanted value of a long-format DfE/ONS file with the place it belongs to. */
export function eachLongFormatValue<K extends string>(
  read: Reader,
  resolver: AreaResolver,
  regions: ReadonlyMap<string, string>,
  spec: LongFormatSpec<K>,
  visit: (v: LongFormatValue<K>) => void,
): void {
  const table = new Table(spec.file, read(spec.file));
  const periodCol = table.column('time_period');
  const filterCol = table.column(...spec.filterColumns);
  const valueCol = table.column(...spec.valueColumns);
  const groupCol = spec.groupColumns ? table.column(...spec.groupColumns) : null;
  const group = normaliseName(spec.group ?? '');
  const wanted = new Map(Object.entries(spec.keys).map(([k, v]) => [normaliseName(k), v]));
  for (const { line, cells } of table.rows) {
    const where = `${spec.file} line ${line}`;
    if (groupCol !== null && normaliseName(cell(cells, groupCol)) !== group) continue;
    const key = wanted.get(normaliseName(cell(cells, filterCol)));
    if (!key) continue;
    const period = cell(cells, periodCol);
    if (!/^\d{4}$/.test(period)) throw new Error(`${where}: time_period "${period}" is not a year.`);
    if (spec.fromYear !== undefined && Number(period) < spec.fromYear) continue;
    const place = dfePlace(resolver, regions, table, cells, period, where);
    if (place.kind === 'none') continue;
    const value = parseValue(cell(cells, valueCol), `${where} (${key})`);
    visit({ key, period, place, where, ...value });
  }
}

export interface MeasureSpec extends Omit<LongFormatSpec<MeasureId>, 'keys'> {
  sourceId: string;
  measures: Record<string, MeasureId>;
  /** Skip observations already present (e.g. a later release only fills periods missing from the main one). */
  onlyNew?: boolean;
}

/** Where the build puts what it reads. */
export interface Sink {
  observations: ObservationSet;
  leftOut: LeftOutFigure[];
}

/** Reads one long-format DfE/ONS file into observations (and left-out figures); returns the periods it took. */
export function readLongFormat(
  read: Reader,
  resolver: AreaResolver,
  regions: ReadonlyMap<string, string>,
  spec: MeasureSpec,
  into: Sink,
): string[] {
  const periods = new Set<string>();
  eachLongFormatValue(read, resolver, regions, { ...spec, keys: spec.measures }, (v) => {
    const measure = v.key;
    if (v.place.kind === 'leftOut') {
      if (spec.onlyNew) return;
      into.leftOut.push({
        file: baseName(spec.file),
        code: v.place.code,
        name: v.place.name,
        regionCode: resolver.byCode(v.place.code)?.regionCode ?? null,
        measure,
        period: v.period,
        value: v.value,
        suppression: v.suppression,
      });
      return;
    }
    if (v.place.kind !== 'area') return;
    if (spec.onlyNew && into.observations.has(v.place.area, measure, v.period)) return;
    into.observations.add(
      {
        area: v.place.area,
        measure,
        period: v.period,
        value: v.value,
        suppression: v.suppression,
        source: spec.sourceId,
      },
      v.where,
    );
    periods.add(v.period);
  });
  return [...periods].sort();
}
