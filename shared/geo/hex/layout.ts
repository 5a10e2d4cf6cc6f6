/**
 * The built-in hex layout: one hexagon per LA from the LAs' centroids, each given the nearest free
 * cell (most crowded first) and then improved by swaps and moves (see index.ts for the algorithm).
 */
import { bngLikeProjection } from '../projection.js';
import type { CentroidInput, HexCell, HexLayoutKind } from '../types.js';

export const SQRT3 = Math.sqrt(3);

/** A cell's centre for a hex of circumradius 1, with y growing northwards. */
export function hexCentre(q: number, r: number, layout: HexLayoutKind = 'odd-r'): [number, number] {
  const oddRow = Math.abs(r % 2) === 1;
  const oddCol = Math.abs(q % 2) === 1;
  switch (layout) {
    case 'odd-r':
      return [SQRT3 * (q + (oddRow ? 0.5 : 0)), 1.5 * r];
    case 'even-r':
      return [SQRT3 * (q + (oddRow ? 0 : 0.5)), 1.5 * r];
    case 'odd-q':
      return [1.5 * q, SQRT3 * (r + (oddCol ? 0.5 : 0))];
    case 'even-q':
      return [1.5 * q, SQRT3 * (r + (oddCol ? 0 : 0.5))];
  }
}

interface Placed {
  code: string;
  /** Projected centroid in hex units (circumradius 1), y north. */
  x: number;
  y: number;
}

const cellKey = (q: number, r: number) => `${q},${r}`;

function squaredDistance(p: { x: number; y: number }, q: number, r: number): number {
  const [cx, cy] = hexCentre(q, r);
  return (p.x - cx) ** 2 + (p.y - cy) ** 2;
}

/** The six neighbours of an odd-r cell. */
function neighbours(q: number, r: number): [number, number][] {
  const odd = Math.abs(r % 2) === 1;
  const dq = odd ? [0, 1] : [-1, 0];
  return [
    [q - 1, r],
    [q + 1, r],
    [q + dq[0]!, r - 1],
    [q + dq[1]!, r - 1],
    [q + dq[0]!, r + 1],
    [q + dq[1]!, r + 1],
  ];
}

/**
 * One unique odd-r hex cell per LA, from the LAs' centroids; deterministic for the same input in any
 * order. LAs without a finite centroid are left out (the caller says which); a code given twice is
 * laid out once. Rows are shifted by an even number so that the odd-r offsets stay valid, and the
 * layout starts at q = 0 and r = 0 or 1.
 */
