import { describe, expect, it } from 'vitest';
import type { AreaProjection, BacktestResult, HorizonAccuracy, YearProjection } from '#shared/forecast/types.js';
import { planAssumptionKeys } from '#shared/forecast/settings.js';
import { fanChartModel } from '../../renderer/src/charts/fan/fanChartModel.js';
import {
  compactFanChartSize,
  type FanChartInput,
  type FanChartSize,
} from '../../renderer/src/charts/fan/fanChartTypes.js';
import { describeFanChart, spreadLabels } from '../../renderer/src/charts/fan/fanLabels.js';
import { formatWhole } from '../../renderer/src/format/numbers.js';
import { parseSeed } from '../../renderer/src/views/projection/ProjectionControls.js';
import {
  backtestSummary,
  buildAssumptionRows,
  buildBacktestRows,
  buildYearRows,
  describeModel,
  editableAssumptions,
  gapRangeWords,
  gapWords,
  headline,
  impliedAnnualGrowth,
  parseGrowth,
  parsePercent,
  trendPercent,
} from '../../renderer/src/models/projectionModel.js';
import { formatForecastAssumption } from '../../renderer/src/format/assumptions.js';
import { formatProbability, shareToPercent } from '../../renderer/src/format/shares.js';

const p = (p10: number, p50: number, p90: number) => ({ p10, p50, p90 });

function year(
  y: string,
  demand: [number, number, number],
  opts: { occupancy?: number; accessible?: number; registered?: number; probability?: number } = {},
): YearProjection {
  const occ = opts.occupancy ?? 0.85;
  const accessible = opts.accessible ?? 499.6;
  const beds = p(demand[0] / occ, demand[1] / occ, demand[2] / occ);
  return {
    year: y,
    demand: { ...p(...demand), mean: demand[1] },
    population0to17: 650_000,
    ratePer10k: p(demand[0] / 65, demand[1] / 65, demand[2] / 65),
    bedsNeeded: beds,
    bedsNeededByNeedType: {
      mainstream: p(beds.p10 * 0.82, beds.p50 * 0.82, beds.p90 * 0.82),
      soloComplex: p(beds.p10 * 0.18, beds.p50 * 0.18, beds.p90 * 0.18),
    },
    registeredPlaces: opts.registered ?? 754,
    accessiblePlaces: accessible,
    gap: p(beds.p10 - accessible, beds.p50 - accessible, beds.p90 - accessible),
    probabilityNeedExceedsAccessible: opts.probability ?? 0.998,
  };
}

/** Greater Manchester as the illustrative plan projects it (rate method, 1,000 simulations, seed 1). */
const gm: AreaProjection = {
  code: 'consortium',
  name: 'Greater Manchester',
  history: [
    { year: '2021', value: 535 },
    { year: '2022', value: 516 },
    { year: '2023', value: 556 },
    { year: '2024', value: 655 },
    { year: '2025', value: 727 },
  ],
  years: [
    year('2026', [675, 764, 855]),
    year('2027', [709, 807, 926]),
    year('2028', [738.9, 855, 981]),
    year('2029', [755, 886, 1031.1]),
    year('2030', [789.9, 922.5, 1083.1]),
  ],
};

const size: FanChartSize = { width: 500, height: 300, margin: { top: 20, right: 20, bottom: 30, left: 40 } };

