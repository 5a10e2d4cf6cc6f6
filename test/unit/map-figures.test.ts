/**
 * The Map's figures, decided in shared/map: the slider's years, each member's figures for a year (the
 * share placed 20+ miles away, places by sector group, where children are placed), the measure the
 * colours show and each area's value, the flows drawn, the scales' domains and the sources used.
 * Checked against the illustrative GM plan's own rows (worked out here from the dataset, not from
 * the code under test) and small hand-made plans for the edge cases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MapData } from '#shared/api/contract.js';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import type { ProjectionResult } from '#shared/forecast/types.js';
import type { FlowArc } from '#shared/geo/index.js';
import {
  FLOWS_SHOWN_UNSELECTED,
  areaFigures,
  areaValue,
  baseSnapshot,
  chooseFill,
  defaultLayers,
  flowsIllustrative,
  mapScaleDomains,
  mapSources,
  mapYears,
  shownFlows,
  type MapYear,
} from '#shared/map/index.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import { OUTSIDE_CONSORTIUM } from '#shared/model/placements.js';
import { summarisePlan } from '#shared/model/summarise.js';
import type { AreaSummary, HistoryPoint, PlanSummary } from '#shared/model/summary.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataset = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test/fixtures/gm-plan-illustrative-2025.json'), 'utf8'),
) as BuiltInDataset;
const summary = summarisePlan(dataset, 'Untitled plan');
const projection = project(projectionInputsFromPlan(dataset), { method: 'rate', simulations: 0 });
const MANCHESTER = 'E08000003';
const memberCodes = new Set(dataset.areas.filter((a) => a.isMember).map((a) => a.code));

const observed = (area: string, measure: string, period: string) =>
  dataset.observations.find((o) => o.area === area && o.measure === measure && o.period === period)!;
const history = (year: string): MapYear => ({ year, kind: 'history' });
const projected = (year: string): MapYear => ({ year, kind: 'projection' });
const base = (year: string): MapYear => ({ year, kind: 'base' });

const point = (period: string, value: number | null, source = 'src'): HistoryPoint => ({
  period,
  value,
  suppression: null,
  source,
});

/** A member (or not) with only the history given: the shape summarisePlan produces. */
function authority(code: string, hist: AreaSummary['history'], isMember = true): AreaSummary {
  return {
    code,
    dfeCode: null,
    name: code,
    level: 'Local authority',
    isMember,
    headline: [],
    history: hist,
    supplyBySector: [],
  };
}

function planOf(authorities: AreaSummary[]): PlanSummary {
  return { ...summary, authorities };
}

describe('mapYears', () => {
  it('lists published years, then the base year (year 0), then the projected years; the default is the last', () => {
    const { years, defaultIndex } = mapYears(summary, projection);
    const firstCla = dataset.observations
      .filter((o) => memberCodes.has(o.area) && o.measure === 'childrenLookedAfter')
      .map((o) => o.period)
      .sort()[0]!;
    expect(years[0]).toEqual({ year: firstCla, kind: 'history' });
    expect(years.filter((y) => y.kind === 'base')).toEqual([{ year: projection.baseYear, kind: 'base' }]);
    expect(years.filter((y) => y.kind === 'projection').map((y) => y.year)).toEqual(projection.years);
    expect(years.map((y) => y.year)).toEqual([...years.map((y) => y.year)].sort());
    expect(defaultIndex).toBe(years.length - 1);
  });

  it('without a projection: published years only, none marked base', () => {
    const { years, defaultIndex } = mapYears(summary, null);
    expect(years.every((y) => y.kind === 'history')).toBe(true);
    expect(years.at(-1)!.year).toBe(projection.baseYear);
    expect(defaultIndex).toBe(years.length - 1);
  });

  it('ignores non-members, academic-year periods and published years at or after the first projected year', () => {
    const plan = planOf([
      authority('A', { childrenLookedAfter: [point('2019', 10), point('2020-21', 10), point('2026', 10)] }),
      authority('B', { placedOver20Miles: [point('2015', 3)] }, false),
    ]);
    const { years } = mapYears(plan, { ...projection, areas: [] });
    expect(years).toEqual([{ year: '2019', kind: 'history' }, ...projection.years.map(projected)]);
  });

  it('has no years at all for a plan with no figures and no projection', () => {
    expect(mapYears(planOf([authority('A', {})]), null)).toEqual({ years: [], defaultIndex: 0 });
  });
});

