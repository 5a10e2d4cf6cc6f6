import { describe, expect, it } from 'vitest';
import { backtest, project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import type { Area, Observation, Source } from '#shared/model/dataset.js';
import type { Assumption } from '#shared/model/placements.js';
import type { PlanData } from '#shared/model/summarise.js';
import type { SupplyRow } from '#shared/model/supply.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

const source = (id: string, title: string): Source => ({
  id,
  title,
  publisher: 'Test',
  file: `${id}.csv`,
  table: 'LA level',
  period: '2024',
  licence: 'Open Government Licence v3.0',
  url: 'https://example.org/',
  illustrative: false,
});

const la = (code: string, name: string, isMember = true): Area => ({
  code,
  dfeCode: code.slice(-3),
  name,
  level: 'Local authority',
  regionCode: 'E12000002',
  regionName: 'North West',
  centroidLat: 53.5,
  centroidLon: -2.3,
  isMember,
});

const obs = (area: string, measure: Observation['measure'], period: string, value: number | null, src = 'dfe') => ({
  area,
  measure,
  period,
  value,
  suppression: value === null ? ('c' as const) : null,
  source: src,
});

const supply = (area: string, sector: SupplyRow['sector'], homeType: SupplyRow['homeType'], places: number) => ({
  area,
  period: '2023-03-31',
  sector,
  homeType,
  judgement: 'Good' as const,
  homes: 1,
  registeredPlaces: places,
  source: 'ofsted',
});

function plan(): PlanData {
  const observations: Observation[] = [];
  for (const [code, base] of [
    ['E1', 40],
    ['E2', 20],
  ] as const) {
    for (let y = 2021; y <= 2025; y++)
      observations.push(obs(code, 'childrenInChildrensHomes', String(y), base + y - 2021));
    for (let y = 2015; y <= 2024; y++)
      observations.push(obs(code, 'population0to17', String(y), 50_000 + 500 * (y - 2015), 'ons'));
  }
  observations[2] = obs('E1', 'childrenInChildrensHomes', '2023', null);
  observations.push(obs('E1', 'population0to17', '2026', 56_000, 'snpp'));
  observations.push(obs('E3', 'childrenInChildrensHomes', '2025', 999)); // not a member
  observations.push(obs('E2', 'registeredPlaces', '2023-03-31', 30, 'ofsted'));
  const assumptions: Assumption[] = [
    {
      key: 'targetOccupancy',
      label: 'Target occupancy',
      value: 0.9,
      unit: 'share',
      rationale: 'Workshop',
      source: null,
      changedBy: 'analyst',
      changedAt: '2026-01-01',
    },
  ];
  return {
    consortiumName: 'Test consortium',
    areas: [la('E2', 'Bravo'), la('E1', 'Alpha'), la('E3', 'Charlie', false)],
    observations,
    sources: [
      source('dfe', 'CLA'),
      source('ons', 'Mid-year estimates'),
      source('snpp', 'Sub-national population projections'),
      source('ofsted', 'Providers'),
    ],
    supply: [
      supply('E1', 'Local Authority', 'childrensHome', 8),
      supply('E1', 'Private', 'childrensHome', 30),
      supply('E1', 'Private', 'shortBreakOnly', 6),
      supply('E1', 'Local Authority', 'secure', 10),
    ],
    flows: [],
    unitCosts: [],
    assumptions,
  };
}

describe('projection inputs from a plan', () => {
  const inputs = projectionInputsFromPlan(plan());

  it('takes member LAs in name order with their demand history', () => {
    expect(inputs.consortiumName).toBe('Test consortium');
    expect(inputs.areas.map((a) => a.name)).toEqual(['Alpha', 'Bravo']);
    expect(inputs.baseYear).toBe('2025');
    // The suppressed 2023 figure is left out, with a warning; never read as 0.
    expect(inputs.areas[0]?.demand.map((d) => d.year)).toEqual(['2021', '2022', '2024', '2025']);
    expect(inputs.warnings.join(' ')).toMatch(/Alpha 2023.*suppressed \(c\)/);
  });

  it('pairs each year with the previous mid-year population, projecting where the plan has no figure', () => {
    const pop = inputs.areas[0]?.population ?? [];
    expect(pop.find((p) => p.year === '2022')).toEqual({
      year: '2022',
      midYear: '2021',
      value: 53_000,
      basis: 'estimate',
    });
    expect(pop.find((p) => p.year === '2027')).toMatchObject({ midYear: '2026', value: 56_000, basis: 'projection' });
    const gap = pop.find((p) => p.year === '2026');
    expect(gap?.basis).toBe('interpolated');
    expect(gap?.value).toBeCloseTo(Math.sqrt(54_500 * 56_000), 6);
    // After the projection's last year: held at its last figure (no plan growth set).
    expect(pop.find((p) => p.year === '2028')).toMatchObject({ value: 56_000, basis: 'trend' });
    expect(pop.at(-1)).toMatchObject({ year: '2035', value: 56_000 });
    // Bravo has no projection: held at its mid-2024 estimate, not extrapolated from 2015–24's rise.
    const bravo = inputs.areas[1]?.population ?? [];
    for (const year of ['2026', '2030', '2035']) {
      expect(bravo.find((p) => p.year === year)).toMatchObject({ value: 54_500, basis: 'trend' });
    }
    const held = inputs.assumptions.find((a) => a.key === 'populationGrowthWithoutProjection');
    expect(held?.value).toBe(0);
    expect(held?.unit).toBe('share a year');
    expect(held?.rationale).toMatch(
      /Bravo has no ONS sub-national population projection.*held at the latest mid-year estimate \(mid-2024\)/,
    );
    expect(held?.rationale).toMatch(
      /Beyond the last year of the ONS projection, Alpha’s children.*held at its last projected figure/,
    );
    expect(held?.rationale).toMatch(/not extrapolated/);
    const projection = inputs.assumptions.find((a) => a.key === 'populationProjection');
    expect(projection).toMatchObject({ value: 1, unit: 'authority' });
    expect(projection?.rationale).toMatch(/Alpha’s children.*to mid-2026/);
  });

  it('rebases a projection made from an older base to the latest estimate, so it does not jump at the join', () => {
    const data = plan();
    // An older-based projection for Bravo: 60,000 at mid-2024 (the estimate says 54,500), growing 2% a year.
    for (let y = 2024; y <= 2027; y++) {
      data.observations.push(obs('E2', 'population0to17', String(y), 60_000 * 1.02 ** (y - 2024), 'snpp'));
    }
    const bravo = projectionInputsFromPlan(data).areas[1]?.population ?? [];
    // The estimate is kept where it exists; the projection's growth is applied to it after.
    expect(bravo.find((p) => p.midYear === '2024')).toMatchObject({ value: 54_500, basis: 'estimate' });
    expect(bravo.find((p) => p.midYear === '2025')?.value).toBeCloseTo(54_500 * 1.02, 6);
    expect(bravo.find((p) => p.midYear === '2027')?.value).toBeCloseTo(54_500 * 1.02 ** 3, 6);
    expect(bravo.find((p) => p.midYear === '2027')?.basis).toBe('projection');
    const stated = projectionInputsFromPlan(data).assumptions.find((a) => a.key === 'populationProjection');
    expect(stated?.rationale).toMatch(/rebased to the latest mid-year estimate/);
  });

  it('applies the plan’s own annual growth where no projection covers a year, within ±5%', () => {
    const data = plan();
    data.assumptions.push({
      key: 'populationGrowthWithoutProjection',
      label: 'Population growth',
      value: 0.01,
      unit: 'share a year',
      rationale: 'Workshop',
      source: null,
      changedBy: 'analyst',
      changedAt: '2026-01-01',
    });
    const grown = projectionInputsFromPlan(data);
    const bravo = grown.areas[1]?.population ?? [];
    expect(bravo.find((p) => p.year === '2030')?.value).toBeCloseTo(54_500 * 1.01 ** 5, 6);
    const alpha = grown.areas[0]?.population ?? [];
    expect(alpha.find((p) => p.year === '2029')?.value).toBeCloseTo(56_000 * 1.01 ** 2, 6);
    const held = grown.assumptions.find((a) => a.key === 'populationGrowthWithoutProjection');
    expect(held?.value).toBe(0.01);
    expect(held?.rationale).toMatch(/carried forward from the latest mid-year estimate \(mid-2024\) at \+1% a year/);
    expect(() => projectionInputsFromPlan(data, { populationGrowthWithoutProjection: 0.06 })).toThrow(/−5% to \+5%/);
  });

  it('uses an imported ONS projection for every member and year, with nothing carried forward', () => {
    const data = plan();
    for (const code of ['E1', 'E2'])
      for (let y = 2025; y <= 2043; y++)
        data.observations.push(obs(code, 'population0to17', String(y), 60_000 + y, 'snpp'));
    const inputs = projectionInputsFromPlan(data);
    for (const area of inputs.areas) {
      expect(area.population.filter((p) => Number(p.year) > 2025).every((p) => p.basis === 'projection')).toBe(true);
      expect(area.population.find((p) => p.year === '2031')?.value).toBe(62_030);
    }
    expect(inputs.assumptions.find((a) => a.key === 'populationGrowthWithoutProjection')).toBeUndefined();
    expect(inputs.assumptions.find((a) => a.key === 'populationProjection')).toMatchObject({ value: 2 });
  });

  it('counts long-term places only, by sector where known', () => {
    expect(inputs.areas[0]?.supply).toEqual({
      period: '2023-03-31',
      registeredPlaces: 38,
      laRunPlaces: 8,
      shortBreakOnlyPlaces: 6,
      basis: 'supply rows',
    });
    // Bravo has only the stored total: the assumed LA-run share applies, and is stated.
    expect(inputs.areas[1]?.supply).toMatchObject({
      registeredPlaces: 30,
      laRunPlaces: 4,
      basis: 'assumed LA-run share',
    });
    expect(inputs.assumptions.find((a) => a.key === 'laRunShareWhenUnknown')?.value).toBe(0.14);
  });

  it('uses the plan’s own settings unless options override them', () => {
    expect(inputs.planSettings.targetOccupancy).toBe(0.9);
    const r = project(inputs, { method: 'rate', simulations: 0 });
    expect(r.assumptions.find((a) => a.key === 'targetOccupancy')?.value).toBe(0.9);
    const y = r.areas[0]?.years[0];
    expect(y?.bedsNeeded.p50).toBeCloseTo((y?.demand.p50 ?? 0) / 0.9, 9);
    const o = project(inputs, { method: 'rate', simulations: 0, targetOccupancy: 0.8 });
    expect(o.assumptions.find((a) => a.key === 'targetOccupancy')?.value).toBe(0.8);
  });

  it('refuses a plan without members', () => {
    const data = plan();
    data.areas = data.areas.map((a) => ({ ...a, isMember: false }));
    expect(() => projectionInputsFromPlan(data)).toThrow(/no member/);
  });
});

describe('the built-in Greater Manchester plan', () => {
  const data: PlanData = builtInPlanData();
  const inputs = projectionInputsFromPlan(data);

  it('reads ten members with five years of history', () => {
    expect(inputs.areas).toHaveLength(10);
    expect(inputs.baseYear).toBe('2025');
    for (const area of inputs.areas) {
      expect(area.demand.map((d) => d.year)).toEqual(['2021', '2022', '2023', '2024', '2025']);
      // No ONS projection in the built-in data: held at the mid-2024 estimate.
      const mid2024 = area.population.find((p) => p.midYear === '2024');
      expect(mid2024?.basis).toBe('estimate');
      expect(area.population.find((p) => p.year === '2030')).toMatchObject({ basis: 'trend', value: mid2024?.value });
      expect(area.supply.registeredPlaces).toBeGreaterThan(0);
    }
    expect(inputs.assumptions.find((a) => a.key === 'populationGrowthWithoutProjection')?.rationale).toMatch(
      /no ONS sub-national population projection.*held at the latest mid-year estimate \(mid-2024\)/,
    );
    // 727 children in secure and children's homes on 31 March 2025 (DfE).
    expect(inputs.areas.reduce((s, a) => s + (a.demand.at(-1)?.value ?? 0), 0)).toBe(727);
  });

  it('projects five years and backtests', () => {
    const r = project(inputs, { method: 'rate', seed: 1 });
    expect(r.years).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(r.consortium.history.at(-1)).toEqual({ year: '2025', value: 727 });
    for (const y of r.consortium.years) {
      expect(y.demand.p10).toBeLessThan(y.demand.p50);
      expect(y.demand.p50).toBeLessThan(y.demand.p90);
      expect(y.demand.p50).toBeGreaterThan(600);
      expect(y.demand.p50).toBeLessThan(1500);
    }
    const b = backtest(inputs, { method: 'rate', simulations: 200 });
    expect(b.origins).toEqual(['2023', '2024']);
    expect(b.horizons.map((h) => h.n)).toEqual([20, 10]);
  });
});
