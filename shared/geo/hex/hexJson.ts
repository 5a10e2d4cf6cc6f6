/** Reads HexJSON layouts, matching codes through the reference list (former codes read as current ones), and selects a plan's hexes. */
import type { AuthorityLookup } from '../../model/authorities.js';
import { describePredecessor, predecessorByCode } from '../../model/predecessors.js';
import { type GeoIssue, type HexCell, type HexLayoutKind, hexLayoutKinds } from '../types.js';

export interface HexJsonHex extends HexCell {
  name: string;
}

export interface ParsedHexJson {
  layout: HexLayoutKind;
  /** Hexes whose codes are English upper-tier authorities (former codes read as current ones). */
  hexes: HexJsonHex[];
  /** Hexes whose codes the reference list does not hold (e.g. lower-tier districts, other nations). */
  unmatched: { key: string; name: string }[];
  issues: GeoIssue[];
}

/**
 * Reads a HexJSON layout (`{"layout":"odd-r","hexes":{"E08000001":{"n":"Bolton","q":4,"r":14}}}`).
 * Codes are matched through the reference list, including former codes; unknown codes are listed
 * (one warning for them all), never guessed.
 */
export function parseHexJson(text: string, lookup: AuthorityLookup, fileName = 'layout.hexjson'): ParsedHexJson {
  const issues: GeoIssue[] = [];
  const fail = (message: string): ParsedHexJson => ({
    layout: 'odd-r',
    hexes: [],
    unmatched: [],
    issues: [{ severity: 'error', file: fileName, row: null, column: null, message }],
  });
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(`The file is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isRecord(data) || !isRecord(data.hexes)) return fail('The file has no "hexes" object, so it is not HexJSON.');
  let layout: HexLayoutKind = 'odd-r';
  if (typeof data.layout === 'string' && (hexLayoutKinds as readonly string[]).includes(data.layout)) {
    layout = data.layout as HexLayoutKind;
  } else {
    issues.push({
      severity: 'warning',
      file: fileName,
      row: null,
      column: 'layout',
      message: `The layout ${JSON.stringify(data.layout ?? null)} is not one of ${hexLayoutKinds.join(', ')}: read as odd-r.`,
    });
  }
  const hexes: HexJsonHex[] = [];
  const unmatched: { key: string; name: string }[] = [];
  const seen = new Map<string, string>();
  let index = 0;
  for (const [key, value] of Object.entries(data.hexes)) {
    index++;
    if (!isRecord(value) || !Number.isInteger(value.q) || !Number.isInteger(value.r)) {
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: `Hex “${key}” has no whole-number q and r: left out.`,
      });
      continue;
    }
    const name = typeof value.n === 'string' ? value.n : typeof value.name === 'string' ? value.name : key;
    const predecessor = predecessorByCode(key);
    const authority = predecessor ? undefined : lookup.byCode(key);
    if (predecessor || authority?.status === 'abolished') {
      // An abolished area's cell stands for no current authority (Bournemouth is only part of BCP).
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: predecessor
          ? `Hex “${key}” is ${describePredecessor(predecessor, lookup)}: left out.`
          : `Hex “${key}” is ${authority?.name ?? key}, abolished (now ${(authority?.successorCodes ?? []).join(', ')}): left out.`,
      });
      continue;
    }
    if (!authority) {
      unmatched.push({ key, name });
      continue;
    }
    const code = authority.onsCode;
    const earlier = seen.get(code);
    if (earlier !== undefined) {
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: `Hex “${key}” is ${authority.name} again (already placed as “${earlier}”): left out.`,
      });
      continue;
    }
    seen.set(code, key);
    if (key !== code) {
      issues.push({
        severity: 'warning',
        file: fileName,
        row: index,
        column: key,
        message: `Hex “${key}” has an earlier code of ${authority.name}: read as ${code}.`,
      });
    }
    hexes.push({ code, name: authority.name, q: value.q as number, r: value.r as number });
  }
  if (unmatched.length > 0) {
    const examples = unmatched
      .slice(0, 5)
      .map((u) => `${u.key} (${u.name})`)
      .join(', ');
    issues.push({
      severity: 'warning',
      file: fileName,
      row: null,
      column: null,
      message: `${unmatched.length} ${unmatched.length === 1 ? 'hex is' : 'hexes are'} not an English upper-tier authority and ${unmatched.length === 1 ? 'is' : 'are'} left out, e.g. ${examples}.`,
    });
  }
  return { layout, hexes, unmatched, issues };
}

/** Hexes of the given codes only, e.g. a consortium's members from a national layout. */
export function selectHexes<T extends HexCell>(hexes: readonly T[], codes: Iterable<string>): T[] {
  const wanted = new Set(codes);
  return hexes.filter((h) => wanted.has(h.code));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
