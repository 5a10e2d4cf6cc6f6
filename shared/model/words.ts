/**
 * Small rules for the words a user reads: a heading states its unit once ("Registered places", not
 * "Registered places (places)"), a label moved into a sentence keeps its acronyms ("placed outside
 * LA boundary", not "placed outside la boundary"), and a field name from code reads as words.
 */

/**
 * True when the label already says the unit: "Beds needed" says beds, "Registered places" says
 * places. "In secure or children's homes" names homes, not children, so it does not say children.
 */
export function saysUnit(label: string, unit: string): boolean {
  const l = label.toLowerCase();
  const u = unit.trim().toLowerCase();
  if (!u) return true;
  if (u === 'children') return /\bchildren\b(?!['’]s)/.test(l);
  const singular = u.replace(/s$/, '');
  return l.includes(u) || new RegExp(`\\b${singular.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?\\b`).test(l);
}

/** The label with its unit in brackets unless it already says it: "Gap [beds]", "Beds needed". */
export function withUnit(label: string, unit: string, brackets: '[]' | '()' = '[]'): string {
  if (saysUnit(label, unit)) return label;
  return brackets === '[]' ? `${label} [${unit}]` : `${label} (${unit})`;
}

/** A label as it reads inside a sentence: its first letter lower case, unless it begins an acronym ("LA", "DfE"). */
export function lowerFirst(label: string): string {
  const first = label.split(/\s/, 1)[0] ?? '';
  if (/^[A-Z]{2,}|^[A-Z][a-z]*[A-Z]/.test(first)) return label;
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/** A field name from code as words: "horizonYears" → "horizon years", "voidCostShare" → "void cost share". */
export function camelWords(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}
