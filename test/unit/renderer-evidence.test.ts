/**
 * The evidence behind a projection, as the Projection view and the report show it: the method used
 * and why, the national backtest table (chosen first, last value always there), the consortium's
 * own backtest with its pairs and a plain verdict when too thin, and the chance of being short only
 * where it carries information, with the assumptions that drive it.
 */
import { describe, expect, it } from 'vitest';
import type { BacktestResult, HorizonAccuracy, MethodSelection } from '#shared/forecast/types.js';
import {
  buildNationalGroups,
  buildOwnBacktest,
  buildTotalsCoverage,
  probabilityAssumptions,
  probabilityFootnote,
  probabilityWords,
  selectionWords,
  shortfallProbability,
} from '../../renderer/src/models/evidenceModel.js';

type Candidate = MethodSelection['candidates'][number];

function candidate(method: Candidate['method'], label: string, rel: (number | null)[]): Candidate {
  return {
    method,
    label,
    horizons: rel.map((r, i) => ({
      h: i + 1,
      n: [751, 598, 447][i] ?? 0,
      origins: [4, 3, 2][i] ?? 0,
      mae: 5 + i,
      mape: 7.5 + i,
      bias: -1.25 * (i + 1),
      mase: r === null ? null : r * 0.9,
      maseVsLastValue: method === 'lastValue' ? 1 : r,
      coverage80: 0.8 - i * 0.01,
      groupCoverage80: null,
      groupPairs: 0,
    })),
    meanMaseVsLastValue: null,
    calibration: [],
  };
}

function selection(opts: { chosen?: Candidate['method']; used?: Candidate['method'] } = {}): MethodSelection {
  const chosen = opts.chosen ?? 'dampedTrend';
  const label = chosen === 'lastValue' ? 'Last value (no change)' : 'Damped trend on counts';
  return {
    series: 'childrenInChildrensHomes',
    areas: 148,
    groups: 9,
    origins: [2020, 2021, 2022, 2023],
    horizons: [1, 2, 3],
    scoreBasis: 'MASE relative to last value',
    candidates: [
      candidate('lastValue', 'Last value (no change)', [1, 1, 1]),
      candidate('drift', 'Random walk with drift', [1.02, 1.05, 1.1]),
      candidate('dampedTrend', 'Damped trend on counts', [0.96, 0.95, 0.97]),
    ],
    chosen,
    reason:
      chosen === 'lastValue'
        ? 'No candidate beat carrying the last value forward at every horizon on 148 authorities’ backtests, so the last value is the default.'
        : 'Damped trend on counts had the lowest error on 148 authorities’ backtests.',
    lastValueDefault: chosen === 'lastValue',
    calibration: [],
    smoothing: { count: { phi: 0.8, beta: 0.5, score: null }, rate: { phi: 0.8, beta: 0.5, score: null } },
    notes: [],
    used: opts.used ?? chosen,
    usedLabel: (opts.used ?? chosen) === 'drift' ? 'Random walk with drift' : label,
  } as MethodSelection;
}

const acc = (h: number, n: number, mae: number | null = 3): HorizonAccuracy => ({
  h,
  n,
  mae,
  mape: mae === null ? null : mae * 2,
  coverage80: 0.75,
});

function backtest(origins: string[], n: number[]): BacktestResult {
  const hs = n.map((k, i) => acc(i + 1, k));
  return {
    method: 'rate',
    horizons: hs,
    baselines: { lastValue: n.map((k, i) => acc(i + 1, k, 2.5)), linearTrend: hs },
    consortium: {
      method: n.map((_, i) => acc(i + 1, Math.max(0, origins.length - i))),
      lastValue: hs,
      linearTrend: hs,
    },
    origins,
    minHistoryYears: 3,
    pairs: [],
    notes: [],
  };
}

