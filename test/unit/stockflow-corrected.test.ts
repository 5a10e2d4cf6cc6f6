import { describe, expect, it } from 'vitest';
import { ssda903FromRecords } from '#shared/import/ssda903/index.js';
import type { EpisodeRecord, HeaderRecord } from '#shared/import/ssda903/index.js';
import { MONTH_DAYS, fitStockFlow, projectStockFlow } from '#shared/forecast/stockflow/index.js';
import type { StockFlowFitOptions } from '#shared/forecast/stockflow/index.js';

function fit(headers: HeaderRecord[], episodes: EpisodeRecord[], options: Partial<StockFlowFitOptions> = {}) {
  const { dataset } = ssda903FromRecords(headers, episodes);
  return fitStockFlow(dataset.episodes, dataset.children, {
    referenceStart: '2021-04-01',
    referenceEnd: '2021-06-30',
    poolingDays: 0,
    ...options,
  });
}

const born2008 = (child: string): HeaderRecord => ({ child, dob: '2008-06-15' });

describe('corrected mode: hand-computed expected path', () => {
  // Four children aged 12–13, all fostered: A leaves care on 10 May, C enters on 15 April.
  const headers = ['A', 'B', 'C', 'D'].map(born2008);
  const episodes: EpisodeRecord[] = [
    { child: 'A', decom: '2020-01-01', dec: '2021-05-10', place: 'U4' },
    { child: 'B', decom: '2020-06-01', place: 'U5' },
    { child: 'C', decom: '2021-04-15', place: 'U4' },
    { child: 'D', decom: '2019-01-01', place: 'U4' },
  ];
  const model = fit(headers, episodes);

  it('estimates rates as occurrences ÷ child-days at risk', () => {
    if (model.mode !== 'corrected') throw new Error('expected the corrected model');
    // Days at risk (event days whose previous day the child was in care), 1 April – 30 June:
    // A 1 April – 10 May = 40, B 91, D 91, C 16 April – 30 June = 76.
    const foster1015 = 3 * 5 + 0; // band 10–15, foster
    expect(model.exposure[foster1015]).toBe(40 + 91 + 91 + 76);
    expect(model.counts[foster1015 * 6 + 5]).toBe(1);
    expect(model.hazards[foster1015 * 6 + 5]).toBeCloseTo(1 / 298, 15);
    expect(model.entrants[foster1015]).toBe(1);
    expect(model.entryRates[foster1015]).toBeCloseTo(1 / 91, 15);
  });

  it('follows x(m+1) = x(m)·e^(−hΔ) + λΔ·e^(−hΔ/2), month by month (computed with plain loops)', () => {
    const h = 1 / 298;
    const lambda = 1 / 91;
    const expected: number[] = [];
    let x = 3; // B, C and D on 30 June 2021
    for (let m = 1; m <= 24; m++) {
      x = x * Math.exp(-h * MONTH_DAYS) + lambda * MONTH_DAYS * Math.exp((-h * MONTH_DAYS) / 2);
      expected.push(x);
    }
    const projection = projectStockFlow(model, { horizonMonths: 24, simulations: 0 });
    expect(projection.start.total.mean).toBe(3);
    expect(projection.points).toHaveLength(24);
    projection.points.forEach((p, i) => {
      expect(p.month).toBe(i + 1);
      expect(p.byCategory.foster!.mean).toBeCloseTo(expected[i]!, 10);
      expect(p.total.mean).toBeCloseTo(expected[i]!, 10);
      expect(p.byCategory.childrensHome!.mean).toBe(0);
    });
    expect(projection.points[11]!.date).toBe('2022-06-30');
  });

  it('moves between categories with the continuous-time chain within each month', () => {
    // Two fostered children; one moves to a children's home in the window.
    const m = fit(['P', 'Q'].map(born2008), [
      { child: 'P', decom: '2020-01-01', dec: '2021-05-01', place: 'U4' },
      { child: 'P', decom: '2021-05-01', place: 'K2' },
      { child: 'Q', decom: '2020-01-01', place: 'U4' },
    ]);
    // Foster at risk: P 1 April – 1 May = 31 days, Q 91 days; one move to K2.
    const h = 1 / (31 + 91);
    const projection = projectStockFlow(m, { horizonMonths: 6, simulations: 0 });
    let foster = 1;
    let home = 1;
    for (let month = 1; month <= 6; month++) {
      const stay = Math.exp(-h * MONTH_DAYS);
      home += foster * (1 - stay);
      foster *= stay;
      const p = projection.points[month - 1]!;
      expect(p.byCategory.foster!.mean).toBeCloseTo(foster, 10);
      expect(p.byCategory.childrensHome!.mean).toBeCloseTo(home, 10);
    }
  });
});

