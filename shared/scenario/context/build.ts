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
 *   ../../forecast/accessShares.ts and the caller sets no single target): each member's own open-market
 *   share is the projection's, estimated so that its own children placed inside its boundary fill
 *   it; where its LA-run places alone hold more, only the part they need is kept for its own
 *   children; each member's reach into the other members' places is fitted so that its children
 *   placed elsewhere in the consortium leave its 20+ mile target outside it; and each member has its
 *   own near outside capacity, iterated as above. The baseline then reproduces every member's
 *   published inside-boundary and 20+ mile shares within 3 percentage points, or the calibration
 *   names the member and why (`calibration.members`, and a warning). The consortium's places, and
 *   so its gap, are the projection's throughout.
 */
import type { ProjectionResult } from '../../forecast/types.js';
import type { PlanData } from '../../model/summarise.js';
import type { Calibration, ScenarioAssumption, ScenarioContext } from '../types.js';
import { addSettingAssumptions } from './assumptions.js';
import { calibrateContext } from './calibrate.js';
import { baseYearChildrenOf, demandFromProjection } from './demand.js';
import { memberAreas, membersAndDistances } from './members.js';
import { needTypeSharesOf } from './needTypes.js';
import { checkOptions, type ScenarioContextOptions } from './options.js';
import { outsideMarket } from './outside.js';
import { settingsFromPlan } from './settings.js';
import { supplyAtSnapshot, supplyByYear } from './supply.js';

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
  const areas = memberAreas(data);
  const codes = areas.map((a) => a.code);
  const H = projection.years.length;
  if (H === 0) throw new Error('The projection has no projected years.');

  const { members, distances } = membersAndDistances(areas, warnings);
  const { supply, supplyPeriod } = supplyAtSnapshot(data, projection, members, codes, warnings);
  supplyByYear(supply, projection);
  const demand = demandFromProjection(projection, members, H, warnings);
  const simulations = demand.every((d) => d.samples !== null) ? projection.simulations : 0;
  const baseYearChildren = baseYearChildrenOf(projection, members, demand);
  const { settings, prices, discount } = settingsFromPlan(data, projection, options, codes, warnings, assumptions);
  const { outside, phi, phiAssumption } = outsideMarket(data, members, options);

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

  const target = calibrateContext(context, data, projection, options, codes, phi);
  addSettingAssumptions(context, discount, phi, phiAssumption, target);
  return context;
}
