/**
 * Pure helpers of the Scenarios and Compare views: the lever forms' field descriptions (every lever
 * type and field of the schema covered), drafts ↔ levers, client-side validation with the host's
 * schema, formatting of money and differences, the outcome and key-figure tables, the sensitivity
 * estimate and the chart models; levers naming non-members found and repaired in the form.
 */
import { probabilityWords } from '../../renderer/src/models/evidenceModel.js';
import { describe, expect, it } from 'vitest';
import type { Percentiles } from '#shared/forecast/types.js';
import { builtInScenarios } from '#shared/scenario/builtin.js';
import { nonMemberLevers } from '#shared/scenario/repair.js';
import { leverSchema, scenarioSchema, type Lever } from '#shared/scenario/levers.js';
import type {
  CostBreakdown,
  ScenarioAssumption,
  ScenarioContext,
  ScenarioOutcome,
  ScenarioYear,
  UncertainFigure,
} from '#shared/scenario/types.js';
import { wrapLabel } from '../../renderer/src/charts/scenario/layout.js';
import { describeLocality, localityChartModel } from '../../renderer/src/charts/scenario/localityModel.js';
import { markerPath, seriesStyles, type YearSeries } from '../../renderer/src/charts/scenario/series.js';
import {
  describeTornado,
  tornadoLabelRoom,
  tornadoModel,
  type TornadoRow,
} from '../../renderer/src/charts/scenario/tornadoModel.js';
import {
  describeYearChart,
  groupedBarModel,
  lineChartModel,
} from '../../renderer/src/charts/scenario/yearChartModel.js';
import { keyFigureRows } from '../../renderer/src/views/compare/compareModel.js';
import { localityRows, yearSeries } from '../../renderer/src/models/outcomeSeries.js';
import { sensitivityFromOutcome } from '../../renderer/src/models/sensitivity.js';
import { costRanges, scenarioSensitivity } from '#shared/scenario/costUncertainty.js';
import {
  draftLeverReferences,
  draftToLeverInput,
  leverToDraft,
  leverTypeDescriptions,
  leverTypes,
  newLever,
  nonMemberListText,
  nonMemberNotRunText,
  nonMemberSummary,
  ownHelpKinds,
  parseNumberText,
  percentMessage,
  repairDraft,
  sameDraft,
  scenarioToDraft,
  schemaDescription,
  schemaFieldKeys,
  validateDraft,
  type ScenarioDraft,
} from '../../renderer/src/views/scenarios/leverFields/index.js';
import { leverSummary } from '../../renderer/src/models/leverSummary.js';
import { outcomeColumns, outcomeHeadline, outcomeRows } from '../../renderer/src/views/scenarios/outcomeModel.js';
import { checkScenarioName } from '../../renderer/src/views/scenarios/ScenarioDialogs.js';
import { financialYearSpan } from '#shared/scenario/years.js';
import { formatAssumptionValue } from '../../renderer/src/format/assumptions.js';
import { formatMoney, formatMoneyDiff, formatMoneyTick } from '../../renderer/src/format/money.js';
import { formatCount, formatCountDiff, formatDecimal, judgeDiff } from '../../renderer/src/format/numbers.js';
import { formatPointsDiff, formatProbability, formatShare } from '../../renderer/src/format/shares.js';

const GM = [
  { code: 'E08000001', name: 'Bolton' },
  { code: 'E08000002', name: 'Bury' },
  { code: 'E08000009', name: 'Trafford' },
];
const YEARS = ['2026', '2027', '2028', '2029', '2030'];
const context = { members: GM, years: YEARS };
const base = { id: 'test-scenario', name: 'Test scenario' };

const draftOf = (levers: Lever[]): ScenarioDraft => ({
  notes: '',
  illustrative: false,
  levers: levers.map(leverToDraft),
});

// ---------- Fixtures: outcomes built by hand ----------

function costOf(
  parts: Partial<CostBreakdown> & { spot?: Partial<CostBreakdown['placementsBySector']> },
): CostBreakdown {
  const bySector = { localAuthority: 0, private: 0, voluntary: 0, outsideConsortium: 0, unmet: 0, ...parts.spot };
  const c: CostBreakdown = {
    placementsBySector: bySector,
    blockContracts: parts.blockContracts ?? 0,
    voids: parts.voids ?? 0,
    capital: parts.capital ?? 0,
    running: parts.running ?? 0,
    programmes: parts.programmes ?? 0,
    travel: parts.travel ?? 0,
    missingEpisodes: parts.missingEpisodes ?? 0,
    residualValue: parts.residualValue ?? 0,
    total: 0,
  };
  c.total =
    Object.values(bySector).reduce((a, b) => a + b, 0) +
    c.blockContracts +
    c.voids +
    c.capital +
    c.running +
    c.programmes +
    c.travel +
    c.missingEpisodes +
    c.residualValue;
  return c;
}

const p = (v: number, spread = 0): Percentiles => ({ p10: v - spread, p50: v, p90: v + spread });

interface YearInput {
  year: string;
  demand: number;
  accessible: number;
  own: number;
  elsewhere: number;
  outside: number;
  unmet?: number;
  cost: CostBreakdown;
  probability?: number;
}

