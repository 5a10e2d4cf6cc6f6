import { describe, expect, it } from 'vitest';
import type { AuthorityChoice } from '#shared/api/contract.js';
import type { Source } from '#shared/model/dataset.js';
import type { AreaSummary, HistoryPoint, PlanSummary, SectorSupply } from '#shared/model/summary.js';
import { gridMove } from '../../renderer/src/app/gridKeys.js';
import { buildSparkline, describeSparkline, type SparklineSize } from '../../renderer/src/charts/sparklineModel.js';
import { buildHistoryCards, historyAreas, shortPeriod } from '../../renderer/src/views/data/historyModel.js';
import {
  groupByRegion,
  matchesFilter,
  membershipChanged,
  noRegion,
  validateMembership,
} from '../../renderer/src/views/data/membersModel.js';
import { buildAssumptionRows } from '../../renderer/src/views/data/registerModel.js';
import { formatRegisterAssumption } from '../../renderer/src/format/assumptions.js';
import { formatChangedAt } from '../../renderer/src/format/dates.js';
import { buildSectorTable } from '../../renderer/src/views/data/sectorModel.js';

const size: SparklineSize = { width: 200, height: 60, margin: { top: 10, right: 20, bottom: 10, left: 20 } };
const points = (values: (number | null)[], firstYear = 2020) =>
  values.map((value, i) => ({ period: String(firstYear + i), value }));

describe('sparkline geometry', () => {
  it('spreads the periods across the width and maps the values’ own range onto the height', () => {
    const data = buildSparkline(points([600, 650, 700]), size);
    expect(data.periods).toEqual(['2020', '2021', '2022']);
    expect(data.xs).toEqual([20, 100, 180]);
    expect(data.yDomain).toEqual([600, 700]);
    expect(data.points.map((p) => [p.x, p.y])).toEqual([
      [20, 50],
      [100, 30],
      [180, 10],
    ]);
    expect(data.path).toBe('M20,50L100,30L180,10');
    expect(data.first?.value).toBe(600);
    expect(data.last?.value).toBe(700);
    expect(data.min?.period).toBe('2020');
    expect(data.max?.period).toBe('2022');
    expect(data.gaps).toEqual([]);
    expect(data.zeroY).toBeNull();
  });

  it('breaks the line at a missing value instead of drawing it as zero', () => {
    const data = buildSparkline(points([10, null, 30, 40]), size);
    expect(data.gaps).toEqual(['2021']);
    expect(data.points.map((p) => p.period)).toEqual(['2020', '2022', '2023']);
    expect(data.yDomain).toEqual([10, 40]);
    // Two moves: the lone first point, then the segment from 2022.
    expect(data.path?.match(/M/g)).toHaveLength(2);
    expect(data.path).not.toMatch(/NaN/);
  });

  it('draws no line when no two neighbouring points have values, but keeps the dots', () => {
    const data = buildSparkline(points([5, null, 7]), size);
    expect(data.path).toBeNull();
    expect(data.points).toHaveLength(2);
    const empty = buildSparkline(points([null, null]), size);
    expect(empty.points).toEqual([]);
    expect(empty.first).toBeNull();
    expect(empty.path).toBeNull();
  });

  it('pads a flat series so it sits mid-height, and centres a single period', () => {
    const flat = buildSparkline(points([50, 50]), size);
    expect(flat.yDomain).toEqual([45, 55]);
    expect(flat.points.every((p) => p.y === 30)).toBe(true);
    const zero = buildSparkline(points([0, 0]), size);
    expect(zero.yDomain).toEqual([-1, 1]);
    const single = buildSparkline([{ period: '2023-03-31', value: 829 }], size);
    expect(single.xs).toEqual([100]);
    expect(single.first).toBe(single.last);
  });

  it('marks zero when a balance changes sign', () => {
    const data = buildSparkline(points([-40, 20]), size);
    expect(data.zeroY).toBeCloseTo(50 - (40 / 60) * 40, 6);
    expect(buildSparkline(points([5, 20]), size).zeroY).toBeNull();
  });

  it('describes the series in words: first to last, extremes in between, and gaps', () => {
    const words = {
      measure: 'Children looked after',
      area: 'Bolton',
      formatValue: (v: number) => v.toLocaleString('en-GB'),
      formatPeriod: (p: string) => p,
    };
    expect(describeSparkline(buildSparkline(points([612, 640, 580, null, 600, 590])), words)).toBe(
      'Children looked after, Bolton: 2020 612 to 2025 590. Lowest 580 (2022), highest 640 (2021). No figure for 2023.',
    );
    expect(describeSparkline(buildSparkline(points([612, 590])), words)).toBe(
      'Children looked after, Bolton: 2020 612 to 2021 590.',
    );
    expect(describeSparkline(buildSparkline(points([1200])), words)).toBe(
      'Children looked after, Bolton: 2020 1,200 only.',
    );
    expect(describeSparkline(buildSparkline(points([null])), words)).toBe('Children looked after, Bolton: no figures.');
  });
});

