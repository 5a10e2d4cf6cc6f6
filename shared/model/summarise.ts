/**
 * Headline figures for the consortium, its members and comparators, computed from a plan's
 * stored observations. Pure: the same plan data always gives the same summary.
 */
import type { Area, Observation, Source } from './dataset.js';
import { measures, type MeasureId } from './measures.js';
import type { AreaSummary, HeadlineFigure, PlanSummary } from './summary.js';

export interface PlanData {
  consortiumName: string;
  areas: Area[];
  observations: Observation[];
  sources: Source[];
}

/** The measures shown as headlines, in display order. */
export const headlineMeasures: readonly MeasureId[] = [
  'childrenLookedAfter',
  'childrenLookedAfterRatePer10k',
  'childrenInChildrensHomes',
  'placedOutsideLaBoundary',
  'placedOver20Miles',
  'missingIncidents',
  'childrensHomes',
  'registeredPlaces',
  'population0to17',
];

type ObservationIndex = Map<string, Observation>;

const key = (area: string, measure: MeasureId, period: string) => `${area}|${measure}|${period}`;

/** Compares periods such as "2024" and "2023-03-31" chronologically. */
export function comparePeriods(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The latest period for which any member has a figure for the measure. */
export function latestPeriod(data: PlanData, measure: MeasureId, memberCodes: ReadonlySet<string>): string | null {
  let latest: string | null = null;
  for (const o of data.observations) {
    if (o.measure !== measure || !memberCodes.has(o.area)) continue;
    if (latest === null || comparePeriods(o.period, latest) > 0) latest = o.period;
  }
  return latest;
}

function figureFor(index: ObservationIndex, area: string, measure: MeasureId, period: string): HeadlineFigure {
  const o = index.get(key(area, measure, period));
  return {
    measure,
    period,
    value: o?.value ?? null,
    suppression: o?.suppression ?? null,
    sources: o ? [o.source] : [],
  };
}

function consortiumTotal(
  index: ObservationIndex,
  members: readonly Area[],
  measure: MeasureId,
  period: string,
): HeadlineFigure {
  if (measures[measure].aggregation === 'sum') {
    let total = 0;
    let any = false;
    const sources = new Set<string>();
    const missingMembers: string[] = [];
    for (const m of members) {
      const o = index.get(key(m.code, measure, period));
      if (o?.value === null || o?.value === undefined) {
        missingMembers.push(m.name);
        continue;
      }
      any = true;
      total += o.value;
      sources.add(o.source);
    }
    return {
      measure,
      period,
      value: any ? total : null,
      suppression: null,
      sources: [...sources].sort(),
      ...(missingMembers.length ? { missingMembers } : {}),
      derivation: `Sum of the ${members.length} member authorities${missingMembers.length ? ` (${missingMembers.length} without a figure)` : ''}`,
    };
  }
  // Rates are recomputed from the summed numerator and population, never averaged.
  const numerator = consortiumTotal(index, members, 'childrenLookedAfter', period);
  const population = consortiumTotal(index, members, 'population0to17', period);
  const complete =
    numerator.value !== null && population.value !== null && !numerator.missingMembers && !population.missingMembers;
  return {
    measure,
    period,
    value: complete && population.value ? Math.round(((numerator.value ?? 0) / population.value) * 100_000) / 10 : null,
    suppression: null,
    sources: [...new Set([...numerator.sources, ...population.sources])].sort(),
    ...(complete
      ? {}
      : { missingMembers: [...new Set([...(numerator.missingMembers ?? []), ...(population.missingMembers ?? [])])] }),
    derivation: `Children looked after on 31 March ${period} ÷ ONS mid-${period} population aged 0 to 17 × 10,000, summed over members`,
  };
}

export function summarisePlan(data: PlanData, planName: string): PlanSummary {
  const index: ObservationIndex = new Map(data.observations.map((o) => [key(o.area, o.measure, o.period), o]));
  const members = data.areas.filter((a) => a.isMember).sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
  const memberCodes = new Set(members.map((m) => m.code));
  const periods = new Map<MeasureId, string>();
  for (const measure of headlineMeasures) {
    const period = latestPeriod(data, measure, memberCodes);
    if (period !== null) periods.set(measure, period);
  }
  const areaSummary = (area: Area): AreaSummary => ({
    code: area.code,
    dfeCode: area.dfeCode,
    name: area.name,
    level: area.level,
    isMember: area.isMember,
    headline: [...periods].map(([measure, period]) => figureFor(index, area.code, measure, period)),
  });
  const comparatorOrder = { Regional: 0, National: 1, 'Local authority': 2 } as const;
  return {
    planName,
    consortium: {
      name: data.consortiumName,
      memberCount: members.length,
      headline: [...periods].map(([measure, period]) => consortiumTotal(index, members, measure, period)),
    },
    authorities: members.map(areaSummary),
    comparators: data.areas
      .filter((a) => a.level !== 'Local authority')
      .sort((a, b) => comparatorOrder[a.level] - comparatorOrder[b.level])
      .map(areaSummary),
    sources: data.sources,
  };
}
