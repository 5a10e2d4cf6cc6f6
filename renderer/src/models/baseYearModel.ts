/**
 * Year 0 and what the gap is made of, in words and rows, for the Projection view, the report and
 * the printed summary: the base year's observed position by the projection's own definitions
 * (children, where they were placed, places by sector, the gap) and the horizon year's median gap
 * split into today's shortfall, growth in need, occupancy headroom and supply change.
 */
import type { BasePosition, GapDecomposition, GapReconciliation } from '#shared/forecast/basePosition.js';
import type { TornadoBar } from '#shared/forecast/assumptionUncertainty.js';
import type { AreaProjection, ProjectionResult } from '#shared/forecast/types.js';
import type { TornadoRow } from '../charts/scenario/tornadoModel';
import { formatSnapshot } from '#shared/model/dates.js';
import { formatSignedCount, formatWhole } from '../format/numbers';
import { formatRoundedPercent } from '../format/shares';

/** "31 March 2023" from "2023-03-31"; null without a snapshot. */
const snapshotDate = (period: string | null): string | null => (period ? formatSnapshot(period) : null);

export interface BaseYearWords {
  /** "31 March 2025 (year 0, the latest published)". */
  when: string;
  /** "727 children in secure and children’s homes". */
  children: string | null;
  /** "267 in their own authority, 263 elsewhere in the consortium, 197 outside it (placement flows, 31 March 2025)". */
  placed: string | null;
  /** "754 registered places: 118 LA-run, 0 block-contracted, 636 private and voluntary (Ofsted, 31 March 2023)". */
  places: string;
  /** "500 accessible: LA-run and contracted places and 60% of the open market". */
  accessible: string;
  /** "855 beds needed at 85% occupancy: short by 356 already." */
  gap: string | null;
}

/** The base year's position in words; null when the projection carries none. */
export function baseYearWords(
  area: Pick<AreaProjection, 'base'>,
  targetOccupancy: number | undefined,
): BaseYearWords | null {
  const base = area.base;
  if (!base) return null;
  const p = base.places;
  const snapshot = snapshotDate(p.snapshot);
  const w = base.placedWhere;
  const placedTotal = w ? w.ownLa + w.elsewhereInConsortium + w.outside : 0;
  // The consortium counts at least each member's own share of its market (shared/forecast/beds/supplyPaths.ts).
  const above = p.accessible - (p.laRun + p.contracted + p.openMarketShare * p.openMarket);
  let gap: string | null = null;
  if (base.gap !== null && base.bedsNeeded !== null) {
    const n = Math.round(base.gap);
    const state = n > 0 ? `short by ${formatWhole(n)} already` : n < 0 ? `a surplus of ${formatWhole(-n)}` : 'no gap';
    gap = `${formatWhole(base.bedsNeeded)} beds needed${targetOccupancy !== undefined ? ` at ${formatRoundedPercent(targetOccupancy)} occupancy` : ''}: ${state}.`;
  }
  return {
    when: `31 March ${base.year} (year 0, the latest published figures)`,
    children: base.children === null ? null : `${formatWhole(base.children)} children in secure and children’s homes`,
    placed:
      w && placedTotal > 0
        ? `${formatWhole(w.ownLa)} in their own authority, ${formatWhole(w.elsewhereInConsortium)} elsewhere in the consortium, ${formatWhole(w.outside)} outside it (placement flows, 31 March ${w.period})`
        : null,
    places: `${formatWhole(p.registered)} registered places: ${formatWhole(p.laRun)} LA-run, ${formatWhole(p.contracted)} block-contracted, ${formatWhole(p.openMarket)} private and voluntary${snapshot ? ` (Ofsted, ${snapshot}${p.movedOn ? `, moved on to ${base.year} by the openings and closures since` : ''})` : ''}`,
    accessible: `${formatWhole(p.accessible)} accessible: LA-run and contracted places and ${formatRoundedPercent(p.openMarketShare)} of the open market${above >= 0.5 ? `, and ${formatWhole(above)} more where a member’s own share of its open market is above that` : ''}`,
    gap,
  };
}

export interface GapPartRow {
  key: keyof Omit<GapDecomposition, 'year' | 'gap'> | 'gap';
  label: string;
  /** What the part means, in a sentence. */
  meaning: string;
  value: number;
  /** "+46", "−12", "227". */
  text: string;
}

