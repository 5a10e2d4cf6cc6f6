/**
 * The cost per child derived from RO3 spending divided by DfE's children in each kind of placement, for every council, region and England, with the councils whose figures are not comparable named.
 */
import type { Area, PlacementSpend, PlacementSpendService } from '#shared/model/dataset.js';
import { placementSpendServices } from '#shared/model/dataset.js';
import { thousandsOfPounds, type Ro3Table, type SpendFigures } from './ro3.js';
import { ENGLAND, PLACEMENT_COST_SOURCE_ID, RO3_SOURCE_ID, WEEKS_PER_YEAR, thousands } from './constants.js';

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
