/**
 * What a caller may set when building a scenario context (travel cost, outside capacity, discount
 * rate, the cost of unmet need, a single 20+ mile target), and the check that rejects a bad value
 * with a message naming it.
 */
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

export function checkOptions(o: ScenarioContextOptions): void {
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
