/**
 * Builds the reference list of English upper-tier local authorities
 * (resources/reference/english-authorities.json) from the LA-level rows of DfE's "number and rate
 * per 10,000" file, then applies the hand-written crosswalk below: Ofsted's spellings of names,
 * ONS codes that changed, and authorities abolished by reorganisation whose rows persist in DfE files.
 *
 *   npx tsx scripts/build-reference.ts [--data DIR] [--out FILE]
 *
 * The output is deterministic (authorities sorted by ONS code, aliases and codes sorted) and
 * formatted with the repository's Prettier settings. The CLI also checks every "Local authority"
 * name in the Ofsted provider-level file against the list and prints any it cannot match.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parseCsv } from '#shared/import/csv.js';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup, normaliseAuthorityName } from '#shared/model/authorities.js';

/** Input files, relative to the shared data folder. */
export const REFERENCE_FILES = {
  claRate: 'dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv',
  ofsted: 'ofsted/provider_level_at_31_March_2023__csv_export.csv',
} as const;

// ---------------------------------------------------------------------------------------------
// Crosswalk

/** A former ONS code and whether figures published under it cover the same area as the current code. */
export interface FormerCode {
  code: string;
  /**
   * True where the area is unchanged (a county became a unitary on the same boundary, or a code was
   * reissued), so figures published under the former code can be carried to the current authority.
   * False where the boundary moved (mergers, splits), so they cannot.
   */
  sameArea: boolean;
}

export interface CrosswalkEntry {
  /** DfE 3-digit code: the key, stable where ONS codes changed (e.g. Barnsley 370). */
  dfeCode: string;
  /** DfE's name, checked against the file so the table cannot drift onto the wrong authority. */
  name: string;
  /** The current ONS code, where it differs from the code in the DfE file (which becomes a former code). */
  currentCode?: string;
  /** Other spellings seen in published files. */
  aliases?: string[];
  /** Earlier ONS codes not in the DfE file (e.g. those used by ONS population files). */
  formerCodes?: FormerCode[];
  /** For authorities abolished by a reorganisation: the ONS codes of their successors. */
  successorCodes?: string[];
}

/**
 * The crosswalk, one entry per authority that needs one. Sources: Ofsted "Children's social care
 * data in England 2023" provider-level sheet (names), the ONS mid-year population file in DfE's
 * layout (former codes) and the DfE CLA files (abolished authorities' rows).
 */
