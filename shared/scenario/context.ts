/**
 * Building a scenario's context from a plan and its projection — pure: the same plan and projection
 * always give the same context.
 *
 * - **Members** (sorted by ONS code) with centroids, and haversine distances between centroids.
 * - **Supply**: long-term children's home places in each member at the latest supply snapshot, by
 *   sector (short-break-only and secure homes excluded, as in the projection).
 * - **Demand**: the projection's P10/P50/P90 per member and year, and its joint simulations when it
 *   kept them (`keepSamples`).
 * - **Prices**: the plan's weekly unit costs (children's homes by sector, fostering), at their price year.
 * - **Settings**: target occupancy and open-market access share as the projection used them (so the
 *   baseline gap is the projection's), the discount rate from the plan, the distance penalty, the
 *   missing-incident rates by locality.
 * - **Outside market and calibration.** Nationally, 49% of children in children's homes are more
 *   than 20 miles from home and 67% outside their LA (DfE 2024), so φ = 0.49 ÷ 0.67 ≈ 73% of
 *   out-of-area placements are distant. Outside placements' distances are modelled as exponential
 *   with mean D chosen so that P(distance > 20) = φ: D = −20 ÷ ln φ (≈ 64 miles); the near outside
 *   market (within 20 miles) then sits at the conditional mean D − 20φ ÷ (1 − φ) and the far market
 *   at 20 + D (memoryless). Which of the two children use depends on capacity: the near market's
 *   capacity is calibrated so that the baseline allocation of the base year's observed children
 *   places the target share more than 20 miles from home (GM: 21%, the members' published 20+ mile
 *   share of looked-after children scaled to children's homes), by fixed-point iteration
 *   (allocate → capacity = outside − (target × children − distant in-consortium) → allocate…).
 * - **Member by member** (where every member has its published locality split from
 *   ../forecast/accessShares.ts and the caller sets no single target): each member's own open-market
 *   share is the projection's, estimated so that its own children placed inside its boundary fill
 *   it; where its LA-run places alone hold more, only the part they need is kept for its own
 *   children; each member's reach into the other members' places is fitted so that its children
 *   placed elsewhere in the consortium leave its 20+ mile target outside it; and each member has its
 *   own near outside capacity, iterated as above. The baseline then reproduces every member's
 *   published inside-boundary and 20+ mile shares within 3 percentage points, or the calibration
 *   names the member and why (`calibration.members`, and a warning). The consortium's places, and
 *   so its gap, are the projection's throughout.
 */
import { distanceMatrix, haversineMiles } from '../allocate/distance.js';
import { defaultSettings } from '../forecast/settings.js';
import type { ForecastAssumption, ProjectionResult } from '../forecast/types.js';
import type { Observation } from '../model/dataset.js';
import type { PlanData } from '../model/summarise.js';
import { homeSectors } from '../model/supply.js';
import { ALLOCATION_UNITS, buildYearProblem, buildYearSupply, placementFigures, solveYear } from './model.js';
import type {
  Calibration,
  MemberDemand,
  MemberSupply,
  MemberCalibration,
  MissingRates,
  OutsideMarket,
  PlacementFigures,
  ScenarioAssumption,
  ScenarioContext,
  ScenarioMember,
  ScenarioSettings,
  WeeklyPrices,
} from './types.js';

/** Published national figures (DfE CLA 2024 national tables; DOMAIN.md "Recent figures"). */
export const NATIONAL_CHILDRENS_HOMES_OUTSIDE_LA_SHARE = 0.67;
export const NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE = 0.49;
/** England 2024, all looked-after children: 18,020 of 83,630 placed more than 20 miles away (DfE). */
const ENGLAND_ALL_CLA_OVER_20_MILES_SHARE_2024 = 18_020 / 83_630;
const ENGLAND = 'E92000001';
/** Mean length of children's home placements ending in 2023-24: 444 days (DfE CLA 2024). */
export const MEAN_PLACEMENT_DAYS = 444;
export const WEEKS_PER_YEAR = 365 / 7;
export const DEFAULT_DISCOUNT_RATE = 0.035;
/** LGA: 1,510 placements cost £10,000 or more a week in 2022-23. */
export const DEFAULT_UNMET_WEEKLY_COST = 10_000;
const MAX_CALIBRATION_ITERATIONS = 25;

/** Used only when the plan has no unit costs (the built-in illustrative values, 2023-24). */
const FALLBACK_PRICES: WeeklyPrices = {
  priceYear: '2023-24',
  localAuthority: 5_317,
  private: 6_255,
  voluntary: 5_818,
  blockContract: 5_943,
  fosterInHouse: 600,
  fosterAgency: 1_100,
  unmet: DEFAULT_UNMET_WEEKLY_COST,
};
/**
 * Used only when the plan has neither the assumptions nor the observations to derive them: England
 * 2024 (DfE): 83,920 missing incidents ÷ 83,630 children looked after = 1.003 a child, split with a
 * relative risk of 1.5 at the published 44.9% placed outside their LA (37,520 children).
 */
const FALLBACK_MISSING: MissingRates = { ownLa: 0.82, outOfArea: 1.229 };
const FALLBACK_MISSING_RELATIVE_RISK = 1.5;

