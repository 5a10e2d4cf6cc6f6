/**
 * Example scenarios for a new plan, made for the plan's own members from its own figures, so every
 * consortium (a region, Greater Manchester, all of England, any chosen set) starts with two worked
 * examples it can edit: a joint block contract where the members' independent market is largest,
 * and two consortium-run homes where the members' need for places most exceeds the places there.
 *
 * They are illustrations (marked so): the sizes, the home's capital cost and its ramp-up are
 * assumptions; prices come from the plan's unit costs, whose own source says whether they are
 * published or illustrative.
 */
import type { Area, Observation } from '../model/dataset.js';
import type { Assumption, UnitCost } from '../model/placements.js';
import { defaultSettings } from '../forecast/settings.js';
import type { SupplyRow } from '../model/supply.js';
import { WEEKS_PER_YEAR } from './context/index.js';
import type { Scenario } from './levers.js';
import { financialYear } from './years.js';

/** Illustrative: buying and refurbishing a four-bedroom house to Ofsted standards (assumed). */
export const EXAMPLE_HOME_CAPITAL_COST = 1_000_000;
/** Illustrative: half a new home's places usable in its opening year while staff are recruited. */
export const EXAMPLE_HOME_RAMP_UP: readonly number[] = [0.5];
export const EXAMPLE_HOME_PLACES = 4;
/** Illustrative: years over which a home's capital is written off (straight-line) for its residual value. */
export const EXAMPLE_HOME_ASSET_LIFE_YEARS = 25;
/** Block contracts in consortia saved 4–5% on spot prices (DOMAIN.md): used when the plan's register has no discount. */
const DEFAULT_BLOCK_DISCOUNT = 0.05;

export interface ExampleScenarioInputs {
  areas: readonly Area[];
  observations: readonly Observation[];
  supply: readonly SupplyRow[];
  unitCosts: readonly UnitCost[];
  /** The plan's register: the block-contract discount and target occupancy are taken from it. */
  assumptions: readonly Assumption[];
}

function latest<T extends { period: string }>(rows: readonly T[]): string | null {
  return rows.reduce<string | null>((best, r) => (best === null || r.period > best ? r.period : best), null);
}

function childrensHomeCost(costs: readonly UnitCost[], sector: UnitCost['sector']): number | null {
  return costs.find((c) => c.placementType === 'childrensHome' && c.sector === sector)?.weeklyCost ?? null;
}

