/**
 * The importers against the published files in ../shared/data (never copied into the repository):
 * each file's kind is detected from its content, it parses with no errors (warnings listed here),
 * and its row counts and spot values match the published figures and the built-in dataset.
 */
import { GREATER_MANCHESTER_CODES } from '#shared/model/consortia.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll } from 'vitest';
import { buildReference, REFERENCE_FILES } from '../../scripts/build-reference.js';
import { parseImportFile } from '#shared/import/index.js';
import type { FileKind, ImportResult } from '#shared/import/index.js';
import type { AuthorityLookup, ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import type { MeasureId } from '#shared/model/measures.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const hasData = fs.existsSync(dataDir);
const referenceFile = path.resolve(repoRoot, 'resources/reference/english-authorities.json');
const builtinFile = path.resolve(repoRoot, 'test/fixtures/gm-plan-illustrative-2025.json');

const GM = GREATER_MANCHESTER_CODES;
const ENGLAND = 'E92000001';

/** Every published file we hold, with the kind its content must be detected as. */
const expectedKinds: Record<string, FileKind> = {
  'boundaries/gm_local_authority_2023_generalised.geojson': 'geojson',
  'boundaries/uk-local-authority-districts-2023.hexjson': 'hexjson',
  'dfe_cla/DERIVED_gm_nw_england_cla_on_31_march_by_characteristics_2021_2025.csv': 'dfe-cla-characteristics',
  'dfe_cla/DERIVED_all_la_cla_on_31_march_by_characteristics_2021_2025.csv': 'dfe-cla-characteristics',
  'dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv': 'dfe-cla-number-rate',
  'dfe_cla/la_children_who_were_missing_or_away_from_placement_without_authorisation__2024release.csv': 'dfe-missing',
  'dfe_cla/la_cla_on_31_march_la_of_placement_netgain__2024release.csv': 'dfe-placement-netgain',
  'dfe_cla/national_cla_on_31_march_by_placement_distance_and_placement_locality__2024release.csv':
    'dfe-cla-characteristics',
  'dfe_cla/national_cla_on_31_march_by_placement_provider_placement_type_and_locality__2024release.csv':
    'dfe-cla-characteristics',
  'ofsted/provider_level_at_31_March_2023__csv_export.csv': 'ofsted-providers',
  'ons_population/ons_mid-year_population_estimates_2012_to_2024__dfe_format_0to17.csv': 'ons-mye',
  'ssda903_regional_sample/episodes.csv': 'ssda903-episodes',
  'ssda903_regional_sample/header.csv': 'ssda903-header',
  'ssda903_regional_sample/uasc.csv': 'ssda903-uasc',
  'ssda903_synthetic/episodes.csv': 'ssda903-episodes',
  'ssda903_synthetic/header.csv': 'ssda903-header',
  'ssda903_synthetic/liia_SSDA903_2020_episodes_sample.csv': 'ssda903-episodes',
  'ssda903_synthetic/missing.csv': 'ssda903-missing',
  'ssda903_synthetic/uasc.csv': 'ssda903-uasc',
  ...Object.fromEntries(
    [2017, 2018, 2019, 2020, 2021].flatMap((y) => [
      [`ssda903_d2i_sample/${y}-episodes.csv`, 'ssda903-episodes'],
      [`ssda903_d2i_sample/${y}-header.csv`, 'ssda903-header'],
      [`ssda903_d2i_sample/${y}-missing.csv`, 'ssda903-missing'],
    ]),
  ),
};

/**
 * Files in ../shared/data that are read by the dataset build (scripts/build-dataset.ts), not imported
 * through the app yet, with the reason; the "knows every data file" check counts them too.
 */
const builtInOnly: Record<string, string> = {
  'boundaries/DERIVED_english_upper_tier_authority_centroids_2024.csv': 'centroids of every authority, built in',
  'costs/RO3_LA_Data_2024-25_data_by_LA.ods': 'published placement spend, built in',
  ...Object.fromEntries(
    [2017, 2018, 2019, 2020, 2021, 2022, 2023].map((y) => [
      `ofsted/joiners_leavers_${y}.csv`,
      'Ofsted joiners and leavers: supply dynamics, not imported yet',
    ]),
  ),
};

/** The data files in ../shared/data (readmes and guidance left out). */
function dataFiles(): string[] {
  return fs
    .readdirSync(dataDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => fs.readdirSync(path.join(dataDir, d.name)).map((f) => `${d.name}/${f}`))
    .filter((f) => !/\.(txt|md)$/i.test(f))
    .sort();
}

const FILES = {
  rate: 'dfe_cla/cla_number_and_rate_per_10k_children__2024release.csv',
  characteristics: 'dfe_cla/DERIVED_gm_nw_england_cla_on_31_march_by_characteristics_2021_2025.csv',
  missing: 'dfe_cla/la_children_who_were_missing_or_away_from_placement_without_authorisation__2024release.csv',
  netGain: 'dfe_cla/la_cla_on_31_march_la_of_placement_netgain__2024release.csv',
  distance: 'dfe_cla/national_cla_on_31_march_by_placement_distance_and_placement_locality__2024release.csv',
  provider: 'dfe_cla/national_cla_on_31_march_by_placement_provider_placement_type_and_locality__2024release.csv',
  ofsted: 'ofsted/provider_level_at_31_March_2023__csv_export.csv',
  population: 'ons_population/ons_mid-year_population_estimates_2012_to_2024__dfe_format_0to17.csv',
} as const;

/** Row counts (data rows) and what each file gives. */
const expectedCounts: Record<keyof typeof FILES, { rows: number; observations: number; areas: number }> = {
  rate: { rows: 2505, observations: 3300, areas: 165 },
  characteristics: { rows: 4140, observations: 300, areas: 12 },
  missing: { rows: 10855, observations: 1650, areas: 165 },
  netGain: { rows: 2505, observations: 1650, areas: 165 },
  distance: { rows: 280, observations: 15, areas: 1 },
  provider: { rows: 720, observations: 10, areas: 1 },
  ofsted: { rows: 3546, observations: 294, areas: 147 },
  population: { rows: 2132, observations: 2091, areas: 165 },
};

const leftOut = " Its rows are left out, as they do not cover any current authority's area.";
const cumbriaIs =
  'Cumbria (E10000006, DfE 909), abolished on 1 April 2023; its area is now divided between Cumberland (E06000063) and Westmorland and Furness (E06000064).' +
  leftOut;
const cumbria = `'E10000006' is ${cumbriaIs}`;
const northants =
  "'E10000021' is Northamptonshire (E10000021, DfE 928), abolished on 1 April 2021; its area is now divided between North Northamptonshire (E06000061) and West Northamptonshire (E06000062)." +
  leftOut;
const barnsley = "'E08000016' is a former code of Barnsley; its rows are counted under the current code E08000038.";
const sheffield = "'E08000019' is a former code of Sheffield; its rows are counted under the current code E08000039.";
const dfeLaWarnings = (rows: [number, number, number, number]): string[] => [
  `Row ${rows[0]}: ${cumbria}`,
  `Row ${rows[1]}: ${barnsley}`,
  `Row ${rows[2]}: ${sheffield}`,
  `Row ${rows[3]}: ${northants}`,
];

/** Every warning the real files give (no errors), listed so a change in them is noticed. */
const expectedWarnings: Record<keyof typeof FILES, string[]> = {
  rate: dfeLaWarnings([143, 167, 176, 221]),
  characteristics: [],
  missing: dfeLaWarnings([613, 717, 756, 951]),
  netGain: dfeLaWarnings([143, 167, 176, 221]),
  distance: [],
  provider: [],
  ofsted: [
    `Row 55: 'Cumbria' is ${cumbriaIs}`,
    "Row 5: 'Boarding School' is not a children's home, so places given for it are not counted (58 providers of this type, 8823 places).",
    "Row 6: 'Residential special school (registered as a children's home)' is not a children's home, so places given for it are not counted (56 providers of this type, 1457 places).",
    "Row 30: 'Residential Family Centre' is not a children's home, so places given for it are not counted (66 providers of this type, 374 places).",
    "Row 42: 'Residential Special School' is not a children's home, so places given for it are not counted (111 providers of this type, 3324 places).",
    "Row 86: 'Further Education College with Residential Accommodation' is not a children's home, so places given for it are not counted (34 providers of this type, 5134 places).",
    "Left out of long-term supply (the children's homes and registered places measures): 162 short-break-only children's homes (994 places) and 13 secure children's homes (214 places). They are kept in the supply by sector and type.",
    '7 suspended children’s homes (23 places) kept in the list of homes but left out of supply, which counts active homes only.',
  ],
  population: [
    `Row 50: ${barnsley}`,
    `Row 62: ${sheffield}`,
    `Row 362: ${cumbria}`,
    "Row 389: 'E10000023' is a former code of North Yorkshire; its rows are counted under the current code E06000065.",
    "Row 458: 'E10000027' is a former code of Somerset; its rows are counted under the current code E06000066.",
    `Row 727: ${northants}`,
    "Row 921: 'E10000002' is a former code of Buckinghamshire; its rows are counted under the current code E06000060.",
    "Row 1102: 'E06000028' is Bournemouth (E06000028, DfE 837), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058)." +
      leftOut,
    "Row 1106: 'E10000009' is Dorset (E10000009, DfE 835), abolished on 1 April 2019; its area is now divided between Dorset (E06000059) and Bournemouth, Christchurch and Poole (E06000058)." +
      leftOut,
    "Row 1111: 'E06000029' is Poole (E06000029, DfE 836), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058)." +
      leftOut,
  ],
};

function value(r: ImportResult, area: string, measure: MeasureId, period: string): number | null | undefined {
  return r.observations.find((o) => o.area === area && o.measure === measure && o.period === period)?.value;
}

function gmTotal(r: ImportResult, measure: MeasureId, period: string): number {
  const values = GM.map((a) => value(r, a, measure, period));
  expect(values.every((v) => typeof v === 'number')).toBe(true);
  return values.reduce<number>((s, v) => s + (v ?? 0), 0);
}

describe.skipIf(!hasData)(
  hasData
    ? 'importers on the published files in ../shared/data'
    : 'importers on the published files (skipped: ../shared/data is absent)',
  () => {
    let lookup: AuthorityLookup;
    const results = new Map<string, ImportResult>();
    const parse = (file: string): ImportResult => {
      const cached = results.get(file);
      if (cached) return cached;
      const r = parseImportFile(file, new Uint8Array(fs.readFileSync(path.join(dataDir, file))), lookup);
      results.set(file, r);
      return r;
    };

    beforeAll(() => {
      // The committed reference list, or one built from the same published file when it is absent.
      const authorities: ReferenceAuthority[] = fs.existsSync(referenceFile)
        ? (JSON.parse(fs.readFileSync(referenceFile, 'utf8')) as ReferenceAuthority[])
        : buildReference(fs.readFileSync(path.join(dataDir, REFERENCE_FILES.claRate), 'utf8'));
      lookup = createAuthorityLookup(authorities);
    });

    it('knows every data file in the folder', () => {
      expect(dataFiles()).toEqual([...Object.keys(expectedKinds), ...Object.keys(builtInOnly)].sort());
    });

    it.each(Object.entries(expectedKinds))('detects %s as %s', (file, kind) => {
      const r = parse(file);
      expect(r.kind, r.reason).toBe(kind);
      if (kind === 'unknown') {
        expect(r.reason).toContain('UASC');
      } else {
        expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
      }
    });

    it.each(Object.keys(FILES) as (keyof typeof FILES)[])(
      'reads %s with the expected counts, no errors and only the listed warnings',
      (key) => {
        const r = parse(FILES[key]);
        expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
        expect(r.issues.map((i) => i.message)).toEqual(expectedWarnings[key]);
        expect({
          rows: r.summary.rows,
          observations: r.observations.length,
          areas: r.summary.areas,
        }).toEqual(expectedCounts[key]);
      },
    );

    it('gives the published headline figures', () => {
      const rate = parse(FILES.rate);
      expect(value(rate, ENGLAND, 'childrenLookedAfter', '2024')).toBe(83630);
      expect(value(rate, ENGLAND, 'childrenLookedAfterRatePer10k', '2024')).toBe(70);
      expect(gmTotal(rate, 'childrenLookedAfter', '2024')).toBe(6232);
      expect(value(rate, 'E08000038', 'childrenLookedAfter', '2024')).toEqual(expect.any(Number)); // Barnsley, via E08000016

      const characteristics = parse(FILES.characteristics);
      expect(gmTotal(characteristics, 'childrenLookedAfter', '2025')).toBe(6119);
      expect(gmTotal(characteristics, 'childrenInChildrensHomes', '2025')).toBe(727);
      expect(gmTotal(characteristics, 'placedOutsideLaBoundary', '2025')).toBe(2618);
      expect(gmTotal(characteristics, 'placedOver20Miles', '2025')).toBe(560);

      const missing = parse(FILES.missing);
      expect(gmTotal(missing, 'childrenWithMissingIncident', '2024')).toBe(1074);
      expect(gmTotal(missing, 'missingIncidents', '2024')).toBe(8178);
      expect(missing.observations.filter((o) => o.suppression === 'c').length).toBeGreaterThan(0);

      const distance = parse(FILES.distance);
      expect(value(distance, ENGLAND, 'childrenLookedAfter', '2024')).toBe(83630);
      // Secure homes and children's homes, 31 March 2024 (4,220 of them, 49%, over 20 miles).
      expect(value(distance, ENGLAND, 'childrenInChildrensHomes', '2024')).toBe(8640);
      expect(value(distance, ENGLAND, 'placedOver20Miles', '2024')).toBe(18040);
    });

    it('counts Greater Manchester children’s homes as the built-in dataset does (222 homes, 754 places)', () => {
      const r = parse(FILES.ofsted);
      const active = r.homes.filter(
        (h) => GM.includes(h.area) && h.homeType === 'childrensHome' && h.registrationStatus === 'Active',
      );
      expect(active.length).toBe(222);
      expect(active.reduce((s, h) => s + h.registeredPlaces, 0)).toBe(754);
      expect(gmTotal(r, 'childrensHomes', '2023-03-31')).toBe(222);
      expect(gmTotal(r, 'registeredPlaces', '2023-03-31')).toBe(754);
      const gmSupply = r.supply.filter((s) => GM.includes(s.area) && s.homeType === 'childrensHome');
      expect(gmSupply.reduce((s, x) => s + x.homes, 0)).toBe(222);
      expect(r.homes.filter((h) => h.registrationStatus === 'Suspended').length).toBe(7);

      if (fs.existsSync(builtinFile)) {
        const builtin = JSON.parse(fs.readFileSync(builtinFile, 'utf8')) as BuiltInDataset;
        for (const measure of ['childrensHomes', 'registeredPlaces'] as const) {
          const total = builtin.observations
            .filter((o) => GM.includes(o.area) && o.measure === measure && o.period === '2023-03-31')
            .reduce((s, o) => s + (o.value ?? 0), 0);
          expect(gmTotal(r, measure, '2023-03-31'), measure).toBe(total);
        }
      }
    });
  },
);