describe('areaFigures', () => {
  const flows = dataset.flows;

  it('gives the published share placed 20+ miles away for the exact year in a published year', () => {
    const f = areaFigures(summary, projection, flows, history('2024')).get(MANCHESTER)!;
    const over = observed(MANCHESTER, 'placedOver20Miles', '2024');
    const cla = observed(MANCHESTER, 'childrenLookedAfter', '2024');
    expect(f.distance).toEqual({
      share: over.value! / cla.value!,
      over20: over.value,
      childrenLookedAfter: cla.value,
      period: '2024',
      sources: [...new Set([over.source, cla.source])],
    });
    expect(f.projected).toBeNull();
    expect(f.base).toBeNull();
  });

  it('has no share for a published year without one, but the latest one for a projected year', () => {
    const noOver20 = dataset.observations.some(
      (o) => o.area === MANCHESTER && o.measure === 'placedOver20Miles' && o.period === '2020',
    );
    expect(noOver20).toBe(false);
    expect(areaFigures(summary, projection, flows, history('2020')).get(MANCHESTER)!.distance).toBeNull();
    const later = areaFigures(summary, projection, flows, projected('2030')).get(MANCHESTER)!;
    const latest = dataset.observations
      .filter((o) => o.area === MANCHESTER && o.measure === 'placedOver20Miles')
      .map((o) => o.period)
      .sort()
      .at(-1)!;
    expect(later.distance!.period).toBe(latest);
    expect(later.distance!.share).toBeCloseTo(
      observed(MANCHESTER, 'placedOver20Miles', latest).value! /
        observed(MANCHESTER, 'childrenLookedAfter', latest).value!,
      12,
    );
  });

  it('groups the latest Ofsted snapshot of children’s homes (not secure or short breaks) into LA-run, private, voluntary', () => {
    const f = areaFigures(summary, projection, flows, projected('2030')).get(MANCHESTER)!;
    const rows = dataset.supply.filter((s) => s.area === MANCHESTER && s.homeType === 'childrensHome');
    const snapshot = rows
      .map((s) => s.period)
      .sort()
      .at(-1)!;
    const sum = (sectors: string[]) =>
      rows
        .filter((s) => s.period === snapshot && sectors.includes(s.sector))
        .reduce((t, s) => t + s.registeredPlaces, 0);
    const expected = [
      { group: 'LA-run', places: sum(['Local Authority']) },
      { group: 'Private', places: sum(['Private']) },
      { group: 'Voluntary and other', places: sum(['Voluntary', 'Health Authority']) },
    ].filter((g) => g.places > 0);
    expect(f.supply.map(({ group, places }) => ({ group, places }))).toEqual(expected);
    expect(f.supplyPeriod).toBe(snapshot);
    expect(f.supplyPlaces).toBe(expected.reduce((t, g) => t + g.places, 0));
    expect(f.supplySources).toEqual(['ofsted-csc-providers-2023']);
  });

  it('splits where the LA’s children are placed: own area, elsewhere in the consortium, outside', () => {
    const f = areaFigures(summary, projection, flows, projected('2030')).get(MANCHESTER)!;
    const mine = flows.filter((x) => x.placingArea === MANCHESTER && x.period === '2025');
    const own = mine.filter((x) => x.hostArea === MANCHESTER).reduce((t, x) => t + x.children, 0);
    const consortium = mine
      .filter((x) => x.hostArea !== MANCHESTER && memberCodes.has(x.hostArea))
      .reduce((t, x) => t + x.children, 0);
    const outside = mine
      .filter((x) => x.hostArea === OUTSIDE_CONSORTIUM || !memberCodes.has(x.hostArea))
      .reduce((t, x) => t + x.children, 0);
    expect(f.placements).toEqual({ own, consortium, outside, total: own + consortium + outside });
    expect(own + consortium + outside).toBeGreaterThan(0);
    expect(areaFigures(summary, projection, [], projected('2030')).get(MANCHESTER)!.placements).toBeNull();
  });

  it('carries the projected year in a projected year, and year 0 only in the base year', () => {
    const area = projection.areas.find((a) => a.code === MANCHESTER)!;
    const p = areaFigures(summary, projection, flows, projected('2028')).get(MANCHESTER)!;
    expect(p.projected).toBe(area.years.find((y) => y.year === '2028'));
    expect(p.base).toBeNull();
    expect(p.accessiblePlacesNow).toBe(area.years[0]!.accessiblePlaces);
    expect(p.gapTrend).toEqual(area.years.map((y) => ({ period: y.year, value: Math.round(y.gap.p50) })));
    const b = areaFigures(summary, projection, flows, base(projection.baseYear)).get(MANCHESTER)!;
    expect(b.base).toBe(area.base);
    expect(b.projected).toBeNull();
  });

  it('has a trend of observed children in homes followed by the projected median demand', () => {
    const f = areaFigures(summary, projection, flows, projected('2030')).get(MANCHESTER)!;
    const observedTrend = dataset.observations
      .filter((o) => o.area === MANCHESTER && o.measure === 'childrenInChildrensHomes')
      .sort((a, b) => a.period.localeCompare(b.period))
      .map((o) => ({ period: o.period, value: o.value }));
    const area = projection.areas.find((a) => a.code === MANCHESTER)!;
    expect(f.trend).toEqual([
      ...observedTrend,
      ...area.years.map((y) => ({ period: y.year, value: Math.round(y.demand.p50) })),
    ]);
  });

  it('has one entry per member and none for other authorities', () => {
    const figures = areaFigures(summary, projection, flows, projected('2030'));
    expect(new Set(figures.keys())).toEqual(memberCodes);
  });
});

