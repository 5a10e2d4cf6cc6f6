/**
 * The settings a scenario context's baseline rests on, stated as assumptions with their reasons:
 * occupancy, access shares, LA-run homes, weeks, placement length, discounting, prices held, unmet
 * need, the outside market and its calibrated near capacity.
 */
import type { PlanData } from '../../model/summarise.js';
import type { ScenarioContext } from '../types.js';
import { MEAN_PLACEMENT_DAYS, pct, round, WEEKS_PER_YEAR } from './constants.js';

/** Adds the baseline's settings to the context's assumptions (after those of prices and costs). */
export function addSettingAssumptions(
  context: ScenarioContext,
  discount: PlanData['assumptions'][number] | undefined,
  phi: number,
  phiAssumption: PlanData['assumptions'][number] | undefined,
  target: { source: string | null },
): void {
  const { assumptions, prices, outside } = context;
  const {
    targetOccupancy,
    openMarketAccessShare: ownAccess,
    consortiumOpenMarketAccessShare: access,
    discountRate,
  } = context.settings;
  const meanMiles = outside.meanMiles;
  assumptions.push(
    {
      key: 'targetOccupancy',
      label: 'Target occupancy of children’s home places',
      value: targetOccupancy,
      unit: 'share of places',
      rationale:
        'As in the projection: beds needed = children ÷ occupancy, and a pool of places takes places × occupancy children (a home cannot be matched at 100%).',
      source: null,
    },
    {
      key: 'openMarketAccessShare',
      label: 'Open-market places in an LA available to its own children',
      value: ownAccess,
      unit: 'share of places',
      rationale:
        'As in the projection. In the allocation this share of each LA’s private and voluntary places takes only its own children, and the consortium share less this one only other members’ children: most places in an LA’s homes go to other LAs’ children (in a 2013 study of two metropolitan councils, one council’s own children filled 36% of its homes’ places), so the model does not let each LA fill its whole local market first.',
      source: null,
    },
    {
      key: 'consortiumOpenMarketAccessShare',
      label: 'Open-market places in member LAs available to consortium children',
      value: access,
      unit: 'share of places',
      rationale:
        'As in the projection. A local-first agreement with share s adds s × (1 − share) of the open market, open to any member’s children: the agreed places are offered first, the rest are competed for as before.',
      source: null,
    },
    {
      key: 'laRunForOwnChildren',
      label: 'LA-run homes take their own LA’s children',
      value: 1,
      unit: 'flag',
      rationale:
        'Existing LA-run places are allocated to the LA’s own children only — except, where the calibration says so, the places its own children do not fill in the base year (its LA-run places × occupancy beyond the children it publishes placing inside its boundary), which take other members’ children; consortium-run homes and consortium block contracts to any member’s children.',
      source: null,
    },
    {
      key: 'weeksPerYear',
      label: 'Weeks in a year',
      value: round(WEEKS_PER_YEAR, 4),
      unit: 'weeks',
      rationale:
        '365 ÷ 7, as the unit costs were derived. Children placed on 31 March are taken as the average through the year.',
      source: null,
    },
    {
      key: 'meanPlacementDays',
      label: 'Mean length of a children’s home placement',
      value: MEAN_PLACEMENT_DAYS,
      unit: 'days',
      rationale:
        'Placements ending in 2023-24 lasted a mean 444 days (DfE CLA 2024). Sets how fast prevention and step-down change the number in homes, and how fast a distance policy (new placements only) takes hold.',
      source: null,
    },
    {
      key: 'discountRate',
      label: 'Discount rate for net present value',
      value: discountRate,
      unit: 'per year',
      rationale:
        'HM Treasury Green Book social time preference rate (3.5%). End-of-year convention: the first projected year is discounted by 1 ÷ (1 + r), the second by 1 ÷ (1 + r)², and so on. Prices are real (held at the price year) unless a price-inflation lever says otherwise.',
      source: discount?.source ?? null,
    },
    {
      key: 'pricesHeld',
      label: 'Prices held at the price year',
      value: Number(prices.priceYear.slice(0, 4)),
      unit: 'price year (start)',
      rationale: `Weekly prices, running and programme costs are in ${prices.priceYear} prices in every year (real terms) unless the scenario has a price-inflation lever. Capital is as stated by each lever.`,
      source: null,
    },
    {
      key: 'unmetWeeklyCost',
      label: 'Weekly cost of a child without a registered place',
      value: prices.unmet,
      unit: '£ per week',
      rationale:
        'Only arises when the outside market is capacity-limited. LGA: 1,510 placements cost £10,000 or more a week in 2022-23 (unregistered and emergency provision).',
      source: null,
    },
    {
      key: 'outsideCapacity',
      label: 'Places outside the consortium',
      value: outside.farCapacity ?? -1,
      unit: 'children per year (−1 = no limit)',
      rationale:
        'By default the market outside the consortium can always take a child, at the private spot price and at a distance; set a limit to see unmet need instead.',
      source: null,
    },
    {
      key: 'outsideOver20MilesShare',
      label: 'Share of out-of-area placements more than 20 miles away (national)',
      value: round(phi, 4),
      unit: 'share',
      rationale: phiAssumption
        ? `From the plan: ${phiAssumption.rationale}`
        : '49% of children in children’s homes were more than 20 miles from home and 67% outside their LA (England 2024, DfE): 0.49 ÷ 0.67.',
      source: phiAssumption?.source ?? null,
    },
    {
      key: 'outsideMeanMiles',
      label: 'Mean distance of placements outside the consortium',
      value: round(meanMiles, 1),
      unit: 'miles',
      rationale: `Distances of out-of-area placements modelled as exponential with P(> 20 miles) = ${round(phi, 3)}: mean = −20 ÷ ln(${round(phi, 3)}). The near outside market (within 20 miles) is then at ${outside.nearMiles.toFixed(1)} miles on average (the conditional mean; each member’s distance is adjusted by how much nearer the consortium’s edge it is than the average member, ${Math.min(...outside.nearMilesByMember).toFixed(1)}–${Math.max(...outside.nearMilesByMember).toFixed(1)} miles) and the far market at ${outside.farMiles.toFixed(1)} (20 + mean, the exponential being memoryless).`,
      source: null,
    },
    {
      key: 'nearOutsideCapacity',
      label: 'Places outside the consortium within 20 miles (calibrated)',
      value: outside.nearCapacity,
      unit: 'children per year',
      rationale: `Calibrated so that the baseline allocation of ${context.calibration.year}’s ${context.calibration.children} children places ${pct(context.calibration.over20MilesAchieved)} more than 20 miles from home (target ${pct(context.calibration.over20MilesTarget)}: ${context.calibration.over20MilesTargetBasis}). Held at this level in later years.`,
      source: target.source,
    },
  );
}
