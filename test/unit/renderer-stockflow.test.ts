import { describe, expect, it } from 'vitest';
import type { ProjectionPoint, StockFlowProjection } from '#shared/forecast/stockflow/types.js';
import {
  buildStockflowRows,
  describeStockflowChart,
  explainDifference,
  formatSummary,
  methodDifferences,
  stockflowChartModel,
  stockflowChartSize,
} from '../../renderer/src/views/projection/stockflow/stockflowModel.js';
import { formatSignedCount } from '../../renderer/src/format/numbers.js';

const point = (month: number, byCategory: ProjectionPoint['byCategory'], total: ProjectionPoint['total']) => ({
  month,
  day: month * 30,
  date: `2021-${String(3 + month / 2).padStart(2, '0')}-01`,
  byCategory,
  total,
});

const sf: StockFlowProjection = {
  mode: 'sf-regional',
  categories: [
    { id: 'foster', label: 'Fostering', placeCodes: [] },
    { id: 'residential', label: 'Residential', placeCodes: [] },
    { id: 'supported', label: 'Supported', placeCodes: [] },
    { id: 'other', label: 'Other', placeCodes: [] },
  ],
  startDate: '2021-03-31',
  start: point(0, {}, { mean: 100, sd: 0 }),
  points: [
    point(
      6,
      { foster: { mean: 60 }, residential: { mean: 20 }, supported: { mean: 10 }, other: { mean: 5 } },
      { mean: 95, sd: 5 },
    ),
    point(
      12,
      { foster: { mean: 55 }, residential: { mean: 20 }, supported: { mean: 10 }, other: { mean: 5 } },
      { mean: 90, sd: 8 },
    ),
  ],
  simulations: 0,
  seed: null,
  notes: ['3 transitions from a state with no stock the day before were ignored.'],
};

const corrected: StockFlowProjection = {
  mode: 'corrected',
  categories: [
    { id: 'foster', label: 'Fostering', placeCodes: [] },
    { id: 'childrensHome', label: "Children's homes", placeCodes: [] },
  ],
  startDate: '2021-03-31',
  start: point(0, {}, { mean: 100 }),
  points: [
    point(6, { foster: { mean: 70, p10: 60, p50: 70, p90: 80 } }, { mean: 101, p10: 90, p50: 100, p90: 112 }),
    point(12, { foster: { mean: 72 } }, { mean: 104.4, p10: 88, p50: 104, p90: 130 }),
  ],
  simulations: 1000,
  seed: 1,
  notes: ['Entries held at the reference window rate (no population projection or trend given).'],
};

describe('stock-flow table', () => {
  it('has a row per report month with both modes and the difference in totals', () => {
    const rows = buildStockflowRows(sf, corrected);
    expect(rows.map((r) => r.month)).toEqual([6, 12]);
    expect(rows[0]!.sfRegional!.categories.map((c) => c.label)).toEqual([
      'Fostering',
      'Residential',
      'Supported',
      'Other',
    ]);
    expect(rows[0]!.corrected!.categories.map((c) => c.id)).toEqual(['foster', 'childrensHome']);
    expect(rows[0]!.corrected!.categories[1]!.summary).toBeNull();
    expect(rows[0]!.difference).toBe(6);
    expect(rows[1]!.difference).toBeCloseTo(14.4);
  });

  it('leaves the difference out where a mode lacks the month', () => {
    const rows = buildStockflowRows(sf, { ...corrected, points: corrected.points.slice(0, 1) });
    expect(rows[1]!.corrected).toBeNull();
    expect(rows[1]!.difference).toBeNull();
  });

  it('formats figures, ranges and signed differences', () => {
    expect(formatSummary({ mean: 101, p10: 90, p50: 100, p90: 112 })).toBe('100 (90–112)');
    expect(formatSummary({ mean: 1234.4, sd: 3 })).toBe('1,234');
    expect(formatSummary(null)).toBe('–');
    expect(formatSignedCount(14.4)).toBe('+14');
    expect(formatSignedCount(-3)).toBe('−3');
    expect(formatSignedCount(0.2)).toBe('0');
  });

  it('explains the difference with the fixed list and the modes’ notes', () => {
    const rows = buildStockflowRows(sf, corrected);
    const e = explainDifference(rows, sf, corrected);
    expect(e.summary).toMatch(/By month 12 the corrected model projects 14 children more in care/);
    expect(e.sfNotes).toEqual(sf.notes);
    expect(e.correctedNotes).toEqual(corrected.notes);
    expect(methodDifferences).toHaveLength(4);
    expect(methodDifferences.map((d) => d.sfRegional).join(' ')).toMatch(/zero stock.*18.*constant.*2σ/s);
  });
});

describe('stock-flow chart', () => {
  it('scales months across the plot and counts from zero to above the highest band', () => {
    const m = stockflowChartModel(sf, corrected);
    const { margin, width, height } = stockflowChartSize;
    expect(m.x(0)).toBe(margin.left);
    expect(m.x(12)).toBe(width - margin.right);
    expect(m.y(0)).toBe(height - margin.bottom);
    expect(m.y.domain()[1]).toBeGreaterThanOrEqual(130);
    expect(m.correctedPoints.map((p) => p.value)).toEqual([100, 100, 104]);
    expect(m.sfPoints.map((p) => p.value)).toEqual([100, 95, 90]);
    expect(m.sfBand).toMatch(/^M/);
    expect(m.correctedBand).toMatch(/^M/);
    expect(m.xTicks.map((t) => t.value)).toEqual([0, 6, 12]);
  });

  it('draws no band where neither sd nor percentiles are given', () => {
    const plain = (p: StockFlowProjection): StockFlowProjection => ({
      ...p,
      start: { ...p.start, total: { mean: p.start.total.mean } },
      points: p.points.map((q) => ({ ...q, total: { mean: q.total.mean } })),
    });
    const m = stockflowChartModel(plain(sf), plain(corrected));
    expect(m.sfBand).toBeNull();
    expect(m.correctedBand).toBeNull();
  });

  it('describes the chart in words', () => {
    expect(describeStockflowChart(sf, corrected)).toBe(
      'Children in care: 100 at the start; after 12 months the corrected model projects 104 (80% range 88–130), ' +
        'the regional demand model’s method 90 (±2σ 74–106).',
    );
  });
});
