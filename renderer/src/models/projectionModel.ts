/**
 * Pure preparation of the Projection view (and the report's projection tables): the beds-versus-places rows, gaps in words ("short by
 * 399", "surplus of 12"), the assumptions with their inputs (percentages ↔ shares), the backtest
 * tables and the words about how each authority's trend was formed.
 */
import type {
  AreaProjection,
  BacktestResult,
  ForecastAssumption,
  HorizonAccuracy,
  ManualModelSummary,
  ProjectionMethodId,
  RateModelSummary,
} from '#shared/forecast/types.js';
import { planAssumptionKeys } from '#shared/forecast/settings.js';
import { formatForecastAssumption } from '../format/assumptions';
import { formatRange, formatWhole, upToOneDecimal } from '../format/numbers';
import { formatSignedPercent, shareToPercent } from '../format/shares';
import { shortfallProbability } from './evidenceModel';

export type GapKind = 'short' | 'surplus' | 'balanced';

export interface GapWords {
  kind: GapKind;
  /** "short by 399", "surplus of 12" or "no gap". */
  text: string;
}

/** A gap (beds needed − accessible places) in words: positive is short. Rounded to whole beds first. */
export function gapWords(gap: number): GapWords {
  const n = Math.round(gap);
  if (n > 0) return { kind: 'short', text: `short by ${formatWhole(n)}` };
  if (n < 0) return { kind: 'surplus', text: `surplus of ${formatWhole(-n)}` };
  return { kind: 'balanced', text: 'no gap' };
}

/**
 * The gap's 80% range in words: "short by 295 to 506", "surplus of 5 to 40", or "surplus of 20 to
 * short by 50" when it could go either way.
 */
export function gapRangeWords(p: { p10: number; p90: number }): string {
  const lo = Math.round(Math.min(p.p10, p.p90));
  const hi = Math.round(Math.max(p.p10, p.p90));
  if (lo >= 0 && hi > 0) return `short by ${formatWhole(lo)} to ${formatWhole(hi)}`;
  if (hi <= 0 && lo < 0) return `surplus of ${formatWhole(-hi)} to ${formatWhole(-lo)}`;
  if (lo === 0 && hi === 0) return 'no gap';
  return `surplus of ${formatWhole(-lo)} to short by ${formatWhole(hi)}`;
}

export interface YearRow {
  year: string;
  demandP50: string;
  demandRange: string;
  bedsP50: string;
  bedsRange: string;
  mainstreamP50: string;
  soloComplexP50: string;
  registeredPlaces: string;
  accessiblePlaces: string;
  gap: GapWords;
  gapRange: string;
  /** The chance of being short: a percentage where informative, else "near certain (>99%)" and the like. */
  probability: string;
  /** False when that chance is saturated (below 1% or above 99%) and so shown in words. */
  probabilityInformative: boolean;
  /** The unrounded median beds needed, for comparisons. */
  bedsNeededValue: number;
}

/** One row per projected year: demand, beds (and by need type), places, gap and chance of being short. */
export function buildYearRows(area: Pick<AreaProjection, 'years'>): YearRow[] {
  return area.years.map((y) => ({
    year: y.year,
    demandP50: formatWhole(y.demand.p50),
    demandRange: formatRange(y.demand),
    bedsP50: formatWhole(y.bedsNeeded.p50),
    bedsRange: formatRange(y.bedsNeeded),
    mainstreamP50: formatWhole(y.bedsNeededByNeedType.mainstream.p50),
    soloComplexP50: formatWhole(y.bedsNeededByNeedType.soloComplex.p50),
    registeredPlaces: formatWhole(y.registeredPlaces),
    accessiblePlaces: formatWhole(y.accessiblePlaces),
    gap: gapWords(y.gap.p50),
    gapRange: gapRangeWords(y.gap),
    probability: shortfallProbability(y).text,
    probabilityInformative: shortfallProbability(y).informative,
    bedsNeededValue: y.bedsNeeded.p50,
  }));
}

/**
 * The base year (year 0) as a row of the same table: observed children (no range), beds needed at
 * the target occupancy, places and the gap by the same definition; null without a base position.
 */