/** The parts of one projected year's median gap, with the total last; null without them. */
export function gapPartRows(area: Pick<AreaProjection, 'decomposition' | 'base'>, year?: string): GapPartRow[] | null {
  const parts = area.decomposition ?? [];
  const d = year ? parts.find((x) => x.year === year) : parts.at(-1);
  const base: BasePosition | undefined = area.base;
  if (!d || !base) return null;
  return [
    {
      key: 'todayShortfall',
      label: `Today’s shortfall (${base.year})`,
      meaning: 'children in homes now beyond the accessible places now',
      value: d.todayShortfall,
      text: formatWhole(Math.round(d.todayShortfall)),
    },
    {
      key: 'growthInNeed',
      label: `Growth in need to ${d.year}`,
      meaning: 'projected children (median) less children now',
      value: d.growthInNeed,
      text: formatSignedCount(d.growthInNeed),
    },
    {
      key: 'occupancyHeadroom',
      label: 'Occupancy headroom',
      meaning: 'beds kept free so homes can match children to places (beds needed less children)',
      value: d.occupancyHeadroom,
      text: formatSignedCount(d.occupancyHeadroom),
    },
    {
      key: 'supplyChange',
      label: 'Supply change',
      meaning: 'accessible places lost (+) or gained (−) since the base year',
      value: d.supplyChange,
      text: formatSignedCount(d.supplyChange),
    },
    {
      key: 'gap',
      label: `Gap in ${d.year} (median)`,
      meaning: 'beds needed less accessible places',
      value: d.gap,
      text: formatWhole(Math.round(d.gap)),
    },
  ];
}

/** "Of the 586-bed gap in 2030, 356 is already there today …" in one sentence; null without parts. */
export function gapPartsSentence(area: Pick<AreaProjection, 'decomposition' | 'base'>): string | null {
  const rows = gapPartRows(area);
  const d = area.decomposition?.at(-1);
  if (!rows || !d || !area.base || area.base.gap === null) return null;
  const todayGap = Math.round(area.base.gap);
  const total = Math.round(d.gap);
  return `By the same definition the gap is ${formatWhole(todayGap)} today (${area.base.year}) and ${formatWhole(total)} in ${d.year}: today’s shortfall ${formatWhole(Math.round(d.todayShortfall))}, growth in need ${formatSignedCount(d.growthInNeed)}, occupancy headroom ${formatSignedCount(d.occupancyHeadroom)}, supply change ${formatSignedCount(d.supplyChange)}.`;
}

// ---------- What moves the headline gap ----------

export interface GapTornadoModel {
  /** The year of the gap. */
  year: string;
  /** The headline (median) gap at the plan's values. */
  gap: number;
  rows: TornadoRow[];
  /** Each input's range and where it comes from, in the bars' order. */
  notes: { label: string; range: string; basis: string }[];
}

const inputText = (key: TornadoBar['key'], v: number): string =>
  key === 'demand'
    ? `${formatWhole(v)} children`
    : key === 'supply'
      ? `${formatWhole(v)} places`
      : formatRoundedPercent(v);

/**
 * The projection's tornado of the horizon gap as rows for the tornado chart: each input at its low
 * and high with the others at the plan's values (the chart shows the change from the headline).
 */
export function gapTornadoModel(result: Pick<ProjectionResult, 'tornado' | 'consortium'>): GapTornadoModel | null {
  const last = result.consortium.years.at(-1);
  const bars = result.tornado ?? [];
  if (!last || bars.length === 0) return null;
  const gap = last.gap.p50;
  return {
    year: last.year,
    gap,
    rows: bars.map((b) => ({
      key: b.key,
      label: b.label,
      detail: `${inputText(b.key, b.lowInput)} to ${inputText(b.key, b.highInput)}`,
      low: { cost: 0, gap: b.gapAtLow },
      high: { cost: 0, gap: b.gapAtHigh },
      notEstimated: ['cost'],
    })),
    notes: bars.map((b) => ({
      label: b.label,
      range: `${inputText(b.key, b.lowInput)} to ${inputText(b.key, b.highInput)}`,
      basis: b.basis,
    })),
  };
}

// ---------- The consortium's gap and its members' gaps ----------

export interface ReconciliationRow {
  key: 'sumOfMembers' | 'pooledAccess' | 'mediansDoNotAdd' | 'other' | 'consortium';
  label: string;
  text: string;
}