describe('chooseFill and areaValue', () => {
  const figures = areaFigures(summary, projection, dataset.flows, base(projection.baseYear));

  it('keeps the gap in a projected year and in a base year with observed gaps', () => {
    expect(chooseFill('gap', projected('2030'), figures, projection)).toEqual({ fill: 'gap', fallback: null });
    expect(chooseFill('gap', base(projection.baseYear), figures, projection)).toEqual({ fill: 'gap', fallback: null });
    expect(chooseFill('distance', history('2022'), figures, projection)).toEqual({ fill: 'distance', fallback: null });
  });

  it('falls back to the share placed 20+ miles away, saying why', () => {
    expect(chooseFill('gap', history('2022'), figures, projection)).toEqual({
      fill: 'distance',
      fallback: 'published-year',
    });
    expect(chooseFill('gap', projected('2030'), figures, null)).toEqual({
      fill: 'distance',
      fallback: 'no-projection',
    });
    const noGaps = new Map([...figures].map(([code, f]) => [code, { ...f, base: f.base && { ...f.base, gap: null } }]));
    expect(chooseFill('gap', base(projection.baseYear), noGaps, projection)).toEqual({
      fill: 'distance',
      fallback: 'no-observed-gap',
    });
  });

  it('colours by the observed gap in the base year, the projected median otherwise, or the share', () => {
    const f = figures.get(MANCHESTER)!;
    expect(areaValue(f, 'gap', base(projection.baseYear))).toBe(f.base!.gap);
    const p = areaFigures(summary, projection, dataset.flows, projected('2029')).get(MANCHESTER)!;
    expect(areaValue(p, 'gap', projected('2029'))).toBe(p.projected!.gap.p50);
    expect(areaValue(p, 'distance', projected('2029'))).toBe(p.distance!.share);
    expect(areaValue({ ...p, distance: null }, 'distance', projected('2029'))).toBeNull();
    expect(areaValue({ ...p, projected: null }, 'gap', projected('2029'))).toBeNull();
  });
});