const ofsted: Source = {
  id: 'ofsted-csc-2023',
  title: 'Children’s social care data in England 2023: providers and places',
  publisher: 'Ofsted',
  file: 'Childrens_social_care_in_England_2023_underlying_data.ods',
  table: 'Providers+places_at_31_Mar_2023',
  period: '31 March 2023',
  licence: 'Open Government Licence v3.0',
  url: '',
  illustrative: false,
};
const generated: Source = {
  ...ofsted,
  id: 'illustrative-assumptions',
  title: 'Illustrative assumptions',
  illustrative: true,
};

const sector = (s: SectorSupply['sector'], homes: number, places: number, period = '2023-03-31'): SectorSupply => ({
  sector: s,
  period,
  homes,
  registeredPlaces: places,
  sources: [ofsted.id],
});

const hp = (period: string, value: number | null): HistoryPoint => ({
  period,
  value,
  suppression: null,
  source: 'dfe',
});

function area(code: string, name: string, extra: Partial<AreaSummary> = {}): AreaSummary {
  return {
    code,
    dfeCode: null,
    name,
    level: 'Local authority',
    isMember: true,
    headline: [],
    history: {},
    supplyBySector: [],
    ...extra,
  };
}

function planSummary(): PlanSummary {
  return {
    planName: 'Untitled plan',
    consortium: {
      name: 'Greater Manchester',
      memberCount: 3,
      headline: [],
      history: {
        childrenLookedAfter: [hp('2024', 1600), hp('2025', 1650)],
        netPlacementImport: [hp('2024', 40)],
      },
      supplyBySector: [sector('Local Authority', 4, 14), sector('Private', 30, 95), sector('Academy', 1, 2)],
    },
    authorities: [
      area('E08000001', 'Bolton', {
        supplyBySector: [sector('Local Authority', 4, 14), sector('Private', 10, 30)],
        history: { childrenLookedAfter: [hp('2024', 600), hp('2025', 610)], population0to17: [hp('2024', 70_000)] },
      }),
      area('E08000002', 'Bury', {
        supplyBySector: [sector('Private', 20, 65), sector('Academy', 1, 2)],
        history: { childrenLookedAfter: [hp('2024', 380), hp('2025', null)] },
      }),
      // Joined the consortium with no data in the plan yet.
      area('E06000049', 'Cheshire East'),
    ],
    comparators: [area('E92000001', 'England', { level: 'National', isMember: false })],
    sources: [ofsted, generated],
    assumptions: [
      {
        key: 'targetOccupancy',
        label: 'Target occupancy of children’s home places',
        value: 0.85,
        unit: 'share',
        rationale: 'A home cannot be matched at 100%.',
        source: null,
        changedBy: 'scripts/illustrative.ts',
        changedAt: '2026-04-01',
      },
      {
        key: 'missingRelativeRiskOutOfArea',
        label: 'Relative risk of missing incidents out of area',
        value: 1.5,
        unit: 'ratio',
        rationale: 'Illustrative.',
        source: generated.id,
        changedBy: 'scripts/illustrative.ts',
        changedAt: '2026-04-01',
      },
      {
        key: 'other',
        label: 'Something else',
        value: 10,
        unit: 'miles',
        rationale: '',
        source: 'nowhere',
        changedBy: 'analyst',
        changedAt: '2026-04-01',
      },
    ],
    gaps: [],
  };
}

