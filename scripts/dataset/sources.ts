/**
 * The dataset build's areas and sources: England and region codes, the input files in ../shared/data, and the source records (publisher, table, licence, periods) every figure of the built-in dataset names.
 */
import type { Source } from '#shared/model/dataset.js';
import { RO3_FILE } from '../national-costs.js';

// ---------------------------------------------------------------------------------------------
// Areas

export const ENGLAND = 'E92000001';
export const ENGLAND_NAME = 'England';
/** The nine English regions' codes start so; DfE's Inner and Outer London (E13) are not regions. */
export const REGION_PREFIX = 'E12';

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
export const POPULATION_FIRST_YEAR = 2015;
export const OFSTED_PERIOD = '2023-03-31';
/** The 31 March whose children in each kind of placement divide the RO3 year's spending. */
export const SPEND_CHILDREN_PERIOD = '2025';

export function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** Groups and breakdowns taken from the characteristics table, as the source's table text lists them. */
const CHARACTERISTICS_TABLE_TEXT =
  "LA-level table for every English authority, region and England (derived cut, values and suppression codes as published): Placement = Secure homes and children's homes (and Total, for children looked after in years the number-and-rate file does not cover; Foster placements only as the divisor of fostering spend); " +
  'Locality of placement = Placed outside the local authority boundary; Distance between home and placement = Placed more than 20 miles from home; ' +
  'Place providers = each of its seven providers (own provision, other LA, private, voluntary/third sector, other public, parents or other person with parental responsibility, not reported), held as a breakdown of its own; ' +
  'LA of placement = 2. Other LA children externally placed within the local authority boundary (for years the net gain file does not cover). ' +
  "DfE's Inner and Outer London rows are left out (London is the region).";

export function sourceList(periods: Record<keyof typeof SOURCE_IDS, string>): Source[] {
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
