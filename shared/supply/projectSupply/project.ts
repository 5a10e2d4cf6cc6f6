/**
 * Projects children's home places per authority, sector and year from the snapshot by pooled opening
 * and closure rates (see index.ts for the method), with seeded simulations and its assumption.
 */
import { percentilesOf } from '../../forecast/stats.js';
import type { ForecastAssumption } from '../../forecast/types.js';
import { type HomeSector, type SupplyMovement, homeSectors } from '../../model/supply.js';
import { Rng } from '../../random/lcg.js';
import { type Tally, addTally, emptyTally, pooled, priorStrength, reconstruct, snapshotYear } from './rates.js';
import {
  type AreaSupplyProjection,
  type Percentiles,
  SUPPLY_MOVEMENT_KEY,
  type SectorProjection,
  type SectorRates,
  type SupplyProjection,
  type SupplyProjectionInput,
  type SupplyProjectionOptions,
} from './types.js';

const flat = (x: number): Percentiles => ({ p10: x, p50: x, p90: x });

/**
 * Projects places per authority, sector and year. Deterministic for a given seed; never throws on
 * thin data (no history gives flat paths and a note).
 */
export function projectSupply(input: SupplyProjectionInput, options: SupplyProjectionOptions): SupplyProjection {
  const snapYear = Number(snapshotYear(input.snapshotPeriod));
  const S = Math.max(0, Math.floor(options.simulations));
  const years = [...options.years];
  const notes: string[] = [];
  const authorities = new Set(input.regionOf.keys());
  const movements = input.movements.filter((m) => authorities.has(m.area));
  const historyYears = [...new Set(movements.map((m) => Number(m.period)))].sort((a, b) => a - b);
  const history =
    historyYears.length > 0
      ? { from: String(historyYears[0]), to: String(historyYears[historyYears.length - 1]) }
      : null;

  const exposureBy = new Map<string, number>();
  for (const p of input.exposurePlaces) {
    exposureBy.set(`${p.area}|${p.sector}`, (exposureBy.get(`${p.area}|${p.sector}`) ?? 0) + p.places);
  }
  const placesBy = new Map<string, number>();
  for (const p of input.places ?? input.exposurePlaces) {
    placesBy.set(`${p.area}|${p.sector}`, (placesBy.get(`${p.area}|${p.sector}`) ?? 0) + p.places);
  }
  const movementBy = new Map<string, Map<number, { opened: number; closed: number; homesO: number; homesC: number }>>();
  for (const m of movements) {
    const key = `${m.area}|${m.sector}`;
    const years = movementBy.get(key) ?? new Map();
    const y = years.get(Number(m.period)) ?? { opened: 0, closed: 0, homesO: 0, homesC: 0 };
    y.opened += m.placesOpened;
    y.closed += m.placesClosed;
    y.homesO += m.homesOpened;
    y.homesC += m.homesClosed;
    years.set(Number(m.period), y);
    movementBy.set(key, years);
  }

  // Per authority and sector: counts and place-years over the history.
  const tallies = new Map<string, Tally>();
  for (const area of authorities) {
    for (const sector of homeSectors) {
      const key = `${area}|${sector}`;
      const byYear = movementBy.get(key) ?? new Map();
      const t = emptyTally();
      if (historyYears.length > 0) {
        const ends = reconstruct(exposureBy.get(key) ?? 0, snapYear, byYear, historyYears);
        for (const y of historyYears) {
          const m = byYear.get(y);
          t.opened += m?.opened ?? 0;
          t.closed += m?.closed ?? 0;
          t.homesOpened += m?.homesO ?? 0;
          t.homesClosed += m?.homesC ?? 0;
          t.placeYears += ((ends.get(y - 1) ?? 0) + (ends.get(y) ?? 0)) / 2;
        }
      }
      tallies.set(key, t);
    }
  }

  // By sector: England; regions pooled towards England; authorities towards their region.
  const Y = historyYears.length;
  const rates = new Map<string, SectorRates>();
  /** Posterior strengths by authority|sector (openings: authority-years; closures: place-years), for the draws. */
  const strengths = new Map<string, { open: number; close: number }>();
  const lumps = new Map<HomeSector, { opening: number; closure: number }>();
  for (const sector of homeSectors) {
    const england = emptyTally();
    const regions = new Map<string, { t: Tally; authorities: number }>();
    for (const area of authorities) {
      const t = tallies.get(`${area}|${sector}`) ?? emptyTally();
      addTally(england, t);
      const region = input.regionOf.get(area) ?? '';
      const r = regions.get(region) ?? { t: emptyTally(), authorities: 0 };
      addTally(r.t, t);
      r.authorities += 1;
      regions.set(region, r);
    }
    const lumpOpen = Math.max(1, england.homesOpened > 0 ? england.opened / england.homesOpened : 3);
    const lumpClose = Math.max(1, england.homesClosed > 0 ? england.closed / england.homesClosed : 3);
    lumps.set(sector, { opening: lumpOpen, closure: lumpClose });
    const authorityYears = authorities.size * Y;
    const eOpen = authorityYears > 0 ? england.opened / authorityYears : 0;
    const eClose = england.placeYears > 0 ? england.closed / england.placeYears : 0;
    const regionList = [...regions];
    const kRegionOpen = priorStrength(
      regionList.map(([, r]) => ({ count: r.t.opened, exposure: r.authorities * Y, prior: eOpen })),
      lumpOpen,
    );
    const kRegionClose = priorStrength(
      regionList.map(([, r]) => ({ count: r.t.closed, exposure: r.t.placeYears, prior: eClose })),
      lumpClose,
    );
    const regionRates = new Map<string, { opening: number; closure: number }>();
    for (const [region, r] of regionList) {
      regionRates.set(region, {
        opening: pooled(r.t.opened, r.authorities * Y, eOpen, kRegionOpen).rate,
        closure: pooled(r.t.closed, r.t.placeYears, eClose, kRegionClose).rate,
      });
    }
    const units = [...authorities].map((area) => ({
      area,
      t: tallies.get(`${area}|${sector}`) ?? emptyTally(),
      prior: regionRates.get(input.regionOf.get(area) ?? '') ?? { opening: eOpen, closure: eClose },
    }));
    const kOpen = priorStrength(
      units.map((u) => ({ count: u.t.opened, exposure: Y, prior: u.prior.opening })),
      lumpOpen,
    );
    const kClose = priorStrength(
      units.map((u) => ({ count: u.t.closed, exposure: u.t.placeYears, prior: u.prior.closure })),
      lumpClose,
    );
    for (const u of units) {
      const o = pooled(u.t.opened, Y, u.prior.opening, kOpen);
      const c = pooled(u.t.closed, u.t.placeYears, u.prior.closure, kClose);
      rates.set(`${u.area}|${sector}`, {
        opening: o.rate,
        closure: c.rate,
        ownOpening: Y > 0 ? u.t.opened / Y : 0,
        ownClosure: u.t.placeYears > 0 ? u.t.closed / u.t.placeYears : 0,
        years: Y,
        placeYears: u.t.placeYears,
        regionOpening: u.prior.opening,
        regionClosure: u.prior.closure,
        poolingWeight: { opening: o.weight, closure: c.weight },
      });
      strengths.set(`${u.area}|${sector}`, {
        open: Number.isFinite(kOpen) ? kOpen + Y : Number.POSITIVE_INFINITY,
        close: Number.isFinite(kClose) ? kClose + u.t.placeYears : Number.POSITIVE_INFINITY,
      });
    }
  }

  // A net change set in the plan's register scales every authority's openings by one factor.
  const history_ = emptyTally();
  for (const t of tallies.values()) addTally(history_, t);
  const historicalNet = history_.placeYears > 0 ? (history_.opened - history_.closed) / history_.placeYears : 0;
  let openingScale = 1;
  const target = options.netChangePerYear;
  if (target !== undefined && Number.isFinite(target) && Math.abs(target - historicalNet) >= 0.00005) {
    if (history_.opened > 0) {
      openingScale = Math.max(0, (target * history_.placeYears + history_.closed) / history_.opened);
      for (const r of rates.values()) r.opening *= openingScale;
    } else {
      notes.push('The net change set in the plan cannot be applied: the history has no openings to scale.');
    }
  }

  // Simulate each member's sectors; the reported years index into a path from the snapshot year.
  const lastYear = Math.max(snapYear, ...years.map(Number));
  const steps = lastYear - snapYear;
  const yearIndex = years.map((y) => Math.max(0, Number(y) - snapYear));
  const rng = new Rng(options.seed);
  const H = years.length;
  const totalDraws = new Float64Array(H * Math.max(S, 1));
  const areas: AreaSupplyProjection[] = [];
  for (const code of options.members) {
    const sectors: SectorProjection[] = [];
    const areaDraws = new Float64Array(H * Math.max(S, 1));
    const laRunDraws = new Float64Array(H * Math.max(S, 1));
    for (const sector of homeSectors) {
      const key = `${code}|${sector}`;
      const places0 = placesBy.get(key) ?? 0;
      const r = rates.get(key) ?? {
        opening: 0,
        closure: 0,
        ownOpening: 0,
        ownClosure: 0,
        years: 0,
        placeYears: 0,
        regionOpening: 0,
        regionClosure: 0,
        poolingWeight: { opening: 1, closure: 1 },
      };
      // Sectors the authority has no places, history or expected openings in are left out.
      const own = tallies.get(key);
      if (places0 === 0 && !own?.opened && !own?.closed && r.opening * Math.max(steps, 1) < 0.5) continue;
      const central: number[] = [];
      let p = places0;
      const path = [p];
      for (let t = 1; t <= steps; t++) {
        p = Math.max(0, p + r.opening - r.closure * p);
        path.push(p);
      }
      for (const i of yearIndex) central.push(path[i] ?? places0);
      const lump = lumps.get(sector) ?? { opening: 3, closure: 3 };
      const strength = strengths.get(key) ?? { open: Number.POSITIVE_INFINITY, close: Number.POSITIVE_INFINITY };
      const draws = new Float64Array(H * Math.max(S, 1));
      if (S === 0) {
        central.forEach((v, h) => (draws[h] = v));
      } else {
        const simPath = new Float64Array(steps + 1);
        for (let s = 0; s < S; s++) {
          // Parameter uncertainty: gamma posteriors in units of homes (shape = expected homes).
          const open = drawRate(rng, r.opening, strength.open, lump.opening);
          const close = drawRate(rng, r.closure, strength.close, lump.closure);
          let q = places0;
          simPath[0] = q;
          for (let t = 1; t <= steps; t++) {
            const opened = rng.poisson(open / lump.opening) * lump.opening;
            const closed = Math.min(q, rng.poisson((close * q) / lump.closure) * lump.closure);
            q = Math.max(0, q + opened - closed);
            simPath[t] = q;
          }
          yearIndex.forEach((i, h) => (draws[h * S + s] = simPath[i] ?? places0));
        }
      }
      for (let k = 0; k < areaDraws.length; k++) {
        areaDraws[k] = (areaDraws[k] ?? 0) + (draws[k] ?? 0);
        if (sector === 'Local Authority') laRunDraws[k] = (laRunDraws[k] ?? 0) + (draws[k] ?? 0);
      }
      const percentiles = summarise(draws, H, S);
      const out: SectorProjection = { sector, snapshotPlaces: places0, rates: r, central, percentiles };
      if (options.keepDraws) out.draws = draws;
      sectors.push(out);
    }
    for (let k = 0; k < totalDraws.length; k++) totalDraws[k] = (totalDraws[k] ?? 0) + (areaDraws[k] ?? 0);
    const area: AreaSupplyProjection = {
      code,
      sectors,
      total: summarise(areaDraws, H, S),
      laRun: summarise(laRunDraws, H, S),
    };
    if (options.keepDraws) {
      area.totalDraws = areaDraws;
      area.laRunDraws = laRunDraws;
    }
    areas.push(area);
  }

  if (history === null) {
    notes.push(
      'No openings-and-closures history is held: places are held at the snapshot for every year, and their uncertainty is not modelled (it is not zero). Import Ofsted’s joiners-and-leavers tables to project supply.',
    );
  }
  if (years.some((y) => Number(y) < snapYear)) {
    notes.push(`Years before the snapshot (year to 31 March ${snapYear}) are held at the snapshot.`);
  }
  const assumption = supplyAssumption(movements, tallies, input.regionOf, history, S);
  if (openingScale !== 1 && target !== undefined) {
    assumption.value = target;
    assumption.rationale =
      `Set in the plan’s assumption register to ${(target * 100).toFixed(1)}% a year (the history gave ${(historicalNet * 100).toFixed(1)}%): every authority’s openings are scaled by ${openingScale.toFixed(2)} and closures kept. ` +
      assumption.rationale;
  }
  return {
    snapshotYear: String(snapYear),
    years,
    simulations: S,
    seed: options.seed,
    history,
    areas,
    total: summarise(totalDraws, H, S),
    assumption,
    notes,
  };

  function summarise(draws: Float64Array, h: number, sims: number): Percentiles[] {
    const out: Percentiles[] = [];
    for (let i = 0; i < h; i++) {
      out.push(sims === 0 ? flat(draws[i] ?? 0) : percentilesOf(draws.subarray(i * sims, (i + 1) * sims)));
    }
    return out;
  }
}

