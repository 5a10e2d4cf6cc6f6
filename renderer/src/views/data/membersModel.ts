/** Pure helpers for the membership editor: filtering and grouping the authorities by region. */
import { callArgSchemas, type AuthorityChoice } from '../../../../shared/api/contract.js';

export const noRegion = 'Region not recorded';

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when every word of the filter appears in the authority's name, region or codes. */
export function matchesFilter(authority: AuthorityChoice, filter: string): boolean {
  const words = normalise(filter).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise(
    [authority.name, authority.regionName ?? '', authority.onsCode, authority.dfeCode ?? ''].join(' '),
  );
  return words.every((w) => haystack.includes(w));
}

export interface RegionGroup {
  region: string;
  authorities: AuthorityChoice[];
}

const collator = new Intl.Collator('en-GB', { sensitivity: 'base' });

/**
 * Authorities matching the filter, grouped by region and by name within. Regions holding a current
 * member come first (so the consortium is in view when the editor opens), then the others
 * alphabetically, with authorities whose region is not recorded last.
 */
export function groupByRegion(authorities: readonly AuthorityChoice[], filter = ''): RegionGroup[] {
  const groups = new Map<string, AuthorityChoice[]>();
  for (const a of authorities) {
    if (!matchesFilter(a, filter)) continue;
    const region = a.regionName?.trim() || noRegion;
    const list = groups.get(region) ?? [];
    list.push(a);
    groups.set(region, list);
  }
  const withMembers = new Set(authorities.filter((a) => a.isMember).map((a) => a.regionName?.trim() || noRegion));
  const rank = (region: string) => (withMembers.has(region) ? 0 : region === noRegion ? 2 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || collator.compare(a, b))
    .map(([region, list]) => ({ region, authorities: [...list].sort((x, y) => collator.compare(x.name, y.name)) }));
}

/** The chosen codes in a stable order, or the reason they cannot be saved. */
export function validateMembership(
  chosen: ReadonlySet<string>,
): { ok: true; codes: string[] } | { ok: false; message: string } {
  const codes = [...chosen].sort();
  const parsed = callArgSchemas.setMembership.safeParse({ codes });
  if (parsed.success) return { ok: true, codes: parsed.data.codes };
  if (codes.length === 0) return { ok: false, message: 'Choose at least one member authority.' };
  return { ok: false, message: parsed.error.issues[0]?.message ?? 'These members cannot be saved.' };
}

/** True when the chosen set differs from the current members. */
export function membershipChanged(authorities: readonly AuthorityChoice[], chosen: ReadonlySet<string>): boolean {
  const current = authorities.filter((a) => a.isMember).map((a) => a.onsCode);
  return current.length !== chosen.size || current.some((code) => !chosen.has(code));
}