export function baseYearRow(area: Pick<AreaProjection, 'base'>): YearRow | null {
  const b = area.base;
  if (!b || b.children === null || b.bedsNeeded === null || b.gap === null) return null;
  return {
    year: b.year,
    demandP50: formatWhole(b.children),
    demandRange: 'observed',
    bedsP50: formatWhole(b.bedsNeeded),
    bedsRange: '',
    mainstreamP50: '—',
    soloComplexP50: '—',
    registeredPlaces: formatWhole(b.places.registered),
    accessiblePlaces: formatWhole(b.places.accessible),
    gap: gapWords(b.gap),
    gapRange: 'year 0',
    probability: '—',
    probabilityInformative: true,
    bedsNeededValue: b.bedsNeeded,
  };
}

/**
 * The headline for an area's last projected year: "In 2030: 923 children (80% range 790–1,083) need
 * a place; 1,085 beds are needed against 500 accessible places: short by 586."
 */
export function headline(area: Pick<AreaProjection, 'years'>): string | null {
  const last = area.years[area.years.length - 1];
  if (!last) return null;
  const gap = gapWords(last.gap.p50);
  const gapText = gap.kind === 'balanced' ? 'no gap' : gap.text;
  return `By 31 March ${last.year}: ${formatWhole(last.demand.p50)} children (80% range ${formatRange(last.demand)}) need a place; ${formatWhole(last.bedsNeeded.p50)} beds are needed against ${formatWhole(last.accessiblePlaces)} accessible places: ${gapText}.`;
}

// ---------- Methods ----------

export const methodLabels: Record<ProjectionMethodId, string> = {
  rate: 'Rate-based',
  manual: 'Manual growth',
  stockFlow: 'Stock and flow',
};

export const methodDescriptions: Record<ProjectionMethodId, string> = {
  rate: 'the rate-based method (children per 10,000 aged 0 to 17 × population, each authority’s trend pooled towards the consortium’s and damped)',
  manual: 'the manual growth method (each authority’s last observed number grown by the annual rate set below)',
  stockFlow: 'the stock and flow method',
};

// ---------- Trends ----------

/** A log-rate trend per year as a yearly percentage change: 0.0953 → "+10.0%". */
export function trendPercent(logTrend: number): string {
  return formatSignedPercent(Math.expm1(logTrend));
}

export interface ModelWords {
  /** For a small multiple: "Trend used +15.8% a year (own +24.8%, consortium +8.3%; 51% pooled)". */
  short: string;
  /** For the authority's detail: how the trend was formed, in a sentence or two. */
  long: string;
}

/** How an authority's projection was formed, in words; null when the result carries no model. */
export function describeModel(model: RateModelSummary | ManualModelSummary | undefined): ModelWords | null {
  if (!model) return null;
  if (model.kind === 'manual') {
    const growth = formatSignedPercent(model.growth);
    return {
      short: `Growth set: ${growth} a year from ${formatWhole(model.jumpOffValue)} in ${model.jumpOffYear}`,
      long: `Manual growth of ${growth} a year applied to the ${formatWhole(model.jumpOffValue)} children observed on 31 March ${model.jumpOffYear}.`,
    };
  }
  const weight = `${Math.round(model.poolingWeight * 100)}%`;
  return {
    short: `Trend used ${trendPercent(model.pooledTrend)} a year (own ${trendPercent(model.ownTrend)}, consortium ${trendPercent(model.consortiumTrend)}; ${weight} pooled)`,
    long:
      `Rate per 10,000 children aged 0 to 17: ${upToOneDecimal.format(model.ratePer10k)} at the last observed year, fitted on ${model.years} ${model.years === 1 ? 'year' : 'years'}. ` +
      `Its own trend is ${trendPercent(model.ownTrend)} a year and the consortium’s ${trendPercent(model.consortiumTrend)}; ` +
      `the trend used, ${trendPercent(model.pooledTrend)} a year, puts ${weight} of the weight on the consortium’s (more for small or noisy authorities), and is then damped year by year.`,
  };
}

/** The growth a projection implies (shared/forecast/impliedGrowth.ts), for the manual method's starting point. */
export { impliedAnnualGrowth } from '#shared/forecast/impliedGrowth.js';

// ---------- Assumptions ----------

