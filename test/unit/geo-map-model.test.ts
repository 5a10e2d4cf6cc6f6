import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { MapData } from '#shared/api/contract.js';
import { project, projectionInputsFromPlan } from '#shared/forecast/index.js';
import { NEUTRAL_COLOUR, NO_DATA_COLOUR, placedChildren } from '#shared/geo/index.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import { summarisePlan } from '#shared/model/summarise.js';
import { FLOWS_SHOWN_UNSELECTED, defaultLayers, mapScales, mapYears, type MapYear } from '#shared/map/index.js';
import {
  MAP_FRAME,
  MapSvg,
  buildGeometry,
  buildMapPicture,
  formatSnapshot,
  gapLabel,
  gapPhrase,
  gapRange,
  labelBox,
  yearKindWords,
  shapeInDirection,
  shortTitle,
  wrap,
  type LabelBox,
} from '../../renderer/src/charts/map/index.js';
import { baseYearSourceNote } from '../../renderer/src/views/map/baseYearNote.js';
import { tableHeadings, tableRows } from '../../renderer/src/views/map/tableRows.js';
import { formatWholeNoNegativeZero } from '../../renderer/src/format/numbers.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataset = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test/fixtures/gm-plan-illustrative-2025.json'), 'utf8'),
) as BuiltInDataset;
const summary = summarisePlan(dataset, 'Untitled plan');
const projection = project(projectionInputsFromPlan(dataset), { method: 'rate', simulations: 0 });
const members = dataset.areas.filter((a) => a.isMember);
const data: MapData = {
  geometry: 'hex',
  areas: members.map((a) => ({
    code: a.code,
    name: a.name,
    centroidLat: a.centroidLat,
    centroidLon: a.centroidLon,
    isMember: true,
  })),
  boundaries: null,
  hexLayout: null,
  flows: dataset.flows,
  sources: dataset.sources,
};
const geometry = buildGeometry(data, 'hex');
const scales = mapScales(summary, projection);
const { years, defaultIndex } = mapYears(summary, projection);
const year = (y: string): MapYear => years.find((x) => x.year === y)!;
const picture = (y: string, layers = defaultLayers, focus: string | null = null) =>
  buildMapPicture({ summary, projection, data, geometry, year: year(y), layers, scales, focus });

describe('map geometry', () => {
  it('has one hex per member LA, generated from centroids, inside the map frame', () => {
    expect(geometry.kind).toBe('hex');
    expect(geometry.missing).toEqual([]);
    expect(geometry.shapes.map((s) => s.code).sort()).toEqual(members.map((a) => a.code).sort());
    for (const s of geometry.shapes) {
      expect(s.bounds[0][0]).toBeGreaterThanOrEqual(0);
      expect(s.bounds[0][1]).toBeGreaterThanOrEqual(0);
      expect(s.bounds[1][0]).toBeLessThanOrEqual(MAP_FRAME.width);
      expect(s.bounds[1][1]).toBeLessThanOrEqual(MAP_FRAME.height);
    }
  });

  it('orders shapes north to south, west to east (the tab order), and moves by arrow key', () => {
    const names = geometry.shapes.map((s) => s.name);
    expect(names.indexOf('Bolton')).toBeLessThan(names.indexOf('Manchester'));
    expect(names.indexOf('Manchester')).toBeLessThan(names.indexOf('Stockport'));
    const code = (name: string) => geometry.shapes.find((s) => s.name === name)!.code;
    const east = shapeInDirection(geometry.shapes, code('Wigan'), 'right');
    expect(east).toBe(code('Salford'));
    expect(shapeInDirection(geometry.shapes, code('Wigan'), 'left')).toBeNull();
  });

  it('uses an imported hex layout as given, and boundaries when chosen, listing members without a shape', () => {
    const hexed = buildGeometry({ ...data, hexLayout: members.map((a, i) => ({ code: a.code, q: i, r: 0 })) }, 'hex');
    expect(hexed.shapes.map((s) => s.y).every((y) => y === hexed.shapes[0]!.y)).toBe(true);
    const square = (lon: number) => [
      [
        [lon, 53.5],
        [lon, 53.6],
        [lon + 0.1, 53.6],
        [lon + 0.1, 53.5],
        [lon, 53.5],
      ],
    ];
    const bounded = buildGeometry(
      {
        ...data,
        geometry: 'boundaries',
        boundaries: {
          sourceId: 'test',
          features: [
            { code: 'E08000001', name: 'Bolton', geometry: { type: 'Polygon', coordinates: square(-2.5) } },
            { code: 'E08000002', name: 'Bury', geometry: { type: 'Polygon', coordinates: square(-2.4) } },
          ],
        },
      },
      'boundaries',
    );
    expect(bounded.kind).toBe('boundaries');
    expect(bounded.shapes.map((s) => s.code)).toEqual(['E08000001', 'E08000002']);
    expect(bounded.missing).toHaveLength(8);
    // Asked for boundaries that the plan does not hold: the hex layout.
    expect(buildGeometry(data, 'boundaries').kind).toBe('hex');
  });
});