function yearOf(y: YearInput, occupancy = 0.85): ScenarioYear {
  const children = y.own + y.elsewhere + y.outside + (y.unmet ?? 0);
  const bedsNeeded = y.demand / occupancy;
  const gap = bedsNeeded - y.accessible;
  const over20Miles = Math.round(y.outside * 0.5);
  const percentiles = Object.fromEntries(
    (
      [
        'gap',
        'children',
        'placedOwnLa',
        'placedElsewhereInConsortium',
        'placedOutside',
        'unmet',
        'over20Miles',
        'over20MilesShare',
        'expectedMissingIncidents',
        'totalCost',
      ] as UncertainFigure[]
    ).map((k) => [k, p(0)]),
  ) as Record<UncertainFigure, Percentiles>;
  percentiles.gap = p(gap, 100);
  return {
    year: y.year,
    children,
    placedOwnLa: y.own,
    placedElsewhereInConsortium: y.elsewhere,
    placedOutside: y.outside,
    unmet: y.unmet ?? 0,
    over20Miles,
    over20MilesShare: over20Miles / (children - (y.unmet ?? 0)),
    expectedMissingIncidents: children * 1.3,
    demand: y.demand,
    bedsNeeded,
    accessiblePlaces: y.accessible,
    gap,
    blockBeds: { contracted: 0, used: 0 },
    steppedDown: 0,
    cost: y.cost,
    discountFactor: 1,
    presentValue: y.cost.total * 0.95,
    percentiles,
    probabilityGapClosed: y.probability ?? 0,
    areas: [],
    flows: [],
  };
}

const assumptions: ScenarioAssumption[] = [
  { key: 'price.private', label: 'Private price', value: 6255, unit: '£ per week', rationale: 'test', source: null },
  { key: 'price.localAuthority', label: 'LA cost', value: 5317, unit: '£ per week', rationale: 'test', source: null },
  { key: 'targetOccupancy', label: 'Occupancy', value: 0.85, unit: 'share of places', rationale: 'test', source: 'x' },
];

function outcomeOf(id: string, name: string, years: ScenarioYear[], illustrative = false): ScenarioOutcome {
  const sum = (f: (y: ScenarioYear) => number) => years.reduce((a, y) => a + f(y), 0);
  const total = costOf({});
  for (const y of years) {
    for (const k of Object.keys(total.placementsBySector) as (keyof CostBreakdown['placementsBySector'])[]) {
      total.placementsBySector[k] += y.cost.placementsBySector[k];
    }
    total.blockContracts += y.cost.blockContracts;
    total.voids += y.cost.voids;
    total.capital += y.cost.capital;
    total.running += y.cost.running;
    total.programmes += y.cost.programmes;
    total.total += y.cost.total;
  }
  const children = sum((y) => y.children);
  const over20Miles = sum((y) => y.over20Miles);
  const unmet = sum((y) => y.unmet);
  const totalCost = total.total;
  const npv = { ...total, placementsBySector: { ...total.placementsBySector }, total: totalCost * 0.9 };
  return {
    scenario: { id, name, notes: '', illustrative, levers: [] },
    consortiumName: 'Test consortium',
    baseYear: '2025',
    years,
    totals: {
      years: years.length,
      children,
      placedOwnLa: sum((y) => y.placedOwnLa),
      placedElsewhereInConsortium: sum((y) => y.placedElsewhereInConsortium),
      placedOutside: sum((y) => y.placedOutside),
      unmet,
      over20Miles,
      over20MilesShare: over20Miles / (children - unmet),
      expectedMissingIncidents: sum((y) => y.expectedMissingIncidents),
      gap: sum((y) => y.gap),
      finalYearGap: years[years.length - 1]?.gap ?? 0,
      cost: total,
      percentiles: {
        children: p(children, 100),
        placedOwnLa: p(0),
        placedElsewhereInConsortium: p(0),
        placedOutside: p(0),
        unmet: p(0),
        over20Miles: p(0),
        over20MilesShare: p(0),
        expectedMissingIncidents: p(0),
        // 200 more child-years between P10 and P90 cost £60m more: £300,000 a child-year.
        totalCost: p(totalCost, 30_000_000),
        npv: p(totalCost * 0.9),
      },
    },
    npv,
    discountRate: 0.035,
    uncertainty: 'simulated',
    simulations: 500,
    levers: [],
    calibration: {
      year: '2025',
      children: 727,
      over20MilesTarget: 0.211,
      over20MilesTargetBasis: 'test',
      over20MilesAchieved: 0.21,
      outsideOver20MilesShare: 0.73,
      nearOutsideCapacity: 150,
      outsideMeanMiles: 64,
      iterations: 3,
      modelled: { ownLa: 0, elsewhereInConsortium: 0, outside: 0, unmet: 0, over20Miles: 0 },
      observed: null,
      notes: [],
    },
    assumptions,
    warnings: [],
  };
}

const spot = (own: number, outside: number) => ({
  localAuthority: own * 277_000,
  private: 0,
  outsideConsortium: outside * 326_000,
});

const baselineOutcome = outcomeOf('baseline', 'Baseline', [
  yearOf({
    year: '2026',
    demand: 764,
    accessible: 500,
    own: 262,
    elsewhere: 162,
    outside: 340,
    cost: costOf({ spot: spot(262, 340) }),
    probability: 0.004,
  }),
  yearOf({
    year: '2027',
    demand: 800,
    accessible: 500,
    own: 262,
    elsewhere: 162,
    outside: 376,
    cost: costOf({ spot: spot(262, 376) }),
    probability: 0,
  }),
]);
const blockOutcome = outcomeOf(
  'joint-block-12',
  'Joint block contract, 12 beds',
  [
    yearOf({
      year: '2026',
      demand: 764,
      accessible: 512,
      own: 269,
      elsewhere: 159,
      outside: 336,
      cost: costOf({ spot: spot(269, 336), blockContracts: 3_500_000, voids: 200_000 }),
      probability: 0.01,
    }),
    yearOf({
      year: '2027',
      demand: 800,
      accessible: 512,
      own: 269,
      elsewhere: 159,
      outside: 372,
      cost: costOf({ spot: spot(269, 372), blockContracts: 3_500_000, voids: 200_000 }),
      probability: 0.02,
    }),
  ],
  true,
);
const homesOutcome = outcomeOf('trafford-homes-2027', 'Two consortium homes in Trafford from 2027', [
  yearOf({
    year: '2026',
    demand: 764,
    accessible: 500,
    own: 262,
    elsewhere: 162,
    outside: 340,
    cost: costOf({ spot: spot(262, 340), capital: 2_000_000 }),
  }),
  yearOf({
    year: '2027',
    demand: 800,
    accessible: 504,
    own: 266,
    elsewhere: 162,
    outside: 372,
    unmet: 0,
    cost: costOf({ spot: spot(266, 372), running: 950_000 }),
  }),
]);