describe('corrected mode: fixes to the reference', () => {
  it('ages children out of care at 18', () => {
    // Born 15 September 2003: 17 years 9 months on 30 June 2021, in care with no exits seen.
    // (Only an open episode: the data's last day is given, as a return's 31 March would be.)
    const m = fit([{ child: 'Z', dob: '2003-09-15' }], [{ child: 'Z', decom: '2019-01-01', place: 'U4' }], {
      dataEnd: '2022-03-31',
    });
    const totals = projectStockFlow(m, { horizonMonths: 4, simulations: 0 }).points.map((p) => p.total.mean);
    expect(totals).toEqual([1, 1, 0, 0]);
    // The reference-compatible mode keeps them in care indefinitely.
    const { dataset } = ssda903FromRecords(
      [{ child: 'Z', dob: '2003-09-15' }],
      [{ child: 'Z', decom: '2019-01-01', place: 'U4' }],
    );
    const reference = fitStockFlow(dataset.episodes, dataset.children, {
      mode: 'sf-regional',
      referenceStart: '2021-04-01',
      referenceEnd: '2021-06-30',
      dataEnd: '2022-03-31',
    });
    expect(projectStockFlow(reference, { horizonMonths: 4 }).points.map((p) => p.total.mean)).toEqual([1, 1, 1, 1]);
  });

  it('does not count leaving on the 18th birthday as an exit rate, nor days at 18 as exposure', () => {
    const m = fit(
      [
        { child: 'Y', dob: '2003-05-01' },
        { child: 'X', dob: '2004-06-01' },
      ],
      [
        { child: 'Y', decom: '2020-01-01', dec: '2021-05-01', place: 'H5' }, // leaves on the 18th birthday
        { child: 'X', decom: '2020-01-01', place: 'H5' },
      ],
    );
    if (m.mode !== 'corrected') throw new Error('expected the corrected model');
    const supported1617 = 4 * 5 + 3;
    expect(m.counts[supported1617 * 6 + 5]).toBe(0);
    // Y at risk 1–30 April (the day before the birthday is the last), X all 91 days.
    expect(m.exposure[supported1617]).toBe(30 + 91);
  });

  it('is not biased low by days with no children in a state', () => {
    // One child in a children's home for the first 10 days of the window, then a move to foster care;
    // the state is empty for the other 81 days. The mean of daily ratios would give (1/1)/91 per day
    // with zero-stock days counted; occurrence ÷ exposure gives 1 move in 10 days at risk.
    const m = fit(
      [born2008('K')],
      [
        { child: 'K', decom: '2021-01-01', dec: '2021-04-10', place: 'K2' },
        { child: 'K', decom: '2021-04-10', place: 'U4' },
      ],
    );
    if (m.mode !== 'corrected') throw new Error('expected the corrected model');
    const home1015 = 3 * 5 + 1;
    expect(m.exposure[home1015]).toBe(10);
    expect(m.hazards[home1015 * 6 + 0]).toBeCloseTo(1 / 10, 15);
  });

  it('lets entries follow a population projection', () => {
    const headers = ['A', 'B'].map(born2008);
    const episodes: EpisodeRecord[] = [
      { child: 'A', decom: '2021-04-10', place: 'U4' },
      { child: 'B', decom: '2021-05-10', place: 'U4' },
    ];
    const flat = projectStockFlow(fit(headers, episodes), { horizonMonths: 24, simulations: 0 });
    const growing = projectStockFlow(
      fit(headers, episodes, {
        entries: {
          trend: 'population',
          population: [
            { year: 2021, count: 1000 },
            { year: 2023, count: 1500 },
          ],
        },
      }),
      { horizonMonths: 24, simulations: 0 },
    );
    // No exits were seen: the stock is the start plus cumulative entries.
    const entriesFlat = flat.points[23]!.total.mean - 2;
    const entriesGrowing = growing.points[23]!.total.mean - 2;
    expect(entriesFlat).toBeCloseTo((2 / 91) * MONTH_DAYS * 24, 8);
    expect(entriesGrowing / entriesFlat).toBeGreaterThan(1.15);
    expect(entriesGrowing / entriesFlat).toBeLessThan(1.35);
  });
});

