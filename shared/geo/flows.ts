/**
 * Placement flows as curved arrows, placing LA → host LA, width proportional to children. Children
 * placed in their own LA are not an arrow (they are returned as `own`); children placed outside the
 * consortium, or in an LA that is not on the map, go to one "Outside the consortium" node at the
 * viewport's edge. Every child in the input is in exactly one arrow or in `own`: totals are conserved.
 */
import { scaleLinear } from 'd3';
import { OUTSIDE_CONSORTIUM, type PlacementFlow } from '../model/placements.js';

export type Point = [number, number];

export const OUTSIDE_LABEL = 'Outside the consortium';

export interface FlowArc {
  placing: string;
  /** Host LA code, or OUTSIDE_CONSORTIUM for the outside node. */
  host: string;
  /** Host codes gathered into this arrow (several when LAs off the map go to the outside node). */
  hostCodes: string[];
  children: number;
  /** Stroke width in pixels. */
  width: number;
  /** The curve (a quadratic Bézier), ending at the arrowhead's base. */
  path: string;
  /** The arrowhead, a filled triangle whose tip points at the host. */
  head: string;
  from: Point;
  to: Point;
  /** The curve's midpoint, for a label. */
  mid: Point;
}

export interface FlowLayoutOptions {
  width: number;
  height: number;
  /** Where the outside node sits; by default at the right edge, halfway down. */
  outsideAt?: Point;
  /** Width of the largest flow (default 14 px) and the least width of any flow drawn (default 1.5 px). */
  maxWidth?: number;
  minWidth?: number;
  /** How far the curve bows, as a share of the arrow's length (default 0.18). */
  curvature?: number;
  /** Arrows start and end this far from the LA's point (default 10 px), clear of its symbol. */
  gap?: number;
}

