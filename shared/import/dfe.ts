/**
 * DfE explore-education-statistics CSVs (long format) → observations of the plan's measures.
 *
 * Layout: `time_period, time_identifier, geographic_level, country_code, country_name, region_code,
 * region_name, old_la_code, la_name, new_la_code`, then filter and value columns. Columns are found
 * by name (the order varies between releases), with the 2025 renamings as aliases:
 *   - number and rate: `population_count` → `population_type`, `number` → `children_count`;
 *   - characteristics: `cla_group, characteristic, number, percentage` → `characteristic` (group),
 *     `breakdown`, `children_count`, `children_percent`;
 *   - "at 31 March" → "on 31 March" in filter values; one file spells its group `CLA_group`.
 * The number-and-rate file's `population_estimate` (the denominator DfE divided by) is read too, as
 * population0to17 for the plan to use only where it holds none (a newer year than the ONS estimates
 * it holds): a consortium rate for that year is then the file's own, summed.
 * Suppression codes (c, z, x, k, low, u) become missing values with their code, never 0. Rows at every
 * geographic level present are kept (England, regions, LAs), LA codes mapped to current ONS codes
 * through the crosswalk. Rows the plan does not model are counted in the summary, not reported.
 * Here are each file's rules; the engine that applies them is ./longFormat.ts.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import type { AuthorityLookup } from '../model/authorities.js';
import type { LongFormatOptions, LongFormatResult, LongFormatSpec } from './longFormat.js';
import { parseLongFormat } from './longFormat.js';
import type { IssueCollector } from './report.js';
import type { RawTable } from './table.js';

export type DfeKind = 'dfe-cla-number-rate' | 'dfe-cla-characteristics' | 'dfe-placement-netgain' | 'dfe-missing';

const COUNT_COLUMNS = ['number', 'children_count'] as const;

// ---------------------------------------------------------------------------------------------
// The rules for each DfE file

const CLA_ON_31_MARCH = 'children looked after on 31 march each year';

const numberRateSpec: LongFormatSpec = {
  countColumns: COUNT_COLUMNS,
  rateColumns: ['rate_per_10000', 'rate_per_10k', 'rate'],
  populationColumns: ['population_estimate'],
  itemColumns: ['population_count', 'population_type'],
  rules: [
    { item: CLA_ON_31_MARCH, value: 'count', measure: 'childrenLookedAfter' },
    { item: CLA_ON_31_MARCH, value: 'rate', measure: 'childrenLookedAfterRatePer10k' },
    { item: CLA_ON_31_MARCH, value: 'population', measure: 'population0to17' },
    { item: 'children starting to be looked after each year', value: 'count', measure: 'childrenStartingCare' },
    { item: 'children ceasing to be looked after each year', value: 'count', measure: 'childrenCeasingCare' },
  ],
};

const SECURE_AND_CHILDRENS_HOMES = "secure homes and children's homes";

const characteristicsSpec: LongFormatSpec = {
  countColumns: COUNT_COLUMNS,
  itemColumns: ['characteristic'],
  rules: [
    // LA-level "CLA on 31 March by characteristics" (group: cla_group, or characteristic in 2025).
    { group: 'placement', item: SECURE_AND_CHILDRENS_HOMES, value: 'count', measure: 'childrenInChildrensHomes' },
    { group: 'placement', item: 'total', value: 'count', measure: 'childrenLookedAfter' },
    {
      group: 'locality of placement',
      item: 'placed outside the local authority boundary',
      value: 'count',
      measure: 'placedOutsideLaBoundary',
    },
    {
      group: 'distance between home and placement',
      item: 'placed more than 20 miles from home',
      value: 'count',
      measure: 'placedOver20Miles',
    },
    {
      group: 'la of placement',
      item: 'other la children externally placed within the local authority boundary',
      value: 'count',
      measure: 'otherLasChildrenPlacedInside',
    },
    // National "by placement distance and placement locality" (group: type of placement).
    { group: 'all children', item: 'total', value: 'count', measure: 'childrenLookedAfter' },
    { group: 'all children', item: 'over 20 miles', value: 'count', measure: 'placedOver20Miles' },
    { group: SECURE_AND_CHILDRENS_HOMES, item: 'total', value: 'count', measure: 'childrenInChildrensHomes' },
    // National "by placement provider, placement type and locality" (group: placement_type).
    {
      group: 'all children looked after on 31 march',
      item: 'all children',
      value: 'count',
      measure: 'childrenLookedAfter',
    },
    {
      group: 'all children placed outside council boundary',
      item: 'all children',
      value: 'count',
      measure: 'placedOutsideLaBoundary',
    },
  ],
};

const netGainSpec: LongFormatSpec = {
  countColumns: COUNT_COLUMNS,
  itemColumns: ['characteristic', 'breakdown'],
  rules: [
    {
      item: 'children who are the responsibility of other las placed within this la boundary',
      value: 'count',
      measure: 'otherLasChildrenPlacedInside',
    },
    {
      item: 'children who are the responsibility of this la placed outside the la boundary',
      value: 'count',
      measure: 'placedOutsideLaBoundary',
    },
  ],
  derived: new Map([['net gain of children by responsible la', 'netPlacementImport, derived in the plan']]),
};

const missingSpec: LongFormatSpec = {
  countColumns: COUNT_COLUMNS,
  itemColumns: ['cla_group', 'characteristic', 'breakdown'],
  rules: [
    {
      item: 'children who had a missing incident during the year',
      value: 'count',
      measure: 'childrenWithMissingIncident',
    },
    { item: 'number of missing incidents during the year', value: 'count', measure: 'missingIncidents' },
  ],
};

export const dfeSpecs: Record<DfeKind, LongFormatSpec> = {
  'dfe-cla-number-rate': numberRateSpec,
  'dfe-cla-characteristics': characteristicsSpec,
  'dfe-placement-netgain': netGainSpec,
  'dfe-missing': missingSpec,
};

/** Parses one DfE long-format table of the given kind. */
export function parseDfe(
  kind: DfeKind,
  table: RawTable,
  lookup: AuthorityLookup,
  issues: IssueCollector,
  options: LongFormatOptions,
): LongFormatResult {
  return parseLongFormat(table, dfeSpecs[kind], lookup, issues, options);
}