export interface ScenarioContextOptions {
  /** Overrides the travel and staff-time cost per straight-line mile, £ per child per week (default derived, about £2.43). */
  travelCostPerMile?: number;
  /** Children the far outside market can take per year; null or absent for no limit. */
  outsideCapacity?: number | null;
  /** Overrides the plan's discount rate (default 3.5%, HM Treasury Green Book). */
  discountRate?: number;
  /** Cash cost a week of a child without a registered place (default £10,000). */
  unmetWeeklyCost?: number;
  /** Overrides the calibration target share placed more than 20 miles away. */
  over20MilesTarget?: number;
}

const round = (v: number, dp: number): number => Math.round(v * 10 ** dp) / 10 ** dp;
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

function checkOptions(o: ScenarioContextOptions): void {
  const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  if (o.travelCostPerMile !== undefined && (!finite(o.travelCostPerMile) || o.travelCostPerMile < 0)) {
    throw new Error(`The travel cost must be £0 or more per mile per week; got ${String(o.travelCostPerMile)}.`);
  }
  if (
    o.outsideCapacity !== undefined &&
    o.outsideCapacity !== null &&
    (!Number.isInteger(o.outsideCapacity) || o.outsideCapacity < 0)
  ) {
    throw new Error(
      `The outside market's capacity must be a whole number of children or null; got ${String(o.outsideCapacity)}.`,
    );
  }
  if (o.discountRate !== undefined && (!finite(o.discountRate) || o.discountRate < 0 || o.discountRate > 0.2)) {
    throw new Error(`The discount rate must be from 0 to 0.2 (e.g. 0.035); got ${String(o.discountRate)}.`);
  }
  if (o.unmetWeeklyCost !== undefined && (!finite(o.unmetWeeklyCost) || o.unmetWeeklyCost < 0)) {
    throw new Error(`The weekly cost of unmet need must be £0 or more; got ${String(o.unmetWeeklyCost)}.`);
  }
  if (
    o.over20MilesTarget !== undefined &&
    (!finite(o.over20MilesTarget) || o.over20MilesTarget < 0 || o.over20MilesTarget > 1)
  ) {
    throw new Error(`The 20+ mile target must be a share from 0 to 1; got ${String(o.over20MilesTarget)}.`);
  }
}

interface Facts {
  get(area: string, measure: string, period: string): number | undefined;
  periods(measure: string): string[];
}

function facts(observations: readonly Observation[]): Facts {
  const index = new Map<string, number>();
  const periods = new Map<string, Set<string>>();
  for (const o of observations) {
    if (o.value === null || !Number.isFinite(o.value)) continue;
    index.set(`${o.area}|${o.measure}|${o.period}`, o.value);
    let set = periods.get(o.measure);
    if (!set) periods.set(o.measure, (set = new Set()));
    set.add(o.period);
  }
  return {
    get: (area, measure, period) => index.get(`${area}|${measure}|${period}`),
    periods: (measure) => [...(periods.get(measure) ?? [])].sort(),
  };
}

/** Latest period in which every member has every measure. */
function latestCommon(f: Facts, codes: readonly string[], measures: readonly string[]): string | null {
  const first = measures[0];
  if (first === undefined) return null;
  const candidates = f.periods(first).reverse();
  return candidates.find((p) => codes.every((c) => measures.every((m) => f.get(c, m, p) !== undefined))) ?? null;
}

function pricesFrom(data: PlanData, warnings: string[], assumptions: ScenarioAssumption[]): WeeklyPrices {
  const find = (type: string, sector: string) =>
    data.unitCosts.find((u) => u.placementType === type && u.sector === sector);
  const prices: WeeklyPrices = { ...FALLBACK_PRICES };
  const used: string[] = [];
  const take = (field: Exclude<keyof WeeklyPrices, 'priceYear' | 'unmet'>, type: string, sector: string) => {
    const u = find(type, sector);
    if (u) {
      prices[field] = u.weeklyCost;
      prices.priceYear = u.priceYear;
      used.push(u.source);
    } else {
      warnings.push(
        `The plan has no weekly unit cost for ${type} (${sector}): £${FALLBACK_PRICES[field]} (illustrative, 2023-24) is used.`,
      );
    }
  };
  take('localAuthority', 'childrensHome', 'Local Authority');
  take('private', 'childrensHome', 'Private');
  take('voluntary', 'childrensHome', 'Voluntary');
  take('blockContract', 'childrensHome', 'Block contract');
  take('fosterInHouse', 'fosterInHouse', 'Local Authority');
  take('fosterAgency', 'fosterAgency', 'Private');
  const source = [...new Set(used)].join(', ') || null;
  const add = (key: string, label: string, value: number, rationale: string) =>
    assumptions.push({ key, label, value, unit: `£ per week (${prices.priceYear} prices)`, rationale, source });
  add(
    'price.localAuthority',
    'Weekly cost of a place in an LA-run children’s home',
    prices.localAuthority,
    'Plan unit cost (children’s home, Local Authority). Charged per child placed in existing LA-run homes.',
  );
  add(
    'price.private',
    'Weekly price of a private children’s home place (spot)',
    prices.private,
    'Plan unit cost (children’s home, Private). Charged for spot placements in private and other non-LA homes in member LAs and for every placement outside the consortium (93% of out-of-area places are private, DfE 2024).',
  );
  add(
    'price.voluntary',
    'Weekly price of a voluntary children’s home place',
    prices.voluntary,
    'Plan unit cost (children’s home, Voluntary).',
  );
  add(
    'price.blockContract',
    'Reference weekly price of a block-contracted bed',
    prices.blockContract,
    'Plan unit cost (children’s home, Block contract): the default price of the built-in block contract scenario; each block contract lever states its own price.',
  );
  add(
    'price.fosterAgency',
    'Weekly cost of an agency foster placement',
    prices.fosterAgency,
    'Plan unit cost (agency fostering): the default cost of a child stepped down from a children’s home.',
  );
  return prices;
}