// ---------- Lever field descriptions ----------

describe('lever field descriptions', () => {
  it('describe every lever type of the schema', () => {
    expect(leverTypes).toEqual(leverSchema.options.map((o) => o.shape.type.value));
    expect(Object.keys(leverTypeDescriptions).sort()).toEqual([...leverTypes].sort());
    expect(leverTypes).toHaveLength(8);
  });

  it('have a form field for every field of each lever schema (except type and id), and no others', () => {
    for (const type of leverTypes) {
      const fields = leverTypeDescriptions[type].fields.map((f) => f.key).sort();
      expect(fields, type).toEqual(schemaFieldKeys(type).sort());
    }
  });

  it('give every field a label and help, taken from the schema’s description where it has one', () => {
    for (const type of leverTypes) {
      const description = leverTypeDescriptions[type];
      expect(description.name.length).toBeGreaterThan(3);
      expect(description.summary.length).toBeGreaterThan(10);
      for (const field of description.fields) {
        expect(field.label, `${type}.${field.key}`).not.toBe('');
        expect(field.help.length, `${type}.${field.key}`).toBeGreaterThan(5);
        const schemaHelp = schemaDescription(type, field.key);
        if (schemaHelp && !ownHelpKinds.includes(field.kind)) expect(field.help).toBe(schemaHelp);
      }
    }
    const beds = leverTypeDescriptions.blockContract.fields.find((f) => f.key === 'beds');
    expect(beds).toMatchObject({ kind: 'int', unit: 'beds' });
    expect(leverTypeDescriptions.blockContract.fields.find((f) => f.key === 'weeklyPrice')).toMatchObject({
      kind: 'money',
      unit: '£ a bed a week',
    });
    expect(leverTypeDescriptions.newHome.fields.find((f) => f.key === 'openingYear')?.kind).toBe('year');
    expect(leverTypeDescriptions.prevention.fields.find((f) => f.key === 'la')?.kind).toBe('laOrAll');
  });

  it('make a new lever of every type that the host would accept for the plan', () => {
    for (const type of leverTypes) {
      const lever = newLever(type, { members: GM, years: YEARS, blockPrice: 5943 });
      expect(leverSchema.safeParse(lever).success, type).toBe(true);
      const checked = validateDraft(base, draftOf([lever]), context);
      expect(checked.problems, type).toEqual({ fields: {}, general: [] });
      expect(checked.scenario?.levers[0]?.type).toBe(type);
    }
    expect(newLever('blockContract', { members: GM, years: YEARS, blockPrice: 5943 })).toMatchObject({
      weeklyPrice: 5943,
      startYear: '2026',
      la: 'E08000001',
    });
  });

  it('turn the built-in levers into forms and back without changing them', () => {
    for (const scenario of builtInScenarios()) {
      const draft = scenarioToDraft(scenario);
      const checked = validateDraft(scenario, draft, context);
      expect(checked.problems).toEqual({ fields: {}, general: [] });
      expect(checked.scenario).toEqual(scenario);
    }
    const block = builtInScenarios()[0]!.levers[0]!;
    const draft = leverToDraft(block);
    expect(draft.values).toMatchObject({ beds: '12', weeklyPrice: '5943', guaranteedAccess: '100', indexed: false });
    expect(leverToDraft(builtInScenarios()[1]!.levers[0]!).values.rampUp).toBe('50');
  });

  it('reads typed numbers with pounds, commas, percentages and a typographic minus', () => {
    expect(parseNumberText('£5,943')).toBe(5943);
    expect(parseNumberText(' 12 ')).toBe(12);
    expect(parseNumberText('\u22123')).toBe(-3);
    expect(parseNumberText('7.5%')).toBe(7.5);
    expect(parseNumberText('12abc')).toBeNaN();
    expect(parseNumberText('')).toBeNaN();
    const lever = leverToDraft(newLever('newHome', { members: GM, years: YEARS }));
    lever.values.rampUp = '50, 75';
    lever.values.capitalCost = '£1,250,000';
    expect(draftToLeverInput(lever)).toMatchObject({ rampUp: [0.5, 0.75], capitalCost: 1_250_000 });
  });
});

// ---------- Validation ----------

