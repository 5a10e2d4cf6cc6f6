/**
 * The Map view's note on what the base year (year 0) is drawn from, in words, with its sources.
 */
import type { ProjectionResult } from '#shared/forecast/types.js';
import { baseSnapshot, type MapYear } from '#shared/map/index.js';
import type { Source } from '#shared/model/dataset.js';
import { formatSnapshot } from '#shared/model/dates.js';
import type { PlanSummary } from '#shared/model/summary.js';
import { longDate } from '../../charts/map/words';

/**
 * What the base year (year 0) on the map is drawn from, in words: observed children as published
 * (their sources), places at the supply snapshot, and the placement flows' period; null for any
 * other year or without a projection carrying year 0.
 */
export function baseYearSourceNote(
  summary: PlanSummary,
  projection: ProjectionResult | null,
  year: MapYear,
  sources: ReadonlyMap<string, Source>,
): string | null {
  if (year.kind !== 'base' || !projection) return null;
  const bases = projection.areas.flatMap((a) => (a.base ? [a.base] : []));
  if (bases.length === 0) return null;
  const childSources = new Set<string>();
  for (const a of summary.authorities) {
    if (!a.isMember) continue;
    for (const p of a.history.childrenInChildrensHomes ?? []) if (p.period === year.year) childSources.add(p.source);
  }
  const named = (ids: Iterable<string>) =>
    [...ids]
      .map((id) => sources.get(id))
      .filter((s): s is Source => s !== undefined)
      .map((s) => `${s.publisher}${s.illustrative ? ' (illustrative)' : ''}`)
      .filter((t, i, all) => all.indexOf(t) === i)
      .join(', ');
  const childWho = named(childSources);
  const snapshot = baseSnapshot(projection);
  const moved = bases.some((b) => b.places.movedOn);
  const flowPeriods = [...new Set(bases.flatMap((b) => (b.placedWhere ? [b.placedWhere.period] : [])))].sort();
  const flowWho = named(new Set(bases.flatMap((b) => b.placedWhere?.sources ?? [])));
  const parts = [
    `children in secure and children’s homes on ${longDate(year.year)} as published${childWho ? ` (${childWho})` : ''}`,
    `places by sector from Ofsted${snapshot ? `, ${formatSnapshot(snapshot)}` : ''}${moved ? `, moved on to ${year.year} by openings and closures` : ''}`,
    flowPeriods.length > 0
      ? `where children were placed from the placement flows, ${flowPeriods.map(longDate).join(' and ')}${flowWho ? ` (${flowWho})` : ''}`
      : 'no placement flows for where children were placed',
  ];
  return `Observed, year 0 (the projection’s base year): ${parts.join('; ')}.`;
}
