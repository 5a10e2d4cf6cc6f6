import { describe, expect, it } from 'vitest';
import { bedsNeeded, buildProjectionInputs, project, type AreaSeries } from '#shared/forecast/index.js';

const series = (code: string, level: number, registeredPlaces: number, laRunPlaces: number): AreaSeries => ({
  code,
  name: `LA ${code}`,
  demand: Object.fromEntries([0, 1, 2, 3, 4].map((k) => [String(2021 + k), level])),
  populationEstimates: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [String(2015 + k), 60_000])),
  registeredPlaces,
  laRunPlaces,
});

const inputs = buildProjectionInputs({
  consortiumName: 'Test',
  areas: [series('A', 40, 50, 10), series('B', 30, 20, 0)],
});

describe('beds and gaps', () => {
  it('bed need = demand ÷ target occupancy, split by need type', () => {
    for (const simulations of [0, 500]) {
      const r = project(inputs, {
        method: 'rate',
        simulations,
        targetOccupancy: 0.8,
        needTypeShares: { mainstream: 0.75, soloComplex: 0.25 },
      });
      for (const area of [...r.areas, r.consortium]) {
        for (const y of area.years) {
          for (const p of ['p10', 'p50', 'p90'] as const) {
            expect(y.bedsNeeded[p]).toBeCloseTo(y.demand[p] / 0.8, 9);
            expect(y.bedsNeeded[p]).toBeCloseTo(bedsNeeded(y.demand[p], 0.8), 9);
            expect(y.bedsNeededByNeedType.mainstream[p]).toBeCloseTo(0.75 * y.bedsNeeded[p], 9);
            expect(y.bedsNeededByNeedType.soloComplex[p]).toBeCloseTo(0.25 * y.bedsNeeded[p], 9);
            // The forecast's own range; with simulations the gap's range draws the assumptions too.
            expect((y.gapDemandOnly ?? y.gap)[p]).toBeCloseTo(y.bedsNeeded[p] - y.accessiblePlaces, 9);
          }
        }
      }
    }
    expect(bedsNeeded(85, 0.85)).toBeCloseTo(100, 12);
  });

  it('counts LA-run + contracted + a share of the open market as accessible', () => {
    const r = project(inputs, {
      method: 'rate',
      simulations: 0,
      openMarketAccessShare: 0.3,
      consortiumOpenMarketAccessShare: 0.6,
      contractedPlaces: { B: 4 },
    });
    const a = r.areas.find((x) => x.code === 'A')?.years[0];
    const b = r.areas.find((x) => x.code === 'B')?.years[0];
    expect(a?.registeredPlaces).toBe(50);
    expect(a?.accessiblePlaces).toBeCloseTo(10 + 0.3 * 40, 12);
    // B: 4 contracted places come out of its 20-place open market.
    expect(b?.accessiblePlaces).toBeCloseTo(4 + 0.3 * 16, 12);
    // The consortium's children can use places anywhere in it: its own (higher) share of the open market.
    const c = r.consortium.years[0];
    expect(c?.registeredPlaces).toBe(70);
    expect(c?.accessiblePlaces).toBeCloseTo(10 + 4 + 0.6 * (40 + 16), 12);
    expect(r.assumptions.find((x) => x.key === 'openMarketAccessShare')?.value).toBe(0.3);
    expect(r.assumptions.find((x) => x.key === 'contractedPlaces')?.value).toBe(4);
  });

  it('adds supply changes from their first year', () => {
    const r = project(inputs, {
      method: 'rate',
      simulations: 0,
      supplyChanges: [{ area: 'A', fromYear: '2028', registeredPlaces: 6, accessiblePlaces: 6 }],
    });
    const years = r.areas.find((x) => x.code === 'A')?.years ?? [];
    expect(years.map((y) => y.registeredPlaces)).toEqual([50, 50, 56, 56, 56]);
    expect((years[2]?.accessiblePlaces ?? 0) - (years[1]?.accessiblePlaces ?? 0)).toBeCloseTo(6, 12);
    expect((r.consortium.years[2]?.accessiblePlaces ?? 0) - (r.consortium.years[1]?.accessiblePlaces ?? 0)).toBeCloseTo(
      6,
      12,
    );
  });

  it('gives the probability that beds needed exceed accessible places', () => {
    const r = project(inputs, { method: 'rate', simulations: 1000, seed: 4, keepSamples: true, targetOccupancy: 0.85 });
    for (const area of [...r.areas, r.consortium]) {
      area.years.forEach((y, h) => {
        const column = area.samples?.subarray(h * 1000, (h + 1) * 1000) ?? new Float64Array();
        const short = column.filter((d) => d / 0.85 > y.accessiblePlaces).length / 1000;
        expect(y.probabilityNeedExceedsAccessible).toBe(short);
      });
    }
    // A: about 40 children need about 47 beds against 22 accessible: almost surely short.
    expect(r.areas[0]?.years[0]?.probabilityNeedExceedsAccessible).toBeGreaterThan(0.99);
    const plenty = project(inputs, { method: 'rate', simulations: 0, contractedPlaces: { A: 200, B: 200 } });
    expect(plenty.consortium.years[0]?.probabilityNeedExceedsAccessible).toBeLessThan(0.01);
  });
});
