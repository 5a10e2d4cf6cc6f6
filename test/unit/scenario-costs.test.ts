/**
 * Cost and outcome arithmetic on hand-worked examples: a one- or two-LA consortium with round
 * prices, occupancy 1 and demand fixed by hand, so every figure can be checked with a pencil.
 * NPV convention: end-of-year discounting from the first projected year (year 1 ÷ 1.035, year 2 ÷ 1.035²).
 */
import { describe, expect, it } from 'vitest';
import type { AreaProjection, ProjectionResult, YearProjection } from '#shared/forecast/types.js';
import type { Area } from '#shared/model/dataset.js';
import type { Assumption, UnitCost } from '#shared/model/placements.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { SupplyRow } from '#shared/model/supply.js';
import {
  compareScenarios,
  discountFactor,
  largestRemainder,
  MEAN_PLACEMENT_DAYS,
  netPresentValue,
  runScenario,
  scenarioContextFromPlan,
  WEEKS_PER_YEAR,
  type Lever,
  type ScenarioContext,
  type ScenarioContextOptions,
} from '#shared/scenario/index.js';

const W = 365 / 7;
const MILE_LAT = 1 / 69.05; // degrees of latitude per mile, near enough

interface TinyLa {
  code: string;
  /** Miles north of the first LA. */
  north: number;
  laRun?: number;
  private?: number;
  voluntary?: number;
  /** Children per projected year (P10 = P50 = P90). */
  demand: number[];
  /** Children in the base year. */
  base: number;
}

const assumption = (key: string, value: number): Assumption => ({
  key,
  label: key,
  value,
  unit: '',
  rationale: 'test',
  source: null,
  changedBy: 'test',
  changedAt: '2026-01-01',
});

const cost = (placementType: UnitCost['placementType'], sector: UnitCost['sector'], weeklyCost: number): UnitCost => ({
  placementType,
  sector,
  weeklyCost,
  priceYear: '2023-24',
  source: 'test',
});

const percentiles = (v: number) => ({ p10: v, p50: v, p90: v });

function yearProjection(year: string, demand: number): YearProjection {
  return {
    year,
    demand: { ...percentiles(demand), mean: demand },
    population0to17: 50_000,
    ratePer10k: percentiles((demand / 50_000) * 10_000),
    bedsNeeded: percentiles(demand),
    bedsNeededByNeedType: { mainstream: percentiles(demand), soloComplex: percentiles(0) },
    registeredPlaces: 0,
    accessiblePlaces: 0,
    gap: percentiles(demand),
    probabilityNeedExceedsAccessible: 1,
  };
}

/**
 * No locality costs (premium, missing-incident cost, block transitions) and no caps on demand levers,
 * unless a test sets them, so the arithmetic is the price alone; travel per mile is set through the
 * options.
 */
const NO_LOCALITY = {
  'locality.outsidePremium': 0,
  'locality.missingIncidentCost': 0,
  'blockContract.transitionWeeks': 0,
  'prevention.maxShare': 1,
  'stepDown.maxShare': 1,
};

/**
 * A consortium of tiny LAs with prices LA £500, private £1,000, voluntary £800 a week, occupancy 1,
 * travel £1 a mile a week and no other locality costs (unless given).
 */
