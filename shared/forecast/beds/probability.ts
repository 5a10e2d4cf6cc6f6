/**
 * How a probability of being short is read in every view and export: a percentage only where it is
 * informative (between 1% and 99%), saturated ones in words.
 */

/** Bounds outside which P(need > beds) is saturated: reported as near-certain, not as a figure. */
export const INFORMATIVE_PROBABILITY = { min: 0.01, max: 0.99 } as const;

export const probabilityInformative = (p: number): boolean =>
  p >= INFORMATIVE_PROBABILITY.min && p <= INFORMATIVE_PROBABILITY.max;

export type ProbabilityKind = 'figure' | 'nearCertain' | 'veryUnlikely' | 'unknown';

export interface ProbabilityWords {
  kind: ProbabilityKind;
  /** "37%", "near certain (>99%)", "very unlikely (<1%)" or "—". */
  text: string;
  /** True when the figure carries information (neither saturated nor missing). */
  informative: boolean;
}

/**
 * A probability as it should be read, in every view and export: a percentage only where it is
 * informative; saturated ones in words. Uses the result's own `informative` flag where it has one,
 * else the same 1%/99% rule.
 */
export function probabilityWords(p: number | null | undefined, informative?: boolean): ProbabilityWords {
  if (p === null || p === undefined || !Number.isFinite(p)) return { kind: 'unknown', text: '—', informative: false };
  if (informative ?? probabilityInformative(p)) {
    const pct = Math.min(99, Math.max(1, Math.round(p * 100)));
    return { kind: 'figure', text: `${pct}%`, informative: true };
  }
  return p >= 0.5
    ? { kind: 'nearCertain', text: 'near certain (>99%)', informative: false }
    : { kind: 'veryUnlikely', text: 'very unlikely (<1%)', informative: false };
}
