/**
 * Pure preparation of the evidence behind a projection, shared by the Projection view and the
 * report: which method is used and why (the national backtest's selection, in plain words), the
 * national table of every candidate by horizon (pairs, MAE, MAPE, MASE against last value, bias,
 * 80% coverage), the consortium's own backtest with its number of pairs and a plain verdict when it
 * is too thin to judge, and the chance of being short shown only where it carries information,
 * always with the assumptions that drive it.
 */
import type {
  BacktestResult,
  ForecastAssumption,
  HorizonAccuracy,
  MethodSelection,
  YearProjection,
} from '#shared/forecast/types.js';
import { probabilityWords, type ProbabilityKind, type ProbabilityWords } from '#shared/forecast/beds/probability.js';
import { formatNumber, oneDecimal, twoDecimals } from '../format/numbers';
import { formatRoundedPercent } from '../format/shares';

// ---------- Chance of being short ----------

// The reading rule lives with the projection (shared/forecast/beds/probability.ts) so views and exports agree.
export { probabilityWords, type ProbabilityKind, type ProbabilityWords };

/** The chance that beds needed exceed accessible places in one projected year, in words. */
export function shortfallProbability(
  y: Pick<YearProjection, 'probabilityNeedExceedsAccessible' | 'probabilityInformative'>,
): ProbabilityWords {
  return probabilityWords(y.probabilityNeedExceedsAccessible, y.probabilityInformative);
}

/**
 * The assumptions that drive the chance of being short, named with their values: "target occupancy
 * 85%; open-market share counted as accessible 60% for consortium children (30% for an authority's
 * own)". Null when the result states none of them.
 */
export function probabilityAssumptions(
  assumptions: readonly Pick<ForecastAssumption, 'key' | 'value'>[],
  level: 'consortium' | 'authority' | 'both' = 'both',
): string | null {
  const value = (key: string) => assumptions.find((a) => a.key === key)?.value;
  const occupancy = value('targetOccupancy');
  const own = value('openMarketAccessShare');
  const consortium = value('consortiumOpenMarketAccessShare');
  const parts: string[] = [];
  if (occupancy !== undefined) parts.push(`target occupancy ${formatRoundedPercent(occupancy)}`);
  const share = (s: number, whose: string) => `${formatRoundedPercent(s)} for ${whose}`;
  const shares: string[] = [];
  if (consortium !== undefined && level !== 'authority') shares.push(share(consortium, 'consortium children'));
  if (own !== undefined && level !== 'consortium') shares.push(share(own, 'an authority’s own children'));
  if (shares.length) parts.push(`share of open-market places counted as accessible ${shares.join(', ')}`);
  return parts.length ? parts.join('; ') : null;
}

/**
 * The footnote under any chance of being short: what it means, why some are in words, and the
 * assumptions it rests on.
 */
export function probabilityFootnote(
  assumptions: readonly Pick<ForecastAssumption, 'key' | 'value'>[],
  level: 'consortium' | 'authority' | 'both' = 'both',
): string {
  const basis = probabilityAssumptions(assumptions, level);
  return (
    'Chance of being short: how likely it is that beds needed exceed accessible places. ' +
    'Where it is below 1% or above 99% the figure says only that the answer is almost certain, so it is shown in words. ' +
    (basis
      ? `It depends on the assumptions as much as on the forecast: ${basis}. Change them and it changes.`
      : 'It depends on the assumptions as much as on the forecast.')
  );
}

// ---------- Method choice ----------

export interface SelectionWords {
  /** "Damped trend on counts" */
  usedLabel: string;
  /** The national backtest's winner, when the method used is another (set by hand). */
  chosenLabel: string;
  /** True when the method used is not the evidence-chosen default. */
  overridden: boolean;
  /** The reason, as the selection gives it. */
  reason: string;
  /** Said plainly when last value is the default because nothing beat it; else null. */
  lastValueNote: string | null;
  /** One line on what the evidence rests on. */
  basis: string;
}

