/**
 * The cost figures' sources and the national unit costs a plan starts from: England's published cost per child-year as a weekly price, and the illustrative prices and assumptions marked as such.
 */
import { assumptionMaker } from '../datasetAssumption.js';
import type { PlacementSpend, PlacementSpendService, Source } from '#shared/model/dataset.js';
import { placementSpendServices } from '#shared/model/dataset.js';
import type { Assumption, CostPlacementType, CostSector, UnitCost } from '#shared/model/placements.js';
import type { Ro3Table } from './ro3.js';
import {
  BLOCK_CONTRACT_DISCOUNT,
  CHANGED_AT,
  DISCOUNT_RATE,
  ENGLAND,
  FOSTER_AGENCY_WEEKLY,
  FOSTER_IN_HOUSE_WEEKLY,
  GENERATOR,
  ILLUSTRATIVE_ASSUMPTIONS_SOURCE_ID,
  ILLUSTRATIVE_COSTS_SOURCE_ID,
  MISSING_RELATIVE_RISK_OUT_OF_AREA,
  OGL,
  PLACEMENT_COST_SOURCE_ID,
  RO3_FILE,
  RO3_SOURCE_ID,
  RO3_URL,
  SECURE_TO_RESIDENTIAL,
  SERVICE_LABELS,
  SUPPORTED_ACCOMMODATION_WEEKLY,
  TARGET_OCCUPANCY,
  thousands,
} from './constants.js';
import { COMPARABLE_FACTOR } from './derive.js';

// ---------------------------------------------------------------------------------------------
// Sources, unit costs and assumptions

/** Names of councils with no spend figure of their own for a service, with the publisher's reason. */
function missingSpend(table: Ro3Table, service: PlacementSpendService): string[] {
  return table.councils
    .filter((c) => c.spend[service].totalExpenditure === null)
    .map((c) => `${c.name} (${c.spend[service].note ?? 'no figure'})`);
}

export interface CostSourceTexts {
  /** Period label of the divisor, e.g. "31 March 2025". */
  childrenDate: string;
  /** File and table the divisor comes from. */
  childrenFile: string;
}

/** The RO3 source and the derived cost source (both published figures, not illustrative). */
export function costSources(table: Ro3Table, texts: CostSourceTexts): Source[] {
  const missing = [...new Set(placementSpendServices.flatMap((s) => missingSpend(table, s)))];
  return [
    {
      id: RO3_SOURCE_ID,
      title: `Local authority revenue expenditure and financing: ${table.financialYear} outturn, social care and public health (RO3), data by local authority`,
      publisher: 'Ministry of Housing, Communities and Local Government',
      file: RO3_FILE.slice(RO3_FILE.lastIndexOf('/') + 1),
      table:
        `Sheet ${table.sheet}, one row per council with children's services (by ONS code; Barnsley's and Sheffield's former codes taken to their current ones) and the ENGLAND row: ` +
        `"${SERVICE_LABELS.residentialCare}" and "${SERVICE_LABELS.fostering}", Total Expenditure (C3 = C1 + C2) and Net Current Expenditure (C7 = C3 - C6), £ thousands. ` +
        `No figure of their own (publisher's notes): ${missing.join('; ') || 'none'}. The England row includes MHCLG's estimates for councils whose returns were not received.`,
      period: `Financial year ${table.financialYear}`,
      licence: OGL,
      url: RO3_URL,
      illustrative: false,
    },
    {
      id: PLACEMENT_COST_SOURCE_ID,
      title: `Average cost per child in residential care and in foster care, ${table.financialYear}, derived from published spend (MHCLG RO3) and published children looked after (DfE)`,
      publisher:
        'Ministry of Housing, Communities and Local Government; Department for Education (derived by Sufficiency Planner)',
      file: `${RO3_FILE.slice(RO3_FILE.lastIndexOf('/') + 1)}; ${texts.childrenFile}`,
      table:
        `Method: average cost per child-year = RO3 ${table.financialYear} total expenditure (£ thousands × 1,000) on "${SERVICE_LABELS.residentialCare}" ÷ children looked after on ${texts.childrenDate} in secure homes and children's homes ` +
        `(DfE CLA on 31 March by characteristics, Placement), and on "${SERVICE_LABELS.fostering}" ÷ children in foster placements; weekly = annual ÷ (365 ÷ 7); to the pound. ` +
        "England: the RO3 England total ÷ DfE's England count (rounded by DfE to the nearest 10). " +
        `An authority's figure is given only where spend and children are published, children are more than 0, and it lies within a factor of ${COMPARABLE_FACTOR} of England's (beyond that the council evidently books the spending or counts the children differently, e.g. through a children's trust or on another RO3 line; the row's note says why). ` +
        "Regions: the sum of spend over their authorities that have a figure ÷ those authorities' children. " +
        'The divisor is a 31 March snapshot, not child-years: where children move in and out during the year the figure is only an approximation, and ' +
        "RO3's residential care line is each council's own classification of its spending (own homes' running costs and purchased placements), which need not match DfE's placement category exactly. " +
        "Unit costs: every sector's children's home price is England's residential care figure, as no public file splits spend by sector.",
      period: `Spend ${table.financialYear}; children on ${texts.childrenDate}`,
      licence: OGL,
      url: RO3_URL,
      illustrative: false,
    },
  ];
}

export interface NationalCosts {
  sources: Source[];
  unitCosts: UnitCost[];
  assumptions: Assumption[];
}

/**
 * The built-in weekly unit costs and starting assumptions: children's homes at England's published
 * residential care cost per child (every sector alike), the rest illustrative and marked so.
 */
