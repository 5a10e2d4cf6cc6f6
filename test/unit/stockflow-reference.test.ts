import { describe, expect, it } from 'vitest';
import { ssda903FromRecords } from '#shared/import/ssda903/index.js';
import type { EpisodeRecord, HeaderRecord } from '#shared/import/ssda903/index.js';
import { fitStockFlow, projectStockFlow } from '#shared/forecast/stockflow/index.js';

/** Days between two ISO dates, with plain Date arithmetic (independent of the model's calendar code). */
function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function fit(headers: HeaderRecord[], episodes: EpisodeRecord[], referenceStart: string, referenceEnd: string) {
  const { dataset, issues } = ssda903FromRecords(headers, episodes);
  expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  return fitStockFlow(dataset.episodes, dataset.children, { mode: 'sf-regional', referenceStart, referenceEnd });
}

describe('sf-regional: hand-computed daily recursion', () => {
  // Five children aged 10–15 (born 15 June 2008) and one who turns 16 on 20 May 2021.
  const headers: HeaderRecord[] = [
    { child: 'A', dob: '2008-06-15' },
    { child: 'B', dob: '2008-06-15' },
    { child: 'C', dob: '2008-06-15' },
    { child: 'D', dob: '2008-06-15' },
    { child: 'E', dob: '2008-06-15' },
    { child: 'F', dob: '2005-05-20' },
  ];
  const episodes: EpisodeRecord[] = [
    { child: 'A', decom: '2020-01-01', dec: '2021-05-10', place: 'U4', rne: 'S' },
    { child: 'A', decom: '2021-05-10', place: 'K2', rne: 'P' }, // foster → residential on 10 May
    { child: 'B', decom: '2020-06-01', dec: '2021-06-01', place: 'U5', rne: 'S' }, // leaves care 1 June
    { child: 'C', decom: '2021-04-15', place: 'K2', rne: 'S' }, // enters residential 15 April
    { child: 'D', decom: '2019-01-01', place: 'U4', rne: 'S' }, // fostered throughout
    { child: 'E', decom: '2018-05-01', dec: '2018-06-01', place: 'U4', rne: 'S' }, // long before the window
    { child: 'F', decom: '2020-01-01', place: 'U4', rne: 'S' }, // turns 16 on 20 May: ageing is a transition
  ];
  const model = fit(headers, episodes, '2021-04-01', '2021-06-30');

  it('starts from the stock on the last day of the window', () => {
    const projection = projectStockFlow(model, { horizonMonths: 3 });
    expect(projection.startDate).toBe('2021-06-30');
    expect(projection.start.byCategory.foster!.mean).toBe(2); // D (10–16) and F (16+)
    expect(projection.start.byCategory.residential!.mean).toBe(2); // A and C
    expect(projection.start.total.mean).toBe(4);
  });

  it('matches the recursion computed by hand with plain loops', () => {
    // Window 1 April – 30 June 2021: 91 days, all with foster 10–16 stock the day before.
    const windowDays = daysBetween('2021-04-01', '2021-06-30') + 1;
    expect(windowDays).toBe(91);
    // Previous-day stock of foster 10–16: 9 May {A,B,D,F} = 4; 19 May {B,D,F} = 3; 31 May {B,D} = 2.
    const toResidential = 1 / 4 / windowDays; // A on 10 May
    const ageing = 1 / 3 / windowDays; // F turns 16 on 20 May
    const exit = 1 / 2 / windowDays; // B on 1 June
    const entry = 1 / windowDays; // C into residential 10–16 (entrants ÷ (days in window + 1))
    let foster1016 = 1;
    let foster16 = 1;
    let residential = 2;
    const expected: { foster: number; residential: number }[] = [];
    const reportDays = [1, 2, 3].map((m) =>
      daysBetween('2021-06-30', ['2021-07-30', '2021-08-30', '2021-09-30'][m - 1]!),
    );
    expect(reportDays).toEqual([30, 61, 92]);
    for (let day = 1; day <= 92; day++) {
      const f = foster1016;
      foster1016 = f * (1 - toResidential - ageing - exit);
      foster16 = foster16 + f * ageing;
      residential = residential + f * toResidential + entry;
      if (reportDays.includes(day)) expected.push({ foster: foster1016 + foster16, residential });
    }
    const projection = projectStockFlow(model, { horizonMonths: 3 });
    expect(projection.points.map((p) => p.day)).toEqual(reportDays);
    expect(projection.points.map((p) => p.date)).toEqual(['2021-07-30', '2021-08-30', '2021-09-30']);
    projection.points.forEach((p, i) => {
      expect(p.byCategory.foster!.mean).toBeCloseTo(expected[i]!.foster, 10);
      expect(p.byCategory.residential!.mean).toBeCloseTo(expected[i]!.residential, 10);
      expect(p.byCategory.supported!.mean).toBe(0);
      expect(p.total.mean).toBeCloseTo(expected[i]!.foster + expected[i]!.residential, 10);
    });
  });

  it('reports the reference variance: v(t+1) = v(t) + (M∘(1−M))·x(t) + λ', () => {
    const windowDays = 91;
    const r = [1 / 4 / windowDays, 1 / 3 / windowDays, 1 / 2 / windowDays];
    const stay = 1 - r[0]! - r[1]! - r[2]!;
    let f = 1;
    let vFoster10 = 0;
    let vFoster16 = 0;
    let vResidential = 0;
    for (let day = 1; day <= 30; day++) {
      vFoster10 += stay * (1 - stay) * f;
      vFoster16 += r[1]! * (1 - r[1]!) * f;
      vResidential += r[0]! * (1 - r[0]!) * f + 1 / windowDays;
      f *= stay;
    }
    const point = projectStockFlow(model, { horizonMonths: 1 }).points[0]!;
    expect(point.byCategory.foster!.sd).toBeCloseTo(Math.sqrt(vFoster10 + vFoster16), 10);
    expect(point.byCategory.residential!.sd).toBeCloseTo(Math.sqrt(vResidential), 10);
    expect(point.total.sd).toBeCloseTo(Math.sqrt(vFoster10 + vFoster16 + vResidential), 10);
  });
});

