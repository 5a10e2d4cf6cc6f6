/**
 * Giving the recommended homes need types (mainstream, or solo or complex) so that their places
 * follow the plan's split of children by need type as closely as whole homes allow.
 */
import { RECOMMEND_NEED_TYPES, type RecommendNeedType, type RecommendOptions } from './types.js';

/**
 * Need types for the chosen homes (in rank order, by places). The scenario model treats places as
 * interchangeable across need types (one pool per authority), so a home's need type does not change
 * the figures it is chosen on; it says whom the home is for. The homes are given need types so that
 * the recommended places follow the plan's split of children by need type as closely as whole homes
 * allow: solo or complex homes are the smallest (such homes are small by design), taken from the
 * lowest-ranked up while each brings the places closer to the solo/complex share. Without a split (or when only
 * mainstream homes are asked for), every home is mainstream.
 */
export function assignNeedTypes(
  places: readonly number[],
  options: Pick<RecommendOptions, 'needTypeShares' | 'needTypes'>,
): {
  byHome: RecommendNeedType[];
  shares: { mainstream: number; soloComplex: number } | null;
  places: { mainstream: number; soloComplex: number };
  note: string;
} {
  const split = options.needTypeShares ?? null;
  const allowed = options.needTypes?.length ? options.needTypes : RECOMMEND_NEED_TYPES;
  const total = places.reduce((s, p) => s + p, 0);
  const byHome: RecommendNeedType[] = places.map(() => 'mainstream');
  const tally = () => {
    const solo = places.reduce((s, p, i) => s + (byHome[i] === 'soloComplex' ? p : 0), 0);
    return { mainstream: total - solo, soloComplex: solo };
  };
  if (!split) {
    return {
      byHome,
      shares: null,
      places: tally(),
      note: 'The plan has no need types: every home is mainstream.',
    };
  }
  const shares = { mainstream: split.mainstream, soloComplex: split.soloComplex };
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const basis = split.basis ? ` (${split.basis})` : '';
  if (!allowed.includes('soloComplex') || !allowed.includes('mainstream')) {
    const only: RecommendNeedType = allowed.includes('soloComplex') ? 'soloComplex' : 'mainstream';
    byHome.fill(only);
    return {
      byHome,
      shares,
      places: tally(),
      note: `Every home is ${only === 'soloComplex' ? 'for solo or complex needs' : 'mainstream'}, as asked; the plan's split is ${pct(shares.mainstream)} mainstream, ${pct(shares.soloComplex)} solo or complex${basis}.`,
    };
  }
  const target = shares.soloComplex * total;
  let solo = 0;
  // Smallest homes first, the lowest-ranked first among equals.
  const byFit = places.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || b.i - a.i);
  for (const { p, i } of byFit) {
    if (Math.abs(solo + p - target) >= Math.abs(solo - target) - 1e-9) continue;
    byHome[i] = 'soloComplex';
    solo += p;
  }
  return {
    byHome,
    shares,
    places: tally(),
    note:
      `The plan splits children ${pct(shares.mainstream)} mainstream, ${pct(shares.soloComplex)} solo or complex${basis}. ` +
      'The scenario model treats places as interchangeable across need types, so a home’s need type does not change its figures: ' +
      'the smallest homes are for solo or complex needs, as many as bring their places closest to that share of the places recommended, the rest mainstream.',
  };
}
