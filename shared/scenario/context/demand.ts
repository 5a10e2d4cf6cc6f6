/**
 * The members' demand for a scenario context: the projection's P10/P50/P90 per member and year (and
 * its joint simulations when it kept them), and each member's children in the base year.
 */
import type { ProjectionResult } from '../../forecast/types.js';
import type { MemberDemand, ScenarioMember } from '../types.js';

/** Demand from the projection. */
export function demandFromProjection(
  projection: ProjectionResult,
  members: readonly ScenarioMember[],
  H: number,
  warnings: string[],
): MemberDemand[] {
  return members.map((m) => {
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
}

/** Each member's children in the base year: the projection's history, else its first median. */
export function baseYearChildrenOf(
  projection: ProjectionResult,
  members: readonly ScenarioMember[],
  demand: readonly MemberDemand[],
): number[] {
  return members.map((m, i) => {
    const observed = projection.areas
      .find((a) => a.code === m.code)
      ?.history.find((p) => p.year === projection.baseYear);
    return Math.round(observed?.value ?? demand[i]?.p50[0] ?? 0);
  });
}
