/**
 * Builds the national built-in dataset (resources/dataset/builtin-england.json) from the published
 * DfE, Ofsted, ONS and MHCLG files in ../shared/data: every current English upper-tier (children's
 * services) authority from the reference list built by scripts/build-reference.ts, the nine English
 * regions and England, with the same measures for each, so that a plan can be made for any set of
 * authorities. No authority is a member: a plan chooses its own (`isMember` is false throughout).
 *
 *   npx tsx scripts/build-dataset.ts [--data DIR] [--out FILE]
 *
 * What it holds: children looked after (number, rate per 10,000, starting, ceasing), children in
 * secure and children's homes, placed outside the LA boundary, placed more than 20 miles away, by
 * place provider, children with a missing incident and missing incidents, other LAs' children placed
 * inside, ONS population aged 0 to 17, Ofsted children's homes and registered places by LA, sector,
 * type of home and judgement, authority centroids, and each council's published spending on
 * residential and foster care with the cost per child derived from it (scripts/national-costs.ts).
 * Placement flows are left out: they are modelled or imported for each plan (the Greater Manchester
 * illustration stays available as scripts/illustrative.ts buildIllustrative).
 *
 * LA codes in the inputs are mapped to current ONS codes through the reference crosswalk (e.g.
 * Barnsley's E08000016 to E08000038). Rows of abolished authorities (Cumbria, Northamptonshire) and
 * of former codes whose boundaries changed are left out of the areas (their figures cannot be split
 * between successors) but kept in the build's notes, so the totals test can account for them.
 * Suppressed values stay missing with their code, never 0.
 *
 * The output is deterministic: stable ordering, a fixed JSON layout with a trailing newline, and a
 * `generatedAt` taken from the latest period in the inputs, so re-running gives identical bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../shared/import/csv.js';
import type { AuthorityLookup, ReferenceAuthority } from '../shared/model/authorities.js';
import { createAuthorityLookup } from '../shared/model/authorities.js';
import type {
  Area,
  BuiltInDataset,
  Observation,
  PlaceProvider,
  PlaceProviderCount,
  PlacementSpendService,
  Source,
  SuppressionCode,
} from '../shared/model/dataset.js';
import { placeProviderLabels, placeProviders, suppressionCodes } from '../shared/model/dataset.js';
import type { MeasureId } from '../shared/model/measures.js';
import { measureIds } from '../shared/model/measures.js';
import type { HomeSector, HomeType, OfstedJudgement, SupplyRow } from '../shared/model/supply.js';
import { homeSectors, homeTypes, ofstedJudgements } from '../shared/model/supply.js';
import { buildReference, crosswalk, parseBuildArgs } from './build-reference.js';
import { readSupplyMovements } from './supply-movements.js';
import {
  RO3_FILE,
  costSources,
  derivePlacementSpend,
  nationalUnitCosts,
  readRo3,
  thousands,
  type ChildrenByService,
} from './national-costs.js';

// ---------------------------------------------------------------------------------------------
// Areas

export const ENGLAND = 'E92000001';
const ENGLAND_NAME = 'England';
/** The nine English regions' codes start so; DfE's Inner and Outer London (E13) are not regions. */
const REGION_PREFIX = 'E12';

// ---------------------------------------------------------------------------------------------
// Input files and their sources

export const FILES = {
  claRate: 'dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv',
  claCharacteristics: 'dfe_cla/DERIVED_all_la_cla_on_31_march_by_characteristics_2021_2025.csv',
  missing: 'dfe_cla/la_children_who_were_missing_or_away_from_placement_without_authorisation__2024release.csv',
  netGain: 'dfe_cla/la_cla_on_31_march_la_of_placement_netgain__2024release.csv',
  population: 'ons_population/ons_mid-year_population_estimates_2012_to_2024__dfe_format_0to17.csv',
  ofsted: 'ofsted/provider_level_at_31_March_2023__csv_export.csv',
  centroids: 'boundaries/DERIVED_english_upper_tier_authority_centroids_2024.csv',
  ro3: RO3_FILE,
} as const;

const OGL = 'Open Government Licence v3.0';
const DFE = 'Department for Education';
const CLA_URL =
  'https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions';

export const SOURCE_IDS = {
  claRate: 'dfe-cla-number-rate-2024',
  claCharacteristics: 'dfe-cla-characteristics-2025',
  missing: 'dfe-cla-missing-2024',
  netGain: 'dfe-cla-la-of-placement-2024',
  population: 'ons-mye-0to17-2024',
  ofsted: 'ofsted-csc-providers-2023',
  centroids: 'ons-utla-centroids-2024',
} as const;

/** First year of population estimates taken into the dataset (year ending 31 March convention as published). */
const POPULATION_FIRST_YEAR = 2015;
export const OFSTED_PERIOD = '2023-03-31';
/** The 31 March whose children in each kind of placement divide the RO3 year's spending. */
const SPEND_CHILDREN_PERIOD = '2025';

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Groups and breakdowns taken from the characteristics table, as the source's table text lists them. */
const CHARACTERISTICS_TABLE_TEXT =
  "LA-level table for every English authority, region and England (derived cut, values and suppression codes as published): Placement = Secure homes and children's homes (and Total, for children looked after in years the number-and-rate file does not cover; Foster placements only as the divisor of fostering spend); " +
  'Locality of placement = Placed outside the local authority boundary; Distance between home and placement = Placed more than 20 miles from home; ' +
  'Place providers = each of its seven providers (own provision, other LA, private, voluntary/third sector, other public, parents or other person with parental responsibility, not reported), held as a breakdown of its own; ' +
  'LA of placement = 2. Other LA children externally placed within the local authority boundary (for years the net gain file does not cover). ' +
  "DfE's Inner and Outer London rows are left out (London is the region).";

