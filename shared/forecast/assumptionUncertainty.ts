/**
 * Assumption uncertainty (probabilistic sensitivity analysis): the assumptions the gap rests on —
 * target occupancy and the shares of the open market an authority's own children and the
 * consortium's children can count on — each carry a range with its basis, and every demand
 * simulation draws its own value of each (triangular between low and high, peaked at the plan's
 * value, independent of demand and of each other, from their own seeded stream). So the gap's 80%
 * range and the chance of being short include what the assumptions leave open, not only the
 * forecast's error; the median gap stays the one at the plan's own values, so the figures every view
 * shows and the gap's parts (./basePosition.ts) stay the same.
 *
 * Also the tornado of the headline gap: each assumption at its low and high with the others at the
 * plan's values, and demand and supply at their P10 and P90, largest swing first (./tornado.ts).
 */
import { Rng } from '../random/lcg.js';
import { triangularDraws } from '../random/triangular.js';
import type { ForecastSettings } from './types.js';
import { driverSentence, tornado, type SensitivityInput } from './tornado.js';

export type UncertainAssumptionKey = 'targetOccupancy' | 'openMarketAccessShare' | 'consortiumOpenMarketAccessShare';

export interface AssumptionRange {
  key: UncertainAssumptionKey;
  label: string;
  low: number;
  /** The plan's own value (the peak of the draws). */
  central: number;
  high: number;
  /** Where the range comes from, in a sentence. */
  basis: string;
}

/**
 * The default ranges and their basis. Each is widened, where needed, to hold the plan's own value.
 * Occupancy: 7,879 children were in secure and children's homes for English authorities on 31 March
 * 2023 (DfE) against 9,925 registered children's home places (Ofsted, 31 March 2023): 79%.
 */
const DEFAULT_RANGES: Record<UncertainAssumptionKey, Omit<AssumptionRange, 'key' | 'central'>> = {
  targetOccupancy: {
    label: 'Target occupancy',
    low: 0.78,
    high: 0.9,
    basis:
      'Commissioners plan children’s homes at 80–90% occupancy (a home cannot match every bed); nationally, 7,879 children were in secure and children’s homes on 31 March 2023 (DfE) against 9,925 registered children’s home places (Ofsted, 31 March 2023), about 79%.',
  },
  openMarketAccessShare: {
    label: 'Open-market places in an authority its own children can count on',
    low: 0.15,
    high: 0.35,
    basis:
      'Nationally, 1,790 children in private and voluntary secure and children’s homes were placed inside their own authority on 31 March 2024 (DfE, placement provider × type × locality) against 8,559 private and voluntary children’s home places (Ofsted, 31 March 2023): 21%; authorities differ, so 15–35%.',
  },
  consortiumOpenMarketAccessShare: {
    label: 'Open-market places in member authorities the consortium’s children can count on',
    low: 0.4,
    high: 0.75,
    basis:
      'No published figure: children from other authorities fill most private places in any area, so the share a consortium can count on depends on how much it commissions together; 40–75% spans a loose arrangement to a strong joint framework.',
  },
};

/** The ranges for a plan's settings (each holding the plan's own value). */
export function assumptionRanges(settings: Pick<ForecastSettings, UncertainAssumptionKey>): AssumptionRange[] {
  return (Object.keys(DEFAULT_RANGES) as UncertainAssumptionKey[]).map((key) => {
    const d = DEFAULT_RANGES[key];
    const central = settings[key];
    return {
      key,
      label: d.label,
      low: Math.min(d.low, central),
      central,
      high: Math.max(d.high, central),
      basis: d.basis,
    };
  });
}

/** One value per simulation for each uncertain assumption. */
export type AssumptionDraws = Record<UncertainAssumptionKey, Float64Array>;

/** The stream's seed, apart from the demand simulations' own. */
const DRAW_SEED_OFFSET = 0x9e3779b1;

/** S draws of every uncertain assumption, seeded (the same seed gives the same draws). */
export function drawAssumptions(
  ranges: readonly AssumptionRange[],
  simulations: number,
  seed: number,
): AssumptionDraws {
  const rng = new Rng((seed ^ DRAW_SEED_OFFSET) >>> 0);
  return triangularDraws(ranges, simulations, rng);
}

