import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hexCentre, hexLayoutFromCentroids, hexPaths, parseHexJson, selectHexes } from '#shared/geo/index.js';
import type { ReferenceAuthority } from '#shared/model/authorities.js';
import { createAuthorityLookup } from '#shared/model/authorities.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const lookup = createAuthorityLookup(
  JSON.parse(
    fs.readFileSync(path.join(repoRoot, 'resources/reference/english-authorities.json'), 'utf8'),
  ) as ReferenceAuthority[],
);
const dataset = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test/fixtures/gm-plan-illustrative-2025.json'), 'utf8'),
) as BuiltInDataset;
const gm = dataset.areas
  .filter((a) => a.isMember)
  .map((a) => ({ code: a.code, name: a.name, lat: a.centroidLat!, lon: a.centroidLon! }));
const nameOf = new Map(gm.map((a) => [a.code, a.name]));

/** The six odd-r neighbours of a cell, as "q,r" keys. */
function neighbourKeys(q: number, r: number): string[] {
  const shift = Math.abs(r % 2) === 1 ? 0 : -1;
  return [
    [q - 1, r],
    [q + 1, r],
    [q + shift, r - 1],
    [q + shift + 1, r - 1],
    [q + shift, r + 1],
    [q + shift + 1, r + 1],
  ].map(([a, b]) => `${a},${b}`);
}

describe('hexLayoutFromCentroids', () => {
  const layout = hexLayoutFromCentroids(gm);
  const cell = (name: string) => layout.find((h) => nameOf.get(h.code) === name)!;

  it('gives every LA exactly one hex, and no two LAs the same hex', () => {
    expect(layout.map((h) => h.code).sort()).toEqual(gm.map((a) => a.code).sort());
    expect(new Set(layout.map((h) => `${h.q},${h.r}`)).size).toBe(gm.length);
    for (const h of layout) {
      expect(Number.isInteger(h.q)).toBe(true);
      expect(Number.isInteger(h.r)).toBe(true);
    }
    expect(Math.min(...layout.map((h) => h.q))).toBe(0);
    expect([0, 1]).toContain(Math.min(...layout.map((h) => h.r)));
  });

  it('is deterministic, whatever the order of its input', () => {
    const reversed = hexLayoutFromCentroids([...gm].reverse());
    const shuffled = hexLayoutFromCentroids([
      gm[4]!,
      gm[9]!,
      gm[0]!,
      gm[7]!,
      gm[2]!,
      gm[5]!,
      gm[1]!,
      gm[8]!,
      gm[3]!,
      gm[6]!,
    ]);
    expect(reversed).toEqual(layout);
    expect(shuffled).toEqual(layout);
  });

  it('keeps the geography: compact, west stays west, north stays north, neighbours touch', () => {
    const west = (a: string, b: string) => hexCentre(cell(a).q, cell(a).r)[0] < hexCentre(cell(b).q, cell(b).r)[0];
    const north = (a: string, b: string) => cell(a).r > cell(b).r;
    expect(west('Wigan', 'Manchester')).toBe(true);
    expect(west('Bolton', 'Rochdale')).toBe(true);
    expect(west('Trafford', 'Stockport')).toBe(true);
    expect(north('Bury', 'Stockport')).toBe(true);
    expect(north('Rochdale', 'Trafford')).toBe(true);
    const adjacent = (a: string, b: string) =>
      neighbourKeys(cell(a).q, cell(a).r).includes(`${cell(b).q},${cell(b).r}`);
    // Manchester borders Salford, Trafford, Stockport and Tameside.
    expect(['Salford', 'Trafford', 'Stockport', 'Tameside'].filter((n) => adjacent('Manchester', n)).length).toBe(4);
    expect(adjacent('Wigan', 'Bolton')).toBe(true);
    // Compact: every LA touches at least two others.
    for (const h of layout) {
      const touching = layout.filter((o) => neighbourKeys(h.q, h.r).includes(`${o.q},${o.r}`)).length;
      expect(touching).toBeGreaterThanOrEqual(2);
    }
  });

  it('leaves out LAs without a centroid, lays out duplicates once, and copes with one or none', () => {
    expect(hexLayoutFromCentroids([])).toEqual([]);
    expect(hexLayoutFromCentroids([{ code: 'E08000001', lat: 53.58, lon: -2.48 }])).toEqual([
      { code: 'E08000001', q: 0, r: 0 },
    ]);
    const withGaps = hexLayoutFromCentroids([...gm, { code: 'E06000001', lat: Number.NaN, lon: 1 }, gm[0]!]);
    expect(withGaps.map((h) => h.code).sort()).toEqual(gm.map((a) => a.code).sort());
  });

  it('places LAs sharing one centroid in distinct neighbouring cells', () => {
    const same = ['E08000001', 'E08000002', 'E08000003'].map((code) => ({ code, lat: 53.5, lon: -2.2 }));
    const cells = hexLayoutFromCentroids(same);
    expect(new Set(cells.map((h) => `${h.q},${h.r}`)).size).toBe(3);
  });

  it('lays out a large consortium (every English LA with a made-up centroid grid) uniquely', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({
      code: `E06${String(i).padStart(6, '0')}`,
      lat: 50.5 + (i % 12) * 0.35 + ((i * 7) % 5) * 0.03,
      lon: -4.5 + Math.floor(i / 12) * 0.5 + ((i * 3) % 7) * 0.02,
    }));
    const cells = hexLayoutFromCentroids(many);
    expect(cells).toHaveLength(150);
    expect(new Set(cells.map((h) => `${h.q},${h.r}`)).size).toBe(150);
  });
});

