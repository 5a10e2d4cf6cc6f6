/**
 * The supply projection (shared/supply/projectSupply/) on constructed histories: flat without
 * history, reproduced steady growth and a steady state, pooling of small authorities, seeded
 * determinism and ordered percentiles; and the boundary the gap reads places through.
 */
import { describe, expect, it } from 'vitest';
import { supplyPaths } from '#shared/forecast/beds/index.js';
import { resolveSettings } from '#shared/forecast/settings.js';
import type { AreaInputs, ProjectionInputs } from '#shared/forecast/types.js';
import type { HomeSector, SupplyMovement } from '#shared/model/supply.js';
import { placesInYear } from '#shared/supply/forecastSupply.js';
import type { SupplyProjectionInput } from '#shared/supply/projectSupply/index.js';
import { priorStrength, projectSupply, snapshotYear } from '#shared/supply/projectSupply/index.js';

const YEARS = ['2024', '2025', '2026', '2027', '2028', '2029', '2030'];
const HISTORY = ['2017', '2018', '2019', '2020', '2021', '2022', '2023'];
const R1 = 'E12000001';
const R2 = 'E12000002';

/** `n` authorities per region, each with `places` Private places at 31 March 2023. */
function pool(n: number, places: number): { codes: string[]; input: Omit<SupplyProjectionInput, 'movements'> } {
  const codes: string[] = [];
  const regionOf = new Map<string, string>();
  for (const [r, region] of [R1, R2].entries()) {
    for (let i = 0; i < n; i++) {
      const code = `E0600${r}${String(i).padStart(3, '0')}`;
      codes.push(code);
      regionOf.set(code, region);
    }
  }
  return {
    codes,
    input: {
      snapshotPeriod: '2023-03-31',
      exposurePlaces: codes.map((area) => ({ area, sector: 'Private' as HomeSector, places })),
      regionOf,
    },
  };
}

/** Each year: `homesOpened` homes of `size` places opened and `homesClosed` closed, in every authority. */
function everyYear(codes: string[], homesOpened: number, homesClosed: number, size: number): SupplyMovement[] {
  return codes.flatMap((area) =>
    HISTORY.map((period) => ({
      area,
      period,
      sector: 'Private' as HomeSector,
      homesOpened,
      placesOpened: homesOpened * size,
      homesClosed,
      placesClosed: homesClosed * size,
      source: `jl-${period}`,
    })),
  );
}