export function hexLayoutFromCentroids(areas: readonly CentroidInput[]): HexCell[] {
  const unique = new Map<string, CentroidInput>();
  for (const a of [...areas].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0))) {
    if (Number.isFinite(a.lat) && Number.isFinite(a.lon) && !unique.has(a.code)) unique.set(a.code, a);
  }
  const inputs = [...unique.values()];
  if (inputs.length === 0) return [];
  if (inputs.length === 1) return [{ code: inputs[0]!.code, q: 0, r: 0 }];

  const projection = bngLikeProjection();
  const projected = inputs.map((a) => {
    const [x, y] = projection([a.lon, a.lat]) ?? [0, 0];
    return { code: a.code, x, y: -y };
  });

  // Neighbouring hex centres (circumradius s) are √3·s apart. Start from the median nearest-neighbour
  // distance and try coarser grids, which pack the LAs closer; keep the one that best preserves
  // who neighbours whom (ties: the finer grid).
  const nearest = projected.map((p, i) => {
    let best = Infinity;
    projected.forEach((o, j) => {
      if (i !== j) best = Math.min(best, Math.hypot(p.x - o.x, p.y - o.y));
    });
    return best;
  });
  const positive = nearest.filter((d) => d > 1e-9).sort((a, b) => a - b);
  let spacing = positive.length ? positive[Math.floor((positive.length - 1) / 2)]! : 0;
  if (!(spacing > 0)) spacing = 1;
  const cx = projected.reduce((t, p) => t + p.x, 0) / projected.length;
  const cy = projected.reduce((t, p) => t + p.y, 0) / projected.length;
  const pairs = geographicNeighbourPairs(projected);

  let best: { cellOf: Map<string, [number, number]>; score: number } | null = null;
  for (const factor of [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2]) {
    const s = (spacing * factor) / SQRT3;
    const points: Placed[] = projected.map((p) => ({ code: p.code, x: (p.x - cx) / s, y: (p.y - cy) / s }));
    const cellOf = assignCells(points);
    const score = layoutScore(points, cellOf, pairs);
    if (!best || score > best.score + 1e-9) best = { cellOf, score };
  }
  const cellOf = best!.cellOf;

  // Normalise: q from 0, r from 0 or 1 (an even shift keeps odd rows odd).
  const cells = projected.map((p) => ({ code: p.code, q: cellOf.get(p.code)![0], r: cellOf.get(p.code)![1] }));
  const minQ = Math.min(...cells.map((c) => c.q));
  const minR = Math.min(...cells.map((c) => c.r));
  const shiftR = minR - (((minR % 2) + 2) % 2);
  // Shifting q by minQ is safe in odd-r; shifting r only by an even amount.
  return cells
    .map((c) => ({ code: c.code, q: c.q - minQ, r: c.r - shiftR }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Nearest free cell for each LA, the most crowded first, then the improving moves and swaps. */
function assignCells(points: Placed[]): Map<string, [number, number]> {
  // Crowding: other LAs within one and a half hex spacings.
  const reach = 1.5 * SQRT3;
  const crowding = new Map(
    points.map((p) => [p.code, points.filter((o) => o !== p && Math.hypot(p.x - o.x, p.y - o.y) <= reach).length]),
  );
  const order = [...points].sort(
    (a, b) =>
      crowding.get(b.code)! - crowding.get(a.code)! ||
      Math.hypot(a.x, a.y) - Math.hypot(b.x, b.y) ||
      (a.code < b.code ? -1 : 1),
  );
  const taken = new Map<string, string>();
  const cellOf = new Map<string, [number, number]>();
  for (const p of order) {
    const cell = nearestFreeCell(p, taken, points.length);
    taken.set(cellKey(cell[0], cell[1]), p.code);
    cellOf.set(p.code, cell);
  }
  improve(points, cellOf, taken);
  return cellOf;
}

/**
 * Pairs of LAs that are geographic neighbours: each LA with its three nearest (a stand-in for
 * shared borders, which centroids alone cannot tell).
 */
function geographicNeighbourPairs(points: readonly { code: string; x: number; y: number }[]): [number, number][] {
  const pairs = new Set<string>();
  points.forEach((p, i) => {
    const others = points
      .map((o, j) => ({ j, d: Math.hypot(p.x - o.x, p.y - o.y) }))
      .filter((o) => o.j !== i)
      .sort((a, b) => a.d - b.d || a.j - b.j)
      .slice(0, 3);
    for (const o of others) pairs.add(i < o.j ? `${i},${o.j}` : `${o.j},${i}`);
  });
  return [...pairs].sort().map((k) => k.split(',').map(Number) as [number, number]);
}

/**
 * How good a layout is: neighbours kept as neighbours count most, then how compact it is (adjacent
 * pairs of any LAs), less a penalty for each neighbouring pair whose direction is turned round by
 * more than 60° (the map would read wrongly, e.g. Wigan east of Bolton).
 */
function layoutScore(
  points: readonly Placed[],
  cellOf: Map<string, [number, number]>,
  pairs: [number, number][],
): number {
  const adjacent = (a: [number, number], b: [number, number]) =>
    neighbours(a[0], a[1]).some(([q, r]) => q === b[0] && r === b[1]);
  let kept = 0;
  let turned = 0;
  for (const [i, j] of pairs) {
    const a = points[i]!;
    const b = points[j]!;
    const ca = cellOf.get(a.code)!;
    const cb = cellOf.get(b.code)!;
    if (adjacent(ca, cb)) kept++;
    const [ax, ay] = hexCentre(ca[0], ca[1]);
    const [bx, by] = hexCentre(cb[0], cb[1]);
    const geo = Math.atan2(b.y - a.y, b.x - a.x);
    const hex = Math.atan2(by - ay, bx - ax);
    let diff = Math.abs(geo - hex) % (2 * Math.PI);
    if (diff > Math.PI) diff = 2 * Math.PI - diff;
    if (diff > Math.PI / 3) turned++;
  }
  let compact = 0;
  const codes = points.map((p) => p.code);
  for (let i = 0; i < codes.length; i++) {
    for (let j = i + 1; j < codes.length; j++) if (adjacent(cellOf.get(codes[i]!)!, cellOf.get(codes[j]!)!)) compact++;
  }
  return 2 * kept + compact - 2 * turned;
}

/** The free cell whose centre is nearest the point; ties broken by row then column. */
function nearestFreeCell(p: Placed, taken: Map<string, string>, n: number): [number, number] {
  const r0 = Math.round(p.y / 1.5);
  const q0 = Math.round(p.x / SQRT3);
  for (let k = 1; k <= n + 2; k++) {
    let best: [number, number] | null = null;
    let bestD = Infinity;
    for (let r = r0 - k; r <= r0 + k; r++) {
      for (let q = q0 - k; q <= q0 + k; q++) {
        if (taken.has(cellKey(q, r))) continue;
        const d = squaredDistance(p, q, r);
        if (d < bestD - 1e-12) {
          best = [q, r];
          bestD = d;
        }
      }
    }
    // A cell found within the window is the nearest free one once the window's edge is farther away.
    if (best && Math.sqrt(bestD) <= k * 1.5) return best;
  }
  // Unreachable in practice: n cells are never all taken within n + 2 rings.
  return [q0, r0 + n + 3];
}

function improve(points: Placed[], cellOf: Map<string, [number, number]>, taken: Map<string, string>): void {
  const byCode = new Map(points.map((p) => [p.code, p]));
  const cost = (code: string, cell: [number, number]) => squaredDistance(byCode.get(code)!, cell[0], cell[1]);
  const codes = points.map((p) => p.code).sort();
  for (let round = 0; round < 50; round++) {
    let changed = false;
    // Moves to a free neighbouring cell.
    for (const code of codes) {
      const here = cellOf.get(code)!;
      let best = here;
      let bestCost = cost(code, here);
      for (const cell of neighbours(here[0], here[1])) {
        if (taken.has(cellKey(cell[0], cell[1]))) continue;
        const c = cost(code, cell);
        if (c < bestCost - 1e-9) {
          best = cell;
          bestCost = c;
        }
      }
      if (best !== here) {
        taken.delete(cellKey(here[0], here[1]));
        taken.set(cellKey(best[0], best[1]), code);
        cellOf.set(code, best);
        changed = true;
      }
    }
    // Pairwise swaps.
    for (let i = 0; i < codes.length; i++) {
      for (let j = i + 1; j < codes.length; j++) {
        const a = codes[i]!;
        const b = codes[j]!;
        const ca = cellOf.get(a)!;
        const cb = cellOf.get(b)!;
        if (cost(a, cb) + cost(b, ca) < cost(a, ca) + cost(b, cb) - 1e-9) {
          cellOf.set(a, cb);
          cellOf.set(b, ca);
          taken.set(cellKey(cb[0], cb[1]), a);
          taken.set(cellKey(ca[0], ca[1]), b);
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
}
