/**
 * The national backtest and method selection (shared/forecast/national/): constructed panels whose
 * process is known (a random walk, a random walk with drift, a damped trend) must each be recovered
 * by the selection, with calibrated 80% intervals covering 77–83% of held-back outcomes; and on the
 * committed national dataset (every English upper-tier authority), for children in secure and
 * children's homes and for children looked after, the chosen method must be no worse than last value
 * at horizons 1–3 and its 80% ranges must cover 75–85%. Every figure is printed.
 */
import { describe, expect, it } from 'vitest';
import builtin from '../../resources/dataset/builtin-england.json';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import {
  nationalBacktest,
  nationalPanelFromPlan,
  Rng,
  type NationalBacktestResult,
  type NationalPanel,
  type PanelArea,
} from '#shared/forecast/index.js';

type Step = (rng: Rng, area: number, t: number, prevLog: number, state: { trend: number }) => number;

/** A panel of `count` authorities over `years` years from 2011, sizes 20–2,000, in 9 groups. */
function syntheticPanel(seed: number, count: number, years: number, step: Step): NationalPanel {
  const rng = new Rng(seed);
  const areas: PanelArea[] = Array.from({ length: count }, (_, i) => {
    const values = new Map<number, number>();
    const population = new Map<number, number>();
    let z = Math.log(20 * Math.exp(4.6 * rng.uniform()));
    const state = { trend: 0 };
    for (let t = 0; t < years; t++) {
      if (t > 0) z = step(rng, i, t, z, state);
      values.set(2011 + t, Math.round(Math.exp(z)));
      population.set(2011 + t, 50_000);
    }
    return { code: `S${i}`, name: `Synthetic ${i}`, group: `G${i % 9}`, values, population };
  });
  return {
    series: 'childrenLookedAfter',
    areas,
    years: Array.from({ length: years }, (_, t) => 2011 + t),
  };
}

function print(title: string, r: NationalBacktestResult): void {
  const lines = [`${title}: chosen ${r.chosen} — ${r.reason}`];
  lines.push(
    'method                  h   pairs   MAE    MAPE%  bias%  MASE   vsLV   cover80  regions(n)   random groups(n)',
  );
  for (const c of r.candidates) {
    for (const h of c.horizons) {
      const f = (x: number | null, d = 3) => (x === null ? '   -  ' : x.toFixed(d));
      lines.push(
        `${c.method.padEnd(22)} ${h.h}  ${String(h.n).padStart(5)}  ${f(h.mae, 1).padStart(6)} ${f(h.mape, 1).padStart(6)} ${f(h.bias, 1).padStart(6)}  ${f(h.mase)}  ${f(h.maseVsLastValue)}  ${f(h.coverage80)}   ${f(h.regionCoverage80 ?? null)} (${h.regionPairs ?? 0})   ${f(h.randomGroupCoverage80 ?? null)} (${h.randomGroupPairs ?? 0})`,
      );
    }
  }
  console.log(lines.join('\n'));
}

const noise = (rng: Rng, z: number, sd: number) =>
  z + sd * rng.normal() + (rng.poisson(Math.exp(z)) - Math.exp(z)) / Math.exp(z);

describe('method selection on constructed panels', () => {
  it('recovers a random walk (last value) with calibrated intervals', () => {
    const panel = syntheticPanel(1, 300, 10, (rng, _i, _t, z) => noise(rng, z, 0.06));
    const r = nationalBacktest(panel, { horizons: [1, 2, 3] });
    print('Random walk', r);
    expect(r.chosen).toBe('lastValue');
    expect(r.lastValueDefault).toBe(true);
    const chosen = r.candidates.find((c) => c.method === r.chosen);
    for (const h of chosen?.horizons ?? []) expect(Math.abs((h.coverage80 ?? 0) - 0.8)).toBeLessThanOrEqual(0.03);
  });

  it('recovers a random walk with drift', () => {
    const panel = syntheticPanel(2, 300, 10, (rng, i, _t, z) => noise(rng, z, 0.02) + 0.08 * Math.sin(i));
    const r = nationalBacktest(panel, { horizons: [1, 2, 3] });
    print('Random walk with drift', r);
    expect(r.chosen).toBe('drift');
    const chosen = r.candidates.find((c) => c.method === r.chosen);
    for (const h of chosen?.horizons ?? []) expect(Math.abs((h.coverage80 ?? 0) - 0.8)).toBeLessThanOrEqual(0.03);
  });

  it('recovers a damped trend', () => {
    const panel = syntheticPanel(3, 300, 10, (rng, i, _t, z, state) => {
      // A trend that jumps now and then and fades by 40% a year.
      if (rng.uniform() < 0.3) state.trend = 0.25 * rng.normal();
      else state.trend *= 0.6;
      void i;
      return noise(rng, z, 0.02) + state.trend;
    });
    const r = nationalBacktest(panel, { horizons: [1, 2, 3] });
    print('Damped trend', r);
    expect(['dampedTrend', 'pooledDampedTrend', 'dampedTrendRate', 'pooledDampedTrendRate']).toContain(r.chosen);
    const chosen = r.candidates.find((c) => c.method === r.chosen);
    for (const h of chosen?.horizons ?? []) expect(Math.abs((h.coverage80 ?? 0) - 0.8)).toBeLessThanOrEqual(0.03);
  });
});

