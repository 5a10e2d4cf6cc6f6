/**
 * The cost assumptions with their plausible ranges (out-of-area premium, staff time and travel,
 * missing-incident cost, block voids, prevention and step-down caps and delivery costs), the plan's
 * own values where its register holds them, and the settings derived from them: travel per mile and
 * the block fill.
 */
import type { PlanData } from '../../model/summarise.js';
import type { ScenarioAssumption, ScenarioSettings } from '../types.js';
import { MEAN_PLACEMENT_DAYS, round, WEEKS_PER_YEAR } from './constants.js';
import type { ScenarioContextOptions } from './options.js';

/**
 * A cost assumption: central value and plausible range. The plan's register may hold the same key
 * (e.g. "locality.missingIncidentCost") to replace the central value with the consortium's own figure.
 */
interface CostAssumption {
  key: string;
  label: string;
  value: number;
  low: number;
  high: number;
  unit: string;
  rationale: string;
}

const PSSRU =
  'PSSRU Unit Costs of Health and Social Care (Jones, Burns et al., University of Kent; annual). Check against the current edition.';

/** Central values and ranges: assumptions resting on the published figures cited, not data. */
const COST_ASSUMPTIONS: readonly CostAssumption[] = [
  {
    key: 'locality.outsidePremium',
    label: 'Price premium for a placement outside the consortium',
    value: 0.05,
    low: 0,
    high: 0.1,
    unit: 'share of the spot price',
    rationale:
      'Assumption. The Competition and Markets Authority’s children’s social care market study (final report, March 2022) found councils often search late and far with little choice and pay prices well above providers’ costs; councils searching outside their frameworks have the least purchasing power. No published figure isolates a premium for distance, so the central 5% is a judgement and the range starts at none.',
  },
  {
    key: 'locality.socialWorkerHourlyCost',
    label: 'Cost of an hour of a children’s social worker’s time',
    value: 60,
    low: 45,
    high: 80,
    unit: '£ per hour',
    rationale: `Salary, on-costs and overheads per working hour of a children’s social worker: £55 per hour of client-related work at 2013-14 prices in the PSSRU unit costs, about £60–£75 at today’s prices. Travelling time is working time. Source: ${PSSRU}`,
  },
  {
    key: 'locality.professionalVisitsPerYear',
    label: 'Professional visits a year to a child in a children’s home',
    value: 12,
    low: 9,
    high: 20,
    unit: 'round trips a year',
    rationale:
      'The Care Planning, Placement and Case Review (England) Regulations 2010 (reg. 28) require social-worker visits at intervals of no more than six weeks in the first year (at least 9 a year), and reviews chaired by an Independent Reviewing Officer at 20 days, 3 months and then six-monthly. Many councils visit monthly. Each visit is a round trip from the placing council.',
  },
  {
    key: 'locality.familyTimeTripsPerYear',
    label: 'Family-time journeys a year with a worker',
    value: 12,
    low: 0,
    high: 26,
    unit: 'round trips a year',
    rationale:
      'Assumption: monthly family time for which a worker drives or escorts the child between home area and placement (none where family time is local or not planned; fortnightly at most).',
  },
  {
    key: 'locality.escortHourlyCost',
    label: 'Cost of an hour of a support worker’s time (family-time escort)',
    value: 35,
    low: 25,
    high: 45,
    unit: '£ per hour',
    rationale: `Family support or contact worker per working hour, with on-costs and overheads. Source: ${PSSRU}`,
  },
  {
    key: 'locality.roadSpeedMph',
    label: 'Average road speed on placement journeys',
    value: 30,
    low: 25,
    high: 40,
    unit: 'miles per hour',
    rationale: 'Assumption: mixed urban and motorway driving, door to door.',
  },
  {
    key: 'locality.roadMilesPerStraightMile',
    label: 'Road miles per straight-line mile',
    value: 1.3,
    low: 1.2,
    high: 1.5,
    unit: 'ratio',
    rationale:
      'Distances in the model are between council centroids in a straight line; roads are longer. Road-to-crow-fly ratios of about 1.2–1.4 are usual in Britain; 1.3 is assumed.',
  },
  {
    key: 'locality.mileageRate',
    label: 'Mileage paid',
    value: 0.45,
    low: 0.45,
    high: 0.45,
    unit: '£ per mile',
    rationale: 'HMRC approved mileage allowance payment for cars, first 10,000 miles a year (45p).',
  },
  {
    key: 'locality.missingIncidentCost',
    label: 'Public cost of a missing incident',
    value: 2_000,
    low: 1_325,
    high: 3_000,
    unit: '£ per incident',
    rationale:
      'Police investigation of a missing person report estimated at £1,325–£2,415 (Shalev Greene and Pakes, “The cost of missing person investigations”, Policing 2013, at 2012 prices), plus the council’s return home interview, which statutory guidance (DfE 2014) says must be offered within 72 hours. An estimate, not an invoice: the police part is not the council’s cash.',
  },
  {
    key: 'blockContract.transitionWeeks',
    label: 'Weeks a block-contracted bed stands empty between children',
    value: 4,
    low: 2,
    high: 8,
    unit: 'weeks per placement',
    rationale:
      'Assumption: from one child leaving to the next moving in (referral, matching, impact risk assessment, introductions). With a mean placement of 444 days (DfE CLA 2024) a block bed can then hold a child at most 94% of the time (89–97%); how full it is in fact depends on how many children need it in each year and simulation.',
  },
  {
    key: 'prevention.maxShare',
    label: 'Largest plausible cut in entries to children’s homes from prevention',
    value: 0.2,
    low: 0.1,
    high: 0.3,
    unit: 'share of entries',
    rationale:
      'Assumption. Prevention can only reach children whose entry is avoidable with support at home or in a family: many enter children’s homes because of needs no edge-of-care service meets, or after foster placements end. Evaluations of edge-of-care services in the DfE Children’s Social Care Innovation Programme (e.g. No Wrong Door, North Yorkshire) reported fewer entries among the adolescents worked with, not cuts of more than about a fifth across a whole council’s entries. Prevention levers together are capped here, and say so when they are.',
  },
  {
    key: 'prevention.costPerChild',
    label: 'Delivery cost per child or family worked with (prevention)',
    value: 10_000,
    low: 5_000,
    high: 20_000,
    unit: '£ per child or family',
    rationale: `Intensive edge-of-care support such as Multisystemic Therapy or a specialist adolescent service costs of the order of £10,000 per family worked with. Source: ${PSSRU}`,
  },
  {
    key: 'prevention.workedWithPerEntryPrevented',
    label: 'Children or families worked with per entry prevented',
    value: 4,
    low: 2,
    high: 10,
    unit: 'children per entry prevented',
    rationale:
      'Assumption: services cannot pick out exactly the children who would have entered a home; evaluations find many of those worked with would not have entered care anyway. Four per entry prevented is a central judgement.',
  },
  {
    key: 'stepDown.maxShare',
    label: 'Largest plausible extra share stepping down to foster care a year',
    value: 0.15,
    low: 0.05,
    high: 0.25,
    unit: 'share of children a year',
    rationale:
      'Assumption: limited by foster carers able to take older children with complex needs (fostering households have been falling; Ofsted fostering statistics) and by how many children are ready to move. Step-down levers together are capped here, and say so when they are.',
  },
  {
    key: 'stepDown.costPerChild',
    label: 'One-off cost per child stepped down to foster care',
    value: 5_000,
    low: 2_000,
    high: 15_000,
    unit: '£ per child',
    rationale:
      'Assumption: recruiting and matching a carer, transition work and extra support in the first months (specialist step-down schemes pay enhanced fees and support on top of the weekly foster cost, which is counted separately).',
  },
];

