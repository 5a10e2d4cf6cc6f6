/**
 * What placements cost, from what councils publish they spend, for the national built-in dataset.
 *
 * MHCLG's revenue outturn for social care (RO3) reports, for every English council, its spending on
 * children looked after "of which residential care" and "of which fostering services" (£ thousands:
 * total expenditure, and net current expenditure after income). Divided by the same council's
 * children in that kind of placement on 31 March at the end of the year (DfE), it gives a published
 * average cost per child-year. England's figure (the RO3 England total ÷ DfE's England count) is the
 * weekly unit cost a plan starts from; each council's and region's figure is kept beside it for a
 * consortium that wants its own.
 *
 * What no public file gives stays illustrative and is marked so: prices by sector (every sector
 * takes the all-sector average, and a block contract 5% less), secure homes, foster care split
 * between in-house and agency, supported accommodation, and the modelling assumptions a plan starts
 * with. Nothing here is specific to any consortium.
 */
import { readOds } from '../electron/services/spreadsheet.js';
import { assumptionMaker } from './datasetAssumption.js';
import type { Area, PlacementSpend, PlacementSpendService, Source } from '../shared/model/dataset.js';
import { placementSpendServices } from '../shared/model/dataset.js';
import type { Assumption, CostPlacementType, CostSector, UnitCost } from '../shared/model/placements.js';

export const RO3_FILE = 'costs/RO3_LA_Data_2024-25_data_by_LA.ods';
export const RO3_SOURCE_ID = 'mhclg-ro3-2024-25';
export const PLACEMENT_COST_SOURCE_ID = 'derived-placement-cost-2024-25';
export const ILLUSTRATIVE_COSTS_SOURCE_ID = 'illustrative-unit-costs-2024-25';
export const ILLUSTRATIVE_ASSUMPTIONS_SOURCE_ID = 'illustrative-assumptions-2024-25';

const GENERATOR = 'scripts/national-costs.ts';
const CHANGED_AT = '2026-04-01';
const OGL = 'Open Government Licence v3.0';
const RO3_URL =
  'https://www.gov.uk/government/statistics/local-authority-revenue-expenditure-and-financing-england-2024-to-2025-individual-local-authority-data-outturn';
const ENGLAND = 'E92000001';
export const WEEKS_PER_YEAR = 365 / 7;

/** RO3 lines read, by the words that name them in the column headers. */
const SERVICE_LINES: Record<PlacementSpendService, string> = {
  residentialCare: 'children looked after of which residential care',
  fostering: 'children looked after of which fostering services',
};
const SERVICE_LABELS: Record<PlacementSpendService, string> = {
  residentialCare: "Children's social care - Children Looked After of which residential care",
  fostering: "Children's social care - Children Looked After of which fostering services",
};

/** RO3 classes of councils with children's services: shire counties, unitaries, metropolitan districts, London boroughs. */
const CHILDRENS_SERVICES_CLASSES: ReadonlySet<string> = new Set(['SC', 'UA', 'MD', 'LB']);

// Illustrative levels (no public file gives them).
const BLOCK_CONTRACT_DISCOUNT = 0.05;
const SECURE_TO_RESIDENTIAL = 1.4;
const FOSTER_IN_HOUSE_WEEKLY = 600;
const FOSTER_AGENCY_WEEKLY = 1_100;
const SUPPORTED_ACCOMMODATION_WEEKLY = 1_800;
const TARGET_OCCUPANCY = 0.85;
const DISCOUNT_RATE = 0.035;
const MISSING_RELATIVE_RISK_OUT_OF_AREA = 1.5;