describe('chance of being short', () => {
  it('shows a figure only where it is informative', () => {
    expect(probabilityWords(0.37)).toEqual({ kind: 'figure', text: '37%', informative: true });
    expect(probabilityWords(0.995).text).toBe('near certain (>99%)');
    expect(probabilityWords(0.004).text).toBe('very unlikely (<1%)');
    expect(probabilityWords(1).informative).toBe(false);
    expect(probabilityWords(0).kind).toBe('veryUnlikely');
    expect(probabilityWords(Number.NaN)).toEqual({ kind: 'unknown', text: '—', informative: false });
    expect(probabilityWords(null).text).toBe('—');
  });

  it('follows the projection’s own flag where it has one', () => {
    expect(shortfallProbability({ probabilityNeedExceedsAccessible: 0.989, probabilityInformative: false }).text).toBe(
      'near certain (>99%)',
    );
    expect(shortfallProbability({ probabilityNeedExceedsAccessible: 0.5, probabilityInformative: true }).text).toBe(
      '50%',
    );
    // An informative figure that rounds to 0 or 100 is still never shown as certain.
    expect(probabilityWords(0.0104, true).text).toBe('1%');
    expect(probabilityWords(0.9896, true).text).toBe('99%');
  });

  it('names the assumptions that drive it, with their values', () => {
    const assumptions = [
      { key: 'targetOccupancy', value: 0.85 },
      { key: 'openMarketAccessShare', value: 0.3 },
      { key: 'consortiumOpenMarketAccessShare', value: 0.6 },
    ];
    expect(probabilityAssumptions(assumptions, 'consortium')).toBe(
      'target occupancy 85%; share of open-market places counted as accessible 60% for consortium children',
    );
    expect(probabilityAssumptions(assumptions, 'authority')).toBe(
      'target occupancy 85%; share of open-market places counted as accessible 30% for an authority’s own children',
    );
    expect(probabilityAssumptions(assumptions)).toContain('60% for consortium children, 30% for an authority’s own');
    expect(probabilityAssumptions([])).toBeNull();
    expect(probabilityFootnote(assumptions, 'consortium')).toMatch(/below 1% or above 99%.*target occupancy 85%/);
  });
});

describe('method choice', () => {
  it('says which method is used and why', () => {
    const w = selectionWords(selection());
    expect(w.usedLabel).toBe('Damped trend on counts');
    expect(w.overridden).toBe(false);
    expect(w.reason).toMatch(/lowest error on 148 authorities/);
    expect(w.lastValueNote).toBeNull();
    expect(w.basis).toMatch(
      /148 English authorities’ children in secure and children’s homes, over 4 forecast origins \(2020–2023\)/,
    );
  });

  it('says plainly when last value is the default because nothing beat it', () => {
    const w = selectionWords(selection({ chosen: 'lastValue' }));
    expect(w.lastValueNote).toMatch(/default is last value because nothing beat it/);
  });

  it('says when the method was set by hand against the evidence', () => {
    const w = selectionWords(selection({ used: 'drift' }));
    expect(w.overridden).toBe(true);
    expect(w.chosenLabel).toBe('Damped trend on counts');
    expect(w.usedLabel).toBe('Random walk with drift');
  });
});

describe('national backtest table', () => {
  it('puts the chosen method first and always keeps last value', () => {
    const groups = buildNationalGroups(selection());
    expect(groups.map((g) => g.method)).toEqual(['dampedTrend', 'lastValue', 'drift']);
    expect(groups[0]?.chosen).toBe(true);
    expect(groups.filter((g) => g.chosen)).toHaveLength(1);
    const lv = groups.find((g) => g.lastValue);
    expect(lv?.rows.map((r) => r.maseVsLastValue)).toEqual(['1.00', '1.00', '1.00']);
  });

  it('formats pairs, errors, bias and coverage by horizon', () => {
    const [chosen] = buildNationalGroups(selection());
    expect(chosen?.rows.map((r) => r.h)).toEqual([1, 2, 3]);
    expect(chosen?.rows[0]).toMatchObject({
      pairs: '751',
      mae: '5.0',
      mape: '7.5%',
      maseVsLastValue: '0.96',
      bias: '−1.3%',
      coverage: '80%',
      beatsLastValue: true,
    });
    const drift = buildNationalGroups(selection()).find((g) => g.method === 'drift');
    expect(drift?.rows[2]?.beatsLastValue).toBe(false);
  });

  it('shows a dash where a horizon has no pairs', () => {
    const groups = buildNationalGroups(selection(), [1, 2, 3, 4]);
    expect(groups[0]?.rows[3]).toMatchObject({ pairs: '0', mae: '—', maseVsLastValue: '—', coverage: '—' });
  });
});

