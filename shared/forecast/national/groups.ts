/**
 * Consortium totals. Members' errors are correlated (a national change moves them together), so a
 * total's interval is not the sum of independent ones. With per-authority log spreads s_i, the
 * total's log variance is its members' independent part Σ f_i² s_i² ÷ F² plus a common variance
 * g²_h calibrated directly on summed groups — the nine regions and 200 random groups of 5–15
 * authorities drawn with a fixed seed — as a national swing (the origins' mean errors) plus the
 * groups' conformal excess (see fitCommonVariance). A projection turns g² into the correlation ρ
 * between its members that gives its own total that variance (../selected.ts). Regions' and random
 * groups' coverage are scored leave-one-origin-out too (./backtest.ts).
 */
import { LOG_OFFSET } from '../candidates.js';
import { Rng } from '../../random/lcg.js';
import { quantileSorted, Z90 } from '../stats.js';
import { logSpread, type ErrorPair, type HorizonCalibration } from './calibration.js';

/**
 * A summed group at one origin: its forecast and actual totals (on the +½ scale per member), the
 * log centre its members' calibrations give, and the two variance terms of the total's log error —
 * `independent` (Σ f_i² s_i² ÷ F², members' errors independent) and `shared` ((Σ f_i s_i ÷ F)²,
 * members' errors perfectly correlated).
 */
export interface GroupPair {
  kind: 'region' | 'random';
  origin: number;
  members: number;
  total: number;
  actual: number;
  centre: number;
  independent: number;
  shared: number;
}

/** Log error of a group total about its members' centre. */
const groupError = (g: GroupPair): number => Math.log(g.actual / g.total) - g.centre;

/**
 * Random groups of 5–15 authorities drawn from the panel with a fixed seed (so the backtest is
 * deterministic), as extra consortium-sized sums beside the regions: indices into `panel.areas`.
 */
export const RANDOM_GROUPS = 200;
export const RANDOM_GROUP_SIZE = { min: 5, max: 15 } as const;

export function randomGroups(areaCount: number, count = RANDOM_GROUPS): number[][] {
  if (areaCount < RANDOM_GROUP_SIZE.min * 2) return [];
  const rng = new Rng(15);
  const order = Array.from({ length: areaCount }, (_, i) => i);
  return Array.from({ length: count }, () => {
    const size = Math.min(
      areaCount,
      RANDOM_GROUP_SIZE.min + Math.floor(rng.uniform() * (RANDOM_GROUP_SIZE.max - RANDOM_GROUP_SIZE.min + 1)),
    );
    // Partial Fisher–Yates shuffle: the first `size` entries are a uniform draw without replacement.
    for (let i = 0; i < size; i++) {
      const j = i + Math.floor(rng.uniform() * (areaCount - i));
      const t = order[i] ?? i;
      order[i] = order[j] ?? j;
      order[j] = t;
    }
    return order.slice(0, size).sort((a, b) => a - b);
  });
}

/** Accumulates members into a group sum. */
class GroupSum {
  members = 0;
  total = 0;
  actual = 0;
  sumFc = 0;
  sumFs = 0;
  sumF2s2 = 0;
  add(p: ErrorPair, cal: HorizonCalibration): void {
    const f = p.forecast + LOG_OFFSET;
    const { centre, sd } = logSpread(cal, p.forecast);
    this.members++;
    this.total += f;
    this.actual += p.actual + LOG_OFFSET;
    this.sumFc += f * centre;
    this.sumFs += f * sd;
    this.sumF2s2 += f * f * sd * sd;
  }
  pair(kind: GroupPair['kind'], origin: number): GroupPair | null {
    const F = this.total;
    if (this.members < 2 || !(F > 0) || !(this.actual > 0)) return null;
    return {
      kind,
      origin,
      members: this.members,
      total: F,
      actual: this.actual,
      centre: this.sumFc / F,
      independent: this.sumF2s2 / (F * F),
      shared: (this.sumFs / F) ** 2,
    };
  }
}

/**
 * The summed groups of one horizon's pairs: every region at every origin, and every random group at
 * every origin (its members that have a pair there; at least two).
 */
