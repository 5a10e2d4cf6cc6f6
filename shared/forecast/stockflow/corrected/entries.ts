/**
 * Corrected mode's entries (./index.ts): the entry trend settled at fit time (held, following a
 * population projection, a given growth, or a damped trend fitted to the annual entrants), the
 * multiplier it gives on a day, and the entrants' ages within each band.
 */
import { civilFromDay, dayFromCivil } from '#shared/import/ssda903/index.js';
import type { EntryTrend } from '../types.js';
import { AGE_MONTHS, BAND_FIRST_MONTH, BANDS, type CorrectedModel, type ResolvedEntryTrend } from './model.js';

export function resolveTrend(trend: EntryTrend | undefined, annual: number[], notes: string[]): ResolvedEntryTrend {
  if (!trend || trend.trend === 'constant') {
    notes.push('Entries held at the reference window rate (no population projection or trend given).');
    return { kind: 'constant' };
  }
  if (trend.trend === 'population') {
    const rows = [...trend.population].filter((r) => r.count > 0).sort((a, b) => a.year - b.year);
    if (rows.length === 0) throw new Error('The population projection has no positive counts.');
    notes.push('Entries follow the projected child population (entry rate per child held).');
    return { kind: 'population', years: rows.map((r) => r.year), counts: rows.map((r) => r.count) };
  }
  if (trend.trend === 'growth') {
    return {
      kind: 'growth',
      logGrowth: Math.log(1 + trend.annualGrowth),
      standardError: trend.standardError ?? 0,
      damping: 1,
    };
  }
  // Fitted: weighted least squares of log annual entrants on time (quasi-Poisson weights).
  const damping = trend.damping ?? 0.8;
  if (annual.length < 3) {
    notes.push(`Entries held constant: a fitted trend needs three complete years of history (${annual.length} found).`);
    return { kind: 'constant' };
  }
  const n = annual.length;
  let sw = 0;
  let swx = 0;
  let swy = 0;
  for (let i = 0; i < n; i++) {
    const w = annual[i]! + 0.5;
    sw += w;
    swx += w * i;
    swy += w * Math.log(annual[i]! + 0.5);
  }
  const mx = swx / sw;
  const my = swy / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const w = annual[i]! + 0.5;
    sxx += w * (i - mx) * (i - mx);
    sxy += w * (i - mx) * (Math.log(annual[i]! + 0.5) - my);
  }
  const slope = sxy / sxx;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const w = annual[i]! + 0.5;
    const r = Math.log(annual[i]! + 0.5) - (my + slope * (i - mx));
    rss += w * r * r;
  }
  const dispersion = n > 2 ? Math.max(1, rss / (n - 2)) : 1;
  const standardError = Math.sqrt(dispersion / sxx);
  notes.push(
    `Entries follow a fitted trend of ${((Math.exp(slope) - 1) * 100).toFixed(1)}% a year (±${(standardError * 100).toFixed(1)}%), ` +
      `damped by ${damping} a year, from ${n} years of entrants (${annual.join(', ')}).`,
  );
  return { kind: 'growth', logGrowth: slope, standardError, damping, annualEntrants: annual };
}

/** Entry multiplier on `day` relative to the reference window, for a trend slope `logGrowth`. */
export function entryMultiplier(model: CorrectedModel, day: number, logGrowth: number): number {
  const trend = model.entryTrend;
  if (trend.kind === 'constant') return 1;
  if (trend.kind === 'population') {
    return populationAt(trend, day) / populationAt(trend, model.windowMidpoint);
  }
  const tau = (day - model.windowMidpoint) / 365.25;
  const phi = trend.damping;
  const years = phi >= 1 || phi <= 0 ? tau : (1 - Math.pow(phi, tau)) / -Math.log(phi);
  return Math.exp(logGrowth * years);
}

function populationAt(trend: { years: number[]; counts: number[] }, day: number): number {
  const { year } = civilFromDay(Math.floor(day));
  const start = dayFromCivil(year, 1, 1);
  const t = year + (day - start) / (dayFromCivil(year + 1, 1, 1) - start) - 0.5;
  const { years, counts } = trend;
  if (t <= years[0]!) return counts[0]!;
  const last = years.length - 1;
  if (t >= years[last]!) return counts[last]!;
  let i = 0;
  while (years[i + 1]! < t) i++;
  const f = (t - years[i]!) / (years[i + 1]! - years[i]!);
  return counts[i]! + f * (counts[i + 1]! - counts[i]!);
}

/** Normalised entrant age distribution within each band: `[age]` sums to 1 over each band's months. */
export function entryAgeShares(model: CorrectedModel): Float64Array {
  const shares = new Float64Array(AGE_MONTHS);
  for (let b = 0; b < BANDS; b++) {
    const lo = BAND_FIRST_MONTH[b]!;
    const hi = BAND_FIRST_MONTH[b + 1]!;
    let total = 0;
    for (let a = lo; a < hi; a++) total += model.entryAges[a]!;
    for (let a = lo; a < hi; a++) shares[a] = total > 0 ? model.entryAges[a]! / total : 1 / (hi - lo);
  }
  return shares;
}