/** Which method is used and why, in plain words. */
export function selectionWords(selection: MethodSelection): SelectionWords {
  const label = (id: string) => selection.candidates.find((c) => c.method === id)?.label ?? id;
  const chosenLabel = label(selection.chosen);
  const overridden = selection.used !== selection.chosen;
  const series =
    selection.series === 'childrenLookedAfter' ? 'children looked after' : 'children in secure and children’s homes';
  const originText = selection.origins.length
    ? `${selection.origins.length} forecast ${selection.origins.length === 1 ? 'origin' : 'origins'} (${selection.origins[0]}${selection.origins.length > 1 ? `–${selection.origins[selection.origins.length - 1]}` : ''})`
    : 'no forecast origins';
  return {
    usedLabel: selection.usedLabel,
    chosenLabel,
    overridden,
    reason: selection.reason,
    lastValueNote: selection.lastValueDefault
      ? 'No candidate forecast better than carrying the last value forward, so the projection carries the last observed figure forward: the default is last value because nothing beat it.'
      : null,
    basis: `Every candidate was refitted as if standing at each past year on ${selection.areas} English authorities’ ${series}, over ${originText}, and its forecasts compared with what was later published. The default is the candidate with the lowest error relative to last value that is no worse than last value at any horizon.`,
  };
}

// ---------- National table ----------

export interface NationalRow {
  method: string;
  label: string;
  h: number;
  chosen: boolean;
  used: boolean;
  lastValue: boolean;
  pairs: string;
  mae: string;
  mape: string;
  maseVsLastValue: string;
  bias: string;
  coverage: string;
  /** True when MASE against last value is below 1 (beats no change at this horizon). */
  beatsLastValue: boolean;
}

export interface NationalGroup {
  method: string;
  label: string;
  chosen: boolean;
  used: boolean;
  lastValue: boolean;
  rows: NationalRow[];
}

const dash = '—';
const fmtNum = (x: number | null, f: Intl.NumberFormat, suffix = '') => (x === null ? dash : `${f.format(x)}${suffix}`);
const fmtSigned = (x: number | null) =>
  x === null ? dash : `${x > 0 ? '+' : x < 0 ? '−' : ''}${oneDecimal.format(Math.abs(x))}%`;

/**
 * The national backtest as one group per candidate (rows by horizon), the chosen one first and
 * last value always present (it is the yardstick), the rest in the order the backtest lists them.
 */
export function buildNationalGroups(
  selection: MethodSelection,
  horizons: readonly number[] = [1, 2, 3],
): NationalGroup[] {
  const groups = selection.candidates.map((c): NationalGroup => {
    const chosen = c.method === selection.chosen;
    const used = c.method === selection.used;
    const lastValue = c.method === 'lastValue';
    const rows = horizons.map((h): NationalRow => {
      const s = c.horizons.find((x) => x.h === h);
      return {
        method: c.method,
        label: c.label,
        h,
        chosen,
        used,
        lastValue,
        pairs: s ? formatNumber(s.n) : '0',
        mae: fmtNum(s?.mae ?? null, oneDecimal),
        mape: fmtNum(s?.mape ?? null, oneDecimal, '%'),
        maseVsLastValue: lastValue ? (s && s.n > 0 ? '1.00' : dash) : fmtNum(s?.maseVsLastValue ?? null, twoDecimals),
        bias: fmtSigned(s?.bias ?? null),
        coverage: s?.coverage80 == null ? dash : formatRoundedPercent(s.coverage80),
        beatsLastValue: !lastValue && s?.maseVsLastValue != null && s.maseVsLastValue < 1,
      };
    });
    return { method: c.method, label: c.label, chosen, used, lastValue, rows };
  });
  const rank = (g: NationalGroup) => (g.chosen ? 0 : g.used ? 1 : g.lastValue ? 2 : 3);
  return groups
    .map((g, i) => ({ g, i }))
    .sort((a, b) => rank(a.g) - rank(b.g) || a.i - b.i)
    .map(({ g }) => g);
}

// ---------- The consortium's own backtest ----------

/** Fewer pairs than this at a horizon, or fewer origins, and the consortium's own backtest cannot judge a method. */
export const MIN_OWN_PAIRS = 30;
export const MIN_OWN_ORIGINS = 3;

export interface OwnRow {
  h: number;
  /** Member authorities' forecast/actual pairs at this horizon. */
  pairs: number;
  /** Consortium-total pairs (one per origin). */
  consortiumPairs: number;
  mae: string;
  mape: string;
  lastValueMae: string;
  coverage: string;
  /** Too few pairs here to judge. */
  thin: boolean;
}

export interface OwnBacktest {
  rows: OwnRow[];
  origins: number;
  /** True when the whole backtest is too thin to judge a method. */
  thin: boolean;
  /** The verdict in a sentence: plain when thin. */
  verdict: string;
}

