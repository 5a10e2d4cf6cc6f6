/**
 * Predecessor authorities whose area differs from any one current authority's, so their figures and
 * boundaries cannot be carried over: Bournemouth and Poole (with Christchurch, merged into
 * Bournemouth, Christchurch and Poole on 1 April 2019), the pre-2019 Dorset County Council (split
 * between the new Dorset Council and BCP), Northamptonshire (2021) and Cumbria (2023). Every importer
 * (DfE, Ofsted, ONS, boundaries) leaves their rows out with the same warning naming the successors.
 * Plain renumberings (Buckinghamshire, North Yorkshire, Somerset, Barnsley, Sheffield) are not here:
 * the same area under a new code is read as the current authority (the reference list's former codes).
 *
 * Sources: ONS Register of Geographic Codes; DfE's LA codes (836 Poole, 837 Bournemouth, 835 Dorset).
 */
import type { AuthorityLookup } from './authorities.js';
import { normaliseAuthorityName } from './authorities.js';
import { formatSnapshot } from './dates.js';

export interface Predecessor {
  /** The ONS (GSS) code it was published under. */
  onsCode: string;
  dfeCode: string;
  name: string;
  /** Other spellings in published files. */
  aliases: string[];
  /** The first day it no longer existed ("2019-04-01"). */
  abolishedOn: string;
  /** The authorities its area went to. */
  successorCodes: string[];
  /**
   * True when a current authority has the same name (Dorset): the name means the predecessor only in
   * files dated before `abolishedOn`.
   */
  nameReused: boolean;
}

export const predecessors: readonly Predecessor[] = [
  {
    onsCode: 'E06000028',
    dfeCode: '837',
    name: 'Bournemouth',
    aliases: ['Bournemouth Borough Council'],
    abolishedOn: '2019-04-01',
    successorCodes: ['E06000058'],
    nameReused: false,
  },
  {
    onsCode: 'E06000029',
    dfeCode: '836',
    name: 'Poole',
    aliases: ['Borough of Poole'],
    abolishedOn: '2019-04-01',
    successorCodes: ['E06000058'],
    nameReused: false,
  },
  {
    onsCode: 'E10000009',
    dfeCode: '835',
    name: 'Dorset',
    aliases: ['Dorset County Council'],
    abolishedOn: '2019-04-01',
    successorCodes: ['E06000059', 'E06000058'],
    nameReused: true,
  },
  {
    onsCode: 'E10000021',
    dfeCode: '928',
    name: 'Northamptonshire',
    aliases: ['Northamptonshire County Council'],
    abolishedOn: '2021-04-01',
    successorCodes: ['E06000061', 'E06000062'],
    nameReused: false,
  },
  {
    onsCode: 'E10000006',
    dfeCode: '909',
    name: 'Cumbria',
    aliases: ['Cumbria County Council'],
    abolishedOn: '2023-04-01',
    successorCodes: ['E06000063', 'E06000064'],
    nameReused: false,
  },
];

const byCode = new Map(predecessors.flatMap((p) => [[p.onsCode, p] as const, [p.dfeCode, p] as const]));
const byName = new Map(
  predecessors.flatMap((p) => [p.name, ...p.aliases].map((n) => [normaliseAuthorityName(n), p] as const)),
);

/** The predecessor published under this ONS or DfE code; undefined for current authorities and renumberings. */
export function predecessorByCode(code: string): Predecessor | undefined {
  return byCode.get(code.trim());
}

/**
 * The predecessor a name means in a file dated `asOf` ("2018-03-31"): a name a current authority
 * also has (Dorset) means the predecessor only before it was abolished, and never when the date is
 * unknown.
 */
export function predecessorByName(name: string, asOf: string | null): Predecessor | undefined {
  const p = byName.get(normaliseAuthorityName(name));
  if (!p) return undefined;
  if (p.nameReused && (asOf === null || asOf >= p.abolishedOn)) return undefined;
  return p;
}

/** "1 April 2019" */
const longDate = (iso: string): string => formatSnapshot(iso);

/**
 * The crosswalk in words, for the warnings of every importer: "Bournemouth (E06000028, DfE 837),
 * abolished on 1 April 2019; its area is now part of Bournemouth, Christchurch and Poole
 * (E06000058)".
 */
export function describePredecessor(p: Predecessor, lookup: AuthorityLookup): string {
  const successors = p.successorCodes.map((code) => {
    const a = lookup.byCode(code);
    return a ? `${a.name} (${code})` : code;
  });
  const list =
    successors.length === 1 ? successors[0] : `${successors.slice(0, -1).join(', ')} and ${successors.at(-1)}`;
  return `${p.name} (${p.onsCode}, DfE ${p.dfeCode}), abolished on ${longDate(p.abolishedOn)}; its area is now ${successors.length === 1 ? 'part of' : 'divided between'} ${list}`;
}
