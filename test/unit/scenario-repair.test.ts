/**
 * Scenarios naming authorities outside the consortium: the non-member references are found apart
 * from other problems, with the authority's name and the member nearest to it by centroid; a repair
 * moves each lever to that member (or another member, or "all" / "consortium" where the field
 * allows) or removes it; and a set of scenarios runs what can be run, listing the rest as needing
 * repair — here on the built-in Greater Manchester plan with Bury and Trafford dropped.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import type { PlanData } from '#shared/model/summarise.js';
import {
  builtInScenarios,
  nearestMember,
  needsRepairMessage,
  nonMemberLevers,
  repairScenario,
  runScenario,
  runScenarioSetChecked,
  scenarioContextFromPlan,
  scenarioProblems,
  scenarioSchema,
  type RepairContext,
  type Scenario,
  type ScenarioContext,
} from '#shared/scenario/index.js';
import { builtInPlanData } from '../helpers/builtinPlan.js';

const BURY = 'E08000002';
const TRAFFORD = 'E08000009';
const ROCHDALE = 'E08000005';
const SALFORD = 'E08000006';
const WIGAN = 'E08000010';

/** Greater Manchester's centroids (ONS, December 2023), fixed here so the distances are known. */
const gm = [
  { code: 'E08000001', name: 'Bolton', lat: 53.5845, lon: -2.47952 },
  { code: BURY, name: 'Bury', lat: 53.59309, lon: -2.3088 },
  { code: 'E08000003', name: 'Manchester', lat: 53.47009, lon: -2.23359 },
  { code: 'E08000004', name: 'Oldham', lat: 53.55768, lon: -2.05274 },
  { code: ROCHDALE, name: 'Rochdale', lat: 53.60741, lon: -2.14784 },
  { code: SALFORD, name: 'Salford', lat: 53.47927, lon: -2.38485 },
  { code: 'E08000007', name: 'Stockport', lat: 53.39111, lon: -2.12465 },
  { code: 'E08000008', name: 'Tameside', lat: 53.47867, lon: -2.077 },
  { code: TRAFFORD, name: 'Trafford', lat: 53.41672, lon: -2.36572 },
  { code: WIGAN, name: 'Wigan', lat: 53.51445, lon: -2.57242 },
];
const dropped = new Set([BURY, TRAFFORD]);
/** Greater Manchester without Bury and Trafford. */
const eight: RepairContext = {
  members: gm.filter((a) => !dropped.has(a.code)),
  others: [...gm.filter((a) => dropped.has(a.code)), { code: 'E08000035', name: 'Leeds', lat: 53.8, lon: -1.55 }],
};

const scenario = (levers: unknown[]): Scenario => scenarioSchema.parse({ id: 'test', name: 'Test scenario', levers });

const block = (la: string, commissionedBy = 'consortium') => ({
  type: 'blockContract',
  id: 'block',
  la,
  commissionedBy,
  beds: 6,
  weeklyPrice: 5000,
  startYear: '2027',
  termYears: 5,
});

