import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResults } from '#shared/api/contract.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { createAppContext, type AppContext } from '../../electron/services/appContext.js';
import { gapChartModel } from '../../renderer/src/charts/gapChartModel.js';
import { parsePrintRequest } from '../../renderer/src/views/report/printRequest.js';
import {
  assumptionLines,
  bedNeedSentence,
  buildMethodology,
  chosenScenarios,
  dataVintages,
  defaultScenarioIds,
  gapByAuthority,
  headlineTable,
  keyFigures,
  leverSummary,
  missingItems,
  reportFileName,
  reportSections,
  scenarioFigureRows,
  scenarioYearRows,
  type ReportData,
  type ScenarioListItem,
} from '../../renderer/src/views/report/reportModel/index.js';
import { formatAssumption } from '../../renderer/src/format/assumptions.js';
import { formatMoneyBrief } from '../../renderer/src/format/money.js';
import { formatSignedCount } from '../../renderer/src/format/numbers.js';
import { formatPointsChange } from '../../renderer/src/format/shares.js';
import { makeTempDir } from '../helpers/tmp.js';

// Real figures from the built-in Greater Manchester plan, made by the same services the app calls.
let tmp: { dir: string; cleanup: () => void };
let context: AppContext;
let summary: PlanSummary;
let projection: CallResults['getProjection'];
let scenarios: CallResults['listScenarios'];
let run: CallResults['runScenarios'];

beforeAll(async () => {
  tmp = makeTempDir('planner-report-unit-');
  context = createAppContext({ mode: 'browser', dataDir: path.join(tmp.dir, 'data') });
  context.plans.newPlan();
  const h = context.handlers;
  summary = await h.getPlanSummary({});
  projection = await h.getProjection({ method: 'rate', withBacktest: true, simulations: 300, seed: 1 });
  scenarios = await h.listScenarios({});
  run = await h.runScenarios({ ids: defaultScenarioIds(scenarios), simulations: 200, seed: 1 });
});

afterAll(() => {
  context?.plans.dispose();
  tmp?.cleanup();
});

function data(overrides: Partial<ReportData> = {}): ReportData {
  return {
    generatedAt: '2026-11-22T10:00:00Z',
    appInfo: null,
    plan: {
      open: true,
      name: 'Untitled plan',
      path: null,
      untitled: true,
      dirty: false,
      consortiumName: 'Greater Manchester',
      schemaVersion: 1,
      readOnly: false,
      readOnlyReason: null,
      horizonYears: 5,
    },
    summary,
    projection,
    projectionProblem: null,
    scenarios: chosenScenarios(scenarios, null),
    availableScenarios: scenarios.filter((s) => s.editable),
    scenarioRun: run,
    scenarioProblem: null,
    mapData: null,
    mapProblem: null,
    imports: [],
    ...overrides,
  };
}

describe('report sections', () => {
  it('lists every section in order for a complete plan with scenarios', () => {
    expect(reportSections(data()).map((s) => s.title)).toEqual([
      'Summary',
      'Projection',
      'Gap map',
      'Scenarios',
      'Scenario comparison',
      'Assumptions register',
      'Methodology',
      'Data sources and licences',
      'What this plan is missing', // the built-in plan has no ONS population projection
    ]);
  });

  it('drops the comparison without scenarios and says what is missing when parts fail', () => {
    const withoutScenarios = { ...run, outcomes: [], comparison: { ...run.comparison, scenarios: [] } };
    const ids = reportSections(data({ scenarioRun: withoutScenarios })).map((s) => s.id);
    expect(ids).not.toContain('comparison');
    expect(ids).toContain('scenarios');

    const broken = data({
      summary: { ...summary, gaps: [] },
      projection: null,
      projectionProblem: 'No member has a history of children in children’s homes.',
      scenarioRun: null,
      scenarioProblem: 'No member has a history of children in children’s homes.',
      mapProblem: 'no boundaries',
    });
    expect(reportSections(broken).at(-1)?.title).toBe('What this plan is missing');
    const items = missingItems(broken).map((m) => m.what);
    expect(items).toEqual([
      'No projection: No member has a history of children in children’s homes.',
      'No map data: no boundaries',
    ]); // the same reason is not repeated for the scenarios
    expect(reportSections(data({ summary: { ...summary, gaps: [] } })).map((s) => s.id)).not.toContain('missing');
  });
});