describe('mapScaleDomains', () => {
  const fakeProjection = (gaps: number[], baseGap: number | null) =>
    ({
      ...projection,
      areas: [
        {
          ...projection.areas[0]!,
          years: gaps.map((g, i) => ({
            ...projection.areas[0]!.years[0]!,
            year: `${2026 + i}`,
            gap: { p10: g, p50: g, p90: g },
          })),
          base: baseGap === null ? null : { ...projection.areas[0]!.base!, gap: baseGap },
        },
      ],
    }) as ProjectionResult;

  it('takes the largest absolute median gap, counting year 0', () => {
    expect(mapScaleDomains(planOf([]), fakeProjection([12, -30.5, 4], null)).maxGap).toBe(30.5);
    expect(mapScaleDomains(planOf([]), fakeProjection([12, -30.5], -45)).maxGap).toBe(45);
    expect(mapScaleDomains(planOf([]), null).maxGap).toBe(0);
  });

  it('rounds the largest members’ share up to the next 5 points, at least 5%', () => {
    const member = authority('A', {
      placedOver20Miles: [point('2023', 16), point('2024', null)],
      childrenLookedAfter: [point('2023', 130), point('2024', 10)],
    });
    // 16 / 130 = 12.3% → 15%; the 2024 share has no count; a non-member's 50% is not counted.
    const outsider = authority(
      'B',
      { placedOver20Miles: [point('2023', 5)], childrenLookedAfter: [point('2023', 10)] },
      false,
    );
    expect(mapScaleDomains(planOf([member, outsider]), null).shareTop).toBeCloseTo(0.15, 12);
    expect(mapScaleDomains(planOf([authority('C', {})]), null).shareTop).toBe(0.05);
  });

  it('on the GM plan: the domain holds every member’s published share', () => {
    const { shareTop, maxGap } = mapScaleDomains(summary, projection);
    const shares = dataset.observations
      .filter((o) => memberCodes.has(o.area) && o.measure === 'placedOver20Miles' && o.value !== null)
      .map((o) => o.value! / observed(o.area, 'childrenLookedAfter', o.period).value!);
    expect(shareTop).toBeGreaterThanOrEqual(Math.max(...shares));
    expect(shareTop - Math.max(...shares)).toBeLessThan(0.05);
    expect(maxGap).toBeGreaterThan(0);
  });
});

describe('shownFlows and flowsIllustrative', () => {
  const arc = (placing: string, host: string, children: number) => ({ placing, host, children }) as FlowArc;
  const arcs = Array.from({ length: 20 }, (_, i) => arc(i % 2 ? 'A' : 'B', i % 5 ? 'C' : OUTSIDE_CONSORTIUM, 40 - i));
  const layout = { arcs, outside: { at: [0, 0] as [number, number], label: 'Outside', children: 99 } };

  it('with no authority chosen, draws the largest few and counts every member’s children leaving', () => {
    const { shown, outsideChildren } = shownFlows(layout, null);
    expect(shown).toEqual(arcs.slice(0, FLOWS_SHOWN_UNSELECTED));
    expect(outsideChildren).toBe(99);
    expect(shownFlows({ arcs, outside: null }, null).outsideChildren).toBe(0);
  });

  it('with an authority chosen, draws all of its flows and counts its children leaving', () => {
    const { shown, outsideChildren } = shownFlows(layout, 'A');
    expect(shown).toHaveLength(10);
    expect(shown.every((a) => a.placing === 'A')).toBe(true);
    // A's arcs are i = 1, 3, ..., 19; those to the outside are i = 5 and 15: 35 + 25 children.
    expect(outsideChildren).toBe(60);
  });

  it('marks the GM flows illustrative, and not when their source is published', () => {
    expect(flowsIllustrative(dataset.flows, '2025', dataset.sources)).toBe(true);
    const published = dataset.sources.map((s) => ({ ...s, illustrative: false }));
    expect(flowsIllustrative(dataset.flows, '2025', published)).toBe(false);
    expect(flowsIllustrative(dataset.flows, '1999', dataset.sources)).toBe(false);
  });
});

