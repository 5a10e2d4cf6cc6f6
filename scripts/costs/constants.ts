/**
 * The national cost build's constants: the RO3 file and source ids, the service lines read, and the illustrative ratios and rates (block-contract discount, secure and foster prices, occupancy, discount rate) that no public file gives.
 */
import type { PlacementSpendService } from '#shared/model/dataset.js';

export const RO3_FILE = 'costs/RO3_LA_Data_2024-25_data_by_LA.ods';
export const RO3_SOURCE_ID = 'mhclg-ro3-2024-25';
export const PLACEMENT_COST_SOURCE_ID = 'derived-placement-cost-2024-25';
export const ILLUSTRATIVE_COSTS_SOURCE_ID = 'illustrative-unit-costs-2024-25';
export const ILLUSTRATIVE_ASSUMPTIONS_SOURCE_ID = 'illustrative-assumptions-2024-25';

export const GENERATOR = 'scripts/national-costs.ts';
export const CHANGED_AT = '2026-04-01';
export const OGL = 'Open Government Licence v3.0';
export const RO3_URL =
  'https://www.gov.uk/government/statistics/local-authority-revenue-expenditure-and-financing-england-2024-to-2025-individual-local-authority-data-outturn';
export const ENGLAND = 'E92000001';
export const WEEKS_PER_YEAR = 365 / 7;

/** RO3 lines read, by the words that name them in the column headers. */
export const SERVICE_LINES: Record<PlacementSpendService, string> = {
  residentialCare: 'children looked after of which residential care',
  fostering: 'children looked after of which fostering services',
};
export const SERVICE_LABELS: Record<PlacementSpendService, string> = {
  residentialCare: "Children's social care - Children Looked After of which residential care",
  fostering: "Children's social care - Children Looked After of which fostering services",
};

/** RO3 classes of councils with children's services: shire counties, unitaries, metropolitan districts, London boroughs. */
export const CHILDRENS_SERVICES_CLASSES: ReadonlySet<string> = new Set(['SC', 'UA', 'MD', 'LB']);

// Illustrative levels (no public file gives them).
export const BLOCK_CONTRACT_DISCOUNT = 0.05;
export const SECURE_TO_RESIDENTIAL = 1.4;
export const FOSTER_IN_HOUSE_WEEKLY = 600;
export const FOSTER_AGENCY_WEEKLY = 1_100;
export const SUPPORTED_ACCOMMODATION_WEEKLY = 1_800;
export const TARGET_OCCUPANCY = 0.85;
export const DISCOUNT_RATE = 0.035;
export const MISSING_RELATIVE_RISK_OUT_OF_AREA = 1.5;

/** Whole number with thousands separators (locale-independent, so output is the same everywhere). */
export const thousands = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