describe('map years', () => {
  it('runs over the published history and then the projection horizon, ending on the horizon', () => {
    expect(years.filter((y) => y.kind === 'history').map((y) => y.year)).toEqual([
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
    ]);
    // The base year is year 0: observed, with a gap by the projection's definitions.
    expect(years.filter((y) => y.kind === 'base').map((y) => y.year)).toEqual([projection.baseYear]);
    expect(projection.baseYear).toBe('2025');
    expect(yearKindWords(year('2025'))).toBe('observed (year 0)');
    expect(yearKindWords(year('2024'))).toBe('published');
    expect(yearKindWords(year('2026'))).toBe('projected');
    expect(years.filter((y) => y.kind === 'projection').map((y) => y.year)).toEqual(projection.years);
    expect(years[defaultIndex]?.year).toBe(projection.years.at(-1));
  });
});

describe('the map picture', () => {
  it('colours each LA by its projected gap median, with the scale’s colour and a named, valued label', () => {
    const p = picture('2028');
    expect(p.fill).toBe('gap');
    expect(p.fillNote).toBeNull();
    expect(p.areas).toHaveLength(10);
    for (const a of p.areas) {
      const y = projection.areas.find((x) => x.code === a.code)!.years.find((x) => x.year === '2028')!;
      expect(a.value).toBe(y.gap.p50);
      expect(a.fill).toBe(scales.gap(y.gap.p50));
      expect(a.ariaLabel).toBe(`${a.name}: ${gapPhrase(y.gap.p50)} in 2028 (80% range ${gapRange(y.gap)})`);
      expect(a.ariaLabel).toMatch(
        /^[A-Z][a-z]+: (short by \d+ beds?|\d+ beds? to spare|no gap) in 2028 \(80% range .+\)$/,
      );
    }
    expect(p.title).toBe('Where children’s home places will be short: 31 March 2028');
    expect(p.legend.ticks.find((t) => t.value === 0)?.colour).toBe(NEUTRAL_COLOUR);
    expect(p.legend.units).toMatch(/Beds/);
  });

  it('changes values and colours with the year', () => {
    const a = picture('2026').areas.map((x) => x.value);
    const b = picture('2030').areas.map((x) => x.value);
    expect(a).not.toEqual(b);
  });

  it('shows the published share placed 20+ miles away for a history year, and says why', () => {
    const p = picture('2024');
    expect(p.fill).toBe('distance');
    expect(p.fillNote).toMatch(/there is none for 2024/);
    expect(p.title).toBe('Children placed more than 20 miles from home: 31 March 2024');
    const bolton = p.areas.find((a) => a.name === 'Bolton')!;
    // Bolton, 31 March 2024: 50 of 571 children looked after placed more than 20 miles away (DfE).
    expect(bolton.value).toBeCloseTo(50 / 571, 6);
    expect(bolton.fill).toBe(scales.share(50 / 571));
    expect(bolton.valueText).toBe('9%');
    expect(bolton.ariaLabel).toBe(
      'Bolton: 9% of children looked after placed more than 20 miles from home on 31 March 2024 (50 of 571)',
    );
    // 2020 has no distance figures: no colour, no invented value.
    const early = picture('2020');
    expect(early.areas.every((a) => a.value === null && a.fill === NO_DATA_COLOUR)).toBe(true);
  });

  it('draws supply symbols by sector, sized by places, and badges for the share placed far away', () => {
    const p = picture('2030');
    const bolton = p.areas.find((a) => a.name === 'Bolton')!;
    expect(bolton.pie?.slices.reduce((t, s) => t + s.places, 0)).toBe(bolton.figures.supplyPlaces);
    expect(bolton.badge?.text).toMatch(/^20\+ mi \d+%$/);
    const none = picture('2030', { ...defaultLayers, supply: false, distance: false });
    expect(none.areas.every((a) => a.pie === null && a.badge === null)).toBe(true);
    const radii = p.areas.map((a) => [a.figures.supplyPlaces, a.pie!.radius] as const).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < radii.length; i++) expect(radii[i]![1]).toBeGreaterThanOrEqual(radii[i - 1]![1]);
  });

  it('lays out flows that conserve each LA’s placed children, drawing the largest or the chosen LA’s', () => {
    const p = picture('2030', { ...defaultLayers, flows: true });
    const flows = p.flows!;
    expect(flows.period).toBe('2025');
    expect(flows.illustrative).toBe(true);
    for (const [code, total] of placedChildren(dataset.flows)) {
      const drawn = flows.arcs.filter((a) => a.placing === code).reduce((t, a) => t + a.children, 0);
      expect(drawn + (flows.own.find((o) => o.code === code)?.children ?? 0)).toBe(total);
    }
    expect(flows.shown).toHaveLength(FLOWS_SHOWN_UNSELECTED);
    expect(flows.shownNote).toMatch(/largest/);
    const bolton = picture('2030', { ...defaultLayers, flows: true }, 'E08000001').flows!;
    expect(bolton.shown.length).toBeGreaterThan(0);
    expect(bolton.shown.every((a) => a.placing === 'E08000001')).toBe(true);
    expect(bolton.shown).toEqual(bolton.arcs.filter((a) => a.placing === 'E08000001'));
    expect(picture('2030').flows).toBeNull();
  });

  it('keeps area names readable with flows on: each sits on its own plate, drawn above every arrow', () => {
    const overlaps = (a: LabelBox, b: LabelBox) =>
      a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    for (const focus of [null, 'E08000003']) {
      const p = picture('2030', { ...defaultLayers, flows: true }, focus);
      expect(p.flows!.shown.length).toBeGreaterThan(0);
      const plates = p.areas.map((a) => a.labelPlate!);
      for (const [i, a] of p.areas.entries()) {
        // The plate holds the name (bold, 14 px) and the value under it.
        expect(plates[i]).toEqual(labelBox(a));
        expect(plates[i]!.width).toBeGreaterThanOrEqual(a.name.length * 14 * 0.55);
        expect(plates[i]!.y).toBeLessThan(a.y - 4 - 10);
        expect(plates[i]!.y + plates[i]!.height).toBeGreaterThan(a.y + 13);
      }
      // No two plates collide, so no name is covered by another's.
      for (let i = 0; i < plates.length; i++)
        for (let j = i + 1; j < plates.length; j++) expect(overlaps(plates[i]!, plates[j]!)).toBe(false);
      // Drawn after (so above) the arrows: the first plate comes after the last arrowhead in the SVG.
      const svg = renderToStaticMarkup(
        createElement(MapSvg, {
          picture: p,
          selected: focus,
          active: null,
          onActivate: () => undefined,
          onSelect: () => undefined,
          onKeyDown: () => undefined,
        }),
      );
      const lastHead = Math.max(...p.flows!.shown.map((arc) => svg.indexOf(`d="${arc.head}"`)));
      expect(lastHead).toBeGreaterThan(0);
      expect(svg.indexOf('map-label-plate')).toBeGreaterThan(lastHead);
    }
    // No flows, no plates: the labels keep their thin halo on the colours.
    expect(picture('2030').areas.every((a) => a.labelPlate === null)).toBe(true);
  });

  it('names its sources and fits its legend and source line inside its height', () => {
    const p = picture('2030', { ...defaultLayers, flows: true });
    const sources = p.sourceLines.join(' ');
    expect(sources).toMatch(/^Sources: Department for Education/);
    expect(sources).toMatch(/Ofsted/);
    expect(sources).toMatch(/illustrative, not published data/);
    expect(sources).toMatch(/Projection: Sufficiency Planner, rate method from 2025/);
    expect(p.sourceLines.every((l) => l.length <= 150)).toBe(true);
    const legendBottom = Math.max(...p.legendItems.map((i) => i.y));
    expect(legendBottom).toBeLessThan(p.footerY);
    expect(p.height).toBeGreaterThan(p.footerY + 14 * p.sourceLines.length);
  });

  it('gives an equivalent table, one row per LA', () => {
    const rows = tableRows(picture('2028').areas, year('2028'));
    expect(rows).toHaveLength(10);
    expect(rows.map((r) => r.name)).toEqual([...rows.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
    for (const r of rows) expect(r.cells).toHaveLength(tableHeadings.length);
    const history = tableRows(picture('2023').areas, year('2023'));
    expect(history[0]!.cells[0]).toBe('not projected for a published year');
  });
});

describe('the map’s year 0', () => {
  it('colours each member by its observed base-year gap and labels it as observed', () => {
    const p = picture('2025');
    expect(p.fill).toBe('gap');
    expect(p.fillNote).toBeNull();
    expect(p.title).toBe('Where children’s home places are short: 31 March 2025 (observed, year 0)');
    expect(p.legend.units).toMatch(/observed, year 0/);
    for (const a of p.areas) {
      const base = projection.areas.find((x) => x.code === a.code)!.base!;
      expect(base.year).toBe('2025');
      expect(a.figures.base).toBe(base);
      expect(a.figures.projected).toBeNull();
      // gap = children ÷ occupancy − accessible places, observed
      expect(base.gap).toBeCloseTo(base.children! / 0.85 - base.places.accessible, 6);
      expect(a.value).toBe(base.gap);
      expect(a.fill).toBe(scales.gap(base.gap!));
      expect(a.ariaLabel).toContain(`${gapPhrase(base.gap!)} on 31 March 2025, observed (year 0)`);
    }
    // Year 0 is not a projected year: its values differ from the first projected year's.
    expect(p.areas.map((a) => a.value)).not.toEqual(picture('2026').areas.map((a) => a.value));
    expect(p.sourceLines.join(' ')).toMatch(/Year 0 \(2025\): observed children in homes/);
  });

  it('gives year 0’s children, places by sector and where children were placed in the table', () => {
    const rows = tableRows(picture('2025').areas, year('2025'));
    const bolton = rows.find((r) => r.name === 'Bolton')!;
    const base = projection.areas.find((x) => x.name === 'Bolton')!.base!;
    expect(bolton.cells[0]).toBe(`${gapPhrase(base.gap!)} (observed)`);
    expect(bolton.cells[1]).toBe('observed: no range');
    expect(bolton.cells[2]).toContain(`(${formatWholeNoNegativeZero(base.children!)} children)`);
    expect(bolton.cells[3]).toBe(formatWholeNoNegativeZero(base.places.accessible));
    expect(bolton.cells[4]).toBe(
      `${formatWholeNoNegativeZero(base.places.registered)} (LA-run ${formatWholeNoNegativeZero(base.places.laRun)}, contracted ${formatWholeNoNegativeZero(base.places.contracted)}, private and voluntary ${formatWholeNoNegativeZero(base.places.openMarket)})`,
    );
    const w = base.placedWhere!;
    expect(bolton.cells[6]).toBe(
      `${formatWholeNoNegativeZero(w.ownLa)} / ${formatWholeNoNegativeZero(w.elsewhereInConsortium)} / ${formatWholeNoNegativeZero(w.outside)} (31 March ${w.period})`,
    );
  });

  it('says what year 0 is drawn from, with the sources’ publishers and periods, and only for year 0', () => {
    const sources = new Map(dataset.sources.map((s) => [s.id, s]));
    const note = baseYearSourceNote(summary, projection, year('2025'), sources)!;
    expect(note).toMatch(
      /^Observed, year 0 \(the projection’s base year\): children in secure and children’s homes on 31 March 2025 as published/,
    );
    expect(note).toMatch(/places by sector from Ofsted, 31 March \d{4}/);
    expect(note).toMatch(/placement flows, 31 March \d{4}/);
    expect(baseYearSourceNote(summary, projection, year('2026'), sources)).toBeNull();
    expect(baseYearSourceNote(summary, projection, year('2024'), sources)).toBeNull();
    expect(baseYearSourceNote(summary, null, year('2025'), sources)).toBeNull();
  });
});

describe('map words', () => {
  it('writes gaps and their 80% ranges plainly', () => {
    expect(gapPhrase(43.4)).toBe('short by 43 beds');
    expect(gapPhrase(1)).toBe('short by 1 bed');
    expect(gapPhrase(-12)).toBe('12 beds to spare');
    expect(gapPhrase(0.2)).toBe('no gap');
    expect(gapLabel(43)).toBe('43 short');
    expect(gapLabel(-5)).toBe('5 spare');
    expect(gapRange({ p10: 20.2, p50: 43, p90: 65.9 })).toBe('20 to 66');
    expect(gapRange({ p10: -30, p50: -12, p90: -5 })).toBe('5 to 30 to spare');
    expect(gapRange({ p10: -4, p50: 2, p90: 9 })).toBe('from 4 to spare to 9 short');
  });

  it('formats snapshots, wraps lines and shortens source titles', () => {
    expect(formatSnapshot('2023-03-31')).toBe('31 March 2023');
    expect(formatSnapshot('2025')).toBe('31 March 2025');
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(shortTitle('Mid-year estimates: children (DfE layout)', 80)).toBe('Mid-year estimates');
    expect(shortTitle('a b c d e f g h', 6)).toBe('a b c…');
  });
});

describe('map caption: the hex layout actually drawn', () => {
  it('says the hexes were generated from centroids only when they were, and names an imported layout', () => {
    const generated = picture('2030').sourceLines.join(' ');
    expect(generated).toMatch(/Hex layout generated from LA centroids/);

    const hexSource = {
      id: 'import-hexlayout00001',
      title: 'Hex map layout',
      publisher: 'Open Innovations',
      file: 'uk-local-authority-districts-2023.hexjson',
      table: 'Hex layout (HexJSON)',
      period: '',
      licence: 'MIT',
      url: '',
      illustrative: false,
    };
    const imported: MapData = {
      ...data,
      hexLayout: members.map((a, i) => ({ code: a.code, q: i % 4, r: Math.floor(i / 4) })),
      hexLayoutSourceId: hexSource.id,
      sources: [...data.sources, hexSource],
    };
    const geometryImported = buildGeometry(imported, 'hex');
    const p = buildMapPicture({
      summary,
      projection,
      data: imported,
      geometry: geometryImported,
      year: year('2030'),
      layers: defaultLayers,
      scales,
      focus: null,
    });
    const caption = p.sourceLines.join(' ');
    expect(caption).not.toMatch(/generated from LA centroids/);
    expect(caption).toMatch(/Hex layout imported from uk-local-authority-districts-2023\.hexjson/);
    expect(caption).toMatch(/Open Innovations, Hex map layout/);
  });
});
