/** The local authorities a plan or the built-in data holds, as the membership list shows them. */
import type { AuthorityChoice } from '#shared/api/contract.js';
import type { Area } from '#shared/model/dataset.js';

/** The local authorities among `areas` as the membership list shows them, with how many figures each has. */
export function authorityChoices<A extends Pick<Area, 'code' | 'dfeCode' | 'name' | 'regionName' | 'level'>>(
  areas: readonly A[],
  counts: ReadonlyMap<string, number>,
  isMember: (area: A) => boolean,
): AuthorityChoice[] {
  return areas
    .filter((a) => a.level === 'Local authority')
    .map((a) => ({
      onsCode: a.code,
      dfeCode: a.dfeCode,
      name: a.name,
      regionName: a.regionName,
      isMember: isMember(a),
      observationCount: counts.get(a.code) ?? 0,
    }));
}