describe('supply projection', () => {
  it('without history: flat at the snapshot, with the uncertainty said to be unmodelled, not zero', () => {
    const { codes, input } = pool(3, 12);
    const p = projectSupply({ ...input, movements: [] }, { members: codes, years: YEARS, simulations: 200, seed: 1 });
    expect(p.history).toBeNull();
    for (const area of p.areas) {
      for (const y of area.total) expect(y).toEqual({ p10: 12, p50: 12, p90: 12 });
    }
    expect(p.notes.join(' ')).toMatch(/held at the snapshot.*uncertainty is not modelled \(it is not zero\)/);
    expect(p.assumption).toMatchObject({ key: 'supplyNetChangePerYear', value: 0, source: null });
  });

  it('reproduces a constructed steady net growth: 2 homes of 4 places opened a year, none closed', () => {
    const { codes, input } = pool(10, 60);
    const p = projectSupply(
      { ...input, movements: everyYear(codes, 2, 0, 4) },
      { members: codes, years: YEARS, simulations: 0, seed: 1, keepDraws: false },
    );
    for (const area of p.areas) {
      const sector = area.sectors.find((s) => s.sector === 'Private');
      expect(sector?.rates.opening).toBeCloseTo(8, 9);
      expect(sector?.rates.closure).toBe(0);
      // 2024 is one year after the 31 March 2023 snapshot.
      sector?.central.forEach((v, i) => expect(v).toBeCloseTo(60 + 8 * (i + 1), 9));
    }
    const simulated = projectSupply(
      { ...input, movements: everyYear(codes, 2, 0, 4) },
      { members: codes, years: YEARS, simulations: 2000, seed: 3 },
    );
    // The consortium of 20 authorities: 1,200 places + 160 a year; the simulated median within 1%.
    simulated.total.forEach((y, i) => expect(Math.abs(y.p50 - (1200 + 160 * (i + 1)))).toBeLessThan(0.01 * y.p50));
    expect(simulated.assumption.value).toBeGreaterThan(0);
  });

  it('reproduces a constructed steady state: openings matching closures keep places level', () => {
    const { codes, input } = pool(10, 100);
    // 2 homes of 5 places opened and closed a year, from 100 places: 10% closed a year.
    const p = projectSupply(
      { ...input, movements: everyYear(codes, 2, 2, 5) },
      { members: codes, years: YEARS, simulations: 0, seed: 1 },
    );
    const s = p.areas[0]?.sectors[0];
    expect(s?.rates.closure).toBeCloseTo(0.1, 9);
    for (const v of s?.central ?? []) expect(v).toBeCloseTo(100, 9);
    expect(p.assumption.value).toBe(0);
  });

  it('pools a small authority towards its region, and keeps a large one near its own rates', () => {
    const { codes, input } = pool(10, 40);
    const movements = everyYear(codes, 1, 0, 4);
    // One authority in region 2 opened three times as many homes.
    const busy = codes[15] ?? '';
    for (const m of movements) if (m.area === busy) Object.assign(m, { homesOpened: 3, placesOpened: 12 });
    const p = projectSupply(
      { ...input, movements },
      { members: [codes[0] ?? '', busy], years: YEARS, simulations: 0, seed: 1 },
    );
    const rates = (code: string) => p.areas.find((a) => a.code === code)?.sectors[0]?.rates;
    expect(rates(busy)?.ownOpening).toBeCloseTo(12, 9);
    const w = rates(busy)?.poolingWeight.opening ?? 1;
    expect(w).toBeGreaterThan(0);
    expect(w).toBeLessThan(1);
    expect(rates(busy)?.opening).toBeLessThan(12);
    expect(rates(busy)?.opening).toBeGreaterThan(rates(busy)?.regionOpening ?? Infinity);
  });

  it('is deterministic per seed, different across seeds, with P10 ≤ P50 ≤ P90 every year', () => {
    const { codes, input } = pool(6, 30);
    const movements = everyYear(codes, 2, 1, 3);
    const run = (seed: number) =>
      projectSupply({ ...input, movements }, { members: codes, years: YEARS, simulations: 400, seed, keepDraws: true });
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12).total).not.toEqual(a.total);
    for (const area of a.areas) {
      for (const y of [...area.total, ...area.sectors.flatMap((s) => s.percentiles)]) {
        expect(y.p10).toBeLessThanOrEqual(y.p50);
        expect(y.p50).toBeLessThanOrEqual(y.p90);
        expect(y.p10).toBeGreaterThanOrEqual(0);
      }
      expect(area.totalDraws?.length).toBe(YEARS.length * 400);
    }
    // The range widens with the horizon.
    const width = (y: { p10: number; p90: number }) => y.p90 - y.p10;
    expect(width(a.total.at(-1) ?? { p10: 0, p90: 0 })).toBeGreaterThan(width(a.total[0] ?? { p10: 0, p90: 0 }));
  });

  it('reads the year ending 31 March of a snapshot date', () => {
    expect(snapshotYear('2023-03-31')).toBe('2023');
    expect(snapshotYear('2023-08-31')).toBe('2024');
    expect(snapshotYear('2024')).toBe('2024');
  });

  it('pools fully when areas differ no more than chance would', () => {
    const same = Array.from({ length: 10 }, () => ({ count: 20, exposure: 100, prior: 0.2 }));
    expect(priorStrength(same, 1)).toBe(Number.POSITIVE_INFINITY);
    const spread = [0.05, 0.4, 0.1, 0.5, 0.02, 0.35].map((r) => ({ count: r * 1000, exposure: 1000, prior: 0.237 }));
    expect(Number.isFinite(priorStrength(spread, 1))).toBe(true);
  });
});

describe('places per year for the gap (placesInYear and supplyPaths)', () => {
  const area: AreaInputs = {
    code: 'E06000001',
    name: 'Somewhere',
    demand: [{ year: '2025', value: 10 }],
    population: [],
    supply: {
      period: '2023-03-31',
      registeredPlaces: 20,
      laRunPlaces: 5,
      shortBreakOnlyPlaces: 0,
      basis: 'supply rows',
      projected: {
        years: ['2026', '2027'],
        registeredPlaces: [24, 30],
        laRunPlaces: [5, 6],
        p10: [22, 26],
        p90: [26, 34],
      },
    },
  };

  it('takes the projected median where there is one, else the snapshot', () => {
    expect(placesInYear(area.supply, '2027')).toEqual({ registeredPlaces: 30, laRunPlaces: 6 });
    expect(placesInYear(area.supply, '2031')).toEqual({ registeredPlaces: 20, laRunPlaces: 5 });
    const { projected: _, ...held } = area.supply;
    expect(placesInYear(held, '2027')).toEqual({ registeredPlaces: 20, laRunPlaces: 5 });
  });

  it('gives the gap moving registered and accessible places', () => {
    const inputs: ProjectionInputs = {
      consortiumName: 'Test',
      areas: [area],
      baseYear: '2025',
      assumptions: [],
      warnings: [],
      planSettings: {},
    };
    const settings = resolveSettings({ method: 'rate' });
    const { areas, consortium } = supplyPaths(inputs, settings, [area.code], ['2026', '2027']);
    expect([...(areas.get(area.code)?.registered ?? [])]).toEqual([24, 30]);
    // LA-run + the default own share of the open market (local; no member estimate here), + the
    // consortium share (consortium).
    expect(settings.openMarketAccessShare).toBe(0.25);
    expect(areas.get(area.code)?.accessible[1]).toBeCloseTo(6 + 0.25 * 24, 9);
    expect(consortium.accessible[0]).toBeCloseTo(5 + 0.6 * 19, 9);
  });
});