describe('hexPaths', () => {
  const layout = hexLayoutFromCentroids(gm);

  it.each([
    [800, 600, 0],
    [300, 900, 10],
    [1000, 200, 20],
  ])(
    'fits a %i × %i viewport (padding %i): one closed hexagon per LA, every vertex inside',
    (width, height, padding) => {
      const shapes = hexPaths(layout, width, height, { padding });
      expect(shapes.map((s) => s.code).sort()).toEqual(layout.map((h) => h.code).sort());
      for (const s of shapes) {
        expect(s.path).toMatch(/^M[\d.,L-]+Z$/);
        expect(s.path.split('L')).toHaveLength(6);
        const [[x0, y0], [x1, y1]] = s.bounds;
        expect(x0).toBeGreaterThanOrEqual(padding - 0.01);
        expect(y0).toBeGreaterThanOrEqual(padding - 0.01);
        expect(x1).toBeLessThanOrEqual(width - padding + 0.01);
        expect(y1).toBeLessThanOrEqual(height - padding + 0.01);
      }
      // The layout touches two opposite edges of the free area (it is scaled to fit, not merely inside).
      const xs = shapes.flatMap((s) => [s.bounds[0][0], s.bounds[1][0]]);
      const ys = shapes.flatMap((s) => [s.bounds[0][1], s.bounds[1][1]]);
      const fillsWidth =
        Math.abs(Math.min(...xs) - padding) < 0.5 && Math.abs(Math.max(...xs) - (width - padding)) < 0.5;
      const fillsHeight =
        Math.abs(Math.min(...ys) - padding) < 0.5 && Math.abs(Math.max(...ys) - (height - padding)) < 0.5;
      expect(fillsWidth || fillsHeight).toBe(true);
    },
  );

  it('draws neighbouring cells exactly one hex apart, north up', () => {
    const shapes = hexPaths(
      [
        { code: 'A', q: 0, r: 0 },
        { code: 'B', q: 1, r: 0 },
        { code: 'C', q: 0, r: 1 },
      ],
      600,
      600,
    );
    const [a, b, c] = shapes;
    const size = a!.radius;
    expect(Math.hypot(b!.x - a!.x, b!.y - a!.y)).toBeCloseTo(Math.sqrt(3) * size, 1);
    expect(Math.hypot(c!.x - a!.x, c!.y - a!.y)).toBeCloseTo(Math.sqrt(3) * size, 1);
    expect(c!.y).toBeLessThan(a!.y); // r grows northwards, up the page
    expect(c!.x).toBeGreaterThan(a!.x); // odd rows are shifted east
  });

  it('draws flat-topped hexes for the q layouts', () => {
    const [shape] = hexPaths([{ code: 'A', q: 0, r: 0 }], 100, 100, { layout: 'odd-q' });
    const xs = shape!.path.match(/[-\d.]+,[-\d.]+/g)!.map((p) => Number(p.split(',')[0]));
    expect(Math.max(...xs) - Math.min(...xs)).toBeCloseTo(2 * shape!.radius, 1);
  });

  it('returns nothing for no hexes', () => {
    expect(hexPaths([], 100, 100)).toEqual([]);
  });
});

