/**
 * The market outside the consortium: distances of out-of-area placements modelled as exponential at
 * the national (or the plan's) share more than 20 miles away, a near market within 20 miles (each
 * member's distance adjusted for how near the consortium's edge it is) and a far market beyond.
 */
import { haversineMiles } from '../../allocate/distance.js';
import type { PlanData } from '../../model/summarise.js';
import type { OutsideMarket, ScenarioMember } from '../types.js';
import {
  NATIONAL_CHILDRENS_HOMES_OUTSIDE_LA_SHARE,
  NATIONAL_CHILDRENS_HOMES_OVER_20_MILES_SHARE,
} from './constants.js';
import type { ScenarioContextOptions } from './options.js';

/**
 * Near outside distance per member: the mean, plus how much nearer the consortium's centre (the mean
 * of members' centroids) the member is than the average member — so LAs at the edge, nearer homes
 * outside, are nearer the near outside market, and the choice of who uses it is not left to ties.
 */
export function nearMilesByMember(members: readonly ScenarioMember[], nearMiles: number): number[] {
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

/**
 * Outside market distances (exponential model, national φ): the near and far markets, with φ (the
 * share of out-of-area placements more than 20 miles away) and the plan's assumption of it if any.
 */
export function outsideMarket(
  data: PlanData,
  members: readonly ScenarioMember[],
  options: ScenarioContextOptions,
): { outside: OutsideMarket; phi: number; phiAssumption: PlanData['assumptions'][number] | undefined } {
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
  return { outside, phi, phiAssumption };
}