describe('national backtest on every English authority', () => {
  const data = builtin as unknown as BuiltInDataset;
  for (const series of ['childrenInChildrensHomes', 'childrenLookedAfter'] as const) {
    it(`${series}: the chosen method is no worse than last value and its 80% ranges cover 75–85%`, () => {
      const t0 = performance.now();
      const r = nationalBacktest(nationalPanelFromPlan(data, series), { horizons: [1, 2, 3] });
      const ms = performance.now() - t0;
      print(`${series} (${r.areas} authorities, origins ${r.origins.join(', ')}, ${ms.toFixed(0)} ms)`, r);
      expect(r.areas).toBeGreaterThan(140);
      const chosen = r.candidates.find((c) => c.method === r.chosen);
      expect(chosen?.horizons.map((h) => h.h)).toEqual([1, 2, 3]);
      for (const h of chosen?.horizons ?? []) {
        expect(h.maseVsLastValue ?? Infinity).toBeLessThanOrEqual(1);
        expect(h.coverage80 ?? 0).toBeGreaterThanOrEqual(0.75);
        expect(h.coverage80 ?? 1).toBeLessThanOrEqual(0.85);
      }
      expect(ms).toBeLessThan(2000);
    });
  }
});

describe('consortium totals on every English authority', () => {
  const data = builtin as unknown as BuiltInDataset;
  for (const series of ['childrenInChildrensHomes', 'childrenLookedAfter'] as const) {
    it(`${series}: 80% ranges of summed groups (regions, random groups of 5–15) cover about 80%`, () => {
      const r = nationalBacktest(nationalPanelFromPlan(data, series), { horizons: [1, 2, 3] });
      const chosen = r.candidates.find((c) => c.method === r.chosen);
      const f = (x: number | null | undefined) => (x === null || x === undefined ? '-' : x.toFixed(3));
      console.log(
        `${series} (${r.chosen}) summed groups, leave-one-origin-out:\n` +
          (chosen?.horizons ?? [])
            .map(
              (h) =>
                `  h ${h.h}: authorities ${f(h.coverage80)}; regions ${f(h.regionCoverage80)} (${h.regionPairs ?? 0}); random groups ${f(h.randomGroupCoverage80)} (${h.randomGroupPairs ?? 0}); all ${f(h.groupCoverage80)} (${h.groupPairs}); common variance ${f(r.calibration.find((c) => c.h === h.h)?.commonVariance)}`,
            )
            .join('\n'),
      );
      // The target is 75–85%. Regions are nine sums per origin sharing one national swing, so with
      // four or five origins their coverage moves in steps of several points; the pooled summed
      // groups are held to 70–90% until more origins are available (see the closing note of issue 15).
      for (const h of chosen?.horizons ?? []) {
        expect(h.groupPairs).toBeGreaterThan(300);
        expect(h.groupCoverage80 ?? 0).toBeGreaterThanOrEqual(0.7);
        expect(h.groupCoverage80 ?? 1).toBeLessThanOrEqual(0.9);
        expect(h.coverage80 ?? 0).toBeGreaterThanOrEqual(0.75);
        expect(h.coverage80 ?? 1).toBeLessThanOrEqual(0.85);
      }
    });
  }
});
