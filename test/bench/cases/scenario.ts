/**
 * Scenario benchmarks: a full recompute — projection (median path, or 1,000 joint simulations),
 * scenario context (including the outside-market calibration), allocation of every year's children
 * to beds and costs over five years — for Greater Manchester's built-in plan, and for 153
 * England-like synthetic LAs run as one consortium.
 */
import { project, projectionInputsFromPlan, Rng, type ProjectionInputs } from '#shared/forecast/index.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { SupplyRow } from '#shared/model/supply.js';
import { builtInScenarios, runScenario, scenarioContextFromPlan, type Scenario } from '#shared/scenario/index.js';
import { builtInPlanData } from '../../helpers/builtinPlan.js';
import type { BenchContext, BenchSuite } from '../types.js';
import { englandLikeInputs } from './forecast.js';

export function gmPlan(): PlanData {
  return builtInPlanData();
}

/**
 * A plan for the England-like synthetic LAs of the forecast benchmark: centroids scattered over
 * England's extent (seeded), places by sector from the synthetic supply (LA-run as given, the rest
 * four parts private to one voluntary), GM's unit costs and assumptions.
 */
export function englandLikePlan(inputs: ProjectionInputs, seed = 153): PlanData {
  const rng = new Rng(seed);
  const gm = gmPlan();
  const supply: SupplyRow[] = [];
  const areas = inputs.areas.map((a) => {
    const open = a.supply.registeredPlaces - a.supply.laRunPlaces;
    const voluntary = Math.round(open * 0.2);
    const row = (sector: SupplyRow['sector'], registeredPlaces: number): SupplyRow => ({
      area: a.code,
      period: '2023-03-31',
      sector,
      homeType: 'childrensHome',
      judgement: 'Good',
      homes: Math.ceil(registeredPlaces / 3),
      registeredPlaces,
      source: 'synthetic',
    });
    supply.push(row('Local Authority', a.supply.laRunPlaces), row('Private', open - voluntary));
    supply.push(row('Voluntary', voluntary));
    return {
      code: a.code,
      dfeCode: null,
      name: a.name,
      level: 'Local authority' as const,
      regionCode: null,
      regionName: null,
      centroidLat: 50.6 + 4.3 * rng.uniform(),
      centroidLon: -3.4 + 5 * rng.uniform(),
      isMember: true,
    };
  });
  return {
    consortiumName: inputs.consortiumName,
    areas,
    observations: [],
    sources: [],
    supply,
    flows: [],
    unitCosts: gm.unitCosts,
    assumptions: gm.assumptions.filter((a) => !a.key.startsWith('flow')),
  };
}

/** The built-in scenarios with every lever moved to the synthetic plan's first two LAs. */
function englandScenario(inputs: ProjectionInputs): Scenario {
  const [a, b] = inputs.areas;
  const homes = builtInScenarios()[1];
  const block = builtInScenarios()[0];
  if (!a || !b || !homes || !block) throw new Error('Need two synthetic LAs and the built-in scenarios.');
  return {
    ...homes,
    id: 'england-mixed',
    name: 'Block contract and two homes (synthetic)',
    levers: [
      ...block.levers.map((l) => ({ ...l, la: a.code })),
      ...homes.levers.map((l) => ({ ...l, la: b.code })),
    ] as Scenario['levers'],
  };
}

export function suite(_context: BenchContext): BenchSuite {
  const plan = gmPlan();
  const gmInputs = projectionInputsFromPlan(plan);
  const [block, homes] = builtInScenarios();
  if (!block || !homes) throw new Error('The built-in scenarios are missing.');
  const englandInputs = englandLikeInputs();
  const englandPlanData = englandLikePlan(englandInputs);
  const england = englandScenario(englandInputs);

  const recompute = (inputs: ProjectionInputs, data: PlanData, scenario: Scenario, simulations: number) => {
    const projection = project(inputs, { method: 'rate', simulations, seed: 1, keepSamples: simulations > 0 });
    return runScenario(scenarioContextFromPlan(data, projection), scenario);
  };

  return {
    cases: [
      {
        name: 'scenario: GM recompute (median projection, context, allocation, costs; 5 years)',
        runs: 200,
        target: 10,
        run: () => recompute(gmInputs, plan, homes, 0),
      },
      {
        name: 'scenario: England 153 LAs as one consortium, recompute (median; 5 years)',
        runs: 20,
        target: 200,
        run: () => recompute(englandInputs, englandPlanData, england, 0),
      },
      {
        name: 'scenario: GM recompute with 1,000 demand simulations (5 years)',
        runs: 5,
        target: 1000,
        run: () => recompute(gmInputs, plan, block, 1000),
      },
    ],
  };
}
