/**
 * Reads LA boundaries from GeoJSON or TopoJSON as published (ONS Open Geography Portal, Trafford Data
 * Lab, …). Code fields vary by vintage (LAD23CD, CTYUA23CD, areacd, area_code…), so candidates are
 * found from the values; a TopoJSON file may hold several layers (objects), and the requested one or
 * the first with LA codes is read. Codes are matched through the reference list, including former
 * codes; features that match no English upper-tier authority are reported, never guessed.
 * Geometry is rewound for d3-geo (exterior rings clockwise) and, where the file is in British
 * National Grid metres, converted to WGS 84 degrees.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { AuthorityLookup } from '../model/authorities.js';
import { osgbToWgs84 } from './osgb.js';
import type { BoundaryFeature, GeoIssue } from './types.js';

export interface ParseBoundariesOptions {
  /** TopoJSON object (or GeoJSON "name") to read; by default the first with LA codes. */
  layer?: string;
  /** Property holding the ONS code; by default the candidate that matches most authorities. */
  codeField?: string;
  /** File name for the issues. */
  fileName?: string;
}

export interface ParsedBoundaries {
  format: 'geojson' | 'topojson' | null;
  /** Matched features, one per authority (features sharing a code are drawn as one), by code. */
  features: BoundaryFeature[];
  /** Every layer in the file (TopoJSON objects; one for GeoJSON). */
  layers: string[];
  /** The layer read. */
  layer: string | null;
  /** Properties that hold ONS-style codes, best first; the first is the one read unless chosen. */
  codeFields: string[];
  codeField: string | null;
  nameField: string | null;
  /** Features whose code is not an English upper-tier authority (1-based feature numbers). */
  unmatched: { feature: number; code: string | null; name: string | null }[];
  issues: GeoIssue[];
}

const ONS_CODE = /^[EWSNK]\d{8}$/;
const PREFERRED_CODE_FIELD = /^(ctyua|utla|lad|cua|la)\d{0,2}cd$|^area_?cd$|^area_?code$|^(gss_?)?code$/i;
const MAX_LISTED_UNMATCHED = 20;