function tinyContext(
  las: TinyLa[],
  options: ScenarioContextOptions = { over20MilesTarget: 0, travelCostPerMile: 1 },
  locality: Record<string, number> = NO_LOCALITY,
): ScenarioContext {
  const years = (las[0]?.demand ?? []).map((_, h) => String(2026 + h));
  const areas: Area[] = las.map((la) => ({
    code: la.code,
    dfeCode: null,
    name: `LA ${la.code}`,
    level: 'Local authority',
    regionCode: null,
    regionName: null,
    centroidLat: 53.5 + la.north * MILE_LAT,
    centroidLon: -2.3,
    isMember: true,
  }));
  const supply: SupplyRow[] = las.flatMap((la) =>
    (
      [
        ['Local Authority', la.laRun ?? 0],
        ['Private', la.private ?? 0],
        ['Voluntary', la.voluntary ?? 0],
      ] as const
    ).map(([sector, registeredPlaces]) => ({
      area: la.code,
      period: '2023-03-31',
      sector,
      homeType: 'childrensHome' as const,
      judgement: 'Good' as const,
      homes: 1,
      registeredPlaces,
      source: 'test',
    })),
  );
  const data: PlanData = {
    consortiumName: 'Tiny',
    areas,
    observations: [],
    sources: [],
    supply,
    flows: [],
    unitCosts: [
      cost('childrensHome', 'Local Authority', 500),
      cost('childrensHome', 'Private', 1_000),
      cost('childrensHome', 'Voluntary', 800),
      cost('childrensHome', 'Block contract', 900),
      cost('fosterInHouse', 'Local Authority', 100),
      cost('fosterAgency', 'Private', 200),
    ],
    assumptions: [
      assumption('missingIncidentRateInsideLa', 1),
      assumption('missingIncidentRateOutOfArea', 2),
      assumption('discountRate', 0.035),
      ...Object.entries(locality).map(([key, value]) => assumption(key, value)),
    ],
  };
  const area = (la: TinyLa): AreaProjection => ({
    code: la.code,
    name: `LA ${la.code}`,
    history: [{ year: '2025', value: la.base }],
    years: years.map((y, h) => yearProjection(y, la.demand[h] ?? 0)),
  });
  const projection: ProjectionResult = {
    method: 'rate',
    baseYear: '2025',
    years,
    simulations: 0,
    seed: 1,
    uncertainty: 'analytic',
    areas: las.map(area),
    consortium: {
      code: 'consortium',
      name: 'Tiny',
      history: [],
      years: years.map((y, h) =>
        yearProjection(
          y,
          las.reduce((s, la) => s + (la.demand[h] ?? 0), 0),
        ),
      ),
    },
    assumptions: [
      { key: 'targetOccupancy', label: '', value: 1, unit: '', rationale: '', source: null },
      { key: 'openMarketAccessShare', label: '', value: 0.3, unit: '', rationale: '', source: null },
      { key: 'consortiumOpenMarketAccessShare', label: '', value: 0.6, unit: '', rationale: '', source: null },
    ],
    warnings: [],
  };
  return scenarioContextFromPlan(data, projection, options);
}

const scenario = (levers: Lever[]) => ({ id: 'test', name: 'Test', levers });

describe('net present value', () => {
  it('discounts from the first projected year, end of year: £100 in years 1 and 2 at 3.5%', () => {
    expect(discountFactor(0.035, 0)).toBeCloseTo(1 / 1.035, 12);
    expect(netPresentValue([100, 100], 0.035)).toBeCloseTo(100 / 1.035 + 100 / 1.035 ** 2, 10);
    expect(netPresentValue([100, 100], 0.035)).toBeCloseTo(189.969, 3);
    expect(netPresentValue([], 0.035)).toBe(0);
  });
});