export function groupPairs(
  pairs: readonly ErrorPair[],
  cal: HorizonCalibration,
  random: readonly number[][],
): GroupPair[] {
  const regions = new Map<string, GroupSum>();
  const byOrigin = new Map<number, Map<number, ErrorPair>>();
  for (const p of pairs) {
    const at = byOrigin.get(p.origin) ?? new Map<number, ErrorPair>();
    at.set(p.area, p);
    byOrigin.set(p.origin, at);
    if (p.group === null) continue;
    const key = `${p.group}|${p.origin}`;
    const g = regions.get(key) ?? new GroupSum();
    g.add(p, cal);
    regions.set(key, g);
  }
  const out: GroupPair[] = [];
  for (const [key, g] of regions) {
    const pair = g.pair('region', Number(key.slice(key.lastIndexOf('|') + 1)));
    if (pair) out.push(pair);
  }
  for (const [origin, at] of byOrigin) {
    for (const members of random) {
      const g = new GroupSum();
      for (const i of members) {
        const p = at.get(i);
        if (p) g.add(p, cal);
      }
      const pair = g.pair('random', origin);
      if (pair) out.push(pair);
    }
  }
  return out;
}

/**
 * The common variance g² of a total's log error beyond its members' independent errors, in two
 * parts. A national swing: every group at an origin shares one, so the origins, not the groups, are
 * its independent draws; its variance is the mean square of the origins' mean errors (regions',
 * equally weighted), inflated by (1 + 1 ÷ K) for being estimated from K origins. And the groups'
 * own excess, calibrated conformally on the errors within each origin: a group needs
 * e_j² ÷ z² − independent_j for its error e_j to fall inside ±z √(independent_j + excess) (z the
 * normal's 90th percentile), and the excess is the 80th percentile of those needs (the larger of
 * the regions' and the random groups').
 */
export function fitCommonVariance(groups: readonly GroupPair[]): number {
  if (groups.length === 0) return 0;
  const sums = new Map<number, { sum: number; n: number }>();
  for (const g of groups) {
    if (g.kind !== 'region') continue;
    const m = sums.get(g.origin) ?? { sum: 0, n: 0 };
    m.sum += groupError(g);
    m.n++;
    sums.set(g.origin, m);
  }
  if (sums.size === 0) {
    // No regions: the groups at each origin give its mean.
    for (const g of groups) {
      const m = sums.get(g.origin) ?? { sum: 0, n: 0 };
      m.sum += groupError(g);
      m.n++;
      sums.set(g.origin, m);
    }
  }
  const means = new Map([...sums].map(([o, m]) => [o, m.sum / m.n]));
  let swing = 0;
  for (const m of means.values()) swing += m * m;
  const K = means.size;
  swing = K ? (swing / K) * (1 + 1 / K) : 0;
  // Regions share regional swings that random groups do not, and consortia are regional: the
  // excess is the larger of the regions' and the random groups' 80th percentiles.
  const excess = (kind: GroupPair['kind']) => {
    const need = Float64Array.from(
      groups.filter((g) => g.kind === kind),
      (g) => Math.max(0, (groupError(g) - (means.get(g.origin) ?? 0)) ** 2 / (Z90 * Z90) - g.independent),
    ).sort();
    return need.length ? quantileSorted(need, 0.8) : 0;
  };
  return swing + Math.max(excess('region'), excess('random'));
}

/** A total's P10, P50 and P90 (on the +½ scale) from its members' centre and the common variance. */
export function groupInterval(g: Pick<GroupPair, 'total' | 'centre' | 'independent'>, commonVariance: number) {
  const sd = Math.sqrt(g.independent + commonVariance);
  return {
    p10: g.total * Math.exp(g.centre - Z90 * sd),
    p50: g.total * Math.exp(g.centre),
    p90: g.total * Math.exp(g.centre + Z90 * sd),
  };
}

/**
 * The correlation ρ between members' standardised errors that gives a total the calibrated common
 * variance: (1 − ρ) independent + ρ shared = independent + g², so ρ = g² ÷ (shared − independent),
 * within [0, 1] (a single member, or members of one size and spread, cannot take more than ρ = 1).
 */
export function correlationFor(independent: number, shared: number, commonVariance: number): number {
  const room = shared - independent;
  if (!(room > 1e-12)) return commonVariance > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, commonVariance / room));
}