/** A rate drawn from its gamma posterior (mean `rate`, `strength` place-years), counted in homes of `lump` places. */
function drawRate(rng: Rng, rate: number, strength: number, lump: number): number {
  if (!(rate > 0)) return 0;
  if (!Number.isFinite(strength) || strength <= 0) return rate;
  const shape = (rate * strength) / lump;
  return (rng.gamma(shape) * lump) / strength;
}

/**
 * The assumption the projection rests on: England's net change in places per place per year over
 * the history (openings − closures), with the range of the regions' rates; all sectors together.
 */
function supplyAssumption(
  movements: readonly SupplyMovement[],
  tallies: ReadonlyMap<string, Tally>,
  regionOf: ReadonlyMap<string, string>,
  history: { from: string; to: string } | null,
  simulations: number,
): ForecastAssumption {
  if (history === null) {
    return {
      key: SUPPLY_MOVEMENT_KEY,
      label: 'Net change in children’s home places per year',
      value: 0,
      unit: 'share of places a year',
      rationale:
        'No Ofsted joiners-and-leavers history is held, so places are held at the latest snapshot for every year; the range of future supply is not modelled.',
      source: null,
    };
  }
  const total = emptyTally();
  const byRegion = new Map<string, Tally>();
  for (const [key, t] of tallies) {
    addTally(total, t);
    const region = regionOf.get(key.slice(0, key.indexOf('|'))) ?? '';
    const r = byRegion.get(region) ?? emptyTally();
    addTally(r, t);
    byRegion.set(region, r);
  }
  const netOf = (t: Tally): number => (t.placeYears > 0 ? (t.opened - t.closed) / t.placeYears : 0);
  const net = netOf(total);
  const regional = [...byRegion.values()].filter((t) => t.placeYears > 0).map(netOf);
  const low = regional.length ? Math.min(...regional) : net;
  const high = regional.length ? Math.max(...regional) : net;
  const years = Number(history.to) - Number(history.from) + 1;
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
  const sources = [...new Set(movements.map((m) => m.source))].sort();
  return {
    key: SUPPLY_MOVEMENT_KEY,
    label: `Net change in children’s home places per year, by sector, ${history.from}–${history.to} average`,
    value: Math.round(net * 10_000) / 10_000,
    unit: 'share of places a year',
    rationale:
      `Places move on from the latest Ofsted snapshot by each authority’s openings (places a year) and closures (a share of its places a year), by sector, from Ofsted’s joiners and leavers for the years to 31 March ${history.from}–${history.to}, partially pooled towards the region and England because per-authority counts are small. ` +
      `England, all sectors: ${Math.round(total.opened / Math.max(1, years)).toLocaleString('en-GB')} places opened and ${pct(total.closed / Math.max(1, total.placeYears))} of places closed a year, net ${pct(net)} of places a year (regions ${pct(low)} to ${pct(high)}). ` +
      (simulations > 0
        ? `P10–P90 come from ${simulations.toLocaleString('en-GB')} seeded simulations drawing each authority’s rates from their pooled estimates and each year’s openings and closures as Poisson counts of homes. `
        : 'Central path only (no simulations). ') +
      `Test it against supply held at the snapshot (net 0): the ${history.from}–${history.to} growth came mostly from private homes and may not last.`,
    source: sources.length ? (sources[sources.length - 1] ?? null) : null,
  };
}
