/**
 * Builds the built-in dataset (resources/dataset/builtin-gm.json) from the published DfE, Ofsted
 * and ONS files in ../shared/data: every current English upper-tier LA (from the reference list
 * built by scripts/build-reference.ts), with the ten Greater Manchester LAs as the consortium's
 * members, plus North West and England as comparators.
 *
 *   npx tsx scripts/build-dataset.ts [--data DIR] [--out FILE]
 *
 * LA codes in the inputs are mapped to current ONS codes through the reference crosswalk (e.g.
 * Barnsley's E08000016 in DfE files to E08000038). Rows of abolished authorities (Cumbria,
 * Northamptonshire) and of former codes whose boundaries changed are left out: their figures
 * cannot be split between successors. The build says what it left out.
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
import type { Area, BuiltInDataset, Observation, Source, SuppressionCode } from '../shared/model/dataset.js';
import { suppressionCodes } from '../shared/model/dataset.js';
import type { MeasureId } from '../shared/model/measures.js';
import { measureIds } from '../shared/model/measures.js';
import type { HomeSector, HomeType, OfstedJudgement, SupplyRow } from '../shared/model/supply.js';
import { homeSectors, homeTypes, ofstedJudgements } from '../shared/model/supply.js';
import { ILLUSTRATIVE_SEED, buildIllustrative } from './illustrative.js';
import { buildReference, crosswalk, parseBuildArgs } from './build-reference.js';

// ---------------------------------------------------------------------------------------------
// Areas

const ENGLAND = 'E92000001';
const NORTH_WEST = 'E12000002';
const NORTH_WEST_NAME = 'North West';

interface MemberLa {
  code: string;
  dfeCode: string;
  name: string;
}

/** The ten Greater Manchester LAs (ONS and DfE codes, DOMAIN.md): the consortium's members. */
export const gmLocalAuthorities: readonly MemberLa[] = [
  { code: 'E08000001', dfeCode: '350', name: 'Bolton' },
  { code: 'E08000002', dfeCode: '351', name: 'Bury' },
  { code: 'E08000003', dfeCode: '352', name: 'Manchester' },
  { code: 'E08000004', dfeCode: '353', name: 'Oldham' },
  { code: 'E08000005', dfeCode: '354', name: 'Rochdale' },
  { code: 'E08000006', dfeCode: '355', name: 'Salford' },
  { code: 'E08000007', dfeCode: '356', name: 'Stockport' },
  { code: 'E08000008', dfeCode: '357', name: 'Tameside' },
  { code: 'E08000009', dfeCode: '358', name: 'Trafford' },
  { code: 'E08000010', dfeCode: '359', name: 'Wigan' },
];

// ---------------------------------------------------------------------------------------------
// Input files and their sources

const FILES = {
  claRate: 'dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv',
  claCharacteristics: 'dfe_cla/DERIVED_gm_nw_england_cla_on_31_march_by_characteristics_2021_2025.csv',
  missing: 'dfe_cla/la_children_who_were_missing_or_away_from_placement_without_authorisation__2024release.csv',
  netGain: 'dfe_cla/la_cla_on_31_march_la_of_placement_netgain__2024release.csv',
  population: 'ons_population/ons_mid-year_population_estimates_2012_to_2024__dfe_format_0to17.csv',
  ofsted: 'ofsted/provider_level_at_31_March_2023__csv_export.csv',
  boundaries: 'boundaries/gm_local_authority_2023_generalised.geojson',
} as const;

const OGL = 'Open Government Licence v3.0';
const DFE = 'Department for Education';
const CLA_URL =
  'https://explore-education-statistics.service.gov.uk/find-statistics/children-looked-after-in-england-including-adoptions';

const SOURCE_IDS = {
  claRate: 'dfe-cla-number-rate-2024',
  claCharacteristics: 'dfe-cla-characteristics-2025',
  missing: 'dfe-cla-missing-2024',
  netGain: 'dfe-cla-la-of-placement-2024',
  population: 'ons-mye-0to17-2024',
  ofsted: 'ofsted-csc-providers-2023',
  boundaries: 'ons-lad-boundaries-2023',
} as const;

