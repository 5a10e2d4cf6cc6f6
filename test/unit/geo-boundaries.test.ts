import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea, geoPath } from 'd3';
import { describe, expect, it } from 'vitest';
import {
  boundaryPaths,
  fitProjection,
  osgbToWgs84,
  parseBoundaries,
  pointInRings,
  toBoundaryFeature,
  type BoundaryFeature,
} from '#shared/geo/index.js';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import { ctyua2018GeoJson, ukTopoJson } from '../fixtures/import/boundaryFiles.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lookup = createAuthorityLookup(
  JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'resources/reference/english-authorities.json'), 'utf8'),
  ) as ReferenceAuthority[],
);

/** An axis-aligned square ring, anticlockwise (the RFC 7946 winding d3 reads as "everything else"). */
function square(lon: number, lat: number, size = 0.1): number[][] {
  return [
    [lon, lat],
    [lon + size, lat],
    [lon + size, lat + size],
    [lon, lat + size],
    [lon, lat],
  ];
}

const feature = (properties: Record<string, unknown>, ring: number[][]) => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Polygon', coordinates: [ring] },
});

const geojson = JSON.stringify({
  type: 'FeatureCollection',
  name: 'lad_2023',
  features: [
    feature({ OBJECTID: 1, LAD23CD: 'E08000001', LAD23NM: 'Bolton', RGN23CD: 'E12000002' }, square(-2.5, 53.55)),
    feature({ OBJECTID: 2, LAD23CD: 'E08000002', LAD23NM: 'Bury', RGN23CD: 'E12000002' }, square(-2.35, 53.55)),
    // A former code (Barnsley's before 2025), and a lower-tier district the reference list does not hold.
    feature({ OBJECTID: 3, LAD23CD: 'E08000016', LAD23NM: 'Barnsley', RGN23CD: 'E12000003' }, square(-1.5, 53.5)),
    feature({ OBJECTID: 4, LAD23CD: 'E07000117', LAD23NM: 'Burnley', RGN23CD: 'E12000002' }, square(-2.25, 53.75)),
    // Bury again: an outlying piece, drawn with the rest of Bury.
    feature({ OBJECTID: 5, LAD23CD: 'E08000002', LAD23NM: 'Bury', RGN23CD: 'E12000002' }, square(-2.3, 53.7, 0.02)),
  ],
});

/** A TopoJSON file with two layers: regions first (codes the reference list lacks), then LAs. */
const topojson = JSON.stringify({
  type: 'Topology',
  arcs: [
    square(-3, 53, 1),
    // The edge Bolton and Bury share.
    [
      [-2.4, 53.5],
      [-2.4, 53.6],
    ],
    // The rest of Bolton.
    [
      [-2.4, 53.6],
      [-2.5, 53.6],
      [-2.5, 53.5],
      [-2.4, 53.5],
    ],
    // The rest of Bury.
    [
      [-2.4, 53.5],
      [-2.3, 53.5],
      [-2.3, 53.6],
      [-2.4, 53.6],
    ],
  ],
  objects: {
    regions: {
      type: 'GeometryCollection',
      geometries: [{ type: 'Polygon', arcs: [[0]], properties: { rgn: 'E12000002', name: 'North West' } }],
    },
    authorities: {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Polygon', arcs: [[1, 2]], properties: { areacd: 'E08000001', areanm: 'Bolton' } },
        // Shares Bolton's edge, reversed (−2 is arc 1 backwards).
        { type: 'Polygon', arcs: [[3, -2]], properties: { areacd: 'E08000002', areanm: 'Bury' } },
        { type: 'Polygon', arcs: [[0]], properties: { areacd: 'E99999999', areanm: 'Nowhere' } },
      ],
    },
  },
});