export function nationalUnitCosts(spend: readonly PlacementSpend[]): NationalCosts {
  const england = (service: PlacementSpendService): PlacementSpend => {
    const row = spend.find((s) => s.area === ENGLAND && s.service === service);
    if (!row || row.weeklyCostPerChild === null || row.annualCostPerChild === null) {
      throw new Error(`No England cost per child for ${service}.`);
    }
    return row;
  };
  const residential = england('residentialCare');
  const fostering = england('fostering');
  const weekly = residential.weeklyCostPerChild ?? 0;
  const priceYear = residential.financialYear;
  const cost = (placementType: CostPlacementType, sector: CostSector, value: number, source: string): UnitCost => ({
    placementType,
    sector,
    weeklyCost: Math.round(value),
    priceYear,
    source,
  });
  const unitCosts: UnitCost[] = [
    cost('childrensHome', 'Local Authority', weekly, PLACEMENT_COST_SOURCE_ID),
    cost('childrensHome', 'Private', weekly, PLACEMENT_COST_SOURCE_ID),
    cost('childrensHome', 'Voluntary', weekly, PLACEMENT_COST_SOURCE_ID),
    cost('childrensHome', 'Block contract', weekly * (1 - BLOCK_CONTRACT_DISCOUNT), ILLUSTRATIVE_COSTS_SOURCE_ID),
    cost('secure', 'Local Authority', weekly * SECURE_TO_RESIDENTIAL, ILLUSTRATIVE_COSTS_SOURCE_ID),
    cost('fosterInHouse', 'Local Authority', FOSTER_IN_HOUSE_WEEKLY, ILLUSTRATIVE_COSTS_SOURCE_ID),
    cost('fosterAgency', 'Private', FOSTER_AGENCY_WEEKLY, ILLUSTRATIVE_COSTS_SOURCE_ID),
    cost('supportedAccommodation', 'Private', SUPPORTED_ACCOMMODATION_WEEKLY, ILLUSTRATIVE_COSTS_SOURCE_ID),
  ];

  const common = {
    publisher: 'Sufficiency Planner (generated)',
    file: GENERATOR,
    licence: 'Generated illustration — not published data',
    url: '',
    illustrative: true,
  } as const;
  const sources: Source[] = [
    {
      ...common,
      id: ILLUSTRATIVE_COSTS_SOURCE_ID,
      title:
        `Illustrative weekly costs, ${priceYear} prices, where no public file gives them: a block contract ${BLOCK_CONTRACT_DISCOUNT * 100}% below England's published residential care cost ` +
        `(£${thousands(weekly)} a week; consortia saved 4–5%, DfE-commissioned research 2015); a secure children's home ${SECURE_TO_RESIDENTIAL}× that cost (higher staffing ratios); ` +
        `in-house fostering £${FOSTER_IN_HOUSE_WEEKLY} and agency fostering £${thousands(FOSTER_AGENCY_WEEKLY)} (England's published fostering spend averages £${thousands(fostering.weeklyCostPerChild ?? 0)} a week per child in foster care across both, with no split); ` +
        `supported accommodation for 16–17-year-olds £${thousands(SUPPORTED_ACCOMMODATION_WEEKLY)}. Not published data.`,
      table: "Assumed levels relative to England's published residential care cost per child",
      period: priceYear,
    },
    {
      ...common,
      id: ILLUSTRATIVE_ASSUMPTIONS_SOURCE_ID,
      title:
        'Illustrative modelling assumptions a plan starts with, the same for every consortium: the relative risk of missing incidents for out-of-area placements. Not published data.',
      table: 'Assumed values with their rationale',
      period: priceYear,
    },
  ];

  const assumption = assumptionMaker(GENERATOR, CHANGED_AT);
  const assumptions: Assumption[] = [
    assumption(
      'targetOccupancy',
      'Target occupancy of children’s home places',
      TARGET_OCCUPANCY,
      'share',
      'A home cannot be matched at 100%: children’s needs, sibling groups and mixes limit who can share a home; 80–90% is typical. Beds needed = demand ÷ target occupancy.',
      null,
    ),
    assumption(
      'discountRate',
      'Discount rate for net present value',
      DISCOUNT_RATE,
      'per year',
      'HM Treasury Green Book social time preference rate (3.5% a year for the first 30 years).',
      null,
    ),
    assumption(
      'blockContractDiscount',
      'Block contract discount on the spot price',
      BLOCK_CONTRACT_DISCOUNT,
      'share',
      'Commissioning consortia typically saved 4–5% on placement costs (DfE-commissioned research, 2015). Voids on block contracts are modelled separately.',
      ILLUSTRATIVE_COSTS_SOURCE_ID,
    ),
    assumption(
      'residentialCareWeeklyCostEngland',
      'Average weekly cost of a child in residential care, England',
      weekly,
      `£ per week (${priceYear} prices)`,
      `England's ${priceYear} spending on children looked after in residential care (MHCLG RO3: £${thousands((residential.totalExpenditure ?? 0) / 1000)} million) ÷ ${thousands(residential.children ?? 0)} children in secure homes and children's homes on 31 March ${residential.childrenPeriod} (DfE) = £${thousands(residential.annualCostPerChild ?? 0)} a year. The children's home unit cost for every sector; each authority's own figure is in the plan's published spending.`,
      PLACEMENT_COST_SOURCE_ID,
    ),
    assumption(
      'missingRelativeRiskOutOfArea',
      'Relative risk of missing incidents out of area',
      MISSING_RELATIVE_RISK_OUT_OF_AREA,
      'ratio',
      'Illustrative: missing incidents from out-of-area homes rose 110% (2015–2017) against 68% within area, and 12,200 of 60,720 reports in 2017 came from placements 20+ miles away. No published rate by locality exists at LA level.',
      ILLUSTRATIVE_ASSUMPTIONS_SOURCE_ID,
    ),
  ];
  return { sources, unitCosts, assumptions };
}
