/**
 * The built-in hex layout: one hexagon per LA, generated from the LAs' centroids, so a plan can be
 * mapped without any boundary file. Also reads HexJSON layouts and turns any layout into SVG paths
 * fitted to a viewport.
 *
 * The layout algorithm (our own):
 *  1. Project the centroids with a British National Grid-like transverse Mercator (centred 2° W, 49° N).
 *  2. Size the grid so that neighbouring hexes are the median nearest-neighbour distance apart.
 *  3. Give each LA the nearest free cell, the most crowded LAs first (ties by code): deterministic.
 *  4. Improve: swap two LAs' cells, or move an LA to a free adjacent cell, whenever that lowers the
 *     total squared distance between centroids and cell centres; repeat until nothing improves.
 *     Every LA stays as close as it can to where it is, so neighbours stay (roughly) neighbours.
 */
import { describePredecessor, predecessorByCode } from '../model/predecessors.js';
import type { AuthorityLookup } from '../model/authorities.js';
import { bngLikeProjection } from './projection.js';
import type { AreaShape, CentroidInput, GeoIssue, HexCell, HexLayoutKind } from './types.js';
import { hexLayoutKinds } from './types.js';

const SQRT3 = Math.sqrt(3);

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

export interface HexPathOptions {
  layout?: HexLayoutKind;
  /** Empty space kept on every side, in pixels. */
  padding?: number;
  /** Hexagons are drawn this fraction of their cell, leaving a gutter between them (default 1). */
  inset?: number;
}