describe('validating a draft with the host’s schema', () => {
  const blockDraft = () => scenarioToDraft(builtInScenarios()[0]!);

  it('rejects negative beds next to the beds field, so the scenario cannot be saved', () => {
    const draft = blockDraft();
    draft.levers[0]!.values.beds = '-3';
    const checked = validateDraft(base, draft, context);
    expect(checked.scenario).toBeNull();
    expect(checked.problems.fields['0.beds']).toEqual(['Beds must be at least 1.']);
  });

  it('rejects fractional places, empty prices and text where a number belongs', () => {
    const draft = draftOf([newLever('newHome', { members: GM, years: YEARS })]);
    draft.levers[0]!.values.places = '2.5';
    draft.levers[0]!.values.capitalCost = '';
    draft.levers[0]!.values.runningCostPerYear = 'lots';
    const { problems } = validateDraft(base, draft, context);
    expect(problems.fields['0.places']).toEqual(['Places must be a whole number.']);
    expect(problems.fields['0.capitalCost']?.[0]).toMatch(/must be a number of pounds/);
    expect(problems.fields['0.runningCostPerYear']?.[0]).toMatch(/must be a number of pounds/);
  });

  it('words share limits as percentages, since the form takes percentages', () => {
    const draft = blockDraft();
    draft.levers[0]!.values.guaranteedAccess = '150';
    const prevention = leverToDraft(newLever('prevention', { members: GM, years: YEARS }));
    prevention.values.entriesReduction = '95';
    draft.levers.push(prevention);
    const { problems } = validateDraft(base, draft, context);
    expect(problems.fields['0.guaranteedAccess']).toEqual(['Guaranteed access must be from 0% to 100%.']);
    expect(problems.fields['1.entriesReduction']).toEqual(['The reduction in entries must be from 0% to 90%.']);
    expect(percentMessage('The annual rate must be at most 0.3 (30% a year): write 3% as 0.03.')).toBe(
      'The annual rate must be at most 30% a year.',
    );
    expect(percentMessage('Each ramp-up share must be a share from 0 to 1 (e.g. 0.2 for 20%), not a percentage.')).toBe(
      'Each ramp-up share must be from 0% to 100%.',
    );
  });

  it('checks years against the projection horizon and LAs against the members', () => {
    const draft = blockDraft();
    draft.levers[0]!.values.startYear = '2032';
    draft.levers[0]!.values.la = 'E08000005';
    const { scenario, problems } = validateDraft(base, draft, context);
    expect(scenario).toBeNull();
    expect(problems.fields['0.startYear']?.[0]).toMatch(/outside the projection horizon 2026–2030/);
    expect(problems.fields['0.la']?.[0]).toMatch(/is not a member of the consortium/);
    // Without known years only the static schema applies.
    expect(validateDraft(base, draft, { members: GM, years: [] }).problems.fields['0.startYear']).toBeUndefined();
  });

  it('leaves out an empty optional field instead of failing', () => {
    const draft = draftOf([newLever('stepDown', { members: GM, years: YEARS })]);
    expect(draft.levers[0]!.values.fosterWeeklyCost).toBe('');
    const { scenario } = validateDraft(base, draft, context);
    expect(scenario?.levers[0]).not.toHaveProperty('fosterWeeklyCost');
    expect(scenarioSchema.safeParse(scenario).success).toBe(true);
  });

  it('compares drafts by what they would save, not by their form keys', () => {
    const a = scenarioToDraft(builtInScenarios()[0]!);
    const b = scenarioToDraft(builtInScenarios()[0]!);
    expect(a.levers[0]!.key).not.toBe(b.levers[0]!.key);
    expect(sameDraft(a, b)).toBe(true);
    b.levers[0]!.values.beds = '20';
    expect(sameDraft(a, b)).toBe(false);
  });

  it('checks names as the host does', () => {
    expect(checkScenarioName('  ', [])).toBe('A scenario needs a name.');
    expect(checkScenarioName('Block contract, 20 beds', ['Baseline'])).toBeNull();
    expect(checkScenarioName(' Baseline ', ['Baseline'])).toMatch(/already a scenario called “Baseline”/);
    expect(checkScenarioName('x'.repeat(121), [])).toMatch(/under 120/);
  });

  it('summarises levers in a line', () => {
    const name = (code: string) => GM.find((m) => m.code === code)?.name ?? code;
    expect(leverSummary(builtInScenarios()[0]!.levers[0]!, name)).toBe('12 beds in Bury, 2025-26 for 5 years');
    expect(leverSummary(newLever('prevention', { members: GM, years: YEARS }), name)).toBe(
      '10% fewer entries in all members, from 2025-26',
    );
  });
});

// ---------- Levers naming non-members ----------

describe('repairing a draft that names a non-member', () => {
  // Bury has left; the host suggested Bolton in its place.
  const members = GM.filter((m) => m.name !== 'Bury');
  const hints = {
    members,
    others: [{ code: 'E08000002', name: 'Bury' }],
    suggestions: { E08000002: { code: 'E08000001', name: 'Bolton', miles: 7 } },
  };
  const draft = () =>
    draftOf([
      { ...builtInScenarios()[0]!.levers[0]!, commissionedBy: 'E08000002' } as Lever,
      newLever('prevention', { members, years: YEARS }),
    ]);

  it('finds the fields from the form’s values, with the host’s suggestion', () => {
    const found = nonMemberLevers({ levers: draftLeverReferences(draft()) }, hints);
    expect(found.map((p) => [p.path, p.name, p.suggested?.name])).toEqual([
      ['levers.0.la', 'Bury', 'Bolton'],
      ['levers.0.commissionedBy', 'Bury', 'Bolton'],
    ]);
  });

  it('moves a field to the suggested or a chosen member, or removes the lever', () => {
    const d = draft();
    const [la, holder] = nonMemberLevers({ levers: draftLeverReferences(d) }, hints);
    if (!la || !holder) throw new Error('expected two');
    const moved = repairDraft(repairDraft(d, la, { action: 'move' }), holder, { action: 'move', to: 'consortium' });
    expect(moved.levers[0]?.values).toMatchObject({ la: 'E08000001', commissionedBy: 'consortium', beds: '12' });
    expect(nonMemberLevers({ levers: draftLeverReferences(moved) }, hints)).toEqual([]);
    expect(validateDraft(base, moved, { members, years: YEARS }).scenario).not.toBeNull();
    // The original draft is untouched; removing drops only that lever.
    expect(d.levers[0]?.values.la).toBe('E08000002');
    expect(repairDraft(d, la, { action: 'remove' }).levers.map((l) => l.type)).toEqual(['prevention']);
  });

  it('says what is wrong over the editor, in the outcomes and in the list', () => {
    const one = [{ name: 'Bury', leverIndex: 0 }];
    const two = [
      { name: 'Bury', leverIndex: 0 },
      { name: 'Trafford', leverIndex: 1 },
      { name: 'Bury', leverIndex: 1 },
    ];
    expect(nonMemberSummary(one)).toBe(
      'This scenario names Bury, which is not a member of this consortium, so it cannot be run: move the lever marked below to a member or remove it, then save.',
    );
    expect(nonMemberSummary(two)).toBe(
      'This scenario names Bury and Trafford, which are not members of this consortium, so it cannot be run: move the 2 levers marked below to a member or remove them, then save.',
    );
    expect(nonMemberNotRunText(one)).toBe(
      'Not run: the scenario names Bury, which is not a member of this consortium. Repair the levers marked above and save to see its outcomes.',
    );
    expect(nonMemberListText(two)).toBe(
      'Names Bury and Trafford, which are not members of this consortium: open it to repair it.',
    );
  });
});

