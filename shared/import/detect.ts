/**
 * What kind of file the user chose, told from its CONTENT (header columns, filter values, JSON
 * keys), never from its name: users rename downloads, and DfE names files differently between
 * releases. SSDA903 and boundary files are only recognised here; other modules parse them.
 *
 * Pure TypeScript: no Node or DOM imports.
 */
import { isOfstedHeader } from './ofsted.js';
import { isJoinersLeaversHeader } from './ofstedJoinersLeavers.js';
import { isSnppHeader } from './ons.js';
import { identifySsda903Table, isSsda903Xml, ssda903TableInfo } from './ssda903/index.js';
import type { RawTable } from './table.js';
import { Columns, findHeaderRow, foldText, isBlankRow, normaliseLabel, tableFromCsv } from './table.js';

export const fileKinds = [
  'dfe-cla-number-rate',
  'dfe-cla-characteristics',
  'dfe-placement-netgain',
  'dfe-missing',
  'ons-mye',
  'ons-snpp',
  'ofsted-providers',
  'ofsted-joiners-leavers',
  'ssda903-header',
  'ssda903-episodes',
  'ssda903-missing',
  'ssda903-uasc',
  'ssda903-other',
  'ssda903-xml',
  'geojson',
  'topojson',
  'hexjson',
  'unused-table',
  'unknown',
] as const;

export type FileKind = (typeof fileKinds)[number];

export interface Detection {
  kind: FileKind;
  /** Why, in a sentence a user can read ("columns time_period, geographic_level and population_count"). */
  reason: string;
  /** 0-based index of the header row in the table (tables only; null for JSON and unknown files). */
  headerRow: number | null;
  /**
   * For 'unused-table': the published table recognised, which the planner does not use ("DfE
   * placement stability table").
   */
  table?: string;
}

/** A published table this tool recognises but does not use: named, and nothing is imported from it. */
const unused = (table: string, reason: string, headerRow: number): Detection => ({
  kind: 'unused-table',
  reason: `${reason}: the ${table}, which the planner does not use.`,
  headerRow,
  table,
});

/** Rows of a long-format file scanned for filter values (enough to see every group). */
const SCAN_ROWS = 20_000;

const unknown = (reason: string): Detection => ({ kind: 'unknown', reason, headerRow: null });