/** One bar of the tornado: the headline gap at an input's low and high, the others at the plan's values. */
export interface TornadoBar {
  key: UncertainAssumptionKey | 'demand' | 'supply';
  label: string;
  /** The input's low and high as shown: children (demand), accessible places (supply), else a share. */
  lowInput: number;
  highInput: number;
  /** The gap with the input at its low and at its high (beds). */
  gapAtLow: number;
  gapAtHigh: number;
  /** |gapAtHigh − gapAtLow|. */
  swing: number;
  basis: string;
}

/**
 * The tornado of one year's consortium gap (the shared engine, ./tornado.ts): demand at its P10 and
 * P90, the supply projection's P10 and P90 of accessible places where it was drawn, and each
 * assumption at its low and high, with everything else at the plan's values; largest swing first.
 */
export function gapTornado(
  year: { demand: { p10: number; p50: number; p90: number } },
  supply: {
    laRunAndContracted: number;
    openMarket: number;
    changes: number;
    /** The supply projection's P10 and P90 of accessible places less their median (at the plan's share). */
    drawn?: { p10: number; p90: number } | null;
  },
  ranges: readonly AssumptionRange[],
): TornadoBar[] {
  const central = (k: UncertainAssumptionKey) => ranges.find((r) => r.key === k)?.central ?? NaN;
  const places = (share: number) => Math.max(0, supply.laRunAndContracted + share * supply.openMarket + supply.changes);
  const gap = (demand: number, occupancy: number, share: number, extra = 0) =>
    demand / occupancy - Math.max(0, places(share) + extra);
  const occ = central('targetOccupancy');
  const share = central('consortiumOpenMarketAccessShare');
  const inputs: SensitivityInput<TornadoBar['key']>[] = [
    {
      key: 'demand',
      label: 'Children needing a place (forecast 80% range)',
      lowInput: year.demand.p10,
      highInput: year.demand.p90,
      atLow: gap(year.demand.p10, occ, share),
      atHigh: gap(year.demand.p90, occ, share),
      basis: 'The forecast’s own 80% range (P10 to P90), calibrated on the national backtest.',
    },
  ];
  if (supply.drawn) {
    const accessible = places(share);
    inputs.push({
      key: 'supply',
      label: 'Places in the supply projection (80% range)',
      lowInput: accessible + supply.drawn.p10,
      highInput: accessible + supply.drawn.p90,
      atLow: gap(year.demand.p50, occ, share, supply.drawn.p10),
      atHigh: gap(year.demand.p50, occ, share, supply.drawn.p90),
      basis:
        'The supply projection’s own 80% range of accessible places (P10 to P90 of its simulations of each member’s openings and closures, Ofsted joiners and leavers), at the plan’s access share.',
    });
  }
  for (const r of ranges) {
    if (r.key === 'openMarketAccessShare') continue; // an authority's own share does not enter the consortium's gap
    const at = (v: number) =>
      r.key === 'targetOccupancy' ? gap(year.demand.p50, v, share) : gap(year.demand.p50, occ, v);
    inputs.push({
      key: r.key,
      label: r.label,
      lowInput: r.low,
      highInput: r.high,
      atLow: at(r.low),
      atHigh: at(r.high),
      basis: r.basis,
    });
  }
  return tornado(inputs).map((b) => ({
    key: b.key,
    label: b.label,
    lowInput: b.lowInput,
    highInput: b.highInput,
    gapAtLow: b.atLow,
    gapAtHigh: b.atHigh,
    swing: b.swing,
    basis: b.basis,
  }));
}

/** The gap tornado's driver, in a sentence ("The 2030 gap (586 beds) moves most with …"). */
export function gapDriverSentence(bars: readonly TornadoBar[], year: string, gap: number): string {
  const beds = (v: number) => Math.round(v).toLocaleString('en-GB');
  return driverSentence(
    bars.map((b) => ({ ...b, atLow: b.gapAtLow, atHigh: b.gapAtHigh })),
    `The ${year} gap (${beds(gap)} beds)`,
    beds,
    (key, v) =>
      key === 'demand' ? `${beds(v)} children` : key === 'supply' ? `${beds(v)} places` : `${Math.round(v * 100)}%`,
  );
}