describe('scenarios chosen for the report', () => {
  const list = (ids: string[]): ScenarioListItem[] =>
    ids.map((id) => ({
      id,
      name: id,
      notes: '',
      illustrative: false,
      levers: [],
      updatedAt: null,
      editable: id !== 'baseline',
    }));

  it('defaults to the plan’s own scenarios, at most four, never the baseline', () => {
    expect(defaultScenarioIds(list(['baseline', 'a', 'b', 'c', 'd', 'e']))).toEqual(['a', 'b', 'c', 'd']);
    expect(defaultScenarioIds(scenarios)).toEqual(['joint-block-12', 'trafford-homes-2027']);
  });

  it('keeps the asked-for order, drops unknown ids, repeats and the baseline', () => {
    expect(
      chosenScenarios(list(['baseline', 'a', 'b', 'c']), ['c', 'x', 'baseline', 'c', 'a']).map((s) => s.id),
    ).toEqual(['c', 'a']);
    expect(chosenScenarios(list(['baseline', 'a']), [])).toEqual([]);
  });

  it('reads the print flag and its scenarios from the address', () => {
    expect(parsePrintRequest('http://127.0.0.1:5/?token=abc')).toBeNull();
    expect(parsePrintRequest('http://127.0.0.1:5/?print=report')).toEqual({ scenarioIds: null });
    expect(parsePrintRequest('app://planner/index.html?print=report&scenarios=')).toEqual({ scenarioIds: [] });
    expect(
      parsePrintRequest('http://127.0.0.1:5/?print=report&scenarios=a,b,b,bad%20id,c,d,e&token=x')?.scenarioIds,
    ).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('summary figures', () => {
  it('gives the five-year bed need and gap in one sentence', () => {
    const sentence = bedNeedSentence('Greater Manchester', projection.projection);
    expect(sentence).toMatch(
      /^By 31 March 2030, Greater Manchester is projected to need [\d,]+ beds in children’s homes \(80% range [\d,]+–[\d,]+\) for [\d,]+ children, against [\d,]+ places its children can count on: short by [\d,]+ beds \(80% range: short by [\d,]+ to [\d,]+\)\. By the same definition the gap is [\d,]+ today \(2025\) and [\d,]+ in 2030: today’s shortfall [\d,]+, growth in need [+−]?[\d,]+, occupancy headroom \+[\d,]+, supply change [+−]?[\d,]+\.$/,
    );
    expect(bedNeedSentence('Greater Manchester', null)).toBeNull();
  });

  it('tabulates the members then the consortium total', () => {
    const table = headlineTable(summary);
    expect(table.columns.map((c) => c.measure)).toContain('childrenInChildrensHomes');
    expect(table.rows).toHaveLength(11);
    const total = table.rows.at(-1);
    expect(total?.kind).toBe('consortium');
    expect(total?.cells[table.columns.findIndex((c) => c.measure === 'childrenLookedAfter')]).toBe('6,119');
    expect(table.rows[0]?.name).toBe('Bolton');
  });

  it('has key figures and lists the published data vintages once each', () => {
    expect(keyFigures(summary, projection.projection).map((f) => f.label)).toEqual([
      'Children in secure or children’s homes',
      'Beds needed',
      'Places the consortium can count on',
      'Gap',
      'Chance of being short',
    ]);
    const chance = keyFigures(summary, projection.projection).at(-1);
    expect(chance?.value).toMatch(/^(\d+%|near certain \(>99%\)|very unlikely \(<1%\))$/);
    expect(chance?.note).toMatch(
      /assumes target occupancy 85%; share of open-market places counted as accessible 60% for consortium children/,
    );
    const vintages = dataVintages(summary.sources);
    expect(vintages.length).toBe(new Set(vintages).size);
    expect(vintages.some((v) => v.startsWith('Ofsted: '))).toBe(true);
    expect(vintages.some((v) => /illustrative/i.test(v))).toBe(false);
  });

  it('orders the gap by authority, largest shortfall first, consortium last', () => {
    const { year, rows } = gapByAuthority(projection.projection);
    expect(year).toBe('2030');
    expect(rows.at(-1)?.kind).toBe('consortium');
    const members = rows.filter((r) => r.kind === 'member');
    expect(members).toHaveLength(10);
    expect(members.map((r) => r.gapValue)).toEqual([...members.map((r) => r.gapValue)].sort((a, b) => b - a));
  });
});

describe('the report’s lever summary', () => {
  it('names each lever with what it sets, its years as financial years, never a bare year', () => {
    const name = (code: string) => summary.authorities.find((a) => a.code === code)?.name ?? code;
    const lines = run.outcomes.flatMap((o) => o.scenario.levers.map((l) => leverSummary(l, name)));
    expect(lines).toEqual([
      'Joint block contract: 12 beds in Bury (12 beds in Bury, 2025-26 for 5 years)',
      'Consortium home A in Trafford (4 places) (4 places in Trafford, opening 2026-27)',
      'Consortium home B in Trafford (4 places) (4 places in Trafford, opening 2026-27)',
    ]);
    for (const line of lines) expect(line).not.toMatch(/\b20\d\d\b(?!-\d\d)/);
    // A lever without a label is named by its type.
    const unlabelled = { ...run.outcomes[0]!.scenario.levers[0]!, label: undefined };
    expect(leverSummary(unlabelled, name)).toBe('Block contract (12 beds in Bury, 2025-26 for 5 years)');
  });

  it('prints each lever’s summary and what it did under the scenario’s changes', async () => {
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { createElement } = await import('react');
    const { ReportDocument } = await import('../../renderer/src/views/report/ReportDocument.js');
    const html = renderToStaticMarkup(createElement(ReportDocument, { data: data(), standalone: true }));
    const text = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#x27;/g, "'")
      .replace(/\s+/g, ' ');
    expect(text).toContain('Joint block contract: 12 beds in Bury (12 beds in Bury, 2025-26 for 5 years)');
    const block = run.outcomes.find((o) => o.scenario.id === 'joint-block-12')!;
    expect(block.levers[0]!.notes.length).toBeGreaterThan(0);
    for (const note of block.levers[0]!.notes) expect(html).toContain(note.replace(/&/g, '&amp;'));
    expect(text).toMatch(/over the years ending 31 March 2026 to 2030 \(2025-26 to 2029-30\)/);
  });
});

describe('scenario figures', () => {
  it('compares each scenario with the baseline', () => {
    const rows = scenarioFigureRows(run.baseline, run.outcomes);
    const gap = rows.find((r) => r.key === 'finalYearGap');
    expect(gap?.scenarios).toHaveLength(2);
    const expected = formatSignedCount((run.outcomes[0]?.totals.finalYearGap ?? 0) - run.baseline.totals.finalYearGap);
    expect(gap?.scenarios[0]?.difference).toBe(expected);
    expect(rows.find((r) => r.key === 'cost')?.baseline).toMatch(/^£[\d,]+\.\dm$/);
    const years = scenarioYearRows(run.baseline, run.outcomes[0] ?? null);
    expect(years.map((y) => y.year)).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(years[0]?.gapDifference).not.toBeNull();
    expect(scenarioYearRows(run.baseline, null)[0]?.gapDifference).toBeNull();
    // With GM short by hundreds of beds, the gap is closed in none of the simulations: a saturated
    // chance is said in words, never as a bare "0%".
    expect(years.map((y) => y.chanceGapClosed)).toEqual(
      run.outcomes[0]!.years.map((y) =>
        y.probabilityGapClosed < 0.01
          ? 'very unlikely (<1%)'
          : y.probabilityGapClosed > 0.99
            ? 'near certain (>99%)'
            : expect.stringMatching(/^\d+%$/),
      ),
    );
    expect(years[0]?.chanceGapClosed).toBe('very unlikely (<1%)');
  });

  it('lays out the comparison chart with a line per scenario and labels apart', () => {
    const model = gapChartModel([
      {
        name: 'Baseline',
        points: [
          { year: '2026', gap: 10 },
          { year: '2027', gap: 20 },
        ],
      },
      {
        name: 'A',
        points: [
          { year: '2026', gap: 9 },
          { year: '2027', gap: 19.5 },
        ],
      },
      {
        name: 'B',
        points: [
          { year: '2026', gap: -5 },
          { year: '2027', gap: 19 },
        ],
      },
    ]);
    expect(model.lines).toHaveLength(3);
    expect(model.zeroY).not.toBeNull();
    const labels = model.lines.map((l) => l.labelY).sort((a, b) => a - b);
    for (let i = 1; i < labels.length; i++) expect((labels[i] ?? 0) - (labels[i - 1] ?? 0)).toBeGreaterThanOrEqual(14);
    expect(model.lines[0]?.path).toMatch(/^M/);
  });
});

describe('numbers and words', () => {
  it('formats money, differences and assumptions in their units', () => {
    expect(formatMoneyBrief(1_343_070_601)).toBe('£1,343.1m');
    expect(formatMoneyBrief(-456_700)).toBe('−£457k');
    expect(formatPointsChange(-0.00476)).toBe('−0.5 pp');
    expect(formatSignedCount(-4.6)).toBe('−5');
    expect(formatAssumption(0.85, 'share of places')).toBe('85% of places');
    expect(formatAssumption(0.035, 'per year')).toBe('3.5% a year');
    expect(formatAssumption(5317, '£ per week (2023-24 prices)')).toBe('£5,317 per week (2023-24 prices)');
    expect(formatAssumption(1.5, 'ratio')).toBe('1.5×');
    expect(formatAssumption(1, 'flag')).toBe('Yes');
    expect(formatAssumption(2023, 'price year (start)')).toBe('2023 (price year (start))');
    expect(formatAssumption(-1, 'children per year (−1 = no limit)')).toBe('No limit');
    expect(formatAssumption(10, 'miles')).toBe('10 miles');
    expect(reportFileName({ name: 'Untitled plan', untitled: true, consortiumName: 'Greater Manchester' })).toBe(
      'greater-manchester-report.pdf',
    );
    expect(reportFileName({ name: 'GM 2026/27', untitled: false, consortiumName: 'x' })).toBe('gm-2026-27-report.pdf');
  });

  it('lists the register, then the projection’s and the scenario model’s assumptions, each once', () => {
    const lines = assumptionLines(summary, projection.projection, run.baseline.assumptions);
    const keys = lines.map((l) => l.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(lines[0]?.where).toBe('Plan register');
    expect(lines.some((l) => l.where === 'Projection' && l.key === 'trendDamping')).toBe(true);
    expect(lines.some((l) => l.where === 'Scenario model' && l.key === 'locality.travelPerMileWeekly')).toBe(true);
    const block = lines.find((l) => l.key === 'blockContractDiscount');
    expect(block?.illustrative).toBe(true);
    expect(block?.source).toMatch(/^\[\d+\] /);
  });
});

describe('methodology in plain English', () => {
  it('explains the methods with the plan’s own settings, the backtest and the limitations', () => {
    const m = buildMethodology({
      summary,
      projection: projection.projection,
      backtest: projection.backtest,
      scenarios: run.baseline,
      hasScenarios: true,
    });
    const headings = m.parts.map((p) => p.heading);
    expect(headings).toEqual([
      'What is projected',
      'The projection method, chosen on evidence',
      'Uncertainty: Monte Carlo simulation',
      'From children to beds: occupancy',
      'Places the consortium can count on: accessible places',
      'Scenarios: the allocation model',
    ]);
    const text = m.parts.flatMap((p) => p.paragraphs).join(' ');
    expect(text).toContain('rolling-origin backtest');
    expect(text).toContain('starts from its last observed figure');
    expect(text).toContain('run 300 times');
    expect(text).toContain('target occupancy (85%)');
    expect(text).toMatch(
      /estimated for each member from its published figures .*from 0% to [\d.]+%, [\d.]+% on average/,
    );
    expect(text).toContain('60% of those anywhere in the consortium');
    expect(text).toContain('3.5% a year');
    expect(m.backtest[0]).toContain('(2023, 2024)');
    const limits = m.limitations.join(' ');
    expect(limits).toMatch(/Small numbers/);
    expect(limits).toMatch(/secure homes and children’s homes together/);
    expect(limits).toMatch(/Illustrative values: \d+ of the plan’s \d+ sources/);
    expect(limits).toMatch(/no ONS population projection/);
    expect(limits).toMatch(/only between 1% and 99%/);
  });

  it('shows the method used and why, the national table and the consortium’s own pairs', () => {
    const m = buildMethodology({
      summary,
      projection: projection.projection,
      backtest: projection.backtest,
      scenarios: null,
      hasScenarios: false,
    });
    const selection = projection.projection.selection;
    expect(selection).toBeDefined();
    expect(m.evidence.selection?.usedLabel).toBe(selection?.usedLabel);
    expect(m.evidence.selection?.reason).toBe(selection?.reason);
    expect(m.evidence.selection?.lastValueNote !== null).toBe(selection?.lastValueDefault);
    // Every candidate, chosen first, last value always there, horizons 1–3 with their pairs.
    expect(m.parts.flatMap((p) => p.paragraphs).join(' ')).toContain(
      `The method used is ${selection?.usedLabel.toLowerCase()}`,
    );
    expect(m.evidence.national[0]?.chosen).toBe(true);
    expect(m.evidence.national.some((g) => g.lastValue)).toBe(true);
    expect(m.evidence.national).toHaveLength(selection?.candidates.length ?? -1);
    expect(m.evidence.national[0]?.rows.map((r) => r.h)).toEqual(selection?.horizons);
    // GM's own backtest rests on two origins: too thin to judge, and it says so.
    expect(m.evidence.own.origins).toBe(projection.backtest?.origins.length);
    expect(m.evidence.own.rows.map((r) => r.pairs)).toEqual(projection.backtest?.horizons.map((h) => h.n));
    expect(m.evidence.own.thin).toBe(true);
    expect(m.evidence.own.verdict).toMatch(/too thin to judge.*rely on the national evidence/);
    expect(m.limitations.join(' ')).toContain(m.evidence.own.verdict);
  });

  it('still explains itself without a projection, backtest or scenarios', () => {
    const m = buildMethodology({ summary, projection: null, backtest: null, scenarios: null, hasScenarios: false });
    expect(m.parts.map((p) => p.heading)).not.toContain('Scenarios: the allocation model');
    expect(m.parts.map((p) => p.heading)).not.toContain('Uncertainty: Monte Carlo simulation');
    expect(m.backtest[0]).toMatch(/^No backtest is available/);
    expect(m.limitations.join(' ')).not.toMatch(/too thin to judge/);
    expect(m.evidence.selection).toBeNull();
    expect(m.evidence.national).toEqual([]);
    expect(m.evidence.own.verdict).toMatch(/rely on the national evidence/);
  });
});