// ---------- Formatting ----------

describe('formatting figures and differences', () => {
  it('writes money in millions, thousands or pounds', () => {
    expect(formatMoney(12_345_678)).toBe('£12.3m');
    expect(formatMoney(1_342_418_294)).toBe('£1,342.4m');
    expect(formatMoney(950_000)).toBe('£950k');
    expect(formatMoney(999_960)).toBe('£1.0m');
    expect(formatMoney(420)).toBe('£420');
    expect(formatMoney(-2_300_000)).toBe('\u2212£2.3m');
    expect(formatMoney(0)).toBe('£0');
  });

  it('writes differences with a sign, a real minus and "no change" for nothing', () => {
    expect(formatMoneyDiff(2_285_000)).toBe('+£2.3m');
    expect(formatMoneyDiff(-450_000)).toBe('\u2212£450k');
    expect(formatMoneyDiff(0.2)).toBe('no change');
    expect(formatCountDiff(35)).toBe('+35');
    expect(formatCountDiff(-2.4)).toBe('\u22122');
    expect(formatCountDiff(0.4)).toBe('no change');
    expect(formatCountDiff(-1234)).toBe('\u22121,234');
    expect(formatPointsDiff(-0.021)).toBe('\u22122.1 pts');
    expect(formatPointsDiff(0.05, 0)).toBe('+5 pts');
    expect(formatPointsDiff(0.00001)).toBe('no change');
  });

  it('writes counts, shares, probabilities, decimals and spans', () => {
    expect(formatCount(1083.4)).toBe('1,083');
    expect(formatCount(-3)).toBe('\u22123');
    expect(formatCount(-0.2)).toBe('0');
    expect(formatShare(0.2407)).toBe('24.1%');
    expect(formatProbability(0.004)).toBe('<1%');
    expect(formatProbability(0.998)).toBe('>99%');
    expect(formatProbability(0.25)).toBe('25%');
    expect(formatDecimal(-4.75)).toBe('\u22124.8');
    // Years ending 31 March, shown as financial years.
    expect(financialYearSpan(YEARS)).toBe('2025-26 to 2029-30');
    expect(financialYearSpan(['2026'])).toBe('2025-26');
    expect(financialYearSpan([])).toBe('');
  });

  it('writes axis ticks for money compactly', () => {
    expect(formatMoneyTick(0)).toBe('£0');
    expect(formatMoneyTick(250_000_000)).toBe('£250m');
    expect(formatMoneyTick(1_500_000)).toBe('£1.5m');
    expect(formatMoneyTick(1_342_000_000)).toBe('£1,342m');
    expect(formatMoneyTick(-500_000)).toBe('\u2212£500k');
  });

  it('writes assumption values in their units', () => {
    expect(formatAssumptionValue(0.85, 'share of places')).toBe('85%');
    expect(formatAssumptionValue(0.035, 'per year')).toBe('3.5%');
    expect(formatAssumptionValue(0.45, '£ per mile')).toBe('£0.45');
    expect(formatAssumptionValue(2.43, '£ per child per week per straight-line mile')).toBe('£2.43');
    expect(formatAssumptionValue(5943, '£ per week')).toBe('£5,943');
    expect(formatAssumptionValue(5317, '£ per week (2023-24 prices)')).toBe('£5,317');
    expect(formatAssumptionValue(-1, 'children per year (−1 = no limit)')).toBe('no limit');
    expect(formatAssumptionValue(1, 'flag')).toBe('yes');
    expect(formatAssumptionValue(52.1429, 'weeks')).toBe('52.143');
    expect(formatAssumptionValue(2023, 'price year (start)')).toBe('2023');
  });

  it('judges differences by which direction is better', () => {
    expect(judgeDiff(-5, 'lower')).toBe('better');
    expect(judgeDiff(5, 'lower')).toBe('worse');
    expect(judgeDiff(5, 'higher')).toBe('better');
    expect(judgeDiff(5, 'neither')).toBe('same');
    expect(judgeDiff(0.3, 'lower', 0.5)).toBe('same');
  });
});

// ---------- Tables ----------

describe('the outcome table of one scenario', () => {
  it('has a row per year and a total, each figure with its difference from the baseline', () => {
    const rows = outcomeRows(blockOutcome, baselineOutcome);
    expect(rows.map((r) => r.key)).toEqual(['2026', '2027', 'total']);
    const first = rows[0]!;
    expect(Object.keys(first.cells).sort()).toEqual(outcomeColumns.map((c) => c.key).sort());
    expect(first.cells.placedOwnLa).toMatchObject({ text: '269', diff: { text: '+7', judgement: 'better' } });
    expect(first.cells.gap.range).toMatch(/^\d+–\d+$/);
    expect(first.cells.gap.diff).toEqual({ text: '\u221212', judgement: 'better' });
    expect(first.cells.cost.diff?.judgement).toBe('worse');
    expect(first.cells.placedElsewhereInConsortium.diff).toEqual({ text: '\u22123', judgement: 'same' });
    // The chance the gap is closed, each year, against the baseline's in points; none for the total.
    const chance = blockOutcome.years[0]!.probabilityGapClosed;
    // A figure only where informative: a saturated chance is said in words.
    expect(first.cells.probabilityGapClosed.text).toBe(probabilityWords(chance).text);
    expect(first.cells.probabilityGapClosed.diff?.text).toBe(
      formatPointsDiff(chance - baselineOutcome.years[0]!.probabilityGapClosed),
    );
    const total = rows[2]!;
    expect(total.cells.probabilityGapClosed).toEqual({ text: '—' });
    expect(total.cells.cost.text).toBe(formatMoney(blockOutcome.totals.cost.total));
    expect(total.cells.presentValue.text).toBe(formatMoney(blockOutcome.npv.total));
  });

  it('has no differences for the baseline itself', () => {
    const rows = outcomeRows(baselineOutcome, baselineOutcome);
    expect(rows.every((r) => Object.values(r.cells).every((c) => c.diff === undefined))).toBe(true);
    expect(outcomeHeadline(baselineOutcome, baselineOutcome)).toMatch(
      /^In 2026-27: short by \d+ beds\. Cost 2025-26 to 2026-27: £/,
    );
    expect(outcomeHeadline(blockOutcome, baselineOutcome)).toMatch(
      /Against the baseline: gap −12 beds in 2026-27, cost \+£/,
    );
  });
});