describe('costs and outcomes, hand-worked', () => {
  it('baseline: ten children outside the consortium at the private price', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, demand: [10, 10], base: 10 }]);
    // Target 0% distant: the near outside market takes the base year's ten.
    expect(context.outside.nearCapacity).toBe(10);
    expect(context.settings.weeksPerYear).toBeCloseTo(W, 12);
    const out = runScenario(context, scenario([]));
    // £1,000 a week each, and £1 a mile a week of travel to the near outside market.
    const annual = 10 * 1_000 * W + 10 * context.outside.nearMiles * 1 * W;
    for (const y of out.years) {
      expect(y.placedOutside).toBe(10);
      expect(y.over20Miles).toBe(0);
      expect(y.gap).toBe(10);
      expect(y.expectedMissingIncidents).toBe(20);
      expect(y.cost.placementsBySector.outsideConsortium).toBeCloseTo(10 * 1_000 * W, 6);
      expect(y.cost.travel).toBeCloseTo(10 * context.outside.nearMiles * W, 6);
      expect(y.cost.total).toBeCloseTo(annual, 6);
    }
    expect(out.totals.cost.total).toBeCloseTo(2 * annual, 6);
    expect(out.npv.total).toBeCloseTo(annual / 1.035 + annual / 1.035 ** 2, 6);
    expect(out.years[1]?.presentValue).toBeCloseTo(annual / 1.035 ** 2, 6);
    expect(out.totals.gap).toBe(20);
  });

  it('own LA, elsewhere and outside: LA-run first, own share of the open market, other members’ share', () => {
    // A: 2 LA-run and 10 private places; its own children can count on 30% (3), B's on 30% (3).
    const context = tinyContext([
      { code: 'E08000001', north: 0, laRun: 2, private: 10, demand: [8], base: 8 },
      { code: 'E08000002', north: 10, demand: [5], base: 5 },
    ]);
    const y = runScenario(context, scenario([])).years[0];
    if (!y) throw new Error('no year');
    expect(y.accessiblePlaces).toBeCloseTo(2 + 0.6 * 10, 12);
    expect(y.gap).toBeCloseTo(13 - 8, 12);
    expect(y.areas.map((a) => [a.placedOwnLa, a.placedElsewhereInConsortium, a.placedOutside])).toEqual([
      [5, 0, 3],
      [0, 3, 2],
    ]);
    expect(y.expectedMissingIncidents).toBe(5 * 1 + 8 * 2);
    expect(y.cost.placementsBySector.localAuthority).toBeCloseTo(2 * 500 * W, 6);
    expect(y.cost.placementsBySector.private).toBeCloseTo(6 * 1_000 * W, 6);
    expect(y.cost.placementsBySector.outsideConsortium).toBeCloseTo(5 * 1_000 * W, 6);
    expect(y.over20Miles).toBe(0); // B is 10 miles from A
  });

  it('open-market pools split their cost between private and voluntary by their prices and places', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, private: 10, voluntary: 10, demand: [6], base: 6 }]);
    const y = runScenario(context, scenario([])).years[0];
    // Own share: 0.3 × 20 = 6 places at (10 × 1,000 + 10 × 800) ÷ 20 = £900 a week.
    expect(y?.placedOwnLa).toBe(6);
    expect(y?.cost.placementsBySector.private).toBeCloseTo(6 * 900 * W * (1_000 / 1_800), 6);
    expect(y?.cost.placementsBySector.voluntary).toBeCloseTo(6 * 900 * W * (800 / 1_800), 6);
  });

  it('block contract: beds in use at the contract price, empty beds at the void share, only in its term', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, demand: [3, 10], base: 3 }]);
    const out = runScenario(
      context,
      scenario([
        {
          type: 'blockContract',
          la: 'E08000001',
          commissionedBy: 'consortium',
          beds: 4,
          weeklyPrice: 900,
          startYear: '2026',
          termYears: 1,
          guaranteedAccess: 1,
          voidCostShare: 0.5,
          fromExistingPlaces: false,
          indexed: false,
        },
      ]),
    );
    const [y1, y2] = out.years;
    expect(y1?.blockBeds).toEqual({ contracted: 4, used: 3 });
    expect(y1?.placedOwnLa).toBe(3);
    expect(y1?.cost.blockContracts).toBeCloseTo(3 * 900 * W, 6);
    expect(y1?.cost.voids).toBeCloseTo(1 * 900 * 0.5 * W, 6);
    expect(y1?.cost.total).toBeCloseTo(3 * 900 * W + 450 * W, 6);
    expect(y1?.accessiblePlaces).toBe(4);
    expect(y2?.blockBeds).toEqual({ contracted: 0, used: 0 });
    // Outside: the base year's 3 in the near market, 7 in the far one, at £1 a mile a week.
    const travel2 = (3 * context.outside.nearMiles + 7 * context.outside.farMiles) * W;
    expect(y2?.cost.travel).toBeCloseTo(travel2, 6);
    expect(y2?.cost.total).toBeCloseTo(10 * 1_000 * W + travel2, 6);
    expect(out.npv.total).toBeCloseTo(
      (3 * 900 + 450) * W * discountFactor(0.035, 0) + (10_000 * W + travel2) / 1.035 ** 2,
      6,
    );
  });

  it('new home: capital the year before opening, running cost from opening, places ramped up', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, demand: [10, 10, 10], base: 10 }]);
    const out = runScenario(
      context,
      scenario([
        {
          type: 'newHome',
          la: 'E08000001',
          runBy: 'consortium',
          places: 2,
          needType: 'mainstream',
          capitalCost: 100_000,
          runningCostPerYear: 50_000,
          openingYear: '2027',
          assetLifeYears: 25,
          rampUp: [0.5],
        },
      ]),
    );
    const [y1, y2, y3] = out.years;
    expect(y1?.cost.capital).toBe(100_000);
    expect(y1?.cost.running).toBe(0);
    expect(y1?.placedOutside).toBe(10);
    expect(y2?.cost.capital).toBe(0);
    expect(y2?.cost.running).toBe(50_000);
    expect(y2?.placedOwnLa).toBe(1); // half of 2 places in the opening year
    expect(y2?.cost.total).toBeCloseTo(50_000 + 9 * 1_000 * W + 9 * context.outside.nearMiles * W, 6);
    expect(y3?.placedOwnLa).toBe(2);
    expect(out.totals.cost.capital).toBe(100_000);
    expect(out.totals.cost.running).toBe(100_000);
    // Residual value: two of 25 years used by the end of the horizon, credited in its last year.
    expect(y1?.cost.residualValue).toBe(0);
    expect(y3?.cost.residualValue).toBeCloseTo(-100_000 * (1 - 2 / 25), 6);
    expect(out.npv.residualValue).toBeCloseTo((-100_000 * (1 - 2 / 25)) / 1.035 ** 3, 6);
  });

  it('price inflation compounds from its start year; fixed-price blocks are not indexed', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, demand: [10, 10, 10], base: 10 }]);
    const block: Lever = {
      type: 'blockContract',
      la: 'E08000001',
      commissionedBy: 'consortium',
      beds: 2,
      weeklyPrice: 900,
      startYear: '2026',
      termYears: 3,
      guaranteedAccess: 1,
      voidCostShare: 1,
      fromExistingPlaces: false,
      indexed: false,
    };
    const out = runScenario(context, scenario([{ type: 'priceInflation', annualRate: 0.1, startYear: '2027' }, block]));
    const outside = out.years.map((y) => y.cost.placementsBySector.outsideConsortium / (8 * 1_000 * W));
    expect(outside[0]).toBeCloseTo(1, 12);
    expect(outside[1]).toBeCloseTo(1.1, 12);
    expect(outside[2]).toBeCloseTo(1.21, 12);
    expect(out.years.map((y) => y.cost.blockContracts)).toEqual(out.years.map(() => 2 * 900 * W));
    const indexed = runScenario(
      context,
      scenario([
        { type: 'priceInflation', annualRate: 0.1, startYear: '2027' },
        { ...block, indexed: true },
      ]),
    );
    expect(indexed.years[2]?.cost.blockContracts).toBeCloseTo(2 * 900 * 1.21 * W, 6);
    expect(out.assumptions.find((a) => a.key === 'priceIndexFinalYear')?.value).toBeCloseTo(1.21, 4);
  });

  it('prevention and step-down follow the stock-flow solution; stepped-down children cost foster care', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, demand: [100, 100], base: 100 }]);
    const mu = 365.25 / MEAN_PLACEMENT_DAYS;
    const prevention = runScenario(
      context,
      scenario([{ type: 'prevention', la: 'all', entriesReduction: 0.1, startYear: '2026', annualCost: 20_000 }]),
    );
    expect(prevention.years[0]?.demand).toBeCloseTo(100 * (1 - 0.1 * (1 - Math.exp(-mu))), 9);
    expect(prevention.years[1]?.demand).toBeCloseTo(100 * (1 - 0.1 * (1 - Math.exp(-2 * mu))), 9);
    expect(prevention.years[0]?.children).toBe(Math.round(100 * (1 - 0.1 * (1 - Math.exp(-mu)))));
    // £20,000 a year plus delivery: entries (μ × 100 a year) × 10% prevented × 4 worked with × £10,000.
    expect(prevention.years[0]?.cost.programmes).toBeCloseTo(20_000 + mu * 100 * 0.1 * 4 * 10_000, 6);

    const y = 0.2;
    const k = mu + y;
    const a = mu / k;
    const stepDown = runScenario(
      context,
      scenario([
        { type: 'stepDown', la: 'E08000001', annualShare: y, startYear: '2026', annualCost: 0, costPerChild: 0 },
      ]),
    );
    expect(stepDown.years[0]?.demand).toBeCloseTo(100 * (a + (1 - a) * Math.exp(-k)), 9);
    // Stepped-down children in foster care: F' = yS − μF, F(0) = 0.
    const fostered = 100 * ((y * a * (1 - Math.exp(-mu))) / mu + (1 - a) * (Math.exp(-mu) - Math.exp(-k)));
    const first = stepDown.years[0];
    expect(first?.steppedDown).toBeCloseTo(fostered, 0);
    expect(Math.abs((first?.steppedDown ?? 0) / fostered - 1)).toBeLessThan(0.005);
    expect(first?.cost.programmes).toBeCloseTo((first?.steppedDown ?? 0) * 200 * W, 6);
  });

  it('closures remove places from their year on; a local-first agreement adds accessible places', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, laRun: 4, private: 10, demand: [20, 20], base: 20 }]);
    const closed = runScenario(
      context,
      scenario([{ type: 'closure', la: 'E08000001', sector: 'Local Authority', places: 3, year: '2027' }]),
    );
    expect(closed.years.map((y) => y.accessiblePlaces)).toEqual([4 + 6, 1 + 6]);
    const agreed = runScenario(
      context,
      scenario([{ type: 'localFirstAgreement', la: 'all', share: 0.5, startYear: '2026', annualCost: 1_000 }]),
    );
    // 0.6 + 0.5 × (1 − 0.6) = 0.8 of the open market.
    expect(agreed.years[0]?.accessiblePlaces).toBeCloseTo(4 + 8, 12);
    // LA-run 4 + own share 3 + agreed 2; the other-members' share (3) has no other member to use it.
    expect(agreed.years[0]?.placedOwnLa).toBe(9);
    expect(agreed.years[0]?.cost.programmes).toBe(1_000);
  });

  it('unmet need appears, and is costed, only when the outside market is limited', () => {
    const context = tinyContext([{ code: 'E08000001', north: 0, demand: [10], base: 10 }], {
      over20MilesTarget: 1,
      outsideCapacity: 6,
    });
    const y = runScenario(context, scenario([])).years[0];
    expect(context.outside.nearCapacity).toBe(0);
    expect(y?.placedOutside).toBe(6);
    expect(y?.unmet).toBe(4);
    expect(y?.children).toBe(10);
    expect(y?.over20Miles).toBe(6);
    expect(y?.over20MilesShare).toBe(1);
    expect(y?.cost.placementsBySector.unmet).toBeCloseTo(4 * 10_000 * W, 6);
  });

  it('a distance policy keeps new placements within 20 miles when a nearer bed can be freed', () => {
    // On a line: A at 0 miles, C at 15, B at 27. A's children can use C's and B's other-member share (3 each).
    const las: TinyLa[] = [
      { code: 'E08000001', north: 0, demand: [6, 6], base: 6 },
      { code: 'E08000002', north: 15, private: 10, demand: [0, 0], base: 0 },
      { code: 'E08000003', north: 27, private: 10, demand: [6, 6], base: 6 },
    ];
    const context = tinyContext(las, { over20MilesTarget: 1 });
    expect(context.outside.nearCapacity).toBe(0);
    const without = runScenario(context, scenario([]));
    const withPolicy = runScenario(
      context,
      scenario([{ type: 'distancePolicy', la: 'E08000001', startYear: '2027', rampUp: [1] }]),
    );
    // Without: B's children take C's beds (12 miles, cheaper for them), A's go 27 miles to B or far outside.
    expect(without.years[1]?.areas[0]?.over20Miles).toBe(6);
    // With: A's children take C's beds (15 miles) first; only what cannot be nearer is distant.
    expect(withPolicy.years[1]?.areas[0]?.over20Miles).toBe(3);
    expect(withPolicy.years[1]?.areas[0]?.placedElsewhereInConsortium).toBe(6);
    expect(withPolicy.years[1]?.over20Miles).toBe(without.years[1]?.over20Miles);
    expect(withPolicy.years[0]).toEqual(without.years[0]);
  });
});