export interface FlowLayout {
  arcs: FlowArc[];
  /** Children placed in their own LA, by placing LA. */
  own: { code: string; children: number }[];
  /** The outside node, when any flow goes there. */
  outside: { at: Point; label: string; children: number } | null;
  /** Flows whose placing LA is not on the map (not drawn, listed so nothing is silently lost). */
  skipped: PlacementFlow[];
  /** The children → stroke width scale. */
  widthOf(children: number): number;
  maxChildren: number;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function flowArcs(
  flows: readonly PlacementFlow[],
  positions: ReadonlyMap<string, Point> | Readonly<Record<string, Point>>,
  options: FlowLayoutOptions,
): FlowLayout {
  const positionOf = (code: string): Point | undefined =>
    positions instanceof Map ? positions.get(code) : (positions as Readonly<Record<string, Point>>)[code];
  const outsideAt: Point = options.outsideAt ?? [options.width - 24, options.height / 2];
  const maxWidth = options.maxWidth ?? 14;
  const minWidth = options.minWidth ?? 1.5;
  const curvature = options.curvature ?? 0.18;
  const gap = options.gap ?? 10;

  const own = new Map<string, number>();
  const grouped = new Map<string, { placing: string; host: string; hostCodes: Set<string>; children: number }>();
  const skipped: PlacementFlow[] = [];
  for (const flow of flows) {
    if (!positionOf(flow.placingArea)) {
      skipped.push(flow);
      continue;
    }
    if (!(flow.children > 0)) continue;
    if (flow.hostArea === flow.placingArea) {
      own.set(flow.placingArea, (own.get(flow.placingArea) ?? 0) + flow.children);
      continue;
    }
    const host = positionOf(flow.hostArea) && flow.hostArea !== OUTSIDE_CONSORTIUM ? flow.hostArea : OUTSIDE_CONSORTIUM;
    const key = `${flow.placingArea}>${host}`;
    const g = grouped.get(key) ?? { placing: flow.placingArea, host, hostCodes: new Set<string>(), children: 0 };
    g.children += flow.children;
    g.hostCodes.add(flow.hostArea);
    grouped.set(key, g);
  }

  const maxChildren = Math.max(0, ...[...grouped.values()].map((g) => g.children));
  const scale = scaleLinear()
    .domain([0, Math.max(1, maxChildren)])
    .range([0, maxWidth]);
  const widthOf = (children: number) => (children > 0 ? Math.max(minWidth, scale(children)) : 0);

  const arcs: FlowArc[] = [...grouped.values()]
    // Widest first, so thin arrows are drawn on top and stay visible.
    .sort((a, b) => b.children - a.children || (a.placing + a.host < b.placing + b.host ? -1 : 1))
    .map((g) => {
      const from = positionOf(g.placing)!;
      const to = g.host === OUTSIDE_CONSORTIUM ? outsideAt : positionOf(g.host)!;
      const width = widthOf(g.children);
      return {
        ...curve(from, to, width, curvature, gap),
        placing: g.placing,
        host: g.host,
        children: g.children,
        width,
        hostCodes: [...g.hostCodes].sort(),
      };
    });

  const outsideChildren = arcs.filter((a) => a.host === OUTSIDE_CONSORTIUM).reduce((t, a) => t + a.children, 0);
  return {
    arcs,
    own: [...own.entries()].map(([code, children]) => ({ code, children })).sort((a, b) => (a.code < b.code ? -1 : 1)),
    outside: outsideChildren > 0 ? { at: outsideAt, label: OUTSIDE_LABEL, children: outsideChildren } : null,
    skipped,
    widthOf,
    maxChildren,
  };
}

/** A quadratic curve bowing to the left of its direction (so A → B and B → A never overlap), with an arrowhead. */
function curve(
  from: Point,
  to: Point,
  width: number,
  curvature: number,
  gap: number,
): Pick<FlowArc, 'path' | 'head' | 'from' | 'to' | 'mid'> {
  const [x0, y0] = from;
  const [x1, y1] = to;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const length = Math.hypot(dx, dy) || 1;
  // Left of the direction of travel, in screen coordinates (y down).
  const nx = dy / length;
  const ny = -dx / length;
  const c: Point = [(x0 + x1) / 2 + nx * curvature * length, (y0 + y1) / 2 + ny * curvature * length];
  const toward = (p: Point, q: Point, d: number): Point => {
    const l = Math.hypot(q[0] - p[0], q[1] - p[1]) || 1;
    return [p[0] + ((q[0] - p[0]) / l) * d, p[1] + ((q[1] - p[1]) / l) * d];
  };
  const safeGap = Math.min(gap, length / 4);
  const start = toward(from, c, safeGap);
  const tip = toward(to, c, safeGap);
  const headLength = Math.min(Math.max(7, width * 1.6), length / 3);
  const headHalf = Math.max(4, width * 1.1);
  const base = toward(tip, c, headLength);
  const ux = (tip[0] - base[0]) / headLength;
  const uy = (tip[1] - base[1]) / headLength;
  const left: Point = [base[0] - uy * headHalf, base[1] + ux * headHalf];
  const right: Point = [base[0] + uy * headHalf, base[1] - ux * headHalf];
  // The midpoint of the Bézier at t = 0.5.
  const mid: Point = [0.25 * start[0] + 0.5 * c[0] + 0.25 * base[0], 0.25 * start[1] + 0.5 * c[1] + 0.25 * base[1]];
  return {
    from,
    to,
    mid: [r1(mid[0]), r1(mid[1])],
    path: `M${r1(start[0])},${r1(start[1])}Q${r1(c[0])},${r1(c[1])} ${r1(base[0])},${r1(base[1])}`,
    head: `M${r1(tip[0])},${r1(tip[1])}L${r1(left[0])},${r1(left[1])}L${r1(right[0])},${r1(right[1])}Z`,
  };
}

/** Children placed by each placing LA, over all its flows (own LA, elsewhere, outside). */
export function placedChildren(flows: readonly PlacementFlow[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const f of flows) totals.set(f.placingArea, (totals.get(f.placingArea) ?? 0) + Math.max(0, f.children));
  return totals;
}

/** The latest flow period at or before `year`, else the latest of all; null when there are no flows. */
export function flowPeriodFor(flows: readonly PlacementFlow[], year: string): string | null {
  const periods = [...new Set(flows.map((f) => f.period))].sort();
  if (periods.length === 0) return null;
  const atOrBefore = periods.filter((p) => p.slice(0, 4) <= year.slice(0, 4));
  return atOrBefore.at(-1) ?? periods.at(-1)!;
}

/** Where an LA's children are placed: own LA, elsewhere in the consortium (on the map), outside. */
export function placementBreakdown(
  flows: readonly PlacementFlow[],
  code: string,
  members: ReadonlySet<string>,
): { own: number; consortium: number; outside: number; total: number } {
  let own = 0;
  let consortium = 0;
  let outside = 0;
  for (const f of flows) {
    if (f.placingArea !== code || !(f.children > 0)) continue;
    if (f.hostArea === code) own += f.children;
    else if (f.hostArea !== OUTSIDE_CONSORTIUM && members.has(f.hostArea)) consortium += f.children;
    else outside += f.children;
  }
  return { own, consortium, outside, total: own + consortium + outside };
}