export const crosswalk: readonly CrosswalkEntry[] = [
  // --- Ofsted's spellings of "Local authority" (provider-level file, 31 March 2023) ---
  // Ofsted drops DfE's ", City of".
  { dfeCode: '801', name: 'Bristol, City of', aliases: ['Bristol'] },
  // Ofsted writes "Durham" for DfE's "County Durham" (unitary since 1 April 2009).
  { dfeCode: '840', name: 'County Durham', aliases: ['Durham'] },
  // Ofsted drops DfE's ", City of".
  { dfeCode: '810', name: 'Kingston upon Hull, City of', aliases: ['Kingston upon Hull'] },
  // DfE writes "St. Helens"; Ofsted "St Helens".
  { dfeCode: '342', name: 'St. Helens', aliases: ['St Helens'] },
  // Ofsted drops DfE's ", County of".
  { dfeCode: '884', name: 'Herefordshire, County of', aliases: ['Herefordshire'] },
  // DfE hyphenates "Southend-on-Sea"; Ofsted does not.
  { dfeCode: '882', name: 'Southend-on-Sea', aliases: ['Southend on Sea'] },
  // Bournemouth, Christchurch and Poole: unitary created 1 April 2019 (Bournemouth, Dorset and Poole
  // (Structural Changes) Order 2018) from the Bournemouth and Poole unitaries (E06000028, DfE 837;
  // E06000029, DfE 836) and Christchurch, a Dorset district. The ONS population file keeps rows for
  // Bournemouth and Poole to 2018; the areas differ from BCP's, so those figures are not carried over.
  // Ofsted writes "&".
  {
    dfeCode: '839',
    name: 'Bournemouth, Christchurch and Poole',
    aliases: ['Bournemouth, Christchurch & Poole'],
    formerCodes: [
      { code: 'E06000028', sameArea: false },
      { code: 'E06000029', sameArea: false },
    ],
  },

  // --- ONS codes that changed ---
  // Dorset Council (unitary, DfE 838) replaced Dorset County Council (E10000009, DfE 835) and its
  // districts on 1 April 2019 (same Order as BCP); Christchurch went to BCP, so the areas differ.
  { dfeCode: '838', name: 'Dorset', formerCodes: [{ code: 'E10000009', sameArea: false }] },
  // Buckinghamshire Council (unitary) replaced the county (E10000002) and its four districts on
  // 1 April 2020, on the county's boundary; DfE code 825 unchanged.
  { dfeCode: '825', name: 'Buckinghamshire', formerCodes: [{ code: 'E10000002', sameArea: true }] },
  // North Yorkshire Council (unitary) replaced the county (E10000023) and its seven districts on
  // 1 April 2023, on the county's boundary; DfE code 815 unchanged.
  { dfeCode: '815', name: 'North Yorkshire', formerCodes: [{ code: 'E10000023', sameArea: true }] },
  // Somerset Council (unitary) replaced the county (E10000027) and its four districts on
  // 1 April 2023, on the county's boundary; DfE code 933 unchanged.
  { dfeCode: '933', name: 'Somerset', formerCodes: [{ code: 'E10000027', sameArea: true }] },
  // Barnsley and Sheffield took new ONS codes on 1 April 2025 after a minor boundary change between
  // them (SI 2024/1328); DfE files to the 2024 release keep E08000016 and E08000019.
  { dfeCode: '370', name: 'Barnsley', currentCode: 'E08000038' },
  { dfeCode: '373', name: 'Sheffield', currentCode: 'E08000039' },

  // --- Abolished authorities whose rows persist in DfE files ---
  // Cumbria County Council (E10000006) abolished 1 April 2023 (Cumbria (Structural Changes) Order
  // 2022): Cumberland and Westmorland and Furness. DfE rows for Cumbria run to 2023, successors' from 2024;
  // Ofsted's 31 March 2023 list still files homes under Cumbria.
  { dfeCode: '909', name: 'Cumbria', successorCodes: ['E06000063', 'E06000064'] },
  // Northamptonshire County Council (E10000021) abolished 1 April 2021 (Northamptonshire (Structural
  // Changes) Order 2020): North Northamptonshire and West Northamptonshire. DfE rows for
  // Northamptonshire run to 2021, successors' from 2022.
  { dfeCode: '928', name: 'Northamptonshire', successorCodes: ['E06000061', 'E06000062'] },
];

/**
 * DfE splits London into Inner (E13000001) and Outer London (E13000002) on LA rows; the reference
 * list uses the English region, London (E12000007), as Ofsted and ONS do.
 */
const REGION_OVERRIDES: Record<string, { code: string; name: string }> = {
  E13000001: { code: 'E12000007', name: 'London' },
  E13000002: { code: 'E12000007', name: 'London' },
};

// ---------------------------------------------------------------------------------------------
// Build

function column(header: string[], name: string, file: string): number {
  const i = header.findIndex((h) => h.trim().toLowerCase() === name);
  if (i < 0) throw new Error(`${file}: no column named "${name}".`);
  return i;
}

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The reference list from the text of DfE's number-and-rate file (any release with LA rows) and a
 * crosswalk: one authority per DfE code, taken from its latest year, sorted by ONS code.
 */