/** Detects the kind of a file from its text (CSV or JSON) or from a table of cells. */
export function detectFileKind(_fileName: string, content: string | RawTable): Detection {
  if (typeof content !== 'string') return detectTable(content);
  const text = content.replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start === '') return unknown('The file is empty.');
  if (start.startsWith('{') || start.startsWith('[')) return detectJson(text);
  if (start.startsWith('<')) return detectXml(text);
  let table: RawTable;
  try {
    table = tableFromCsv(text);
  } catch (error) {
    return unknown(`The file is not readable as CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  return detectTable(table);
}

/** Boundary files: GeoJSON, TopoJSON or HexJSON, by their keys. */
export function detectJson(text: string): Detection {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return unknown('The file starts like JSON but is not valid JSON.');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return unknown('The file is JSON but not an object (GeoJSON, TopoJSON or HexJSON).');
  }
  const o = json as Record<string, unknown>;
  if (o.type === 'Topology' && typeof o.objects === 'object' && o.objects !== null) {
    return { kind: 'topojson', reason: 'JSON with "type": "Topology" and "objects" (TopoJSON).', headerRow: null };
  }
  if (o.type === 'FeatureCollection' || o.type === 'Feature') {
    return { kind: 'geojson', reason: `JSON with "type": "${o.type}" (GeoJSON).`, headerRow: null };
  }
  if (typeof o.hexes === 'object' && o.hexes !== null && !Array.isArray(o.hexes)) {
    return { kind: 'hexjson', reason: 'JSON with "hexes" (and "layout") (HexJSON).', headerRow: null };
  }
  return unknown(
    'The file is JSON but has none of the keys of GeoJSON ("type"), TopoJSON ("objects") or HexJSON ("hexes").',
  );
}

/** XML: only an SSDA903 return (CHILD elements with CHILDID) is a kind this tool reads. */
export function detectXml(text: string): Detection {
  return isSsda903Xml(text)
    ? {
        kind: 'ssda903-xml',
        reason: 'An SSDA903 return in XML (CHILD elements with CHILDID, HEADER and EPISODE).',
        headerRow: null,
      }
    : unknown('An XML file, but not an SSDA903 return: it has no CHILD elements with a CHILDID.');
}

/** SSDA903 tables by their column names (upper case in the return); see ./ssda903/returnTables.ts. */
export function detectSsda903(header: readonly string[]): Detection | null {
  const names = new Set(header.map((h) => foldText(h).toUpperCase()));
  const table = identifySsda903Table(names);
  if (table === null) return null;
  const info = ssda903TableInfo(table);
  const shown = info.columns.slice(0, 4).join(', ');
  const reason = `SSDA903 ${info.name} columns (${shown}${info.columns.length > 4 ? ', …' : ''}).`;
  const kind: FileKind =
    table === 'header' || table === 'episodes' || table === 'missing' || table === 'uasc'
      ? `ssda903-${table}`
      : 'ssda903-other';
  return { kind, reason, headerRow: 0 };
}

const isLongFormatHeader = (c: Columns): boolean => c.has('time_period') && c.has('geographic_level');

/** Detects the kind of a table of cells (a CSV file or one sheet of a workbook). */
export function detectTable(table: RawTable): Detection {
  const firstIndex = table.rows.findIndex((r) => !isBlankRow(r));
  const first = table.rows[firstIndex];
  if (!first) return unknown('The file has no rows.');

  if (firstIndex === 0) {
    const ssda = detectSsda903(first);
    if (ssda) return ssda;
  }
  // Ofsted joiners and leavers: URN and Provision type like the provider list, so checked first.
  const joinersLeavers = findHeaderRow(table.rows, isJoinersLeaversHeader);
  if (joinersLeavers >= 0) {
    return {
      kind: 'ofsted-joiners-leavers',
      reason: `Ofsted joiners-and-leavers header (URN, Provision type, Joiner status, Leaver status) on row ${joinersLeavers + 1}.`,
      headerRow: joinersLeavers,
    };
  }
  const ofsted = findHeaderRow(table.rows, isOfstedHeader);
  const ofstedColumns = ofsted >= 0 ? new Columns(table.rows[ofsted] ?? []) : null;
  if (ofstedColumns?.has('Joiner status', 'Leaver status')) {
    return unused(
      'Ofsted joiners and leavers table',
      `Ofsted provider columns with 'Joiner status' and 'Leaver status' on row ${ofsted + 1}`,
      ofsted,
    );
  }
  if (ofsted >= 0) {
    return {
      kind: 'ofsted-providers',
      reason: `Ofsted provider-level header (URN, Provision type) on row ${ofsted + 1}.`,
      headerRow: ofsted,
    };
  }
  const snpp = findHeaderRow(table.rows, isSnppHeader);
  if (snpp >= 0) {
    return {
      kind: 'ons-snpp',
      reason: `ONS projection columns (AREA_CODE, AGE_GROUP and one column per year) on row ${snpp + 1}.`,
      headerRow: snpp,
    };
  }
  const long = findHeaderRow(table.rows, isLongFormatHeader);
  if (long >= 0) return detectLongFormat(table, long);

  const ssdaLike = new Set(first.map((h) => foldText(h).toUpperCase())).has('CHILD');
  return unknown(
    ssdaLike
      ? 'A table with a CHILD column, but not one of the SSDA903 return’s tables (header, episodes, missing, UASC, reviews, OC2, OC3, AD1, placed for adoption, previous permanence, social worker episodes).'
      : 'No recognised header: expected DfE/ONS columns (time_period, geographic_level), Ofsted columns (URN, Provision type), ONS projection columns (AREA_CODE, AGE_GROUP) or SSDA903 columns (CHILD, …).',
  );
}

function detectLongFormat(table: RawTable, headerRow: number): Detection {
  const columns = new Columns(table.rows[headerRow] ?? []);
  const at = `on row ${headerRow + 1}`;
  const found = (kind: FileKind, reason: string): Detection => ({ kind, reason, headerRow });

  if (columns.has('population_count', 'population_type')) {
    const filter = columns.has('population_count') ? 'population_count' : 'population_type';
    return found(
      'dfe-cla-number-rate',
      `DfE long format with filter column '${filter}' ${at} (CLA number and rate per 10,000).`,
    );
  }
  if (columns.has('population_estimate') && columns.has('age_group')) {
    return found(
      'ons-mye',
      `Long format with 'age_group' and 'population_estimate' ${at} (ONS mid-year estimates in DfE's layout).`,
    );
  }

  if (columns.has('placement_stability')) {
    return unused(
      'DfE placement stability table',
      `DfE long format with filter column 'placement_stability' ${at}`,
      headerRow,
    );
  }
  const filterNames = ['cla_group', 'characteristic', 'breakdown', 'placement_type', 'placement_provider'];
  const filterCols = filterNames.map((n) => columns.find(n)).filter((i): i is number => i !== null);
  if (filterCols.length === 0) {
    const header = (table.rows[headerRow] ?? []).map((h) => foldText(h)).filter((h) => h !== '');
    const standard = new Set([
      'time_period',
      'time_identifier',
      'geographic_level',
      'country_code',
      'country_name',
      'region_code',
      'region_name',
      'old_la_code',
      'la_name',
      'new_la_code',
      'number',
      'percentage',
      'percent',
    ]);
    const own = header.filter((h) => !standard.has(h.toLowerCase()));
    return unused(
      `DfE table with the columns ${own.slice(0, 4).join(', ') || '(none of its own)'}`,
      `A DfE-style long-format file ${at}, with no filter column the planner reads (cla_group, characteristic, breakdown, placement_type)`,
      headerRow,
    );
  }
  const values = new Set<string>();
  const end = Math.min(table.rows.length, headerRow + 1 + SCAN_ROWS);
  for (let r = headerRow + 1; r < end; r += 1) {
    const row = table.rows[r];
    if (!row) continue;
    for (const c of filterCols) {
      const v = normaliseLabel(row[c] ?? '');
      if (v !== '') values.add(v);
    }
  }
  const any = (pattern: RegExp): string | undefined => [...values].find((v) => pattern.test(v));

  const missing = any(/missing incident|away from placement/);
  if (missing)
    return found(
      'dfe-missing',
      `DfE long format ${at} with filter value '${missing}' (children missing or away from placement).`,
    );
  const netGain = any(/responsibility of (?:other las|this la)|^net gain/);
  if (netGain)
    return found(
      'dfe-placement-netgain',
      `DfE long format ${at} with filter value '${netGain}' (LA of placement net gain).`,
    );
  const stability = any(/placement stability|three or more placements|same carer/);
  if (stability) {
    return unused('DfE placement stability table', `DfE long format ${at} with filter value '${stability}'`, headerRow);
  }
  const newPlacements = any(/new placements|secure units, childrens homes and semi-independent/);
  if (newPlacements) {
    return unused(
      'DfE table of new placements during the year',
      `DfE long format ${at} with filter value '${newPlacements}'`,
      headerRow,
    );
  }
  const otherFlow = any(/\bceased\b|\bceasing\b|\bstarted\b|\bstarting\b|care leavers?\b|\badopted\b|during the year/);
  if (otherFlow) {
    return unused(
      `DfE table of '${otherFlow}'`,
      `A DfE long-format file ${at} about another table (filter value '${otherFlow}')`,
      headerRow,
    );
  }
  const characteristics = any(
    /^placement$|^locality of placement$|^la of placement$|^distance between home and placement|^secure homes and children's homes$|on 31 march$|^all children$/,
  );
  if (characteristics) {
    return found(
      'dfe-cla-characteristics',
      `DfE long format ${at} with filter value '${characteristics}' (children looked after on 31 March by characteristics).`,
    );
  }
  return unused(
    'DfE table whose filter values are none the planner reads',
    `A DfE long-format file ${at} with filter values such as ${
      [...values]
        .slice(0, 3)
        .map((v) => `'${v}'`)
        .join(', ') || '(none)'
    }`,
    headerRow,
  );
}
