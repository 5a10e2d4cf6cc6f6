/**
 * Pure preparation of the history panel: which areas can be shown, and for the chosen one a card per
 * headline measure with its series (the area, then the consortium it is compared with).
 */
import { measures, type MeasureId, type MeasureUnit } from '#shared/model/measures.js';
import type { HistoryPoint, PlanSummary } from '#shared/model/summary.js';
import type { RowKind } from './table';

export interface HistoryArea {
  /** The same key as the area's row in the authority table. */
  key: string;
  name: string;
  kind: RowKind;
}

export const consortiumKey = 'consortium';

/** The consortium, its members (in summary order) and the comparators. */
export function historyAreas(summary: PlanSummary): HistoryArea[] {
  return [
    { key: consortiumKey, name: summary.consortium.name, kind: 'consortium' },
    ...summary.authorities
      .filter((a) => a.isMember)
      .map((a) => ({ key: `member:${a.code}`, name: a.name, kind: 'member' as const })),
    ...summary.comparators.map((a) => ({ key: `comparator:${a.code}`, name: a.name, kind: 'comparator' as const })),
  ];
}

export interface HistorySeries {
  key: string;
  name: string;
  /** The chosen area, or the consortium shown for comparison. */
  role: 'area' | 'consortium';
  points: HistoryPoint[];
}

export interface HistoryCard {
  measure: MeasureId;
  label: string;
  unit: MeasureUnit;
  /** Oldest and newest periods across the series. */
  firstPeriod: string | null;
  lastPeriod: string | null;
  series: HistorySeries[];
}

type History = Partial<Record<MeasureId, HistoryPoint[]>>;

/**
 * One card per measure, in the given order and then any other measure with history. A comparator or
 * member is paired with the consortium; the consortium stands alone. An unknown key falls back to the
 * consortium.
 */
export function buildHistoryCards(summary: PlanSummary, areaKey: string, order: readonly MeasureId[]): HistoryCard[] {
  const consortiumHistory: History = summary.consortium.history ?? {};
  const area =
    summary.authorities.find((a) => a.isMember && `member:${a.code}` === areaKey) ??
    summary.comparators.find((a) => `comparator:${a.code}` === areaKey) ??
    null;
  const areaHistory: History = area?.history ?? {};

  const measuresShown: MeasureId[] = [];
  for (const m of [
    ...order,
    ...(Object.keys(consortiumHistory) as MeasureId[]),
    ...(Object.keys(areaHistory) as MeasureId[]),
  ]) {
    if (!measuresShown.includes(m) && measures[m]) measuresShown.push(m);
  }

  const cards: HistoryCard[] = [];
  for (const measure of measuresShown) {
    const series: HistorySeries[] = [];
    const own = areaHistory[measure];
    if (area && own?.length) series.push({ key: area.code, name: area.name, role: 'area', points: own });
    const total = consortiumHistory[measure];
    if (total?.length) {
      series.push({ key: consortiumKey, name: summary.consortium.name, role: 'consortium', points: total });
    }
    if (series.length === 0) continue;
    const periods = series.flatMap((s) => s.points.map((p) => p.period)).sort();
    cards.push({
      measure,
      label: measures[measure].label,
      unit: measures[measure].unit,
      firstPeriod: periods[0] ?? null,
      lastPeriod: periods[periods.length - 1] ?? null,
      series,
    });
  }
  return cards;
}

/** "2024" → "2024"; "2023-03-31" → "2023": short enough to write at a chart's ends. */
export function shortPeriod(period: string): string {
  const year = /^(\d{4})(?:-\d{2}-\d{2})?$/.exec(period);
  return year?.[1] ?? period;
}
