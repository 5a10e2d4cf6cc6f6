/**
 * The years on the Map's slider: published history years, the base year (year 0, observed) when the
 * projection carries it, then the projection's years.
 */
import type { ProjectionResult } from '../forecast/types.js';
import type { PlanSummary } from '../model/summary.js';

/**
 * A year on the slider: one of published figures only ('history'), the base year ('base': year 0,
 * the latest observed position by the projection's own definitions, with a gap), or a projected year.
 */
export interface MapYear {
  year: string;
  kind: 'history' | 'base' | 'projection';
}

const historyMeasures = ['childrenInChildrensHomes', 'placedOver20Miles', 'childrenLookedAfter'] as const;

/**
 * History years (published figures), the base year (year 0, observed, when the projection carries
 * it), then the projection's years; the default is the horizon's last year.
 */
export function mapYears(
  summary: PlanSummary,
  projection: ProjectionResult | null,
): { years: MapYear[]; defaultIndex: number } {
  const projected = projection?.years ?? [];
  const firstProjected = projected[0] ?? '9999';
  const history = new Set<string>();
  for (const a of summary.authorities) {
    if (!a.isMember) continue;
    for (const m of historyMeasures) {
      for (const p of a.history[m] ?? [])
        if (/^\d{4}$/.test(p.period) && p.period < firstProjected) history.add(p.period);
    }
  }
  const baseYear = projection && projection.areas.some((a) => a.base) ? projection.baseYear : null;
  if (baseYear) history.add(baseYear);
  const years: MapYear[] = [
    ...[...history]
      .sort()
      .map((year) => ({ year, kind: year === baseYear ? ('base' as const) : ('history' as const) })),
    ...projected.map((year) => ({ year, kind: 'projection' as const })),
  ];
  return { years, defaultIndex: Math.max(0, years.length - 1) };
}