describe('the consortium’s own backtest', () => {
  it('says plainly when it is too thin to judge', () => {
    const own = buildOwnBacktest(backtest(['2022', '2023'], [20, 10]));
    expect(own.thin).toBe(true);
    expect(own.rows.map((r) => [r.h, r.pairs, r.consortiumPairs, r.thin])).toEqual([
      [1, 20, 2, true],
      [2, 10, 1, true],
    ]);
    expect(own.verdict).toMatch(/too thin to judge: 20 pairs at most per horizon from 2 forecast origins/);
    expect(own.verdict).toMatch(/rely on the national evidence/);
  });

  it('is thin with many pairs but fewer than three origins', () => {
    expect(buildOwnBacktest(backtest(['2022', '2023'], [40, 30])).thin).toBe(true);
  });

  it('is judged when it has enough pairs and origins', () => {
    const own = buildOwnBacktest(backtest(['2020', '2021', '2022', '2023'], [40, 30, 20]));
    expect(own.thin).toBe(false);
    expect(own.rows.map((r) => r.thin)).toEqual([false, false, true]);
    expect(own.verdict).toMatch(/40 pairs at most per horizon from 4 forecast origins/);
    expect(own.rows[0]).toMatchObject({ mae: '3.0', mape: '6.0%', lastValueMae: '2.5', coverage: '75%' });
  });

  it('without a backtest, relies on the national evidence', () => {
    const own = buildOwnBacktest(null);
    expect(own.thin).toBe(true);
    expect(own.rows).toEqual([]);
    expect(own.verdict).toMatch(/rely on the national evidence/);
  });
});

describe('ranges for consortium totals', () => {
  it('shows the used method’s coverage of regions’ and random groups’ totals, origin by origin', () => {
    const s = selection();
    const damped = s.candidates.find((c) => c.method === 'dampedTrend');
    if (!damped) throw new Error('fixture');
    damped.horizons = damped.horizons.map((h, i) => ({
      ...h,
      regionCoverage80: [0.833, 0.704, 0.944][i] ?? null,
      regionPairs: [36, 27, 18][i] ?? 0,
      randomGroupCoverage80: [0.8, 0.762, 0.86][i] ?? null,
      randomGroupPairs: [800, 600, 400][i] ?? 0,
      groupCoverageByOrigin: [
        { origin: 2021, coverage80: 0.91, pairs: 209 },
        { origin: 2022, coverage80: 0.6, pairs: 209 },
      ].slice(0, 3 - i),
    }));
    const totals = buildTotalsCoverage(s);
    expect(totals.rows.map((r) => [r.h, r.regions, r.regionPairs, r.randomGroups, r.randomGroupPairs])).toEqual([
      [1, '83%', 36, '80%', 800],
      [2, '70%', 27, '76%', 600],
      [3, '94%', 18, '86%', 400],
    ]);
    expect(totals.rows[0]?.byOrigin).toBe('2021: 91%, 2022: 60%');
    expect(totals.verdict).toMatch(/rest on 1 to 2 origins however many totals/);
    // Another method used by hand: its own figures, not the chosen one's.
    expect(buildTotalsCoverage(selection({ used: 'drift' })).rows).toEqual([]);
  });

  it('shows nothing where the backtest scored no totals', () => {
    expect(buildTotalsCoverage(selection())).toEqual({ rows: [], verdict: null });
    expect(buildTotalsCoverage(null)).toEqual({ rows: [], verdict: null });
  });
});
