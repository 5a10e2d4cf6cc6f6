/**
 * Consortia a new plan can start from: each of England's nine regions (the footprint DfE is
 * extending Regional Care Co-operatives to), Greater Manchester (the pathfinder), all of England,
 * or any chosen set of upper-tier authorities. Everything is derived from the areas the built-in
 * dataset holds, so a preset never names an authority the plan does not know.
 */
import type { Area } from './dataset.js';

/** The ten Greater Manchester authorities (Greater Manchester Combined Authority, DOMAIN.md). */
export const GREATER_MANCHESTER_CODES: readonly string[] = [
  'E08000001',
  'E08000002',
  'E08000003',
  'E08000004',
  'E08000005',
  'E08000006',
  'E08000007',
  'E08000008',
  'E08000009',
  'E08000010',
];

export interface ConsortiumPreset {
  /** "region:E12000003", "greater-manchester" or "england". */
  id: string;
  kind: 'region' | 'combined-authority' | 'england';
  name: string;
  /** ONS codes of the member authorities, sorted. */
  members: string[];
  description: string;
}

/** A consortium chosen for a new plan (or for changing members). */
export interface ConsortiumChoice {
  name: string;
  members: string[];
}

function localAuthorities(areas: readonly Area[]): Area[] {
  return areas.filter((a) => a.level === 'Local authority');
}

/** The presets the built-in areas support, regions first (in code order), then GM, then England. */
export function consortiumPresets(areas: readonly Area[]): ConsortiumPreset[] {
  const las = localAuthorities(areas);
  const presets: ConsortiumPreset[] = areas
    .filter((a) => a.level === 'Regional')
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((region) => {
      const members = las
        .filter((a) => a.regionCode === region.code)
        .map((a) => a.code)
        .sort();
      return {
        id: `region:${region.code}`,
        kind: 'region' as const,
        name: region.name,
        members,
        description: `The ${members.length} upper-tier authorities of the ${region.name} region.`,
      };
    })
    .filter((p) => p.members.length > 0);
  const known = new Set(las.map((a) => a.code));
  if (GREATER_MANCHESTER_CODES.every((c) => known.has(c))) {
    presets.push({
      id: 'greater-manchester',
      kind: 'combined-authority',
      name: 'Greater Manchester',
      members: [...GREATER_MANCHESTER_CODES],
      description:
        'The ten councils of the Greater Manchester Combined Authority, a Regional Care Co-operative pathfinder.',
    });
  }
  if (las.length > 0) {
    presets.push({
      id: 'england',
      kind: 'england',
      name: 'England',
      members: las.map((a) => a.code).sort(),
      description: `All ${las.length} upper-tier authorities in England.`,
    });
  }
  return presets;
}

/** Finds a region by name or code, case-insensitively ("North West", "north-west", "E12000002"). */
export function findRegion(areas: readonly Area[], nameOrCode: string): Area | undefined {
  const wanted = nameOrCode.trim().toLowerCase().replace(/[-_]+/g, ' ');
  return areas.find(
    (a) =>
      a.level === 'Regional' &&
      (a.code.toLowerCase() === wanted || a.name.toLowerCase().replace(/[-_]+/g, ' ') === wanted),
  );
}

/**
 * Checks a consortium choice against the areas: every member an upper-tier authority the plan knows,
 * each once, at least one. Returns the problems in words (empty when the choice is good).
 */
export function consortiumProblems(areas: readonly Area[], choice: ConsortiumChoice): string[] {
  const problems: string[] = [];
  if (!choice.name.trim()) problems.push('Give the consortium a name.');
  if (choice.members.length === 0) problems.push('Choose at least one member authority.');
  const known = new Set(localAuthorities(areas).map((a) => a.code));
  const unknown = choice.members.filter((c) => !known.has(c));
  if (unknown.length) problems.push(`Not an English upper-tier authority: ${unknown.join(', ')}.`);
  if (new Set(choice.members).size !== choice.members.length) problems.push('Each authority may be listed once.');
  return problems;
}

/** The regions the members belong to (codes, sorted): the consortium's own comparators. */
export function memberRegionCodes(areas: readonly Area[], members: ReadonlySet<string>): Set<string> {
  return new Set(
    areas
      .filter((a) => a.level === 'Local authority' && members.has(a.code) && a.regionCode)
      .map((a) => a.regionCode as string),
  );
}

/** True when the members are exactly the ten Greater Manchester authorities. */
export function isExactlyGreaterManchester(members: readonly string[]): boolean {
  const set = new Set(members);
  return set.size === GREATER_MANCHESTER_CODES.length && GREATER_MANCHESTER_CODES.every((c) => set.has(c));
}