/** An assumption the plan stores and the view lets the commissioner change, entered as a percentage. */
export interface EditableSpec {
  /** The key setAssumption takes (the plan's register key). */
  planKey: string;
  /** Percentage bounds the input accepts. */
  min: number;
  max: number;
  step: number;
  /** Short name for the input and its messages. */
  name: string;
}

/** Result assumption key → how it is edited. The solo/complex share is stored under a different key. */
export const editableAssumptions: Readonly<Record<string, EditableSpec>> = {
  targetOccupancy: {
    planKey: planAssumptionKeys.targetOccupancy,
    min: 50,
    max: 100,
    step: 1,
    name: 'Target occupancy',
  },
  openMarketAccessShare: {
    planKey: planAssumptionKeys.openMarketAccessShare,
    min: 0,
    max: 100,
    step: 1,
    name: 'Open-market share available to an authority’s own children',
  },
  consortiumOpenMarketAccessShare: {
    planKey: planAssumptionKeys.consortiumOpenMarketAccessShare,
    min: 0,
    max: 100,
    step: 1,
    name: 'Open-market share available to consortium children',
  },
  trendDamping: {
    planKey: planAssumptionKeys.trendDamping,
    min: 1,
    max: 100,
    step: 1,
    name: 'Trend damping',
  },
  'needTypeShare.soloComplex': {
    planKey: planAssumptionKeys.soloComplexShare,
    min: 0,
    max: 100,
    step: 1,
    name: 'Share needing a solo or complex-needs home',
  },
  populationGrowthWithoutProjection: {
    planKey: 'populationGrowthWithoutProjection',
    min: -5,
    max: 5,
    step: 0.1,
    name: 'Annual change in the population aged 0 to 17',
  },
};

export type ParsedPercent = { ok: true; share: number; percent: number } | { ok: false; message: string };

/**
 * Reads a percentage as typed ("80", "80%", " 82.5 ", "82,5") and checks it against the bounds.
 * Returns the share (0.8) or a message saying what to enter.
 */
export function parsePercent(text: string, bounds: { min: number; max: number; name: string }): ParsedPercent {
  const cleaned = text.trim().replace(/%$/, '').trim().replace(',', '.');
  const range = `from ${upToOneDecimal.format(bounds.min)}% to ${upToOneDecimal.format(bounds.max)}%`;
  if (cleaned === '') return { ok: false, message: `Enter ${bounds.name.toLowerCase()} as a percentage ${range}.` };
  if (!/^[-+−]?\d+(\.\d+)?$|^[-+−]?\.\d+$/.test(cleaned)) {
    return { ok: false, message: `${bounds.name} must be a number ${range}.` };
  }
  const percent = Number(cleaned.replace('−', '-'));
  if (!Number.isFinite(percent) || percent < bounds.min || percent > bounds.max) {
    return { ok: false, message: `${bounds.name} must be ${range}.` };
  }
  return { ok: true, percent, share: Math.round(percent * 1000) / 100000 };
}

/** Annual growth as typed for the manual method ("3", "-2.5", "+4%") → a rate (0.03); bounds as the host's. */
export function parseGrowth(text: string, name: string): { ok: true; growth: number } | { ok: false; message: string } {
  const cleaned = text.trim().replace(/%$/, '').trim().replace(',', '.').replace('−', '-');
  if (cleaned === '') return { ok: true, growth: 0 };
  if (!/^[-+]?(\d+(\.\d+)?|\.\d+)$/.test(cleaned)) {
    return { ok: false, message: `${name}: enter the growth as a percentage a year, e.g. 3 or −2.5.` };
  }
  const percent = Number(cleaned);
  if (!(percent > -100 && percent < 1000)) {
    return { ok: false, message: `${name}: growth must be above −100% and below 1,000% a year.` };
  }
  return { ok: true, growth: Math.round(percent * 1000) / 100000 };
}

export interface AssumptionRowModel {
  key: string;
  label: string;
  valueText: string;
  rationale: string;
  source: string | null;
  /** How to change it here; null when it is read-only. */
  editable: (EditableSpec & { percent: number }) | null;
  /** Why a read-only assumption cannot be changed here, when there is more to say than its rationale. */
  note: string | null;
}