function missingRatesFrom(data: PlanData, codes: readonly string[], assumptions: ScenarioAssumption[]): MissingRates {
  const inside = data.assumptions.find((a) => a.key === 'missingIncidentRateInsideLa');
  const outside = data.assumptions.find((a) => a.key === 'missingIncidentRateOutOfArea');
  let rates: MissingRates;
  let rationale: string;
  let source: string | null = null;
  if (inside && outside) {
    rates = { ownLa: inside.value, outOfArea: outside.value };
    rationale = `From the plan’s assumption register: ${inside.rationale}`;
    source = inside.source;
  } else {
    const f = facts(data.observations);
    const period = latestCommon(f, codes, ['missingIncidents', 'childrenLookedAfter', 'placedOutsideLaBoundary']);
    const rr =
      data.assumptions.find((a) => a.key === 'missingRelativeRiskOutOfArea')?.value ?? FALLBACK_MISSING_RELATIVE_RISK;
    if (period) {
      const sumOf = (m: string) => codes.reduce((s, c) => s + (f.get(c, m, period) ?? 0), 0);
      const cla = sumOf('childrenLookedAfter');
      const rate = cla > 0 ? sumOf('missingIncidents') / cla : 0;
      const q = cla > 0 ? sumOf('placedOutsideLaBoundary') / cla : 0;
      const own = rate / (1 + (rr - 1) * q);
      rates = { ownLa: own, outOfArea: own * rr };
      rationale = `Members’ missing incidents ÷ children looked after (${period}) = ${rate.toFixed(3)}, split by locality with an assumed relative risk of ${rr} out of area at the published out-of-area share ${pct(q)}.`;
    } else {
      rates = { ...FALLBACK_MISSING };
      rationale =
        'The plan has no missing-incident figures for its members: England’s 2024 rates are used (DfE: 83,920 incidents ÷ 83,630 children looked after, split with a relative risk of 1.5 out of area at the published 44.9% placed outside their LA).';
    }
  }
  assumptions.push(
    {
      key: 'missingRate.ownLa',
      label: 'Missing incidents per child per year, placed in own LA',
      value: round(rates.ownLa, 3),
      unit: 'incidents per child per year',
      rationale: `${rationale} Rates are per looked-after child in any placement, so they understate children’s homes in level but not the difference locality makes.`,
      source,
    },
    {
      key: 'missingRate.outOfArea',
      label: 'Missing incidents per child per year, placed out of area',
      value: round(rates.outOfArea, 3),
      unit: 'incidents per child per year',
      rationale:
        'Applied to children placed elsewhere in the consortium, outside it, or without a registered place. Missing from out-of-area homes rose 110% in 2015–2017 against 68% within area (DOMAIN.md).',
      source,
    },
  );
  return rates;
}

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
function costAssumptions(
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

/** The share of children's homes placements 20+ miles away the baseline should reproduce. */
function over20Target(
  data: PlanData,
  codes: readonly string[],
  override: number | undefined,
): { value: number; basis: string; source: string | null } {
  if (override !== undefined) return { value: override, basis: 'Set by the caller.', source: null };
  const registered = data.assumptions.find((a) => a.key === 'flowOver20MilesShareTarget');
  if (registered) {
    return {
      value: registered.value,
      basis: `The plan’s calibration target for its placement flows (${registered.label}): ${registered.rationale}`,
      source: registered.source,
    };
  }
  const f = facts(data.observations);
  const period = latestCommon(f, codes, ['placedOver20Miles', 'childrenLookedAfter']);
  if (period) {
    const far = codes.reduce((s, c) => s + (f.get(c, 'placedOver20Miles', period) ?? 0), 0);
    const cla = codes.reduce((s, c) => s + (f.get(c, 'childrenLookedAfter', period) ?? 0), 0);
    const englandCla = f.get(ENGLAND, 'childrenLookedAfter', '2024');
    const englandFar = f.get(ENGLAND, 'placedOver20Miles', '2024');
    const englandShare =
      englandCla && englandFar !== undefined ? englandFar / englandCla : ENGLAND_ALL_CLA_OVER_20_MILES_SHARE_2024;
    const uplift = NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE / englandShare;
    if (cla > 0) {
      return {
        value: Math.min(1, (far / cla) * uplift),
        basis: `Members’ published share of looked-after children placed more than 20 miles away (${period}: ${pct(far / cla)}) × ${uplift.toFixed(3)}, the national ratio for children’s homes (49% against ${pct(englandShare)} of all looked-after children, DfE 2024).`,
        source: null,
      };
    }
  }
  return {
    value: NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE,
    basis:
      'The plan has no 20+ mile figures for its members: the national share for children’s and secure homes (49%, DfE 2024).',
    source: null,
  };
}

/**
 * Near outside distance per member: the mean, plus how much nearer the consortium's centre (the mean
 * of members' centroids) the member is than the average member — so LAs at the edge, nearer homes
 * outside, are nearer the near outside market, and the choice of who uses it is not left to ties.
 */
function nearMilesByMember(members: readonly ScenarioMember[], nearMiles: number): number[] {
  const located = members.filter((m) => m.lat !== null && m.lon !== null);
  if (located.length === 0) return members.map(() => nearMiles);
  const lat = located.reduce((s, m) => s + (m.lat ?? 0), 0) / located.length;
  const lon = located.reduce((s, m) => s + (m.lon ?? 0), 0) / located.length;
  const fromCentre = members.map((m) =>
    m.lat === null || m.lon === null ? null : haversineMiles(lat, lon, m.lat, m.lon),
  );
  const known = fromCentre.filter((r): r is number => r !== null);
  const mean = known.reduce((s, r) => s + r, 0) / known.length;
  return fromCentre.map((r) => (r === null ? nearMiles : Math.max(1, nearMiles + mean - r)));
}

function assumptionValue(list: readonly ForecastAssumption[], key: string): number | undefined {
  return list.find((a) => a.key === key)?.value;
}

/**
 * Builds the scenario context from a plan and a projection of it (see the file comment). Throws a
 * clear Error when the plan has no members or the projection does not cover them.
 */
export function scenarioContextFromPlan(
  data: PlanData,
  projection: ProjectionResult,
  options: ScenarioContextOptions = {},
): ScenarioContext {
  checkOptions(options);
  const warnings: string[] = [];
  const assumptions: ScenarioAssumption[] = [];
  const areas = data.areas
    .filter((a) => a.isMember && a.level === 'Local authority')
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  if (areas.length === 0) throw new Error('The consortium has no member authorities: choose them first.');
  const codes = areas.map((a) => a.code);
  const H = projection.years.length;
  if (H === 0) throw new Error('The projection has no projected years.');

  // Members and distances (a missing centroid: distances assumed at the median of the known ones).
  const members: ScenarioMember[] = areas.map((a) => ({
    code: a.code,
    name: a.name,
    lat: a.centroidLat,
    lon: a.centroidLon,
  }));
  const located = members.map((m) => ({ code: m.code, lat: m.lat ?? 0, lon: m.lon ?? 0 }));
  const distances = distanceMatrix(located);
  const M = members.length;
  const unknown = members.map((m) => m.lat === null || m.lon === null);
  if (unknown.some(Boolean)) {
    const known: number[] = [];
    for (let i = 0; i < M; i++)
      for (let j = i + 1; j < M; j++) if (!unknown[i] && !unknown[j]) known.push(distances[i * M + j] ?? 0);
    known.sort((a, b) => a - b);
    const median = known.length ? (known[Math.floor(known.length / 2)] ?? 0) : 10;
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < M; j++) {
        if (i !== j && (unknown[i] || unknown[j])) distances[i * M + j] = median;
      }
    }
    warnings.push(
      `No centroid for ${members
        .filter((_, i) => unknown[i])
        .map((m) => m.name)
        .join(', ')}: distances to them are assumed to be ${median.toFixed(1)} miles (the median of the others).`,
    );
  }

  // Supply at the latest snapshot.
  const memberSet = new Set(codes);
  const rows = data.supply.filter((r) => memberSet.has(r.area) && r.homeType === 'childrensHome');
  const supplyPeriod = rows.reduce<string | null>((p, r) => (p === null || r.period > p ? r.period : p), null);
  const supply: MemberSupply[] = members.map((m) => {
    const own = rows.filter((r) => r.area === m.code && r.period === supplyPeriod);
    const bySector = (sectors: readonly string[]) =>
      own.filter((r) => sectors.includes(r.sector)).reduce((s, r) => s + r.registeredPlaces, 0);
    return {
      code: m.code,
      laRun: bySector(['Local Authority']),
      voluntary: bySector(['Voluntary']),
      private: bySector(homeSectors.filter((s) => s !== 'Local Authority' && s !== 'Voluntary')),
    };
  });
  if (supplyPeriod === null) {
    // No sector rows: take the projection's registered places, with the assumed LA-run share.
    const laRunShare = 0.14;
    supply.forEach((s) => {
      const registered = projection.areas.find((a) => a.code === s.code)?.years[0]?.registeredPlaces ?? 0;
      s.laRun = Math.round(registered * laRunShare);
      s.private = registered - s.laRun;
    });
    warnings.push(
      'The plan has no children’s homes supply by sector: registered places are split with an assumed LA-run share of 14% (England, 31 March 2023: 407 of 2,814 active children’s homes were LA-run, Ofsted).',
    );
  }

  // Supply by year where the projection moves it on from the snapshot: the same places the
  // projection's gap counts, so the baseline's gap is the projection's.
  supply.forEach((s) => {
    const years = projection.areas.find((a) => a.code === s.code)?.years ?? [];
    const moves = years.some(
      (y) => y.registeredPlaces !== s.laRun + s.private + s.voluntary || (y.laRunPlaces ?? s.laRun) !== s.laRun,
    );
    // Only a projection that states its supply by year (laRunPlaces) moves it.
    if (!moves || years.length !== projection.years.length || years.some((y) => y.laRunPlaces === undefined)) return;
    const open = s.private + s.voluntary;
    const privateShare = open > 0 ? s.private / open : 1;
    const laRun = years.map((y) => Math.max(0, y.laRunPlaces ?? s.laRun));
    const market = years.map((y, h) => Math.max(0, y.registeredPlaces - (laRun[h] ?? 0)));
    s.byYear = {
      laRun,
      private: market.map((m) => m * privateShare),
      voluntary: market.map((m) => m * (1 - privateShare)),
    };
  });

  // Demand from the projection.
  const demand: MemberDemand[] = members.map((m) => {
    const area = projection.areas.find((a) => a.code === m.code);
    if (!area) {
      warnings.push(`${m.name} is not in the projection: its demand is taken as 0.`);
      return {
        code: m.code,
        p10: new Array(H).fill(0),
        p50: new Array(H).fill(0),
        p90: new Array(H).fill(0),
        // No demand on every simulation too, so one unprojected member (the City of London) does not
        // cost the whole consortium its simulations.
        samples: projection.simulations > 0 ? new Float64Array(H * projection.simulations) : null,
      };
    }
    return {
      code: m.code,
      p10: area.years.map((y) => y.demand.p10),
      p50: area.years.map((y) => y.demand.p50),
      p90: area.years.map((y) => y.demand.p90),
      samples: projection.simulations > 0 && area.samples ? area.samples : null,
    };
  });
  const simulations = demand.every((d) => d.samples !== null) ? projection.simulations : 0;
  const baseYearChildren = members.map((m, i) => {
    const observed = projection.areas
      .find((a) => a.code === m.code)
      ?.history.find((p) => p.year === projection.baseYear);
    return Math.round(observed?.value ?? demand[i]?.p50[0] ?? 0);
  });

  // Settings: as the projection used them, so the baseline gap is the projection's.
  const targetOccupancy = assumptionValue(projection.assumptions, 'targetOccupancy') ?? defaultSettings.targetOccupancy;
  const access =
    assumptionValue(projection.assumptions, 'consortiumOpenMarketAccessShare') ??
    defaultSettings.consortiumOpenMarketAccessShare;
  const ownAccess =
    assumptionValue(projection.assumptions, 'openMarketAccessShare') ?? defaultSettings.openMarketAccessShare;
  const discount = data.assumptions.find((a) => a.key === 'discountRate');
  const discountRate = options.discountRate ?? discount?.value ?? DEFAULT_DISCOUNT_RATE;
  const prices = pricesFrom(data, warnings, assumptions);
  prices.unmet = options.unmetWeeklyCost ?? DEFAULT_UNMET_WEEKLY_COST;
  const missingRates = missingRatesFrom(data, codes, assumptions);
  const costs = costAssumptions(data, options, assumptions);
  const settings: ScenarioSettings = {
    targetOccupancy,
    openMarketAccessShare: ownAccess,
    consortiumOpenMarketAccessShare: access,
    discountRate,
    ...costs,
    weeksPerYear: WEEKS_PER_YEAR,
    meanPlacementYears: MEAN_PLACEMENT_DAYS / 365.25,
    missingRates,
  };

  // Outside market distances (exponential model, national φ).
  const phiAssumption = data.assumptions.find((a) => a.key === 'flowOutsideConsortiumOver20MilesShare');
  const phi = Math.min(
    0.99,
    Math.max(
      0.01,
      phiAssumption?.value ?? NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE / NATIONAL_CHILDRENS_HOMES_OUTSIDE_LA_SHARE,
    ),
  );
  const meanMiles = -20 / Math.log(phi);
  const nearMiles = meanMiles - (20 * phi) / (1 - phi);
  const outside: OutsideMarket = {
    nearCapacity: 0,
    nearMiles,
    nearMilesByMember: nearMilesByMember(members, nearMiles),
    farMiles: 20 + meanMiles,
    farCapacity: options.outsideCapacity ?? null,
    meanMiles,
  };

  const context: ScenarioContext = {
    consortiumName: data.consortiumName,
    baseYear: projection.baseYear,
    years: [...projection.years],
    members,
    distances,
    supply,
    supplyPeriod,
    demand,
    consortiumDemand: {
      p10: projection.consortium.years.map((y) => y.demand.p10),
      p50: projection.consortium.years.map((y) => y.demand.p50),
      p90: projection.consortium.years.map((y) => y.demand.p90),
    },
    simulations,
    assumptionDraws:
      simulations > 0 && projection.assumptionDraws
        ? {
            targetOccupancy: Array.from(projection.assumptionDraws.targetOccupancy),
            consortiumOpenMarketAccessShare: Array.from(projection.assumptionDraws.consortiumOpenMarketAccessShare),
            ...(projection.supplyDraws
              ? {
                  supplyLaRun: Array.from(projection.supplyDraws.laRun),
                  supplyOpenMarket: Array.from(projection.supplyDraws.openMarket),
                }
              : {}),
          }
        : null,
    seed: projection.seed,
    needTypeShares: needTypeSharesOf(projection.assumptions),
    baseYearChildren,
    prices,
    settings,
    outside,
    calibration: {} as Calibration,
    assumptions,
    warnings,
  };

  // Each member's own open-market share, as the projection used it (../forecast/accessShares.ts).
  const shares = members.map((m) => projection.accessShares?.find((a) => a.code === m.code));
  if (projection.accessShares) settings.openMarketAccessShareByMember = shares.map((a) => a?.share ?? ownAccess);
  const target = over20Target(data, codes, options.over20MilesTarget);
  // Member by member where every member has its published split and the caller sets no single
  // target (a consortium-wide target in the register is then shown, not used).
  const memberTargets: MemberTarget[] | null =
    options.over20MilesTarget === undefined && shares.every((a) => a?.inside && a.over20Miles)
      ? shares.map((a) => ({
          inside: a?.inside?.share ?? 0,
          over20Miles: a?.over20Miles?.share ?? 0,
          limit: a?.limit ?? null,
        }))
      : null;
  if (memberTargets) {
    const member = calibrateMembers(context, memberTargets);
    const total = baseYearChildren.reduce((s, n) => s + n, 0);
    target.value =
      total > 0 ? memberTargets.reduce((s, t, i) => s + t.over20Miles * (baseYearChildren[i] ?? 0), 0) / total : 0;
    target.basis =
      'the members’ own targets, children-weighted: each member’s published share of looked-after children placed more than 20 miles away, moved to children’s homes on the log-odds scale (England’s children’s homes: 4,220 of 8,640, DfE 2024)';
    context.calibration = calibrate(context, data, target, phi, member);
  } else {
    context.calibration = calibrate(context, data, target, phi);
    if (projection.accessShares) {
      warnings.push(
        'The 20+ mile share is calibrated for the consortium as a whole, not member by member: a single target is set by the caller, or a member has no published locality split.',
      );
    }
  }
  outside.nearCapacity = context.calibration.nearOutsideCapacity;
  warnings.push(...context.calibration.notes);

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
  return context;
}