describe('the key-figure table of the Compare view', () => {
  const rows = keyFigureRows(baselineOutcome, [blockOutcome, homesOutcome]);
  const row = (label: RegExp) => rows.find((r) => label.test(r.label));

  it('has a row per key figure and a column per scenario, the baseline first without a difference', () => {
    expect(rows.map((r) => r.label)).toEqual([
      'Bed gap in 2026-27',
      'Bed gap, 2025-26 to 2026-27',
      'Placed in own council area',
      'Placed elsewhere in the consortium',
      'Placed outside the consortium',
      'Placed more than 20 miles away',
      'Expected missing incidents',
      'Total cost, 2025-26 to 2026-27',
      'of which spot placements',
      'of which block-contracted beds in use',
      'of which empty block-contracted beds',
      'of which capital for new homes',
      'of which running new homes',
      'Net present value of costs',
      'Chance the gap is closed in 2026-27',
    ]);
    for (const r of rows) {
      expect(r.cells.map((c) => c.scenarioId)).toEqual(['baseline', 'joint-block-12', 'trafford-homes-2027']);
      expect(r.cells[0]!.diff).toBeNull();
    }
  });

  it('formats values and differences as money, counts and percentage points', () => {
    const cost = row(/^Total cost/)!;
    expect(cost.cells[1]!.text).toBe(formatMoney(blockOutcome.totals.cost.total));
    expect(cost.cells[1]!.diff?.text).toMatch(/^\+£\d+(\.\d)?m$/);
    expect(cost.cells[1]!.diff?.judgement).toBe('worse');
    expect(row(/^Placed in own council area/)!.cells[1]!.diff).toEqual({ text: '+14', judgement: 'better' });
    expect(row(/^Bed gap in/)!.cells[1]!.diff).toEqual({ text: '\u221212', judgement: 'better' });
    expect(row(/^Placed more than 20/)!.cells[1]!.diff?.text).toMatch(/^(\u2212|\+)\d+\.\d pts$|^no change$/);
    expect(row(/^Chance/)!.cells[1]).toMatchObject({ text: '2%', diff: { text: '+2 pts', judgement: 'better' } });
    expect(row(/^of which capital/)!.cells.map((c) => c.text)).toEqual(['£0', '£0', '£2.0m']);
  });

  it('leaves out cost parts and unmet need that are zero everywhere', () => {
    expect(row(/without a registered place/i)).toBeUndefined();
    expect(row(/programmes/)).toBeUndefined();
  });

  it('builds chart series as amounts or differences, each scenario in its own style', () => {
    const amounts = yearSeries([baselineOutcome, blockOutcome], (y) => y.gap);
    expect(amounts.map((s) => s.styleIndex)).toEqual([0, 1]);
    expect(amounts[1]!.values[0]!.value).toBeCloseTo(blockOutcome.years[0]!.gap);
    const diffs = yearSeries([baselineOutcome, blockOutcome], (y) => y.gap, 'difference');
    expect(diffs[0]!.values.map((v) => v.value)).toEqual([0, 0]);
    expect(diffs[1]!.values[0]!.value).toBeCloseTo(-12);
    const locality = localityRows([baselineOutcome, homesOutcome]);
    expect(locality[1]).toEqual({
      id: 'trafford-homes-2027',
      name: 'Two consortium homes in Trafford from 2027',
      parts: { ownLa: 266, elsewhere: 162, outside: 372, unmet: 0 },
    });
  });
});

// ---------- Sensitivity ----------

/** The block outcome with the shared engine's tornadoes, worked out from its own years (as a run does). */
function withSensitivity(outcome: ScenarioOutcome): ScenarioOutcome {
  const last = outcome.years[outcome.years.length - 1]!;
  const ranges = costRanges({
    prices: { ...FALLBACK_TEST_PRICES },
    settings: { locality: { outsidePremium: 0.05, travelPerMileWeekly: 2.43, missingIncidentCost: 2000 } },
    assumptions: [],
  } as unknown as ScenarioContext);
  return {
    ...outcome,
    sensitivity: scenarioSensitivity({
      year: last.year,
      gap: outcome.totals.finalYearGap,
      demand: { p10: last.demand * 0.9, p50: last.demand, p90: last.demand * 1.1 },
      occupancy: { low: 0.78, central: 0.85, high: 0.9, basis: 'b', label: 'Target occupancy' },
      share: { low: 0.4, central: 0.6, high: 0.75, basis: 'b', label: 'Consortium share' },
      accessible: last.accessiblePlaces,
      openMarket: 300,
      supplyDrawn: null,
      yearCosts: outcome.years.map((y) => y.cost),
      totalCost: outcome.totals.cost.total,
      demandCost: { p10: outcome.totals.cost.total * 0.9, p90: outcome.totals.cost.total * 1.1 },
      demandNpv: { p10: outcome.npv.total * 0.9, p90: outcome.npv.total * 1.1 },
      discountFactors: outcome.years.map((y) => y.discountFactor),
      ranges,
    }),
  };
}
const FALLBACK_TEST_PRICES = {
  priceYear: '2023-24',
  localAuthority: 5_317,
  private: 6_255,
  voluntary: 5_818,
  blockContract: 5_943,
  fosterInHouse: 600,
  fosterAgency: 1_100,
  unmet: 15_000,
};

