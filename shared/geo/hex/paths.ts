/** A hexagon SVG path per cell of a layout, scaled and centred to fit a viewport (north up). */
import type { AreaShape, HexCell, HexLayoutKind } from '../types.js';
import { SQRT3, hexCentre } from './layout.js';

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