describe('parseBoundaries: GeoJSON', () => {
  const parsed = parseBoundaries(geojson, { fileName: 'lad.geojson' }, lookup);

  it('finds the code field among the candidates and matches codes, former ones included', () => {
    expect(parsed.format).toBe('geojson');
    expect(parsed.layers).toEqual(['lad_2023']);
    expect(parsed.codeFields[0]).toBe('LAD23CD');
    expect(parsed.codeFields).toContain('RGN23CD');
    expect(parsed.codeField).toBe('LAD23CD');
    expect(parsed.nameField).toBe('LAD23NM');
    expect(parsed.features.map((f) => [f.code, f.name])).toEqual([
      ['E08000001', 'Bolton'],
      ['E08000002', 'Bury'],
      ['E08000038', 'Barnsley'],
    ]);
  });

  it('reports the unmatched feature and the former code, and draws a repeated code as one area', () => {
    expect(parsed.unmatched).toEqual([{ feature: 4, code: 'E07000117', name: 'Burnley' }]);
    const messages = parsed.issues.map((i) => `${i.severity} ${i.row} ${i.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^warning 4 Feature 4 \(Burnley\) has the code E07000117/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning 3 E08000016 is an earlier code of Barnsley/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning 5 Feature 5 is Bury again/));
    expect(parsed.issues.some((i) => i.severity === 'error')).toBe(false);
    expect(parsed.features.find((f) => f.code === 'E08000002')?.geometry.type).toBe('MultiPolygon');
  });

  it('rewinds anticlockwise rings so that d3 draws the area, not the rest of the globe', () => {
    for (const f of parsed.features) {
      expect(geoArea({ type: 'Feature', properties: {}, geometry: f.geometry })).toBeLessThan(0.001);
    }
  });

  it('reads the code field it is told to, and says when it is missing', () => {
    const byRegion = parseBoundaries(geojson, { codeField: 'RGN23CD' }, lookup);
    expect(byRegion.features).toEqual([]);
    expect(byRegion.issues.some((i) => i.severity === 'error')).toBe(true);
    const missing = parseBoundaries(geojson, { codeField: 'CTYUA23CD' }, lookup);
    expect(missing.issues[0]?.message).toMatch(
      /No feature has the property “CTYUA23CD”; code properties found: LAD23CD/,
    );
  });

  it('converts British National Grid coordinates to longitude and latitude', () => {
    const bng = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature({ CTYUA23CD: 'E08000003', CTYUA23NM: 'Manchester' }, [
          [383000, 397000],
          [386000, 397000],
          [386000, 400000],
          [383000, 400000],
          [383000, 397000],
        ]),
      ],
    });
    const parsed = parseBoundaries(bng, {}, lookup);
    expect(parsed.issues[0]?.message).toMatch(/British National Grid/);
    const [lon, lat] = (parsed.features[0]!.geometry.coordinates[0] as number[][])[0]!;
    expect(lon).toBeCloseTo(-2.2576, 3);
    expect(lat).toBeCloseTo(53.4695, 3);
  });

  it('fails clearly on files that are not boundaries', () => {
    expect(parseBoundaries('not json', {}, lookup).issues[0]?.message).toMatch(/not valid JSON/);
    expect(parseBoundaries('{"hexes":{}}', {}, lookup).issues[0]?.message).toMatch(/neither a GeoJSON/);
    const noCodes = JSON.stringify({ type: 'FeatureCollection', features: [feature({ name: 'X' }, square(0, 50))] });
    expect(parseBoundaries(noCodes, {}, lookup).issues[0]?.message).toMatch(/No property .* holds ONS codes/);
  });
});

describe('parseBoundaries: TopoJSON', () => {
  it('lists the layers and reads the first with LA codes', () => {
    const parsed = parseBoundaries(topojson, {}, lookup);
    expect(parsed.format).toBe('topojson');
    expect(parsed.layers).toEqual(['regions', 'authorities']);
    expect(parsed.layer).toBe('authorities');
    expect(parsed.codeField).toBe('areacd');
    expect(parsed.nameField).toBe('areanm');
    expect(parsed.features.map((f) => f.code)).toEqual(['E08000001', 'E08000002']);
    expect(parsed.unmatched).toEqual([{ feature: 3, code: 'E99999999', name: 'Nowhere' }]);
    expect(parsed.issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/2 layers .* read “authorities”/));
    // Arcs shared between neighbours are stitched into closed rings.
    for (const f of parsed.features) {
      const ring = (f.geometry.coordinates as number[][][])[0]!;
      expect(ring[0]).toEqual(ring.at(-1));
      expect(geoArea({ type: 'Feature', properties: {}, geometry: f.geometry })).toBeLessThan(0.001);
    }
  });

  it('reads the requested layer, and says when it does not exist', () => {
    const regions = parseBoundaries(topojson, { layer: 'regions' }, lookup);
    expect(regions.layer).toBe('regions');
    expect(regions.features).toEqual([]);
    expect(regions.issues.some((i) => i.severity === 'error')).toBe(true);
    const none = parseBoundaries(topojson, { layer: 'wards' }, lookup);
    expect(none.issues[0]?.message).toBe(
      'The file has no layer “wards”; its layers are regions (1 feature, 0 English upper-tier authorities), authorities (3 features, 2 English upper-tier authorities).',
    );
  });
});

describe('fitProjection and boundaryPaths', () => {
  const features = parseBoundaries(geojson, {}, lookup).features;

  it.each([
    [800, 600, 0],
    [400, 700, 12],
  ])('fit the features inside a %i × %i viewport (padding %i)', (width, height, padding) => {
    const projection = fitProjection(features, width, height, padding);
    const shapes = boundaryPaths(features, projection);
    expect(shapes).toHaveLength(features.length);
    for (const s of shapes) {
      expect(s.path.startsWith('M')).toBe(true);
      const [[x0, y0], [x1, y1]] = s.bounds;
      expect(x0).toBeGreaterThanOrEqual(padding - 0.5);
      expect(y0).toBeGreaterThanOrEqual(padding - 0.5);
      expect(x1).toBeLessThanOrEqual(width - padding + 0.5);
      expect(y1).toBeLessThanOrEqual(height - padding + 0.5);
    }
    const all = geoPath(projection).bounds({
      type: 'FeatureCollection',
      features: features.map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry })),
    });
    // Fitted: the features span the free width or the free height.
    const spanX = all[1][0] - all[0][0];
    const spanY = all[1][1] - all[0][1];
    expect(Math.max(spanX / (width - 2 * padding), spanY / (height - 2 * padding))).toBeCloseTo(1, 2);
  });

  it('uses a British National Grid-like transverse Mercator (2° W, 49° N), north up', () => {
    const projection = fitProjection(features, 800, 600);
    expect(projection.rotate()).toEqual([2, -49, 0]);
    const bolton = projection([-2.45, 53.6])!;
    const further = projection([-2.45, 53.64])!;
    expect(further[1]).toBeLessThan(bolton[1]);
  });

  it('puts a crescent’s label inside the shape, not at its centroid', () => {
    const crescent: BoundaryFeature = {
      code: 'E08000001',
      name: 'Bolton',
      geometry: {
        type: 'Polygon',
        // A "U": its centroid falls in the gap between the arms.
        coordinates: [
          [
            [-2.5, 53.5],
            [-2.5, 53.7],
            [-2.45, 53.7],
            [-2.45, 53.55],
            [-2.35, 53.55],
            [-2.35, 53.7],
            [-2.3, 53.7],
            [-2.3, 53.5],
            [-2.5, 53.5],
          ],
        ],
      },
    };
    const projection = fitProjection([crescent], 400, 400);
    const [shape] = boundaryPaths([crescent], projection);
    const ring = (crescent.geometry.coordinates as number[][][])[0]!.map((p) => projection([p[0]!, p[1]!])!);
    expect(pointInRings([ring], shape!.x, shape!.y)).toBe(true);
  });

  it('turns stored geometry into drawable boundaries, and refuses what is not a polygon', () => {
    const stored = toBoundaryFeature({
      code: 'E08000001',
      name: 'Bolton',
      geometry: { type: 'Polygon', coordinates: [square(-2.5, 53.55)] },
    });
    expect(stored?.geometry.type).toBe('Polygon');
    expect(geoArea({ type: 'Feature', properties: {}, geometry: stored!.geometry })).toBeLessThan(0.001);
    expect(toBoundaryFeature({ code: 'X', name: 'X', geometry: { type: 'Point', coordinates: [0, 0] } })).toBeNull();
    expect(toBoundaryFeature({ code: 'X', name: 'X', geometry: null })).toBeNull();
  });
});

describe('osgbToWgs84', () => {
  it('matches the Ordnance Survey worked example to within a metre or two', () => {
    // OS "A guide to coordinate systems in Great Britain": E 651409.903, N 313177.270 is
    // 52° 39′ 27.2531″ N, 1° 43′ 4.5177″ E on OSGB36, about 52.6580° N, 1.7161° E on WGS 84.
    const [lon, lat] = osgbToWgs84(651409.903, 313177.27);
    expect(lat).toBeCloseTo(52.658, 3);
    expect(lon).toBeCloseTo(1.7161, 3);
  });
});

describe('parseBoundaries: ONS layered TopoJSON (country, region, county, upper and lower tier)', () => {
  const gm = Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`);
  const { text, counts } = ukTopoJson();

  it('reads the layer holding the members, the upper tier on a tie, and lists every layer with its counts', () => {
    const parsed = parseBoundaries(text, { members: gm }, lookup);
    expect(parsed.layer).toBe('utla');
    expect(parsed.codeField).toBe('areacd');
    expect(parsed.features.filter((f) => gm.includes(f.code))).toHaveLength(10);
    expect(parsed.features).toHaveLength(counts.utla.english);
    expect(parsed.layerSummaries.map((l) => [l.name, l.features, l.authorities, l.members])).toEqual([
      ['ctry', 4, 0, 0],
      ['rgn', 12, 0, 0],
      ['cty', counts.cty.features, counts.cty.english, 0],
      ['utla', counts.utla.features, counts.utla.english, 10],
      ['ltla', counts.ltla.features, counts.ltla.english, 10],
    ]);
    expect(parsed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const said = parsed.issues.map((i) => i.message);
    expect(said).toContainEqual(
      expect.stringMatching(
        /^The file has 5 layers \(ctry .*cty \(21 features, 21 English upper-tier authorities, 0 of the members\).*: read “utla”\.$/,
      ),
    );
    expect(said).toContainEqual(
      '65 features (22 in Wales, 32 in Scotland, 11 in Northern Ireland) left out (not English upper-tier authorities).',
    );
  });

  it('refuses a layer holding none of the members, listing the layers', () => {
    const parsed = parseBoundaries(text, { members: gm, layer: 'cty' }, lookup);
    expect(parsed.features).toEqual([]);
    const errors = parsed.issues.filter((i) => i.severity === 'error').map((i) => i.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /^Layer “cty” holds none of the plan's 10 member authorities, so nothing would be drawn\. Layers: ctry .* utla \(\d+ features, \d+ English upper-tier authorities, 10 of the members\).*Choose a layer that holds them\.$/,
    );
  });

  it('reads a two-tier county from the county layer when that is all the members are, but the upper tier on a tie', () => {
    const kent = lookup.byName('Kent')!.onsCode;
    expect(parseBoundaries(text, { members: [kent] }, lookup).layer).toBe('utla');
    expect(parseBoundaries(text, { members: [kent], layer: 'cty' }, lookup).features.map((f) => f.code)).toContain(
      kent,
    );
  });

  it('without members, reads the layer matching most authorities', () => {
    expect(parseBoundaries(text, {}, lookup).layer).toBe('utla');
  });
});

describe('parseBoundaries: predecessors and abolished areas', () => {
  it('leaves out Bournemouth, Poole, the old Dorset and Cumbria, naming their successors, and reads the rest', () => {
    const parsed = parseBoundaries(ctyua2018GeoJson(), { fileName: 'ctyua18.geojson' }, lookup);
    expect(parsed.features.map((f) => f.name)).toEqual(['Bristol, City of', 'Wiltshire']);
    const warnings = parsed.issues.filter((i) => i.severity === 'warning').map((i) => `${i.row} ${i.message}`);
    expect(warnings).toContain(
      "1 1 feature of an abolished area left out: Bournemouth (E06000028, DfE 837), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058), so its boundary is not any current authority's.",
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(
        /^3 1 feature .* Dorset \(E10000009, DfE 835\), abolished on 1 April 2019; .* divided between Dorset \(E06000059\) and Bournemouth, Christchurch and Poole \(E06000058\)/,
      ),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/^6 1 feature .* Cumbria \(E10000006, DfE 909\), abolished on 1 April 2023/),
    );
    expect(warnings.some((w) => /Poole \(E06000029/.test(w))).toBe(true);
    expect(parsed.issues.some((i) => i.severity === 'error')).toBe(false);
  });
});