/** Settings from the cost assumptions (central values or the plan's own), recorded with their ranges. */
export function costAssumptions(
  data: PlanData,
  options: ScenarioContextOptions,
  assumptions: ScenarioAssumption[],
): Pick<ScenarioSettings, 'locality' | 'blockFill' | 'preventionMaxShare' | 'stepDownMaxShare' | 'delivery'> {
  const value = new Map<string, number>();
  for (const a of COST_ASSUMPTIONS) {
    const own = data.assumptions.find((r) => r.key === a.key);
    value.set(a.key, own?.value ?? a.value);
    assumptions.push({
      key: a.key,
      label: a.label,
      value: own?.value ?? a.value,
      unit: a.unit,
      rationale: own ? `From the plan’s register: ${own.rationale} (The model’s default: ${a.value}.)` : a.rationale,
      source: own?.source ?? null,
      low: a.low,
      high: a.high,
    });
  }
  const v = (key: string): number => value.get(key) ?? 0;
  const bound = (key: string, which: 'low' | 'high'): number =>
    COST_ASSUMPTIONS.find((a) => a.key === key)?.[which] ?? 0;
  // Travel per straight-line mile per week: each round trip is 2 × road miles, paid by the mile and in
  // staff time at the road speed.
  const travel = (pick: (key: string) => number, circuity: number, mph: number): number =>
    (2 *
      circuity *
      (pick('locality.professionalVisitsPerYear') *
        (pick('locality.socialWorkerHourlyCost') / mph + v('locality.mileageRate')) +
        pick('locality.familyTimeTripsPerYear') *
          (pick('locality.escortHourlyCost') / mph + v('locality.mileageRate')))) /
    WEEKS_PER_YEAR;
  const central = travel(v, v('locality.roadMilesPerStraightMile'), v('locality.roadSpeedMph'));
  const low = travel(
    (k) => bound(k, 'low'),
    bound('locality.roadMilesPerStraightMile', 'low'),
    bound('locality.roadSpeedMph', 'high'),
  );
  const high = travel(
    (k) => bound(k, 'high'),
    bound('locality.roadMilesPerStraightMile', 'high'),
    bound('locality.roadSpeedMph', 'low'),
  );
  const travelPerMileWeekly = options.travelCostPerMile ?? central;
  assumptions.push({
    key: 'locality.travelPerMileWeekly',
    label: 'Travel and staff time per mile from home',
    value: round(travelPerMileWeekly, 2),
    unit: '£ per child per week per straight-line mile',
    rationale:
      options.travelCostPerMile !== undefined
        ? 'Set by the caller.'
        : `2 × ${v('locality.roadMilesPerStraightMile')} road miles per straight-line mile × (${v('locality.professionalVisitsPerYear')} professional visits × (£${v('locality.socialWorkerHourlyCost')} an hour ÷ ${v('locality.roadSpeedMph')} mph + £${v('locality.mileageRate')} a mile) + ${v('locality.familyTimeTripsPerYear')} family-time journeys × (£${v('locality.escortHourlyCost')} ÷ ${v('locality.roadSpeedMph')} mph + £${v('locality.mileageRate')})) ÷ 52.14 weeks. A child 20 miles away costs £${Math.round(central * 20)} a week more than one next door; 84 miles (the far market outside the consortium), £${Math.round(central * 84)}. The allocation minimises this real cost, and it is reported as travel; the range takes every input at its low or high end.`,
    source: null,
    low: round(low, 2),
    high: round(high, 2),
  });
  const placementWeeks = MEAN_PLACEMENT_DAYS / 7;
  // To a thousandth, so that a block's capacity in allocation units is a whole number per bed.
  const fill = (weeks: number) => Math.round((1000 * placementWeeks) / (placementWeeks + weeks)) / 1000;
  const blockFill = fill(v('blockContract.transitionWeeks'));
  assumptions.push({
    key: 'blockContract.fill',
    label: 'Most of a block contract’s beds filled at once',
    value: round(blockFill, 4),
    unit: 'share of beds',
    rationale: `Mean placement ${MEAN_PLACEMENT_DAYS} days ÷ (that + ${v('blockContract.transitionWeeks')} weeks between children). The allocation places up to this share of a block’s beds, and only as many as children need them; empty beds are voids, year by year and simulation by simulation.`,
    source: null,
    low: round(fill(bound('blockContract.transitionWeeks', 'high')), 4),
    high: round(fill(bound('blockContract.transitionWeeks', 'low')), 4),
  });
  return {
    locality: {
      outsidePremium: v('locality.outsidePremium'),
      travelPerMileWeekly,
      missingIncidentCost: v('locality.missingIncidentCost'),
    },
    blockFill,
    preventionMaxShare: v('prevention.maxShare'),
    stepDownMaxShare: v('stepDown.maxShare'),
    delivery: {
      preventionCostPerChild: v('prevention.costPerChild'),
      preventionWorkedWithPerEntryPrevented: v('prevention.workedWithPerEntryPrevented'),
      stepDownCostPerChild: v('stepDown.costPerChild'),
    },
  };
}