export interface HexShape extends AreaShape {
  q: number;
  r: number;
  /** The hexagon's circumradius in pixels. */
  radius: number;
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * A hexagon path per cell, scaled and centred to fit width × height less the padding (north up).
 * The hexes keep their shape (regular hexagons), so the layout fills the viewport in one direction.
 */
export function hexPaths(
  hexes: readonly HexCell[],
  width: number,
  height: number,
  options: HexPathOptions = {},
): HexShape[] {
  if (hexes.length === 0) return [];
  const layout = options.layout ?? 'odd-r';
  const padding = options.padding ?? 0;
  const inset = options.inset ?? 1;
  const pointy = layout === 'odd-r' || layout === 'even-r';
  const halfW = pointy ? SQRT3 / 2 : 1;
  const halfH = pointy ? 1 : SQRT3 / 2;
  const unit = hexes.map((h) => {
    const [x, y] = hexCentre(h.q, h.r, layout);
    return { h, x, y: -y };
  });
  const x0 = Math.min(...unit.map((u) => u.x)) - halfW;
  const x1 = Math.max(...unit.map((u) => u.x)) + halfW;
  const y0 = Math.min(...unit.map((u) => u.y)) - halfH;
  const y1 = Math.max(...unit.map((u) => u.y)) + halfH;
  const availableW = Math.max(1, width - 2 * padding);
  const availableH = Math.max(1, height - 2 * padding);
  const size = Math.min(availableW / (x1 - x0), availableH / (y1 - y0));
  const offsetX = padding + (availableW - (x1 - x0) * size) / 2 - x0 * size;
  const offsetY = padding + (availableH - (y1 - y0) * size) / 2 - y0 * size;
  const drawn = size * inset;

  return unit.map(({ h, x, y }) => {
    const cx = offsetX + x * size;
    const cy = offsetY + y * size;
    const corners: [number, number][] = [];
    for (let i = 0; i < 6; i++) {
      const angle = ((pointy ? 60 * i - 30 : 60 * i) * Math.PI) / 180;
      corners.push([round2(cx + drawn * Math.cos(angle)), round2(cy + drawn * Math.sin(angle))]);
    }
    const path = `M${corners.map(([px, py]) => `${px},${py}`).join('L')}Z`;
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    return {
      code: h.code,
      q: h.q,
      r: h.r,
      path,
      x: round2(cx),
      y: round2(cy),
      radius: drawn,
      innerRadius: (drawn * SQRT3) / 2,
      bounds: [
        [Math.min(...xs), Math.min(...ys)],
        [Math.max(...xs), Math.max(...ys)],
      ],
    };
  });
}

export interface HexJsonHex extends HexCell {
  name: string;
}

export interface ParsedHexJson {
  layout: HexLayoutKind;
  /** Hexes whose codes are English upper-tier authorities (former codes read as current ones). */
  hexes: HexJsonHex[];
  /** Hexes whose codes the reference list does not hold (e.g. lower-tier districts, other nations). */
  unmatched: { key: string; name: string }[];
  issues: GeoIssue[];
}

/**
 * Reads a HexJSON layout (`{"layout":"odd-r","hexes":{"E08000001":{"n":"Bolton","q":4,"r":14}}}`).
 * Codes are matched through the reference list, including former codes; unknown codes are listed
 * (one warning for them all), never guessed.
 */
export function parseHexJson(text: string, lookup: AuthorityLookup, fileName = 'layout.hexjson'): ParsedHexJson {
  const issues: GeoIssue[] = [];
  const fail = (message: string): ParsedHexJson => ({
    layout: 'odd-r',
    hexes: [],
    unmatched: [],
    issues: [{ severity: 'error', file: fileName, row: null, column: null, message }],
  });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(data) || !isRecord(data.hexes)) return fail('The file has no "hexes" object, so it is not HexJSON.');
  let layout: HexLayoutKind = 'odd-r';
  if (typeof data.layout === 'string' && (hexLayoutKinds as readonly string[]).includes(data.layout)) {
    layout = data.layout as HexLayoutKind;
  } else {
    issues.push({
      severity: 'warning',
      file: fileName,
      row: null,
      column: 'layout',
      message: `The layout ${JSON.stringify(data.layout ?? null)} is not one of ${hexLayoutKinds.join(', ')}: read as odd-r.`,
    });
  }
  const hexes: HexJsonHex[] = [];
  const unmatched: { key: string; name: string }[] = [];
  const seen = new Map<string, string>();
  let index = 0;
  for (const [key, value] of Object.entries(data.hexes)) {
    index++;
    if (!isRecord(value) || !Number.isInteger(value.q) || !Number.isInteger(value.r)) {
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: `Hex “${key}” has no whole-number q and r: left out.`,
      });
      continue;
    }
    const name = typeof value.n === 'string' ? value.n : typeof value.name === 'string' ? value.name : key;
    const predecessor = predecessorByCode(key);
    const authority = predecessor ? undefined : lookup.byCode(key);
    if (predecessor || authority?.status === 'abolished') {
      // An abolished area's cell stands for no current authority (Bournemouth is only part of BCP).
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: predecessor
          ? `Hex “${key}” is ${describePredecessor(predecessor, lookup)}: left out.`
          : `Hex “${key}” is ${authority?.name ?? key}, abolished (now ${(authority?.successorCodes ?? []).join(', ')}): left out.`,
      });
      continue;
    }
    if (!authority) {
      unmatched.push({ key, name });
      continue;
    }
    const code = authority.onsCode;
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: `Hex “${key}” is ${authority.name} again (already placed as “${earlier}”): left out.`,
      });
      continue;
    }
    seen.set(code, key);
    if (key !== code) {
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: `Hex “${key}” has an earlier code of ${authority.name}: read as ${code}.`,
      });
    }
    hexes.push({ code, name: authority.name, q: value.q as number, r: value.r as number });
  }
  if (unmatched.length > 0) {
    const examples = unmatched
      .slice(0, 5)
      .map((u) => `${u.key} (${u.name})`)
      .join(', ');
    issues.push({
      severity: 'warning',
      file: fileName,
      row: null,
      column: null,
      message: `${unmatched.length} ${unmatched.length === 1 ? 'hex is' : 'hexes are'} not an English upper-tier authority and ${unmatched.length === 1 ? 'is' : 'are'} left out, e.g. ${examples}.`,
    });
  }
  return { layout, hexes, unmatched, issues };
}

/** Hexes of the given codes only, e.g. a consortium's members from a national layout. */
export function selectHexes<T extends HexCell>(hexes: readonly T[], codes: Iterable<string>): T[] {
  const wanted = new Set(codes);
  return hexes.filter((h) => wanted.has(h.code));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
