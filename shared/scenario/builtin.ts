/**
 * Greater Manchester's two worked examples, as data: a new plan whose members are exactly the ten
 * GM councils starts with these (any other consortium gets examples made for its own members by
 * ./examples.ts). Their values are illustrations, marked as such, not any council's figures.
 */
import type { Scenario } from './levers.js';
import { financialYear } from './years.js';

export const BASELINE_SCENARIO_ID = 'baseline';

/** The baseline: a scenario with no levers (supply held at the latest snapshot, demand as projected). */
export function baselineScenario(): Scenario {
  return {
    id: BASELINE_SCENARIO_ID,
    name: 'Baseline',
    notes: 'No levers: supply held at the latest Ofsted snapshot, demand as projected, prices held at the price year.',
    illustrative: false,
    levers: [],
  };
}

const BURY = 'E08000002';
const TRAFFORD = 'E08000009';

/**
 * Illustrative values for a four-place consortium home in Greater Manchester (asset life: 25 years,
 * straight-line, for the residual value at the horizon):
 * - capital £1,000,000: buying and refurbishing a four-bedroom house to Ofsted standards (assumed);
 * - running £950,000 a year: the built-in LA-run unit cost £5,317 a week × 52.14 weeks × 4 places ×
 *   85% occupancy ≈ £943,000, rounded up, since staffing is fixed whether or not a bed is filled;
 * - half its places usable in the opening year while staff are recruited and children matched.
 */
export const ILLUSTRATIVE_HOME = {
  capitalCost: 1_000_000,
  runningCostPerYear: 950_000,
  rampUp: [0.5],
  assetLifeYears: 25,
} as const;

const BLOCK_START = '2026';
const HOMES_OPEN = '2027';

/**
 * "Joint block contract, 12 beds" and "Two consortium homes in Trafford from 2026-27". Their notes
 * name years as the levers hold them (financial years ending 31 March, shown as "2025-26").
 */
export function builtInScenarios(): Scenario[] {
  return [
    {
      id: 'joint-block-12',
      name: 'Joint block contract, 12 beds',
      notes: `The consortium block-contracts 12 existing private beds in Bury for five years from ${financialYear(BLOCK_START)} (the year ending 31 March ${BLOCK_START}) at £5,943 a bed a week (the built-in illustrative block price: 5% below the private spot price, as consortia saved 4–5%). Beds are paid for whether used or not; any member’s children may use them.`,
      illustrative: true,
      levers: [
        {
          type: 'blockContract',
          id: 'bury-block',
          label: 'Joint block contract: 12 beds in Bury',
          la: BURY,
          commissionedBy: 'consortium',
          beds: 12,
          weeklyPrice: 5_943,
          startYear: BLOCK_START,
          termYears: 5,
          guaranteedAccess: 1,
          voidCostShare: 1,
          fromExistingPlaces: true,
          indexed: false,
        },
      ],
    },
    {
      id: 'trafford-homes-2027',
      name: `Two consortium homes in Trafford from ${financialYear(HOMES_OPEN)}`,
      notes: `Two four-place consortium-run homes open in Trafford in ${financialYear(HOMES_OPEN)} (the year ending 31 March ${HOMES_OPEN}), for any member’s children. Illustrative: capital £1,000,000 per home (spent in ${financialYear(Number(HOMES_OPEN) - 1)}), written off over ${ILLUSTRATIVE_HOME.assetLifeYears} years with what is left at the horizon credited as residual value; running £950,000 a year per home (the LA-run unit cost × 4 places × 85% occupancy), half the places usable in the opening year.`,
      illustrative: true,
      levers: ['a', 'b'].map((suffix) => ({
        type: 'newHome' as const,
        id: `trafford-home-${suffix}`,
        label: `Consortium home ${suffix.toUpperCase()} in Trafford (4 places)`,
        la: TRAFFORD,
        runBy: 'consortium' as const,
        places: 4,
        needType: 'mainstream' as const,
        capitalCost: ILLUSTRATIVE_HOME.capitalCost,
        runningCostPerYear: ILLUSTRATIVE_HOME.runningCostPerYear,
        openingYear: HOMES_OPEN,
        assetLifeYears: ILLUSTRATIVE_HOME.assetLifeYears,
        rampUp: [...ILLUSTRATIVE_HOME.rampUp],
      })),
    },
  ];
}
