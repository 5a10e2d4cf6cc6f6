import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  OUTSIDE_LABEL,
  flowArcs,
  flowPeriodFor,
  hexLayoutFromCentroids,
  hexPaths,
  placedChildren,
  placementBreakdown,
  type Point,
} from '#shared/geo/index.js';
import type { BuiltInDataset } from '#shared/model/dataset.js';
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '#shared/model/placements.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataset = JSON.parse(
  fs.readFileSync(path.join(repoRoot, 'test/fixtures/gm-plan-illustrative-2025.json'), 'utf8'),
) as BuiltInDataset;
const members = dataset.areas.filter((a) => a.isMember);
const shapes = hexPaths(
  hexLayoutFromCentroids(members.map((a) => ({ code: a.code, lat: a.centroidLat!, lon: a.centroidLon! }))),
  800,
  600,
  { padding: 20 },
);
const positions = new Map<string, Point>(shapes.map((s) => [s.code, [s.x, s.y]]));

const flow = (placingArea: string, hostArea: string, children: number, period = '2025'): PlacementFlow => ({
  placingArea,
  hostArea,
  children,
  period,
  source: 'test',
});

describe('flowArcs', () => {
  const layout = flowArcs(dataset.flows, positions, { width: 800, height: 600 });

  it('conserves children: for each placing LA, drawn arrows plus own-LA placements = children placed', () => {
    const placed = placedChildren(dataset.flows);
    expect(placed.size).toBe(10);
    for (const [code, total] of placed) {
      const drawn = layout.arcs.filter((a) => a.placing === code).reduce((t, a) => t + a.children, 0);
      const own = layout.own.find((o) => o.code === code)?.children ?? 0;
      expect(drawn + own).toBe(total);
    }
    const all = dataset.flows.reduce((t, f) => t + f.children, 0);
    expect(layout.arcs.reduce((t, a) => t + a.children, 0) + layout.own.reduce((t, o) => t + o.children, 0)).toBe(all);
    expect(layout.skipped).toEqual([]);
  });

  it('draws each arrow’s width in proportion to its children', () => {
    const widest = layout.arcs.reduce((m, a) => (a.children > m.children ? a : m));
    expect(widest.width).toBe(14);
    for (const a of layout.arcs) {
      expect(a.width).toBeCloseTo(Math.max(1.5, (14 * a.children) / layout.maxChildren), 6);
      expect(layout.widthOf(a.children)).toBe(a.width);
    }
  });

  it('sends children placed outside the consortium to one node at the viewport’s edge', () => {
    expect(layout.outside?.label).toBe(OUTSIDE_LABEL);
    expect(layout.outside?.at).toEqual([776, 300]);
    const outside = dataset.flows.filter((f) => f.hostArea === OUTSIDE_CONSORTIUM).reduce((t, f) => t + f.children, 0);
    expect(layout.outside?.children).toBe(outside);
    expect(layout.arcs.filter((a) => a.host === OUTSIDE_CONSORTIUM).every((a) => a.to === layout.outside!.at)).toBe(
      true,
    );
  });

  it('shows direction: each curve starts by its placing LA and its arrowhead points at its host', () => {
    for (const a of layout.arcs) {
      const [sx, sy] = a.path.slice(1).split('Q')[0]!.split(',').map(Number);
      expect(Math.hypot(sx! - a.from[0], sy! - a.from[1])).toBeLessThanOrEqual(10.1);
      const [tx, ty] = a.head.slice(1).split('L')[0]!.split(',').map(Number);
      expect(Math.hypot(tx! - a.to[0], ty! - a.to[1])).toBeLessThanOrEqual(10.1);
      expect(a.head).toMatch(/Z$/);
    }
  });

  it('bows A → B and B → A to opposite sides so they do not overlap', () => {
    const ab = flowArcs([flow('E08000001', 'E08000002', 5), flow('E08000002', 'E08000001', 5)], positions, {
      width: 800,
      height: 600,
    }).arcs;
    expect(ab).toHaveLength(2);
    expect(ab[0]!.mid).not.toEqual(ab[1]!.mid);
  });

  it('gathers hosts that are not on the map into the outside node, and skips placing LAs that are not', () => {
    const result = flowArcs(
      [
        flow('E08000001', 'E10000017', 3), // Lancashire: not a member, so outside the consortium
        flow('E08000001', OUTSIDE_CONSORTIUM, 2),
        flow('E08000001', 'E08000001', 7),
        flow('E10000017', 'E08000001', 4), // placed by a non-member: not drawn, but listed
        flow('E08000002', 'E08000003', 0),
      ],
      positions,
      { width: 800, height: 600, outsideAt: [790, 10] },
    );
    expect(result.arcs).toHaveLength(1);
    expect(result.arcs[0]).toMatchObject({
      host: OUTSIDE_CONSORTIUM,
      children: 5,
      hostCodes: ['E10000017', 'OUTSIDE'],
    });
    expect(result.own).toEqual([{ code: 'E08000001', children: 7 }]);
    expect(result.skipped.map((f) => f.placingArea)).toEqual(['E10000017']);
    expect(result.outside).toEqual({ at: [790, 10], label: OUTSIDE_LABEL, children: 5 });
  });
});

describe('placementBreakdown and flowPeriodFor', () => {
  it('splits an LA’s children into own LA, elsewhere in the consortium and outside', () => {
    const memberCodes = new Set(members.map((a) => a.code));
    for (const a of members) {
      const b = placementBreakdown(dataset.flows, a.code, memberCodes);
      expect(b.own + b.consortium + b.outside).toBe(b.total);
      expect(b.total).toBe(placedChildren(dataset.flows).get(a.code));
    }
  });

  it('takes the latest flow snapshot at or before the year, else the latest', () => {
    const flows = [flow('A', 'B', 1, '2023'), flow('A', 'B', 1, '2025')];
    expect(flowPeriodFor(flows, '2024')).toBe('2023');
    expect(flowPeriodFor(flows, '2030')).toBe('2025');
    expect(flowPeriodFor(flows, '2020')).toBe('2025');
    expect(flowPeriodFor([], '2020')).toBeNull();
  });
});