describe('corrected mode: Monte Carlo intervals', () => {
  // A constructed population: 240 children, varied ages and placements, moves and exits.
  const headers: HeaderRecord[] = [];
  const episodes: EpisodeRecord[] = [];
  const places = ['U4', 'U5', 'K2', 'H5', 'P1', 'U1'];
  for (let i = 0; i < 240; i++) {
    const child = `c${i}`;
    const birthYear = 2004 + (i % 16);
    headers.push({ child, dob: `${birthYear}-${String((i % 12) + 1).padStart(2, '0')}-10` });
    const start = `2020-${String((i % 12) + 1).padStart(2, '0')}-0${(i % 9) + 1}`;
    const place = places[i % places.length]!;
    if (i % 3 === 0) {
      episodes.push({ child, decom: start, dec: `2021-${String((i % 6) + 4).padStart(2, '0')}-1${i % 10}`, place });
    } else if (i % 3 === 1) {
      const move = `2021-${String((i % 6) + 4).padStart(2, '0')}-2${i % 8}`;
      episodes.push({ child, decom: start, dec: move, place });
      episodes.push({ child, decom: move, place: places[(i + 1) % places.length]! });
    } else {
      episodes.push({ child, decom: `2021-${String((i % 9) + 4).padStart(2, '0')}-0${(i % 9) + 1}`, place });
    }
  }
  const model = fit(headers, episodes, { referenceStart: '2021-04-01', referenceEnd: '2022-03-31', poolingDays: 90 });

  it('gives ordered percentiles around the expected path, reproducibly for a seed', () => {
    const options = { horizonMonths: 60, reportMonths: [12, 36, 60], simulations: 400, seed: 42 };
    const a = projectStockFlow(model, options);
    const b = projectStockFlow(model, options);
    expect(a).toEqual(b);
    expect(a.seed).toBe(42);
    for (const p of a.points) {
      for (const s of [...Object.values(p.byCategory), p.total]) {
        expect(s.p10!).toBeLessThanOrEqual(s.p50!);
        expect(s.p50!).toBeLessThanOrEqual(s.p90!);
      }
      expect(p.total.p10!).toBeLessThan(p.total.mean);
      expect(p.total.p90!).toBeGreaterThan(p.total.mean);
      expect(Math.abs(p.total.p50! - p.total.mean) / p.total.mean).toBeLessThan(0.1);
    }
    // Intervals widen with the horizon.
    const width = (i: number) => a.points[i]!.total.p90! - a.points[i]!.total.p10!;
    expect(width(2)).toBeGreaterThan(width(0));
    const c = projectStockFlow(model, { ...options, seed: 43 });
    expect(c.points[2]!.total.p50).not.toBe(a.points[2]!.total.p50);
  });

  it('reports children’s homes apart from other residential care', () => {
    const p = projectStockFlow(model, { horizonMonths: 12, simulations: 0 });
    expect(p.categories.map((c) => c.id)).toEqual([
      'foster',
      'childrensHome',
      'otherResidential',
      'supported',
      'other',
    ]);
    expect(p.start.byCategory.childrensHome!.mean).toBeGreaterThan(0);
  });
});
