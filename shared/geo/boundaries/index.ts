/**
 * Reads LA boundaries from GeoJSON or TopoJSON as published (ONS Open Geography Portal, Trafford Data
 * Lab, ONS's uk-topojson, …). Code fields vary by vintage (LAD23CD, CTYUA23CD, areacd, area_code…),
 * so candidates are found from the values. A TopoJSON file may hold several layers (ONS publishes
 * country, region, county, upper-tier and lower-tier layers in one file): every layer is measured
 * (features, authorities and plan members matched, by its best code field) and, unless the user
 * names one, the layer holding most of the plan's members is read, the one matching more
 * authorities (the upper tier) on a tie. A file in which no layer holds a member is refused, listing
 * the layers. Codes are matched through the reference list, including former codes; predecessors
 * covering a different area (Bournemouth, Poole, the old Dorset, Northamptonshire, Cumbria) are left
 * out with a warning naming their successors; features that match no English upper-tier authority
 * are counted and reported, never guessed.
 * Geometry is rewound for d3-geo (exterior rings clockwise) and, where the file is in British
 * National Grid metres, converted to WGS 84 degrees.
 *
 * Parts: types.ts (options and results), parse.ts (reading a file and choosing its layer and code
 * field), fields.ts (code and name fields, layers in words), polygons.ts (geometry: projected or
 * not, rings rewound, features for d3-geo); index.ts re-exports them.
 */
export { type ParseBoundariesOptions, type ParsedBoundaries, type LayerSummary } from './types.js';
export { parseBoundaries } from './parse.js';
export { describeLayers } from './fields.js';
export { rewindPolygon, toFeatureCollection, toBoundaryFeature } from './polygons.js';
