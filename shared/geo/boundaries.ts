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
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { AuthorityLookup } from '../model/authorities.js';
import { describePredecessor, predecessorByCode, type Predecessor } from '../model/predecessors.js';
import { osgbToWgs84 } from './osgb.js';
import type { BoundaryFeature, GeoIssue } from './types.js';

export interface ParseBoundariesOptions {
  /** TopoJSON object (or GeoJSON "name") to read; by default the one holding most members (see above). */
  layer?: string;
  /**
   * The plan's member authorities (current ONS codes). When given, the layer is chosen by them and a
   * layer holding none of them is an error; without them, the layer matching most authorities is read.
   */
  members?: readonly string[];
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
  /** What each layer holds, in file order: the user chooses among them. */
  layerSummaries: LayerSummary[];
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

/** One layer of a boundary file, measured by its best code field. */
export interface LayerSummary {
  name: string;
  features: number;
  /** The property read for codes (the best candidate); null when none holds ONS codes. */
  codeField: string | null;
  /** Distinct current English upper-tier authorities matched. */
  authorities: number;
  /** Distinct plan members matched (0 when no members were given). */
  members: number;
}

const ONS_CODE = /^[EWSNK]\d{8}$/;
const UPPER_TIER_LAYER = /ctyua|utla|upper|cua/i;
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
    layerSummaries: [],
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

  const members = new Set(options.members ?? []);
  const layerSummaries = layers.map((name) => summariseLayer(name, layerFeatures.get(name)!, lookup, members));
  const listed = describeLayers(layerSummaries, members.size > 0);
  let layer: string;
  if (options.layer !== undefined) {
    if (!layerFeatures.has(options.layer)) {
      issue('error', null, null, `The file has no layer “${options.layer}”; its layers are ${listed}.`);
      return result({ format, layers, layerSummaries });
    }
    layer = options.layer;
  } else {
    layer = [...layerSummaries].sort(
      (a, b) =>
        b.members - a.members ||
        b.authorities - a.authorities ||
        Number(UPPER_TIER_LAYER.test(b.name)) - Number(UPPER_TIER_LAYER.test(a.name)),
    )[0]!.name;
    if (layers.length > 1) {
      issue('warning', null, null, `The file has ${layers.length} layers (${listed}): read “${layer}”.`);
    }
  }
  const chosen = layerSummaries.find((l) => l.name === layer)!;
  // A layer holding none of the members is read (so that what it holds is reported) but refused.
  const refuseNoMembers =
    members.size > 0 && chosen.members === 0 && chosen.codeField !== null && options.codeField === undefined;
  const features = layerFeatures.get(layer)!;