/** Whole number with thousands separators (locale-independent, so output is the same everywhere). */
export const thousands = (v: number): string => String(Math.round(v)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

// ---------------------------------------------------------------------------------------------
// Reading RO3

export interface SpendFigures {
  /** £ thousands. */
  totalExpenditure: number | null;
  /** £ thousands. */
  netCurrentExpenditure: number | null;
  /** The publisher's note where a figure is missing. */
  note: string | null;
}

export interface Ro3Council {
  /** Current ONS code. */
  code: string;
  name: string;
  spend: Record<PlacementSpendService, SpendFigures>;
}

export interface Ro3Table {
  /** "2024-25". */
  financialYear: string;
  sheet: string;
  councils: Ro3Council[];
  england: Record<PlacementSpendService, SpendFigures>;
}

const normalise = (text: string): string =>
  text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** £ thousands to three decimal places (whole pounds), as published. */
const thousandsOfPounds = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * Reads the RO3 "data by LA" workbook: one row per council with children's services (mapped to its
 * current ONS code by `resolve`) and the England row, for the residential care and fostering lines.
 * Matches columns by their words, not their position, and stops at the end of the first table (the
 * sheet's second table holds class totals).
 */
export function readRo3(
  bytes: Uint8Array,
  file: string,
  resolve: (onsCode: string, name: string, where: string) => string | null,
): Ro3Table {
  const sheets = readOds(bytes, file);
  const data = sheets.find((s) => /^RO3_LA_Data_\d{6}$/.test(s.sheetName ?? ''));
  if (!data?.sheetName) throw new Error(`${file}: no sheet named RO3_LA_Data_YYYYYY.`);
  const year = /(\d{4})(\d{2})$/.exec(data.sheetName);
  if (!year) throw new Error(`${file}: cannot tell the financial year from sheet ${data.sheetName}.`);
  const financialYear = `${year[1]}-${year[2]}`;

  // The publisher's notes ("[x]" → "Data not received in time for publication").
  const notes = new Map<string, string>();
  for (const row of sheets.find((s) => s.sheetName === 'Notes')?.rows ?? []) {
    const [code, text] = row;
    if (code && text && /^\[.+\]$|^[A-Z]$/.test(code.trim())) notes.set(code.trim(), text.trim());
  }

  const headerIndex = data.rows.findIndex((r) => r.some((c) => normalise(c) === 'ons code'));
  const header = (data.rows[headerIndex] ?? []).map(normalise);
  if (headerIndex < 0) throw new Error(`${file}: no header row with "ONS Code".`);
  const column = (...words: string[]): number => {
    const i = header.findIndex((h) => words.every((w) => h.includes(w)));
    if (i < 0) throw new Error(`${file}: no column whose name has ${words.map((w) => `"${w}"`).join(' and ')}.`);
    return i;
  };
  const codeCol = column('ons code');
  const nameCol = column('local authority');
  const classCol = header.indexOf('class');
  if (classCol < 0) throw new Error(`${file}: no column named "Class".`);
  const columns = Object.fromEntries(
    placementSpendServices.map((service) => [
      service,
      {
        total: column(SERVICE_LINES[service], 'total expenditure'),
        net: column(SERVICE_LINES[service], 'net current expenditure'),
      },
    ]),
  ) as Record<PlacementSpendService, { total: number; net: number }>;

  const value = (raw: string | undefined, where: string): { value: number | null; note: string | null } => {
    const text = (raw ?? '').trim();
    if (/^-?\d+(\.\d+)?$/.test(text)) return { value: thousandsOfPounds(Number(text)), note: null };
    if (/^\[.+\]$/.test(text)) return { value: null, note: notes.get(text) ?? text };
    throw new Error(`${where}: "${text}" is neither an amount nor a publisher's note.`);
  };
  const figures = (cells: string[], where: string): Record<PlacementSpendService, SpendFigures> =>
    Object.fromEntries(
      placementSpendServices.map((service) => {
        const total = value(cells[columns[service].total], `${where}, ${service} total expenditure`);
        const net = value(cells[columns[service].net], `${where}, ${service} net current expenditure`);
        return [
          service,
          { totalExpenditure: total.value, netCurrentExpenditure: net.value, note: total.note ?? net.note },
        ];
      }),
    ) as Record<PlacementSpendService, SpendFigures>;

  const councils: Ro3Council[] = [];
  let england: Record<PlacementSpendService, SpendFigures> | null = null;
  const seen = new Set<string>();
  for (let r = headerIndex + 1; r < data.rows.length; r += 1) {
    const cells = data.rows[r] ?? [];
    const code = (cells[codeCol] ?? '').trim();
    // The first table ends at a blank row or at the second table's header.
    if (code === '' || normalise(code) === 'ons code') break;
    const where = `${file} sheet ${data.sheetName} row ${r + 1}`;
    const name = (cells[nameCol] ?? '').trim();
    const kind = (cells[classCol] ?? '').trim();
    if (code === ENGLAND) {
      england = figures(cells, where);
      continue;
    }
    if (!CHILDRENS_SERVICES_CLASSES.has(kind)) continue;
    const current = resolve(code, name, where);
    if (current === null) continue;
    if (seen.has(current)) throw new Error(`${where}: a second row for ${name} (${current}).`);
    seen.add(current);
    councils.push({ code: current, name, spend: figures(cells, where) });
  }
  if (!england) throw new Error(`${file}: no England row (${ENGLAND}).`);
  return { financialYear, sheet: data.sheetName, councils, england };
}

// ---------------------------------------------------------------------------------------------
// Deriving the cost per child

/** Children in the placements each service pays for, by area, on 31 March at the end of the year. */
export type ChildrenByService = Record<PlacementSpendService, ReadonlyMap<string, number | null>>;

const perChild = (spendThousands: number | null, children: number | null): number | null =>
  spendThousands === null || children === null || children <= 0 ? null : (spendThousands * 1000) / children;

/**
 * How far from England's figure an authority's cost per child may lie and still be given: a factor
 * of four either way. Beyond it the council evidently books this spending (or counts these children)
 * differently, e.g. through a children's trust or on another RO3 line, so the ratio is not a cost.
 */
export const COMPARABLE_FACTOR = 4;

/** Placement words for the notes, by service. */
const CHILDREN_WORDS: Record<PlacementSpendService, string> = {
  residentialCare: "secure homes and children's homes",
  fostering: 'foster placements',
};

interface Derived {
  annual: number | null;
  note: string | null;
}

/** An authority's cost per child, or why there is none. */
function authorityCost(
  service: PlacementSpendService,
  figures: SpendFigures,
  children: number | null,
  childrenDate: string,
  england: number,
): Derived {
  if (figures.totalExpenditure === null) return { annual: null, note: 'No published spend.' };
  if (children === null) return { annual: null, note: `No published count of children in ${CHILDREN_WORDS[service]}.` };
  if (children <= 0) return { annual: null, note: `No children in ${CHILDREN_WORDS[service]} on ${childrenDate}.` };
  const annual = perChild(figures.totalExpenditure, children) ?? 0;
  if (annual < england / COMPARABLE_FACTOR || annual > england * COMPARABLE_FACTOR) {
    return {
      annual: null,
      note: `Not comparable: £${thousands(annual)} a year per child, more than ${COMPARABLE_FACTOR} times from England's £${thousands(england)}.`,
    };
  }
  return { annual, note: null };
}

function spendRow(
  area: string,
  service: PlacementSpendService,
  table: Ro3Table,
  childrenPeriod: string,
  figures: SpendFigures,
  children: number | null,
  derived: Derived,
  coverage: { included: number; inArea: number } | null,
): PlacementSpend {
  const { annual, note } = derived;
  return {
    area,
    service,
    financialYear: table.financialYear,
    totalExpenditure: figures.totalExpenditure,
    netCurrentExpenditure: figures.netCurrentExpenditure,
    spendNote: figures.note,
    children,
    childrenPeriod,
    annualCostPerChild: annual === null ? null : Math.round(annual),
    weeklyCostPerChild: annual === null ? null : Math.round(annual / WEEKS_PER_YEAR),
    costNote: note,
    authoritiesIncluded: coverage?.included ?? null,
    authoritiesInArea: coverage?.inArea ?? null,
    spendSource: RO3_SOURCE_ID,
    source: PLACEMENT_COST_SOURCE_ID,
  };
}

/**
 * Spend and cost per child for every authority (given where it is within a factor of four of
 * England's), each region (the sum over its authorities that have a cost per child) and England (the
 * RO3 England total ÷ DfE's England count), in the order of `areas` and then by service.
 */
export function derivePlacementSpend(
  table: Ro3Table,
  areas: readonly Area[],
  children: ChildrenByService,
  childrenPeriod: string,
): PlacementSpend[] {
  const councils = new Map(table.councils.map((c) => [c.code, c]));
  const childrenDate = `31 March ${childrenPeriod}`;
  const england = Object.fromEntries(
    placementSpendServices.map((service) => {
      const annual = perChild(table.england[service].totalExpenditure, children[service].get(ENGLAND) ?? null);
      if (annual === null) throw new Error(`No England cost per child for ${service}: spend or children missing.`);
      return [service, annual];
    }),
  ) as Record<PlacementSpendService, number>;
  const local = new Map<string, { figures: SpendFigures; children: number | null; derived: Derived }>();
  for (const area of areas) {
    if (area.level !== 'Local authority') continue;
    const council = councils.get(area.code);
    if (!council) throw new Error(`RO3 ${table.financialYear}: no row for ${area.name} (${area.code}).`);
    for (const service of placementSpendServices) {
      const n = children[service].get(area.code) ?? null;
      const figures = council.spend[service];
      local.set(`${area.code}|${service}`, {
        figures,
        children: n,
        derived: authorityCost(service, figures, n, childrenDate, england[service]),
      });
    }
  }

  const rows: PlacementSpend[] = [];
  for (const area of areas) {
    for (const service of placementSpendServices) {
      if (area.level === 'Local authority') {
        const own = local.get(`${area.code}|${service}`);
        if (!own) continue;
        rows.push(spendRow(area.code, service, table, childrenPeriod, own.figures, own.children, own.derived, null));
      } else if (area.level === 'Regional') {
        const members = areas.filter((a) => a.level === 'Local authority' && a.regionCode === area.code);
        let total = 0;
        let net: number | null = 0;
        let kids = 0;
        let included = 0;
        for (const m of members) {
          const own = local.get(`${m.code}|${service}`);
          if (!own || own.derived.annual === null || own.figures.totalExpenditure === null || own.children === null) {
            continue;
          }
          included += 1;
          total += own.figures.totalExpenditure;
          const ownNet = own.figures.netCurrentExpenditure;
          net = net === null || ownNet === null ? null : net + ownNet;
          kids += own.children;
        }
        const figures: SpendFigures = {
          totalExpenditure: included > 0 ? thousandsOfPounds(total) : null,
          netCurrentExpenditure: included > 0 && net !== null ? thousandsOfPounds(net) : null,
          note: null,
        };
        const annual = perChild(figures.totalExpenditure, included > 0 ? kids : null);
        const derived: Derived = {
          annual,
          note: annual === null ? `No authority in ${area.name} has a cost per child.` : null,
        };
        rows.push(
          spendRow(area.code, service, table, childrenPeriod, figures, included > 0 ? kids : null, derived, {
            included,
            inArea: members.length,
          }),
        );
      } else if (area.code === ENGLAND) {
        const n = children[service].get(ENGLAND) ?? null;
        rows.push(
          spendRow(
            area.code,
            service,
            table,
            childrenPeriod,
            table.england[service],
            n,
            {
              annual: england[service],
              note: null,
            },
            null,
          ),
        );
      }
    }
  }
  return rows;
}

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
