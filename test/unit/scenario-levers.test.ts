/** Scenario and lever schemas: units, ranges, clear messages, defaults, JSON Schema, checks against the plan. */
import { describe, expect, it } from 'vitest';
import {
  baselineScenario,
  builtInScenarios,
  checkScenarioForContext,
  leverSchema,
  parseScenario,
  scenarioJsonSchema,
  scenarioSchema,
  type ScenarioCheckContext,
} from '#shared/scenario/index.js';

const block = {
  type: 'blockContract',
  la: 'E08000002',
  beds: 12,
  weeklyPrice: 5_943,
  startYear: '2026',
  termYears: 5,
};

const messages = (input: unknown): string[] => {
  const r = parseScenario(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

const gm: ScenarioCheckContext = {
  members: [
    { code: 'E08000002', name: 'Bury' },
    { code: 'E08000009', name: 'Trafford' },
  ],
  years: ['2026', '2027', '2028', '2029', '2030'],
};

describe('lever schemas', () => {
  it('fills defaults: consortium-commissioned, full access, voids at full price, existing places, fixed price', () => {
    const lever = leverSchema.parse(block);
    expect(lever).toMatchObject({
      commissionedBy: 'consortium',
      guaranteedAccess: 1,
      voidCostShare: 1,
      fromExistingPlaces: true,
      indexed: false,
    });
    const s = scenarioSchema.parse({ id: 'x', name: ' A scenario ' });
    expect(s).toEqual({ id: 'x', name: 'A scenario', notes: '', illustrative: false, levers: [] });
  });

  it('rejects negative or fractional beds, shares above 1, bad years and unknown types, saying why', () => {
    const bad = (lever: Record<string, unknown>) => messages({ id: 's', name: 'S', levers: [{ ...block, ...lever }] });
    expect(bad({ beds: -2 })).toEqual(['levers.0.beds: Beds must be at least 1.']);
    expect(bad({ beds: 2.5 })).toEqual(['levers.0.beds: Beds must be a whole number.']);
    expect(bad({ guaranteedAccess: 90 })[0]).toMatch(/share from 0 to 1 .*not a percentage/);
    expect(bad({ weeklyPrice: -1 })[0]).toMatch(/weekly price cannot be negative/);
    expect(bad({ weeklyPrice: 600_000 })[0]).toMatch(/not plausible: check the units/);
    expect(bad({ startYear: '2026-27' })[0]).toMatch(/year ending 31 March/);
    expect(bad({ startYear: 2026 })[0]).toMatch(/must be a year such as "2027"/);
    expect(bad({ la: 'Bury' })[0]).toMatch(/nine-character ONS code/);
    expect(bad({ type: 'magic' })[0]).toMatch(/Each lever needs a type: blockContract/);
    expect(messages({ id: 's', name: '', levers: [] })).toEqual(['name: A scenario needs a name.']);
    expect(messages({ id: 'has space', name: 'S' })[0]).toMatch(/^id: A scenario id may use/);
  });

  it('checks every lever type’s own units and ranges', () => {
    const one = (lever: Record<string, unknown>) => messages({ id: 's', name: 'S', levers: [lever] });
    expect(
      one({ type: 'newHome', la: 'E08000009', places: 0, capitalCost: 1, runningCostPerYear: 1, openingYear: '2027' }),
    ).toEqual(['levers.0.places: Places must be at least 1.']);
    expect(one({ type: 'localFirstAgreement', la: 'all', share: 1.2, startYear: '2026' })[0]).toMatch(
      /share from 0 to 1/,
    );
    expect(one({ type: 'closure', la: 'E08000002', sector: 'Council', places: 3, year: '2027' })[0]).toMatch(
      /sector must be one of: Local Authority, Private, Voluntary/,
    );
    expect(one({ type: 'prevention', la: 'all', entriesReduction: 0.95, startYear: '2026' })[0]).toMatch(
      /share from 0 to 0.9/,
    );
    expect(one({ type: 'stepDown', la: 'all', annualShare: -0.1, startYear: '2026' })[0]).toMatch(/cannot be negative/);
    expect(one({ type: 'priceInflation', annualRate: 3, startYear: '2026' })[0]).toMatch(/write 3% as 0.03/);
    expect(one({ ...block, rampUp: [0.5, 1.5] })[0]).toMatch(/^levers.0.rampUp.1: Each ramp-up share/);
    expect(one({ type: 'distancePolicy', startYear: '2026' })).toEqual([]);
  });

  it('rejects a lever id used twice', () => {
    expect(
      messages({
        id: 's',
        name: 'S',
        levers: [
          { ...block, id: 'a' },
          { ...block, id: 'a' },
        ],
      }),
    ).toEqual(['levers.1.id: Lever id "a" is used twice.']);
  });
});

describe('checks against the plan', () => {
  it('names LAs that are not members and years outside the horizon', () => {
    const r = parseScenario(
      {
        id: 's',
        name: 'S',
        levers: [
          { ...block, la: 'E08000003' },
          { type: 'newHome', la: 'E08000009', places: 4, capitalCost: 1, runningCostPerYear: 1, openingYear: '2032' },
          { type: 'prevention', la: 'all', entriesReduction: 0.1, startYear: '2026' },
        ],
      },
      gm,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([
      {
        path: 'levers.0.la',
        message: 'E08000003 is not a member of the consortium (members: Bury E08000002, Trafford E08000009).',
      },
      {
        path: 'levers.1.openingYear',
        message: 'The opening year 2032 is outside the projection horizon 2026–2030 (years ending 31 March).',
      },
    ]);
  });

  it('accepts the built-in scenarios, which are illustrative, and the baseline with no levers', () => {
    for (const s of [baselineScenario(), ...builtInScenarios()]) {
      const r = parseScenario(s, gm);
      expect(r.ok, s.name).toBe(true);
      expect(checkScenarioForContext(scenarioSchema.parse(s), gm)).toEqual([]);
    }
    const [blockScenario, homes] = builtInScenarios();
    expect(baselineScenario().levers).toEqual([]);
    expect(blockScenario?.illustrative).toBe(true);
    expect(homes?.illustrative).toBe(true);
    expect(blockScenario?.name).toBe('Joint block contract, 12 beds');
    expect(homes?.name).toBe('Two consortium homes in Trafford from 2026-27');
    expect(blockScenario?.levers[0]).toMatchObject({ la: 'E08000002', beds: 12, weeklyPrice: 5_943, termYears: 5 });
    expect(homes?.levers).toHaveLength(2);
    expect(homes?.levers.every((l) => l.type === 'newHome' && l.places === 4 && l.la === 'E08000009')).toBe(true);
  });
});

describe('JSON Schema', () => {
  it('describes a scenario as a user writes it, with every lever type', () => {
    const schema = scenarioJsonSchema() as {
      $schema: string;
      required: string[];
      properties: { levers: { items: { oneOf: { properties: { type: { const: string } } }[] } } };
    };
    expect(schema.$schema).toMatch(/json-schema.org/);
    expect(schema.required).toEqual(['id', 'name']);
    const types = schema.properties.levers.items.oneOf.map((o) => o.properties.type.const);
    expect(types).toEqual([
      'blockContract',
      'newHome',
      'localFirstAgreement',
      'closure',
      'prevention',
      'stepDown',
      'priceInflation',
      'distancePolicy',
    ]);
    const text = JSON.stringify(schema);
    expect(text).toContain('"maximum":1');
    expect(text).toContain('^20\\\\d{2}$');
    expect(JSON.parse(text)).toEqual(schema);
  });
});