/** The result's assumptions, in its order, with an input for each one the plan stores. */
export function buildAssumptionRows(assumptions: readonly ForecastAssumption[]): AssumptionRowModel[] {
  return assumptions.map((a) => {
    const spec = editableAssumptions[a.key];
    let note: string | null = null;
    if (a.key === 'needTypeShare.mainstream') note = 'The rest of the children: change the solo or complex share.';
    else if (a.key.startsWith('manualGrowth.')) note = 'Set in the growth table for the manual method.';
    return {
      key: a.key,
      label: a.label,
      valueText: formatForecastAssumption(a),
      rationale: a.rationale,
      source: a.source,
      editable: spec ? { ...spec, percent: shareToPercent(a.value) } : null,
      note,
    };
  });
}

// ---------- Backtest ----------

export interface AccuracyCells {
  mae: string;
  mape: string;
  coverage: string;
}

export interface BacktestRow {
  h: number;
  n: number;
  method: AccuracyCells;
  lastValue: AccuracyCells;
  linearTrend: AccuracyCells;
  /** Which of the three had the smallest mean absolute error (ties: all of them). */
  best: ('method' | 'lastValue' | 'linearTrend')[];
}

function accuracyCells(a: HorizonAccuracy | undefined): AccuracyCells {
  if (!a) return { mae: '—', mape: '—', coverage: '—' };
  return {
    mae: a.mae === null ? '—' : upToOneDecimal.format(a.mae),
    mape: a.mape === null ? '—' : `${upToOneDecimal.format(a.mape)}%`,
    coverage: a.coverage80 === null ? '—' : `${Math.round(a.coverage80 * 100)}%`,
  };
}

/** One row per horizon, comparing the method with the last-value and linear-trend baselines. */
export function buildBacktestRows(level: {
  method: readonly HorizonAccuracy[];
  lastValue: readonly HorizonAccuracy[];
  linearTrend: readonly HorizonAccuracy[];
}): BacktestRow[] {
  return level.method.map((m) => {
    const lv = level.lastValue.find((a) => a.h === m.h);
    const lt = level.linearTrend.find((a) => a.h === m.h);
    const maes = { method: m.mae, lastValue: lv?.mae ?? null, linearTrend: lt?.mae ?? null };
    const known = Object.values(maes).filter((v): v is number => v !== null);
    const least = known.length ? Math.min(...known) : null;
    const best = (Object.keys(maes) as (keyof typeof maes)[]).filter(
      (k) => least !== null && maes[k] !== null && Math.abs((maes[k] ?? 0) - least) < 1e-9,
    );
    return {
      h: m.h,
      n: m.n,
      method: accuracyCells(m),
      lastValue: accuracyCells(lv),
      linearTrend: accuracyCells(lt),
      best,
    };
  });
}

/**
 * The backtest's first horizon in a sentence: "One year ahead, this method's forecasts for member
 * authorities were out by 8.8 children on average (12.6%), against 9.3 for repeating the last value
 * and 10.6 for a straight-line trend (20 forecasts)."
 */
export function backtestSummary(backtest: BacktestResult): string | null {
  const m = backtest.horizons.find((a) => a.h === 1) ?? backtest.horizons[0];
  if (!m || m.mae === null) return null;
  const lv = backtest.baselines.lastValue.find((a) => a.h === m.h);
  const lt = backtest.baselines.linearTrend.find((a) => a.h === m.h);
  const ahead = m.h === 1 ? 'One year ahead' : `${m.h} years ahead`;
  const pct = m.mape === null ? '' : ` (${upToOneDecimal.format(m.mape)}%)`;
  const against: string[] = [];
  if (lv?.mae != null) against.push(`${upToOneDecimal.format(lv.mae)} for repeating the last value`);
  if (lt?.mae != null) against.push(`${upToOneDecimal.format(lt.mae)} for a straight-line trend`);
  return (
    `${ahead}, this method’s forecasts for member authorities were out by ${upToOneDecimal.format(m.mae)} children on average${pct}` +
    (against.length ? `, against ${against.join(' and ')}` : '') +
    ` (${m.n} ${m.n === 1 ? 'forecast' : 'forecasts'}).`
  );
}