describe('parseHexJson', () => {
  const text = JSON.stringify({
    layout: 'odd-r',
    hexes: {
      E08000001: { n: 'Bolton', q: 4, r: 14 },
      E08000002: { n: 'Bury', q: 5, r: 14 },
      E08000016: { n: 'Barnsley', q: 8, r: 13 },
      E07000117: { n: 'Burnley', q: 6, r: 15 },
      E08000003: { n: 'Manchester', q: 'x', r: 12 },
    },
  });

  it('reads hexes with their codes matched through the reference list, former codes included', () => {
    const parsed = parseHexJson(text, lookup, 'uk.hexjson');
    expect(parsed.layout).toBe('odd-r');
    expect(parsed.hexes.map((h) => [h.code, h.q, h.r])).toEqual([
      ['E08000001', 4, 14],
      ['E08000002', 5, 14],
      ['E08000038', 8, 13],
    ]);
    expect(parsed.unmatched).toEqual([{ key: 'E07000117', name: 'Burnley' }]);
    const messages = parsed.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/E08000016.*earlier code of Barnsley.*E08000038/);
    expect(messages).toMatch(/1 hex is not an English upper-tier authority.*E07000117 \(Burnley\)/);
    expect(messages).toMatch(/“E08000003” has no whole-number q and r/);
    expect(parsed.issues.every((i) => i.file === 'uk.hexjson')).toBe(true);
  });

  it('selects a consortium’s hexes from a national layout', () => {
    const parsed = parseHexJson(text, lookup);
    expect(selectHexes(parsed.hexes, ['E08000002']).map((h) => h.code)).toEqual(['E08000002']);
  });

  it('reports files that are not HexJSON, and unknown layouts', () => {
    expect(parseHexJson('{', lookup).issues[0]?.message).toMatch(/not valid JSON/);
    expect(parseHexJson('{"type":"FeatureCollection"}', lookup).issues[0]?.message).toMatch(/no "hexes"/);
    const odd = parseHexJson('{"layout":"diamond","hexes":{}}', lookup);
    expect(odd.layout).toBe('odd-r');
    expect(odd.issues[0]?.severity).toBe('warning');
  });
});

describe('parseHexJson: predecessors', () => {
  it('leaves out the cells of abolished areas, naming their successors, and reads the rest', () => {
    const text = JSON.stringify({
      layout: 'odd-r',
      hexes: {
        E06000028: { n: 'Bournemouth', q: 0, r: 0 },
        E06000029: { n: 'Poole', q: 1, r: 0 },
        E06000023: { n: 'Bristol', q: 2, r: 0 },
        E10000006: { n: 'Cumbria', q: 3, r: 0 },
      },
    });
    const parsed = parseHexJson(text, lookup, 'old.hexjson');
    expect(parsed.hexes.map((h) => h.code)).toEqual(['E06000023']);
    const messages = parsed.issues.map((i) => i.message);
    expect(messages).toContain(
      'Hex “E06000028” is Bournemouth (E06000028, DfE 837), abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole (E06000058): left out.',
    );
    expect(messages.filter((m) => /abolished/.test(m))).toHaveLength(3);
  });
});
