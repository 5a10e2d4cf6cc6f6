/**
 * The supply-access rule: how many of a change's registered places the consortium can count on.
 * LA-run places are the members' own, so all of them count; a private or voluntary home's places
 * count at the open-market access share (the share of such places the members can expect to win
 * against other authorities' demand). Only long-term children's home places are supply: short-break
 * and secure places are left out. Used by the projection (electron/services/projectionService.ts).
 */
import type { SupplyChange as ForecastSupplyChange } from '../forecast/types.js';
import type { SupplyChange as PlanSupplyChange } from '../import/template.js';
import type { HomeSector } from '../model/supply.js';

/** The places of a sector the consortium can count on, of `places` registered. */
export function accessiblePlaces(sector: HomeSector, places: number, openMarketAccessShare: number): number {
  return sector === 'Local Authority' ? places : places * openMarketAccessShare;
}

/** The plan's supply changes as the forecast takes them: long-term children's home places, with their accessible part. */
export function forecastSupplyChanges(
  changes: readonly PlanSupplyChange[],
  openMarketAccessShare: number,
): ForecastSupplyChange[] {
  return changes
    .filter((c) => c.homeType === 'childrensHome')
    .map((c) => ({
      area: c.area,
      fromYear: c.fromYear,
      registeredPlaces: c.placesChange,
      accessiblePlaces: accessiblePlaces(c.sector, c.placesChange, openMarketAccessShare),
    }));
}