/** The member with the largest value above `floor` (ties: the first by name), or null. */
function largest(members: readonly Area[], value: (a: Area) => number, floor = 0): Area | null {
  let best: Area | null = null;
  let bestValue = floor;
  for (const a of [...members].sort((x, y) => x.name.localeCompare(y.name, 'en-GB'))) {
    const v = value(a);
    if (v > bestValue) {
      best = a;
      bestValue = v;
    }
  }
  return best;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/** Two example scenarios for the plan's members (fewer when the plan lacks the figures for one). */
export function exampleScenarios(inputs: ExampleScenarioInputs): Scenario[] {
  const members = inputs.areas.filter((a) => a.isMember && a.level === 'Local authority');
  if (members.length === 0) return [];
  const supplyPeriod = latest(inputs.supply);
  const supply = inputs.supply.filter((s) => s.period === supplyPeriod && s.homeType === 'childrensHome');
  const placesIn = (code: string, sectors: readonly string[]) =>
    supply.filter((s) => s.area === code && sectors.includes(s.sector)).reduce((sum, s) => sum + s.registeredPlaces, 0);
  const inHomes = inputs.observations.filter((o) => o.measure === 'childrenInChildrensHomes' && o.value !== null);
  const needPeriod = latest(inHomes);
  const childrenInHomes = (code: string) => inHomes.find((o) => o.area === code && o.period === needPeriod)?.value ?? 0;
  const baseYear = Number(needPeriod ?? supplyPeriod?.slice(0, 4) ?? '2025');
  const scenarios: Scenario[] = [];
  const register = (key: string) => inputs.assumptions.find((a) => a.key === key)?.value;
  const blockDiscount = register('blockContractDiscount') ?? DEFAULT_BLOCK_DISCOUNT;
  const occupancy = register('targetOccupancy') ?? defaultSettings.targetOccupancy;

  const spot = childrensHomeCost(inputs.unitCosts, 'Private');
  const blockHost = largest(members, (a) => placesIn(a.code, ['Private', 'Voluntary']));
  if (spot !== null && blockHost) {
    const independentPlaces = placesIn(blockHost.code, ['Private', 'Voluntary']);
    const beds = Math.max(2, Math.min(12, Math.floor(independentPlaces / 4)));
    const weeklyPrice = Math.round(spot * (1 - blockDiscount));
    const startYear = String(baseYear + 1);
    scenarios.push({
      id: `joint-block-${beds}`,
      name: `Joint block contract, ${beds} beds in ${blockHost.name}`,
      notes: `Example: the consortium block-contracts ${beds} existing independent beds in ${blockHost.name} (the member with the most private and voluntary children's homes places, ${independentPlaces} at the latest Ofsted snapshot) for five years from ${financialYear(startYear)} (the year ending 31 March ${startYear}) at £${weeklyPrice.toLocaleString('en-GB')} a bed a week (${Math.round(blockDiscount * 1000) / 10}% below the plan's private weekly price, as consortia saved 4–5%). Beds are paid for whether used or not; any member's children may use them.`,
      illustrative: true,
      levers: [
        {
          type: 'blockContract',
          id: `${slug(blockHost.name)}-block`,
          label: `Joint block contract: ${beds} beds in ${blockHost.name}`,
          la: blockHost.code,
          commissionedBy: 'consortium',
          beds,
          weeklyPrice,
          startYear,
          termYears: 5,
          guaranteedAccess: 1,
          voidCostShare: 1,
          fromExistingPlaces: true,
          indexed: false,
        },
      ],
    });
  }

  const laRun = childrensHomeCost(inputs.unitCosts, 'Local Authority');
  // where the members' own children most outnumber the places in their area
  const allSectors = ['Local Authority', 'Private', 'Voluntary', 'Health Authority', 'Academy', 'Other'];
  const homeHost = largest(
    members,
    (a) => childrenInHomes(a.code) - placesIn(a.code, allSectors),
    Number.NEGATIVE_INFINITY,
  );
  if (laRun !== null && homeHost) {
    const runningCostPerYear = Math.ceil((laRun * WEEKS_PER_YEAR * EXAMPLE_HOME_PLACES * occupancy) / 10_000) * 10_000;
    const openingYear = String(baseYear + 2);
    scenarios.push({
      id: `consortium-homes-${slug(homeHost.name)}`,
      name: `Two consortium homes in ${homeHost.name} from ${financialYear(openingYear)}`,
      notes: `Example: two ${EXAMPLE_HOME_PLACES}-place consortium-run homes open in ${homeHost.name} in ${financialYear(openingYear)} (the year ending 31 March ${openingYear}), for any member's children; ${homeHost.name} is the member whose children in children's homes most outnumber the registered places in its area. Illustrative: capital £${EXAMPLE_HOME_CAPITAL_COST.toLocaleString('en-GB')} per home (spent in ${financialYear(baseYear + 1)}), written off over ${EXAMPLE_HOME_ASSET_LIFE_YEARS} years with what is left at the horizon credited as residual value; running £${runningCostPerYear.toLocaleString('en-GB')} a year per home (the plan's LA-run weekly cost × ${EXAMPLE_HOME_PLACES} places × ${Math.round(occupancy * 1000) / 10}% occupancy), half the places usable in the opening year.`,
      illustrative: true,
      levers: ['a', 'b'].map((suffix) => ({
        type: 'newHome' as const,
        id: `${slug(homeHost.name)}-home-${suffix}`,
        label: `Consortium home ${suffix.toUpperCase()} in ${homeHost.name} (${EXAMPLE_HOME_PLACES} places)`,
        la: homeHost.code,
        runBy: 'consortium' as const,
        places: EXAMPLE_HOME_PLACES,
        needType: 'mainstream' as const,
        capitalCost: EXAMPLE_HOME_CAPITAL_COST,
        runningCostPerYear,
        openingYear,
        assetLifeYears: EXAMPLE_HOME_ASSET_LIFE_YEARS,
        rampUp: [...EXAMPLE_HOME_RAMP_UP],
      })),
    });
  }
  return scenarios;
}