/** The consortium's own backtest: pairs per horizon and, when thin, a plain "too few to judge". */
export function buildOwnBacktest(backtest: BacktestResult | null | undefined): OwnBacktest {
  if (!backtest) {
    return {
      rows: [],
      origins: 0,
      thin: true,
      verdict:
        'This consortium has no backtest of its own: too little history to judge a method on its figures; rely on the national evidence.',
    };
  }
  const find = (list: readonly HorizonAccuracy[], h: number) => list.find((a) => a.h === h);
  const origins = backtest.origins.length;
  const rows = backtest.horizons.map((m): OwnRow => {
    const lv = find(backtest.baselines.lastValue, m.h);
    return {
      h: m.h,
      pairs: m.n,
      consortiumPairs: find(backtest.consortium.method, m.h)?.n ?? 0,
      mae: fmtNum(m.mae, oneDecimal),
      mape: fmtNum(m.mape, oneDecimal, '%'),
      lastValueMae: fmtNum(lv?.mae ?? null, oneDecimal),
      coverage: m.coverage80 === null ? dash : formatRoundedPercent(m.coverage80),
      thin: m.n < MIN_OWN_PAIRS,
    };
  });
  const most = rows.reduce((n, r) => Math.max(n, r.pairs), 0);
  const thin = origins < MIN_OWN_ORIGINS || most < MIN_OWN_PAIRS;
  const originsText = `${origins} forecast ${origins === 1 ? 'origin' : 'origins'}`;
  const pairsText = `${most} ${most === 1 ? 'pair' : 'pairs'} at most`;
  const verdict = thin
    ? `This consortium’s own backtest is too thin to judge: ${pairsText} per horizon from ${originsText} (at least ${MIN_OWN_PAIRS} pairs and ${MIN_OWN_ORIGINS} origins are needed). There are too few forecasts to judge a method on these figures alone; rely on the national evidence.`
    : `This consortium’s own backtest rests on ${pairsText} per horizon from ${originsText}: enough to set beside the national evidence, though the national figures remain the firmer guide.`;
  return { rows, origins, thin, verdict };
}

// ---------- Ranges for consortium totals ----------

export interface TotalsCoverageRow {
  h: number;
  /** "83%" or "—", and the region × origin pairs behind it. */
  regions: string;
  regionPairs: number;
  /** The same for random groups of 5–15 authorities. */
  randomGroups: string;
  randomGroupPairs: number;
  /** "2021: 91%, 2022: 84%, …": the totals' coverage origin by origin. */
  byOrigin: string;
  origins: number;
}

export interface TotalsCoverage {
  rows: TotalsCoverageRow[];
  /** What the figures rest on, in a sentence; null without rows. */
  verdict: string | null;
}

/**
 * The chosen method's 80% ranges for summed totals in the national backtest — each region's total
 * and random groups of 5–15 authorities, the size of a consortium — scored with the origin being
 * judged left out of the calibration, and origin by origin: the totals at one origin share its
 * national swing, so the number of origins, not of totals, is what the coverage rests on.
 */
export function buildTotalsCoverage(selection: MethodSelection | null | undefined): TotalsCoverage {
  const chosen = selection?.candidates.find((c) => c.method === selection.used);
  const rows = (chosen?.horizons ?? [])
    .filter((s) => (s.regionPairs ?? 0) + (s.randomGroupPairs ?? 0) > 0)
    .map((s): TotalsCoverageRow => ({
      h: s.h,
      regions: s.regionCoverage80 == null ? dash : formatRoundedPercent(s.regionCoverage80),
      regionPairs: s.regionPairs ?? 0,
      randomGroups: s.randomGroupCoverage80 == null ? dash : formatRoundedPercent(s.randomGroupCoverage80),
      randomGroupPairs: s.randomGroupPairs ?? 0,
      byOrigin: (s.groupCoverageByOrigin ?? [])
        .map((o) => `${o.origin}: ${formatRoundedPercent(o.coverage80)}`)
        .join(', '),
      origins: s.groupCoverageByOrigin?.length ?? 0,
    }));
  if (rows.length === 0) return { rows, verdict: null };
  const fewest = Math.min(...rows.map((r) => r.origins));
  const most = Math.max(...rows.map((r) => r.origins));
  const span = fewest === most ? `${most}` : `${fewest} to ${most}`;
  return {
    rows,
    verdict: `A consortium’s range is calibrated on summed totals, not on single authorities: every total at one origin shares that year’s national swing, so these figures rest on ${span} origins however many totals they count, and move by as much as the origin-by-origin figures show. Near 80% overall is the aim; with so few origins no single horizon can prove it.`,
  };
}
