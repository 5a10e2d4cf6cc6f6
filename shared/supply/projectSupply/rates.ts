/**
 * The rates behind the supply projection: snapshot years, tallies of places opened and closed,
 * partial pooling (prior strength by moments, posterior means) and place-years reconstructed from the
 * snapshot backwards.
 */

/** The year ending 31 March containing a snapshot date ("2023-03-31" → "2023"; "2023-06-30" → "2024"). */
export function snapshotYear(period: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(period);
  if (!m) return /^\d{4}$/.test(period) ? period : period.slice(0, 4);
  const y = Number(m[1]);
  return String(Number(m[2]) <= 3 ? y : y + 1);
}

export interface Tally {
  opened: number;
  closed: number;
  homesOpened: number;
  homesClosed: number;
  placeYears: number;
}

export const emptyTally = (): Tally => ({ opened: 0, closed: 0, homesOpened: 0, homesClosed: 0, placeYears: 0 });

export function addTally(into: Tally, t: Tally): void {
  into.opened += t.opened;
  into.closed += t.closed;
  into.homesOpened += t.homesOpened;
  into.homesClosed += t.homesClosed;
  into.placeYears += t.placeYears;
}

/**
 * Prior strength (place-years) for pooling units towards their prior means: mean rate ÷ the variance
 * of true rates between units, by moments (Marshall 1991), with chance variation counted per home
 * (`lump` places a home). Infinite (full pooling) when the rates differ no more than chance would.
 */
export function priorStrength(
  units: readonly { count: number; exposure: number; prior: number }[],
  lump: number,
): number {
  const used = units.filter((u) => u.exposure > 0);
  const n = used.length;
  const exposure = used.reduce((s, u) => s + u.exposure, 0);
  if (n < 2 || exposure <= 0) return Number.POSITIVE_INFINITY;
  const meanPrior = used.reduce((s, u) => s + u.prior * u.exposure, 0) / exposure;
  if (!(meanPrior > 0)) return Number.POSITIVE_INFINITY;
  const spread = used.reduce((s, u) => s + u.exposure * (u.count / u.exposure - u.prior) ** 2, 0) / exposure;
  const chance = (lump * meanPrior) / (exposure / n);
  const between = spread - chance;
  return between > 0 ? meanPrior / between : Number.POSITIVE_INFINITY;
}

/** Posterior mean rate and the weight on the prior. */
export function pooled(
  count: number,
  exposure: number,
  prior: number,
  strength: number,
): { rate: number; weight: number } {
  if (!Number.isFinite(strength)) return { rate: prior, weight: 1 };
  if (exposure + strength <= 0) return { rate: prior, weight: 1 };
  return { rate: (count + strength * prior) / (exposure + strength), weight: strength / (exposure + strength) };
}

/** Places at the end of each history year, reconstructed from the snapshot; and each year's place-years. */
export function reconstruct(
  snapshot: number,
  snapYear: number,
  byYear: ReadonlyMap<number, { opened: number; closed: number }>,
  years: readonly number[],
): Map<number, number> {
  const end = new Map<number, number>();
  if (years.length === 0) return end;
  const first = Math.min(years[0] ?? snapYear, snapYear);
  const last = Math.max(years[years.length - 1] ?? snapYear, snapYear);
  end.set(snapYear, snapshot);
  for (let y = snapYear; y > first - 1; y--) {
    const m = byYear.get(y);
    const now = end.get(y) ?? 0;
    end.set(y - 1, Math.max(0, now - (m?.opened ?? 0) + (m?.closed ?? 0)));
  }
  for (let y = snapYear + 1; y <= last; y++) {
    const m = byYear.get(y);
    end.set(y, Math.max(0, (end.get(y - 1) ?? 0) + (m?.opened ?? 0) - (m?.closed ?? 0)));
  }
  return end;
}
