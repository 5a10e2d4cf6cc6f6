import { describe, expect, it } from 'vitest';
import { buildProjectionInputs, project, type AreaSeries } from '#shared/forecast/index.js';

const series = (code: string, counts: number[]): AreaSeries => ({
  code,
  name: `LA ${code}`,
  demand: Object.fromEntries(counts.map((c, k) => [String(2021 + k), c])),
  populationEstimates: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [String(2015 + k), 50_000])),
  registeredPlaces: 30,
  laRunPlaces: 5,
});

const inputs = buildProjectionInputs({
  consortiumName: 'Test',
  areas: [series('A', [80, 85, 90, 95, 100]), series('B', [40, 42, 41, 45, 50])],
});

describe('manual growth', () => {
  it('compounds each LA’s growth from its last observed number', () => {
    const r = project(inputs, { method: 'manual', manualGrowth: { A: 0.1, B: -0.05 }, simulations: 0 });
    const a = r.areas.find((x) => x.code === 'A');
    const b = r.areas.find((x) => x.code === 'B');
    expect(a?.years.map((y) => y.demand.p50)).toEqual([
      100 * 1.1,
      100 * 1.1 ** 2,
      100 * 1.1 ** 3,
      100 * 1.1 ** 4,
      100 * 1.1 ** 5,
    ]);
    expect(a?.years[4]?.demand.p50).toBeCloseTo(161.051, 9);
    expect(b?.years[1]?.demand.p50).toBeCloseTo(50 * 0.95 ** 2, 9);
    expect(r.consortium.years[2]?.demand.p50).toBeCloseTo(100 * 1.1 ** 3 + 50 * 0.95 ** 3, 9);
    expect(a?.model).toEqual({ kind: 'manual', growth: 0.1, jumpOffYear: '2025', jumpOffValue: 100 });
    expect(r.assumptions.find((x) => x.key === 'manualGrowth.A')?.value).toBe(10);
  });

  it('holds an LA level when no growth is set, and says so', () => {
    const r = project(inputs, { method: 'manual', manualGrowth: { A: 0.02 }, simulations: 0 });
    expect(r.areas.find((x) => x.code === 'B')?.years.map((y) => y.demand.p50)).toEqual([50, 50, 50, 50, 50]);
    expect(r.warnings.join(' ')).toMatch(/No growth set for LA B/);
  });

  it('simulates year-to-year variation around the path', () => {
    const r = project(inputs, { method: 'manual', manualGrowth: { A: 0.1, B: 0 }, simulations: 4000, seed: 2 });
    const a = r.areas.find((x) => x.code === 'A');
    a?.years.forEach((y, h) => {
      const path = 100 * 1.1 ** (h + 1);
      expect(Math.abs(y.demand.mean - path) / path).toBeLessThan(0.02);
      expect(y.demand.p10).toBeLessThan(path);
      expect(y.demand.p90).toBeGreaterThan(path);
    });
    expect(r.warnings.join(' ')).toMatch(/year-to-year variation only/);
  });

  it('rejects growth of −100% or less', () => {
    expect(() => project(inputs, { method: 'manual', manualGrowth: { A: -1 } })).toThrow(/above −100%/);
  });
});
