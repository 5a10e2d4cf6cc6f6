/**
 * Year 0 of a projection (./summarise.ts) for every member and the consortium, by the projection's
 * own definitions and supply rules at the base year, with each projected year's median gap
 * decomposed against it (../basePosition.ts).
 */
import { basePosition, decomposeGap, sumPlacedWhere, type BasePlaces, type BasePosition } from '../basePosition.js';
import { placesInYear } from '../../supply/forecastSupply.js';
import type { AreaProjection, ForecastSettings, ProjectionInputs } from '../types.js';
import { supplyParts, supplyPaths } from './supplyPaths.js';

/**
 * Year 0 for every area and the consortium (observed children, where they were placed, places by
 * sector and the gap, by the projection's own definitions and supply rules at the base year), and
 * each projected year's median gap decomposed against it (../basePosition.ts).
 */
export function addBasePositions(
  inputs: ProjectionInputs,
  settings: ForecastSettings,
  baseYear: string,
  areas: AreaProjection[],
  consortium: AreaProjection,
  ownShares: ReadonlyMap<string, number>,
): void {
  const occ = settings.targetOccupancy;
  const codes = areas.map((a) => a.code);
  const atBase = supplyPaths(inputs, settings, codes, [baseYear], ownShares);
  const total = { registered: 0, laRun: 0, contracted: 0, openMarket: 0 };
  const snapshots: string[] = [];
  const observed = (a: AreaProjection) => a.history.find((d) => d.year === baseYear)?.value ?? null;
  const decompose = (area: AreaProjection, base: BasePosition) => {
    area.base = base;
    area.decomposition = area.years.flatMap((y) => decomposeGap(base, y, occ) ?? []);
  };
  for (const area of areas) {
    const input = inputs.areas.find((a) => a.code === area.code);
    if (!input) continue;
    // The places of the base year: the snapshot, moved on to it where supply is projected.
    const parts = supplyParts(
      { ...input.supply, ...placesInYear(input.supply, baseYear) },
      settings.contractedPlaces[area.code] ?? 0,
    );
    const places: BasePlaces = {
      snapshot: input.supply.period,
      movedOn: input.supply.projected?.years.includes(baseYear) ?? false,
      registered: atBase.areas.get(area.code)?.registered[0] ?? input.supply.registeredPlaces,
      laRun: parts.laRun,
      contracted: parts.contracted,
      openMarket: parts.openMarket,
      accessible: atBase.areas.get(area.code)?.accessible[0] ?? 0,
      openMarketShare: ownShares.get(area.code) ?? settings.openMarketAccessShare,
    };
    total.registered += places.registered;
    total.laRun += parts.laRun;
    total.contracted += parts.contracted;
    total.openMarket += parts.openMarket;
    if (input.supply.period) snapshots.push(input.supply.period);
    decompose(area, basePosition(baseYear, observed(area), places, occ, inputs.placements?.[area.code] ?? null));
  }
  const placed = areas.flatMap((a) => (a.base?.placedWhere ? [a.base.placedWhere] : []));
  const consortiumPlaces: BasePlaces = {
    snapshot: snapshots.sort().at(-1) ?? null,
    movedOn: areas.some((a) => a.base?.places.movedOn),
    ...total,
    accessible: atBase.consortium.accessible[0] ?? 0,
    openMarketShare: settings.consortiumOpenMarketAccessShare,
  };
  decompose(
    consortium,
    basePosition(
      baseYear,
      observed(consortium),
      consortiumPlaces,
      occ,
      placed.length === areas.length ? sumPlacedWhere(placed) : null,
    ),
  );
}