export function parseBoundaries(
  text: string,
  options: ParseBoundariesOptions,
  lookup: AuthorityLookup,
): ParsedBoundaries {
  const file = options.fileName ?? 'boundaries';
  const issues: GeoIssue[] = [];
  const issue = (severity: GeoIssue['severity'], row: number | null, column: string | null, message: string) =>
    issues.push({ severity, file, row, column, message });
  const result = (partial: Partial<ParsedBoundaries>): ParsedBoundaries => ({
    format: null,
    features: [],
    layers: [],
    layer: null,
    codeFields: [],
    codeField: null,
    nameField: null,
    unmatched: [],
    issues,
    ...partial,
  });

  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    issue('error', null, null, `The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    return result({});
  }
  if (!isRecord(data)) {
    issue('error', null, null, 'The file is JSON but not an object, so it is neither GeoJSON nor TopoJSON.');
    return result({});
  }

  // Layers: each a list of GeoJSON features.
  let format: 'geojson' | 'topojson';
  const layerFeatures = new Map<string, Feature[]>();
  if (data.type === 'Topology' && isRecord(data.objects)) {
    format = 'topojson';
    for (const [name, object] of Object.entries(data.objects)) {
      try {
        const converted = topoFeature(data as unknown as Topology, object as GeometryObject);
        layerFeatures.set(name, 'features' in converted ? converted.features : [converted]);
      } catch (error) {
        issue(
          'warning',
          null,
          null,
          `Layer “${name}” could not be read: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  } else if (data.type === 'FeatureCollection' && Array.isArray(data.features)) {
    format = 'geojson';
    layerFeatures.set(typeof data.name === 'string' && data.name ? data.name : 'features', data.features as Feature[]);
  } else if (data.type === 'Feature') {
    format = 'geojson';
    layerFeatures.set('feature', [data as unknown as Feature]);
  } else {
    issue('error', null, null, 'The file is neither a GeoJSON FeatureCollection nor a TopoJSON Topology.');
    return result({});
  }
  const layers = [...layerFeatures.keys()];
  if (layers.length === 0) {
    issue('error', null, null, 'The TopoJSON file has no layers (objects) to read.');
    return result({ format, layers });
  }

  let layer: string;
  if (options.layer !== undefined) {
    if (!layerFeatures.has(options.layer)) {
      issue('error', null, null, `The file has no layer “${options.layer}”; its layers are ${layers.join(', ')}.`);
      return result({ format, layers });
    }
    layer = options.layer;
  } else {
    layer = layers.find((name) => codeFieldCandidates(layerFeatures.get(name)!, lookup)[0]?.matches) ?? layers[0]!;
    if (layers.length > 1) {
      issue('warning', null, null, `The file has ${layers.length} layers (${layers.join(', ')}): read “${layer}”.`);
    }
  }
  const features = layerFeatures.get(layer)!;

  const candidates = codeFieldCandidates(features, lookup);
  const codeFields = candidates.map((c) => c.field);
  let codeField: string | null;
  if (options.codeField !== undefined) {
    const present = features.some((f) => isRecord(f?.properties) && options.codeField! in f.properties);
    if (!present) {
      issue(
        'error',
        null,
        options.codeField,
        `No feature has the property “${options.codeField}”${codeFields.length ? `; code properties found: ${codeFields.join(', ')}` : ''}.`,
      );
      return result({ format, layers, layer, codeFields });
    }
    codeField = options.codeField;
  } else {
    codeField = candidates[0]?.field ?? null;
  }
  if (codeField === null) {
    issue(
      'error',
      null,
      null,
      `No property of layer “${layer}” holds ONS codes (such as LAD23CD, CTYUA23CD, areacd or area_code), so the areas cannot be matched to authorities.`,
    );
    return result({ format, layers, layer, codeFields });
  }
  const nameField = chooseNameField(features, codeField);

  const projected = looksProjected(features);
  if (projected) {
    issue(
      'warning',
      null,
      null,
      'The coordinates are British National Grid metres (EPSG:27700): converted to longitude and latitude (WGS 84).',
    );
  }

  const byCode = new Map<string, { name: string; polygons: Position[][][]; first: number }>();
  const unmatched: ParsedBoundaries['unmatched'] = [];
  features.forEach((f, i) => {
    const row = i + 1;
    const props = isRecord(f?.properties) ? f.properties : {};
    const rawCode = props[codeField];
    const code = typeof rawCode === 'string' ? rawCode.trim() : typeof rawCode === 'number' ? String(rawCode) : null;
    const rawName = nameField ? props[nameField] : null;
    const name = typeof rawName === 'string' ? rawName : null;
    const authority = code ? lookup.byCode(code) : undefined;
    if (!authority) {
      unmatched.push({ feature: row, code, name });
      if (unmatched.length <= MAX_LISTED_UNMATCHED) {
        issue(
          'warning',
          row,
          codeField,
          code
            ? `Feature ${row}${name ? ` (${name})` : ''} has the code ${code}, which is not an English upper-tier authority: left out.`
            : `Feature ${row}${name ? ` (${name})` : ''} has no code: left out.`,
        );
      }
      return;
    }
    const polygons = polygonsOf(f?.geometry ?? null, projected);
    if (polygons.length === 0) {
      issue('warning', row, null, `Feature ${row} (${authority.name}) has no polygon geometry: left out.`);
      return;
    }
    if (code !== authority.onsCode && code !== authority.dfeCode) {
      issue(
        'warning',
        row,
        codeField,
        `${code} is an earlier code of ${authority.name}: read as ${authority.onsCode}.`,
      );
    }
    const existing = byCode.get(authority.onsCode);
    if (existing) {
      existing.polygons.push(...polygons);
      issue(
        'warning',
        row,
        codeField,
        `Feature ${row} is ${authority.name} again (first as feature ${existing.first}): the two are drawn as one area.`,
      );
    } else {
      byCode.set(authority.onsCode, { name: authority.name, polygons, first: row });
    }
  });
  if (unmatched.length > MAX_LISTED_UNMATCHED) {
    issue(
      'warning',
      null,
      codeField,
      `${unmatched.length - MAX_LISTED_UNMATCHED} more features with codes that are not English upper-tier authorities were left out.`,
    );
  }
  if (byCode.size === 0) {
    issue('error', null, codeField, `No feature’s ${codeField} is an English upper-tier authority code.`);
  }

  const matched: BoundaryFeature[] = [...byCode.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, { name, polygons }]) => ({
      code,
      name,
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0]! }
          : { type: 'MultiPolygon', coordinates: polygons },
    }));
  return { format, features: matched, layers, layer, codeFields, codeField, nameField, unmatched, issues };
}

/** Properties holding ONS-style codes, ranked by how many features they match to an authority. */
function codeFieldCandidates(
  features: readonly Feature[],
  lookup: AuthorityLookup,
): { field: string; matches: number; codes: number }[] {
  const stats = new Map<string, { matches: number; codes: number; order: number }>();
  for (const f of features) {
    if (!isRecord(f?.properties)) continue;
    for (const [field, value] of Object.entries(f.properties)) {
      if (typeof value !== 'string' || !ONS_CODE.test(value.trim())) continue;
      const s = stats.get(field) ?? { matches: 0, codes: 0, order: stats.size };
      s.codes++;
      if (lookup.byCode(value)) s.matches++;
      stats.set(field, s);
    }
  }
  return [...stats.entries()]
    .sort(
      ([fa, a], [fb, b]) =>
        b.matches - a.matches ||
        Number(PREFERRED_CODE_FIELD.test(fb)) - Number(PREFERRED_CODE_FIELD.test(fa)) ||
        b.codes - a.codes ||
        a.order - b.order,
    )
    .map(([field, s]) => ({ field, matches: s.matches, codes: s.codes }));
}