function sourceList(periods: Record<keyof typeof SOURCE_IDS, string>): Source[] {
  return [
    {
      id: SOURCE_IDS.claRate,
      title: 'Children looked after in England including adoptions, reporting year 2024: number and rate per 10,000',
      publisher: DFE,
      file: baseName(FILES.claRate),
      table:
        'Children looked after at 31 March, starting and ceasing to be looked after each year; number and rate per 10,000 children aged 0 to 17',
      period: periods.claRate,
      licence: OGL,
      url: CLA_URL,
      illustrative: false,
    },
    {
      id: SOURCE_IDS.claCharacteristics,
      title:
        'Children looked after in England including adoptions, reporting year 2025: children looked after on 31 March by characteristics',
      publisher: DFE,
      file: baseName(FILES.claCharacteristics),
      table: CHARACTERISTICS_TABLE_TEXT,
      period: periods.claCharacteristics,
      licence: OGL,
      url: CLA_URL,
      illustrative: false,
    },
    {
      id: SOURCE_IDS.missing,
      title:
        'Children looked after in England including adoptions, reporting year 2024: children who were missing or away from placement without authorisation',
      publisher: DFE,
      file: baseName(FILES.missing),
      table: 'Children who had a missing incident during the year; Number of missing incidents during the year',
      period: periods.missing,
      licence: OGL,
      url: CLA_URL,
      illustrative: false,
    },
    {
      id: SOURCE_IDS.netGain,
      title:
        'Children looked after in England including adoptions, reporting year 2024: children looked after on 31 March by LA of placement (net gain)',
      publisher: DFE,
      file: baseName(FILES.netGain),
      table: '1. Children who are the responsibility of other LAs placed within this LA boundary',
      period: periods.netGain,
      licence: OGL,
      url: CLA_URL,
      illustrative: false,
    },
    {
      id: SOURCE_IDS.population,
      title: 'Mid-year population estimates: children aged 0 to 17 (DfE layout)',
      publisher: 'Office for National Statistics',
      file: baseName(FILES.population),
      table: 'Children aged 0 to 17 years, population_estimate',
      period: periods.population,
      licence: OGL,
      url: 'https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates',
      illustrative: false,
    },
    {
      id: SOURCE_IDS.ofsted,
      title: "Children's social care data in England 2023: provider level at 31 March 2023",
      publisher: 'Ofsted',
      file: baseName(FILES.ofsted),
      table:
        'Provider_level_at_31_Mar_2023, registration status Active (suspended homes left out), homes and sum of Places by Local authority (matched to codes through the reference list), Government Office Region and England. Homes and places measures: provision type "Children\'s home" (either capitalisation), short-break-only homes excluded. Supply rows: provision types "Children\'s home" and "Secure children\'s home" by Local authority, Sector, type (short-break-only from the "Short-break-only children\'s home" column) and "Overall experiences and progress of children and young people"; residential special schools registered as children\'s homes and other provision types excluded. Homes filed under Cumbria (abolished 1 April 2023) cannot be split between Cumberland and Westmorland and Furness and are counted in North West and England only. The sheet lists inspected providers only (latest registration 2 November 2022), so homes registered but not yet inspected by 31 March 2023 are absent',
      period: periods.ofsted,
      licence: OGL,
      url: 'https://www.gov.uk/government/statistics/childrens-social-care-data-in-england-2023',
      illustrative: false,
    },
    {
      id: SOURCE_IDS.centroids,
      title:
        'Counties and unitary authorities, generalised boundaries: area-weighted centroids of English upper-tier authorities (derived; contains OS data © Crown copyright and database right)',
      publisher: 'Office for National Statistics',
      file: baseName(FILES.centroids),
      table: 'area_code, area_name, longitude, latitude: one point per current upper-tier authority',
      period: periods.centroids,
      licence: OGL,
      url: 'https://geoportal.statistics.gov.uk/',
      illustrative: false,
    },
  ];
}

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

// ---------------------------------------------------------------------------------------------
// Observation collection

