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
 *
 * Parts: layout.ts (the layout from centroids), paths.ts (SVG paths fitted to a viewport),
 * hexJson.ts (reading HexJSON); index.ts re-exports them.
 */
export { hexCentre, hexLayoutFromCentroids } from './layout.js';
export { type HexPathOptions, type HexShape, hexPaths } from './paths.js';
export { type HexJsonHex, type ParsedHexJson, parseHexJson, selectHexes } from './hexJson.js';