export function buildReference(
  claRateCsv: string,
  table: readonly CrosswalkEntry[] = crosswalk,
  file = REFERENCE_FILES.claRate,
): ReferenceAuthority[] {
  const [header, ...rows] = parseCsv(claRateCsv);
  if (!header) throw new Error(`${file}: empty.`);
  const col = {
    level: column(header, 'geographic_level', file),
    period: column(header, 'time_period', file),
    dfeCode: column(header, 'old_la_code', file),
    onsCode: column(header, 'new_la_code', file),
    name: column(header, 'la_name', file),
    regionCode: column(header, 'region_code', file),
    regionName: column(header, 'region_name', file),
  };
  const latest = new Map<string, { period: string; cells: string[] }>();
  for (const [i, cells] of rows.entries()) {
    const get = (c: number): string => (cells[c] ?? '').trim();
    if (get(col.level).toLowerCase() !== 'local authority') continue;
    const dfeCode = get(col.dfeCode);
    if (!/^\d{3}$/.test(dfeCode) || !/^E\d{8}$/.test(get(col.onsCode))) {
      throw new Error(`${file} line ${i + 2}: LA row without a DfE and ONS code.`);
    }
    const period = get(col.period);
    const seen = latest.get(dfeCode);
    if (!seen || period > seen.period) latest.set(dfeCode, { period, cells });
  }

  const entries = new Map(table.map((e) => [e.dfeCode, e]));
  if (entries.size !== table.length) throw new Error('Crosswalk: a DfE code appears twice.');
  const authorities: ReferenceAuthority[] = [];
  for (const [dfeCode, { cells }] of latest) {
    const get = (c: number): string => (cells[c] ?? '').trim();
    const fileCode = get(col.onsCode);
    const name = get(col.name);
    const entry = entries.get(dfeCode);
    if (entry && normaliseAuthorityName(entry.name) !== normaliseAuthorityName(name)) {
      throw new Error(`Crosswalk: DfE code ${dfeCode} is "${name}" in ${file}, not "${entry.name}".`);
    }
    const onsCode = entry?.currentCode ?? fileCode;
    const formerCodes = new Set((entry?.formerCodes ?? []).map((f) => f.code));
    if (onsCode !== fileCode) formerCodes.add(fileCode);
    const region = REGION_OVERRIDES[get(col.regionCode)] ?? { code: get(col.regionCode), name: get(col.regionName) };
    const successorCodes = [...(entry?.successorCodes ?? [])].sort(byCode);
    authorities.push({
      onsCode,
      dfeCode,
      name,
      regionCode: region.code,
      regionName: region.name,
      aliases: [...(entry?.aliases ?? [])].sort(byCode),
      formerCodes: [...formerCodes].sort(byCode),
      status: successorCodes.length > 0 ? 'abolished' : 'current',
      successorCodes,
    });
  }
  for (const e of table) {
    if (!latest.has(e.dfeCode)) throw new Error(`Crosswalk: DfE code ${e.dfeCode} (${e.name}) is not in ${file}.`);
  }
  authorities.sort((a, b) => byCode(a.onsCode, b.onsCode));
  checkReference(authorities);
  return authorities;
}

/** Throws unless codes and normalised names are unique and successors are current authorities. */
export function checkReference(authorities: readonly ReferenceAuthority[]): void {
  const codes = new Map<string, string>();
  const names = new Map<string, string>();
  const claim = (map: Map<string, string>, key: string, owner: string, what: string): void => {
    const other = map.get(key);
    if (other !== undefined) throw new Error(`Reference: ${what} "${key}" belongs to both ${other} and ${owner}.`);
    map.set(key, owner);
  };
  for (const a of authorities) {
    for (const code of [a.onsCode, a.dfeCode, ...a.formerCodes]) claim(codes, code, a.name, 'code');
    for (const name of new Set([a.name, ...a.aliases].map(normaliseAuthorityName))) {
      claim(names, name, a.name, 'name');
    }
  }
  const current = new Set(authorities.filter((a) => a.status === 'current').map((a) => a.onsCode));
  for (const a of authorities) {
    for (const s of a.successorCodes) {
      if (!current.has(s)) throw new Error(`Reference: ${a.name}'s successor ${s} is not a current authority.`);
    }
  }
}

