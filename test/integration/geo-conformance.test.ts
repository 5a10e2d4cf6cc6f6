/**
 * Map geometry against the published boundary files in ../shared/data (never copied into the
 * repository): the ONS boundaries of the 10 Greater Manchester LAs and Open Innovations' HexJSON of
 * UK LADs each give one shape per member, with its code on the shape, fitted to the viewport.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoArea } from 'd3';
import { describe, expect, it } from 'vitest';
import {
  boundaryPaths,
  fitProjection,
  hexLayoutFromCentroids,
  hexPaths,
  parseBoundaries,
  parseHexJson,
  pointInRings,
  selectHexes,
} from '#shared/geo/index.js';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = path.resolve(repoRoot, '../shared/data');
const hasData = fs.existsSync(dataDir);
const boundariesFile = path.join(dataDir, 'boundaries', 'gm_local_authority_2023_generalised.geojson');
const hexFile = path.join(dataDir, 'boundaries', 'uk-local-authority-districts-2023.hexjson');

const lookup = createAuthorityLookup(
  JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'resources/reference/english-authorities.json'), 'utf8'),
  ) as ReferenceAuthority[],
);
const dataset = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test/fixtures/gm-plan-illustrative-2025.json'), 'utf8'),
) as BuiltInDataset;
const GM = Array.from({ length: 10 }, (_, i) => `E080000${String(i + 1).padStart(2, '0')}`);

/** Renders shapes as an SVG string, one path per LA with its code in a data attribute. */
function svgOf(shapes: { code: string; path: string }[], width: number, height: number): string {
  return `<svg viewBox="0 0 ${width} ${height}">${shapes
    .map((s) => `<path data-testid="map-area" data-code="${s.code}" d="${s.path}"/>`)
    .join('')}</svg>`;
}
const codesIn = (svg: string) => [...svg.matchAll(/data-code="([^"]+)"/g)].map((m) => m[1]);

describe('built-in hex layout from the plan’s centroids', () => {
  it('draws one hexagon per GM member with its code, inside the viewport', () => {
    const members = dataset.areas.filter((a) => a.isMember);
    const shapes = hexPaths(
      hexLayoutFromCentroids(members.map((a) => ({ code: a.code, lat: a.centroidLat!, lon: a.centroidLon! }))),
      640,
      480,
      { padding: 10 },
    );
    expect(codesIn(svgOf(shapes, 640, 480)).sort()).toEqual(GM);
    for (const s of shapes) {
      expect(s.bounds[0][0]).toBeGreaterThanOrEqual(10 - 0.01);
      expect(s.bounds[1][0]).toBeLessThanOrEqual(630 + 0.01);
      expect(s.bounds[0][1]).toBeGreaterThanOrEqual(10 - 0.01);
      expect(s.bounds[1][1]).toBeLessThanOrEqual(470 + 0.01);
    }
  });
});

describe.skipIf(!hasData)(
  hasData
    ? 'published boundary files in ../shared/data'
    : 'published boundary files (skipped: ../shared/data is absent)',
  () => {
    it('reads the ONS boundaries of the 10 GM LAs (E08000001 to E08000010) with no issue', () => {
      const parsed = parseBoundaries(fs.readFileSync(boundariesFile, 'utf8'), { fileName: 'gm.geojson' }, lookup);
      expect(parsed.issues).toEqual([]);
      expect(parsed.format).toBe('geojson');
      expect(parsed.codeField).toBe('area_code');
      expect(parsed.nameField).toBe('area_name');
      expect(parsed.features.map((f) => f.code)).toEqual(GM);
      expect(parsed.features.map((f) => f.name)).toEqual([
        'Bolton',
        'Bury',
        'Manchester',
        'Oldham',
        'Rochdale',
        'Salford',
        'Stockport',
        'Tameside',
        'Trafford',
        'Wigan',
      ]);
      // Each polygon is a council-sized area (tens to a couple of hundred km²), not the rest of the globe.
      const earthKm2 = 4 * Math.PI * 6371 ** 2;
      for (const f of parsed.features) {
        const km2 = (geoArea({ type: 'Feature', properties: {}, geometry: f.geometry }) / (4 * Math.PI)) * earthKm2;
        expect(km2).toBeGreaterThan(50);
        expect(km2).toBeLessThan(250);
      }
    });

    it('fits the projection to the viewport: one path per LA with its code, all inside, labels inside their LA', () => {
      const parsed = parseBoundaries(fs.readFileSync(boundariesFile, 'utf8'), {}, lookup);
      for (const [width, height] of [
        [800, 600],
        [500, 900],
      ] as const) {
        const projection = fitProjection(parsed.features, width, height, 12);
        const shapes = boundaryPaths(parsed.features, projection);
        expect(codesIn(svgOf(shapes, width, height)).sort()).toEqual(GM);
        for (const s of shapes) {
          expect(s.bounds[0][0]).toBeGreaterThanOrEqual(11.5);
          expect(s.bounds[0][1]).toBeGreaterThanOrEqual(11.5);
          expect(s.bounds[1][0]).toBeLessThanOrEqual(width - 11.5);
          expect(s.bounds[1][1]).toBeLessThanOrEqual(height - 11.5);
          const feature = parsed.features.find((f) => f.code === s.code)!;
          const polygons =
            feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
          const rings = polygons.flatMap((p) => p.map((ring) => ring.map((pt) => projection([pt[0]!, pt[1]!])!)));
          expect(pointInRings(rings, s.x, s.y)).toBe(true);
        }
        // The geography reads right: Wigan west of Tameside, Bury north of Stockport.
        const at = (code: string) => shapes.find((s) => s.code === code)!;
        expect(at('E08000010').x).toBeLessThan(at('E08000008').x);
        expect(at('E08000002').y).toBeLessThan(at('E08000007').y);
      }
    });

    it('reads the UK HexJSON: 10 GM hexes, each a unique cell, drawn with their codes', () => {
      const parsed = parseHexJson(fs.readFileSync(hexFile, 'utf8'), lookup, 'uk.hexjson');
      expect(parsed.layout).toBe('odd-r');
      expect(parsed.issues.some((i) => i.severity === 'error')).toBe(false);
      const gm = selectHexes(parsed.hexes, GM);
      expect(gm.map((h) => h.code).sort()).toEqual(GM);
      expect(gm.find((h) => h.code === 'E08000001')).toMatchObject({ name: 'Bolton', q: 4, r: 14 });
      expect(new Set(gm.map((h) => `${h.q},${h.r}`)).size).toBe(10);
      const shapes = hexPaths(gm, 600, 400, { layout: parsed.layout });
      expect(codesIn(svgOf(shapes, 600, 400)).sort()).toEqual(GM);
      // Lower-tier districts are listed, not guessed.
      expect(parsed.unmatched.length).toBeGreaterThan(100);
    });
  },
);