describe('mapSources and baseSnapshot', () => {
  const data: MapData = {
    geometry: 'hex',
    areas: [],
    boundaries: null,
    hexLayout: null,
    flows: dataset.flows,
    sources: [],
  };

  it('names the measures coloured, the layers drawn and the centroids of a generated hex layout', () => {
    const gap = mapSources(summary, data, 'hex', defaultLayers, 'gap', projection, null, projected('2030'));
    expect(gap.used).toContain('ofsted-csc-providers-2023');
    expect(gap.used).toContain('ons-mye-0to17-2024');
    expect(gap.used).toContain('dfe-cla-characteristics-2025');
    expect(gap.used).not.toContain('illustrative-flows-2025');
    expect(gap.centroidSource?.id).toBe('ons-lad-boundaries-2023');
    expect(gap.used).toContain('ons-lad-boundaries-2023');
    expect(gap.hexSource).toBeUndefined();

    const noLayers = { ...defaultLayers, supply: false, distance: false, flows: true };
    const distance = mapSources(summary, data, 'hex', noLayers, 'distance', projection, '2025', history('2024'));
    expect(distance.used).not.toContain('ofsted-csc-providers-2023');
    expect(distance.used).not.toContain('ons-mye-0to17-2024');
    expect(distance.used).toContain('dfe-cla-number-rate-2024');
    expect(distance.used).toContain('illustrative-flows-2025');
  });

  it('names the imported boundaries, or an imported hex layout’s own source, not the centroids', () => {
    const boundaries = { features: [], sourceId: 'ons-lad-boundaries-2023' };
    const b = mapSources(
      summary,
      { ...data, boundaries },
      'boundaries',
      defaultLayers,
      'gap',
      projection,
      null,
      projected('2030'),
    );
    expect(b.used).toContain('ons-lad-boundaries-2023');
    const hexSourceRow = { ...dataset.sources[0]!, id: 'hex-layout-import', title: 'Hex layout of LAs' };
    const withHex: MapData = {
      ...data,
      hexLayout: [{ code: MANCHESTER, q: 0, r: 0 }],
      hexLayoutSourceId: 'hex-layout-import',
      sources: [hexSourceRow],
    };
    const h = mapSources(summary, withHex, 'hex', defaultLayers, 'gap', projection, null, projected('2030'));
    expect(h.hexSource?.id).toBe('hex-layout-import');
    expect(h.used).toContain('hex-layout-import');
    expect(h.centroidSource).toBeUndefined();
    expect(h.used).not.toContain('ons-lad-boundaries-2023');
  });

  it('in the base year, names the sources of where children were placed', () => {
    const s = mapSources(
      summary,
      data,
      'hex',
      { ...defaultLayers, flows: false },
      'gap',
      projection,
      '2025',
      base('2025'),
    );
    expect(s.used).toContain('illustrative-flows-2025');
  });

  it('finds the latest supply snapshot behind year 0', () => {
    expect(baseSnapshot(projection)).toBe('2023-03-31');
    expect(baseSnapshot(null)).toBeNull();
    const moved = {
      ...projection,
      areas: projection.areas.map((a, i) =>
        i === 1 && a.base ? { ...a, base: { ...a.base, places: { ...a.base.places, snapshot: '2024-03-31' } } } : a,
      ),
    };
    expect(baseSnapshot(moved)).toBe('2024-03-31');
  });
});