  const candidates = codeFieldCandidates(features, lookup, members);
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
      return result({ format, layers, layerSummaries, layer, codeFields });
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
    return result({ format, layers, layerSummaries, layer, codeFields });
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
  let listedUnmatched = 0;
  /** Predecessors and abolished authorities left out, by code. */
  const dropped = new Map<
    string,
    { features: number; first: number; name: string | null; predecessor: Predecessor | undefined }
  >();
  features.forEach((f, i) => {
    const row = i + 1;
    const props = isRecord(f?.properties) ? f.properties : {};
    const rawCode = props[codeField];
    const code = typeof rawCode === 'string' ? rawCode.trim() : typeof rawCode === 'number' ? String(rawCode) : null;
    const rawName = nameField ? props[nameField] : null;
    const name = typeof rawName === 'string' ? rawName : null;
    const predecessor = code ? predecessorByCode(code) : undefined;
    const found = code && !predecessor ? lookup.byCode(code) : undefined;
    if (predecessor || found?.status === 'abolished') {
      const key = predecessor?.onsCode ?? found!.onsCode;
      const entry = dropped.get(key) ?? { features: 0, first: row, name, predecessor };
      entry.features += 1;
      dropped.set(key, entry);
      return;
    }
    const authority = found;
    if (!authority) {
      unmatched.push({ feature: row, code, name });
      // English areas are listed one by one (up to a limit); Welsh, Scottish and Northern Irish ones only counted.
      if ((code === null || code.startsWith('E')) && ++listedUnmatched <= MAX_LISTED_UNMATCHED) {
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
  for (const [code, { features: count, first, name, predecessor }] of dropped) {
    const authority = lookup.byCode(code);
    const what = predecessor
      ? describePredecessor(predecessor, lookup)
      : `${authority?.name ?? name ?? code} (${code}) was abolished; its area is now divided between ${(authority?.successorCodes ?? []).join(', ')}`;
    issue(
      'warning',
      first,
      codeField,
      `${count} ${count === 1 ? 'feature' : 'features'} of an abolished area left out: ${what}, so its boundary is not any current authority's.`,
    );
  }
  if (unmatched.length > 0) {
    issue('warning', null, codeField, `${describeUnmatched(unmatched)} left out (not English upper-tier authorities).`);
  }
  if (refuseNoMembers) {
    const elsewhere = layerSummaries.some((l) => l.members > 0);
    issue(
      'error',
      null,
      codeField,
      `Layer “${layer}” holds none of the plan's ${members.size} member authorities, so nothing would be drawn.${
        layers.length > 1 ? ` Layers: ${listed}.` : ''
      }${elsewhere ? ' Choose a layer that holds them.' : ' No layer of this file holds them: use a file of English upper-tier authorities (counties and unitary authorities), such as ONS’s “Counties and Unitary Authorities” boundaries.'}`,
    );
    return result({ format, layers, layerSummaries, layer, codeFields, codeField, nameField, unmatched });
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
  return {
    format,
    features: matched,
    layers,
    layerSummaries,
    layer,
    codeFields,
    codeField,
    nameField,
    unmatched,
    issues,
  };
}

/** The current English upper-tier authority a code stands for (predecessors and abolished ones excluded). */
function currentAuthority(code: string, lookup: AuthorityLookup): string | null {
  if (predecessorByCode(code)) return null;
  const a = lookup.byCode(code);
  return a && a.status !== 'abolished' ? a.onsCode : null;
}

/**
 * Properties holding ONS-style codes, ranked by how many plan members, then authorities, they
 * match (distinct), then by name (LAD23CD, CTYUA23CD, areacd…).
 */
function codeFieldCandidates(
  features: readonly Feature[],
  lookup: AuthorityLookup,
  members: ReadonlySet<string> = new Set(),
): { field: string; matches: number; members: number; codes: number }[] {
  const stats = new Map<string, { matched: Set<string>; codes: number; order: number }>();
  for (const f of features) {
    if (!isRecord(f?.properties)) continue;
    for (const [field, value] of Object.entries(f.properties)) {
      if (typeof value !== 'string' || !ONS_CODE.test(value.trim())) continue;
      const s = stats.get(field) ?? { matched: new Set<string>(), codes: 0, order: stats.size };
      s.codes++;
      const code = currentAuthority(value, lookup);
      if (code) s.matched.add(code);
      stats.set(field, s);
    }
  }
  const memberCount = (matched: Set<string>) => [...matched].filter((c) => members.has(c)).length;
  return [...stats.entries()]
    .map(([field, s]) => ({
      field,
      matches: s.matched.size,
      members: memberCount(s.matched),
      codes: s.codes,
      order: s.order,
    }))
    .sort(
      (a, b) =>
        b.members - a.members ||
        b.matches - a.matches ||
        Number(PREFERRED_CODE_FIELD.test(b.field)) - Number(PREFERRED_CODE_FIELD.test(a.field)) ||
        b.codes - a.codes ||
        a.order - b.order,
    )
    .map(({ field, matches, members: m, codes }) => ({ field, matches, members: m, codes }));
}

function summariseLayer(
  name: string,
  features: readonly Feature[],
  lookup: AuthorityLookup,
  members: ReadonlySet<string>,
): LayerSummary {
  const best = codeFieldCandidates(features, lookup, members)[0];
  return {
    name,
    features: features.length,
    codeField: best?.field ?? null,
    authorities: best?.matches ?? 0,
    members: best?.members ?? 0,
  };
}

/** "county (27 features, 27 authorities, 0 of the members), ctyua (…)" */
export function describeLayers(layers: readonly LayerSummary[], withMembers: boolean): string {
  return layers
    .map(
      (l) =>
        `${l.name} (${l.features} ${l.features === 1 ? 'feature' : 'features'}, ${l.authorities} English upper-tier ${l.authorities === 1 ? 'authority' : 'authorities'}${withMembers ? `, ${l.members} of the members` : ''})`,
    )
    .join(', ');
}

/** "215 features: 150 English districts or other areas (E07…), 32 in Scotland, …" */
function describeUnmatched(unmatched: ParsedBoundaries['unmatched']): string {
  const groups = new Map<string, number>();
  for (const u of unmatched) {
    const c = u.code ?? '';
    const group =
      c === ''
        ? 'without a code'
        : c.startsWith('W')
          ? 'in Wales'
          : c.startsWith('S')
            ? 'in Scotland'
            : c.startsWith('N')
              ? 'in Northern Ireland'
              : c.startsWith('E07')
                ? 'English districts (E07)'
                : c.startsWith('E12') || c.startsWith('E92') || c.startsWith('K')
                  ? 'regions or countries'
                  : 'other codes';
    groups.set(group, (groups.get(group) ?? 0) + 1);
  }
  const parts = [...groups].map(([g, n]) => `${n} ${g}`);
  return `${unmatched.length} ${unmatched.length === 1 ? 'feature' : 'features'} (${parts.join(', ')})`;
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