describe('fan chart model', () => {
  it('spans every year from the first observed to the last projected, on years ending 31 March', () => {
    const m = fanChartModel(gm, size);
    expect(m.years).toEqual(['2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
    expect(m.baseYear).toBe('2025');
    expect(m.xTicks.map((t) => t.label)).toEqual(m.years);
    // Years are evenly spaced, oldest on the left, inside the plot.
    const xs = m.years.map((y) => m.x(Number(y)));
    const steps = xs.slice(1).map((x, i) => x - (xs[i] ?? 0));
    for (const s of steps) expect(s).toBeCloseTo(steps[0] ?? 0, 6);
    expect(xs[0]).toBeGreaterThan(m.plot.left);
    expect(xs.at(-1)).toBeLessThan(m.plot.right);
  });

  it('keeps the median inside the P10–P90 band in every year, and starts the band at the last observed value', () => {
    const m = fanChartModel(gm, size);
    expect(m.band[0]).toMatchObject({ year: '2025', anchor: true, p10: 727, p50: 727, p90: 727 });
    for (const b of m.band) {
      // SVG y grows downwards: P90 is at or above the median, P10 at or below it.
      expect(b.y90).toBeLessThanOrEqual(b.y50);
      expect(b.y50).toBeLessThanOrEqual(b.y10);
    }
    expect(m.band.map((b) => b.year)).toEqual(['2025', '2026', '2027', '2028', '2029', '2030']);
    expect(m.bandPath).toMatch(/^M/);
    expect(m.medianPath).toMatch(/^M/);
    expect(m.medianPoints.map((pt) => pt.value)).toEqual([764, 807, 855, 886, 922.5]);
  });

  it('starts the y axis at zero and covers the P90, beds needed and places', () => {
    const m = fanChartModel(gm, size);
    expect(m.yDomain[0]).toBe(0);
    const bedsTop = 922.5 / 0.85;
    expect(m.yDomain[1]).toBeGreaterThanOrEqual(bedsTop);
    expect(m.yDomain[1]).toBeGreaterThanOrEqual(1083.1);
    const highPlaces = fanChartModel({ ...gm, years: gm.years.map((y) => ({ ...y, accessiblePlaces: 5000 })) }, size);
    expect(highPlaces.yDomain[1]).toBeGreaterThanOrEqual(5000);
    for (const t of m.yTicks) {
      expect(t.at).toBeGreaterThanOrEqual(m.plot.top - 1e-9);
      expect(t.at).toBeLessThanOrEqual(m.plot.bottom + 1e-9);
    }
    expect(m.yTicks[0]?.label).toBe('0');
  });

  it('draws accessible places as one step per projected year and beds needed through each year', () => {
    const changing = {
      ...gm,
      years: gm.years.map((y, i) => ({ ...y, accessiblePlaces: i < 2 ? 500 : 560 })),
    };
    const m = fanChartModel(changing, size);
    expect(m.placesSteps).toHaveLength(5);
    expect(m.placesSteps.map((s) => s.value)).toEqual([500, 500, 560, 560, 560]);
    for (const s of m.placesSteps) expect(s.x1).toBeGreaterThan(s.x0);
    expect(m.placesSteps[2]?.y).toBeLessThan(m.placesSteps[1]?.y ?? 0);
    expect(m.placesPath).toMatch(/^M/);
    expect(m.bedsPoints.map((b) => Math.round(b.value))).toEqual([899, 949, 1006, 1042, 1085]);
  });

  it('breaks the history line at a missing (null) year instead of drawing it as zero', () => {
    const input: FanChartInput = {
      name: 'Bolton',
      history: [
        { year: '2021', value: 47 },
        { year: '2022', value: 44 },
        { year: '2023', value: null },
        { year: '2024', value: 71 },
        { year: '2025', value: 102 },
      ],
      years: [],
    };
    const m = fanChartModel(input, size);
    expect(m.historyGaps).toEqual(['2023']);
    expect(m.historyPoints.map((pt) => pt.year)).toEqual(['2021', '2022', '2024', '2025']);
    // Two separate segments: two move-to commands, and no point at zero.
    expect(m.historyPath?.match(/M/g)).toHaveLength(2);
    expect(m.historyPoints.every((pt) => pt.y < m.y(0))).toBe(true);
  });

  it('treats a year missing from the history as a gap too', () => {
    const m = fanChartModel(
      {
        name: 'X',
        history: [
          { year: '2021', value: 10 },
          { year: '2023', value: 12 },
          { year: '2024', value: 13 },
        ],
        years: [],
      },
      size,
    );
    expect(m.historyGaps).toEqual(['2022']);
    // 2021 stands alone (a dot), 2023–2024 is a segment: nothing joins 2021 to 2023.
    const segments = (m.historyPath ?? '').split('M').filter(Boolean);
    expect(segments).toHaveLength(2);
    expect(segments[0]).not.toContain('L');
    expect(segments[1]?.match(/L/g)).toHaveLength(1);
    expect(m.historyPoints.map((pt) => pt.year)).toEqual(['2021', '2023', '2024']);
  });

  it('copes with no figures at all, and with a single year', () => {
    const empty = fanChartModel({ name: 'Empty', history: [], years: [] }, size);
    expect(empty.historyPath).toBeNull();
    expect(empty.bandPath).toBeNull();
    expect(empty.years).toEqual([]);
    const one = fanChartModel({ name: 'One', history: [], years: [year('2026', [5, 6, 8])] }, size);
    expect(one.bandPath).toBeNull(); // no history to start from, and only one year
    expect(one.placesSteps).toHaveLength(1);
  });

  it('keeps a compact chart to a few ticks and no end labels', () => {
    const m = fanChartModel(gm, compactFanChartSize);
    expect(m.compact).toBe(true);
    expect(m.endLabels).toEqual([]);
    expect(m.xTicks.map((t) => t.label)).toEqual(['2021', '2025', '2030']);
    expect(m.yTicks.length).toBeLessThanOrEqual(5);
  });

  it('labels the ends of the median, beds and places lines without overlapping', () => {
    const m = fanChartModel(gm);
    expect(m.endLabels.map((l) => l.text).sort()).toEqual(['1,085 beds', '500 places', '923 children']);
    const ys = m.endLabels.map((l) => l.labelY).sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect((ys[i] ?? 0) - (ys[i - 1] ?? 0)).toBeGreaterThanOrEqual(18 - 1e-9);
  });

  it('spreads labels apart within the plot', () => {
    const out = spreadLabels([{ y: 100 }, { y: 101 }, { y: 102 }], 10, 0, 200);
    expect(out.map((l) => l.labelY)).toEqual([100, 110, 120]);
    const atBottom = spreadLabels([{ y: 195 }, { y: 199 }], 10, 0, 200);
    expect(atBottom.map((l) => l.labelY)).toEqual([190, 200]);
  });

  it('describes the chart in words, with the 80% range', () => {
    expect(describeFanChart(gm)).toBe(
      'Greater Manchester: 727 children in 2025; projected 764 (80% range 675–855) in 2026, 807 (709–926) in 2027, ' +
        '855 (739–981) in 2028, 886 (755–1,031) in 2029, 923 (790–1,083) in 2030. ' +
        'Beds needed (median) 899 in 2026 to 1,085 in 2030; accessible places 500.',
    );
    expect(describeFanChart({ name: 'Nowhere', history: [], years: [] })).toBe(
      'Nowhere: no observed figures; no projection.',
    );
    expect(formatWhole(1083.1)).toBe('1,083');
  });
});

describe('beds and places rows', () => {
  it('formats each year: medians, 80% ranges, beds by need type, places, gap in words and chance of being short', () => {
    const rows = buildYearRows(gm);
    expect(rows.map((r) => r.year)).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(rows[0]).toMatchObject({
      demandP50: '764',
      demandRange: '675–855',
      bedsP50: '899',
      bedsRange: '794–1,006',
      mainstreamP50: '737',
      soloComplexP50: '162',
      registeredPlaces: '754',
      accessiblePlaces: '500',
      gap: { kind: 'short', text: 'short by 399' },
      gapRange: 'short by 295 to 506',
      probability: 'near certain (>99%)',
      probabilityInformative: false,
    });
    expect(rows[4]?.gap.text).toBe('short by 586');
  });

  it('says "short by" or "surplus of" in words, not colour only', () => {
    expect(gapWords(399.22)).toEqual({ kind: 'short', text: 'short by 399' });
    expect(gapWords(-12.4)).toEqual({ kind: 'surplus', text: 'surplus of 12' });
    expect(gapWords(1234.6)).toEqual({ kind: 'short', text: 'short by 1,235' });
    expect(gapWords(0.3)).toEqual({ kind: 'balanced', text: 'no gap' });
    expect(gapRangeWords({ p10: 294.5, p90: 506.3 })).toBe('short by 295 to 506');
    expect(gapRangeWords({ p10: -40, p90: -5 })).toBe('surplus of 5 to 40');
    expect(gapRangeWords({ p10: -20, p90: 50 })).toBe('surplus of 20 to short by 50');
    expect(gapRangeWords({ p10: 0, p90: 0 })).toBe('no gap');
  });

  it('never rounds an uncertain chance to 0% or 100%', () => {
    expect(formatProbability(0.998)).toBe('>99%');
    expect(formatProbability(1)).toBe('100%');
    expect(formatProbability(0)).toBe('0%');
    expect(formatProbability(0.004)).toBe('<1%');
    expect(formatProbability(0.456)).toBe('46%');
  });

  it('turns a surplus year into a surplus row', () => {
    const rows = buildYearRows({ years: [year('2026', [8, 10, 13], { accessible: 20, probability: 0.02 })] });
    expect(rows[0]?.gap).toEqual({ kind: 'surplus', text: 'surplus of 8' });
    expect(rows[0]?.probability).toBe('2%');
    expect(rows[0]?.probabilityInformative).toBe(true);
  });

  it('sums up the last year in a sentence', () => {
    expect(headline(gm)).toBe(
      'By 31 March 2030: 923 children (80% range 790–1,083) need a place; 1,085 beds are needed against 500 accessible places: short by 586.',
    );
    expect(headline({ years: [] })).toBeNull();
  });
});

describe('assumption inputs', () => {
  it('shows shares as percentages and reads percentages back as shares', () => {
    expect(shareToPercent(0.85)).toBe(85);
    expect(shareToPercent(0.18)).toBe(18);
    expect(shareToPercent(0.125)).toBe(12.5);
    expect(shareToPercent(0.1 + 0.2)).toBe(30);
    const occ = editableAssumptions.targetOccupancy;
    if (!occ) throw new Error('target occupancy should be editable');
    expect(parsePercent('80', occ)).toEqual({ ok: true, percent: 80, share: 0.8 });
    expect(parsePercent(' 82.5% ', occ)).toEqual({ ok: true, percent: 82.5, share: 0.825 });
    expect(parsePercent('82,5', occ)).toMatchObject({ ok: true, share: 0.825 });
    expect(parsePercent('100', occ)).toMatchObject({ ok: true, share: 1 });
    for (const pct of [0, 1, 12.5, 33.3, 50, 85, 99.9, 100]) {
      const back = parsePercent(String(pct), { min: 0, max: 100, name: 'Share' });
      expect(back.ok && shareToPercent(back.share)).toBe(pct);
    }
  });

  it('rejects what cannot be a percentage in range, saying what to enter', () => {
    const occ = editableAssumptions.targetOccupancy;
    if (!occ) throw new Error('target occupancy should be editable');
    expect(parsePercent('45', occ)).toEqual({ ok: false, message: 'Target occupancy must be from 50% to 100%.' });
    expect(parsePercent('120', occ)).toMatchObject({ ok: false });
    expect(parsePercent('abc', occ)).toEqual({
      ok: false,
      message: 'Target occupancy must be a number from 50% to 100%.',
    });
    expect(parsePercent('', occ)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Enter target occupancy/),
    });
  });

  it('maps the result’s keys to the keys the plan stores, with the host’s ranges', () => {
    expect(
      Object.values(editableAssumptions)
        .map((s) => s.planKey)
        .sort(),
    ).toEqual([...Object.values(planAssumptionKeys), 'populationGrowthWithoutProjection'].sort());
    expect(editableAssumptions['needTypeShare.soloComplex']?.planKey).toBe('needTypeShareSoloComplex');
    expect(editableAssumptions.populationGrowthWithoutProjection).toMatchObject({ min: -5, max: 5 });
    expect(
      formatForecastAssumption({ key: 'populationGrowthWithoutProjection', value: 0.005, unit: 'share a year' }),
    ).toBe('+0.5% a year');
    expect(parsePercent('−1.5', { min: -5, max: 5, name: 'Growth' })).toMatchObject({ ok: true, share: -0.015 });
    expect(editableAssumptions.targetOccupancy).toMatchObject({ min: 50, max: 100 });
    expect(editableAssumptions.trendDamping).toMatchObject({ min: 1, max: 100 });
  });

  it('lists every assumption with its value in its unit, and an input only for those the plan stores', () => {
    const rows = buildAssumptionRows([
      {
        key: 'targetOccupancy',
        label: 'Target occupancy',
        value: 0.85,
        unit: 'share of beds',
        rationale: 'Why.',
        source: null,
      },
      {
        key: 'needTypeShare.mainstream',
        label: 'Mainstream',
        value: 0.82,
        unit: 'share of children',
        rationale: 'R',
        source: null,
      },
      {
        key: 'needTypeShare.soloComplex',
        label: 'Solo',
        value: 0.18,
        unit: 'share of children',
        rationale: 'R',
        source: null,
      },
      { key: 'trendDamping', label: 'Damping', value: 0.8, unit: 'ratio', rationale: 'R', source: null },
      { key: 'populationLag', label: 'Lag', value: 1, unit: 'years before', rationale: 'R', source: 'ons-mye' },
      {
        key: 'manualGrowth.E08000001',
        label: 'Bolton growth',
        value: 3,
        unit: '% a year',
        rationale: 'R',
        source: null,
      },
    ]);
    expect(rows.map((r) => r.valueText)).toEqual([
      '85% of beds',
      '82% of children',
      '18% of children',
      '80%',
      '1 year before',
      '3% a year',
    ]);
    expect(rows[0]?.editable).toMatchObject({ planKey: 'targetOccupancy', percent: 85 });
    expect(rows[1]?.editable).toBeNull();
    expect(rows[1]?.note).toMatch(/solo or complex/);
    expect(rows[2]?.editable).toMatchObject({ planKey: 'needTypeShareSoloComplex', percent: 18 });
    expect(rows[3]?.editable).toMatchObject({ planKey: 'trendDamping', percent: 80 });
    expect(rows[4]).toMatchObject({ editable: null, source: 'ons-mye', rationale: 'R' });
    expect(rows[5]?.note).toMatch(/growth table/);
    expect(formatForecastAssumption({ key: 'x', value: 1.06, unit: '% a year (mean over members)' })).toBe(
      '1.06% a year (mean over members)',
    );
    expect(formatForecastAssumption({ key: 'x', value: 0, unit: 'places' })).toBe('0 places');
    expect(formatForecastAssumption({ key: 'x', value: 0.05, unit: 'coefficient of variation' })).toBe(
      '5% (coefficient of variation)',
    );
  });

  it('reads manual growth and the seed as typed', () => {
    expect(parseGrowth('3', 'Bolton')).toEqual({ ok: true, growth: 0.03 });
    expect(parseGrowth('−2.5%', 'Bolton')).toEqual({ ok: true, growth: -0.025 });
    expect(parseGrowth('', 'Bolton')).toEqual({ ok: true, growth: 0 });
    expect(parseGrowth('-100', 'Bolton')).toMatchObject({ ok: false });
    expect(parseGrowth('lots', 'Bolton')).toMatchObject({ ok: false, message: expect.stringMatching(/^Bolton:/) });
    expect(parseSeed('42')).toEqual({ ok: true, seed: 42 });
    expect(parseSeed('4.2')).toMatchObject({ ok: false });
    expect(parseSeed('2147483648')).toMatchObject({ ok: false });
  });
});