describe('the sensitivity of a scenario: the shared engine’s rows', () => {
  it('is absent for an outcome that carries no tornado', () => {
    expect(sensitivityFromOutcome(blockOutcome)).toBeNull();
  });

  const s = sensitivityFromOutcome(withSensitivity(blockOutcome))!;
  const row = (key: string) => s.rows.find((r) => r.key === key);

  it('moves the cost by the private price’s range on the private and outside spend, and not the gap', () => {
    const c = blockOutcome.totals.cost;
    const priv = row('price.private')!;
    expect(priv.high.cost - s.base.cost).toBeCloseTo(
      (7_193 / 6_255 - 1) * (c.placementsBySector.private + c.placementsBySector.outsideConsortium),
      0,
    );
    expect(priv.low.gap).toBe(s.base.gap);
    expect(priv.detail).toBe('£5,317 to £7,193');
    // Block contracts are the contract's price: not a row.
    expect(row('blockPrice')).toBeUndefined();
  });

  it('works out occupancy’s effect on the gap at the ends of its range, and not its cost', () => {
    const last = blockOutcome.years[1]!;
    const occ = row('targetOccupancy')!;
    expect(occ.low.gap).toBeCloseTo(last.demand / 0.78 - last.accessiblePlaces);
    expect(occ.high.gap).toBeCloseTo(last.demand / 0.9 - last.accessiblePlaces);
    expect(occ.notEstimated).toEqual(['cost']);
    expect(s.sentences.gap).toMatch(/^The 2027 gap \(\d+ beds\) moves most with /);
    expect(s.sentences.cost).toMatch(/^The 2-year cost \(£[\d.,]+m\) moves most with /);
  });
});

// ---------- Chart models ----------