describe('helpers', () => {
  it('largest remainder rounds to whole children without losing or inventing any', () => {
    expect(largestRemainder([1.5, 1.5, 1])).toEqual([2, 1, 1]);
    expect(largestRemainder([0.34, 0.33, 0.33])).toEqual([1, 0, 0]);
    expect(largestRemainder([0.3, 0.3, 0.3])).toEqual([0, 0, 0]);
    expect(largestRemainder([2.6, 0.7, 0.7])).toEqual([2, 1, 1]);
    expect(largestRemainder([2.8, 0.7, 0.5])).toEqual([3, 1, 0]);
    expect(WEEKS_PER_YEAR).toBeCloseTo(52.142857, 6);
  });
});

describe('locality costs on a constructed plan', () => {
  // A and B, 15 miles apart, with no children's homes of their own: every child is placed outside
  // the consortium, in the near market (the base year's children; 9.5 miles on average).
  const twoLas = (demandB: number) =>
    tinyContext(
      [
        { code: 'E08000001', north: 0, demand: [12, 12], base: 12 },
        { code: 'E08000002', north: 15, demand: [demandB, demandB], base: demandB },
      ],
      { over20MilesTarget: 0, travelCostPerMile: 1 },
      { ...NO_LOCALITY, 'blockContract.transitionWeeks': 4 },
    );
  const block = (beds: number, weeklyPrice = 950): Lever => ({
    type: 'blockContract',
    la: 'E08000001',
    commissionedBy: 'consortium',
    beds,
    weeklyPrice,
    startYear: '2026',
    termYears: 2,
    guaranteedAccess: 1,
    voidCostShare: 1,
    fromExistingPlaces: false,
    indexed: false,
  });

  it('minimises the cost it reports: travel per mile is a cash cost, in the allocation and in the totals', () => {
    const context = twoLas(6);
    const out = runScenario(context, scenario([block(12)]));
    const y = out.years[0]!;
    // 12 × 0.941 = 11.292 children fit in the block. A's children are nearer it (0 miles against B's
    // 15), and the near market is nearer B than A's block is, so A's children fill the block first.
    expect(context.settings.blockFill).toBe(0.941);
    expect(y.areas[0]?.placedOwnLa).toBeCloseTo(11.292, 9);
    expect(y.areas[1]?.placedOwnLa).toBe(0);
    const travel = y.flows.reduce((s, f) => s + f.children * f.miles, 0) * W;
    expect(y.cost.travel).toBeCloseTo(travel, -2); // flows' miles are rounded to a tenth
    expect(y.cost.total).toBeCloseTo(
      y.cost.placementsBySector.outsideConsortium + y.cost.blockContracts + y.cost.voids + y.cost.travel,
      6,
    );
  });

  it('a block contract’s net cost is convex in its beds: each extra bed saves less, or costs more, than the one before', () => {
    const context = twoLas(6);
    const base = runScenario(context, scenario([]));
    const net: number[] = [];
    for (let beds = 12; beds <= 24; beds++)
      net.push(runScenario(context, scenario([block(beds)])).npv.total - base.npv.total);
    const steps = net.slice(1).map((v, i) => v - (net[i] ?? 0));
    steps.slice(1).forEach((step, i) => expect(step).toBeGreaterThanOrEqual((steps[i] ?? 0) - 1));
    // Beyond what A's 12 and B's 6 children can use (19.1 beds) an extra bed is a void at its full price.
    expect(steps[steps.length - 1]).toBeCloseTo(950 * W * (1 / 1.035 + 1 / 1.035 ** 2), 0);
    // …and early beds cost far less than that: they replace outside placements.
    expect(steps[0]).toBeLessThan(100 * W);
  });

  it('the break-even price is where the block costs the same as the baseline', () => {
    const context = twoLas(6);
    const base = runScenario(context, scenario([]));
    const out = runScenario(context, scenario([block(12)]));
    const breakEven = compareScenarios(base, [out]).scenarios[0]?.breakEven[0];
    expect(breakEven?.exact).toBe(true);
    const price = breakEven?.breakEvenWeeklyPrice ?? 0;
    expect(price).toBeGreaterThan(900);
    expect(price).toBeLessThan(1_010);
    const atBreakEven = runScenario(context, scenario([block(12, price)]));
    expect(atBreakEven.npv.total - base.npv.total).toBeCloseTo(0, 3);
  });

  it('missing incidents are costed where the child is placed, and the out-of-area premium on outside placements', () => {
    const context = tinyContext(
      [{ code: 'E08000001', north: 0, private: 10, demand: [5], base: 5 }],
      { over20MilesTarget: 0, travelCostPerMile: 0 },
      { ...NO_LOCALITY, 'locality.missingIncidentCost': 1_000, 'locality.outsidePremium': 0.1 },
    );
    const y = runScenario(context, scenario([])).years[0]!;
    // Own share: 3 of the 10 private places, the other 2 children outside at £1,000 × 1.1.
    expect(y.placedOwnLa).toBe(3);
    expect(y.placedOutside).toBe(2);
    expect(y.cost.placementsBySector.outsideConsortium).toBeCloseTo(2 * 1_100 * W, 6);
    expect(y.cost.missingEpisodes).toBeCloseTo((3 * 1 + 2 * 2) * 1_000, 6);
  });

  it('prevention: delivery per entry prevented, a cap on the cut in entries, and notes that say so', () => {
    const context = tinyContext(
      [{ code: 'E08000001', north: 0, demand: [100, 100], base: 100 }],
      { over20MilesTarget: 0, travelCostPerMile: 1 },
      { ...NO_LOCALITY, 'prevention.maxShare': 0.2 },
    );
    const mu = 365.25 / MEAN_PLACEMENT_DAYS;
    const wanted = runScenario(
      context,
      scenario([
        { type: 'prevention', la: 'all', entriesReduction: 0.5, startYear: '2026', annualCost: 0, costPerChild: 8_000 },
      ]),
    );
    const capped = runScenario(
      context,
      scenario([
        { type: 'prevention', la: 'all', entriesReduction: 0.2, startYear: '2026', annualCost: 0, costPerChild: 8_000 },
      ]),
    );
    expect(wanted.years[0]?.demand).toBeCloseTo(capped.years[0]?.demand ?? 0, 9);
    expect(wanted.years[0]?.cost.programmes).toBeCloseTo(mu * 100 * 0.2 * 4 * 8_000, 6);
    const notes = wanted.levers[0]?.notes.join(' ') ?? '';
    expect(notes).toMatch(/Capped: prevention levers together are held to 20% fewer entries/);
    expect(notes).toMatch(/No evidence base is stated/);
    expect(capped.levers[0]?.demand?.capped).toBe(false);
    expect(capped.levers[0]?.demand?.children).toBeCloseTo(2 * mu * 100 * 0.2, 6);
  });
});