describe('children’s homes by sector', () => {
  it('has homes and places for each main sector, Other only when used, and a total', () => {
    const table = buildSectorTable(planSummary());
    expect(table.period).toBe('2023-03-31');
    expect(table.periodLabel).toBe('31 March 2023');
    expect(table.columns.map((c) => c.label)).toEqual([
      'Local authority',
      'Private',
      'Voluntary',
      'Other',
      'All sectors',
    ]);
    expect(table.rows.map((r) => [r.kind, r.name])).toEqual([
      ['member', 'Bolton'],
      ['member', 'Bury'],
      ['member', 'Cheshire East'],
      ['consortium', 'Greater Manchester (consortium)'],
    ]);
    const cell = (row: number, key: string) => table.rows[row]?.cells.find((c) => c.key === key);
    expect(cell(0, 'la:homes')?.text).toBe('4');
    expect(cell(0, 'voluntary:places')?.value).toBe(0); // supply is held for Bolton: none in this sector
    expect(cell(0, 'total:places')?.text).toBe('44');
    expect(cell(1, 'other:homes')?.value).toBe(1);
    expect(cell(3, 'total:homes')?.value).toBe(35);
  });

  it('shows an area with no supply stored as missing, not as zero', () => {
    const cheshire = buildSectorTable(planSummary()).rows[2];
    expect(cheshire?.cells.every((c) => c.value === null && c.text === '—')).toBe(true);
    expect(cheshire?.cells[0]?.provenance).toContain('no children’s homes supply is stored');
  });

  it('traces each number to its source and period', () => {
    const bolton = buildSectorTable(planSummary()).rows[0];
    const privatePlaces = bolton?.cells.find((c) => c.key === 'private:places');
    expect(privatePlaces?.provenance).toContain(
      'Bolton: Private children’s homes located in the area, 31 March 2023: 30 registered places.',
    );
    expect(privatePlaces?.provenance).toContain('Licence: Open Government Licence v3.0');
    expect(privatePlaces?.sources.map((s) => s.id)).toEqual([ofsted.id]);
    expect(privatePlaces?.illustrative).toBe(false);
    const total = bolton?.cells.find((c) => c.key === 'total:homes');
    expect(total?.statement).toContain('Made up of: Local Authority 4, Private 10.');
  });

  it('leaves out Other when no area uses it, and is empty without supply', () => {
    const s = planSummary();
    s.consortium.supplyBySector = [sector('Private', 30, 95)];
    s.authorities = s.authorities.map((a) => ({
      ...a,
      supplyBySector: a.supplyBySector.filter((x) => x.sector !== 'Academy'),
    }));
    expect(buildSectorTable(s).columns.map((c) => c.key)).toEqual(['la', 'private', 'voluntary', 'total']);
    s.consortium.supplyBySector = [];
    s.authorities = s.authorities.map((a) => ({ ...a, supplyBySector: [] }));
    expect(buildSectorTable(s)).toMatchObject({ period: null, rows: [], columns: [] });
  });
});

describe('history panel', () => {
  it('offers the consortium, the members and the comparators', () => {
    expect(historyAreas(planSummary()).map((a) => a.key)).toEqual([
      'consortium',
      'member:E08000001',
      'member:E08000002',
      'member:E06000049',
      'comparator:E92000001',
    ]);
  });

  it('pairs a member with the consortium, measure by measure in the table’s order', () => {
    const cards = buildHistoryCards(planSummary(), 'member:E08000001', ['netPlacementImport', 'childrenLookedAfter']);
    expect(cards.map((c) => c.measure)).toEqual(['netPlacementImport', 'childrenLookedAfter', 'population0to17']);
    const cla = cards[1];
    expect(cla?.series.map((s) => [s.role, s.name])).toEqual([
      ['area', 'Bolton'],
      ['consortium', 'Greater Manchester'],
    ]);
    expect([cla?.firstPeriod, cla?.lastPeriod]).toEqual(['2024', '2025']);
    expect(cards[0]?.series.map((s) => s.role)).toEqual(['consortium']);
  });

  it('shows the consortium alone, and falls back to it for an unknown key', () => {
    const own = buildHistoryCards(planSummary(), 'consortium', ['childrenLookedAfter']);
    expect(own.flatMap((c) => c.series.map((s) => s.role))).toEqual(['consortium', 'consortium']);
    expect(buildHistoryCards(planSummary(), 'member:nope', ['childrenLookedAfter'])).toEqual(own);
  });

  it('shortens periods for the chart ends', () => {
    expect(shortPeriod('2024')).toBe('2024');
    expect(shortPeriod('2023-03-31')).toBe('2023');
    expect(shortPeriod('2022 to 2023')).toBe('2022 to 2023');
  });
});