/** One member's calibration targets: shares of its children in homes inside its boundary and 20+ miles away. */
interface MemberTarget {
  inside: number;
  over20Miles: number;
  /** Why its own share cannot reproduce the inside share (../forecast/accessShares.ts), or null. */
  limit: string | null;
}

/** Within this many percentage points of a member's published split counts as calibrated. */
export const CALIBRATION_TOLERANCE = 0.03;

/**
 * Member-by-member calibration of the base-year baseline (see the file comment), deterministic:
 * 1. LA-run places: where a member's LA-run places alone (× occupancy) hold more children than it
 *    publishes placing inside its boundary, only the share that holds them is kept for its own
 *    children and the rest is open to other members' (closed form).
 * 2. Each member's near outside capacity by fixed-point iteration on the base-year allocation:
 *    capacity_i = its outside placements − (its 20+ mile target × its children − its distant
 *    placements inside the consortium), bounded to 0…its outside placements, all members at once,
 *    until no capacity changes (to a thousandth of a child) or 25 rounds; on a repeat the smaller
 *    of each pair is kept (more distant placements, the cautious side).
 * Before step 2, each member's reach into the other members' places open to consortium children is
 * fitted (othersReach), so its children placed elsewhere in the consortium leave at least its 20+
 * mile target outside it. Its own open-market share is the projection's (estimated so its own
 * children placed inside its boundary fill it), so the inside share is reproduced without changing
 * the gap.
 */
