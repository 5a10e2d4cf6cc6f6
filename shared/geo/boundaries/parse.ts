/**
 * Reads LA boundaries from GeoJSON or TopoJSON: chooses the layer holding most plan members and its
 * code field, matches codes through the reference list (predecessors left out with a warning), and
 * reports features that match no authority (see index.ts for the whole rule).
 */
import type { Feature, Position } from 'geojson';
import { feature as topoFeature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import type { AuthorityLookup } from '../../model/authorities.js';
import { type Predecessor, describePredecessor, predecessorByCode } from '../../model/predecessors.js';
import type { BoundaryFeature, GeoIssue } from '../types.js';
import {
  MAX_LISTED_UNMATCHED,
  UPPER_TIER_LAYER,
  chooseNameField,
  codeFieldCandidates,
  describeLayers,
  describeUnmatched,
  summariseLayer,
} from './fields.js';
import { isRecord, looksProjected, polygonsOf } from './polygons.js';
import type { ParseBoundariesOptions, ParsedBoundaries } from './types.js';

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