describe('assumption register', () => {
  it('writes values in their units', () => {
    expect(formatRegisterAssumption(0.85, 'share')).toBe('85%');
    expect(formatRegisterAssumption(0.1234, 'share')).toBe('12.3%');
    expect(formatRegisterAssumption(0.035, 'per year')).toBe('3.5% a year');
    expect(formatRegisterAssumption(1.42, 'ratio')).toBe('1.42×');
    expect(formatRegisterAssumption(318400, '£ per place per year (2023-24)')).toBe(
      '£318,400 per place per year (2023-24)',
    );
    expect(formatRegisterAssumption(10, 'miles')).toBe('10 miles');
    expect(formatRegisterAssumption(0.826, 'incidents per child per year')).toBe('0.826 incidents per child per year');
    expect(formatRegisterAssumption(3, '')).toBe('3');
  });

  it('writes a date as a date, not midnight', () => {
    expect(formatChangedAt('2026-04-01')).toBe('1 April 2026');
    expect(formatChangedAt('yesterday')).toBe('yesterday');
  });

  it('names each assumption’s source and marks illustrative ones', () => {
    const rows = buildAssumptionRows(planSummary());
    expect(rows.map((r) => [r.key, r.valueText, r.source?.id ?? null, r.illustrative, r.unknownSourceId])).toEqual([
      ['targetOccupancy', '85%', null, false, null],
      ['missingRelativeRiskOutOfArea', '1.5×', generated.id, true, null],
      ['other', '10 miles', null, false, 'nowhere'],
    ]);
    expect(rows[0]?.changedAt).toBe('1 April 2026');
  });
});

describe('membership editor', () => {
  const choice = (onsCode: string, name: string, regionName: string | null, isMember = false): AuthorityChoice => ({
    onsCode,
    dfeCode: null,
    name,
    regionName,
    isMember,
    observationCount: isMember ? 60 : 0,
  });
  const list = [
    choice('E08000010', 'Wigan', 'North West', true),
    choice('E08000001', 'Bolton', 'North West', true),
    choice('E06000049', 'Cheshire East', 'North West'),
    choice('E09000033', 'Westminster', 'London'),
    choice('E06000052', 'Cornwall', null),
  ];

  it('groups by region, members’ regions first, then alphabetically (unrecorded last), and by name within', () => {
    expect(groupByRegion(list).map((g) => [g.region, g.authorities.map((a) => a.name)])).toEqual([
      ['North West', ['Bolton', 'Cheshire East', 'Wigan']],
      ['London', ['Westminster']],
      [noRegion, ['Cornwall']],
    ]);
    const noMembers = list.map((a) => ({ ...a, isMember: false }));
    expect(groupByRegion([...noMembers, choice('E06000001', 'Hartlepool', 'North East')]).map((g) => g.region)).toEqual(
      ['London', 'North East', 'North West', noRegion],
    );
  });

  it('filters by any word of the name, region or code, ignoring case and punctuation', () => {
    expect(groupByRegion(list, 'north west ch').flatMap((g) => g.authorities.map((a) => a.name))).toEqual([
      'Cheshire East',
    ]);
    expect(matchesFilter(list[0]!, 'e08000010')).toBe(true);
    expect(matchesFilter(list[3]!, '  ')).toBe(true);
    expect(groupByRegion(list, 'zzz')).toEqual([]);
  });

  it('needs at least one member and knows whether anything changed', () => {
    expect(validateMembership(new Set())).toEqual({ ok: false, message: 'Choose at least one member authority.' });
    expect(validateMembership(new Set(['E08000010', 'E08000001']))).toEqual({
      ok: true,
      codes: ['E08000001', 'E08000010'],
    });
    expect(validateMembership(new Set(['W06000001']))).toMatchObject({ ok: false });
    expect(membershipChanged(list, new Set(['E08000001', 'E08000010']))).toBe(false);
    expect(membershipChanged(list, new Set(['E08000001']))).toBe(true);
    expect(membershipChanged(list, new Set(['E08000001', 'E06000049']))).toBe(true);
  });
});

describe('grid keys', () => {
  it('moves within bounds and leaves other keys alone', () => {
    const at = { row: 1, col: 1 };
    expect(gridMove('ArrowRight', false, at, 3, 1)).toEqual({ row: 1, col: 1 });
    expect(gridMove('ArrowLeft', false, at, 3, 4)).toEqual({ row: 1, col: 0 });
    expect(gridMove('ArrowDown', false, at, 3, 4)).toEqual({ row: 2, col: 1 });
    expect(gridMove('ArrowUp', false, { row: 0, col: 2 }, 3, 4)).toEqual({ row: 0, col: 2 });
    expect(gridMove('Home', true, at, 3, 4)).toEqual({ row: 0, col: 0 });
    expect(gridMove('End', false, at, 3, 4)).toEqual({ row: 1, col: 4 });
    expect(gridMove('Enter', false, at, 3, 4)).toBeNull();
  });
});
