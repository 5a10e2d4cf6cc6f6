/**
 * Pure helpers for choosing a consortium's member authorities (the Members dialog and the New plan
 * dialog share them through the authority chooser): filtering and grouping the authorities by
 * region, choosing or clearing a region at once, and checking the choice.
 */
import { callArgSchemas, type AuthorityChoice } from '#shared/api/contract.js';
import { listNames } from '#shared/forecast/inputs/index.js';

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
 * member (or, when `leading` is given, one of those codes) come first, so the consortium is in view
 * when the chooser opens, then the others alphabetically, with authorities whose region is not
 * recorded last.
 */
export function groupByRegion(
  authorities: readonly AuthorityChoice[],
  filter = '',
  leading?: ReadonlySet<string>,
): RegionGroup[] {
  const groups = new Map<string, AuthorityChoice[]>();
  for (const a of authorities) {
    if (!matchesFilter(a, filter)) continue;
    const region = a.regionName?.trim() || noRegion;
    const list = groups.get(region) ?? [];
    list.push(a);
    groups.set(region, list);
  }
  const isLeading = (a: AuthorityChoice) => (leading ? leading.has(a.onsCode) : a.isMember);
  const withMembers = new Set(authorities.filter(isLeading).map((a) => a.regionName?.trim() || noRegion));
  const rank = (region: string) => (withMembers.has(region) ? 0 : region === noRegion ? 2 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || collator.compare(a, b))
    .map(([region, list]) => ({ region, authorities: [...list].sort((x, y) => collator.compare(x.name, y.name)) }));
}

/** The choice with every one of `codes` added (a region's "Choose all"). */
export function withCodes(chosen: ReadonlySet<string>, codes: Iterable<string>): ReadonlySet<string> {
  const next = new Set(chosen);
  for (const code of codes) next.add(code);
  return next.size === chosen.size ? chosen : next;
}

/** The choice with every one of `codes` taken out (a region's "Clear"). */
export function withoutCodes(chosen: ReadonlySet<string>, codes: Iterable<string>): ReadonlySet<string> {
  const next = new Set(chosen);
  for (const code of codes) next.delete(code);
  return next.size === chosen.size ? chosen : next;
}

/** The choice with one authority added or taken out. */
export function withCode(chosen: ReadonlySet<string>, code: string, on: boolean): ReadonlySet<string> {
  return on ? withCodes(chosen, [code]) : withoutCodes(chosen, [code]);
}

/** How many of a group's authorities are chosen. */
export function chosenInGroup(group: RegionGroup, chosen: ReadonlySet<string>): number {
  return group.authorities.filter((a) => chosen.has(a.onsCode)).length;
}

/** "No authority chosen.", or the count, with the names while there are at most twelve. */
export function chosenStatus(authorities: readonly AuthorityChoice[], chosen: ReadonlySet<string>): string {
  if (chosen.size === 0) return 'No authority chosen.';
  const names = authorities.filter((a) => chosen.has(a.onsCode)).map((a) => a.name);
  const count = `${chosen.size} ${chosen.size === 1 ? 'authority' : 'authorities'} chosen`;
  return chosen.size <= 12 ? `${count}: ${listNames(names)}.` : `${count}.`;
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