describe('sf-regional: the reference cleaning rules', () => {
  const headers: HeaderRecord[] = [
    { child: 'G', dob: '2009-01-01' },
    { child: 'H', dob: '2009-01-01' },
    { child: 'I', dob: '2009-01-01' },
  ];

  it('merges a contiguous L, T or U episode into the one before (no new placement in its eyes)', () => {
    const model = fit(
      headers,
      [
        { child: 'G', decom: '2021-01-01', dec: '2021-04-20', place: 'U4', rne: 'S' },
        { child: 'G', decom: '2021-04-20', place: 'K2', rne: 'L' },
        { child: 'H', decom: '2021-01-01', dec: '2021-04-20', place: 'U4', rne: 'S' },
        { child: 'H', decom: '2021-04-20', place: 'K2', rne: 'P' },
      ],
      '2021-04-01',
      '2021-06-30',
    );
    const start = projectStockFlow(model, { horizonMonths: 1 }).start;
    expect(start.byCategory.foster!.mean).toBe(1); // G stays "fostered"
    expect(start.byCategory.residential!.mean).toBe(1); // H moved
  });

  it('truncates an overlapping episode and leaves out children without a date of birth', () => {
    const { dataset } = ssda903FromRecords(
      [{ child: 'I', dob: '2009-01-01' }],
      [
        { child: 'I', decom: '2021-01-01', place: 'U4', rne: 'S' }, // open, but overlapped by the next
        { child: 'I', decom: '2021-03-01', dec: '2021-05-01', place: 'P2', rne: 'P' },
        { child: 'J', decom: '2021-01-01', place: 'K2', rne: 'S' }, // no header row
      ],
    );
    const model = fitStockFlow(dataset.episodes, dataset.children, {
      mode: 'sf-regional',
      referenceStart: '2021-04-01',
      referenceEnd: '2021-06-30',
    });
    const start = projectStockFlow(model, { horizonMonths: 1 }).start;
    expect(start.total.mean).toBe(0);
    expect(model.notes.join(' ')).toContain('1 children with episodes but no date of birth');
  });

  it('refuses a window that ends before it starts and a horizon past ten years', () => {
    const { dataset } = ssda903FromRecords(headers, [{ child: 'G', decom: '2021-01-01', place: 'U4' }]);
    expect(() =>
      fitStockFlow(dataset.episodes, dataset.children, {
        mode: 'sf-regional',
        referenceStart: '2021-06-30',
        referenceEnd: '2021-04-01',
      }),
    ).toThrow(/ends before it starts/);
    const model = fitStockFlow(dataset.episodes, dataset.children, {
      mode: 'sf-regional',
      referenceStart: '2021-04-01',
      referenceEnd: '2021-06-30',
    });
    expect(() => projectStockFlow(model, { horizonMonths: 121 })).toThrow(/1 to 120/);
  });
});