/** The horizon year's consortium gap reconciled with the sum of its members' gaps, as rows. */
export function reconciliationRows(
  reconciliation: GapReconciliation | undefined,
  shares: OpenMarketShares | null,
): ReconciliationRow[] | null {
  if (!reconciliation) return null;
  const r = reconciliation;
  const own = shares?.ownRange
    ? `each member’s own share, ${formatRoundedPercent(shares.ownRange[0])}–${formatRoundedPercent(shares.ownRange[1])}`
    : shares?.own !== null && shares?.own !== undefined
      ? formatRoundedPercent(shares.own)
      : null;
  const shareText = shares && own ? ` (${formatRoundedPercent(shares.consortium)} rather than ${own})` : '';
  const rows: ReconciliationRow[] = [
    {
      key: 'sumOfMembers',
      label: 'Sum of the member authorities’ gaps (each counting its own share of its open market)',
      text: formatWhole(Math.round(r.sumOfMembers)),
    },
    {
      key: 'pooledAccess',
      label: `Less: open-market places in other members a consortium child can also use${shareText}`,
      text: formatSignedCount(-r.pooledAccess),
    },
    {
      key: 'mediansDoNotAdd',
      label: 'Plus: the consortium’s median children less the sum of members’ medians, in beds (medians do not add)',
      text: formatSignedCount(r.mediansDoNotAdd),
    },
  ];
  if (Math.abs(r.other) >= 0.5)
    rows.push({ key: 'other', label: 'Other (places floored at zero)', text: formatSignedCount(r.other) });
  rows.push({
    key: 'consortium',
    label: `The consortium’s gap in ${r.year}`,
    text: formatWhole(Math.round(r.consortium)),
  });
  return rows;
}

/** The open-market shares a projection used: an authority's own (one, or each member's), the consortium's. */
export interface OpenMarketShares {
  /** The one share every member used; null when each member has its own. */
  own: number | null;
  /** Lowest and highest of the members' own shares, when each has its own; else null. */
  ownRange: [number, number] | null;
  consortium: number;
}

/** The open-market shares a projection used, or null. */
export function openMarketShares(
  result: Pick<ProjectionResult, 'assumptions'> & Partial<Pick<ProjectionResult, 'accessShares'>>,
): OpenMarketShares | null {
  const value = (key: string) => result.assumptions.find((a) => a.key === key)?.value;
  const own = value('openMarketAccessShare');
  const consortium = value('consortiumOpenMarketAccessShare');
  if (own === undefined || consortium === undefined) return null;
  const each = (result.accessShares ?? []).filter((a) => a.basis !== 'set').map((a) => a.share);
  return each.length
    ? { own: null, ownRange: [Math.min(...each), Math.max(...each)], consortium }
    : { own, ownRange: null, consortium };
}

/** One member's own open-market share as a table row: the estimate, its range, inputs and source. */
export interface AccessShareRow {
  code: string;
  name: string;
  /** "57%". */
  share: string;
  /** "46–70%". */
  range: string;
  /** "36% (flows, 2025)". */
  inside: string;
  /** "23% (2025)" or "—". */
  over20Miles: string;
  /** "12 / 55". */
  places: string;
  /** "Estimated", "National figure" or "Set for all". */
  basis: string;
  explanation: string;
  source: string;
  /** Why the published inside share cannot be reproduced by the share alone, or null. */
  limit: string | null;
}

const BASIS_WORDS = { estimated: 'Estimated', national: 'National figure', set: 'Set for all' } as const;

/** Rows of the members' own open-market shares; null when the projection has none. */
export function accessShareRows(result: Partial<Pick<ProjectionResult, 'accessShares'>>): AccessShareRow[] | null {
  const shares = result.accessShares;
  if (!shares?.length) return null;
  return shares.map((a) => ({
    code: a.code,
    name: a.name,
    share: formatRoundedPercent(a.share),
    range: `${Math.round(a.low * 100)}–${formatRoundedPercent(a.high)}`,
    inside: a.inside
      ? `${formatRoundedPercent(a.inside.share)} (${a.inside.basis === 'flows' ? 'placement flows' : 'DfE, moved to homes'}, ${a.inside.period})`
      : '—',
    over20Miles: a.over20Miles ? `${formatRoundedPercent(a.over20Miles.share)} (${a.over20Miles.period})` : '—',
    places: `${formatWhole(a.laRunPlaces)} / ${formatWhole(a.openMarketPlaces)}`,
    basis: BASIS_WORDS[a.basis],
    explanation: a.explanation,
    source: a.source,
    limit: a.limit,
  }));
}