describe('finding levers that name non-members', () => {
  it('names the authority and suggests the member nearest to it by centroid', () => {
    const found = nonMemberLevers(scenario([block(BURY)]), eight);
    expect(found).toEqual([
      expect.objectContaining({
        leverIndex: 0,
        leverKey: 'block',
        leverType: 'blockContract',
        field: 'la',
        path: 'levers.0.la',
        code: BURY,
        name: 'Bury',
        alternatives: [],
        message: 'Bury (E08000002) is not a member of this consortium.',
      }),
    ]);
    // Rochdale is 6.7 miles from Bury, Bolton 7.0.
    expect(found[0]?.suggested?.code).toBe(ROCHDALE);
    expect(found[0]?.suggested?.miles).toBeCloseTo(6.67, 1);
    expect(nearestMember(TRAFFORD, eight)).toMatchObject({ code: SALFORD, name: 'Salford' });
  });

  it('checks who holds a block contract too; "all" and "consortium" are fine where a field allows them', () => {
    const found = nonMemberLevers(
      scenario([
        block(WIGAN, TRAFFORD),
        { type: 'prevention', la: 'all', entriesReduction: 0.1, startYear: '2027' },
        { type: 'stepDown', la: BURY, annualShare: 0.05, startYear: '2027' },
        { type: 'priceInflation', annualRate: 0.02, startYear: '2027' },
      ]),
      eight,
    );
    expect(found.map((p) => [p.path, p.name, p.alternatives, p.suggested?.name])).toEqual([
      ['levers.0.commissionedBy', 'Trafford', ['consortium'], 'Salford'],
      ['levers.2.la', 'Bury', ['all'], 'Rochdale'],
    ]);
  });

  it('works on a lever form’s values, and without centroids falls back to a given suggestion or the first member by name', () => {
    const bare: RepairContext = {
      members: [
        { code: WIGAN, name: 'Wigan' },
        { code: SALFORD, name: 'Salford' },
      ],
    };
    expect(nonMemberLevers({ levers: [{ type: 'closure', la: 'E09000001' }] }, bare)).toEqual([
      expect.objectContaining({
        name: 'E09000001',
        message: 'E09000001 is not a member of this consortium.',
        suggested: { code: SALFORD, name: 'Salford', miles: null },
      }),
    ]);
    const suggestions = { E09000001: { code: WIGAN, name: 'Wigan', miles: 190 } };
    expect(nearestMember('E09000001', { ...bare, suggestions })).toEqual(suggestions.E09000001);
    // A suggestion that is no longer a member is not used.
    expect(nearestMember('E09000001', { members: [{ code: SALFORD, name: 'Salford' }], suggestions })?.code).toBe(
      SALFORD,
    );
    expect(nearestMember(BURY, { members: [] })).toBeNull();
  });

  it('keeps non-member references apart from other problems', () => {
    const problems = scenarioProblems(
      scenario([block(BURY), { type: 'closure', la: WIGAN, sector: 'Private', places: 2, year: '2040' }]),
      { ...eight, years: ['2026', '2027', '2028', '2029', '2030'] },
    );
    expect(problems.nonMembers.map((p) => p.path)).toEqual(['levers.0.la']);
    expect(problems.others).toEqual([
      { path: 'levers.1.year', message: expect.stringContaining('outside the projection horizon') as unknown },
    ]);
  });
});

describe('repairing them', () => {
  const broken = scenario([
    block(BURY, TRAFFORD),
    {
      type: 'newHome',
      id: 'home',
      la: TRAFFORD,
      places: 4,
      capitalCost: 1e6,
      runningCostPerYear: 9e5,
      openingYear: '2028',
    },
    { type: 'prevention', la: BURY, entriesReduction: 0.1, startYear: '2027' },
    { type: 'priceInflation', annualRate: 0.02, startYear: '2027' },
  ]);

  it('moves every lever to the nearest member by default, leaving the rest as it was', () => {
    const repaired = repairScenario(broken, eight, { action: 'move' });
    expect(repaired.levers.map((l) => ('la' in l ? l.la : null))).toEqual([ROCHDALE, SALFORD, ROCHDALE, null]);
    expect(repaired.levers[0]).toMatchObject({ commissionedBy: SALFORD, beds: 6, id: 'block' });
    expect(nonMemberLevers(repaired, eight)).toEqual([]);
    // Pure: the original is untouched.
    expect(broken.levers[0]).toMatchObject({ la: BURY, commissionedBy: TRAFFORD });
  });

  it('removes levers, or moves each as chosen (another member, "all", "consortium")', () => {
    expect(repairScenario(broken, eight, { action: 'remove' }).levers.map((l) => l.type)).toEqual(['priceInflation']);
    const repaired = repairScenario(broken, eight, {
      'levers.0.la': { action: 'move', to: WIGAN },
      'levers.0.commissionedBy': { action: 'move', to: 'consortium' },
      'levers.1.la': { action: 'remove' },
      'levers.2.la': { action: 'move', to: 'all' },
    });
    expect(repaired.levers).toEqual([
      { ...broken.levers[0], la: WIGAN, commissionedBy: 'consortium' },
      { ...broken.levers[2], la: 'all' },
      broken.levers[3],
    ]);
    // References not named are left for later.
    const partly = repairScenario(broken, eight, { 'levers.1.la': { action: 'move' } });
    expect(nonMemberLevers(partly, eight).map((p) => p.path)).toEqual([
      'levers.0.la',
      'levers.0.commissionedBy',
      'levers.2.la',
    ]);
  });

  it('refuses a move to a non-member, or to "all" where the field needs one member', () => {
    expect(() => repairScenario(broken, eight, { 'levers.0.la': { action: 'move', to: TRAFFORD } })).toThrow(
      /only be moved to a member of the consortium, not E08000009/,
    );
    expect(() => repairScenario(broken, eight, { 'levers.1.la': { action: 'move', to: 'all' } })).toThrow(
      /levers\.1\.la can only be moved to a member/,
    );
  });

  it('says in one sentence what is wrong and where to repair it', () => {
    const nonMembers = nonMemberLevers(broken, eight);
    expect(needsRepairMessage({ name: 'Joint homes', issues: [], nonMembers })).toBe(
      'Scenario “Joint homes” names Bury and Trafford, which are not members of this consortium: open it in Scenarios to repair it.',
    );
    expect(needsRepairMessage({ name: 'Joint homes', issues: [], nonMembers: nonMembers.slice(0, 1) })).toBe(
      'Scenario “Joint homes” names Bury, which is not a member of this consortium: open it in Scenarios to repair it.',
    );
    expect(
      needsRepairMessage({
        name: 'Late',
        nonMembers: [],
        issues: [
          { path: 'levers.0.year', message: 'The closure year 2040 is outside the projection horizon.' },
          { path: 'levers.1.year', message: 'The closure year 2041 is outside the projection horizon.' },
        ],
      }),
    ).toBe(
      'Scenario “Late” cannot be run: Lever 1, year: The closure year 2040 is outside the projection horizon. There is one more problem. Open it in Scenarios to fix it.',
    );
  });
});