function calibrateMembers(
  context: ScenarioContext,
  targets: readonly MemberTarget[],
): { capacity: number[]; iterations: number; notes: string[]; rows: MemberCalibration[] } {
  const M = context.members.length;
  const children = context.baseYearChildren;
  const occ = context.settings.targetOccupancy;
  const laRunOwn = context.supply.map((s, i) => {
    const inside = (targets[i]?.inside ?? 0) * (children[i] ?? 0);
    return s.laRun * occ > inside && s.laRun > 0 ? inside / (s.laRun * occ) : 1;
  });
  if (laRunOwn.some((k) => k < 1)) context.settings.laRunOwnShareByMember = laRunOwn;
  const notes: string[] = [];
  const reach = othersReach(context, targets, laRunOwn);
  context.settings.othersReachByMember = reach.weights;
  const noPolicy = new Float64Array(M);
  const solveAt = (capacity: readonly number[]) => {
    context.outside.nearCapacityByMember = [...capacity];
    const supply = buildYearSupply(context, [], 0, 1, true);
    const problem = buildYearProblem(context, supply, noPolicy);
    return { problem, allocation: solveYear(context, problem, children) };
  };
  const thousandth = (v: number) => Math.round(v * ALLOCATION_UNITS) / ALLOCATION_UNITS;
  let capacity = new Array<number>(M).fill(0);
  const seen = new Set<string>();
  let iterations = 0;
  let solved = solveAt(capacity);
  for (;;) {
    iterations++;
    const { problem, allocation } = solved;
    const far = new Float64Array(M);
    allocation.placed.forEach((n, k) => {
      if (n !== 0 && problem.supply.pools[problem.arcPool[k] ?? 0]?.kind === 'outsideFar')
        far[problem.arcMember[k] ?? 0] = (far[problem.arcMember[k] ?? 0] ?? 0) + n;
    });
    const next = capacity.map((_, i) => {
      const outside = allocation.outside[i] ?? 0;
      const distantInside = (allocation.over20[i] ?? 0) - (far[i] ?? 0);
      const wantFar = (targets[i]?.over20Miles ?? 0) * (children[i] ?? 0);
      return thousandth(Math.min(outside, Math.max(0, outside - (wantFar - distantInside))));
    });
    if (next.every((c, i) => c === capacity[i]) || iterations >= MAX_CALIBRATION_ITERATIONS) break;
    seen.add(capacity.join(','));
    if (seen.has(next.join(','))) {
      capacity = capacity.map((c, i) => Math.min(c, next[i] ?? c));
      solved = solveAt(capacity);
      notes.push(
        'The member-by-member calibration alternated between two sets of capacities; the smaller of each was kept.',
      );
      break;
    }
    capacity = next;
    solved = solveAt(capacity);
  }
  const { allocation } = solved;
  const rows: MemberCalibration[] = context.members.map((m, i) => {
    const f = placementFigures(context, allocation, i);
    const placed = Math.max(1e-9, f.placedOwnLa + f.placedElsewhereInConsortium + f.placedOutside);
    const insideModelled = f.placedOwnLa / placed;
    const over20Modelled = f.over20Miles / placed;
    const t = targets[i];
    const insideOff = t ? insideModelled - t.inside : 0;
    const farOff = t ? over20Modelled - t.over20Miles : 0;
    const reasons: string[] = [];
    if (Math.abs(insideOff) > CALIBRATION_TOLERANCE) {
      const own = context.settings.openMarketAccessShareByMember?.[i] ?? context.settings.openMarketAccessShare;
      reasons.push(
        `${pct(insideModelled)} modelled inside its boundary against ${pct(t?.inside ?? 0)} published: ${
          t?.limit ??
          (context.settings.openMarketAccessShareByMember
            ? `its own open-market share (${pct(own)}) leaves its children competing with other members’ for its places`
            : 'its own open-market share is set for every member in the assumption register, not estimated from its figures')
        }`,
      );
    }
    if (Math.abs(farOff) > CALIBRATION_TOLERANCE) {
      reasons.push(
        `${pct(over20Modelled)} modelled more than 20 miles away against ${pct(t?.over20Miles ?? 0)}: ${
          farOff > 0
            ? 'more of its children are placed far inside the consortium than the target allows, even with all its placements outside the consortium near'
            : `too few of its children are placed outside its boundary (${pct(1 - insideModelled)}) for the target, even with all its placements outside the consortium far`
        }`,
      );
    }
    if (Math.abs(farOff) > CALIBRATION_TOLERANCE && farOff < 0 && reach.surplus > 0.5) {
      reasons.push(
        `the consortium open-market share counts ${reach.surplus.toFixed(0)} more children’s places in other members than the members’ published splits leave them using there (their children outside their boundary less their 20+ mile targets); a lower consortium share would bring it closer`,
      );
    }
    const why = reasons.length ? reasons.join('; ') : null;
    if (why) notes.push(`${m.name} is not calibrated within 3 percentage points: ${why}.`);
    return {
      code: m.code,
      name: m.name,
      children: children[i] ?? 0,
      insideTarget: t?.inside ?? null,
      insideModelled,
      over20MilesTarget: t?.over20Miles ?? null,
      over20MilesModelled: over20Modelled,
      openMarketAccessShare:
        context.settings.openMarketAccessShareByMember?.[i] ?? context.settings.openMarketAccessShare,
      laRunOwnShare: laRunOwn[i] ?? 1,
      nearOutsideCapacity: capacity[i] ?? 0,
      withinTolerance: why === null,
      why,
    };
  });
  return { capacity, iterations, notes, rows };
}