describe('scenario chart models', () => {
  const series: YearSeries[] = [
    {
      id: 'baseline',
      name: 'Baseline',
      values: [
        { year: '2026', value: 399 },
        { year: '2027', value: 453 },
      ],
    },
    {
      id: 'block',
      name: 'Block',
      values: [
        { year: '2026', value: 394 },
        { year: '2027', value: 448 },
      ],
    },
  ];

  it('styles up to five series with distinct colours and markers', () => {
    expect(new Set(seriesStyles.map((s) => s.colour)).size).toBe(5);
    expect(new Set(seriesStyles.map((s) => s.marker)).size).toBe(5);
    for (const s of seriesStyles) expect(markerPath(s.marker)).toMatch(/^M/);
  });

  it('lays out lines by year inside the plot, from zero unless a cut axis is asked for, which is marked', () => {
    const model = lineChartModel(series, { tickFormat: String });
    expect(model.years).toEqual(['2026', '2027']);
    expect(model.lines).toHaveLength(2);
    for (const l of model.lines) {
      expect(l.path).toMatch(/^M/);
      const [a, b] = l.points;
      expect(a!.x).toBeLessThan(b!.x);
      for (const pt of l.points) {
        expect(pt.y).toBeGreaterThanOrEqual(model.plot.top);
        expect(pt.y).toBeLessThanOrEqual(model.plot.bottom);
      }
    }
    // A higher value is drawn higher up.
    expect(model.lines[0]!.points[1]!.y).toBeLessThan(model.lines[0]!.points[0]!.y);
    // From zero by default: the axis's lowest tick is 0 and no break mark is drawn.
    expect(model.zeroY).not.toBeNull();
    expect(model.yTicks[0]?.value).toBe(0);
    expect(model.axisBreakY).toBeNull();
    // A cut axis (values well above zero) starts above zero and carries a break mark at its foot.
    const cut = lineChartModel(
      series.map((s) => ({ ...s, values: s.values.map((v) => ({ ...v, value: v.value + 350 })) })),
      { tickFormat: String, includeZero: false },
    );
    expect(cut.zeroY).toBeNull();
    expect(cut.yTicks[0]!.value).toBeGreaterThan(0);
    expect(cut.axisBreakY).not.toBeNull();
    expect(cut.axisBreakY!).toBeLessThanOrEqual(cut.plot.bottom);
    expect(model.lines[1]!.style).toEqual(seriesStyles[1]);
    expect(lineChartModel([{ ...series[1]!, styleIndex: 3 }], { tickFormat: String }).lines[0]!.style).toEqual(
      seriesStyles[3],
    );
  });

  it('lays out grouped bars from zero, negative values hanging below it', () => {
    const diffs: YearSeries[] = [
      {
        id: 'a',
        name: 'A',
        values: [
          { year: '2026', value: 2 },
          { year: '2027', value: -1 },
        ],
      },
      {
        id: 'b',
        name: 'B',
        values: [
          { year: '2026', value: 1 },
          { year: '2027', value: 0.5 },
        ],
      },
    ];
    const model = groupedBarModel(diffs, { tickFormat: String });
    expect(model.bars).toHaveLength(4);
    const neg = model.bars.find((b) => b.value === -1)!;
    expect(neg.y).toBeCloseTo(model.zeroY);
    const pos = model.bars.find((b) => b.value === 2)!;
    expect(pos.y + pos.height).toBeCloseTo(model.zeroY);
    expect(pos.height).toBeCloseTo(neg.height * 2, 0);
    const a2026 = model.bars.find((b) => b.seriesId === 'a' && b.year === '2026')!;
    const b2026 = model.bars.find((b) => b.seriesId === 'b' && b.year === '2026')!;
    expect(a2026.x + a2026.width).toBeLessThanOrEqual(b2026.x);
  });

  it('describes year charts in words', () => {
    expect(describeYearChart('Bed gap by year', series, String)).toBe(
      'Bed gap by year: Baseline 399 in 2026 to 453 in 2027; Block 394 in 2026 to 448 in 2027.',
    );
  });

  it('stacks where children are placed, labelling only segments wide enough', () => {
    const rows = localityRows([baselineOutcome, blockOutcome]);
    const model = localityChartModel(rows, formatCount);
    expect(model.categories.map((c) => c.key)).toEqual(['ownLa', 'elsewhere', 'outside']);
    for (const bar of model.bars) {
      const [own, elsewhere, outside] = bar.segments;
      expect(own!.x).toBeCloseTo(model.plot.left);
      expect(elsewhere!.x).toBeCloseTo(own!.x + own!.width);
      expect(outside!.x + outside!.width).toBeLessThanOrEqual(model.plot.right + 1e-6);
      expect(bar.segments.reduce((a, sgt) => a + sgt.share, 0)).toBeCloseTo(1);
    }
    expect(model.bars[0]!.total).toBe(800);
    expect(model.bars[0]!.segments[0]!.label).toBe('262');
    const tiny = localityChartModel(
      [{ id: 'x', name: 'X', parts: { ownLa: 1, elsewhere: 0, outside: 999, unmet: 5 } }],
      formatCount,
    );
    expect(tiny.categories.map((c) => c.key)).toContain('unmet');
    expect(tiny.bars[0]!.segments[0]!.label).toBeNull();
    expect(describeLocality('Where children are placed in 2027', rows.slice(0, 1), formatCount)).toBe(
      'Where children are placed in 2027: Baseline: 262 in own council area (33%), 162 elsewhere in the consortium (20%), 376 outside (47%).',
    );
  });

  it('wraps long labels onto two lines at spaces', () => {
    expect(wrapLabel('Baseline', 34)).toEqual(['Baseline']);
    expect(wrapLabel('Two consortium homes in Trafford from 2027', 34)).toEqual([
      'Two consortium homes in Trafford',
      'from 2027',
    ]);
    const long = wrapLabel('a '.repeat(60).trim(), 10);
    expect(long).toHaveLength(2);
    expect(long[1]).toMatch(/…$/);
    expect(wrapLabel('Supercalifragilisticexpialidocious', 10)).toEqual(['Supercali…']);
  });

  it('lays out a tornado by swing, symmetric about zero, naming what has no effect or is not estimated', () => {
    const rows: TornadoRow[] = [
      { label: 'Small', low: { cost: 90, gap: 10 }, high: { cost: 110, gap: 10 } },
      { label: 'Big', low: { cost: 50, gap: 5 }, high: { cost: 150, gap: 15 } },
      { label: 'Occupancy', low: { cost: 100, gap: 14 }, high: { cost: 100, gap: 8 }, notEstimated: ['cost'] },
    ];
    const baseP = { cost: 100, gap: 10 };
    const cost = tornadoModel(rows, baseP, 'cost', String);
    expect(cost.bars.map((b) => b.label)).toEqual(['Big', 'Small']);
    expect(cost.notEstimated).toEqual(['Occupancy']);
    const big = cost.bars[0]!;
    expect(big.lowDelta).toBe(-50);
    expect(big.low.x + big.low.width).toBeCloseTo(cost.zeroX);
    expect(big.high.x).toBeCloseTo(cost.zeroX);
    expect(big.low.width).toBeCloseTo(big.high.width);
    // Symmetric about zero, with room left of the scale for the values of bars pointing left.
    expect(cost.zeroX).toBeCloseTo((cost.plot.left + tornadoLabelRoom + cost.plot.right) / 2);
    expect(big.low.labelX).toBeGreaterThan(cost.plot.left + tornadoLabelRoom - 10);
    const gap = tornadoModel(rows, baseP, 'gap', String);
    expect(gap.bars.map((b) => b.label)).toEqual(['Big', 'Occupancy']);
    expect(gap.noEffect).toEqual(['Small']);
    expect(gap.height).toBeGreaterThan(gap.bars.length * 30);
    expect(describeTornado('Gap', gap, String)).toBe(
      'Gap: Big -5 when 20% lower, 5 when 20% higher; Occupancy 4 when 20% lower, -2 when 20% higher. No effect: Small.',
    );
  });

  it('draws the sensitivity of a real outcome shape without failing', () => {
    const s = sensitivityFromOutcome(withSensitivity(homesOutcome))!;
    const model = tornadoModel(s.rows, s.base, 'cost', formatMoneyTick);
    expect(model.bars.length).toBeGreaterThanOrEqual(3);
    expect(model.bars.map((b) => b.label)).toContain('Real growth in prices a year');
  });
});

describe('sensitivity from the host’s re-runs', () => {
  it('keeps the host’s figures and describes each assumption’s range', async () => {
    const { sensitivityFromHost } = await import('../../renderer/src/models/sensitivity');
    const s = sensitivityFromHost({
      year: '2030',
      sentences: { cost: 'The 5-year cost moves most with …', gap: 'The 2030 gap moves most with …' },
      note: 'n',
      base: { cost: 1_000_000, npv: 900_000, gap: 40 },
      bars: [
        {
          key: 'targetOccupancy',
          label: 'Target occupancy',
          unit: 'share of beds',
          base: 0.85,
          lowValue: 0.68,
          highValue: 1,
          basis: 'b',
          low: { cost: 1_100_000, npv: 990_000, gap: 70 },
          high: { cost: 950_000, npv: 850_000, gap: 20 },
        },
      ],
    });
    expect(s.base).toEqual({ cost: 1_000_000, gap: 40 });
    expect(s.rows).toEqual([
      expect.objectContaining({
        key: 'targetOccupancy',
        low: { cost: 1_100_000, gap: 70 },
        high: { cost: 950_000, gap: 20 },
      }),
    ]);
    expect(s.rows[0]?.detail).toMatch(/68.*100/);
    expect(s.sentences.gap).toMatch(/2030 gap/);
    expect(s.finalYear).toBe('2030');
  });
});
