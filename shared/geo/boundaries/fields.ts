/** The code and name fields of a boundary file found from their values, the current authority a code stands for, and layers and unmatched codes in words. */
import type { Feature } from 'geojson';
import type { AuthorityLookup } from '../../model/authorities.js';
import { predecessorByCode } from '../../model/predecessors.js';
import { isRecord } from './polygons.js';
import type { LayerSummary, ParsedBoundaries } from './types.js';

const ONS_CODE = /^[EWSNK]\d{8}$/;
export const UPPER_TIER_LAYER = /ctyua|utla|upper|cua/i;
const PREFERRED_CODE_FIELD = /^(ctyua|utla|lad|cua|la)\d{0,2}cd$|^area_?cd$|^area_?code$|^(gss_?)?code$/i;
export const MAX_LISTED_UNMATCHED = 20;

function currentAuthority(code: string, lookup: AuthorityLookup): string | null {
  if (predecessorByCode(code)) return null;
  const a = lookup.byCode(code);
  return a && a.status !== 'abolished' ? a.onsCode : null;
}

/**
 * Properties holding ONS-style codes, ranked by how many plan members, then authorities, they
 * match (distinct), then by name (LAD23CD, CTYUA23CD, areacd…).
 */
export function codeFieldCandidates(
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

export function summariseLayer(
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
export function describeUnmatched(unmatched: ParsedBoundaries['unmatched']): string {
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
export function chooseNameField(features: readonly Feature[], codeField: string): string | null {
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