describe('running a set with scenarios that name non-members', () => {
  let context: ScenarioContext;
  beforeAll(() => {
    const full = builtInPlanData();
    const plan: PlanData = {
      ...full,
      areas: full.areas.map((a) => ({ ...a, isMember: a.isMember && !dropped.has(a.code) })),
    };
    const projection = project(projectionInputsFromPlan(plan), { method: 'rate', simulations: 0, seed: 1 });
    context = scenarioContextFromPlan(plan, projection);
  });

  it('runs the baseline and the valid scenarios, and lists the others with their issues', () => {
    const [bury, trafford] = builtInScenarios();
    if (!bury || !trafford) throw new Error('expected the two built-in examples');
    expect(() => runScenario(context, bury)).toThrow(/not a member/);
    const valid = scenario([{ type: 'prevention', la: 'all', entriesReduction: 0.1, startYear: context.years[0] }]);
    const result = runScenarioSetChecked(
      context,
      [bury, valid, trafford, { id: 'bad', name: 'Bad', levers: 3 }],
      {},
      {
        places: { others: eight.others ?? [] },
      },
    );
    expect(result.outcomes.map((o) => o.scenario.id)).toEqual(['test']);
    expect(result.comparison.scenarios.map((s) => s.id)).toEqual(['test']);
    expect(result.baseline.years).toHaveLength(context.years.length);
    // Named from the places given, each with the member nearest it among the context's members.
    const near = (code: string) => nearestMember(code, { members: context.members, others: eight.others ?? [] })?.name;
    expect(result.needsRepair.map((r) => [r.id, r.nonMembers.map((p) => [p.name, p.suggested?.name])])).toEqual([
      ['joint-block-12', [['Bury', near(BURY)]]],
      [
        'trafford-homes-2027',
        [
          ['Trafford', near(TRAFFORD)],
          ['Trafford', near(TRAFFORD)],
        ],
      ],
      ['bad', []],
    ]);
    expect(near(TRAFFORD)).toBe('Salford');
    expect(result.needsRepair[0]?.issues[0]?.path).toBe('levers.0.la');
    expect(result.needsRepair[2]?.issues[0]?.path).toBe('levers');

    // Repaired, it runs.
    const repaired = repairScenario(scenarioSchema.parse(bury), { members: context.members }, { action: 'move' });
    expect(repaired.levers[0]).toMatchObject({ la: expect.stringMatching(/^E08/) as unknown });
    const again = runScenarioSetChecked(context, [repaired]);
    expect(again.needsRepair).toEqual([]);
    expect(again.outcomes[0]?.totals.cost.blockContracts).toBeGreaterThan(0);
  });
});