/** First year of population estimates taken into the dataset (year ending 31 March convention as published). */
const POPULATION_FIRST_YEAR = 2015;
const OFSTED_PERIOD = '2023-03-31';

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

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
      table:
        "LA-level rows for Greater Manchester, North West and England (derived cut): Placement = Secure homes and children's homes; Placement = Total; Locality of placement = Placed outside the local authority boundary; Distance between home and placement = Placed more than 20 miles from home",
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
        'Provider_level_at_31_Mar_2023, registration status Active (suspended homes left out), homes and sum of Places by Local authority (matched to codes through the reference list), Government Office Region North West and England. Homes and places measures: provision type "Children\'s home" (either capitalisation), short-break-only homes excluded. Supply rows: provision types "Children\'s home" and "Secure children\'s home" by Local authority, Sector, type (short-break-only from the "Short-break-only children\'s home" column) and "Overall experiences and progress of children and young people"; residential special schools registered as children\'s homes and other provision types excluded. Homes filed under Cumbria (abolished 1 April 2023) cannot be split between Cumberland and Westmorland and Furness and are counted in North West and England only. The sheet lists inspected providers only (latest registration 2 November 2022), so homes registered but not yet inspected by 31 March 2023 are absent',
      period: periods.ofsted,
      licence: OGL,
      url: 'https://www.gov.uk/government/statistics/childrens-social-care-data-in-england-2023',
      illustrative: false,
    },
    {
      id: SOURCE_IDS.boundaries,
      title:
        'Local Authority Districts (December 2023) boundaries, generalised: Greater Manchester centroids (contains OS data © Crown copyright and database right)',
      publisher: 'Office for National Statistics',
      file: baseName(FILES.boundaries),
      table: 'Feature properties area_code, area_name, lat, lon',
      period: periods.boundaries,
      licence: OGL,
      url: 'https://geoportal.statistics.gov.uk/',
      illustrative: false,
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Table reading

/** One parsed CSV table with its columns matched by name. */
class Table {
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

function normaliseName(name: string): string {
  return normaliseText(name).toLowerCase();
}

/** Trims, folds typographic apostrophes and collapses runs of white space. */
function normaliseText(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

function cell(cells: string[], index: number): string {
  return (cells[index] ?? '').trim();
}

interface ParsedValue {
  value: number | null;
  suppression: SuppressionCode | null;
}

const suppressionSet: ReadonlySet<string> = new Set(suppressionCodes);

/** Parses a published value: a number (commas allowed) or a suppression code. Throws on anything else. */
function parseValue(raw: string, where: string): ParsedValue {
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

/** Which dataset area a DfE long-format row belongs to, or null when it is outside the dataset. */
function dfeArea(resolver: AreaResolver, table: Table, cells: string[], period: string, where: string): string | null {
  const level = cell(cells, table.column('geographic_level')).toLowerCase();
  if (level === 'national') {
    const country = table.hasColumn('country_code') ? cell(cells, table.column('country_code')) : '';
    return country === '' || country === ENGLAND ? ENGLAND : null;
  }
  if (level === 'regional') {
    return cell(cells, table.column('region_code')) === NORTH_WEST ? NORTH_WEST : null;
  }
  if (level === 'local authority') {
    return resolver.fromCodes(
      table.file,
      cell(cells, table.column('new_la_code')),
      cell(cells, table.column('old_la_code')),
      cell(cells, table.column('la_name')),
      period,
      where,
    );
  }
  return null;
}

interface LongFormatSpec {
  file: string;
  sourceId: string;
  /** Filter columns, matched by name (first that exists). */
  filterColumns: string[];
  /** Value columns by name (first that exists). */
  valueColumns: string[];
  /** Filter value (normalised, case-insensitive) → measure. */
  measures: Record<string, MeasureId>;
  /** Optional second filter column that must hold a given value (e.g. group = Placement). */
  groupColumns?: string[];
  group?: string;
  /** Only periods from this year. */
  fromYear?: number;
  /** Skip observations already present (e.g. a later release only fills periods missing from the main one). */
  onlyNew?: boolean;
}

/** Reads one long-format DfE/ONS file into observations; returns the periods it took. */
function readLongFormat(read: Reader, resolver: AreaResolver, spec: LongFormatSpec, into: ObservationSet): string[] {
  const table = new Table(spec.file, read(spec.file));
  const periodCol = table.column('time_period');
  const filterCol = table.column(...spec.filterColumns);
  const valueCol = table.column(...spec.valueColumns);
  const groupCol = spec.groupColumns ? table.column(...spec.groupColumns) : null;
  const group = normaliseName(spec.group ?? '');
  const wanted = new Map(Object.entries(spec.measures).map(([k, v]) => [normaliseName(k), v]));
  const periods = new Set<string>();
  for (const { line, cells } of table.rows) {
    const where = `${spec.file} line ${line}`;
    if (groupCol !== null && normaliseName(cell(cells, groupCol)) !== group) continue;
    const measure = wanted.get(normaliseName(cell(cells, filterCol)));
    if (!measure) continue;
    const period = cell(cells, periodCol);
    if (!/^\d{4}$/.test(period)) throw new Error(`${where}: time_period "${period}" is not a year.`);
    if (spec.fromYear !== undefined && Number(period) < spec.fromYear) continue;
    const area = dfeArea(resolver, table, cells, period, where);
    if (!area) continue;
    if (spec.onlyNew && into.has(area, measure, period)) continue;
    const value = parseValue(cell(cells, valueCol), `${where} (${measure})`);
    into.add({ area, measure, period, ...value, source: spec.sourceId }, where);
    periods.add(period);
  }
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
  /** Suspended children's homes and secure homes left out, by LA name. */
  suspended: Map<string, number>;
}

/**
 * Reads the Ofsted provider-level sheet: homes and places observations for every current LA, North
 * West and England, and supply rows by LA, sector, type of home and judgement. Only homes whose
 * registration status is Active are counted.
 */
function readOfsted(read: Reader, resolver: AreaResolver, into: ObservationSet): OfstedResult {
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

  const counts = new Map<string, OfstedCounts>([
    [ENGLAND, { homes: 0, places: 0 }],
    [NORTH_WEST, { homes: 0, places: 0 }],
  ]);
  for (const a of resolver.authorities) if (a.status === 'current') counts.set(a.onsCode, { homes: 0, places: 0 });
  const supply = new Map<string, SupplyRow>();
  const suspended = new Map<string, number>();
  /** Successors of abolished authorities under which the sheet still files homes (no figure of their own). */
  const successorsWithoutFigures = new Set<string>();
  /** Homes (all supply types) filed under abolished authorities, which have no area of their own. */
  const abolished = new Map<string, OfstedCounts>();
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
      const targets = [ENGLAND];
      if (normaliseName(region) === normaliseName(NORTH_WEST_NAME)) targets.push(NORTH_WEST);
      if (authority.status === 'current') targets.push(authority.onsCode);
      for (const target of targets) {
        const c = counts.get(target);
        if (!c) continue;
        c.homes += 1;
        c.places += places;
      }
    }

    if (authority.status === 'abolished') {
      const c = abolished.get(authority.name) ?? { homes: 0, places: 0 };
      c.homes += 1;
      c.places += places;
      abolished.set(authority.name, c);
      continue;
    }
    const sector = sectorByName.get(normaliseName(cell(cells, sectorCol))) ?? 'Other';
    const judgement = ofstedJudgement(cell(cells, judgementCol), where);
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
      'abolished; counted in North West and England only',
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
      into.add({ area, measure, period: OFSTED_PERIOD, value, suppression: null, source: SOURCE_IDS.ofsted }, file);
    }
  }
  return { supply: [...supply.values()], suspended };
}

// ---------------------------------------------------------------------------------------------
// Boundaries (centroids)

interface Centroid {
  name: string;
  lat: number;
  lon: number;
}

function readCentroids(read: Reader): Map<string, Centroid> {
  const file = FILES.boundaries;
  const json = JSON.parse(read(file)) as {
    features?: { properties?: Record<string, unknown> }[];
  };
  const result = new Map<string, Centroid>();
  for (const feature of json.features ?? []) {
    const p = feature.properties ?? {};
    const code = [p.area_code, p.areacd, p.LAD23CD].find((v): v is string => typeof v === 'string');
    const name = [p.area_name, p.areanm, p.LAD23NM].find((v): v is string => typeof v === 'string');
    const lat = typeof p.lat === 'number' ? p.lat : Number(p.lat);
    const lon = typeof p.lon === 'number' ? p.lon : Number(p.lon);
    if (!code || !name || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    result.set(code, { name, lat, lon });
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

/** The dataset and what the build had to leave out, for the CLI to report. */
export interface BuildResult {
  dataset: BuiltInDataset;
  /** Rows left out (abolished authorities, former codes covering other areas), one line each. */
  leftOut: string[];
  /** Suspended children's homes and secure homes not counted, by Ofsted LA name. */
  suspended: Map<string, number>;
}

/** Reads the published files in `dataDir` and returns the built-in Greater Manchester dataset. */
export function buildDataset(dataDir: string): BuiltInDataset {
  return buildDatasetWithNotes(dataDir).dataset;
}

/** As buildDataset, with notes on what was left out. */
export function buildDatasetWithNotes(dataDir: string): BuildResult {
  const read = createReader(dataDir);
  const authorities = buildReference(read(FILES.claRate), crosswalk, FILES.claRate);
  const resolver = new AreaResolver(authorities);
  const observations = new ObservationSet();

  const claRatePeriods = readLongFormat(
    read,
    resolver,
    {
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
    },
    observations,
  );
  readLongFormat(
    read,
    resolver,
    {
      file: FILES.claRate,
      sourceId: SOURCE_IDS.claRate,
      filterColumns: ['population_count', 'population_type'],
      valueColumns: ['rate_per_10000'],
      measures: {
        'Children looked after at 31 March each year': 'childrenLookedAfterRatePer10k',
        'Children looked after on 31 March each year': 'childrenLookedAfterRatePer10k',
      },
    },
    observations,
  );

  // The characteristics file: pre-2025 layout (cla_group, characteristic, number) or the 2025
  // renaming (characteristic = group, breakdown = value, children_count).
  const renamed = new Table(FILES.claCharacteristics, read(FILES.claCharacteristics)).hasColumn('breakdown');
  const groupColumns = renamed ? ['characteristic'] : ['cla_group'];
  const filterColumns = renamed ? ['breakdown'] : ['characteristic'];
  const valueColumns = renamed ? ['children_count'] : ['number'];
  const characteristicGroups: { group: string; measures: Record<string, MeasureId> }[] = [
    {
      group: 'Placement',
      measures: {
        "Secure homes and children's homes": 'childrenInChildrensHomes',
      },
    },
    {
      group: 'Locality of placement',
      measures: {
        'Placed outside the local authority boundary': 'placedOutsideLaBoundary',
      },
    },
    {
      group: 'Distance between home and placement',
      measures: { 'Placed more than 20 miles from home': 'placedOver20Miles' },
    },
  ];
  const characteristicsPeriods = new Set<string>();
  for (const g of characteristicGroups) {
    for (const p of readLongFormat(
      read,
      resolver,
      {
        file: FILES.claCharacteristics,
        sourceId: SOURCE_IDS.claCharacteristics,
        groupColumns,
        group: g.group,
        filterColumns,
        valueColumns,
        measures: g.measures,
      },
      observations,
    )) {
      characteristicsPeriods.add(p);
    }
  }
  // Children looked after in periods the number-and-rate file does not yet cover (2025): the
  // Placement group's Total is all children looked after on 31 March.
  for (const p of readLongFormat(
    read,
    resolver,
    {
      file: FILES.claCharacteristics,
      sourceId: SOURCE_IDS.claCharacteristics,
      groupColumns,
      group: 'Placement',
      filterColumns,
      valueColumns,
      measures: { Total: 'childrenLookedAfter' },
      onlyNew: true,
    },
    observations,
  )) {
    characteristicsPeriods.add(p);
  }

  const missingPeriods = readLongFormat(
    read,
    resolver,
    {
      file: FILES.missing,
      sourceId: SOURCE_IDS.missing,
      filterColumns: ['CLA_group', 'cla_group', 'characteristic'],
      valueColumns: ['number', 'children_count'],
      measures: {
        'Children who had a missing incident during the year': 'childrenWithMissingIncident',
        'Number of missing incidents during the year': 'missingIncidents',
      },
    },
    observations,
  );

  const netGainPeriods = readLongFormat(
    read,
    resolver,
    {
      file: FILES.netGain,
      sourceId: SOURCE_IDS.netGain,
      filterColumns: ['characteristic', 'breakdown'],
      valueColumns: ['number', 'children_count'],
      measures: {
        '1. Children who are the responsibility of other LAs placed within this LA boundary':
          'otherLasChildrenPlacedInside',
      },
    },
    observations,
  );

  const populationPeriods = readLongFormat(
    read,
    resolver,
    {
      file: FILES.population,
      sourceId: SOURCE_IDS.population,
      filterColumns: ['age_group'],
      valueColumns: ['population_estimate'],
      measures: { 'Children aged 0 to 17 years': 'population0to17' },
      fromYear: POPULATION_FIRST_YEAR,
    },
    observations,
  );

  const ofsted = readOfsted(read, resolver, observations);

  // Areas: the consortium's members first, then every other current LA by ONS code.
  const centroids = readCentroids(read);
  const current = authorities.filter((a) => a.status === 'current');
  const memberCodes = new Set(gmLocalAuthorities.map((la) => la.code));
  for (const la of gmLocalAuthorities) {
    const ref = current.find((a) => a.onsCode === la.code);
    if (!ref || ref.dfeCode !== la.dfeCode || normaliseName(ref.name) !== normaliseName(la.name)) {
      throw new Error(`Reference list: no current authority ${la.name} (${la.code}, DfE ${la.dfeCode}).`);
    }
    const c = centroids.get(la.code);
    if (!c) throw new Error(`${FILES.boundaries}: no feature for ${la.name} (${la.code}).`);
    if (normaliseName(c.name) !== normaliseName(la.name)) {
      throw new Error(`${FILES.boundaries}: ${la.code} is named "${c.name}", expected "${la.name}".`);
    }
  }
  const areas: Area[] = [
    ...gmLocalAuthorities.flatMap((la) => current.filter((a) => a.onsCode === la.code)),
    ...current.filter((a) => !memberCodes.has(a.onsCode)),
  ].map((a) => {
    const c = centroids.get(a.onsCode);
    return {
      code: a.onsCode,
      dfeCode: a.dfeCode,
      name: a.name,
      level: 'Local authority',
      regionCode: a.regionCode,
      regionName: a.regionName,
      centroidLat: c?.lat ?? null,
      centroidLon: c?.lon ?? null,
      isMember: memberCodes.has(a.onsCode),
    };
  });
  areas.push(
    {
      code: NORTH_WEST,
      dfeCode: null,
      name: NORTH_WEST_NAME,
      level: 'Regional',
      regionCode: NORTH_WEST,
      regionName: NORTH_WEST_NAME,
      centroidLat: null,
      centroidLon: null,
      isMember: false,
    },
    {
      code: ENGLAND,
      dfeCode: null,
      name: 'England',
      level: 'National',
      regionCode: null,
      regionName: null,
      centroidLat: null,
      centroidLon: null,
      isMember: false,
    },
  );

  const areaOrder = new Map(areas.map((a, i) => [a.code, i]));
  const measureOrder = new Map(measureIds.map((m, i) => [m, i]));
  const sorted = observations
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
  const supply = ofsted.supply.sort(
    (a, b) =>
      (areaOrder.get(a.area) ?? 0) - (areaOrder.get(b.area) ?? 0) ||
      (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
      (sectorOrder.get(a.sector) ?? 0) - (sectorOrder.get(b.sector) ?? 0) ||
      (typeOrder.get(a.homeType) ?? 0) - (typeOrder.get(b.homeType) ?? 0) ||
      (judgementOrder.get(a.judgement) ?? 0) - (judgementOrder.get(b.judgement) ?? 0),
  );

  const sources = sourceList({
    claRate: describePeriods(claRatePeriods),
    claCharacteristics: describePeriods([...characteristicsPeriods], '31 March'),
    missing: describePeriods(missingPeriods),
    netGain: describePeriods(netGainPeriods, '31 March'),
    population: describePeriods(populationPeriods, 'Mid-year estimates'),
    ofsted: '31 March 2023',
    boundaries: 'December 2023',
  });

  // Fixed, input-derived timestamp: the end of the latest year-ending-31-March period.
  const latestYear = sorted.reduce((max, o) => (/^\d{4}$/.test(o.period) && o.period > max ? o.period : max), '0000');
  const latestDate = sorted.reduce(
    (max, o) => (/^\d{4}-\d{2}-\d{2}$/.test(o.period) && o.period > max ? o.period : max),
    '',
  );
  const latestYearDate = `${latestYear}-03-31`;
  const generatedAt = latestDate > latestYearDate ? latestDate : latestYearDate;

  const facts: BuiltInDataset = {
    id: 'gm-builtin',
    consortiumName: 'Greater Manchester',
    generatedBy: 'scripts/build-dataset.ts',
    generatedAt,
    sources,
    areas,
    observations: sorted,
    supply,
    homes: [],
    flows: [],
    unitCosts: [],
    assumptions: [],
  };
  // Illustrative values (placement flows, unit costs, assumptions) generated from the facts with a
  // fixed seed: see scripts/illustrative.ts. Each is marked illustrative through its source.
  const illustrative = buildIllustrative(facts, ILLUSTRATIVE_SEED);
  const dataset: BuiltInDataset = {
    ...facts,
    sources: [...facts.sources, ...illustrative.sources],
    flows: illustrative.flows,
    unitCosts: illustrative.unitCosts,
    assumptions: illustrative.assumptions,
  };
  return { dataset, leftOut: resolver.notes(), suspended: ofsted.suspended };
}

/** Longest one-line form of a record inside an array; longer records are laid out over several lines. */
const ONE_LINE_RECORD_MAX = 250;

function isFlatRecord(value: object): boolean {
  return Object.values(value).every((v) => v === null || typeof v !== 'object');
}

/** JSON with 2-space indentation, except that short flat records inside arrays take one line each. */
function formatJson(value: unknown, indent: string, inArray: boolean): string {
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => inner + formatJson(v, inner, true)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const oneLine = JSON.stringify(value);
    if (inArray && isFlatRecord(value) && oneLine.length <= ONE_LINE_RECORD_MAX) return oneLine;
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, false)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * The dataset as written to disk: 2-space JSON with a trailing newline, with each observation,
 * supply row and area on one line to keep the bundled file small.
 */
export function serialiseDataset(dataset: BuiltInDataset): string {
  return `${formatJson(dataset, '', false)}\n`;
}

/** Sum of a measure over the member LAs for one period (null values skipped), with a count of suppressed ones. */
export function memberTotal(
  dataset: BuiltInDataset,
  measure: MeasureId,
  period: string,
): { total: number; suppressed: number; count: number } {
  const members = new Set(dataset.areas.filter((a) => a.isMember).map((a) => a.code));
  let total = 0;
  let suppressed = 0;
  let count = 0;
  for (const o of dataset.observations) {
    if (o.measure !== measure || o.period !== period || !members.has(o.area)) continue;
    count += 1;
    if (o.value === null) suppressed += 1;
    else total += o.value;
  }
  return { total, suppressed, count };
}

interface SectorSupply {
  sector: HomeSector;
  homes: number;
  places: number;
  byType: Record<HomeType, { homes: number; places: number }>;
}

/** Member LAs' supply for one period by sector (sectors with no homes left out). */
export function memberSupplyBySector(dataset: BuiltInDataset, period: string): SectorSupply[] {
  const members = new Set(dataset.areas.filter((a) => a.isMember).map((a) => a.code));
  const bySector = new Map<HomeSector, SectorSupply>();
  for (const r of dataset.supply) {
    if (r.period !== period || !members.has(r.area)) continue;
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

function main(): void {
  const { dataDir, outFile } = parseBuildArgs(
    process.argv.slice(2),
    'build-dataset',
    path.resolve(repoRoot, 'resources/dataset/builtin-gm.json'),
  );
  const { dataset, leftOut, suspended } = buildDatasetWithNotes(dataDir);
  const text = serialiseDataset(dataset);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, text);

  const published: [MeasureId, string, number | null, string][] = [
    ['childrenLookedAfter', '2025', 6119, 'DfE CLA 2025'],
    ['childrenInChildrensHomes', '2025', 727, 'DfE CLA 2025'],
    ['placedOutsideLaBoundary', '2025', 2618, 'DfE CLA 2025'],
    ['placedOver20Miles', '2025', 560, 'DfE CLA 2025'],
    ['childrenWithMissingIncident', '2024', 1074, 'DfE CLA 2024'],
    ['missingIncidents', '2024', 8178, 'DfE CLA 2024'],
    ['childrensHomes', OFSTED_PERIOD, 243, 'DOMAIN.md counts differently; see source note'],
    ['registeredPlaces', OFSTED_PERIOD, 829, 'DOMAIN.md counts differently; see source note'],
  ];
  console.log(
    `Wrote ${path.relative(process.cwd(), outFile)} (${Buffer.byteLength(text)} bytes): ${dataset.observations.length} observations, ${dataset.supply.length} supply rows, ${dataset.areas.length} areas, ${dataset.sources.length} sources.`,
  );
  console.log('Greater Manchester totals (sum of the ten LAs):');
  for (const [measure, period, expected, note] of published) {
    const t = memberTotal(dataset, measure, period);
    const status =
      expected === null ? '' : t.total === expected && t.suppressed === 0 ? 'matches' : `differs from ${expected}`;
    const suppressed = t.suppressed > 0 ? ` (${t.suppressed} suppressed)` : '';
    console.log(
      `  ${measure} ${period}: ${t.total}${suppressed} ${status}${status.startsWith('differs') ? ` (${note})` : ''}`,
    );
  }
  const england = dataset.observations.find(
    (o) => o.area === ENGLAND && o.measure === 'childrenLookedAfter' && o.period === '2024',
  );
  console.log(`  England childrenLookedAfter 2024: ${england?.value ?? 'missing'}`);
  const suppressedCount = dataset.observations.filter((o) => o.suppression !== null).length;
  console.log(`Suppressed observations: ${suppressedCount}.`);

  console.log(`Greater Manchester supply at ${OFSTED_PERIOD} by sector (homes / registered places):`);
  for (const row of memberSupplyBySector(dataset, OFSTED_PERIOD)) {
    const types = homeTypes.map((t) => `${t} ${row.byType[t].homes}/${row.byType[t].places}`).join(', ');
    console.log(`  ${row.sector}: ${row.homes} homes, ${row.places} places (${types})`);
  }
  const suspendedTotal = [...suspended.values()].reduce((sum, n) => sum + n, 0);
  const suspendedList = [...suspended].map(([name, n]) => `${name} ${n}`).join(', ');
  console.log(`Suspended homes not counted: ${suspendedTotal}${suspendedTotal ? ` (${suspendedList})` : ''}.`);
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
