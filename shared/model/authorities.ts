/**
 * The reference list of English upper-tier local authorities, with a crosswalk of names and
 * codes that changed (renames, reorganisations, Ofsted's spellings). Data lives in
 * resources/reference/english-authorities.json; these are its types and look-ups.
 */
export interface ReferenceAuthority {
  /** Current ONS (GSS) code. */
  onsCode: string;
  /** DfE 3-digit code. */
  dfeCode: string;
  name: string;
  regionCode: string;
  regionName: string;
  /** Other spellings seen in published files (e.g. Ofsted's "Bristol" for "Bristol, City of"). */
  aliases: string[];
  /** Earlier ONS codes this authority has been published under. */
  formerCodes: string[];
  /** 'abolished' rows persist in DfE files after reorganisation (e.g. Cumbria, Northamptonshire). */
  status: 'current' | 'abolished';
  /** For abolished authorities: the codes that replaced them. */
  successorCodes: string[];
}

export interface AuthorityLookup {
  byCode(code: string): ReferenceAuthority | undefined;
  byName(name: string): ReferenceAuthority | undefined;
  all(): readonly ReferenceAuthority[];
}

/** Normalises a name for matching: case, punctuation, "&"/"and", "City of", "Council". */
export function normaliseAuthorityName(name: string): string {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/\b(city of|county of|council|county council|metropolitan borough|borough)\b/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function createAuthorityLookup(authorities: readonly ReferenceAuthority[]): AuthorityLookup {
  const codes = new Map<string, ReferenceAuthority>();
  const names = new Map<string, ReferenceAuthority>();
  for (const a of authorities) {
    codes.set(a.onsCode, a);
    codes.set(a.dfeCode, a);
    for (const former of a.formerCodes) if (!codes.has(former)) codes.set(former, a);
    for (const name of [a.name, ...a.aliases]) names.set(normaliseAuthorityName(name), a);
  }
  return {
    byCode: (code) => codes.get(code.trim()),
    byName: (name) => names.get(normaliseAuthorityName(name)),
    all: () => authorities,
  };
}
