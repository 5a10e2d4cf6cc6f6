/**
 * Example scenarios made for any consortium from its own figures: the block contract goes where the
 * members' independent places are most numerous, the two homes where children most outnumber places,
 * prices follow the plan's unit costs and register, and every lever names a member.
 */
import { describe, expect, it } from 'vitest';
import type { Area, Observation } from '#shared/model/dataset.js';
import type { Assumption, UnitCost } from '#shared/model/placements.js';
import type { SupplyRow } from '#shared/model/supply.js';
import { exampleScenarios, parseScenario, type ExampleScenarioInputs } from '#shared/scenario/index.js';

const area = (code: string, name: string, isMember = true): Area => ({
  code,
  dfeCode: null,
  name,
  level: 'Local authority',
  regionCode: 'E12000003',
  regionName: 'Yorkshire and The Humber',
  centroidLat: 53.8,
  centroidLon: -1.6,
  isMember,
});
const places = (a: string, sector: SupplyRow['sector'], registeredPlaces: number): SupplyRow => ({
  area: a,
  period: '2023-03-31',
  sector,
  homeType: 'childrensHome',
  judgement: 'Good',
  homes: 1,
  registeredPlaces,
  source: 's',
});
const inHomes = (a: string, value: number): Observation => ({
  area: a,
  measure: 'childrenInChildrensHomes',
  period: '2025',
  value,
  suppression: null,
  source: 's',
});
const cost = (sector: UnitCost['sector'], weeklyCost: number): UnitCost => ({
  placementType: 'childrensHome',
  sector,
  weeklyCost,
  priceYear: '2024-25',
  source: 's',
});
const assumption = (key: string, value: number): Assumption => ({
  key,
  label: key,
  value,
  unit: 'share',
  rationale: '',
  source: null,
  changedBy: 'test',
  changedAt: '2026-01-01',
});

function inputs(overrides: Partial<ExampleScenarioInputs> = {}): ExampleScenarioInputs {
  return {
    areas: [area('E08000032', 'Bradford'), area('E08000035', 'Leeds'), area('E08000001', 'Bolton', false)],
    observations: [inHomes('E08000032', 90), inHomes('E08000035', 60), inHomes('E08000001', 500)],
    supply: [
      places('E08000032', 'Private', 20),
      places('E08000035', 'Private', 70),
      places('E08000035', 'Voluntary', 10),
      places('E08000001', 'Private', 900),
    ],
    unitCosts: [cost('Private', 8000), cost('Local Authority', 7000)],
    assumptions: [assumption('blockContractDiscount', 0.1), assumption('targetOccupancy', 0.8)],
    ...overrides,
  };
}

describe('example scenarios for any consortium', () => {
  it('puts the block contract where members have most independent places and the homes where need most exceeds places', () => {
    const [block, homes] = exampleScenarios(inputs());
    expect(block?.name).toBe('Joint block contract, 12 beds in Leeds');
    expect(block?.levers[0]).toMatchObject({ type: 'blockContract', la: 'E08000035', beds: 12, weeklyPrice: 7200 });
    expect(homes?.name).toBe('Two consortium homes in Bradford from 2026-27');
    // 7,000 a week × 365/7 × 4 places × 80% occupancy = 1,168,000, rounded up to the next £10,000
    expect(
      homes?.levers.map((l) => [
        l.type,
        'la' in l ? l.la : null,
        'runningCostPerYear' in l ? l.runningCostPerYear : null,
      ]),
    ).toEqual([
      ['newHome', 'E08000032', 1_170_000],
      ['newHome', 'E08000032', 1_170_000],
    ]);
    for (const s of [block, homes]) {
      expect(s?.illustrative).toBe(true);
      const members = [
        { code: 'E08000032', name: 'Bradford' },
        { code: 'E08000035', name: 'Leeds' },
      ];
      expect(parseScenario(s, { members, years: ['2026', '2027', '2028', '2029', '2030'] }).ok).toBe(true);
    }
  });

  it('sizes a small market’s block contract to a quarter of its places (at least 2) and leaves out what it has no price for', () => {
    const small = exampleScenarios(
      inputs({
        supply: [places('E08000032', 'Private', 9), places('E08000035', 'Private', 3)],
        unitCosts: [cost('Private', 8000)],
      }),
    );
    expect(small.map((s) => s.name)).toEqual(['Joint block contract, 2 beds in Bradford']);
  });

  it('makes none for a plan without members', () => {
    expect(exampleScenarios(inputs({ areas: [area('E08000001', 'Bolton', false)] }))).toEqual([]);
  });
});