/** The distinct "Local authority" names in an Ofsted provider-level CSV (header found by name). */
export function ofstedAuthorityNames(ofstedCsv: string, file = REFERENCE_FILES.ofsted): string[] {
  const rows = parseCsv(ofstedCsv);
  const headerIndex = rows.findIndex((r) => {
    const names = r.map((c) => c.trim().toLowerCase());
    return names.includes('urn') && names.includes('local authority');
  });
  const header = rows[headerIndex];
  if (!header) throw new Error(`${file}: no header row with "URN" and "Local authority".`);
  const laCol = column(header, 'local authority', file);
  const names = new Set<string>();
  for (const cells of rows.slice(headerIndex + 1)) {
    const name = (cells[laCol] ?? '').trim();
    if (name !== '') names.add(name);
  }
  return [...names].sort(byCode);
}

/** Ofsted names that the reference list cannot match. */
export function unmatchedNames(authorities: readonly ReferenceAuthority[], names: readonly string[]): string[] {
  const lookup = createAuthorityLookup(authorities);
  return names.filter((n) => lookup.byName(n) === undefined);
}

/** The list as written to disk: JSON formatted by Prettier with the repository's settings. */
export async function serialiseReference(authorities: readonly ReferenceAuthority[], outFile: string): Promise<string> {
  const options = (await prettier.resolveConfig(outFile)) ?? {};
  return prettier.format(JSON.stringify(authorities), { ...options, parser: 'json' });
}

// ---------------------------------------------------------------------------------------------
// CLI

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REFERENCE_OUT = path.resolve(repoRoot, 'resources/reference/english-authorities.json');

/**
 * The build scripts' arguments, `[--data DIR] [--out FILE]`: the published files' folder (default
 * ../shared/data) and the file to write (default `defaultOut`).
 */
export function parseBuildArgs(
  argv: readonly string[],
  script: string,
  defaultOut: string,
): { dataDir: string; outFile: string } {
  let dataDir = path.resolve(repoRoot, '../shared/data');
  let outFile = defaultOut;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const next = argv[i + 1];
    if ((arg === '--data' || arg === '--out') && next === undefined) throw new Error(`${arg} needs a value.`);
    if (arg === '--data' && next) {
      dataDir = path.resolve(next);
      i += 1;
    } else if (arg === '--out' && next) {
      outFile = path.resolve(next);
      i += 1;
    } else {
      throw new Error(`Unrecognised argument "${arg}". Usage: ${script} [--data DIR] [--out FILE]`);
    }
  }
  return { dataDir, outFile };
}

async function main(): Promise<void> {
  const { dataDir, outFile } = parseBuildArgs(process.argv.slice(2), 'build-reference', REFERENCE_OUT);
  const read = (file: string): string => fs.readFileSync(path.join(dataDir, file), 'utf8');
  const authorities = buildReference(read(REFERENCE_FILES.claRate));
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, await serialiseReference(authorities, outFile));
  const current = authorities.filter((a) => a.status === 'current').length;
  console.log(
    `Wrote ${path.relative(process.cwd(), outFile)}: ${authorities.length} authorities (${current} current, ${authorities.length - current} abolished).`,
  );
  const names = ofstedAuthorityNames(read(REFERENCE_FILES.ofsted));
  const unmatched = unmatchedNames(authorities, names);
  if (unmatched.length === 0) {
    console.log(`All ${names.length} Ofsted "Local authority" names match the reference list.`);
  } else {
    console.log(`Ofsted "Local authority" names with no match (add aliases to the crosswalk): ${unmatched.join('; ')}`);
    process.exitCode = 1;
  }
}

const invokedPath = process.argv[1] ? path.resolve(process.argv[1]) : '';
if (invokedPath === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