class ObservationSet {
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
class AreaResolver {
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
function regionsOf(authorities: readonly ReferenceAuthority[]): Map<string, string> {
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
function eachLongFormatValue<K extends string>(
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

interface MeasureSpec extends Omit<LongFormatSpec<MeasureId>, 'keys'> {
  sourceId: string;
  measures: Record<string, MeasureId>;
  /** Skip observations already present (e.g. a later release only fills periods missing from the main one). */
  onlyNew?: boolean;
}

/** Where the build puts what it reads. */
interface Sink {
  observations: ObservationSet;
  leftOut: LeftOutFigure[];
}

/** Reads one long-format DfE/ONS file into observations (and left-out figures); returns the periods it took. */
function readLongFormat(
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

// ---------------------------------------------------------------------------------------------
// Ofsted providers

interface OfstedCounts {
  homes: number;
  places: number;
}

/** Provision types taken into supply (normalised, case-insensitive) and the type of home each is. */
const supplyProvisionTypes: ReadonlyMap<string, HomeType> = new Map([
  ["children's home", 'childrensHome'],
  ["secure children's home", 'secure'],
]);

const sectorByName: ReadonlyMap<string, HomeSector> = new Map(homeSectors.map((s) => [normaliseName(s), s]));
const judgementByName: ReadonlyMap<string, OfstedJudgement> = new Map(
  ofstedJudgements.filter((j) => j !== 'Not yet inspected').map((j) => [normaliseName(j), j]),
);

function ofstedJudgement(raw: string, where: string): OfstedJudgement {
  if (raw === '') return 'Not yet inspected';
  const judgement = judgementByName.get(normaliseName(raw));
  if (!judgement) throw new Error(`${where}: unknown Ofsted judgement "${raw}".`);
  return judgement;
}

interface OfstedResult {
  supply: SupplyRow[];
  /** Supply rows of homes filed under abolished authorities (area = the abolished authority's code). */
  leftOutSupply: SupplyRow[];
  /** Suspended children's homes and secure homes left out, by LA name. */
  suspended: Map<string, number>;
}

/**
 * Reads the Ofsted provider-level sheet: homes and places observations for every current LA, each
 * region and England, and supply rows by LA, sector, type of home and judgement. Only homes whose
 * registration status is Active are counted.
 */
function readOfsted(
  read: Reader,
  resolver: AreaResolver,
  regions: ReadonlyMap<string, string>,
  into: Sink,
): OfstedResult {
  const file = FILES.ofsted;
  // Three title rows, header on row 4; find it by name rather than trusting the position.
  const table = new Table(file, read(file), (rows) => {
    const index = rows.findIndex((r) => {
      const names = r.map(normaliseName);
      return names.includes('urn') && names.includes('provision type');
    });
    if (index < 0) throw new Error(`${file}: no header row with "URN" and "Provision type".`);
    return index;
  });
  const urnCol = table.column('URN');
  const typeCol = table.column('Provision type');
  const statusCol = table.column('Registration status');
  const laCol = table.column('Local authority');
  const regionCol = table.column('Government Office Region');
  const sectorCol = table.column('Sector');
  const placesCol = table.column('Places');
  const shortBreakCol = table.column("Short-break-only children's home");
  const judgementCol = table.column('Overall experiences and progress of children and young people');

  const regionByName = new Map([...regions].map(([code, name]) => [normaliseName(name), code]));
  const counts = new Map<string, OfstedCounts>([[ENGLAND, { homes: 0, places: 0 }]]);
  for (const code of regions.keys()) counts.set(code, { homes: 0, places: 0 });
  for (const a of resolver.authorities) if (a.status === 'current') counts.set(a.onsCode, { homes: 0, places: 0 });
  const supply = new Map<string, SupplyRow>();
  const suspended = new Map<string, number>();
  /** Successors of abolished authorities under which the sheet still files homes (no figure of their own). */
  const successorsWithoutFigures = new Set<string>();
  /** Homes (all supply types) filed under abolished authorities, which have no area of their own. */
  const abolished = new Map<string, OfstedCounts>();
  /** Long-term children's homes filed under abolished authorities, by authority. */
  const abolishedLongTerm = new Map<ReferenceAuthority, OfstedCounts>();
  const seen = new Set<string>();

  for (const { line, cells } of table.rows) {
    const where = `${file} line ${line}`;
    const urn = cell(cells, urnCol);
    if (urn === '') continue;
    if (seen.has(urn)) throw new Error(`${where}: URN ${urn} appears twice.`);
    seen.add(urn);
    const laName = cell(cells, laCol);
    const authority = resolver.byName(laName, where);
    const region = cell(cells, regionCol);
    if (normaliseName(region) !== normaliseName(authority.regionName)) {
      throw new Error(
        `${where}: a home in ${authority.name} with Government Office Region "${region}", expected "${authority.regionName}".`,
      );
    }
    if (authority.status === 'abolished') for (const s of authority.successorCodes) successorsWithoutFigures.add(s);

    const provisionType = supplyProvisionTypes.get(normaliseName(cell(cells, typeCol)));
    if (!provisionType) continue;
    const status = normaliseName(cell(cells, statusCol));
    if (status === 'suspended') {
      suspended.set(laName, (suspended.get(laName) ?? 0) + 1);
      continue;
    }
    if (status !== 'active') throw new Error(`${where}: unknown registration status "${cell(cells, statusCol)}".`);
    const placesText = cell(cells, placesCol).replace(/,/g, '');
    if (!/^\d+$/.test(placesText)) throw new Error(`${where}: home ${urn} has no number of places.`);
    const places = Number(placesText);
    const shortBreakOnly = cell(cells, shortBreakCol) !== '';
    const homeType: HomeType =
      provisionType === 'secure' ? 'secure' : shortBreakOnly ? 'shortBreakOnly' : 'childrensHome';

    if (homeType === 'childrensHome') {
      const regionCode = regionByName.get(normaliseName(region));
      if (!regionCode) throw new Error(`${where}: Government Office Region "${region}" is not an English region.`);
      const targets = [ENGLAND, regionCode];
      if (authority.status === 'current') targets.push(authority.onsCode);
      else {
        const c = abolishedLongTerm.get(authority) ?? { homes: 0, places: 0 };
        c.homes += 1;
        c.places += places;
        abolishedLongTerm.set(authority, c);
      }
      for (const target of targets) {
        const c = counts.get(target);
        if (!c) continue;
        c.homes += 1;
        c.places += places;
      }
    }

    const sector = sectorByName.get(normaliseName(cell(cells, sectorCol))) ?? 'Other';
    const judgement = ofstedJudgement(cell(cells, judgementCol), where);
    if (authority.status === 'abolished') {
      const c = abolished.get(authority.name) ?? { homes: 0, places: 0 };
      c.homes += 1;
      c.places += places;
      abolished.set(authority.name, c);
    }
    const key = `${authority.onsCode}|${sector}|${homeType}|${judgement}`;
    const row = supply.get(key) ?? {
      area: authority.onsCode,
      period: OFSTED_PERIOD,
      sector,
      homeType,
      judgement,
      homes: 0,
      registeredPlaces: 0,
      source: SOURCE_IDS.ofsted,
    };
    row.homes += 1;
    row.registeredPlaces += places;
    supply.set(key, row);
  }

  for (const [name, c] of abolished) {
    resolver.leaveOut(
      file,
      `${name}, ${c.homes} homes with ${c.places} places`,
      'abolished; counted in its region and England only',
      OFSTED_PERIOD,
    );
  }
  for (const code of successorsWithoutFigures) counts.delete(code);
  for (const [area, c] of counts) {
    const values = [
      ['childrensHomes', c.homes],
      ['registeredPlaces', c.places],
    ] as const;
    for (const [measure, value] of values) {
      into.observations.add(
        { area, measure, period: OFSTED_PERIOD, value, suppression: null, source: SOURCE_IDS.ofsted },
        file,
      );
    }
  }
  for (const [authority, c] of abolishedLongTerm) {
    for (const [measure, value] of [
      ['childrensHomes', c.homes],
      ['registeredPlaces', c.places],
    ] as const) {
      into.leftOut.push({
        file: baseName(file),
        code: authority.onsCode,
        name: authority.name,
        regionCode: authority.regionCode,
        measure,
        period: OFSTED_PERIOD,
        value,
        suppression: null,
      });
    }
  }
  const current = new Set(resolver.authorities.filter((a) => a.status === 'current').map((a) => a.onsCode));
  const rows = [...supply.values()];
  return {
    supply: rows.filter((r) => current.has(r.area)),
    leftOutSupply: rows.filter((r) => !current.has(r.area)),
    suspended,
  };
}

// ---------------------------------------------------------------------------------------------
// Centroids

interface Centroid {
  name: string;
  lat: number;
  lon: number;
}

/** Area-weighted centroids of the upper-tier authorities, by ONS code as published. */
function readCentroids(read: Reader): Map<string, Centroid> {
  const file = FILES.centroids;
  const table = new Table(file, read(file));
  const codeCol = table.column('area_code');
  const nameCol = table.column('area_name');
  const latCol = table.column('latitude');
  const lonCol = table.column('longitude');
  const result = new Map<string, Centroid>();
  for (const { line, cells } of table.rows) {
    const where = `${file} line ${line}`;
    const code = cell(cells, codeCol);
    const lat = Number(cell(cells, latCol));
    const lon = Number(cell(cells, lonCol));
    // England spans about 49.9 to 55.8 °N and 6.4 °W to 1.8 °E.
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || lat < 49.5 || lat > 56 || lon < -7 || lon > 2) {
      throw new Error(`${where}: "${cell(cells, latCol)}, ${cell(cells, lonCol)}" is not a position in England.`);
    }
    if (result.has(code)) throw new Error(`${where}: a second centroid for ${code}.`);
    result.set(code, { name: cell(cells, nameCol), lat, lon });
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Build

/** Reads an input file relative to the data folder, each file once per build. */
type Reader = (file: string) => string;

function createReader(dataDir: string): Reader {
  const cache = new Map<string, string>();
  return (file) => {
    const cached = cache.get(file);
    if (cached !== undefined) return cached;
    const full = path.join(dataDir, file);
    if (!fs.existsSync(full)) throw new Error(`Input file not found: ${full}`);
    const text = fs.readFileSync(full, 'utf8');
    cache.set(file, text);
    return text;
  };
}

/** "Years ending 31 March 2020 to 2024" (or prefix + first to last for other kinds of period). */
function describePeriods(periods: string[], prefix = 'Years ending 31 March'): string {
  const sorted = [...periods].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) return 'none';
  return first === last ? `${prefix} ${first}` : `${prefix} ${first} to ${last}`;
}

/** The dataset and what the build had to leave out, for the CLI and the totals test. */
export interface BuildResult {
  dataset: BuiltInDataset;
  /** Rows left out (abolished authorities, former codes covering other areas), one line each. */
  leftOut: string[];
  /** The figures of those rows, for reconciling LA sums with published regional and national totals. */
  leftOutFigures: LeftOutFigure[];
  /** Supply rows of homes Ofsted filed under abolished authorities (counted in their region and England only). */
  leftOutSupply: SupplyRow[];
  /** Suspended children's homes and secure homes not counted, by Ofsted LA name. */
  suspended: Map<string, number>;
}

/** Reads the published files in `dataDir` and returns the national built-in dataset. */
export function buildDataset(dataDir: string): BuiltInDataset {
  return buildDatasetWithNotes(dataDir).dataset;
}

/** As buildDataset, with notes on what was left out. */
export function buildDatasetWithNotes(dataDir: string): BuildResult {
  const read = createReader(dataDir);
  const authorities = buildReference(read(FILES.claRate), crosswalk, FILES.claRate);
  const resolver = new AreaResolver(authorities);
  const regions = regionsOf(authorities);
  const sink: Sink = { observations: new ObservationSet(), leftOut: [] };
  const readMeasures = (spec: MeasureSpec): string[] => readLongFormat(read, resolver, regions, spec, sink);

  const claRatePeriods = readMeasures({
    file: FILES.claRate,
    sourceId: SOURCE_IDS.claRate,
    filterColumns: ['population_count', 'population_type'],
    valueColumns: ['number', 'children_count'],
    measures: {
      'Children looked after at 31 March each year': 'childrenLookedAfter',
      'Children looked after on 31 March each year': 'childrenLookedAfter',
      'Children starting to be looked after each year': 'childrenStartingCare',
      'Children ceasing to be looked after each year': 'childrenCeasingCare',
    },
  });
  readMeasures({
    file: FILES.claRate,
    sourceId: SOURCE_IDS.claRate,
    filterColumns: ['population_count', 'population_type'],
    valueColumns: ['rate_per_10000'],
    measures: {
      'Children looked after at 31 March each year': 'childrenLookedAfterRatePer10k',
      'Children looked after on 31 March each year': 'childrenLookedAfterRatePer10k',
    },
  });

  const missingPeriods = readMeasures({
    file: FILES.missing,
    sourceId: SOURCE_IDS.missing,
    filterColumns: ['CLA_group', 'cla_group', 'characteristic'],
    valueColumns: ['number', 'children_count'],
    measures: {
      'Children who had a missing incident during the year': 'childrenWithMissingIncident',
      'Number of missing incidents during the year': 'missingIncidents',
    },
  });

  const netGainPeriods = readMeasures({
    file: FILES.netGain,
    sourceId: SOURCE_IDS.netGain,
    filterColumns: ['characteristic', 'breakdown'],
    valueColumns: ['number', 'children_count'],
    measures: {
      '1. Children who are the responsibility of other LAs placed within this LA boundary':
        'otherLasChildrenPlacedInside',
    },
  });

  // The characteristics file: pre-2025 layout (cla_group, characteristic, number) or the 2025
  // renaming (characteristic = group, breakdown = value, children_count).
  const renamed = new Table(FILES.claCharacteristics, read(FILES.claCharacteristics)).hasColumn('breakdown');
  const characteristics = {
    file: FILES.claCharacteristics,
    sourceId: SOURCE_IDS.claCharacteristics,
    groupColumns: renamed ? ['characteristic'] : ['cla_group'],
    filterColumns: renamed ? ['breakdown'] : ['characteristic'],
    valueColumns: renamed ? ['children_count'] : ['number'],
  };
  const characteristicGroups: { group: string; measures: Record<string, MeasureId>; onlyNew?: boolean }[] = [
    { group: 'Placement', measures: { "Secure homes and children's homes": 'childrenInChildrensHomes' } },
    {
      group: 'Locality of placement',
      measures: { 'Placed outside the local authority boundary': 'placedOutsideLaBoundary' },
    },
    {
      group: 'Distance between home and placement',
      measures: { 'Placed more than 20 miles from home': 'placedOver20Miles' },
    },
    // Children looked after in periods the number-and-rate file does not yet cover (2025): the
    // Placement group's Total is all children looked after on 31 March.
    { group: 'Placement', measures: { Total: 'childrenLookedAfter' }, onlyNew: true },
    // Other LAs' children placed inside, for periods the net gain file does not yet cover (2025).
    {
      group: 'LA of placement',
      measures: {
        '2. Other LA children externally placed within the local authority boundary': 'otherLasChildrenPlacedInside',
      },
      onlyNew: true,
    },
  ];
  const characteristicsPeriods = new Set<string>();
  for (const g of characteristicGroups) {
    for (const p of readMeasures({ ...characteristics, ...g })) characteristicsPeriods.add(p);
  }
  // Children by place provider: a breakdown of its own (dataset.placeProviders), not measures.
  const providerKeys = Object.fromEntries(placeProviders.map((p) => [placeProviderLabels[p], p])) as Record<
    string,
    PlaceProvider
  >;
  const providerRows: PlaceProviderCount[] = [];
  eachLongFormatValue(
    read,
    resolver,
    regions,
    { ...characteristics, group: 'Place providers', keys: providerKeys },
    (v) => {
      if (v.place.kind !== 'area') return;
      providerRows.push({
        area: v.place.area,
        period: v.period,
        provider: v.key,
        children: v.value,
        suppression: v.suppression,
        source: SOURCE_IDS.claCharacteristics,
      });
      characteristicsPeriods.add(v.period);
    },
  );
  // Children in foster placements on 31 March: the divisor of fostering spend (not stored as a measure).
  const fosterChildren = new Map<string, number | null>();
  eachLongFormatValue(
    read,
    resolver,
    regions,
    { ...characteristics, group: 'Placement', keys: { 'Foster placements': 'foster' } },
    (v) => {
      if (v.place.kind === 'area' && v.period === SPEND_CHILDREN_PERIOD) fosterChildren.set(v.place.area, v.value);
    },
  );

  const populationPeriods = readMeasures({
    file: FILES.population,
    sourceId: SOURCE_IDS.population,
    filterColumns: ['age_group'],
    valueColumns: ['population_estimate'],
    measures: { 'Children aged 0 to 17 years': 'population0to17' },
    fromYear: POPULATION_FIRST_YEAR,
  });

  const ofsted = readOfsted(read, resolver, regions, sink);
  // Children's homes opened and closed each year (Ofsted joiners and leavers), by the importer's parser.
  const movementBuild = readSupplyMovements(dataDir, authorities);

  // Areas: every current authority by ONS code, then the regions, then England. None is a member.
  const centroids = readCentroids(read);
  const current = authorities.filter((a) => a.status === 'current');
  const currentCodes = new Set(current.map((a) => a.onsCode));
  for (const code of centroids.keys()) {
    const ref = resolver.byCode(code);
    if (!ref || ref.status !== 'current') throw new Error(`${FILES.centroids}: ${code} is not a current authority.`);
  }
  const areas: Area[] = current.map((a) => {
    const c = centroids.get(a.onsCode);
    if (!c) throw new Error(`${FILES.centroids}: no centroid for ${a.name} (${a.onsCode}).`);
    if (normaliseName(c.name) !== normaliseName(a.name)) {
      throw new Error(`${FILES.centroids}: ${a.onsCode} is named "${c.name}", expected "${a.name}".`);
    }
    return {
      code: a.onsCode,
      dfeCode: a.dfeCode,
      name: a.name,
      level: 'Local authority',
      regionCode: a.regionCode,
      regionName: a.regionName,
      centroidLat: c.lat,
      centroidLon: c.lon,
      isMember: false,
    };
  });
  for (const [code, name] of regions) {
    areas.push({
      code,
      dfeCode: null,
      name,
      level: 'Regional',
      regionCode: code,
      regionName: name,
      centroidLat: null,
      centroidLon: null,
      isMember: false,
    });
  }
  areas.push({
    code: ENGLAND,
    dfeCode: null,
    name: ENGLAND_NAME,
    level: 'National',
    regionCode: null,
    regionName: null,
    centroidLat: null,
    centroidLon: null,
    isMember: false,
  });
  for (const o of sink.observations.values()) {
    if (!currentCodes.has(o.area) && !regions.has(o.area) && o.area !== ENGLAND) {
      throw new Error(`Observation for ${o.area}, which is not an area of the dataset.`);
    }
  }

  // Published spending on placements (RO3) and the cost per child it implies.
  const ro3 = readRo3(new Uint8Array(fs.readFileSync(path.join(dataDir, FILES.ro3))), FILES.ro3, (code, name, where) =>
    resolver.fromCodes(FILES.ro3, code, '', name, 'financial year', where),
  );
  const inHomes = new Map<string, number | null>();
  for (const o of sink.observations.values()) {
    if (o.measure === 'childrenInChildrensHomes' && o.period === SPEND_CHILDREN_PERIOD) inHomes.set(o.area, o.value);
  }
  const children: ChildrenByService = { residentialCare: inHomes, fostering: fosterChildren };
  const placementSpend = derivePlacementSpend(ro3, areas, children, SPEND_CHILDREN_PERIOD);
  const costs = nationalUnitCosts(placementSpend);

  const areaOrder = new Map(areas.map((a, i) => [a.code, i]));
  const measureOrder = new Map(measureIds.map((m, i) => [m, i]));
  const sorted = sink.observations
    .values()
    .sort(
      (a, b) =>
        (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
        (measureOrder.get(a.measure) ?? 0) - (measureOrder.get(b.measure) ?? 0) ||
        (a.period < b.period ? -1 : a.period > b.period ? 1 : 0),
    );
  const orderOf = <T extends string>(list: readonly T[]): Map<T, number> => new Map(list.map((v, i) => [v, i]));
  const sectorOrder = orderOf(homeSectors);
  const typeOrder = orderOf(homeTypes);
  const judgementOrder = orderOf(ofstedJudgements);
  const bySupplyKey = (a: SupplyRow, b: SupplyRow): number =>
    (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
    (a.area < b.area ? -1 : a.area > b.area ? 1 : 0) ||
    (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
    (sectorOrder.get(a.sector) ?? 0) - (sectorOrder.get(b.sector) ?? 0) ||
    (typeOrder.get(a.homeType) ?? 0) - (typeOrder.get(b.homeType) ?? 0) ||
    (judgementOrder.get(a.judgement) ?? 0) - (judgementOrder.get(b.judgement) ?? 0);
  const supply = ofsted.supply.sort(bySupplyKey);
  const supplyMovements = movementBuild.movements.sort(
    (a, b) =>
      (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (sectorOrder.get(a.sector) ?? 0) - (sectorOrder.get(b.sector) ?? 0),
  );
  for (const m of supplyMovements) {
    if (!areaOrder.has(m.area)) throw new Error(`Supply movement for ${m.area}, which is not an area of the dataset.`);
  }
  const providerOrder = orderOf(placeProviders);
  const providerCounts = providerRows.sort(
    (a, b) =>
      (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (providerOrder.get(a.provider) ?? 0) - (providerOrder.get(b.provider) ?? 0),
  );
  const seenProvider = new Set<string>();
  for (const r of providerCounts) {
    const k = `${r.area}|${r.period}|${r.provider}`;
    if (seenProvider.has(k))
      throw new Error(`${FILES.claCharacteristics}: a second ${r.provider} value for ${r.area} in ${r.period}.`);
    seenProvider.add(k);
  }

  const sources = [
    ...sourceList({
      claRate: describePeriods(claRatePeriods),
      claCharacteristics: describePeriods([...characteristicsPeriods], '31 March'),
      missing: describePeriods(missingPeriods),
      netGain: describePeriods(netGainPeriods, '31 March'),
      population: describePeriods(populationPeriods, 'Mid-year estimates'),
      ofsted: '31 March 2023',
      centroids: 'Boundaries current in 2024-25',
    }),
    ...costSources(ro3, {
      childrenDate: `31 March ${SPEND_CHILDREN_PERIOD}`,
      childrenFile: `${baseName(FILES.claCharacteristics)} (Placement)`,
    }),
    ...costs.sources,
    ...movementBuild.sources,
  ];

  // Fixed, input-derived timestamp: the end of the latest year-ending-31-March period.
  const latestYear = sorted.reduce((max, o) => (/^\d{4}$/.test(o.period) && o.period > max ? o.period : max), '0000');
  const latestDate = sorted.reduce(
    (max, o) => (/^\d{4}-\d{2}-\d{2}$/.test(o.period) && o.period > max ? o.period : max),
    '',
  );
  const latestYearDate = `${latestYear}-03-31`;
  const generatedAt = latestDate > latestYearDate ? latestDate : latestYearDate;

  const dataset: BuiltInDataset = {
    id: 'england-builtin',
    consortiumName: 'Untitled consortium',
    generatedBy: 'scripts/build-dataset.ts',
    generatedAt,
    sources,
    areas,
    observations: sorted,
    supply,
    supplyMovements,
    homes: [],
    flows: [],
    unitCosts: costs.unitCosts,
    assumptions: costs.assumptions,
    placeProviders: providerCounts,
    placementSpend,
  };
  return {
    dataset,
    leftOut: resolver.notes(),
    leftOutFigures: sink.leftOut,
    leftOutSupply: ofsted.leftOutSupply.sort(bySupplyKey),
    suspended: ofsted.suspended,
  };
}

/** Longest one-line form of a record inside an array; longer records are laid out over several lines. */
const ONE_LINE_RECORD_MAX = 250;

/** Arrays of data records, each record on one line whatever its length. */
const DATA_ARRAYS: ReadonlySet<string> = new Set([
  'areas',
  'observations',
  'supply',
  'supplyMovements',
  'placeProviders',
  'placementSpend',
]);

function isFlatRecord(value: object): boolean {
  return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

/** JSON with 2-space indentation, except that flat records inside arrays take one line each (see above). */
function formatJson(value: unknown, indent: string, arrayKey: string | null): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + formatJson(v, inner, arrayKey)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const oneLine = JSON.stringify(value);
    if (
      arrayKey !== null &&
      isFlatRecord(value) &&
      (DATA_ARRAYS.has(arrayKey) || oneLine.length <= ONE_LINE_RECORD_MAX)
    ) {
      return oneLine;
    }
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, Array.isArray(v) ? k : null)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * The dataset as written to disk: 2-space JSON with a trailing newline, with each area, observation,
 * supply row, place-provider count and spending row on one line to keep the bundled file small.
 */
export function serialiseDataset(dataset: BuiltInDataset): string {
  return `${formatJson(dataset, '', null)}\n`;
}

/** Sum of a measure over the given areas for one period (missing values skipped), with a count of suppressed ones. */
export function sumOverAreas(
  dataset: BuiltInDataset,
  codes: Iterable<string>,
  measure: MeasureId,
  period: string,
): { total: number; suppressed: number; count: number } {
  const wanted = new Set(codes);
  let total = 0;
  let suppressed = 0;
  let count = 0;
  for (const o of dataset.observations) {
    if (o.measure !== measure || o.period !== period || !wanted.has(o.area)) continue;
    count += 1;
    if (o.value === null) suppressed += 1;
    else total += o.value;
  }
  return { total, suppressed, count };
}

export interface SectorSupply {
  sector: HomeSector;
  homes: number;
  places: number;
  byType: Record<HomeType, { homes: number; places: number }>;
}

/** Supply rows summed by sector (sectors with no homes left out), optionally only for some areas. */
export function supplyBySector(rows: readonly SupplyRow[], period: string, codes?: Iterable<string>): SectorSupply[] {
  const wanted = codes ? new Set(codes) : null;
  const bySector = new Map<HomeSector, SectorSupply>();
  for (const r of rows) {
    if (r.period !== period || (wanted && !wanted.has(r.area))) continue;
    const s = bySector.get(r.sector) ?? {
      sector: r.sector,
      homes: 0,
      places: 0,
      byType: Object.fromEntries(homeTypes.map((t) => [t, { homes: 0, places: 0 }])) as SectorSupply['byType'],
    };
    s.homes += r.homes;
    s.places += r.registeredPlaces;
    s.byType[r.homeType].homes += r.homes;
    s.byType[r.homeType].places += r.registeredPlaces;
    bySector.set(r.sector, s);
  }
  return homeSectors.flatMap((sector) => {
    const s = bySector.get(sector);
    return s ? [s] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// CLI

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DATASET_OUT = path.resolve(repoRoot, 'resources/dataset/builtin-england.json');

/** Measures whose LA sums are compared with the published England figure in the CLI's summary. */
const SUMMED: readonly MeasureId[] = [
  'childrenLookedAfter',
  'childrenInChildrensHomes',
  'placedOutsideLaBoundary',
  'placedOver20Miles',
  'childrenWithMissingIncident',
  'missingIncidents',
  'otherLasChildrenPlacedInside',
  'population0to17',
  'childrensHomes',
  'registeredPlaces',
];

function main(): void {
  const { dataDir, outFile } = parseBuildArgs(process.argv.slice(2), 'build-dataset', DATASET_OUT);
  const { dataset, leftOut, leftOutFigures, leftOutSupply, suspended } = buildDatasetWithNotes(dataDir);
  const text = serialiseDataset(dataset);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);

  const levels = (level: Area['level']): number => dataset.areas.filter((a) => a.level === level).length;
  console.log(
    `Wrote ${path.relative(process.cwd(), outFile)} (${Buffer.byteLength(text)} bytes): ${levels('Local authority')} authorities, ${levels('Regional')} regions and England; ` +
      `${dataset.observations.length} observations (${dataset.observations.filter((o) => o.suppression !== null).length} suppressed), ${dataset.supply.length} supply rows, ` +
      `${dataset.placeProviders?.length ?? 0} place-provider rows, ${dataset.placementSpend?.length ?? 0} spending rows, ${dataset.sources.length} sources.`,
  );
  const las = dataset.areas.filter((a) => a.level === 'Local authority').map((a) => a.code);
  console.log(
    'England: published figure against the sum over authorities (+ abolished authorities left out; suppressed):',
  );
  for (const measure of SUMMED) {
    const periods = [...new Set(dataset.observations.filter((o) => o.measure === measure).map((o) => o.period))].sort();
    const period = periods.at(-1);
    if (!period) continue;
    const published = dataset.observations.find(
      (o) => o.area === ENGLAND && o.measure === measure && o.period === period,
    );
    const sum = sumOverAreas(dataset, las, measure, period);
    const abolished = leftOutFigures
      .filter((f) => f.measure === measure && f.period === period)
      .reduce((n, f) => n + (f.value ?? 0), 0);
    console.log(
      `  ${measure} ${period}: England ${published?.value ?? 'missing'}, authorities ${sum.total}${abolished ? ` + ${abolished}` : ''}${sum.suppressed ? ` (${sum.suppressed} suppressed)` : ''}`,
    );
  }
  console.log(`Supply at ${OFSTED_PERIOD} by sector, all authorities (homes / registered places):`);
  for (const row of supplyBySector(dataset.supply, OFSTED_PERIOD)) {
    const types = homeTypes.map((t) => `${t} ${row.byType[t].homes}/${row.byType[t].places}`).join(', ');
    console.log(`  ${row.sector}: ${row.homes} homes, ${row.places} places (${types})`);
  }
  console.log('Children’s homes opened and closed, England (homes +opened/−closed, places +opened/−closed):');
  const movementRows = dataset.supplyMovements ?? [];
  for (const period of [...new Set(movementRows.map((m) => m.period))].sort()) {
    const rows = movementRows.filter((m) => m.area === ENGLAND && m.period === period);
    const sum = (k: 'homesOpened' | 'homesClosed' | 'placesOpened' | 'placesClosed'): number =>
      rows.reduce((n, m) => n + m[k], 0);
    console.log(
      `  ${period}: homes +${sum('homesOpened')}/−${sum('homesClosed')}, places +${sum('placesOpened')}/−${sum('placesClosed')}`,
    );
  }
  const abolishedHomes = leftOutSupply.reduce((n, r) => n + r.homes, 0);
  console.log(
    `  plus ${abolishedHomes} homes filed under abolished authorities (counted in their region and England).`,
  );
  const suspendedTotal = [...suspended.values()].reduce((sum, n) => sum + n, 0);
  console.log(`Suspended homes not counted: ${suspendedTotal}.`);

  const names = new Map(dataset.areas.map((a) => [a.code, a.name]));
  const service: PlacementSpendService = 'residentialCare';
  console.log('Residential care, RO3 spend ÷ children in secure and children’s homes on 31 March 2025:');
  const shown = ['E92000001', 'E12000002', 'E08000001', 'E08000003', 'E08000035', 'E10000016', 'E09000033'];
  for (const code of shown) {
    const row = dataset.placementSpend?.find((s) => s.area === code && s.service === service);
    if (!row) continue;
    const spend =
      row.totalExpenditure === null ? `no spend (${row.spendNote ?? ''})` : `£${thousands(row.totalExpenditure)}k`;
    const cost =
      row.weeklyCostPerChild === null
        ? 'no cost'
        : `£${thousands(row.annualCostPerChild ?? 0)} a year, £${thousands(row.weeklyCostPerChild)} a week`;
    console.log(`  ${names.get(code) ?? code}: ${spend} ÷ ${row.children ?? '—'} children = ${cost}`);
  }
  const noCost = (dataset.placementSpend ?? []).filter(
    (s) => s.service === service && s.weeklyCostPerChild === null && names.has(s.area),
  );
  console.log(`  No residential cost per child for: ${noCost.map((s) => names.get(s.area)).join(', ') || 'none'}.`);
  console.log(
    `Unit costs: ${dataset.unitCosts.map((c) => `${c.placementType}/${c.sector} £${c.weeklyCost}`).join(', ')}.`,
  );
  if (leftOut.length > 0) {
    console.log('Left out (no current area to hold them):');
    for (const line of leftOut) console.log(`  ${line}`);
  }
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