/**
 * Each member's reach into the other members' places open to consortium children (see
 * calibrateMembers): weights a such that member i's part of the places, Σ over hosts h ≠ i of
 * children_h × a_i ÷ Σ_{k ≠ h} a_k, is its published room elsewhere in the consortium — its children
 * outside its boundary less its 20+ mile target, (1 − inside − 20+) × children — scaled so the parts
 * add up to the places (iterative proportional fitting, 200 rounds, deterministic). `surplus`: how
 * many children's places the scaling had to add to the members' room (0 when the room is enough).
 */
function othersReach(
  context: ScenarioContext,
  targets: readonly MemberTarget[],
  laRunOwn: readonly number[],
): { weights: number[]; surplus: number } {
  const { targetOccupancy: occ, consortiumOpenMarketAccessShare: c } = context.settings;
  const M = context.members.length;
  const own = (i: number) =>
    context.settings.openMarketAccessShareByMember?.[i] ?? context.settings.openMarketAccessShare;
  // Children each host's places for other members can hold, at the supply snapshot.
  const hosts = context.supply.map(
    (s, h) => occ * (Math.max(0, c - own(h)) * (s.private + s.voluntary) + (1 - (laRunOwn[h] ?? 1)) * s.laRun),
  );
  const total = hosts.reduce((t, x) => t + x, 0);
  const room = targets.map((t, i) => Math.max(0, (1 - t.inside - t.over20Miles) * (context.baseYearChildren[i] ?? 0)));
  const roomTotal = room.reduce((t, x) => t + x, 0);
  if (!(total > 0) || !(roomTotal > 0))
    return { weights: new Array<number>(M).fill(1), surplus: Math.max(0, total - roomTotal) };
  const want = room.map((r) => (r * total) / roomTotal);
  const weights = room.map((r) => (r > 0 ? r : 0));
  for (let round = 0; round < 200; round++) {
    const sums = hosts.map((_, h) => weights.reduce((t, a, k) => (k === h ? t : t + a), 0));
    const got = weights.map((a, i) =>
      hosts.reduce((t, x, h) => (h === i || !((sums[h] ?? 0) > 0) ? t : t + (x * a) / (sums[h] ?? 1)), 0),
    );
    for (let i = 0; i < M; i++) {
      const g = got[i] ?? 0;
      if (g > 0 && (want[i] ?? 0) > 0) weights[i] = (weights[i] ?? 0) * ((want[i] ?? 0) / g);
    }
  }
  const top = Math.max(...weights);
  return {
    weights: weights.map((a) => (top > 0 ? Math.round((a / top) * 1e6) / 1e6 : 1)),
    surplus: Math.max(0, total - roomTotal),
  };
}