/** The name property that goes with the code property (LAD23CD → LAD23NM, area_code → area_name…). */
function chooseNameField(features: readonly Feature[], codeField: string): string | null {
  const fields = new Set<string>();
  for (const f of features.slice(0, 50)) {
    if (!isRecord(f?.properties)) continue;
    for (const [k, v] of Object.entries(f.properties)) if (typeof v === 'string') fields.add(k);
  }
  const paired = [
    codeField.replace(/cd$/i, (m) => (m === 'CD' ? 'NM' : 'nm')),
    codeField.replace(/code$/i, (m) => (m === 'CODE' ? 'NAME' : 'name')),
  ].filter((f) => f !== codeField);
  for (const f of paired) if (fields.has(f)) return f;
  for (const f of fields) if (/(^|_)(name|nm)$|nm$|^name$/i.test(f) && !/w$/i.test(f)) return f;
  return null;
}

/** True when the coordinates are metres (British National Grid) rather than degrees. */
function looksProjected(features: readonly Feature[]): boolean {
  for (const f of features) {
    const first = firstPosition(f?.geometry ?? null);
    if (first) return Math.abs(first[0]!) > 180 || Math.abs(first[1]!) > 90;
  }
  return false;
}

function firstPosition(geometry: Geometry | null): Position | null {
  if (!geometry) return null;
  if (geometry.type === 'GeometryCollection') {
    for (const g of geometry.geometries) {
      const p = firstPosition(g);
      if (p) return p;
    }
    return null;
  }
  let c: unknown = geometry.coordinates;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' ? (c as Position) : null;
}

/** The polygons of a geometry (GeometryCollections flattened; points and lines ignored), rewound for d3. */
function polygonsOf(geometry: Geometry | null, projected: boolean): Position[][][] {
  if (!geometry) return [];
  let polygons: Position[][][];
  switch (geometry.type) {
    case 'Polygon':
      polygons = [geometry.coordinates];
      break;
    case 'MultiPolygon':
      polygons = geometry.coordinates;
      break;
    case 'GeometryCollection':
      return geometry.geometries.flatMap((g) => polygonsOf(g, projected));
    default:
      return [];
  }
  return polygons
    .map((polygon) =>
      polygon
        .map((ring) =>
          ring
            .filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1]))
            .map((p): Position => (projected ? osgbToWgs84(p[0]!, p[1]!) : [p[0]!, p[1]!])),
        )
        .filter((ring) => ring.length >= 4),
    )
    .filter((polygon) => polygon.length > 0)
    .map(rewindPolygon);
}

/** Twice the signed planar area of a ring in longitude/latitude (positive: anticlockwise). */
function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += ring[j]![0]! * ring[i]![1]! - ring[i]![0]! * ring[j]![1]!;
  }
  return sum;
}

/**
 * d3-geo reads a clockwise exterior ring as the area inside it; GeoJSON (RFC 7946) files wind it
 * anticlockwise, which d3 would draw as the whole globe less the area. Exterior rings are made
 * clockwise and holes anticlockwise, whatever the file did.
 */
export function rewindPolygon(polygon: Position[][]): Position[][] {
  return polygon.map((ring, i) => {
    const area = signedArea(ring);
    const wantClockwise = i === 0;
    return (wantClockwise ? area > 0 : area < 0) ? [...ring].reverse() : ring;
  });
}

/** Polygons of a collection, for callers holding GeoJSON rather than parsed boundaries. */
export function toFeatureCollection(features: readonly BoundaryFeature[]): FeatureCollection<Polygon | MultiPolygon> {
  return {
    type: 'FeatureCollection',
    features: features.map((f) => ({
      type: 'Feature',
      properties: { code: f.code, name: f.name },
      geometry: f.geometry,
    })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A stored feature (e.g. from the plan) as a drawable boundary: polygons only, rewound for d3;
 * null when the geometry holds no polygon.
 */
export function toBoundaryFeature(feature: {
  code: string;
  name: string;
  geometry: { type: string; coordinates?: unknown } | null;
}): BoundaryFeature | null {
  const geometry = feature.geometry as Geometry | null;
  if (!geometry || typeof geometry !== 'object') return null;
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon' && geometry.type !== 'GeometryCollection') {
    return null;
  }
  if (geometry.type !== 'GeometryCollection' && !Array.isArray(geometry.coordinates)) return null;
  const polygons = polygonsOf(geometry, looksProjected([{ type: 'Feature', properties: {}, geometry }]));
  if (polygons.length === 0) return null;
  return {
    code: feature.code,
    name: feature.name,
    geometry:
      polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons },
  };
}