describe('trends and pooling in words', () => {
  it('shows a log-rate trend as a yearly percentage', () => {
    expect(trendPercent(Math.log(1.1))).toBe('+10%');
    expect(trendPercent(Math.log(0.95))).toBe('−5%');
    expect(trendPercent(0)).toBe('0%');
  });

  it('describes how an authority’s trend was pooled', () => {
    const words = describeModel({
      kind: 'rate',
      years: 5,
      ratePer10k: 11.41,
      ownTrend: Math.log(1.248),
      consortiumTrend: Math.log(1.083),
      pooledTrend: Math.log(1.158),
      poolingWeight: 0.512,
    });
    expect(words?.short).toBe('Trend used +15.8% a year (own +24.8%, consortium +8.3%; 51% pooled)');
    expect(words?.long).toMatch(/11\.4 at the last observed year, fitted on 5 years/);
    expect(describeModel({ kind: 'manual', growth: 0.03, jumpOffYear: '2025', jumpOffValue: 102 })?.short).toBe(
      'Growth set: +3% a year from 102 in 2025',
    );
    expect(describeModel(undefined)).toBeNull();
  });

  it('finds the annual growth a projection implies, as a start for manual growth', () => {
    const g = impliedAnnualGrowth(gm);
    expect(g).toBeCloseTo(Math.pow(922.5 / 727, 1 / 5) - 1, 10);
    expect(impliedAnnualGrowth({ history: [], years: gm.years })).toBeNull();
  });
});