/**
 * The near outside capacity that makes the baseline 20+ mile share match the target (see the file
 * comment), or, with `members`, the member-by-member calibration's result (calibrateMembers).
 */
function calibrate(
  context: ScenarioContext,
  data: PlanData,
  target: { value: number; basis: string },
  phi: number,
  members?: ReturnType<typeof calibrateMembers>,
): Calibration {
  const children = context.baseYearChildren;
  const total = children.reduce((s, n) => s + n, 0);
  const supply = buildYearSupply(context, [], 0, 1, true);
  const M = context.members.length;
  const notes: string[] = [...(members?.notes ?? [])];
  const nearPool = supply.pools.findIndex((p) => p.kind === 'outsideNear');
  const wantFar = Math.round(target.value * total);

  const farPool = supply.pools.findIndex((p) => p.kind === 'outsideFar');
  const noPolicy = new Float64Array(M);
  const solveAt = (k: number) => {
    const pool = supply.pools[nearPool];
    if (pool) pool.capacity = k * ALLOCATION_UNITS;
    return solveYear(context, buildYearProblem(context, supply, noPolicy), children);
  };

  let capacity = members ? members.capacity.reduce((s, c) => s + c, 0) : 0;
  let iterations = members?.iterations ?? 0;
  const tried = new Set<number>();
  let figures: PlacementFigures;
  for (;;) {
    if (members) {
      // Already calibrated member by member: the allocation at the members' capacities.
      figures = placementFigures(context, solveYear(context, buildYearProblem(context, supply, noPolicy), children));
      break;
    }
    iterations++;
    const allocation = solveAt(capacity);
    figures = placementFigures(context, allocation);
    const distantInside = figures.over20Miles - (allocation.used[farPool] ?? 0);
    // Outside placements that may be near: all of them less those the target needs far.
    const next = Math.round(
      Math.min(figures.placedOutside, Math.max(0, figures.placedOutside - (wantFar - distantInside))),
    );
    if (next === capacity || iterations >= MAX_CALIBRATION_ITERATIONS) break;
    tried.add(capacity);
    if (tried.has(next)) {
      // Alternating between capacities: keep the smaller (more distant placements, the cautious side).
      capacity = Math.min(capacity, next);
      figures = placementFigures(context, solveAt(capacity));
      notes.push('The calibration alternated between two capacities; the smaller was kept.');
      break;
    }
    capacity = next;
  }
  const achieved = total > 0 ? figures.over20Miles / Math.max(1, total - figures.unmet) : 0;
  if (!members && Math.abs(achieved - target.value) > 0.01) {
    notes.push(
      `The target ${pct(target.value)} could not be met exactly (achieved ${pct(achieved)}): ${
        achieved > target.value
          ? 'more children are distant inside the consortium or outside it than the target allows even with every outside placement near.'
          : 'too few children are placed outside the consortium for the target even with every outside placement far.'
      }`,
    );
  }

  // Observed flows in their latest period, for comparison.
  const memberSet = new Set(context.members.map((m) => m.code));
  const flows = data.flows.filter((f) => memberSet.has(f.placingArea));
  const period = flows.reduce<string | null>((p, f) => (p === null || f.period > p ? f.period : p), null);
  let observed: Calibration['observed'] = null;
  if (period !== null) {
    const latest = flows.filter((f) => f.period === period);
    const count = (pred: (f: (typeof latest)[number]) => boolean) =>
      latest.filter(pred).reduce((s, f) => s + f.children, 0);
    observed = {
      period,
      ownLa: count((f) => f.hostArea === f.placingArea),
      elsewhereInConsortium: count((f) => f.hostArea !== f.placingArea && memberSet.has(f.hostArea)),
      outside: count((f) => !memberSet.has(f.hostArea)),
      source: [...new Set(latest.map((f) => f.source))].join(', '),
    };
    const observedOutside =
      observed.outside / Math.max(1, observed.ownLa + observed.elsewhereInConsortium + observed.outside);
    const modelledOutside = figures.placedOutside / Math.max(1, total);
    if (Math.abs(observedOutside - modelledOutside) > 0.05) {
      const more = modelledOutside > observedOutside;
      notes.push(
        `In ${period} the plan’s placement flows have ${pct(observedOutside)} of children outside the consortium; the baseline allocation has ${pct(modelledOutside)}, with ${pct(context.settings.consortiumOpenMarketAccessShare)} of open-market places in member LAs counted as accessible to consortium children at ${pct(context.settings.targetOccupancy)} occupancy. ${more ? 'Raise' : 'Lower'} the consortium open-market access share in the assumption register to bring them closer.`,
      );
    }
  }

  return {
    year: context.baseYear,
    children: total,
    over20MilesTarget: target.value,
    over20MilesTargetBasis: target.basis,
    over20MilesAchieved: achieved,
    outsideOver20MilesShare: phi,
    nearOutsideCapacity: capacity,
    outsideMeanMiles: context.outside.meanMiles,
    iterations,
    modelled: {
      ownLa: figures.placedOwnLa,
      elsewhereInConsortium: figures.placedElsewhereInConsortium,
      outside: figures.placedOutside,
      unmet: figures.unmet,
      over20Miles: figures.over20Miles,
    },
    observed,
    ...(members ? { members: members.rows } : {}),
    notes,
  };
}

/** The projection's need-type split (its `needTypeShare.*` assumptions), or null when it has none. */
function needTypeSharesOf(
  assumptions: readonly { key: string; value: number; rationale: string }[],
): ScenarioContext['needTypeShares'] {
  const solo = assumptions.find((a) => a.key === 'needTypeShare.soloComplex');
  const mainstream = assumptions.find((a) => a.key === 'needTypeShare.mainstream');
  if (!solo || !mainstream) return null;
  return { mainstream: mainstream.value, soloComplex: solo.value, basis: solo.rationale };
}