describe('backtest tables', () => {
  const acc = (h: number, n: number, mae: number | null, mape: number | null, coverage80: number | null) =>
    ({ h, n, mae, mape, coverage80 }) satisfies HorizonAccuracy;
  const backtest: BacktestResult = {
    method: 'rate',
    horizons: [acc(1, 20, 8.85, 12.6456, 0.8), acc(2, 10, 15.35, 20.402, 0.65)],
    baselines: {
      lastValue: [acc(1, 20, 9.35, 13.54, 0.75), acc(2, 10, 17.1, 22.72, 0.6)],
      linearTrend: [acc(1, 20, 10.558, 14.97, 0.75), acc(2, 10, 19.18, 25.88, 0.7)],
    },
    consortium: {
      method: [acc(1, 2, 72.25, 10.63, 0.5), acc(2, 1, 153, 21.05, 0)],
      lastValue: [acc(1, 2, 85.5, 12.51, 0.5), acc(2, 1, 171, 23.52, 0)],
      linearTrend: [acc(1, 2, 79.9, 11.74, null), acc(2, 1, 150, 21.99, 1)],
    },
    origins: ['2023', '2024'],
    minHistoryYears: 3,
    pairs: [],
    notes: ['2 origins (2023, 2024), so each horizon rests on few pairs (see n).'],
  };

  it('lays out one row per horizon with n, MAE, MAPE and coverage for the method and both baselines', () => {
    const rows = buildBacktestRows({
      method: backtest.horizons,
      lastValue: backtest.baselines.lastValue,
      linearTrend: backtest.baselines.linearTrend,
    });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      h: 1,
      n: 20,
      method: { mae: '8.9', mape: '12.6%', coverage: '80%' },
      lastValue: { mae: '9.4', mape: '13.5%', coverage: '75%' },
      linearTrend: { mae: '10.6', mape: '15%', coverage: '75%' },
      best: ['method'],
    });
    const consortium = buildBacktestRows(backtest.consortium);
    expect(consortium[0]?.linearTrend.coverage).toBe('—');
    expect(consortium[1]?.best).toEqual(['linearTrend']);
  });

  it('sums up the first horizon in plain English', () => {
    expect(backtestSummary(backtest)).toBe(
      'One year ahead, this method’s forecasts for member authorities were out by 8.9 children on average (12.6%), against 9.4 for repeating the last value and 10.6 for a straight-line trend (20 forecasts).',
    );
  });
});
